import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appAt, type ClockedApp } from '../../helpers/clock.js';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { createDocumentRow, orgOf, uploadDocument, userId } from '../../helpers/documents.js';

/**
 * One rule for deadlines (issue 12, item 4), on Thursday 26 November 2026, 22:00 in Hà Nội (15:00
 * UTC: the UTC date and the Vietnamese date agree, the Vietnamese one counts): a past due date at
 * intake is 400 DEADLINE_IN_PAST like an assignee's; a lead due after the document is 422
 * DEADLINE_AFTER_DOCUMENT with nothing written, except that an extension granted to the lead moves
 * the document's deadline; the sweep names who holds an overdue document.
 */

const TODAY = '2026-11-26';
let ctx: TestContext;
let app: ClockedApp;
let province: string;
let snv: string;

beforeAll(async () => {
  ctx = await createTestContext();
  app = await appAt(ctx, '2026-11-26T15:00:00Z');
  province = await orgOf(ctx.sql, 'province.clerk', 'clerk');
  snv = await orgOf(ctx.sql, 'u02.leader', 'leader');
});
afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

const post = (url: string, as: string, payload?: Record<string, unknown>) =>
  app.request({ method: 'POST', url: `/api/v1${url}`, as, ...(payload ? { payload } : {}) });
const count = async (table: 'documents' | 'assignments' | 'custody_intervals', documentId?: string) =>
  (
    await ctx.sql.unsafe<{ n: number }[]>(
      `select count(*)::int as n from ${table}${documentId ? ` where ${table === 'documents' ? 'id' : 'document_id'} = '${documentId}'` : ''}`,
    )
  )[0].n;

const metadata = (dueDate: string) => ({
  direction: 'incoming',
  type: 'Công văn',
  subject: 'Về việc báo cáo tình hình thực hiện',
  issuerName: 'Bộ Nội vụ',
  ownerOrganizationId: province,
  dueDate,
});

describe('(a) a document’s own deadline at intake', () => {
  it('refuses a past due date on upload (400 DEADLINE_IN_PAST), storing nothing; today is allowed', async () => {
    const before = await count('documents');
    const uploadAt = (m: Record<string, unknown>) => uploadDocument({ ...ctx, request: app.request } as TestContext, 'province.clerk', m);
    const past = await uploadAt(metadata('2026-11-25'));
    expect(past.statusCode, past.body).toBe(400);
    expect(past.json().error).toMatchObject({ code: 'DEADLINE_IN_PAST', details: { dueDate: '2026-11-25', today: TODAY } });
    expect(await count('documents')).toBe(before);
    const today = await uploadAt(metadata(TODAY));
    expect(today.statusCode, today.body).toBe(201);
  });

  it('refuses to register a document whose due date has passed since it was received, unless the clerk corrects it', async () => {
    const id = await createDocumentRow(ctx.sql, { ownerOrganizationId: province, dueDate: '2026-11-20' });
    const refused = await post(`/documents/${id}/register`, 'province.clerk');
    expect(refused.statusCode, refused.body).toBe(400);
    expect(refused.json().error).toMatchObject({ code: 'DEADLINE_IN_PAST', details: { dueDate: '2026-11-20', today: TODAY } });
    const [still] = await ctx.sql`select status, incoming_number from documents where id = ${id}`;
    expect(still).toEqual({ status: 'received', incoming_number: null });
    expect((await post(`/documents/${id}/register`, 'province.clerk', { dueDate: '2026-11-24' })).statusCode).toBe(400);
    const fixed = await post(`/documents/${id}/register`, 'province.clerk', { dueDate: '2026-12-04' });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.json()).toMatchObject({ status: 'registered', dueDate: '2026-12-04' });
  });

  it('answers an assignee’s past deadline with the same code', async () => {
    const id = await createDocumentRow(ctx.sql, { ownerOrganizationId: province, status: 'registered' });
    const res = await post(`/documents/${id}/assignments`, 'province.leader', {
      assignees: [{ unitId: snv, role: 'lead', dueDate: '2026-11-25' }],
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'DEADLINE_IN_PAST', details: { assignee: 0, dueDate: '2026-11-25', today: TODAY } });
    const sameDay = await post(`/documents/${id}/assignments`, 'province.leader', {
      assignees: [{ unitId: snv, role: 'lead', dueDate: TODAY }],
    });
    expect(sameDay.statusCode, sameDay.body).toBe(201);
  });
});

describe('(b) a lead’s deadline and the document’s', () => {
  it('refuses a lead due after the document (422 DEADLINE_AFTER_DOCUMENT with both dates), writing nothing', async () => {
    const id = await createDocumentRow(ctx.sql, { ownerOrganizationId: province, status: 'registered', dueDate: '2026-12-01' });
    const custodyBefore = await count('custody_intervals', id);
    const res = await post(`/documents/${id}/assignments`, 'province.leader', {
      assignees: [
        { unitId: await orgOf(ctx.sql, 'u03.leader', 'leader'), role: 'coordinate', dueDate: '2026-12-01' },
        { unitId: snv, role: 'lead', dueDate: '2026-12-02' },
      ],
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().error).toMatchObject({
      code: 'DEADLINE_AFTER_DOCUMENT',
      details: { assignee: 1, dueDate: '2026-12-02', documentDueDate: '2026-12-01' },
    });
    expect(await count('assignments', id)).toBe(0);
    expect(await count('custody_intervals', id)).toBe(custodyBefore);
    const [doc] = await ctx.sql`select status, due_date::text from documents where id = ${id}`;
    expect(doc).toEqual({ status: 'registered', due_date: '2026-12-01' });
    // In working days too (5 working days from Thursday 26 is Thursday 3 December).
    const days = await post(`/documents/${id}/assignments`, 'province.leader', {
      assignees: [{ unitId: snv, role: 'lead', dueInWorkingDays: 5 }],
    });
    expect(days.statusCode, days.body).toBe(422);
    const within = await post(`/documents/${id}/assignments`, 'province.leader', {
      assignees: [{ unitId: snv, role: 'lead', dueDate: '2026-11-30' }],
    });
    expect(within.statusCode, within.body).toBe(201);
  });

  it('moves the document’s deadline with an extension granted to its top-level lead, audited on the timeline', async () => {
    const id = await createDocumentRow(ctx.sql, { ownerOrganizationId: province, status: 'registered', dueDate: '2026-12-01' });
    const assigned = await post(`/documents/${id}/assignments`, 'province.leader', {
      assignees: [{ unitId: snv, role: 'lead', dueDate: '2026-11-30' }],
    });
    const lead = assigned.json<{ assignments: { id: string }[] }>().assignments[0];
    expect(
      (await post(`/assignments/${lead.id}/extension`, 'u02.leader', { requestedDueDate: '2026-12-10', reason: 'Chờ số liệu' })).statusCode,
    ).toBe(200);
    const granted = await post(`/assignments/${lead.id}/extension/decision`, 'province.leader', { grant: true });
    expect(granted.statusCode, granted.body).toBe(200);
    const [doc] = await ctx.sql`select due_date::text from documents where id = ${id}`;
    expect(doc.due_date).toBe('2026-12-10');
    const timeline = (await app.request({ method: 'GET', url: `/api/v1/documents/${id}/timeline`, as: 'province.leader' })).json<{
      events: { action: string; details: Record<string, unknown> }[];
    }>();
    const event = timeline.events.find((e) => e.action === 'assignment.extension-grant')!;
    expect(event.details).toMatchObject({ dueDate: '2026-12-10', documentDueDate: { from: '2026-12-01', to: '2026-12-10' } });
  });
});

describe('(c) an overdue document names who holds it', () => {
  it('records the holder of the open custody interval when the sweep marks the document overdue', async () => {
    const presented = await createDocumentRow(ctx.sql, { ownerOrganizationId: province, status: 'registered' });
    const leader = await userId(ctx.sql, 'province.leader');
    expect((await post(`/documents/${presented}/present`, 'province.clerk', { leaderUserId: leader })).statusCode).toBe(200);
    const waiting = await createDocumentRow(ctx.sql, { ownerOrganizationId: province, status: 'registered' });
    // Deadlines that passed while they were held (the intake no longer accepts past ones).
    await ctx.sql`update documents set due_date = '2026-11-24' where id in ${ctx.sql([presented, waiting])}`;

    await app.container.services.tracking.sweepOverdue();
    const records = await ctx.sql<
      { document_id: string; holder_user_id: string | null; holder_unit_id: string | null; deadline: string }[]
    >`
      select document_id, holder_user_id, holder_unit_id, deadline::text from overdue_records
       where document_id in ${ctx.sql([presented, waiting])} and assignment_id is null`;
    expect(records).toEqual(
      expect.arrayContaining([
        { document_id: presented, holder_user_id: leader, holder_unit_id: null, deadline: '2026-11-24' },
        { document_id: waiting, holder_user_id: null, holder_unit_id: province, deadline: '2026-11-24' },
      ]),
    );
    expect(records.length).toBe(2);
    const timeline = (await app.request({ method: 'GET', url: `/api/v1/documents/${presented}/timeline`, as: 'province.leader' })).json<{
      overdue: { holderUserName: string | null; deadline: string }[];
    }>();
    expect(timeline.overdue).toEqual([expect.objectContaining({ deadline: '2026-11-24', holderUserName: expect.any(String) })]);
  });
});
