import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEDULES } from '../../../workers/queues.js';
import { startQueueWorker } from '../../../workers/runtime.js';
import { appAt, type ClockedApp } from '../../helpers/clock.js';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { createDocumentRow, orgOf, userId } from '../../helpers/documents.js';

let ctx: TestContext;
let app: ClockedApp;
let province: string;
let snv: string;
let stc: string;
let specialist: { id: string; username: string; fullName: string };

// The whole file runs on Thursday 26 November 2026, 10:00 in Hà Nội.
const TODAY = '2026-11-26';

beforeAll(async () => {
  ctx = await createTestContext();
  app = await appAt(ctx, '2026-11-26T03:00:00Z');
  province = await orgOf(ctx.sql, 'province.clerk', 'clerk');
  snv = await orgOf(ctx.sql, 'u02.leader', 'leader');
  stc = await orgOf(ctx.sql, 'u03.leader', 'leader');
  [specialist] = await ctx.sql<{ id: string; username: string; fullName: string }[]>`
    select u.id, u.username, u.full_name as "fullName" from users u join organizations o on o.id = u.organization_id where o.parent_id = ${snv} order by u.username limit 1`;
});
afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

const post = (url: string, as: string, payload: Record<string, unknown>) =>
  app.request({ method: 'POST', url: `/api/v1${url}`, as, payload });
const get = (url: string, as: string) => app.request({ method: 'GET', url: `/api/v1${url}`, as });

/** Runs the job exactly as the worker process would: the worker runtime on the job's queue. */
async function runSweepJob(): Promise<Record<string, number>> {
  const { container } = app;
  const { worker, close } = startQueueWorker(container, 'tracking', { concurrency: 1 });
  const done = new Promise<Record<string, number>>((resolve, reject) => {
    worker.on('completed', (_job, result) => resolve(result as Record<string, number>));
    worker.on('failed', (_job, err) => reject(err));
  });
  try {
    await container.producer.enqueue('tracking.sweep-overdue', {});
    return await done;
  } finally {
    await close();
  }
}

describe('tracking.sweep-overdue', () => {
  it('is scheduled at least every 5 minutes', () => {
    const s = SCHEDULES.find((x) => x.job === 'tracking.sweep-overdue');
    expect(s?.pattern).toBe('0 * * * * *');
  });

  it('flags assignments past their due date, names the holders (the unit and the person it was re-assigned to), counts the overrun, and is idempotent', async () => {
    const docId = await createDocumentRow(ctx.sql, { ownerOrganizationId: province, status: 'registered' });
    const assigned = await post(`/documents/${docId}/assignments`, 'province.leader', {
      assignees: [
        { unitId: snv, role: 'lead', dueInWorkingDays: 5 },
        { unitId: stc, role: 'coordinate', dueDate: TODAY },
      ],
    });
    expect(assigned.statusCode, assigned.body).toBe(201);
    const [lead, coordinate] = assigned.json<{ assignments: { id: string }[] }>().assignments;
    const divided = await post(`/assignments/${lead.id}/assignments`, 'u02.leader', {
      assignees: [{ userId: specialist.id, role: 'lead', dueInWorkingDays: 2 }],
    });
    const child = divided.json<{ assignments: { id: string }[] }>().assignments[0];

    // The lead's deadline was Friday 20 November (set in the past directly, with the start of its custody:
    // an interval counts as late from the later of its due date and its start), the document's too.
    await ctx.sql`update assignments set due_date = '2026-11-20' where id = ${lead.id}`;
    await ctx.sql`update custody_intervals set due_date = '2026-11-20', started_at = '2026-11-16T02:00:00Z' where assignment_id = ${lead.id}`;
    await ctx.sql`update documents set due_date = '2026-11-20' where id = ${docId}`;

    const first = await runSweepJob();
    // Two holders named for the lead, the same two for the document (its lead chain holds it).
    expect(first).toMatchObject({ today: TODAY, assignmentsFlagged: 1, overdueRecords: 4, documentsFlagged: 1 });

    // The coordinate assignment is due today: still on time. The child is due later.
    const flags = await ctx.sql<
      { id: string; overdue: boolean }[]
    >`select id, overdue_since is not null as overdue from assignments where document_id = ${docId}`;
    expect(Object.fromEntries(flags.map((f) => [f.id, f.overdue]))).toEqual({ [lead.id]: true, [coordinate.id]: false, [child.id]: false });

    const records = await ctx.sql<{ holder_user_id: string | null; holder_unit_id: string | null; deadline: string }[]>`
      select holder_user_id, holder_unit_id, deadline::text from overdue_records where assignment_id = ${lead.id} order by holder_user_id nulls first`;
    expect(records).toEqual([
      { holder_user_id: null, holder_unit_id: snv, deadline: '2026-11-20' },
      { holder_user_id: specialist.id, holder_unit_id: null, deadline: '2026-11-20' },
    ]);
    // Mon 23, Tue 24, Wed 25, Thu 26 November: 4 working days late so far.
    const [interval] = await ctx.sql<
      { overrun_working_days: number }[]
    >`select overrun_working_days from custody_intervals where assignment_id = ${lead.id}`;
    expect(interval.overrun_working_days).toBe(4);
    const [doc] = await ctx.sql<{ overdue: boolean }[]>`select overdue_since is not null as overdue from documents where id = ${docId}`;
    expect(doc.overdue).toBe(true);

    // A second run changes nothing.
    const second = await runSweepJob();
    expect(second).toMatchObject({ assignmentsFlagged: 0, overdueRecords: 0, intervalsUpdated: 0, documentsFlagged: 0 });
    const [{ n }] = await ctx.sql<{ n: number }[]>`select count(*)::int as n from overdue_records where document_id = ${docId}`;
    expect(n).toBe(4);
    const documentRecords = await ctx.sql`
      select holder_user_id, holder_unit_id from overdue_records where document_id = ${docId} and assignment_id is null order by holder_user_id nulls first`;
    expect(documentRecords).toEqual([
      { holder_user_id: null, holder_unit_id: snv },
      { holder_user_id: specialist.id, holder_unit_id: null },
    ]);

    // The work lists show it as overdue; the timeline names who held it.
    const unitOverdue = (await get('/assignments?scope=unit&status=overdue', 'u02.leader')).json();
    expect(unitOverdue.items.map((i: { id: string }) => i.id)).toContain(lead.id);
    expect(unitOverdue.items[0].document).toMatchObject({ id: docId, urgency: 'normal' });
    const timeline = (await get(`/documents/${docId}/timeline`, 'province.leader')).json();
    expect(
      timeline.overdue
        .map((o: { holderUserName: string | null; holderUnitName: string | null }) => o.holderUserName ?? o.holderUnitName)
        .sort(),
    ).toEqual(['Sở Nội vụ', 'Sở Nội vụ', specialist.fullName, specialist.fullName].sort()); // the lead's and the document's
    expect(timeline.entries.filter((e: { kind: string }) => e.kind === 'overdue')).toHaveLength(4);

    // A granted extension to a later date clears the flag and the running overrun.
    expect(
      (await post(`/assignments/${lead.id}/extension`, 'u02.leader', { requestedDueDate: '2026-12-04', reason: 'Chờ ý kiến Bộ Nội vụ.' }))
        .statusCode,
    ).toBe(200);
    const granted = await post(`/assignments/${lead.id}/extension/decision`, 'province.leader', { grant: true });
    expect(granted.statusCode, granted.body).toBe(200);
    expect(granted.json()).toMatchObject({ dueDate: '2026-12-04', overdueSince: null });
    const [moved] = await ctx.sql<
      { due_date: string; overrun_working_days: number | null }[]
    >`select due_date::text, overrun_working_days from custody_intervals where assignment_id = ${lead.id}`;
    expect(moved).toEqual({ due_date: '2026-12-04', overrun_working_days: null });
    const [docAfter] = await ctx.sql<
      { due_date: string; overdue: boolean }[]
    >`select due_date::text, overdue_since is not null as overdue from documents where id = ${docId}`;
    expect(docAfter).toEqual({ due_date: '2026-12-04', overdue: false });
  });

  it('records the overrun when an interval closes after its due date', async () => {
    const docId = await createDocumentRow(ctx.sql, { ownerOrganizationId: province, status: 'registered' });
    const assigned = await post(`/documents/${docId}/assignments`, 'province.leader', {
      assignees: [{ userId: await userId(ctx.sql, 'u03.leader'), role: 'lead', dueInWorkingDays: 1 }],
    });
    const lead = assigned.json<{ assignments: { id: string }[] }>().assignments[0];
    await ctx.sql`update assignments set due_date = '2026-11-23' where id = ${lead.id}`;
    await ctx.sql`update custody_intervals set due_date = '2026-11-23', started_at = '2026-11-20T02:00:00Z' where assignment_id = ${lead.id}`;
    const done = await post(`/assignments/${lead.id}/complete`, 'u03.leader', { result: 'Đã xử lý (muộn).' });
    expect(done.statusCode, done.body).toBe(200);
    const [closed] = await ctx.sql<
      { ended: boolean; overrun_working_days: number }[]
    >`select ended_at is not null as ended, overrun_working_days from custody_intervals where assignment_id = ${lead.id}`;
    expect(closed).toEqual({ ended: true, overrun_working_days: 3 });
  });
});
