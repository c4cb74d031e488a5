import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { createDocumentRow, orgOf, uploadDocument, userId } from '../../helpers/documents.js';

let ctx: TestContext;
let province: string;
let snv: string; // Sở Nội vụ, headed by u02.leader
let stc: string; // Sở Tài chính
let snvSpecialist: { id: string; username: string };

beforeAll(async () => {
  ctx = await createTestContext();
  province = await orgOf(ctx.sql, 'province.clerk', 'clerk');
  snv = await orgOf(ctx.sql, 'u02.leader', 'leader');
  stc = await orgOf(ctx.sql, 'u03.leader', 'leader');
  const [cv] = await ctx.sql<{ id: string; username: string }[]>`
    select u.id, u.username from users u join organizations o on o.id = u.organization_id
     where o.parent_id = ${snv} order by u.username limit 1`;
  snvSpecialist = cv;
});
afterAll(() => ctx?.close());

const post = (url: string, as: string, payload?: unknown) =>
  ctx.request({
    method: 'POST',
    url: `/api/v1${url}`,
    as,
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
const get = (url: string, as: string) => ctx.request({ method: 'GET', url: `/api/v1${url}`, as });

describe('incoming flow', () => {
  it('runs upload → register → present → assign → re-assign → note → extension → complete, and the timeline tells who held it', async () => {
    const uploaded = await uploadDocument(ctx, 'province.clerk', {
      direction: 'incoming',
      type: 'Công văn',
      subject: 'Về việc rà soát biên chế năm 2026',
      urgency: 'normal',
      confidentiality: 'normal',
      number: '123',
      notation: 'BNV-TCBC',
      issuerName: 'Bộ Nội vụ',
    });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const docId = uploaded.json<{ id: string }>().id;

    // Register (empty body): the first incoming number of the year in the default register.
    const registered = await post(`/documents/${docId}/register`, 'province.clerk');
    expect(registered.statusCode, registered.body).toBe(200);
    const reg = registered.json<{
      incomingNumber: number;
      registerId: string;
      registeredAt: string;
      status: string;
      registerName: string;
    }>();
    expect(reg.incomingNumber).toBe(1);
    expect(reg.status).toBe('registered');
    expect(reg.registerName).toMatch(/^Sổ văn bản đến \d{4}$/);
    expect(reg.registeredAt).toMatch(/^\d{4}-\d\d-\d\dT/);

    // Present to the province leader: custody moves from the clerk pool to him.
    const leaderId = await userId(ctx.sql, 'province.leader');
    const presented = await post(`/documents/${docId}/present`, 'province.clerk', { leaderUserId: leaderId });
    expect(presented.statusCode, presented.body).toBe(200);
    expect(presented.json().presentationDueDate).toMatch(/^\d{4}-\d\d-\d\d$/);

    // Assign: lead Sở Nội vụ (5 working days), coordinate Sở Tài chính, inform a specialist.
    const assigned = await post(`/documents/${docId}/assignments`, 'province.leader', {
      comment: 'Giao Sở Nội vụ chủ trì, Sở Tài chính phối hợp, báo cáo UBND tỉnh.',
      assignees: [
        { unitId: snv, role: 'lead', dueInWorkingDays: 5 },
        { unitId: stc, role: 'coordinate', dueInWorkingDays: 5 },
        { userId: await userId(ctx.sql, 'province.specialist'), role: 'inform' },
      ],
    });
    expect(assigned.statusCode, assigned.body).toBe(201);
    const [lead, coordinate, inform] = assigned.json<{
      assignments: { id: string; role: string; dueDate: string; allottedWorkingDays: number; assigneeUnitName: string | null }[];
    }>().assignments;
    expect(lead.role).toBe('lead');
    expect(lead.allottedWorkingDays).toBe(5);
    expect(lead.assigneeUnitName).toBe('Sở Nội vụ');
    expect(coordinate.dueDate).toBe(lead.dueDate);
    expect(inform.dueDate).toBeNull();
    expect((await get(`/documents/${docId}`, 'province.clerk')).json().status).toBe('assigned');

    // The head of Sở Nội vụ divides the work: not to someone outside the unit, not past the parent's deadline.
    const outside = await post(`/assignments/${lead.id}/assignments`, 'u02.leader', {
      assignees: [{ userId: await userId(ctx.sql, 'province.specialist'), role: 'lead', dueInWorkingDays: 2 }],
    });
    expect(outside.statusCode).toBe(400);
    const tooLate = await post(`/assignments/${lead.id}/assignments`, 'u02.leader', {
      assignees: [{ userId: snvSpecialist.id, role: 'lead', dueInWorkingDays: 6 }],
    });
    expect(tooLate.statusCode).toBe(400);
    const notHead = await post(`/assignments/${lead.id}/assignments`, 'u03.leader', {
      assignees: [{ userId: snvSpecialist.id, role: 'lead', dueInWorkingDays: 2 }],
    });
    expect(notHead.statusCode).toBe(403);
    const divided = await post(`/assignments/${lead.id}/assignments`, 'u02.leader', {
      comment: 'Đồng chí chuẩn bị dự thảo báo cáo.',
      assignees: [{ userId: snvSpecialist.id, role: 'lead', dueInWorkingDays: 3 }],
    });
    expect(divided.statusCode, divided.body).toBe(201);
    const child = divided.json<{ assignments: { id: string; parentId: string; dueDate: string }[] }>().assignments[0];
    expect(child.parentId).toBe(lead.id);

    // Progress note: the document is now in progress.
    const note = await post(`/assignments/${child.id}/notes`, snvSpecialist.username, { text: 'Đã tổng hợp số liệu từ các phòng.' });
    expect(note.statusCode, note.body).toBe(201);
    expect((await get(`/documents/${docId}`, 'province.clerk')).json().status).toBe('in_progress');
    // Files must belong to the same document.
    const badFile = await post(`/assignments/${child.id}/notes`, snvSpecialist.username, { text: 'x', fileIds: [lead.id] });
    expect(badFile.statusCode).toBe(400);

    // Extension: asked by the specialist, granted by the head who assigned it, up to the parent's deadline.
    const asked = await post(`/assignments/${child.id}/extension`, snvSpecialist.username, {
      requestedDueDate: lead.dueDate,
      reason: 'Chờ số liệu của Sở Tài chính.',
    });
    expect(asked.statusCode, asked.body).toBe(200);
    expect(asked.json().extensionStatus).toBe('requested');
    const notAssigner = await post(`/assignments/${child.id}/extension/decision`, snvSpecialist.username, { grant: true });
    expect(notAssigner.statusCode).toBe(403);
    const granted = await post(`/assignments/${child.id}/extension/decision`, 'u02.leader', { grant: true });
    expect(granted.statusCode, granted.body).toBe(200);
    expect(granted.json()).toMatchObject({ dueDate: lead.dueDate, extensionStatus: 'granted', allottedWorkingDays: 5 });
    const [childCustody] = await ctx.sql<
      { due_date: string }[]
    >`select due_date::text from custody_intervals where assignment_id = ${child.id} and ended_at is null`;
    expect(childCustody.due_date).toBe(lead.dueDate);

    // Complete the child, then the lead: the document is completed; the coordinating unit is still at work.
    const childDone = await post(`/assignments/${child.id}/complete`, snvSpecialist.username, { result: 'Đã trình dự thảo báo cáo.' });
    expect(childDone.statusCode, childDone.body).toBe(200);
    expect(childDone.json().document.status).toBe('in_progress');
    const leadDone = await post(`/assignments/${lead.id}/complete`, 'u02.leader', { result: 'Đã báo cáo UBND tỉnh.' });
    expect(leadDone.statusCode, leadDone.body).toBe(200);
    expect(leadDone.json().document).toMatchObject({ status: 'completed' });
    const doc = (await get(`/documents/${docId}`, 'province.clerk')).json();
    expect(doc).toMatchObject({ status: 'completed', incomingNumber: 1 });
    const again = await post(`/assignments/${lead.id}/complete`, 'u02.leader', { result: 'again' });
    expect(again.statusCode).toBe(409);

    // The tree.
    const tree = (await get(`/documents/${docId}/assignments`, 'province.leader')).json<{
      items: { id: string; parentId: string | null; status: string }[];
    }>().items;
    expect(tree.map((a) => [a.id, a.parentId, a.status])).toEqual([
      [lead.id, null, 'done'],
      [coordinate.id, null, 'open'],
      // An item to inform is a read receipt: still unread, as its recipient has not opened the document.
      [inform.id, null, 'unread'],
      [child.id, lead.id, 'done'],
    ]);
    const detail = (await get(`/assignments/${lead.id}`, 'u02.leader')).json();
    expect(detail.children.map((c: { id: string }) => c.id)).toEqual([child.id]);
    expect(detail.document.incomingNumber).toBe(1);

    // Timeline: custody in order with holders, roles, dues; and the audit events.
    const timeline = (await get(`/documents/${docId}/timeline`, 'province.leader')).json();
    const custody = timeline.custody.map(
      (c: {
        role: string;
        holderUserName: string | null;
        holderUnitName: string | null;
        endedAt: string | null;
        dueDate: string | null;
        allottedWorkingDays: number | null;
      }) => [c.role, c.holderUserName ?? c.holderUnitName, c.endedAt === null ? 'open' : 'closed', c.dueDate, c.allottedWorkingDays],
    );
    expect(custody).toEqual([
      ['clerk', 'Ủy ban nhân dân tỉnh Nghệ An', 'closed', null, null],
      ['leader', 'Lê Hồng Vinh', 'closed', presented.json().presentationDueDate, 1],
      ['lead', 'Sở Nội vụ', 'closed', lead.dueDate, 5],
      ['coordinate', 'Sở Tài chính', 'open', lead.dueDate, 5],
      ['lead', expect.any(String), 'closed', lead.dueDate, 5],
    ]);
    const actions = timeline.events
      .map((e: { action: string }) => e.action)
      .filter((a: string) => a !== 'document.create' && a !== 'document.upload');
    expect(actions).toEqual([
      'document.register',
      'document.present',
      'document.assign',
      'assignment.reassign',
      'assignment.note',
      'assignment.extension-request',
      'assignment.extension-grant',
      'assignment.complete',
      'assignment.complete',
    ]);
    const times = timeline.entries.map((e: { at: string }) => e.at);
    expect([...times].sort()).toEqual(times);
  });

  it('refuses a second lead, a missing lead and a missing deadline (400), and returns an assignment to its assigner', async () => {
    const docId = await createDocumentRow(ctx.sql, { ownerOrganizationId: province });
    expect((await post(`/documents/${docId}/register`, 'province.clerk')).statusCode).toBe(200);
    const twoLeads = await post(`/documents/${docId}/assignments`, 'province.leader', {
      assignees: [
        { unitId: snv, role: 'lead', dueInWorkingDays: 3 },
        { unitId: stc, role: 'lead', dueInWorkingDays: 3 },
      ],
    });
    expect(twoLeads.statusCode).toBe(400);
    const noLead = await post(`/documents/${docId}/assignments`, 'province.leader', {
      assignees: [{ unitId: stc, role: 'coordinate', dueInWorkingDays: 3 }],
    });
    expect(noLead.statusCode).toBe(400);
    const noDue = await post(`/documents/${docId}/assignments`, 'province.leader', { assignees: [{ unitId: stc, role: 'lead' }] });
    expect(noDue.statusCode).toBe(400);
    const clerkAssigns = await post(`/documents/${docId}/assignments`, 'province.clerk', {
      assignees: [{ unitId: stc, role: 'lead', dueInWorkingDays: 3 }],
    });
    expect(clerkAssigns.statusCode).toBe(403);

    const ok = await post(`/documents/${docId}/assignments`, 'province.leader', {
      assignees: [{ unitId: stc, role: 'lead', dueInWorkingDays: 3 }],
    });
    expect(ok.statusCode).toBe(201);
    const leadId = ok.json().assignments[0].id;
    const secondLead = await post(`/documents/${docId}/assignments`, 'province.leader', {
      assignees: [{ unitId: snv, role: 'lead', dueInWorkingDays: 3 }],
    });
    expect(secondLead.statusCode).toBe(400);

    // Sở Tài chính returns it; custody goes back to the province leader, and a new lead may be named.
    const returned = await post(`/assignments/${leadId}/return`, 'u03.clerk', { reason: 'Không thuộc thẩm quyền của Sở.' });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json()).toMatchObject({ status: 'returned', returnReason: 'Không thuộc thẩm quyền của Sở.' });
    const open = await ctx.sql<
      { role: string; holder_user_id: string }[]
    >`select role, holder_user_id from custody_intervals where document_id = ${docId} and ended_at is null`;
    expect(open).toEqual([{ role: 'leader', holder_user_id: await userId(ctx.sql, 'province.leader') }]);
    const newLead = await post(`/documents/${docId}/assignments`, 'province.leader', {
      assignees: [{ unitId: snv, role: 'lead', dueInWorkingDays: 3 }],
    });
    expect(newLead.statusCode).toBe(201);
    const closedLeader =
      await ctx.sql`select 1 from custody_intervals where document_id = ${docId} and role = 'leader' and ended_at is null`;
    expect(closedLeader).toHaveLength(0);
  });

  it('refuses a received document with a reason', async () => {
    const docId = await createDocumentRow(ctx.sql, { ownerOrganizationId: province });
    const noReason = await post(`/documents/${docId}/refuse`, 'province.clerk', {});
    expect(noReason.statusCode).toBe(400);
    const refused = await post(`/documents/${docId}/refuse`, 'province.clerk', { reason: 'Gửi nhầm cơ quan.' });
    expect(refused.statusCode).toBe(200);
    expect(refused.json()).toMatchObject({ status: 'refused', refusedReason: 'Gửi nhầm cơ quan.' });
    // An empty body labelled JSON is fine for register (here refused by state, not by parsing).
    const emptyJson = await ctx.request({
      method: 'POST',
      url: `/api/v1/documents/${docId}/register`,
      as: 'province.clerk',
      payload: '',
      headers: { 'content-type': 'application/json' },
    });
    expect(emptyJson.json().error.code).toBe('INVALID_STATE');
    const badJson = await ctx.request({
      method: 'POST',
      url: `/api/v1/documents/${docId}/register`,
      as: 'province.clerk',
      payload: '{',
      headers: { 'content-type': 'application/json' },
    });
    expect(badJson.statusCode).toBe(400);
    expect((await post(`/documents/${docId}/register`, 'province.clerk')).statusCode).toBe(409);
  });
});
