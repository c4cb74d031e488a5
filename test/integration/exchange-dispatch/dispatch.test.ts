import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { orgOf } from '../../helpers/documents.js';
import { startExchangeWorkers, waitFor } from '../exchange/helpers.js';
import { deliveriesOf, issuedDocument, orgByCode, post, trail } from './helpers.js';

let ctx: TestContext;
let workers: ReturnType<typeof startExchangeWorkers>;
let province: string;
let vinh: string; // the district of district.clerk / district.leader
let benThuy: string; // the ward of commune.clerk / commune.leader

beforeAll(async () => {
  ctx = await createTestContext();
  workers = startExchangeWorkers(ctx);
  province = await orgByCode(ctx, '000.00.00.H41');
  vinh = await orgOf(ctx.sql, 'district.clerk', 'clerk');
  benThuy = await orgOf(ctx.sql, 'commune.clerk', 'clerk');
});
afterAll(async () => {
  await workers?.close();
  await ctx?.close();
});

const allDelivered = (documentId: string) => async () =>
  (await ctx.sql`select 1 from deliveries where document_id = ${documentId} and state <> 'delivered'`).length === 0;

describe('dispatch and fan-out inside the deployment', () => {
  it('fans a hỏa tốc directive out to every commune under the province in one statement; each gets one incoming document sharing the bytes', async () => {
    const doc = await issuedDocument(ctx, { ownerOrganizationId: province, urgency: 'flash', subject: 'Chỉ thị về phòng chống bão số 3' });
    const communes = await ctx.sql<{ id: string }[]>`
      select o.id from organizations o, organizations root
       where root.id = ${province} and o.path <@ root.path and o.level = 'commune' and o.valid_to is null`;
    expect(communes.length).toBeGreaterThan(20);

    const res = await post(ctx, `/documents/${doc.id}/dispatch`, 'province.clerk', {
      selector: { underOrganizationId: province, level: 'commune' },
      recipients: [{ organizationId: benThuy }, { organizationId: vinh }],
    });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({
      documentId: doc.id,
      internal: communes.length + 2,
      remote: 0,
      edxmlDocumentId: expect.stringContaining('000.00.00.H41,2026/03/02,'),
    });

    // One statement for the rows; the outbox holds one job per batch of 100, most urgent priority.
    const jobs = await ctx.sql<
      { priority: number; payload: { deliveryIds: string[] } }[]
    >`select priority, payload from outbox where name = 'exchange.deliver-internal' and payload->>'documentId' = ${doc.id}`;
    expect(jobs.length).toBe(Math.ceil((communes.length + 2) / 100));
    expect(jobs.every((j) => j.priority === 1)).toBe(true);
    const [audit] = await ctx.sql`select details from audit_events where action = 'document.dispatch' and subject_id = ${doc.id}`;
    expect(audit.details).toMatchObject({ internal: communes.length + 2, remote: 0 });

    await waitFor(allDelivered(doc.id), { what: 'every delivery delivered' });
    const perRecipient = await ctx.sql<{ owner: string; n: number }[]>`
      select d.owner_organization_id as owner, count(*)::int as n from documents d join deliveries dl on dl.recipient_document_id = d.id
       where dl.document_id = ${doc.id} group by 1`;
    expect(perRecipient).toHaveLength(communes.length + 2);
    expect(perRecipient.every((r) => r.n === 1)).toBe(true);
    expect(new Set(perRecipient.map((r) => r.owner))).toEqual(new Set([...communes.map((c) => c.id), benThuy, vinh]));

    // No copies: every recipient's file row names the sender's storage key.
    const keys = await ctx.sql<{ storage_key: string; n: number }[]>`
      select f.storage_key, count(*)::int as n from document_files f join deliveries dl on dl.recipient_document_id = f.document_id
       where dl.document_id = ${doc.id} group by 1`;
    expect(keys).toEqual([{ storage_key: doc.storageKey, n: communes.length + 2 }]);

    // The recipient's clerk sees an incoming, received, hỏa tốc document from the province, file included.
    const list = await deliveriesOf(ctx, doc.id);
    const mine = list.find((d) => d.recipientOrganizationId === benThuy)!;
    expect(mine).toMatchObject({ kind: 'internal', state: 'delivered', statusCode: '01', history: [{ code: '01' }] });
    const incoming = await ctx.request({ method: 'GET', url: `/api/v1/documents/${mine.recipientDocumentId}`, as: 'commune.clerk' });
    expect(incoming.statusCode, incoming.body).toBe(200);
    expect(incoming.json()).toMatchObject({
      direction: 'incoming',
      status: 'received',
      urgency: 'flash',
      subject: 'Chỉ thị về phòng chống bão số 3',
      issuerName: 'Ủy ban nhân dân tỉnh Nghệ An',
      files: [{ name: 'cong-van.pdf' }],
    });
    const content = await ctx.request({
      method: 'GET',
      url: `/api/v1/documents/${mine.recipientDocumentId}/files/${incoming.json().files[0].id}/content`,
      as: 'commune.clerk',
    });
    expect(content.statusCode).toBe(200);
    expect(content.body.startsWith('%PDF')).toBe(true);

    // Dispatching again reaches nobody new.
    const again = await post(ctx, `/documents/${doc.id}/dispatch`, 'province.clerk', { recipients: [{ organizationId: benThuy }] });
    expect(again.statusCode).toBe(202);
    expect(again.json()).toMatchObject({ internal: 0 });
    expect(workers.errors).toEqual([]);
  });

  it("turns the receiver's register, assign, progress, completion and refusal into the sender's status codes", async () => {
    const doc = await issuedDocument(ctx, { ownerOrganizationId: province, urgency: 'urgent' });
    const res = await post(ctx, `/documents/${doc.id}/dispatch`, 'province.clerk', {
      recipients: [{ organizationId: benThuy }, { organizationId: vinh }],
    });
    expect(res.statusCode, res.body).toBe(202);
    await waitFor(allDelivered(doc.id), { what: 'delivered' });
    const byOrg = async (org: string) => (await deliveriesOf(ctx, doc.id)).find((d) => d.recipientOrganizationId === org)!;
    const wardDoc = (await byOrg(benThuy)).recipientDocumentId!;
    const districtDoc = (await byOrg(vinh)).recipientDocumentId!;

    expect((await post(ctx, `/documents/${wardDoc}/register`, 'commune.clerk')).statusCode).toBe(200);
    expect(await byOrg(benThuy)).toMatchObject({ statusCode: '03' });
    const leaderId = (await ctx.sql`select id from users where username = 'commune.leader'`)[0].id as string;
    const assigned = await post(ctx, `/documents/${wardDoc}/assignments`, 'commune.leader', {
      assignees: [{ userId: leaderId, role: 'lead', dueInWorkingDays: 3 }],
    });
    expect(assigned.statusCode, assigned.body).toBe(201);
    expect(await byOrg(benThuy)).toMatchObject({ statusCode: '04' });
    const assignmentId = assigned.json().assignments[0].id as string;
    expect((await post(ctx, `/assignments/${assignmentId}/notes`, 'commune.leader', { text: 'Đang triển khai.' })).statusCode).toBe(201);
    expect(await byOrg(benThuy)).toMatchObject({ statusCode: '05' });
    expect((await post(ctx, `/assignments/${assignmentId}/complete`, 'commune.leader', { result: 'Đã hoàn thành.' })).statusCode).toBe(200);
    const done = await byOrg(benThuy);
    expect(done).toMatchObject({ statusCode: '06', state: 'delivered' });
    expect(done.history.map((h) => h.code)).toEqual(['01', '03', '04', '05', '06']);

    const refused = await post(ctx, `/documents/${districtDoc}/refuse`, 'district.clerk', { reason: 'Không đúng thẩm quyền' });
    expect(refused.statusCode, refused.body).toBe(200);
    expect(await byOrg(vinh)).toMatchObject({ statusCode: '02', statusDescription: 'Không đúng thẩm quyền' });
  });

  it('delivers internally a recipient named by the code of a unit of this deployment', async () => {
    const doc = await issuedDocument(ctx, { ownerOrganizationId: province });
    const res = await post(ctx, `/documents/${doc.id}/dispatch`, 'province.clerk', {
      recipients: [{ organId: '000.00.30.H41', name: 'UBND thành phố Vinh' }],
    });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({ internal: 1, remote: 0 });
    await waitFor(allDelivered(doc.id), { what: 'delivered' });
    expect((await deliveriesOf(ctx, doc.id))[0]).toMatchObject({
      kind: 'internal',
      recipientOrganizationId: await orgByCode(ctx, '000.00.30.H41'),
      recipientOrganId: '000.00.30.H41',
      statusCode: '01',
    });
  });

  it('refuses what the caller may not send: 404 unseen, 403 not a clerk of the owner, 409 not issued, 400 no recipients', async () => {
    const doc = await issuedDocument(ctx, { ownerOrganizationId: province });
    expect(
      (await post(ctx, `/documents/${doc.id}/dispatch`, 'district.clerk', { recipients: [{ organizationId: benThuy }] })).statusCode,
    ).toBe(404);
    expect(
      (await post(ctx, `/documents/${doc.id}/dispatch`, 'province.leader', { recipients: [{ organizationId: benThuy }] })).statusCode,
    ).toBe(403);
    expect((await post(ctx, `/documents/${doc.id}/dispatch`, 'province.clerk', { recipients: [] })).statusCode).toBe(400);
    const unknown = await post(ctx, `/documents/${doc.id}/dispatch`, 'province.clerk', {
      recipients: [{ organId: '000.00.00.H77', name: 'UBND tỉnh Không Có' }],
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toContain('no active exchange peer');
    await ctx.sql`update documents set status = 'signed' where id = ${doc.id}`;
    expect(
      (await post(ctx, `/documents/${doc.id}/dispatch`, 'province.clerk', { recipients: [{ organizationId: benThuy }] })).statusCode,
    ).toBe(409);
    expect((await ctx.sql`select 1 from deliveries where document_id = ${doc.id}`).length).toBe(0);
    // Another organisation's clerk does not see the sender's deliveries.
    expect((await ctx.request({ method: 'GET', url: `/api/v1/documents/${doc.id}/deliveries`, as: 'commune.clerk' })).statusCode).toBe(404);
  });
});

describe('recall inside the deployment', () => {
  it('sends an update notice (BussinessDocType 2) the recipients answer 15/16, and a later one after the answer', async () => {
    const doc = await issuedDocument(ctx, { ownerOrganizationId: province });
    expect(
      (await post(ctx, `/documents/${doc.id}/dispatch`, 'province.clerk', { recipients: [{ organizationId: benThuy }] })).statusCode,
    ).toBe(202);
    await waitFor(allDelivered(doc.id), { what: 'delivered' });
    const wardDoc = (await deliveriesOf(ctx, doc.id))[0].recipientDocumentId!;
    expect((await post(ctx, `/documents/${doc.id}/update`, 'province.clerk', { reason: 'Sửa lỗi chính tả trích yếu' })).json()).toEqual({
      documentId: doc.id,
      recipients: 1,
    });
    expect((await post(ctx, `/documents/${doc.id}/update`, 'province.clerk', { reason: 'lần nữa' })).statusCode).toBe(409);
    const notice = await ctx.request({ method: 'GET', url: `/api/v1/documents/${wardDoc}/recall`, as: 'commune.clerk' });
    expect(notice.json()).toMatchObject({ businessType: 2, reason: 'Sửa lỗi chính tả trích yếu', answer: null });
    expect((await post(ctx, `/documents/${wardDoc}/recall-answer`, 'commune.clerk', { accept: true })).json()).toMatchObject({
      statusCode: '15',
    });
    // Answered: a second update is a new notice.
    expect((await post(ctx, `/documents/${doc.id}/update`, 'province.clerk', { reason: 'Bổ sung phụ lục' })).statusCode).toBe(202);
    const again = await ctx.request({ method: 'GET', url: `/api/v1/documents/${wardDoc}/recall`, as: 'commune.clerk' });
    expect(again.json()).toMatchObject({ businessType: 2, reason: 'Bổ sung phụ lục', answer: null });
    expect(
      (await post(ctx, `/documents/${wardDoc}/recall-answer`, 'commune.clerk', { accept: false, reason: 'Đã xử lý theo bản cũ' })).json(),
    ).toMatchObject({ statusCode: '16' });
    const [d] = await deliveriesOf(ctx, doc.id);
    expect(trail(d)).toEqual(['01', 'update-requested', '15', 'update-requested', '16']);
    expect(d).toMatchObject({ noticeKind: 'update', noticeState: 'refused', recallState: null });
  });

  it('sends a replacement (BussinessDocType 3) to the earlier document’s recipients, whose copies get a replace notice', async () => {
    const old = await issuedDocument(ctx, { ownerOrganizationId: province, subject: 'Kế hoạch cũ' });
    expect(
      (
        await post(ctx, `/documents/${old.id}/dispatch`, 'province.clerk', {
          recipients: [{ organizationId: benThuy }, { organizationId: vinh }],
        })
      ).statusCode,
    ).toBe(202);
    await waitFor(allDelivered(old.id), { what: 'old delivered' });
    const replacement = await issuedDocument(ctx, { ownerOrganizationId: province, subject: 'Kế hoạch thay thế' });
    const other = await issuedDocument(ctx, { ownerOrganizationId: vinh });
    expect(
      (await post(ctx, `/documents/${replacement.id}/dispatch`, 'province.clerk', { replaces: { documentId: other.id } })).statusCode,
    ).toBe(400);
    const res = await post(ctx, `/documents/${replacement.id}/dispatch`, 'province.clerk', {
      replaces: { documentId: old.id, reason: 'Thay thế kế hoạch số cũ' },
    });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({ internal: 2 });
    await waitFor(allDelivered(replacement.id), { what: 'replacement delivered' });

    const oldCopies = await deliveriesOf(ctx, old.id);
    expect(
      oldCopies.every(
        (d) => d.noticeKind === 'replace' && d.noticeState === 'requested' && d.history.at(-1)?.event === 'replace-requested',
      ),
    ).toBe(true);
    const wardOld = oldCopies.find((d) => d.recipientOrganizationId === benThuy)!.recipientDocumentId!;
    const notice = await ctx.request({ method: 'GET', url: `/api/v1/documents/${wardOld}/recall`, as: 'commune.clerk' });
    expect(notice.json()).toMatchObject({ businessType: 3, reason: 'Thay thế kế hoạch số cũ', answer: null });
    expect((await post(ctx, `/documents/${wardOld}/recall-answer`, 'commune.clerk', { accept: true })).json()).toMatchObject({
      statusCode: '15',
    });
    expect((await deliveriesOf(ctx, old.id)).find((d) => d.recipientOrganizationId === benThuy)).toMatchObject({
      noticeState: 'agreed',
      recallState: null,
    });
    // The replacement itself arrived as a new incoming document in both.
    expect((await deliveriesOf(ctx, replacement.id)).map((d) => d.statusCode)).toEqual(['01', '01']);
  });

  it('never delivers a copy recalled before it arrived', async () => {
    const doc = await issuedDocument(ctx, { ownerOrganizationId: province });
    // A delivery still waiting for its job (as right after the dispatch commit).
    const [{ id }] = await ctx.sql<{ id: string }[]>`
      insert into deliveries (document_id, sender_organization_id, kind, recipient_organization_id, recipient_name, edxml_document_id)
      values (${doc.id}, ${province}, 'internal', ${benThuy}, 'UBND phường Bến Thủy', 'x') returning id`;
    expect((await post(ctx, `/documents/${doc.id}/recall`, 'province.clerk', { reason: 'Thu hồi ngay' })).statusCode).toBe(202);
    expect(await ctx.container.services.exchange.fanOut.deliverInternal({ documentId: doc.id, deliveryIds: [id] }, undefined)).toEqual({
      delivered: 0,
    });
    const [d] = await deliveriesOf(ctx, doc.id);
    expect(d).toMatchObject({ state: 'recalled', recipientDocumentId: null, recallState: null });
  });

  it('marks the recipients’ copies recalled; their answers 15/16 come back to the sender', async () => {
    const doc = await issuedDocument(ctx, { ownerOrganizationId: province });
    expect(
      (
        await post(ctx, `/documents/${doc.id}/dispatch`, 'province.clerk', {
          recipients: [{ organizationId: benThuy }, { organizationId: vinh }],
        })
      ).statusCode,
    ).toBe(202);
    await waitFor(allDelivered(doc.id), { what: 'delivered' });
    const before = await deliveriesOf(ctx, doc.id);
    const wardDoc = before.find((d) => d.recipientOrganizationId === benThuy)!.recipientDocumentId!;
    const districtDoc = before.find((d) => d.recipientOrganizationId === vinh)!.recipientDocumentId!;

    // Nothing to answer (or see) before a recall.
    expect((await post(ctx, `/documents/${wardDoc}/recall-answer`, 'commune.clerk', { accept: true })).statusCode).toBe(409);
    expect((await ctx.request({ method: 'GET', url: `/api/v1/documents/${wardDoc}/recall`, as: 'commune.clerk' })).statusCode).toBe(404);
    expect((await post(ctx, `/documents/${doc.id}/recall`, 'province.leader', { reason: 'Sai sót' })).statusCode).toBe(403);
    const recall = await post(ctx, `/documents/${doc.id}/recall`, 'province.clerk', { reason: 'Văn bản ban hành sai thể thức' });
    expect(recall.statusCode, recall.body).toBe(202);
    expect(recall.json()).toEqual({ documentId: doc.id, recipients: 2 });
    expect((await post(ctx, `/documents/${doc.id}/recall`, 'province.clerk', { reason: 'lần nữa' })).statusCode).toBe(409);
    expect((await deliveriesOf(ctx, doc.id)).every((d) => d.recallState === 'requested' && d.history.at(-1)?.code === '13')).toBe(true);

    // Only the recipient's clerk answers.
    expect((await post(ctx, `/documents/${wardDoc}/recall-answer`, 'district.clerk', { accept: true })).statusCode).toBe(404);
    const agreed = await post(ctx, `/documents/${wardDoc}/recall-answer`, 'commune.clerk', { accept: true });
    expect(agreed.statusCode, agreed.body).toBe(200);
    expect(agreed.json()).toEqual({ documentId: wardDoc, businessType: 1, answer: 'agreed', statusCode: '15' });
    const seen = await ctx.request({ method: 'GET', url: `/api/v1/documents/${wardDoc}/recall`, as: 'commune.clerk' });
    expect(seen.json()).toMatchObject({ documentId: wardDoc, businessType: 1, reason: 'Văn bản ban hành sai thể thức', answer: 'agreed' });
    expect((await post(ctx, `/documents/${wardDoc}/recall-answer`, 'commune.clerk', { accept: false })).statusCode).toBe(409);
    const refused = await post(ctx, `/documents/${districtDoc}/recall-answer`, 'district.clerk', {
      accept: false,
      reason: 'Đã triển khai thực hiện',
    });
    expect(refused.json()).toMatchObject({ answer: 'refused', statusCode: '16' });

    const after = await deliveriesOf(ctx, doc.id);
    expect(after.find((d) => d.recipientOrganizationId === benThuy)).toMatchObject({ recallState: 'agreed' });
    expect(trail(after.find((d) => d.recipientOrganizationId === benThuy)!)).toEqual(['01', '13', '15']);
    expect(after.find((d) => d.recipientOrganizationId === vinh)).toMatchObject({ recallState: 'refused' });
    expect(after.find((d) => d.recipientOrganizationId === vinh)!.history.at(-1)).toMatchObject({
      code: '16',
      description: 'Đã triển khai thực hiện',
    });
  });
});
