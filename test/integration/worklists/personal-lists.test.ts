import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { createDocumentRow, orgOf, userId } from '../../helpers/documents.js';
import { approvalsApi, multipart } from '../approvals/helpers.js';
import { makePdf } from '../signing/tools.js';
import { startExchangeWorkers, waitFor } from '../exchange/helpers.js';
import { deliveriesOf, issuedDocument, post } from '../exchange-dispatch/helpers.js';

/**
 * Personal work lists (issue 12, item 9): GET /me/work counts every list of the caller in one call,
 * GET /me/work/:list gives the items with their count. Each list is walked into and out of by the
 * real steps of the flows.
 */
let ctx: TestContext;
let workers: ReturnType<typeof startExchangeWorkers>;
let province: string;
let department: string;
let benThuy: string;
let vinh: string;

type Entry = {
  id: string;
  at: string;
  document: { id: string; code: string | null; subject: string; type: string; issuerName: string | null; urgency: string; status: string };
  presentationDueDate: string | null;
  assignment: null | {
    id: string;
    role: string;
    status: string;
    overdue: boolean;
    assigneeUnitName: string | null;
    extensionStatus: string | null;
    extensionRequestedDueDate: string | null;
  };
  step: null | { id: string; name: string; isSigningStep: boolean; actingForId: string | null };
  drafter: null | { id: string; fullName: string };
  notice: null | { kind: string; reason: string | null };
  pendingRecipients: number | null;
};
type EntryPage = { items: Entry[]; nextCursor: string | null; total: number; totalIsEstimate: boolean };
type Summary = { lists: Record<string, { total: number; totalIsEstimate: boolean }> };

async function summary(as: string): Promise<Record<string, number>> {
  const res = await ctx.request({ method: 'GET', url: '/api/v1/me/work', as });
  expect(res.statusCode, res.body).toBe(200);
  return Object.fromEntries(Object.entries(res.json<Summary>().lists).map(([k, v]) => [k, v.total]));
}

async function list(as: string, name: string, query = ''): Promise<EntryPage> {
  const res = await ctx.request({ method: 'GET', url: `/api/v1/me/work/${name}${query}`, as });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<EntryPage>();
}

beforeAll(async () => {
  ctx = await createTestContext();
  workers = startExchangeWorkers(ctx);
  province = await orgOf(ctx.sql, 'province.clerk', 'clerk');
  department = await orgOf(ctx.sql, 'u02.leader', 'leader');
  benThuy = await orgOf(ctx.sql, 'commune.clerk', 'clerk');
  vinh = await orgOf(ctx.sql, 'district.clerk', 'clerk');
});
afterAll(async () => {
  await workers?.close();
  await ctx?.close();
});

describe('personal work lists', () => {
  it('every list starts empty for every demo user, each count in one call', async () => {
    for (const as of ['province.clerk', 'province.leader', 'province.specialist', 'commune.clerk']) {
      const counts = await summary(as);
      expect(Object.keys(counts).sort()).toEqual(
        [
          'presented',
          'extension-requests',
          'assigned-by-me',
          'drafts',
          'approvals',
          'to-sign',
          'to-issue',
          'notices',
          'unregistered-recipients',
        ].sort(),
      );
      expect(Object.values(counts).every((n) => n === 0)).toBe(true);
    }
  });

  it('presented to me → assigned by me → extension requests awaiting my decision', async () => {
    const doc = await createDocumentRow(ctx.sql, {
      ownerOrganizationId: province,
      status: 'registered',
      number: '27',
      notation: 'BC-SNV',
      subject: 'Báo cáo tình hình cán bộ',
      urgency: 'very_urgent',
    });
    // What the leader's "Chờ cho ý kiến" page shows of each document: its issuer too.
    await ctx.sql`update documents set issuer_name = 'Sở Nội vụ' where id = ${doc}`;
    const leader = await userId(ctx.sql, 'province.leader');
    expect((await post(ctx, `/documents/${doc}/present`, 'province.clerk', { leaderUserId: leader })).statusCode).toBe(200);

    expect((await summary('province.leader')).presented).toBe(1);
    const presented = await list('province.leader', 'presented');
    expect(presented.total).toBe(1);
    expect(presented.items[0]).toMatchObject({
      document: { id: doc, code: '27/BC-SNV', subject: 'Báo cáo tình hình cán bộ', issuerName: 'Sở Nội vụ', urgency: 'very_urgent' },
      presentationDueDate: expect.stringMatching(/^\d{4}-\d\d-\d\d$/),
      assignment: null,
    });

    const assigned = await post(ctx, `/documents/${doc}/assignments`, 'province.leader', {
      comment: 'Sở Nội vụ chủ trì.',
      assignees: [{ unitId: department, role: 'lead', dueInWorkingDays: 5 }],
    });
    expect(assigned.statusCode, assigned.body).toBe(201);
    const assignmentId = assigned.json().assignments[0].id;
    expect((await summary('province.leader')).presented).toBe(0);
    const mine = await list('province.leader', 'assigned-by-me');
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0].assignment).toMatchObject({
      id: assignmentId,
      role: 'lead',
      status: 'open',
      overdue: false,
      assigneeUnitName: 'Sở Nội vụ',
    });

    const due = mine.items[0].assignment!;
    const later = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const asked = await post(ctx, `/assignments/${due.id}/extension`, 'u02.leader', { requestedDueDate: later, reason: 'Chờ số liệu.' });
    expect(asked.statusCode, asked.body).toBe(200);
    const requests = await list('province.leader', 'extension-requests');
    expect(requests.total).toBe(1);
    expect(requests.items[0].assignment).toMatchObject({
      id: assignmentId,
      extensionStatus: 'requested',
      extensionRequestedDueDate: later,
    });
    expect((await post(ctx, `/assignments/${assignmentId}/extension/decision`, 'province.leader', { grant: true })).statusCode).toBe(200);
    expect((await summary('province.leader'))['extension-requests']).toBe(0);

    expect((await post(ctx, `/assignments/${assignmentId}/complete`, 'u02.leader', { result: 'Đã báo cáo.' })).statusCode).toBe(200);
    expect((await list('province.leader', 'assigned-by-me')).total).toBe(0);
    expect((await list('province.leader', 'assigned-by-me', '?status=done')).items.map((i) => i.assignment!.id)).toEqual([assignmentId]);
  });

  it('my drafts → approvals awaiting me (drafter, type, urgency) → awaiting my signature → signed, awaiting issue', async () => {
    const approvals = approvalsApi(ctx);
    const clerk = await approvals.userId('province.clerk');
    const leader = await approvals.userId('province.leader');
    await approvals.createTemplate('province.leader', {
      organizationId: province,
      name: 'Kiểm tra và ký',
      steps: [
        { order: 1, name: 'Kiểm tra thể thức', approvers: [{ userId: clerk }], quorum: 'any', dueInWorkingDays: 1 },
        { order: 2, name: 'Lãnh đạo ký', approvers: [{ userId: leader }], quorum: 'any', dueInWorkingDays: 2, isSigningStep: true },
      ],
    });
    // A real PDF: the signature below is a PAdES one.
    const { payload, headers } = multipart([
      {
        name: 'metadata',
        value: JSON.stringify({
          type: 'Quyết định',
          subject: 'Quyết định thành lập tổ công tác',
          organizationId: province,
          urgency: 'urgent',
        }),
      },
      { name: 'file', filename: 'du-thao.pdf', content: await makePdf({ pages: 1 }), contentType: 'application/pdf' },
    ]);
    const created = await ctx.request({ method: 'POST', url: '/api/v1/drafts', payload, headers, as: 'province.specialist' });
    expect(created.statusCode, created.body).toBe(201);
    const draft = created.json<{ id: string }>();
    const drafts = await list('province.specialist', 'drafts');
    expect(drafts.items.map((i) => i.document.id)).toEqual([draft.id]);
    expect(drafts.items[0]).toMatchObject({
      document: { code: null, type: 'Quyết định', status: 'draft' },
      drafter: { fullName: expect.any(String) },
    });

    await approvals.submitOk('province.specialist', draft.id);
    expect((await summary('province.specialist')).drafts).toBe(1); // in approval: still the drafter's
    const check = await list('province.clerk', 'approvals');
    expect(check.total).toBe(1);
    expect(check.items[0]).toMatchObject({
      document: { id: draft.id, type: 'Quyết định', urgency: 'urgent', subject: 'Quyết định thành lập tổ công tác' },
      step: { name: 'Kiểm tra thể thức', isSigningStep: false, actingForId: null },
      drafter: { id: await approvals.userId('province.specialist') },
    });
    expect((await approvals.act('province.clerk', check.items[0].step!.id, 'approve')).statusCode).toBe(200);
    expect((await summary('province.clerk')).approvals).toBe(0);
    const sign = await list('province.leader', 'approvals');
    expect(sign.items[0].step).toMatchObject({ name: 'Lãnh đạo ký', isSigningStep: true });
    expect((await approvals.act('province.leader', sign.items[0].step!.id, 'approve')).statusCode).toBe(200);

    expect((await summary('province.specialist')).drafts).toBe(0);
    const toSign = await list('province.leader', 'to-sign');
    expect(toSign.items.map((i) => i.document.id)).toEqual([draft.id]);
    expect(toSign.items[0].document.status).toBe('approved');
    expect((await summary('province.clerk'))['to-sign']).toBe(0);

    // Signing itself (PAdES, a worker and a trusted certificate) is the story's; here the signed state is what matters.
    await ctx.container.services.issuance.signNow(
      await ctx.container.services.users.authenticate(await ctx.login('province.leader')),
      draft.id,
      {},
    );
    expect((await summary('province.leader'))['to-sign']).toBe(0);
    const toIssue = await list('province.clerk', 'to-issue');
    expect(toIssue.items.map((i) => i.document.id)).toEqual([draft.id]);
    expect(toIssue.items[0].drafter).not.toBeNull();
    expect((await summary('commune.clerk'))['to-issue']).toBe(0);
  });

  it('sent with recipients not yet registered → registered; a recall awaiting the recipient clerk’s answer', async () => {
    const sent = await issuedDocument(ctx, { ownerOrganizationId: province, number: '88', subject: 'Công văn về phòng cháy' });
    const res = await post(ctx, `/documents/${sent.id}/dispatch`, 'province.clerk', {
      recipients: [{ organizationId: benThuy }, { organizationId: vinh }],
    });
    expect(res.statusCode, res.body).toBe(202);
    const pending = await list('province.clerk', 'unregistered-recipients');
    expect(pending.items).toHaveLength(1);
    expect(pending.items[0]).toMatchObject({ document: { id: sent.id, code: '88/UBND-VP' }, pendingRecipients: 2 });

    await waitFor(async () => (await deliveriesOf(ctx, sent.id)).every((d) => d.state === 'delivered'), { what: 'both copies delivered' });
    expect((await list('province.clerk', 'unregistered-recipients')).items[0].pendingRecipients).toBe(2);
    const copy = (await deliveriesOf(ctx, sent.id)).find((d) => d.recipientOrganizationId === benThuy)!.recipientDocumentId!;
    expect((await post(ctx, `/documents/${copy}/register`, 'commune.clerk')).statusCode).toBe(200);
    await waitFor(async () => (await list('province.clerk', 'unregistered-recipients')).items[0]?.pendingRecipients === 1, {
      what: 'the registration reported back',
    });
    expect((await summary('province.leader'))['unregistered-recipients']).toBe(1);

    expect((await post(ctx, `/documents/${sent.id}/recall`, 'province.clerk', { reason: 'Sai đối tượng.' })).statusCode).toBeLessThan(300);
    await waitFor(async () => (await summary('commune.clerk')).notices === 1, { what: 'the recall reached the copy' });
    const notices = await list('commune.clerk', 'notices');
    expect(notices.items[0]).toMatchObject({ document: { id: copy }, notice: { kind: 'recall', reason: 'Sai đối tượng.' } });
    expect((await summary('province.clerk')).notices).toBe(0);
    const answered = await post(ctx, `/documents/${copy}/recall-answer`, 'commune.clerk', { accept: true });
    expect(answered.statusCode, answered.body).toBe(200);
    expect((await summary('commune.clerk')).notices).toBe(0);
  });

  it('pages with a cursor; refuses status on other lists, unknown lists and forged cursors', async () => {
    const leader = await userId(ctx.sql, 'province.leader');
    for (let i = 0; i < 3; i++) {
      const doc = await createDocumentRow(ctx.sql, { ownerOrganizationId: province, status: 'registered', subject: `Trình số ${i}` });
      expect((await post(ctx, `/documents/${doc}/present`, 'province.clerk', { leaderUserId: leader })).statusCode).toBe(200);
    }
    const first = await list('province.leader', 'presented', '?limit=2');
    expect(first.items.map((i) => i.document.subject)).toEqual(['Trình số 2', 'Trình số 1']);
    expect(first.total).toBe(3);
    const second = await list('province.leader', 'presented', `?limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((i) => i.document.subject)).toEqual(['Trình số 0']);
    expect(second.nextCursor).toBeNull();

    for (const url of ['/api/v1/me/work/presented?status=done', '/api/v1/me/work/presented?cursor=bm9wZQ']) {
      const res = await ctx.request({ method: 'GET', url, as: 'province.leader' });
      expect(res.statusCode, url).toBe(400);
    }
    expect((await ctx.request({ method: 'GET', url: '/api/v1/me/work/everything', as: 'province.leader' })).statusCode).toBe(400);
    expect((await ctx.request({ method: 'GET', url: '/api/v1/me/work' })).statusCode).toBe(401);
  });
});
