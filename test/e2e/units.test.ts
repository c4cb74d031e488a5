import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { seriousA11yViolations, shot, signIn, startE2E, type E2E } from './browser.js';
import { uploadDocument, userId } from '../helpers/documents.js';
import { appAt } from '../helpers/clock.js';

// Issue 13, item 4: the leader goes from the units under them to a unit, to a person, to a document
// (GET /assignments?scope=subtree counts each unit's subtree; the people come from the same list).
describe('web app: the work of the units under a leader', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  }, 120_000);
  afterAll(() => e2e?.close());

  it('province.leader: home → các đơn vị quá hạn → Sở Tài chính → the chuyên viên → the document and its timeline', async () => {
    onTestFailed(() => e2e.shootAll('failed-units'));
    const { ctx } = e2e;
    const unit = async (name: string) =>
      (await ctx.sql<{ id: string }[]>`select id from organizations where name = ${name} and valid_to is null`)[0].id;
    const [financeLeader] = await ctx.sql<{ username: string }[]>`
      select u.username from users u join role_grants g on g.user_id = u.id join organizations o on o.id = g.organization_id
       where o.name = 'Sở Tài chính' and o.valid_to is null and g.role = 'leader' order by u.username limit 1`;
    const [specialist] = await ctx.sql<{ id: string; full_name: string }[]>`
      select u.id, u.full_name from users u join role_grants g on g.user_id = u.id join organizations o on o.id = g.organization_id
        join organizations p on p.id = o.parent_id
       where o.name = 'Phòng Quản lý ngân sách' and p.name = 'Sở Tài chính' and g.role = 'specialist' limit 1`;
    const leaderId = await userId(ctx.sql, 'province.leader');

    // Directed a month ago (the business clock of a second app on the same database): late by now.
    const past = await appAt(ctx, '2026-11-02T09:00:00+07:00');
    const direct = async (subject: string, unitName: string) => {
      const created = await uploadDocument(ctx, 'province.clerk', { direction: 'incoming', type: 'Công văn', subject });
      const id = created.json<{ id: string }>().id;
      expect((await past.request({ method: 'POST', url: `/api/v1/documents/${id}/register`, as: 'province.clerk' })).statusCode).toBe(200);
      const presented = await past.request({
        method: 'POST',
        url: `/api/v1/documents/${id}/present`,
        as: 'province.clerk',
        payload: { leaderUserId: leaderId },
      });
      expect(presented.statusCode).toBe(200);
      const assigned = await past.request({
        method: 'POST',
        url: `/api/v1/documents/${id}/assignments`,
        as: 'province.leader',
        payload: { assignees: [{ unitId: await unit(unitName), role: 'lead', dueInWorkingDays: 3 }] },
      });
      expect(assigned.statusCode, assigned.body).toBe(201);
      return { id, assignmentId: assigned.json<{ assignments: { id: string }[] }>().assignments[0].id };
    };
    const budget = 'Rà soát các khoản chi thường xuyên năm 2026';
    try {
      const a = await direct(budget, 'Sở Tài chính');
      const reassigned = await past.request({
        method: 'POST',
        url: `/api/v1/assignments/${a.assignmentId}/assignments`,
        as: financeLeader.username,
        payload: { assignees: [{ userId: specialist.id, role: 'lead', dueInWorkingDays: 2 }] },
      });
      expect(reassigned.statusCode, reassigned.body).toBe(201);
      await direct('Kiện toàn tổ chức bộ máy các phòng chuyên môn', 'Sở Nội vụ');
    } finally {
      await past.close();
    }
    await ctx.container.services.tracking.sweepOverdue();

    const page = await e2e.newPage();
    await page.goto('/');
    await signIn(page, 'province.leader');
    await page.getByText('Các đơn vị trực thuộc: quá hạn').click();
    await page.getByRole('heading', { name: 'Công việc các đơn vị: Quá hạn' }).waitFor();
    const units = page.locator('section', { has: page.getByRole('heading', { name: 'Đơn vị trực thuộc' }) });
    // Sở Tài chính holds two late assignments (its own and its chuyên viên's), Sở Nội vụ one: most first.
    await units.locator('tr', { hasText: 'Sở Tài chính' }).getByText('2 quá hạn').waitFor();
    await units.locator('tr', { hasText: 'Sở Nội vụ' }).getByText('1 quá hạn').waitFor();
    const order = await units.locator('tbody tr').allTextContents();
    expect(order.findIndex((t) => t.includes('Sở Tài chính'))).toBeLessThan(order.findIndex((t) => t.includes('Sở Nội vụ')));
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, '50-cac-don-vi-qua-han');

    await units.getByRole('link', { name: 'Sở Tài chính', exact: true }).click();
    await page.getByRole('navigation').getByText('Sở Tài chính').waitFor();
    await units.locator('tr', { hasText: 'Phòng Quản lý ngân sách' }).getByText('1 quá hạn').waitFor();
    const people = page.locator('section', { has: page.getByRole('heading', { name: 'Theo người xử lý' }) });
    const person = people.locator('tr', { hasText: specialist.full_name });
    await person.getByText('1 quá hạn').waitFor();
    await people.locator('tr', { hasText: /^Sở Tài chính/ }).waitFor();
    await person.click();
    await shot(page, '51-don-vi-nguoi-xu-ly');
    await people.getByRole('link', { name: budget }).click();
    await page.getByRole('heading', { name: budget }).waitFor();
    await page
      .locator('.overrun', { hasText: /^Quá hạn \d+ ngày làm việc$/ })
      .first()
      .waitFor();
    await page.getByRole('region', { name: 'Bảng người giữ văn bản' }).getByText(specialist.full_name).first().waitFor();
    await shot(page, '52-van-ban-cua-nguoi-xu-ly');
  }, 300_000);
});
