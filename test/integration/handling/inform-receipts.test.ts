import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { orgOf, uploadDocument, userId } from '../../helpers/documents.js';

/**
 * Items to inform (nhận để biết, issue 12 item 5) are read receipts: no deadline, no custody, never
 * overdue, never open work; unread until the recipient opens the document, a file of it or the
 * assignment; read once (one event), shown to the sender; 404 to anyone who may not see them.
 */

let ctx: TestContext;
let province: string;
let snv: string; // Sở Nội vụ, headed by u02.leader
let stc: string;
let docId: string;
let fileId: string;
let inform: { person: string; unit: string; lead: string };

type Assignment = {
  id: string;
  role: string;
  status: string;
  dueDate: string | null;
  readAt: string | null;
  readById: string | null;
  readByName: string | null;
};

const post = (url: string, as: string, payload?: Record<string, unknown>) =>
  ctx.request({ method: 'POST', url: `/api/v1${url}`, as, ...(payload ? { payload } : {}) });
const get = (url: string, as: string) => ctx.request({ method: 'GET', url: `/api/v1${url}`, as });

async function assignmentsOf(as = 'province.leader'): Promise<Map<string, Assignment>> {
  const res = await get(`/documents/${docId}/assignments`, as);
  expect(res.statusCode, res.body).toBe(200);
  return new Map(res.json<{ items: Assignment[] }>().items.map((a) => [a.id, a]));
}
const readEvents = async () =>
  (
    await ctx.sql<{ n: number }[]>`
    select count(*)::int as n from audit_events where subject_id = ${docId} and action = 'assignment.read'`
  )[0].n;

beforeAll(async () => {
  ctx = await createTestContext();
  province = await orgOf(ctx.sql, 'province.clerk', 'clerk');
  snv = await orgOf(ctx.sql, 'u02.leader', 'leader');
  stc = await orgOf(ctx.sql, 'u03.leader', 'leader');
  const uploaded = await uploadDocument(ctx, 'province.clerk', {
    direction: 'incoming',
    type: 'Công văn',
    subject: 'Về việc thông báo lịch tiếp công dân quý IV',
    urgency: 'normal',
    confidentiality: 'normal',
    issuerName: 'Thanh tra tỉnh',
    ownerOrganizationId: province,
  });
  expect(uploaded.statusCode, uploaded.body).toBe(201);
  const doc = uploaded.json<{ id: string; files: { id: string }[] }>();
  docId = doc.id;
  fileId = doc.files[0].id;
  expect((await post(`/documents/${docId}/register`, 'province.clerk')).statusCode).toBe(200);
}, 60_000);
afterAll(() => ctx?.close());

describe('items to inform (nhận để biết)', () => {
  it('refuses a deadline on an item to inform (400), writing nothing', async () => {
    for (const due of [{ dueInWorkingDays: 3 }, { dueDate: '2099-01-01' }]) {
      const res = await post(`/documents/${docId}/assignments`, 'province.leader', {
        assignees: [
          { unitId: stc, role: 'lead', dueInWorkingDays: 5 },
          { userId: await userId(ctx.sql, 'province.specialist'), role: 'inform', ...due },
        ],
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    }
    expect((await assignmentsOf()).size).toBe(0);
  });

  it('are unread, with no deadline and no custody, and never open work, overdue or completable', async () => {
    const assigned = await post(`/documents/${docId}/assignments`, 'province.leader', {
      assignees: [
        { unitId: stc, role: 'lead', dueInWorkingDays: 5 },
        { userId: await userId(ctx.sql, 'province.specialist'), role: 'inform' },
        { unitId: snv, role: 'inform' },
      ],
    });
    expect(assigned.statusCode, assigned.body).toBe(201);
    const [lead, person, unit] = assigned.json<{ assignments: Assignment[] }>().assignments;
    inform = { person: person.id, unit: unit.id, lead: lead.id };
    for (const a of [person, unit]) expect(a).toMatchObject({ role: 'inform', status: 'unread', dueDate: null, readAt: null });

    const custody = await ctx.sql`select 1 from custody_intervals where assignment_id in ${ctx.sql([person.id, unit.id])}`;
    expect(custody.length).toBe(0);

    // Not open work: neither the recipient's open list nor the unit's; found among the unread ones.
    for (const [as, scope] of [
      ['province.specialist', 'mine'],
      ['u02.leader', 'unit'],
    ]) {
      const open = (await get(`/assignments?scope=${scope}&status=open`, as)).json<{ items: { id: string }[]; total: number }>();
      expect(open.items.map((i) => i.id)).not.toContain(person.id);
      expect(open.items.map((i) => i.id)).not.toContain(unit.id);
      const unread = (await get(`/assignments?scope=${scope}&status=unread`, as)).json<{ items: { id: string }[]; total: number }>();
      expect(unread.items.map((i) => i.id)).toContain(scope === 'mine' ? person.id : unit.id);
      expect(unread.total).toBe(unread.items.length);
    }

    // A read receipt is not completed (409), even by its recipient.
    const complete = await post(`/assignments/${person.id}/complete`, 'province.specialist', { result: 'Đã biết' });
    expect(complete.statusCode, complete.body).toBe(409);

    // Never overdue: the sweep, even with every deadline long past, leaves them alone.
    await ctx.sql`update assignments set due_date = '2020-01-02' where id = ${lead.id}`;
    await ctx.container.services.tracking.sweepOverdue();
    const after = await assignmentsOf();
    expect(after.get(lead.id)!.status).toBe('open');
    for (const id of [person.id, unit.id]) expect(after.get(id)).toMatchObject({ status: 'unread' });
    const flagged = await ctx.sql`select id from assignments where id in ${ctx.sql([person.id, unit.id])} and overdue_since is not null`;
    expect(flagged.length).toBe(0);
    const records = await ctx.sql`select 1 from overdue_records where assignment_id in ${ctx.sql([person.id, unit.id])}`;
    expect(records.length).toBe(0);
    await ctx.sql`update assignments set due_date = current_date + 7, overdue_since = null where id = ${lead.id}`;
  });

  it('are not read by someone else opening the document: the clerk, or a leader above the unit', async () => {
    expect((await get(`/documents/${docId}`, 'province.clerk')).statusCode).toBe(200);
    expect((await get(`/documents/${docId}`, 'province.leader')).statusCode).toBe(200);
    expect((await get(`/assignments/${inform.unit}`, 'province.leader')).statusCode).toBe(200);
    const items = await assignmentsOf();
    expect(items.get(inform.person)!.status).toBe('unread');
    expect(items.get(inform.unit)!.status).toBe('unread');
    expect(await readEvents()).toBe(0);
  });

  it('answer 404 to another organisation’s user reading or marking them, 403 to a non-recipient who sees the document', async () => {
    for (const as of ['commune.leader', 'district.clerk']) {
      for (const id of [inform.person, inform.unit]) {
        expect((await get(`/assignments/${id}`, as)).statusCode).toBe(404);
        const mark = await post(`/assignments/${id}/read`, as);
        expect(mark.statusCode, mark.body).toBe(404);
        expect(mark.json().error.code).toBe('NOT_FOUND');
      }
      expect((await get(`/documents/${docId}`, as)).statusCode).toBe(404);
      expect((await get(`/documents/${docId}/files/${fileId}/content`, as)).statusCode).toBe(404);
    }
    const clerk = await post(`/assignments/${inform.person}/read`, 'province.clerk');
    expect(clerk.statusCode, clerk.body).toBe(403);
    expect(clerk.json().error.code).toBe('NOT_ASSIGNMENT_HOLDER');
    const lead = await post(`/assignments/${inform.lead}/read`, 'u03.leader');
    expect(lead.statusCode, lead.body).toBe(409);
    expect((await assignmentsOf()).get(inform.person)!.status).toBe('unread');
    expect(await readEvents()).toBe(0);
  });

  it('are read when the recipient opens the document, once: a second open writes nothing; the sender and the timeline see who read it when', async () => {
    const specialist = await userId(ctx.sql, 'province.specialist');
    expect((await get(`/documents/${docId}`, 'province.specialist')).statusCode).toBe(200);
    let items = await assignmentsOf();
    const read = items.get(inform.person)!;
    expect(read).toMatchObject({ status: 'read', readById: specialist, readByName: expect.any(String) });
    expect(read.readAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(items.get(inform.unit)!.status).toBe('unread');
    expect(await readEvents()).toBe(1);
    const updated = (await ctx.sql<{ updated_at: Date }[]>`select updated_at from assignments where id = ${inform.person}`)[0].updated_at;

    // Again, by every path: the document, its file, the assignment, the explicit mark.
    expect((await get(`/documents/${docId}`, 'province.specialist')).statusCode).toBe(200);
    expect((await get(`/documents/${docId}/files/${fileId}/content`, 'province.specialist')).statusCode).toBe(200);
    expect((await get(`/assignments/${inform.person}`, 'province.specialist')).statusCode).toBe(200);
    const mark = await post(`/assignments/${inform.person}/read`, 'province.specialist');
    expect(mark.statusCode, mark.body).toBe(200);
    expect(mark.json()).toMatchObject({ status: 'read', readAt: read.readAt });
    expect(await readEvents()).toBe(1);
    expect((await ctx.sql<{ updated_at: Date }[]>`select updated_at from assignments where id = ${inform.person}`)[0].updated_at).toEqual(
      updated,
    );

    // A unit item: read when the unit's head opens one of the document's files.
    expect((await get(`/documents/${docId}/files/${fileId}/content`, 'u02.leader')).statusCode).toBe(200);
    items = await assignmentsOf();
    expect(items.get(inform.unit)).toMatchObject({ status: 'read', readById: await userId(ctx.sql, 'u02.leader') });
    expect(await readEvents()).toBe(2);

    // The timeline names who read it, when.
    const timeline = (await get(`/documents/${docId}/timeline`, 'province.leader')).json<{
      events: {
        action: string;
        actorId: string | null;
        actorName: string | null;
        occurredAt: string;
        details: { assignmentIds: string[]; via: string };
      }[];
      custody: { assignmentId: string | null }[];
    }>();
    const reads = timeline.events.filter((e) => e.action === 'assignment.read');
    expect(reads.map((e) => [e.actorId, e.details.assignmentIds, e.details.via])).toEqual([
      [specialist, [inform.person], 'document'],
      [await userId(ctx.sql, 'u02.leader'), [inform.unit], 'file'],
    ]);
    expect(reads[0].actorName).toBe(read.readByName);
    expect(timeline.custody.map((c) => c.assignmentId)).not.toContain(inform.person);

    // Read items are listed as read, still never as open work.
    const readList = (await get('/assignments?scope=mine&status=read', 'province.specialist')).json<{ items: { id: string }[] }>();
    expect(readList.items.map((i) => i.id)).toContain(inform.person);
  });

  it('are read by opening the assignment itself', async () => {
    const more = await post(`/documents/${docId}/assignments`, 'province.leader', {
      assignees: [{ userId: await userId(ctx.sql, 'u03.leader'), role: 'inform' }],
    });
    expect(more.statusCode, more.body).toBe(201);
    const id = more.json<{ assignments: Assignment[] }>().assignments[0].id;
    const opened = await get(`/assignments/${id}`, 'u03.leader');
    expect(opened.statusCode).toBe(200);
    expect((await assignmentsOf()).get(id)).toMatchObject({ status: 'read', readByName: expect.any(String) });
    expect(await readEvents()).toBe(3);
  });
});
