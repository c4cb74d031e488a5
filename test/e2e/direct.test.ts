import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pickPerson, seriousA11yViolations, shot, signIn, startE2E, untilDropdownsClosed, type E2E } from './browser.js';
import { uploadDocument } from '../helpers/documents.js';

// Issue 13, incoming flow: the clerk presents a registered document to the leader, who directs it
// (bút phê) on a phone-sized screen: Sở Tài chính chủ trì, Sở Nội vụ phối hợp, 3 working days.
describe('web app: presenting and bút phê', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  }, 120_000);
  afterAll(() => e2e?.close());

  it('province.clerk presents to province.leader, who directs it at 390 px to a lead and a coordinating department with 3 working days', async () => {
    const created = await uploadDocument(e2e.ctx, 'province.clerk', {
      direction: 'incoming',
      type: 'Công văn',
      subject: 'Đề nghị hỗ trợ kinh phí khắc phục hậu quả bão số 3',
    });
    expect(created.statusCode).toBe(201);
    const id = created.json<{ id: string }>().id;
    expect((await e2e.ctx.request({ method: 'POST', url: `/api/v1/documents/${id}/register`, as: 'province.clerk' })).statusCode).toBe(200);

    const clerk = await e2e.newPage();
    await clerk.goto(`/van-ban/${id}`);
    await signIn(clerk, 'province.clerk');
    await clerk.getByRole('button', { name: 'Trình' }).click();
    await pickPerson(clerk, clerk.getByRole('dialog').getByLabel('Lãnh đạo', { exact: true }), 'Lê Hồng Vinh', /^Lê Hồng Vinh/);
    await shot(clerk, '10-trinh-lanh-dao');
    await clerk.getByRole('dialog').getByRole('button', { name: 'Trình' }).click();
    await clerk.getByText(/Đã trình lãnh đạo; hạn cho ý kiến \d{2}\/\d{2}\/\d{4}\./).waitFor();

    const leader = await e2e.newPage({ width: 390, height: 844 });
    await leader.goto(`/van-ban/${id}`);
    await signIn(leader, 'province.leader');
    await leader.getByRole('heading', { name: 'Đề nghị hỗ trợ kinh phí khắc phục hậu quả bão số 3' }).waitFor();
    await leader.getByRole('button', { name: 'Bút phê' }).click();
    await leader.getByRole('heading', { name: 'Bút phê' }).waitFor();
    await leader.getByLabel('Ý kiến chỉ đạo').fill('Giao Sở Tài chính chủ trì, phối hợp Sở Nội vụ đề xuất, báo cáo UBND tỉnh.');
    // The deadline "3 working days" shows its date at once, from the server's calendar.
    await leader
      .getByText(/^Hạn xử lý: \d{2}\/\d{2}\/\d{4}$/)
      .first()
      .waitFor();
    const shownDue = (await leader
      .getByText(/^Hạn xử lý: \d{2}\/\d{2}\/\d{4}$/)
      .first()
      .textContent())!.replace('Hạn xử lý: ', '');

    const pickUnit = async (card: number, name: string) => {
      const field = leader.getByLabel('Đơn vị xử lý').nth(card);
      await field.click();
      await field.fill(name);
      await leader
        .locator('.ant-select-tree-title', { hasText: new RegExp(`^${name}$`) })
        .filter({ visible: true })
        .click();
      // The next picker opens once this list has closed: closing, it shows the whole tree again.
      await untilDropdownsClosed(leader);
    };
    await pickUnit(0, 'Sở Tài chính');
    await leader.getByRole('button', { name: 'Thêm đơn vị / người' }).click();
    await pickUnit(1, 'Sở Nội vụ');
    expect(await seriousA11yViolations(leader)).toEqual([]);
    await shot(leader, '11-but-phe-390');
    await leader.getByRole('button', { name: 'Ghi bút phê' }).click();

    await leader.getByText('Đã bút phê, phân công xử lý.').waitFor();
    const lead = leader.getByRole('region', { name: 'Chủ trì: Sở Tài chính', exact: true });
    const coordinate = leader.getByRole('region', { name: 'Phối hợp: Sở Nội vụ', exact: true });
    await lead.waitFor();
    await coordinate.waitFor();
    expect(await lead.textContent()).toContain(`Hạn xử lý ${shownDue}`);
    expect(await coordinate.textContent()).toContain(`Hạn xử lý ${shownDue}`);
    await leader.getByText('Ý kiến chỉ đạo:').waitFor();
    await shot(leader, '12-da-but-phe-390');

    // The server computed the same deadline the form showed.
    const assignments = await e2e.ctx.request({ method: 'GET', url: `/api/v1/documents/${id}/assignments`, as: 'province.leader' });
    const due = assignments.json<{ items: { dueDate: string }[] }>().items.map((a) => a.dueDate.slice(0, 10));
    const [d, m, y] = shownDue.split('/');
    expect(due).toEqual([`${y}-${m}-${d}`, `${y}-${m}-${d}`]);
  });
});
