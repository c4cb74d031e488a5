import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appAt, type ClockedApp } from '../../helpers/clock.js';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { orgOf, uploadDocument, userId } from '../../helpers/documents.js';
import { approvalsApi } from '../approvals/helpers.js';

/**
 * Issue 12 item 1: a reorganisation carries open work. Two communes of Vinh with open work merge
 * into a new commune; every open item is then in the successor's lists with its history, its people
 * complete it, the timeline shows the hand-over, and custody leaves the delay before the merger with
 * the predecessor. A dissolution hands a unit's work to a named successor. Only the administrators
 * of both ends may do either, and a refusal writes nothing.
 *
 * The business clock (test/helpers/clock.ts) runs through December 2026 (no holidays): assigned on
 * Monday 7th (the lead due in 2 working days: Wednesday 9th), found overdue on Friday 11th, merged
 * on Monday 14th, completed on Wednesday 16th.
 */
const T0 = '2026-12-07T02:00:00Z';
const T1 = '2026-12-11T02:00:00Z';
const T2 = '2026-12-14T02:00:00Z';
const T3 = '2026-12-16T02:00:00Z';

let ctx: TestContext;
let vinh: string;
let benThuy: string; // commune A: commune.clerk, commune.leader
let communeB: string;
let others: string[]; // further communes of Vinh, for the dissolution
let dienChauCommune: string; // a commune of another district
const clocks: ClockedApp[] = [];
const api = () => approvalsApi(ctx);

async function at(instant: string): Promise<ClockedApp> {
  const clock = await appAt(ctx, instant);
  clocks.push(clock);
  return clock;
}

beforeAll(async () => {
  ctx = await createTestContext();
  vinh = await orgOf(ctx.sql, 'district.leader', 'leader');
  benThuy = await orgOf(ctx.sql, 'commune.leader', 'leader');
  const communes = await ctx.sql<{ id: string }[]>`
    select id from organizations where parent_id = ${vinh} and id <> ${benThuy} and level in ('commune', 'ward') and valid_to is null order by name`;
  [communeB, ...others] = communes.map((c) => c.id);
  const [dc] = await ctx.sql<{ id: string }[]>`
    select o.id from organizations o join organizations p on p.id = o.parent_id
     where p.name = 'Ủy ban nhân dân huyện Diễn Châu' and o.valid_to is null order by o.name limit 1`;
  dienChauCommune = dc.id;
  await api().createUser('b.leader', communeB, [{ organizationId: communeB, role: 'leader' }], 'Chủ tịch');
  await api().createUser('b.clerk', communeB, [{ organizationId: communeB, role: 'clerk' }], 'Văn thư');
  await api().createUser('a.cv', benThuy, [{ organizationId: benThuy, role: 'specialist' }]);
});
afterAll(async () => {
  for (const c of clocks) await c.close();
  await ctx?.close();
});

const post = (url: string, as: string, payload: Record<string, unknown> = {}) =>
  ctx.request({ method: 'POST', url: `/api/v1${url}`, as, payload });
const get = (url: string, as: string) => ctx.request({ method: 'GET', url: `/api/v1${url}`, as });

/** Uploads, registers and presents an incoming document of `owner`'s clerk to `leader`; returns its id. */
async function incoming(clerk: string, leader: string, subject: string): Promise<string> {
  const up = await uploadDocument(ctx, clerk, {
    direction: 'incoming',
    type: 'Công văn',
    subject,
    urgency: 'normal',
    confidentiality: 'normal',
    number: '77',
    notation: 'UBND-VP',
    issuerName: 'UBND tỉnh Nghệ An',
  });
  expect(up.statusCode, up.body).toBe(201);
  const id = up.json<{ id: string }>().id;
  expect((await post(`/documents/${id}/register`, clerk)).statusCode).toBe(200);
  const presented = await post(`/documents/${id}/present`, clerk, { leaderUserId: await userId(ctx.sql, leader) });
  expect(presented.statusCode, presented.body).toBe(200);
  return id;
}

type Assignment = {
  id: string;
  role: string;
  status: string;
  assigneeUnitId: string | null;
  assigneeUserId: string | null;
  dueDate: string | null;
  overdueSince: string | null;
  extensionStatus: string | null;
};
type Custody = {
  assignmentId: string | null;
  holderUnitId: string | null;
  startedAt: string;
  endedAt: string | null;
  overrunWorkingDays: number | null;
};
type Timeline = { custody: Custody[]; events: { action: string; details: Record<string, unknown> }[] };

async function workList(
  as: string,
  scope: 'mine' | 'unit',
  status: 'open' | 'overdue' | 'done' | 'unread',
): Promise<(Assignment & { documentId: string })[]> {
  const res = await get(`/assignments?scope=${scope}&status=${status}&limit=100`, as);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
}

describe('a merger carries open work to the successor', () => {
  it('moves every open item, with its history, into the lists of the new commune, whose people complete it', async () => {
    // District document: lead commune A (overdue), coordinate commune B (extension pending), inform a person of A.
    const d1 = await incoming('district.clerk', 'district.leader', 'Về việc kiểm tra đất đai liên xã');
    const t0 = await at(T0);
    const assigned = await t0.request({
      method: 'POST',
      url: `/api/v1/documents/${d1}/assignments`,
      as: 'district.leader',
      payload: {
        comment: 'Xã A chủ trì, xã B phối hợp.',
        assignees: [
          { unitId: benThuy, role: 'lead', dueInWorkingDays: 2 },
          { unitId: communeB, role: 'coordinate', dueInWorkingDays: 5 },
          { userId: await userId(ctx.sql, 'a.cv'), role: 'inform' },
        ],
      },
    });
    expect(assigned.statusCode, assigned.body).toBe(201);
    const [lead, coordinate, inform] = assigned.json<{ assignments: Assignment[] }>().assignments;
    expect(lead.dueDate).toBe('2026-12-09');

    // Commune A's own document, assigned by its head to a person of A.
    const d2 = await incoming('commune.clerk', 'commune.leader', 'Về việc cấp giấy chứng nhận');
    const personal = await t0.request({
      method: 'POST',
      url: `/api/v1/documents/${d2}/assignments`,
      as: 'commune.leader',
      payload: { assignees: [{ userId: await userId(ctx.sql, 'a.cv'), role: 'lead', dueInWorkingDays: 5 }] },
    });
    expect(personal.statusCode, personal.body).toBe(201);
    const d2Lead = personal.json<{ assignments: Assignment[] }>().assignments[0];
    const d2Number = (await get(`/documents/${d2}`, 'commune.clerk')).json().incomingNumber;

    // A draft of commune A in approval: its signing step is "the head of commune A".
    await api().createTemplate('admin', {
      organizationId: benThuy,
      typeName: 'Tờ trình',
      name: 'Trình ký Tờ trình của xã',
      steps: [
        {
          order: 1,
          name: 'Phó Chủ tịch kiểm tra',
          approvers: [{ userId: await userId(ctx.sql, 'commune.leader') }],
          quorum: 'all',
          dueInWorkingDays: 2,
          isSigningStep: false,
        },
        { order: 2, name: 'Chủ tịch ký', approvers: [{ unitHeadOf: benThuy }], quorum: 'any', dueInWorkingDays: 2, isSigningStep: true },
      ],
    });
    const draft = await api().createDraft(
      'a.cv',
      { type: 'Tờ trình', subject: 'Tờ trình về kế hoạch năm 2027', organizationId: benThuy },
      0,
    );
    expect(draft.draftingUnitId).toBe(benThuy);
    await api().submitOk('a.cv', draft.id);

    // Friday: the lead is overdue (held by commune A); commune B asks for more time.
    const t1 = await at(T1);
    await t1.container.services.tracking.sweepOverdue();
    const asked = await t1.request({
      method: 'POST',
      url: `/api/v1/assignments/${coordinate.id}/extension`,
      as: 'b.leader',
      payload: { requestedDueDate: '2026-12-18', reason: 'Chờ số liệu địa chính.' },
    });
    expect(asked.statusCode, asked.body).toBe(200);

    // Monday: the two communes merge into a new one.
    const t2 = await at(T2);
    const merged = await t2.request({
      method: 'POST',
      url: '/api/v1/organizations/merge',
      as: 'district.admin',
      payload: { sourceIds: [benThuy, communeB], into: { parentId: vinh, name: 'Ủy ban nhân dân phường Hợp Nhất', level: 'ward' } },
    });
    expect(merged.statusCode, merged.body).toBe(200);
    const successor = merged.json<{ id: string; validFrom: string }>().id;

    // The successor's unit lists hold the units' open work, the overdue mark and the pending request with it.
    const open = await workList('commune.leader', 'unit', 'open');
    expect(open.find((a) => a.id === lead.id)).toMatchObject({ assigneeUnitId: successor, status: 'open' });
    expect(open.find((a) => a.id === coordinate.id)).toMatchObject({ assigneeUnitId: successor, extensionStatus: 'requested' });
    expect((await workList('b.clerk', 'unit', 'open')).map((a) => a.id)).toEqual(expect.arrayContaining([lead.id, coordinate.id]));
    expect((await workList('b.leader', 'unit', 'overdue')).map((a) => a.id)).toContain(lead.id);
    // Personal items stay with their person, who is now the successor's.
    expect((await workList('a.cv', 'mine', 'open')).map((a) => a.id)).toContain(d2Lead.id);
    expect((await workList('a.cv', 'mine', 'unread')).map((a) => a.id)).toContain(inform.id);

    // Documents of the closed commune are the successor's: its clerk (from commune B) sees and lists them.
    const d2Now = await get(`/documents/${d2}`, 'b.clerk');
    expect(d2Now.statusCode, d2Now.body).toBe(200);
    expect(d2Now.json()).toMatchObject({ ownerOrganizationId: successor, incomingNumber: d2Number });

    // The new commune starts its own registers (Decree 30: numbering per organisation and year).
    const registers = await get(`/registers?organizationId=${successor}`, 'b.clerk');
    expect(registers.statusCode, registers.body).toBe(200);
    expect(registers.json().items).toEqual(
      expect.arrayContaining([expect.objectContaining({ direction: 'incoming', year: 2026, nextNumber: 1, organizationId: successor })]),
    );

    // The assigner decides the pending extension; the successor's head completes the lead; the person completes theirs.
    const granted = await t2.request({
      method: 'POST',
      url: `/api/v1/assignments/${coordinate.id}/extension/decision`,
      as: 'district.leader',
      payload: { grant: true },
    });
    expect(granted.statusCode, granted.body).toBe(200);
    const t3 = await at(T3);
    const done = await t3.request({
      method: 'POST',
      url: `/api/v1/assignments/${lead.id}/complete`,
      as: 'commune.leader',
      payload: { result: 'Đã kiểm tra, báo cáo huyện.' },
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().document.status).toBe('completed');
    const d2Done = await t3.request({
      method: 'POST',
      url: `/api/v1/assignments/${d2Lead.id}/complete`,
      as: 'a.cv',
      payload: { result: 'Đã cấp giấy chứng nhận.' },
    });
    expect(d2Done.statusCode, d2Done.body).toBe(200);
    expect(d2Done.json().document.status).toBe('completed');

    // The timeline keeps the history and shows the hand-over; custody splits the delay at the merger.
    const timeline = (await get(`/documents/${d1}/timeline`, 'commune.leader')).json<Timeline>();
    expect(timeline.events.map((e) => e.action)).toEqual(expect.arrayContaining(['document.assign', 'document.reorganisation-handover']));
    const handover = timeline.events.find((e) => e.action === 'document.reorganisation-handover')!;
    expect(handover.details).toMatchObject({ label: 'chuyển giao do sáp nhập', toOrganizationId: successor });
    expect(handover.details.assignmentIds).toEqual(expect.arrayContaining([lead.id, coordinate.id]));
    const leadCustody = timeline.custody.filter((c) => c.assignmentId === lead.id);
    expect(leadCustody).toEqual([
      expect.objectContaining({ holderUnitId: benThuy, endedAt: new Date(T2).toISOString(), overrunWorkingDays: 3 }), // 10, 11, 14 December
      expect.objectContaining({ holderUnitId: successor, startedAt: new Date(T2).toISOString(), overrunWorkingDays: 2 }), // 15, 16 December
    ]);
    const overdue = await ctx.sql<
      { holder_unit_id: string }[]
    >`select holder_unit_id from overdue_records where assignment_id = ${lead.id}`;
    expect(overdue.map((o) => o.holder_unit_id)).toEqual([benThuy]);
    const d2Timeline = (await get(`/documents/${d2}/timeline`, 'b.clerk')).json<Timeline>();
    expect(d2Timeline.events.find((e) => e.action === 'document.reorganisation-handover')?.details).toMatchObject({ ownership: true });

    // The draft goes on in the successor: its head-of-unit step finds the successor's leaders.
    let d = await api().get('a.cv', draft.id);
    expect(d).toMatchObject({ organizationId: successor, draftingUnitId: successor });
    const approved = await api().act('commune.leader', api().step(d, 'Phó Chủ tịch kiểm tra').id, 'approve');
    expect(approved.statusCode, approved.body).toBe(200);
    d = await api().get('a.cv', draft.id);
    const signing = api().step(d, 'Chủ tịch ký');
    expect(signing.status).toBe('active');
    expect(signing.approvers.map((a) => a.userId).sort()).toEqual(
      [await userId(ctx.sql, 'commune.leader'), await userId(ctx.sql, 'b.leader')].sort(),
    );

    // The successor's staff submit new drafts on the template the closed commune had.
    const next = await api().createDraft('a.cv', { type: 'Tờ trình', subject: 'Tờ trình về biên chế', organizationId: successor }, 0);
    const submitted = await api().submitOk('a.cv', next.id);
    expect(submitted.workflow).toMatchObject({ status: 'running', templateVersion: 1 });
  });
});

describe('dissolving a unit into a named successor', () => {
  it('moves its staff and open work to the successor and closes it', async () => {
    const [gone, heir] = others;
    await api().createUser('c.leader', gone, [{ organizationId: gone, role: 'leader' }], 'Chủ tịch');
    await api().createUser('h.leader', heir, [{ organizationId: heir, role: 'leader' }], 'Chủ tịch');
    const doc = await incoming('district.clerk', 'district.leader', 'Về việc sáp xếp trụ sở');
    const assigned = await post(`/documents/${doc}/assignments`, 'district.leader', {
      assignees: [{ unitId: gone, role: 'lead', dueInWorkingDays: 5 }],
    });
    expect(assigned.statusCode, assigned.body).toBe(201);
    const lead = assigned.json<{ assignments: Assignment[] }>().assignments[0];

    const res = await post(`/organizations/${gone}/dissolve`, 'district.admin', { successorId: heir });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().id).toBe(heir);

    const closed = (await get(`/organizations/${gone}`, 'admin')).json();
    expect(closed.validTo).not.toBeNull();
    expect(closed.successors).toEqual([expect.objectContaining({ id: heir, kind: 'dissolve' })]);
    const staff = (await get(`/users/${await userId(ctx.sql, 'c.leader')}`, 'admin')).json();
    expect(staff).toMatchObject({ organizationId: heir, roles: [expect.objectContaining({ organizationId: heir, role: 'leader' })] });

    expect((await workList('h.leader', 'unit', 'open')).map((a) => a.id)).toContain(lead.id);
    const timeline = (await get(`/documents/${doc}/timeline`, 'h.leader')).json<Timeline>();
    expect(timeline.events.find((e) => e.action === 'document.reorganisation-handover')?.details).toMatchObject({
      label: 'chuyển giao do giải thể',
      toOrganizationId: heir,
    });
    const done = await post(`/assignments/${lead.id}/complete`, 'c.leader', { result: 'Đã sắp xếp.' });
    expect(done.statusCode, done.body).toBe(200);
  });
});

describe('who may reorganise', () => {
  it('refuses an administrator of a neighbouring subtree, and writes nothing', async () => {
    const [, , left] = others;
    const doc = await incoming('district.clerk', 'district.leader', 'Về việc kiểm tra ranh giới');
    const assigned = await post(`/documents/${doc}/assignments`, 'district.leader', {
      assignees: [{ unitId: left, role: 'lead', dueInWorkingDays: 5 }],
    });
    expect(assigned.statusCode, assigned.body).toBe(201);
    const lead = assigned.json<{ assignments: Assignment[] }>().assignments[0];
    const reorganisations = async () =>
      (
        await ctx.sql<{ n: number }[]>`select count(*)::int as n from audit_events
           where action in ('organization.merge', 'organization.dissolve', 'organization.create', 'document.reorganisation-handover')`
      )[0].n;
    const auditBefore = await reorganisations();

    // Vinh's administrator: a commune of another district is outside their subtree, at either end.
    const attempts = [
      post('/organizations/merge', 'district.admin', { sourceIds: [left, dienChauCommune], into: { organizationId: left } }),
      post('/organizations/merge', 'district.admin', {
        sourceIds: [left, dienChauCommune],
        into: { parentId: vinh, name: 'Ủy ban nhân dân xã Không Thành Lập', level: 'commune' },
      }),
      post(`/organizations/${left}/dissolve`, 'district.admin', { successorId: dienChauCommune }),
      post(`/organizations/${dienChauCommune}/dissolve`, 'district.admin', { successorId: left }),
    ];
    for (const attempt of attempts) {
      const res = await attempt;
      expect([403, 404], res.body).toContain(res.statusCode);
    }
    // A clerk is no administrator at all.
    expect((await post(`/organizations/${left}/dissolve`, 'district.clerk', { successorId: vinh })).statusCode).toBe(403);

    // Nothing half-written: no new unit, both communes current, the work where it was, no audit event.
    const [created] = await ctx.sql<
      { n: number }[]
    >`select count(*)::int as n from organizations where name = 'Ủy ban nhân dân xã Không Thành Lập'`;
    expect(created.n).toBe(0);
    const units = await ctx.sql<
      { valid_to: string | null }[]
    >`select valid_to from organizations where id in (${left}, ${dienChauCommune})`;
    expect(units.every((u) => u.valid_to === null)).toBe(true);
    const [row] = await ctx.sql<{ assignee_unit_id: string }[]>`select assignee_unit_id from assignments where id = ${lead.id}`;
    expect(row.assignee_unit_id).toBe(left);
    expect(await reorganisations()).toBe(auditBefore);
  });
});
