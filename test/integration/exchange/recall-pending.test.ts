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
  (await ctx.sql`select 1 from outbox where completed_at is null
                  and (payload->>'documentId' = ${documentId} or payload->>'deliveryId' in (select id::text from deliveries where document_id = ${documentId}))`).length === 0;

describe('a recall issued before the copies reached their recipients', () => {
  it('ends the queued copies (internal and remote) recalled; the workers then neither deliver nor send them', async () => {
    peer.mode = { status: 202, delayMs: 0 };
    const organId = '000.00.90.H99';
    const subject = 'Công văn thu hồi trước khi đến';
    const doc = await issuedDocument(ctx, { ownerOrganizationId: province, number: '901', subject });
    // No worker runs yet: the fan-out and the send are queued (published to BullMQ), not done.
    const res = await post(ctx, `/documents/${doc.id}/dispatch`, 'province.clerk', { recipients: [{ organizationId: benThuy }, { organId, name: 'UBND huyện Chín Mươi' }] });
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
    expect((await ctx.sql`select 1 from outbox where name = 'exchange.send-document' and (payload->>'businessType')::int = 1 and payload->>'deliveryId' = any(${seen.map((d) => d.id)})`).length).toBe(0);
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
    expect((await post(ctx, `/documents/${doc.id}/dispatch`, 'province.clerk', { recipients: [{ organId: '000.00.91.H99', name: 'UBND huyện 91' }] })).statusCode).toBe(202);
    await waitFor(async () => (await deliveriesOf(ctx, doc.id))[0].state === 'dead', { what: 'dead-lettered' });
    const [dead] = await deliveriesOf(ctx, doc.id);

    expect((await post(ctx, `/documents/${doc.id}/recall`, 'province.clerk', { reason: 'Không gửi nữa' })).statusCode).toBe(202);
    expect((await deliveriesOf(ctx, doc.id))[0]).toMatchObject({ state: 'recalled', recallState: null });
    const list = (await get(ctx, '/exchange/dead-letters?limit=500', 'admin')).json<{ items: { id: string }[] }>().items;
    expect(list.map((i) => i.id)).not.toContain(dead.id);
    expect((await post(ctx, `/exchange/dead-letters/${dead.id}/replay`, 'admin')).statusCode).toBe(409);
  });

  it('a copy the peer accepted while the recall was committing is "sent, then recalled": the recall package follows it', async () => {
    peer.mode = { status: 202, delayMs: 1500 };
    workers = startExchangeWorkers(ctx);
    const organId = '000.00.92.H99';
    const doc = await issuedDocument(ctx, { ownerOrganizationId: province, number: '903' });
    const res = await post(ctx, `/documents/${doc.id}/dispatch`, 'province.clerk', { recipients: [{ organId, name: 'UBND huyện 92' }] });
    const { edxmlDocumentId } = res.json<{ edxmlDocumentId: string }>();
    // The package is at the peer, its answer not back yet: the recall commits now.
    await waitFor(async () => peer.sentTo(organId).length === 1, { what: 'package in flight' });
    expect((await post(ctx, `/documents/${doc.id}/recall`, 'province.clerk', { reason: 'Thu hồi gấp' })).statusCode).toBe(202);
    expect((await deliveriesOf(ctx, doc.id))[0]).toMatchObject({ state: 'recalled' });

    await waitFor(async () => trail((await deliveriesOf(ctx, doc.id))[0]).includes('sent:1'), { what: 'recall package sent after the document' });
    const d = (await deliveriesOf(ctx, doc.id))[0];
    expect(d).toMatchObject({ state: 'pending', recallState: 'requested' });
    expect(trail(d)).toEqual(['13', 'withdrawn', 'sent', 'sent:1']);
    const [first, second] = peer.sentTo(organId);
    expect((await parsed(first)).business?.docType ?? 0).toBe(0);
    expect((await parsed(second)).business).toMatchObject({ docType: 1, reason: 'Thu hồi gấp', documentId: edxmlDocumentId });
    const [audit] = await ctx.sql`select 1 from audit_events where action = 'exchange.delivery.recall-after-send' and subject_id = ${d.id}`;
    expect(audit).toBeDefined();
  });
});
