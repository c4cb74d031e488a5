import { createHash, randomUUID } from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitStatusPackage } from '../../../src/modules/exchange/edxml/index.js';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { orgOf, TINY_PDF, userId } from '../../helpers/documents.js';
import { parsed, startFakePeer, type FakePeer } from '../exchange/fake-peer.js';
import { createPeer, postInbound, startExchangeWorkers, waitFor, type Peer } from '../exchange/helpers.js';
import { deliveriesOf, get, issuedDocument, orgByCode, post } from './helpers.js';

/**
 * Recall and update as users meet them (issue 10, item 5), walked on the demo province: the
 * provincial văn thư sends, updates and recalls; clerks of wards, districts and departments answer.
 */
let ctx: TestContext;
let workers: ReturnType<typeof startExchangeWorkers>;
let fakePeer: FakePeer;
let peer: Peer;
let province: string;
let vinh: string; // district.clerk
let benThuy: string; // commune.clerk
let others: { id: string; clerk: string }[]; // two departments and a district, with their clerks

/** National status codes: the only values a history entry's `code` may hold. */
const NATIONAL_CODES = new Set(['01', '02', '03', '04', '05', '06', '13', '15', '16']);

type Delivery = Awaited<ReturnType<typeof deliveriesOf>>[number];
const deliveries = (documentId: string) => deliveriesOf(ctx, documentId);

beforeAll(async () => {
  fakePeer = await startFakePeer();
  ctx = await createTestContext();
  peer = await createPeer(ctx, { baseUrl: fakePeer.url, remotePeerId: 'peer-h41' });
  workers = startExchangeWorkers(ctx);
  province = await orgByCode(ctx, '000.00.00.H41');
  vinh = await orgOf(ctx.sql, 'district.clerk', 'clerk');
  benThuy = await orgOf(ctx.sql, 'commune.clerk', 'clerk');
  others = await Promise.all(
    ['02', '03', '31'].map(async (nn) => ({ id: await orgOf(ctx.sql, `u${nn}.clerk`, 'clerk'), clerk: `u${nn}.clerk` })),
  );
});
afterAll(async () => {
  await workers?.close();
  await ctx?.close();
  await fakePeer?.close();
});

/** Every internal copy delivered and every remote one accepted by the peer. */
const allArrived = (documentId: string) => async () =>
  (await deliveries(documentId)).every((d) =>
    d.kind === 'internal' ? d.state === 'delivered' : d.history.some((h) => h.event === 'sent' && h.businessType === 0),
  );

const copyOf = async (documentId: string, organizationId: string) =>
  (await deliveries(documentId)).find((d) => d.recipientOrganizationId === organizationId)!.recipientDocumentId!;

const answer = (documentId: string, as: string, body: Record<string, unknown>) =>
  post(ctx, `/documents/${documentId}/recall-answer`, as, body);

/** POST /documents/:id/files as the province's clerk: a new version of `replaces`, or a new attachment. */
function addFile(documentId: string, { name, content, replaces }: { name: string; content: Buffer; replaces?: string }) {
  const boundary = `----vanthu${randomUUID()}`;
  const parts = [
    ...(replaces ? [Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="replaces"\r\n\r\n${replaces}\r\n`)] : []),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ];
  return ctx.request({
    method: 'POST',
    url: `/api/v1/documents/${documentId}/files`,
    as: 'province.clerk',
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Every history entry of every copy names a real event; `code` holds only national status codes; each says what it means. */
function expectNoPseudoCodes(list: Delivery[]) {
  for (const d of list) {
    for (const h of d.history) {
      expect(h.event, JSON.stringify(h)).toMatch(
        /^(status|recall-requested|update-requested|replace-requested|recall-answered|update-answered|replace-answered|withdrawn|sent|dead-lettered|replayed)$/,
      );
      if (h.code !== undefined) expect(NATIONAL_CODES.has(h.code), JSON.stringify(h)).toBe(true);
      expect(h.label.length, JSON.stringify(h)).toBeGreaterThan(0);
    }
  }
}

describe('recall and update as users meet them', () => {
  it('an update to 6 recipients, then a recall before they answer: the recall reaches all 6; a second recall is refused because a recall is pending', async () => {
    const remoteOrgan = '000.00.70.H99';
    const doc = await issuedDocument(ctx, { ownerOrganizationId: province, subject: 'Kế hoạch tổ chức hội nghị tổng kết' });
    const internal = [benThuy, vinh, ...others.map((o) => o.id)];
    const sent = await post(ctx, `/documents/${doc.id}/dispatch`, 'province.clerk', {
      recipients: [...internal.map((organizationId) => ({ organizationId })), { organId: remoteOrgan, name: 'UBND huyện Bảy Mươi' }],
    });
    expect(sent.statusCode, sent.body).toBe(202);
    expect(sent.json()).toMatchObject({ internal: 5, remote: 1 });
    await waitFor(allArrived(doc.id), { what: 'every copy arrived' });

    const update = await post(ctx, `/documents/${doc.id}/update`, 'province.clerk', { reason: 'Bổ sung thành phần tham dự' });
    expect(update.statusCode, update.body).toBe(202);
    expect(update.json()).toEqual({ documentId: doc.id, recipients: 6 });
    // Before anyone answers the update: the recall still reaches every copy.
    const recall = await post(ctx, `/documents/${doc.id}/recall`, 'province.clerk', { reason: 'Hoãn hội nghị' });
    expect(recall.statusCode, recall.body).toBe(202);
    expect(recall.json()).toEqual({ documentId: doc.id, recipients: 6 });

    const again = await post(ctx, `/documents/${doc.id}/recall`, 'province.clerk', { reason: 'lần nữa' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toMatch(/recall of this document is pending/);
    const updateAgain = await post(ctx, `/documents/${doc.id}/update`, 'province.clerk', { reason: 'lần nữa' });
    expect(updateAgain.statusCode).toBe(409);
    expect(updateAgain.json().error.message).toMatch(/update notice of this document is pending/);

    const list = await deliveries(doc.id);
    expect(list).toHaveLength(6);
    for (const d of list) {
      expect(d).toMatchObject({ recallState: 'requested', recallReason: 'Hoãn hội nghị', noticeKind: 'update', noticeState: 'requested' });
      expect(d.history.filter((h) => h.event.endsWith('-requested')).map((h) => [h.event, h.code, h.description])).toEqual([
        ['update-requested', undefined, 'Bổ sung thành phần tham dự'],
        ['recall-requested', '13', 'Hoãn hội nghị'],
      ]);
    }
    // The remote copy gets the update package and the recall package.
    const remoteSent = async () =>
      (await deliveries(doc.id))
        .find((d) => d.kind === 'remote')!
        .history.filter((h) => h.event === 'sent')
        .map((h) => h.businessType);
    await waitFor(async () => (await remoteSent()).length === 3, { what: 'update and recall packages sent' });
    expect((await remoteSent()).sort()).toEqual([0, 1, 2]);
    const packages = await Promise.all(fakePeer.sentTo(remoteOrgan).map(parsed));
    expect(packages.map((p) => p.business?.docType ?? 0).sort()).toEqual([0, 1, 2]);

    // Each recipient's clerk sees both requests flagged on the copy, in its list and in the document.
    const wardDoc = await copyOf(doc.id, benThuy);
    const inbox = await get(ctx, '/documents?direction=incoming&limit=200', 'commune.clerk');
    expect(inbox.json().items.find((i: { id: string }) => i.id === wardDoc)).toMatchObject({ pendingNotices: ['recall', 'update'] });
    expect((await get(ctx, `/documents/${wardDoc}`, 'commune.clerk')).json()).toMatchObject({ pendingNotices: ['recall', 'update'] });
    // The oldest request first: what an answer that names none answers.
    expect((await get(ctx, `/documents/${wardDoc}/recall`, 'commune.clerk')).json()).toMatchObject({
      businessType: 2,
      reason: 'Bổ sung thành phần tham dự',
      answer: null,
      pending: ['recall', 'update'],
    });
    for (const o of others) {
      const theirs = await copyOf(doc.id, o.id);
      expect((await get(ctx, `/documents/${theirs}`, o.clerk)).json()).toMatchObject({ pendingNotices: ['recall', 'update'] });
    }

    // The ward agrees to the update (the oldest request), then refuses the recall; the district answers the update only.
    expect((await answer(wardDoc, 'commune.clerk', { accept: true })).json()).toMatchObject({
      businessType: 2,
      answer: 'agreed',
      statusCode: '15',
    });
    expect((await answer(wardDoc, 'commune.clerk', { accept: false, reason: 'Đã triển khai' })).json()).toMatchObject({
      businessType: 1,
      answer: 'refused',
      statusCode: '16',
    });
    expect((await answer(wardDoc, 'commune.clerk', { accept: true })).statusCode).toBe(409);
    const districtDoc = await copyOf(doc.id, vinh);
    expect((await answer(districtDoc, 'district.clerk', { accept: true, businessType: 2 })).json()).toMatchObject({
      businessType: 2,
      answer: 'agreed',
    });
    expect((await get(ctx, `/documents/${wardDoc}`, 'commune.clerk')).json().pendingNotices).toEqual([]);
    expect((await get(ctx, `/documents/${districtDoc}`, 'district.clerk')).json().pendingNotices).toEqual(['recall']);

    const after = await deliveries(doc.id);
    const ward = after.find((d) => d.recipientOrganizationId === benThuy)!;
    expect(ward).toMatchObject({ recallState: 'refused', noticeState: 'agreed' });
    expect(ward.history.slice(-2).map((h) => [h.event, h.code, h.label])).toEqual([
      ['update-answered', '15', 'Đồng ý cập nhật'],
      ['recall-answered', '16', 'Từ chối thu hồi'],
    ]);
    expect(after.find((d) => d.recipientOrganizationId === vinh)).toMatchObject({ recallState: 'requested', noticeState: 'agreed' });
    expectNoPseudoCodes(after);
    expect(workers.errors).toEqual([]);
  });

  it('an accepted update brings the new files into the copy as new versions; a refused one keeps the old files', async () => {
    const doc = await issuedDocument(ctx, { ownerOrganizationId: province, subject: 'Quyết định phê duyệt dự toán' });
    expect(
      (
        await post(ctx, `/documents/${doc.id}/dispatch`, 'province.clerk', {
          recipients: [{ organizationId: benThuy }, { organizationId: vinh }],
        })
      ).statusCode,
    ).toBe(202);
    await waitFor(allArrived(doc.id), { what: 'delivered' });

    const v2 = Buffer.from('%PDF-1.4\n% vanthu: quyết định, bản sửa đổi\n%%EOF\n');
    const annex = Buffer.from('%PDF-1.4\n% vanthu: phụ lục dự toán\n%%EOF\n');
    const version = await addFile(doc.id, { name: 'cong-van-v2.pdf', content: v2, replaces: doc.fileId });
    expect(version.statusCode, version.body).toBe(201);
    expect((await addFile(doc.id, { name: 'phu-luc.pdf', content: annex })).statusCode).toBe(201);
    expect(
      (await post(ctx, `/documents/${doc.id}/update`, 'province.clerk', { reason: 'Sửa đổi dự toán, bổ sung phụ lục' })).statusCode,
    ).toBe(202);

    const wardDoc = await copyOf(doc.id, benThuy);
    const districtDoc = await copyOf(doc.id, vinh);
    const filesOf = async (id: string, as: string, versions = 'latest') =>
      (await get(ctx, `/documents/${id}?versions=${versions}`, as)).json().files as {
        id: string;
        name: string;
        sha256: string;
        kind: string;
        version: number;
        previousFileId: string | null;
        latest: boolean;
      }[];
    // Until the clerk agrees, the copy keeps what it was sent.
    const before = await filesOf(wardDoc, 'commune.clerk');
    expect(before.map((f) => [f.name, f.sha256])).toEqual([['cong-van.pdf', sha256(TINY_PDF)]]);

    expect((await answer(wardDoc, 'commune.clerk', { accept: true })).json()).toMatchObject({
      businessType: 2,
      answer: 'agreed',
      statusCode: '15',
    });
    const latest = await filesOf(wardDoc, 'commune.clerk');
    // Files added to an issued document carry its names (issue 12, item 6): a new version the name of
    // the file it replaces, a new attachment the số/ký hiệu and "Phụ lục" with its numeral.
    const { number, notation } = (await get(ctx, `/documents/${doc.id}`, 'province.clerk')).json<{ number: string; notation: string }>();
    expect(latest.map((f) => [f.name, f.kind, f.version, f.sha256]).sort()).toEqual(
      [
        ['cong-van.pdf', 'main', 2, sha256(v2)],
        [`${number}-${notation} - Phụ lục I.pdf`, 'attachment', 1, sha256(annex)],
      ].sort(),
    );
    expect(latest.find((f) => f.kind === 'main')!.previousFileId).toBe(before[0].id);
    expect(await filesOf(wardDoc, 'commune.clerk', 'all')).toHaveLength(3);
    const main = latest.find((f) => f.kind === 'main')!;
    const content = await ctx.request({ method: 'GET', url: `/api/v1/documents/${wardDoc}/files/${main.id}/content`, as: 'commune.clerk' });
    expect(content.rawPayload.equals(v2)).toBe(true);

    expect((await answer(districtDoc, 'district.clerk', { accept: false, reason: 'Đã thực hiện theo bản cũ' })).json()).toMatchObject({
      answer: 'refused',
      statusCode: '16',
    });
    expect((await filesOf(districtDoc, 'district.clerk')).map((f) => f.sha256)).toEqual([sha256(TINY_PDF)]);
    const after = await deliveries(doc.id);
    expect(after.find((d) => d.recipientOrganizationId === benThuy)).toMatchObject({
      noticeKind: 'update',
      noticeState: 'agreed',
      recallState: null,
    });
    expect(after.find((d) => d.recipientOrganizationId === vinh)).toMatchObject({ noticeState: 'refused' });
  });

  it("agreeing to a recall withdraws the copy (open work closed as recalled, kept for the record) and marks the sender's document recalled; the sender sees who agreed and who refused", async () => {
    const doc = await issuedDocument(ctx, { ownerOrganizationId: province, subject: 'Công văn về việc kiểm tra liên ngành' });
    expect(
      (
        await post(ctx, `/documents/${doc.id}/dispatch`, 'province.clerk', {
          recipients: [{ organizationId: benThuy }, { organizationId: vinh }],
        })
      ).statusCode,
    ).toBe(202);
    await waitFor(allArrived(doc.id), { what: 'delivered' });
    const wardDoc = await copyOf(doc.id, benThuy);
    const districtDoc = await copyOf(doc.id, vinh);
    // The ward registers the copy and its leader assigns it: open work.
    expect((await post(ctx, `/documents/${wardDoc}/register`, 'commune.clerk')).statusCode).toBe(200);
    const assigned = await post(ctx, `/documents/${wardDoc}/assignments`, 'commune.leader', {
      assignees: [{ userId: await userId(ctx.sql, 'commune.leader'), role: 'lead', dueInWorkingDays: 3 }],
    });
    expect(assigned.statusCode, assigned.body).toBe(201);
    const assignmentId = assigned.json().assignments[0].id as string;

    expect((await post(ctx, `/documents/${doc.id}/recall`, 'province.clerk', { reason: 'Ban hành sai thẩm quyền' })).statusCode).toBe(202);
    // Asked, not yet agreed: the document is still issued.
    expect((await get(ctx, `/documents/${doc.id}`, 'province.clerk')).json().status).toBe('issued');

    expect((await answer(wardDoc, 'commune.clerk', { accept: true })).json()).toMatchObject({
      businessType: 1,
      answer: 'agreed',
      statusCode: '15',
    });
    // The ward's copy is withdrawn, not deleted: still readable, its number kept, nothing left open.
    const copy = await get(ctx, `/documents/${wardDoc}`, 'commune.clerk');
    expect(copy.statusCode).toBe(200);
    expect(copy.json()).toMatchObject({ status: 'recalled', incomingNumber: expect.any(Number), pendingNotices: [] });
    const work = (await get(ctx, `/documents/${wardDoc}/assignments`, 'commune.clerk')).json().items;
    expect(work).toMatchObject([{ id: assignmentId, status: 'recalled', recallReason: 'Ban hành sai thẩm quyền' }]);
    expect((await ctx.sql`select 1 from custody_intervals where document_id = ${wardDoc} and ended_at is null`).length).toBe(0);
    expect(
      (await get(ctx, '/assignments?scope=mine&status=open', 'commune.leader')).json().items.map((i: { id: string }) => i.id),
    ).not.toContain(assignmentId);
    expect((await post(ctx, `/assignments/${assignmentId}/notes`, 'commune.leader', { text: 'Tiếp tục xử lý' })).statusCode).toBe(409);
    const timeline = (await get(ctx, `/documents/${wardDoc}/timeline`, 'commune.clerk'))
      .json()
      .events.map((e: { action: string }) => e.action);
    expect(timeline).toEqual(expect.arrayContaining(['document.recall-answer', 'document.recalled']));

    // The district refuses: its copy goes on as it was.
    expect((await answer(districtDoc, 'district.clerk', { accept: false, reason: 'Đã phân công xử lý' })).json()).toMatchObject({
      answer: 'refused',
      statusCode: '16',
    });
    expect((await get(ctx, `/documents/${districtDoc}`, 'district.clerk')).json().status).toBe('received');

    // The sender's document is recalled: never sent again, never updated.
    expect((await get(ctx, `/documents/${doc.id}`, 'province.clerk')).json().status).toBe('recalled');
    const resend = await post(ctx, `/documents/${doc.id}/dispatch`, 'province.clerk', { recipients: [{ organizationId: others[0].id }] });
    expect(resend.statusCode).toBe(409);
    expect(
      (await ctx.sql`select 1 from deliveries where document_id = ${doc.id} and recipient_organization_id = ${others[0].id}`).length,
    ).toBe(0);
    expect((await post(ctx, `/documents/${doc.id}/update`, 'province.clerk', { reason: 'Sửa' })).statusCode).toBe(409);

    // Who agreed and who refused, in words.
    const list = await deliveries(doc.id);
    const ward = list.find((d) => d.recipientOrganizationId === benThuy)!;
    const district = list.find((d) => d.recipientOrganizationId === vinh)!;
    expect(ward).toMatchObject({ recallState: 'agreed', statusCode: '04', statusLabel: 'Phân công' });
    expect(ward.history.map((h) => [h.event, h.code ?? null, h.label])).toEqual([
      ['status', '01', 'Đã đến'],
      ['status', '03', 'Đã tiếp nhận'],
      ['status', '04', 'Phân công'],
      ['recall-requested', '13', 'Lấy lại (yêu cầu thu hồi)'],
      ['recall-answered', '15', 'Đồng ý thu hồi'],
    ]);
    expect(district).toMatchObject({ recallState: 'refused', statusCode: '01', statusLabel: 'Đã đến' });
    expect(district.history.at(-1)).toMatchObject({
      event: 'recall-answered',
      code: '16',
      answer: 'refused',
      label: 'Từ chối thu hồi',
      description: 'Đã phân công xử lý',
    });
    expectNoPseudoCodes(list);
  });

  it("a peer's 15s answer the requests in the order they were asked: the update, then the recall (our document is then recalled)", async () => {
    const organId = '000.00.71.H99';
    const doc = await issuedDocument(ctx, { ownerOrganizationId: province });
    const res = await post(ctx, `/documents/${doc.id}/dispatch`, 'province.clerk', {
      recipients: [{ organId, name: 'UBND huyện Bảy Mốt' }],
    });
    const { edxmlDocumentId } = res.json<{ edxmlDocumentId: string }>();
    await waitFor(allArrived(doc.id), { what: 'sent' });
    expect((await post(ctx, `/documents/${doc.id}/update`, 'province.clerk', { reason: 'Cập nhật' })).statusCode).toBe(202);
    expect((await post(ctx, `/documents/${doc.id}/recall`, 'province.clerk', { reason: 'Thu hồi' })).statusCode).toBe(202);
    const status = async (code: '15' | '16', at: string) =>
      postInbound(
        ctx,
        peer,
        await buffer(
          emitStatusPackage({ responseFor: { documentId: edxmlDocumentId }, from: { organId }, statusCode: code, timestamp: at }),
        ),
      );

    expect((await status('15', '2026-03-05T08:00:00')).statusCode).toBe(202);
    await waitFor(async () => (await deliveries(doc.id))[0].noticeState === 'agreed', { what: 'update agreed' });
    expect((await deliveries(doc.id))[0]).toMatchObject({ recallState: 'requested' });
    expect((await get(ctx, `/documents/${doc.id}`, 'province.clerk')).json().status).toBe('issued');
    expect((await status('15', '2026-03-05T09:00:00')).statusCode).toBe(202);
    await waitFor(async () => (await deliveries(doc.id))[0].recallState === 'agreed', { what: 'recall agreed' });
    expect((await get(ctx, `/documents/${doc.id}`, 'province.clerk')).json().status).toBe('recalled');
    const [d] = await deliveries(doc.id);
    expect(d.history.filter((h) => h.event.endsWith('-answered')).map((h) => [h.event, h.code, h.statedAt])).toEqual([
      ['update-answered', '15', expect.stringContaining('08:00:00')],
      ['recall-answered', '15', expect.stringContaining('09:00:00')],
    ]);
    expectNoPseudoCodes([d]);
  });
});
