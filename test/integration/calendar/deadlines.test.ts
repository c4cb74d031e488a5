import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCalendarRepo } from '../../../src/modules/calendar/calendar.repo.js';
import { createCalendarService } from '../../../src/modules/calendar/calendar.service.js';
import { appAt, type ClockedApp } from '../../helpers/clock.js';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { createDocumentRow, orgOf } from '../../helpers/documents.js';

let ctx: TestContext;
let province: string;
let snv: string;

beforeAll(async () => {
  ctx = await createTestContext();
  province = await orgOf(ctx.sql, 'province.clerk', 'clerk');
  snv = await orgOf(ctx.sql, 'u02.leader', 'leader');
});
afterAll(() => ctx?.close());

/** Assigns a fresh registered document to Sở Nội vụ as lead, due in `n` working days, on the clocked app's day. */
async function leadDue(app: ClockedApp, n: number) {
  const id = await createDocumentRow(ctx.sql, { ownerOrganizationId: province, status: 'registered' });
  const res = await app.request({
    method: 'POST',
    url: `/api/v1/documents/${id}/assignments`,
    as: 'province.leader',
    payload: { assignees: [{ unitId: snv, role: 'lead', dueInWorkingDays: n }] },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ assignments: { dueDate: string; allottedWorkingDays: number }[] }>().assignments[0];
}

async function at<T>(instant: string, fn: (app: ClockedApp) => Promise<T>): Promise<T> {
  const app = await appAt(ctx, instant);
  try {
    return await fn(app);
  } finally {
    await app.close();
  }
}

describe('deadlines in working days through the API', () => {
  it('skips the Tết 2026 break (Thursday 12/2 + 2 working days = Monday 23/2)', async () => {
    await at('2026-02-12T02:00:00Z', async (app) => {
      expect(await leadDue(app, 2)).toMatchObject({ dueDate: '2026-02-23', allottedWorkingDays: 2 });
    });
    // Given at 23:30 Hà Nội time on Friday 13/2 (16:30 UTC), day 0 is the 13th.
    await at('2026-02-13T16:30:00Z', async (app) => expect((await leadDue(app, 1)).dueDate).toBe('2026-02-23'));
  });

  it('skips Tết 2027 with its two compensatory days (Thursday 4/2/2027 + 3 = Tuesday 16/2)', async () => {
    await at('2027-02-04T03:00:00Z', async (app) => expect((await leadDue(app, 3)).dueDate).toBe('2027-02-16'));
  });

  it('gives the compensatory day for a holiday on a weekend (1/5/2027 is a Saturday: Thursday 29/4 + 2 = Wednesday 5/5)', async () => {
    await at('2027-04-29T03:00:00Z', async (app) => expect((await leadDue(app, 2)).dueDate).toBe('2027-05-05'));
  });

  it('refuses a calendar deadline already past', async () => {
    await at('2026-03-09T03:00:00Z', async (app) => {
      const id = await createDocumentRow(ctx.sql, { ownerOrganizationId: province, status: 'registered' });
      const res = await app.request({
        method: 'POST',
        url: `/api/v1/documents/${id}/assignments`,
        as: 'province.leader',
        payload: { assignees: [{ unitId: snv, role: 'lead', dueDate: '2026-03-06' }] },
      });
      expect(res.statusCode).toBe(400);
    });
  });
});

describe('calendar overrides', () => {
  it('an admin of the province adds a day off, which moves deadlines at once, and removes it again (audited)', async () => {
    await at('2026-03-09T03:00:00Z', async (app) => {
      expect((await leadDue(app, 3)).dueDate).toBe('2026-03-12');

      const byDistrictAdmin = await app.request({
        method: 'PUT',
        url: '/api/v1/calendar/overrides/2026-03-11',
        as: 'district.admin',
        payload: { kind: 'day_off', name: 'Nghỉ' },
      });
      expect(byDistrictAdmin.statusCode).toBe(403);
      const byClerk = await app.request({
        method: 'PUT',
        url: '/api/v1/calendar/overrides/2026-03-11',
        as: 'province.clerk',
        payload: { kind: 'day_off', name: 'Nghỉ' },
      });
      expect(byClerk.statusCode).toBe(403);

      const put = await app.request({
        method: 'PUT',
        url: '/api/v1/calendar/overrides/2026-03-11',
        as: 'admin',
        payload: { kind: 'day_off', name: 'Nghỉ bầu cử' },
      });
      expect(put.statusCode, put.body).toBe(200);
      expect(put.json()).toMatchObject({ date: '2026-03-11', kind: 'day_off', name: 'Nghỉ bầu cử' });
      expect((await leadDue(app, 3)).dueDate).toBe('2026-03-13');

      const year = (await app.request({ method: 'GET', url: '/api/v1/calendar/2026', as: 'province.specialist' })).json();
      expect(year.days).toContainEqual({ date: '2026-03-11', name: 'Nghỉ bầu cử', kind: 'day_off', working: false, source: 'override' });
      expect(year.days).toContainEqual(expect.objectContaining({ date: '2026-02-17', kind: 'holiday', source: 'rule' }));
      expect(year.overrides).toEqual([expect.objectContaining({ date: '2026-03-11', kind: 'day_off' })]);

      const del = await app.request({ method: 'DELETE', url: '/api/v1/calendar/overrides/2026-03-11', as: 'admin' });
      expect(del.statusCode).toBe(204);
      expect((await leadDue(app, 3)).dueDate).toBe('2026-03-12');
      expect((await app.request({ method: 'DELETE', url: '/api/v1/calendar/overrides/2026-03-11', as: 'admin' })).statusCode).toBe(404);
    });
    const events = await ctx.sql<
      { action: string }[]
    >`select action from audit_events where subject_type = 'calendar' and subject_id = '2026-03-11' order by id`;
    expect(events.map((e) => e.action)).toEqual(['calendar.override.put', 'calendar.override.delete']);
  });

  it('another replica sees an override once its cache is older than the reload interval', async () => {
    const replica = (reloadIntervalMs: number) =>
      createCalendarService({
        db: ctx.container.db,
        calendarRepo: createCalendarRepo(),
        audit: ctx.container.services.audit,
        reloadIntervalMs,
      });
    const fresh = replica(0);
    const cached = replica(60_000);
    expect(await cached.addWorkingDays('2026-06-01', 1)).toBe('2026-06-02');
    expect(await fresh.addWorkingDays('2026-06-01', 1)).toBe('2026-06-02');

    const put = await ctx.request({
      method: 'PUT',
      url: '/api/v1/calendar/overrides/2026-06-02',
      as: 'admin',
      payload: { kind: 'day_off', name: 'Nghỉ đột xuất' },
    });
    expect(put.statusCode).toBe(200);
    expect(await fresh.addWorkingDays('2026-06-01', 1)).toBe('2026-06-03');
    expect(await cached.addWorkingDays('2026-06-01', 1)).toBe('2026-06-02');
    // A worked Saturday counts as a working day.
    await ctx.request({
      method: 'PUT',
      url: '/api/v1/calendar/overrides/2026-06-06',
      as: 'admin',
      payload: { kind: 'working_day', name: 'Làm bù' },
    });
    expect(await fresh.isWorkingDay('2026-06-06')).toBe(true);
    expect(await fresh.workingDaysBetween('2026-06-05', '2026-06-08')).toBe(2);
  });
});
