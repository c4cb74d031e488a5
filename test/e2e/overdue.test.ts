import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations, shot, signIn, startE2E, type E2E } from './browser.js';
import { uploadDocument, userId } from '../helpers/documents.js';
import { appAt } from '../helpers/clock.js';

// Issue 13: on a phone (390×844), the leader finds an overdue item from home and opens its timeline,
// where the late holder's overrun working days are shown in red with the words.
describe('web app: overdue work on a phone', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  }, 120_000);
  afterAll(() => e2e?.close());

  it('the leader of Sở Tài chính goes from home (Đơn vị: quá hạn) to the document and sees who is late and by how many working days', async () => {
    const subject = 'Báo cáo tình hình giải ngân vốn đầu tư công quý IV';
    // Directed a month ago (the business clock of a second app on the same database), due in 3 working days.
    const past = await appAt(e2e.ctx, '2026-11-02T09:00:00+07:00');
    try {
      const created = await uploadDocument(e2e.ctx, 'province.clerk', { direction: 'incoming', type: 'Công văn', subject });
      const id = created.json<{ id: string }>().id;
      expect((await past.request({ method: 'POST', url: `/api/v1/documents/${id}/register`, as: 'province.clerk' })).statusCode).toBe(200);
      const leaderId = await userId(e2e.ctx.sql, 'province.leader');
      expect(
        (
          await past.request({
            method: 'POST',
            url: `/api/v1/documents/${id}/present`,
            as: 'province.clerk',
            payload: { leaderUserId: leaderId },
          })
        ).statusCode,
      ).toBe(200);
      const [finance] = await e2e.ctx.sql<{ id: string }[]>`select id from organizations where name = 'Sở Tài chính' and valid_to is null`;
      const assigned = await past.request({
        method: 'POST',
        url: `/api/v1/documents/${id}/assignments`,
        as: 'province.leader',
        payload: { comment: 'Sở Tài chính báo cáo.', assignees: [{ unitId: finance.id, role: 'lead', dueInWorkingDays: 3 }] },
      });
      expect(assigned.statusCode, assigned.body).toBe(201);
    } finally {
      await past.close();
    }
    // Today's sweep (as the scheduled job runs it) flags the assignment and names who held it.
    await e2e.ctx.container.services.tracking.sweepOverdue();

    // The department's leader (u<NN>.leader of the demo province): the late work is their unit's.
    const [financeLeader] = await e2e.ctx.sql<{ username: string }[]>`
      select u.username from users u join role_grants g on g.user_id = u.id join organizations o on o.id = g.organization_id
       where o.name = 'Sở Tài chính' and o.valid_to is null and g.role = 'leader' order by u.username limit 1`;
    const page = await e2e.newPage({ width: 390, height: 844 });
    await page.goto('/');
    await signIn(page, financeLeader.username);
    await page.getByText('Đơn vị: quá hạn').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, '20-trang-chu-lanh-dao-390');
    await page.getByText('Đơn vị: quá hạn').click();
    await page.getByRole('heading', { name: 'Việc của đơn vị: Quá hạn' }).waitFor();
    const row = page.getByRole('link', { name: subject });
    await row.waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, '21-viec-qua-han-390');
    await row.click();
    await page.getByRole('heading', { name: subject }).waitFor();
    const late = page.locator('.overrun', { hasText: /^Quá hạn \d+ ngày làm việc$/ }).first();
    await late.waitFor();
    expect(await late.evaluate((el) => getComputedStyle(el).color)).toBe('rgb(179, 38, 30)');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await late.scrollIntoViewIfNeeded();
    await shot(page, '22-dong-thoi-gian-qua-han-390');
  });
});
