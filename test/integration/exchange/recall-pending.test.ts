import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { orgOf } from '../../helpers/documents.js';
import { deliveriesOf, get, issuedDocument, orgByCode, post, trail } from '../exchange-dispatch/helpers.js';
import { parsed, startFakePeer, type FakePeer } from './fake-peer.js';
import { createPeer, startExchangeWorkers, waitFor } from './helpers.js';

let ctx: TestContext;
let peer: FakePeer;
let workers: ReturnType<typeof startExchangeWorkers> | undefined;
let province: string;
let benThuy: string;

beforeAll(async () => {
  peer = await startFakePeer();
  ctx = await createTestContext();
  await createPeer(ctx, { baseUrl: peer.url, remotePeerId: 'peer-h41' });
  province = await orgByCode(ctx, '000.00.00.H41');
  benThuy = await orgOf(ctx.sql, 'commune.clerk', 'clerk');
});
afterEach(async () => {
  await workers?.close();
  workers = undefined;
});
afterAll(async () => {
  await ctx?.close();
  await peer?.close();
});

/** Every job queued for the document's copies (fan-out, sends) has finished. */
const jobsDone = (documentId: string) => async () =>
  (
    await ctx.sql`select 1 from outbox where completed_at is null
                  and (payload->>'documentId' = ${documentId} or payload->>'deliveryId' in (select id::text from deliveries where document_id = ${documentId}))`
  ).length === 0;

describe('a recall issued before the copies reached their recipients', () => {
  it('ends the queued copies (internal and remote) recalled; the workers then neither deliver nor send them', async () => {
    peer.mode = { status: 202, delayMs: 0 };
    const organId = '000.00.90.H99';
    const subject = 'Công văn thu hồi trước khi đến';
    const doc = await issuedDocument(ctx, { ownerOrganizationId: province, number: '901', subject });
    // No worker runs yet: the fan-out and the send are queued (published to BullMQ), not done.
    const res = await post(ctx, `/documents/${doc.id}/dispatch`, 'province.clerk', {
      recipients: [{ organizationId: benThuy }, { organId, name: 'UBND huyện Chín Mươi' }],
    });
    expect(res.statusCode, res.body).toBe(202);
    expect((await deliveriesOf(ctx, doc.id)).map((d) => d.state)).toEqual(['pending', 'pending']);

    const recall = await post(ctx, `/documents/${doc.id}/recall`, 'province.clerk', { reason: 'Gửi nhầm' });
    expect(recall.statusCode, recall.body).toBe(202);
    expect(recall.json()).toEqual({ documentId: doc.id, recipients: 2 });
    const seen = await deliveriesOf(ctx, doc.id);
    for (const d of seen) {
      expect(d).toMatchObject({ state: 'recalled', recallState: null, recipientDocumentId: null });
      expect(trail(d)).toEqual(['13', 'withdrawn']);
    }
    const [audit] = await ctx.sql`select details from audit_events where action = 'document.recall' and subject_id = ${doc.id}`;
    expect(audit.details).toMatchObject({ recipients: 2, recalledBeforeArrival: 2 });
    // Nothing to tell the remote recipient: no recall package is queued.
    expect(
      (
        await ctx.sql`select 1 from outbox where name = 'exchange.send-document' and (payload->>'businessType')::int = 1 and payload->>'deliveryId' = any(${seen.map((d) => d.id)})`
      ).length,
    ).toBe(0);
    // A second recall finds nothing to recall.
    expect((await post(ctx, `/documents/${doc.id}/recall`, 'province.clerk', { reason: 'lần nữa' })).statusCode).toBe(409);

    workers = startExchangeWorkers(ctx);
    await waitFor(jobsDone(doc.id), { what: 'queued jobs finished' });
    expect(peer.sentTo(organId)).toEqual([]);
    expect((await ctx.sql`select 1 from documents where owner_organization_id = ${benThuy} and subject = ${subject}`).length).toBe(0);
    expect((await deliveriesOf(ctx, doc.id)).map((d) => [d.state, d.recipientDocumentId])).toEqual([
      ['recalled', null],
      ['recalled', null],
    ]);
    expect(workers.errors).toEqual([]);
  });

  it('recalls a dead-lettered copy that never arrived: it leaves the dead-letter list and is not replayable', async () => {
    peer.mode = { status: 400, delayMs: 0 };
    workers = startExchangeWorkers(ctx);
    const doc = await issuedDocument(ctx, { ownerOrganizationId: province, number: '902' });
    expect(
      (
        await post(ctx, `/documents/${doc.id}/dispatch`, 'province.clerk', {
          recipients: [{ organId: '000.00.91.H99', name: 'UBND huyện 91' }],
        })
      ).statusCode,
    ).toBe(202);
    await waitFor(async () => (await deliveriesOf(ctx, doc.id))[0].state === 'dead', { what: 'dead-lettered' });
    const [dead] = await deliveriesOf(ctx, doc.id);

    expect((await post(ctx, `/documents/${doc.id}/recall`, 'province.clerk', { reason: 'Không gửi nữa' })).statusCode).toBe(202);
    expect((await deliveriesOf(ctx, doc.id))[0]).toMatchObject({ state: 'recalled', recallState: null });
    const list = (await get(ctx, '/exchange/dead-letters?limit=500', 'admin')).json<{ items: { id: string }[] }>().items;
    expect(list.map((i) => i.id)).not.toContain(dead.id);
    expect((await post(ctx, `/exchange/dead-letters/${dead.id}/replay`, 'admin')).statusCode).toBe(409);
  });

  it("a copy whose package is at the peer while the recall commits is not shown recalled: the recall package follows the peer's acceptance", async () => {
    peer.mode = { status: 202, delayMs: 1500 };
    workers = startExchangeWorkers(ctx);
    const organId = '000.00.92.H99';
    const doc = await issuedDocument(ctx, { ownerOrganizationId: province, number: '903' });
    const res = await post(ctx, `/documents/${doc.id}/dispatch`, 'province.clerk', { recipients: [{ organId, name: 'UBND huyện 92' }] });
    const { edxmlDocumentId } = res.json<{ edxmlDocumentId: string }>();
    // The package is at the peer, its answer not back yet: the recall commits now.
    await waitFor(async () => peer.sentTo(organId).length === 1, { what: 'package in flight' });
    expect((await post(ctx, `/documents/${doc.id}/recall`, 'province.clerk', { reason: 'Thu hồi gấp' })).statusCode).toBe(202);
    // The peer may already hold it: the recall waits for its answer instead of withdrawing the copy here.
    expect((await deliveriesOf(ctx, doc.id))[0]).toMatchObject({ state: 'pending', recallState: 'requested' });
    expect(peer.sentTo(organId)).toHaveLength(1);

    await waitFor(async () => trail((await deliveriesOf(ctx, doc.id))[0]).includes('sent:1'), {
      what: 'recall package sent after the document',
    });
    const d = (await deliveriesOf(ctx, doc.id))[0];
    expect(d).toMatchObject({ state: 'pending', recallState: 'requested' });
    expect(trail(d)).toEqual(['13', 'sent', 'sent:1']);
    const [first, second] = peer.sentTo(organId);
    expect((await parsed(first)).business?.docType ?? 0).toBe(0);
    expect((await parsed(second)).business).toMatchObject({ docType: 1, reason: 'Thu hồi gấp', documentId: edxmlDocumentId });
    const [audit] =
      await ctx.sql`select details from audit_events where action = 'exchange.delivery.request-after-document' and subject_id = ${d.id}`;
    expect(audit.details).toMatchObject({ businessType: 1 });
  });
});

describe('a recall whose copy was being sent when it committed', () => {
  it('withdraws the copy here once the peer refuses the package: nothing to recall there, nothing dead-lettered', async () => {
    peer.mode = { status: 400, delayMs: 1500 };
    workers = startExchangeWorkers(ctx);
    const organId = '000.00.93.H99';
    const doc = await issuedDocument(ctx, { ownerOrganizationId: province, number: '904' });
    expect(
      (await post(ctx, `/documents/${doc.id}/dispatch`, 'province.clerk', { recipients: [{ organId, name: 'UBND huyện 93' }] })).statusCode,
    ).toBe(202);
    await waitFor(async () => peer.sentTo(organId).length === 1, { what: 'package in flight' });
    expect((await post(ctx, `/documents/${doc.id}/recall`, 'province.clerk', { reason: 'Gửi nhầm nơi nhận' })).statusCode).toBe(202);
    expect((await deliveriesOf(ctx, doc.id))[0]).toMatchObject({ state: 'pending', recallState: 'requested' });

    // The peer refuses the document (400): it never had it, so the recall ends the copy here.
    await waitFor(async () => (await deliveriesOf(ctx, doc.id))[0].state !== 'pending', { what: 'the peer’s answer recorded' });
    await waitFor(jobsDone(doc.id), { what: 'queued jobs finished' });
    const [d] = await deliveriesOf(ctx, doc.id);
    expect(d).toMatchObject({ state: 'recalled', recallState: null });
    expect(trail(d)).toEqual(['13', 'withdrawn']);
    expect(peer.sentTo(organId)).toHaveLength(1);
    const dead = (await get(ctx, '/exchange/dead-letters?limit=500', 'admin')).json<{ items: { id: string }[] }>().items;
    expect(dead.map((i) => i.id)).not.toContain(d.id);
    // The recall took effect: the sender's document is recalled.
    expect((await get(ctx, `/documents/${doc.id}`, 'province.clerk')).json()).toMatchObject({ status: 'recalled' });
    expect(workers.errors).toEqual([]);
  });
});

describe('an update notice issued before the copy reached its recipient', () => {
  it('inside the deployment: waits for the fan-out and goes on the copy it creates', async () => {
    const subject = 'Công văn cập nhật trước khi đến nơi nhận';
    const doc = await issuedDocument(ctx, { ownerOrganizationId: province, number: '911', subject });
    // No worker runs yet: the fan-out is queued when the update is sent.
    expect(
      (await post(ctx, `/documents/${doc.id}/dispatch`, 'province.clerk', { recipients: [{ organizationId: benThuy }] })).statusCode,
    ).toBe(202);
    const update = await post(ctx, `/documents/${doc.id}/update`, 'province.clerk', { reason: 'Bổ sung phụ lục' });
    expect(update.statusCode, update.body).toBe(202);
    expect((await deliveriesOf(ctx, doc.id))[0]).toMatchObject({ state: 'pending', noticeState: 'requested', recipientDocumentId: null });

    workers = startExchangeWorkers(ctx);
    await waitFor(jobsDone(doc.id), { what: 'fan-out finished' });
    const [d] = await deliveriesOf(ctx, doc.id);
    expect(d).toMatchObject({ state: 'delivered', statusCode: '01', noticeState: 'requested', recipientDocumentId: expect.any(String) });
    // The copy has the notice to answer, and the answer reaches the sender.
    const notice = await get(ctx, `/documents/${d.recipientDocumentId}/recall`, 'commune.clerk');
    expect(notice.statusCode, notice.body).toBe(200);
    expect(notice.json()).toMatchObject({ businessType: 2, reason: 'Bổ sung phụ lục', answer: null });
    expect((await post(ctx, `/documents/${d.recipientDocumentId}/recall-answer`, 'commune.clerk', { accept: true })).json()).toMatchObject({
      statusCode: '15',
    });
    expect((await deliveriesOf(ctx, doc.id))[0]).toMatchObject({ noticeState: 'agreed' });
    expect(workers.errors).toEqual([]);
  });

  it('to a peer retrying the document: the update package is sent only after the peer took the document', async () => {
    peer.mode = { status: 503, delayMs: 0 };
    workers = startExchangeWorkers(ctx);
    const organId = '000.00.94.H99';
    const doc = await issuedDocument(ctx, { ownerOrganizationId: province, number: '912' });
    const res = await post(ctx, `/documents/${doc.id}/dispatch`, 'province.clerk', { recipients: [{ organId, name: 'UBND huyện 94' }] });
    const { edxmlDocumentId } = res.json<{ edxmlDocumentId: string }>();
    await waitFor(async () => peer.sentTo(organId).length === 1, { what: 'first attempt refused with 503' });
    expect((await post(ctx, `/documents/${doc.id}/update`, 'province.clerk', { reason: 'Sửa số liệu' })).statusCode).toBe(202);
    // The document's next attempt (1 s back-off) is refused too; the update has not gone out.
    await waitFor(async () => peer.sentTo(organId).length === 2, { what: 'second attempt' });
    await new Promise((r) => setTimeout(r, 500));
    const before = await Promise.all(peer.sentTo(organId).map(parsed));
    expect(before.map((p) => p.business?.docType ?? 0)).toEqual([0, 0]);

    peer.mode = { status: 202, delayMs: 0 };
    await waitFor(async () => trail((await deliveriesOf(ctx, doc.id))[0]).includes('sent:2'), { what: 'update sent', timeoutMs: 20_000 });
    const all = await Promise.all(peer.sentTo(organId).map(parsed));
    const types = all.map((p) => p.business?.docType ?? 0);
    // Every package before the accepted document is the document; the update is the last, once.
    expect(types.at(-1)).toBe(2);
    expect(types.slice(0, -1).every((t) => t === 0)).toBe(true);
    expect(all.at(-1)!.business).toMatchObject({ docType: 2, reason: 'Sửa số liệu', documentId: edxmlDocumentId });
    expect(trail((await deliveriesOf(ctx, doc.id))[0])).toEqual(['update-requested', 'sent', 'sent:2']);
  }, 30_000);

  it('to a peer whose document was dead-lettered: the update waits for the replay and follows the document', async () => {
    peer.mode = { status: 400, delayMs: 0 };
    workers = startExchangeWorkers(ctx);
    const organId = '000.00.95.H99';
    const doc = await issuedDocument(ctx, { ownerOrganizationId: province, number: '913' });
    expect(
      (await post(ctx, `/documents/${doc.id}/dispatch`, 'province.clerk', { recipients: [{ organId, name: 'UBND huyện 95' }] })).statusCode,
    ).toBe(202);
    await waitFor(async () => (await deliveriesOf(ctx, doc.id))[0].state === 'dead', { what: 'document dead-lettered' });

    peer.mode = { status: 202, delayMs: 0 };
    expect((await post(ctx, `/documents/${doc.id}/update`, 'province.clerk', { reason: 'Bổ sung phụ lục' })).statusCode).toBe(202);
    await new Promise((r) => setTimeout(r, 1500));
    // Nothing went to the peer about a document it does not have.
    expect(peer.sentTo(organId)).toHaveLength(1);
    expect((await deliveriesOf(ctx, doc.id))[0]).toMatchObject({ state: 'dead', noticeState: 'requested' });

    const [dead] = await deliveriesOf(ctx, doc.id);
    expect((await post(ctx, `/exchange/dead-letters/${dead.id}/replay`, 'admin')).statusCode).toBe(202);
    await waitFor(async () => trail((await deliveriesOf(ctx, doc.id))[0]).includes('sent:2'), {
      what: 'update sent after the replayed document',
    });
    const types = (await Promise.all(peer.sentTo(organId).map(parsed))).map((p) => p.business?.docType ?? 0);
    expect(types).toEqual([0, 0, 2]);
    expect(trail((await deliveriesOf(ctx, doc.id))[0])).toEqual(['dead-lettered', 'update-requested', 'replayed', 'sent', 'sent:2']);
    expect(workers.errors).toEqual([]);
  });
});
