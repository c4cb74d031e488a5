import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Page } from 'playwright-core';
import {
  OUTPUT_DIR,
  overflowsSideways,
  pickPerson,
  seriousA11yViolations,
  shot,
  signIn,
  startE2E,
  vietnamesePdf,
  type E2E,
} from './browser.js';
import { uploadDocument, userId } from '../helpers/documents.js';

// Issue 13, the rest of the incoming story in the browser: the department divides the work, the
// chuyên viên handles it (notes, an extension the head grants on a phone), the coordinating
// department gives its part back (trả lại), the work is completed, and the clerk sees the document
// completed with every holder in its timeline.
describe('web app: handling an incoming document', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  }, 120_000);
  afterAll(() => e2e?.close());

  const dmy = (iso: string) => iso.slice(0, 10).split('-').reverse().join('/');
  const group = (page: Page, holder: string) => page.getByRole('group', { name: `Thao tác: ${holder}` });
  const section = (page: Page, label: string) => page.getByRole('region', { name: label, exact: true });
  /** Opens an action's dialog, fills it, confirms, and waits for the app's confirmation. */
  async function act(page: Page, holder: string, action: string, fill: Record<string, string>, done: string, file?: string) {
    await group(page, holder).getByRole('button', { name: action, exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    if (file) {
      await dialog.locator('input[type=file]').setInputFiles(file);
      await dialog.getByText(path.basename(file)).waitFor();
    }
    for (const [label, value] of Object.entries(fill)) {
      await dialog.getByLabel(label, { exact: true }).fill(value);
      if (/ngày/.test(label)) await dialog.getByLabel(label, { exact: true }).press('Enter');
    }
    await dialog.getByRole('button', { name: action, exact: true }).click();
    await page.getByText(done).waitFor();
    await dialog.waitFor({ state: 'hidden' });
  }

  it('re-assign, notes, extension granted at 390 px, return, complete; the clerk sees it completed with its holders', async () => {
    onTestFailed(() => e2e.shootAll('failed-handling'));
    const subject = 'Xây dựng dự toán ngân sách năm 2027 của tỉnh';
    const { ctx } = e2e;
    const created = await uploadDocument(ctx, 'province.clerk', { direction: 'incoming', type: 'Công văn', subject });
    expect(created.statusCode).toBe(201);
    const id = created.json<{ id: string }>().id;
    expect((await ctx.request({ method: 'POST', url: `/api/v1/documents/${id}/register`, as: 'province.clerk' })).statusCode).toBe(200);
    const presented = await ctx.request({
      method: 'POST',
      url: `/api/v1/documents/${id}/present`,
      as: 'province.clerk',
      payload: { leaderUserId: await userId(ctx.sql, 'province.leader') },
    });
    expect(presented.statusCode).toBe(200);
    const unit = async (name: string) =>
      (await ctx.sql<{ id: string }[]>`select id from organizations where name = ${name} and valid_to is null`)[0].id;
    const leaderOf = async (name: string) =>
      (
        await ctx.sql<{ username: string; full_name: string }[]>`
          select u.username, u.full_name from users u join role_grants g on g.user_id = u.id join organizations o on o.id = g.organization_id
           where o.name = ${name} and o.valid_to is null and g.role = 'leader' order by u.username limit 1`
      )[0];
    const assigned = await ctx.request({
      method: 'POST',
      url: `/api/v1/documents/${id}/assignments`,
      as: 'province.leader',
      payload: {
        comment: 'Sở Tài chính chủ trì, Sở Nội vụ phối hợp xây dựng dự toán.',
        assignees: [
          { unitId: await unit('Sở Tài chính'), role: 'lead', dueInWorkingDays: 3 },
          { unitId: await unit('Sở Nội vụ'), role: 'coordinate', dueInWorkingDays: 3 },
        ],
      },
    });
    expect(assigned.statusCode, assigned.body).toBe(201);
    const unitDue = dmy(assigned.json<{ assignments: { dueDate: string }[] }>().assignments[0].dueDate);
    const finance = await leaderOf('Sở Tài chính');
    const interior = await leaderOf('Sở Nội vụ');
    // The chuyên viên of Phòng Quản lý ngân sách, inside Sở Tài chính.
    const [specialist] = await ctx.sql<{ username: string; full_name: string }[]>`
      select u.username, u.full_name from users u join role_grants g on g.user_id = u.id join organizations o on o.id = g.organization_id
        join organizations p on p.id = o.parent_id
       where o.name = 'Phòng Quản lý ngân sách' and p.name = 'Sở Tài chính' and g.role = 'specialist' limit 1`;

    // 1. The head of Sở Tài chính finds the work of the unit and gives it to the chuyên viên (2 working days).
    const head = await e2e.newPage();
    await head.goto('/cong-viec?scope=unit');
    await signIn(head, finance.username);
    await head.getByRole('heading', { name: 'Việc của đơn vị: Chờ xử lý' }).waitFor();
    await head.getByRole('link', { name: subject }).click();
    await head.getByRole('heading', { name: subject }).waitFor();
    await group(head, 'Sở Tài chính').getByRole('button', { name: 'Giao xử lý' }).click();
    await head.getByRole('heading', { name: 'Giao xử lý trong đơn vị' }).waitFor();
    await head.getByText(`Việc được giao: Chủ trì · Sở Tài chính · Hạn xử lý ${unitDue}`).waitFor();
    await head.getByLabel('Ý kiến giao việc').fill('Đồng chí chủ trì tổng hợp, trình lãnh đạo Sở.');
    await pickPerson(
      head,
      head.getByLabel('Người xử lý'),
      specialist.full_name,
      new RegExp(`^${specialist.full_name}.*Phòng Quản lý ngân sách`),
    );
    await head.getByLabel('Số ngày làm việc', { exact: true }).fill('2');
    await head
      .getByText(/^Hạn xử lý: \d{2}\/\d{2}\/\d{4}$/)
      .first()
      .waitFor();
    expect(await seriousA11yViolations(head)).toEqual([]);
    await shot(head, '30-giao-xu-ly');
    await head.getByRole('button', { name: 'Giao xử lý', exact: true }).click();
    await head.getByText('Đã giao xử lý trong đơn vị.').waitFor();
    await section(head, `Chủ trì: ${specialist.full_name}`).waitFor();

    // 2. The chuyên viên sees it from home, writes a note and asks for more time (to the unit's deadline).
    const cv = await e2e.newPage();
    await cv.goto('/');
    await signIn(cv, specialist.username);
    await cv.getByText('Chờ xử lý').waitFor();
    await cv.getByText('Chờ xử lý').click();
    await cv.getByRole('heading', { name: 'Việc của tôi: Chờ xử lý' }).waitFor();
    await cv.getByRole('link', { name: subject }).click();
    await cv.getByRole('heading', { name: subject }).waitFor();
    const minutes = path.join(OUTPUT_DIR, 'bien-ban-hop.pdf');
    await writeFile(minutes, await vietnamesePdf(['BIÊN BẢN HỌP', 'Tổng hợp dự toán ngân sách năm 2027']));
    await act(
      cv,
      specialist.full_name,
      'Ghi ý kiến xử lý',
      { 'Nội dung': 'Đã tổng hợp số liệu của 21 huyện, đang chờ Sở Nội vụ.' },
      'Đã ghi ý kiến xử lý.',
      minutes,
    );
    await cv.getByText('Đã tổng hợp số liệu của 21 huyện, đang chờ Sở Nội vụ.').waitFor();
    // The note names its working file, which is listed with the document's files.
    await section(cv, `Chủ trì: ${specialist.full_name}`).getByText('(tệp đính kèm: bien-ban-hop.pdf)').waitFor();
    await cv.getByRole('button', { name: 'Tải về bien-ban-hop.pdf' }).waitFor();
    await act(
      cv,
      specialist.full_name,
      'Xin gia hạn',
      { 'Gia hạn đến ngày': unitDue, 'Lý do': 'Chờ số liệu biên chế của Sở Nội vụ.' },
      'Đã gửi đề nghị gia hạn.',
    );
    await section(cv, `Chủ trì: ${specialist.full_name}`).getByText('Chờ duyệt gia hạn').waitFor();
    expect(await seriousA11yViolations(cv)).toEqual([]);
    await shot(cv, '31-chuyen-vien-xin-gia-han');

    // 3. The head grants it on a phone.
    const phone = await e2e.newPage({ width: 390, height: 844 });
    await phone.goto(`/van-ban/${id}`);
    await signIn(phone, finance.username);
    await section(phone, `Chủ trì: ${specialist.full_name}`).getByText(`Xin gia hạn đến ${unitDue}`).waitFor();
    await group(phone, specialist.full_name).getByRole('button', { name: 'Duyệt gia hạn', exact: true }).click();
    await phone.getByRole('dialog').getByText(`Đề nghị gia hạn đến ${unitDue}, lý do: Chờ số liệu biên chế của Sở Nội vụ.`).waitFor();
    expect(await seriousA11yViolations(phone)).toEqual([]);
    await shot(phone, '32-duyet-gia-han-390');
    await phone.getByRole('dialog').getByRole('button', { name: 'Duyệt gia hạn', exact: true }).click();
    await phone.getByText('Đã duyệt gia hạn.').waitFor();
    await section(phone, `Chủ trì: ${specialist.full_name}`).getByText(`Hạn xử lý mới ${unitDue}`).waitFor();
    // Assignments nested in the unit, notes with files, the holders: all read without sideways scrolling.
    await phone.getByRole('list', { name: 'Người giữ văn bản' }).getByText(specialist.full_name).first().waitFor();
    expect(await overflowsSideways(phone)).toBe(false);

    // 4. Sở Nội vụ gives its part back (trả lại).
    const coord = await e2e.newPage();
    await coord.goto(`/van-ban/${id}`);
    await signIn(coord, interior.username);
    await coord.getByRole('heading', { name: subject }).waitFor();
    await act(coord, 'Sở Nội vụ', 'Trả lại', { 'Lý do trả lại': 'Nội dung thuộc thẩm quyền Sở Tài chính.' }, 'Đã trả lại.');
    await section(coord, 'Phối hợp: Sở Nội vụ').getByText('Lý do trả lại: Nội dung thuộc thẩm quyền Sở Tài chính.').waitFor();

    // 5. The chuyên viên completes the part; the head completes the unit's work, and with it the document.
    await cv.reload();
    await section(cv, `Chủ trì: ${specialist.full_name}`).getByText(`Hạn xử lý mới ${unitDue}`).waitFor();
    await act(cv, specialist.full_name, 'Hoàn thành', { 'Kết quả xử lý': 'Đã trình dự thảo dự toán lãnh đạo Sở.' }, 'Đã hoàn thành.');
    await section(cv, `Chủ trì: ${specialist.full_name}`).getByText('Kết quả xử lý: Đã trình dự thảo dự toán lãnh đạo Sở.').waitFor();
    await head.reload();
    await act(head, 'Sở Tài chính', 'Hoàn thành', { 'Kết quả xử lý': 'Đã báo cáo UBND tỉnh dự toán năm 2027.' }, 'Đã hoàn thành.');
    await head
      .locator('.ant-tag', { hasText: /^Hoàn thành$/ })
      .first()
      .waitFor();

    // 6. The clerk finds it among completed incoming documents; the timeline shows each holder.
    const clerk = await e2e.newPage();
    await clerk.goto('/van-ban-den?status=completed');
    await signIn(clerk, 'province.clerk');
    await clerk.getByRole('link', { name: subject }).click();
    await clerk.getByRole('heading', { name: subject }).waitFor();
    const status = clerk.locator('.ant-space-item .ant-tag').first();
    await expect.poll(() => status.textContent()).toBe('Hoàn thành');
    const holders = clerk.getByRole('region', { name: 'Bảng người giữ văn bản' });
    for (const who of ['Ủy ban nhân dân tỉnh Nghệ An', 'Lê Hồng Vinh', 'Sở Tài chính', 'Sở Nội vụ', specialist.full_name])
      await holders.getByText(who, { exact: false }).first().waitFor();
    for (const what of [
      'Phân công lại trong đơn vị',
      'Thêm tệp xử lý',
      'Ghi chú xử lý',
      'Xin gia hạn',
      'Duyệt gia hạn',
      'Trả lại',
      'Hoàn thành',
    ])
      await clerk.locator('.ant-timeline').getByText(what, { exact: true }).first().waitFor();
    expect(await seriousA11yViolations(clerk)).toEqual([]);
    await holders.scrollIntoViewIfNeeded();
    await shot(clerk, '33-van-thu-thay-hoan-thanh');
  }, 400_000);
});
