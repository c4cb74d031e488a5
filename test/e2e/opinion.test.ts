import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { overflowsSideways, seriousA11yViolations, shot, signIn, startE2E, type E2E } from './browser.js';
import { uploadDocument, userId } from '../helpers/documents.js';

// Issue 13, item 8: on a phone (390×844) the leader finds what awaits their word from home ("Chờ cho ý
// kiến"): a document presented to them, which they direct, and an extension request, which they approve
// there; the document view reads on the phone without sideways scrolling (holders as stacked blocks).
describe('web app: Chờ cho ý kiến on a phone', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  }, 120_000);
  afterAll(() => e2e?.close());

  it('province.leader answers a presented document (bút phê) and an extension request from "Chờ cho ý kiến" at 390 px', async () => {
    onTestFailed(() => e2e.shootAll('failed-opinion'));
    const { ctx } = e2e;
    const leaderId = await userId(ctx.sql, 'province.leader');
    const post = async (url: string, as: string, payload?: object) => {
      const res = await ctx.request({ method: 'POST', url: `/api/v1${url}`, as, payload });
      expect(res.statusCode, res.body).toBeLessThan(300);
      return res;
    };
    const presentNew = async (subject: string, number: string) => {
      const created = await uploadDocument(ctx, 'province.clerk', {
        direction: 'incoming',
        type: 'Công văn',
        subject,
        number,
        notation: 'SXD-QLN',
        issuerName: 'Sở Xây dựng',
        urgency: 'urgent',
      });
      expect(created.statusCode, created.body).toBe(201);
      const id = created.json<{ id: string }>().id;
      await post(`/documents/${id}/register`, 'province.clerk');
      await post(`/documents/${id}/present`, 'province.clerk', { leaderUserId: leaderId });
      return id;
    };

    // A document presented to the leader, not yet directed.
    const presented = 'Đề nghị thẩm định dự án nhà ở xã hội khu đô thị Vinh Tân';
    const presentedId = await presentNew(presented, '215');
    // Another, directed to Sở Tài chính, whose leader asks for more time.
    const extended = 'Báo cáo quyết toán vốn xây dựng trường học năm 2026';
    const extendedId = await presentNew(extended, '216');
    const [finance] = await ctx.sql<{ id: string; username: string }[]>`
      select o.id, u.username from organizations o join role_grants g on g.organization_id = o.id join users u on u.id = g.user_id
       where o.name = 'Sở Tài chính' and o.valid_to is null and g.role = 'leader' order by u.username limit 1`;
    const directed = await post(`/documents/${extendedId}/assignments`, 'province.leader', {
      comment: 'Sở Tài chính tổng hợp, báo cáo.',
      assignees: [{ unitId: finance.id, role: 'lead', dueInWorkingDays: 5 }],
    });
    const assignmentId = directed.json<{ assignments: { id: string }[] }>().assignments[0].id;
    const requested = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await post(`/assignments/${assignmentId}/extension`, finance.username, {
      requestedDueDate: requested,
      reason: 'Chờ số liệu quyết toán của các huyện.',
    });

    // Home: the card counts both and leads to the page.
    const page = await e2e.newPage({ width: 390, height: 844 });
    await page.goto('/');
    await signIn(page, 'province.leader');
    const card = page.getByRole('main').getByRole('link', { name: /^Chờ cho ý kiến/ });
    await expect.poll(() => card.textContent()).toBe('Chờ cho ý kiến2');
    await shot(page, '70-trang-chu-cho-y-kien-390');
    await card.click();
    await page.getByRole('heading', { name: 'Chờ cho ý kiến', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Văn bản trình chờ bút phê (1)' }).waitFor();
    await page.getByRole('heading', { name: 'Đề nghị gia hạn chờ duyệt (1)' }).waitFor();
    const presentedCard = page.locator('li', { has: page.getByRole('link', { name: presented }) });
    for (const text of ['215/SXD-QLN', 'Sở Xây dựng', 'Khẩn', 'Hạn cho ý kiến']) await presentedCard.getByText(text).first().waitFor();
    const requestCard = page.locator('li', { has: page.getByRole('link', { name: extended }) });
    const [y, m, d] = requested.split('-');
    for (const text of ['Sở Tài chính (Chủ trì)', `${d}/${m}/${y}`, 'Chờ số liệu quyết toán của các huyện.'])
      await requestCard.getByText(text).first().waitFor();
    expect(await overflowsSideways(page)).toBe(false);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, '71-cho-y-kien-390');

    // The extension: Đồng ý, confirmed; the request leaves the list and the deadline is the one asked for.
    await requestCard.getByRole('button', { name: 'Đồng ý' }).click();
    const confirm = page.getByRole('dialog');
    await confirm.getByText(`thành ${d}/${m}/${y}`, { exact: false }).waitFor();
    await shot(page, '72-xac-nhan-gia-han-390');
    await confirm.getByRole('button', { name: 'Đồng ý' }).click();
    await page.getByText('Đã đồng ý gia hạn.').waitFor();
    await page.getByText('Không có đề nghị gia hạn nào đang chờ duyệt.').waitFor();
    const [granted] = await ctx.sql<{ due_date: string; extension_status: string }[]>`
      select due_date::text, extension_status from assignments where id = ${assignmentId}`;
    expect(granted).toEqual({ due_date: requested, extension_status: 'granted' });

    // The presented document: Bút phê opens its form; the leader directs it to Sở Tài chính.
    await presentedCard.getByRole('button', { name: `Bút phê: ${presented}` }).click();
    await page.getByRole('heading', { name: 'Bút phê' }).waitFor();
    await page.getByLabel('Ý kiến chỉ đạo').fill('Giao Sở Tài chính chủ trì thẩm định, báo cáo UBND tỉnh.');
    const unit = page.getByLabel('Đơn vị xử lý').first();
    await unit.click();
    await unit.fill('Sở Tài chính');
    await page
      .locator('.ant-select-tree-title', { hasText: /^Sở Tài chính$/ })
      .filter({ visible: true })
      .click();
    await page.getByRole('button', { name: 'Ghi bút phê' }).click();
    await page.getByText('Đã bút phê, phân công xử lý.').waitFor();
    await page.getByRole('region', { name: 'Chủ trì: Sở Tài chính', exact: true }).waitFor();

    // The document view on the phone: nothing wider than the screen; holders as stacked blocks.
    const holders = page.getByRole('list', { name: 'Người giữ văn bản' });
    await holders.getByText('Lê Hồng Vinh').first().waitFor();
    await holders.getByText('Sở Tài chính').first().waitFor();
    expect(await overflowsSideways(page)).toBe(false);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await holders.scrollIntoViewIfNeeded();
    await shot(page, '73-van-ban-da-but-phe-390');
    const [doc] = await ctx.sql<{ status: string }[]>`select status from documents where id = ${presentedId}`;
    expect(doc.status).toBe('assigned');

    // Nothing awaits the leader's word any more.
    await page.getByRole('navigation', { name: 'Chức năng chính' }).getByRole('link', { name: 'Chờ cho ý kiến' }).click();
    await page.getByText('Không có văn bản nào đang chờ bút phê.').waitFor();
    await page.getByText('Không có đề nghị gia hạn nào đang chờ duyệt.').waitFor();
    await shot(page, '74-cho-y-kien-het-390');
  }, 300_000);
});
