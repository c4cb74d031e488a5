import { buffer } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitStatusPackage, type EdxmlStatusCode } from '../../../src/modules/exchange/edxml/index.js';
import { STATUS_PROGRESSION } from '../../../src/modules/exchange/status-progression.js';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { orgOf } from '../../helpers/documents.js';
import { deliveriesOf, issuedDocument, orgByCode, post, trail, type DeliveryView } from '../exchange-dispatch/helpers.js';
import { startFakePeer, type FakePeer } from './fake-peer.js';
import { createPeer, postInbound, startExchangeWorkers, waitFor, type Peer } from './helpers.js';

let ctx: TestContext;
let fake: FakePeer;
let peer: Peer;
let workers: ReturnType<typeof startExchangeWorkers>;
let province: string;

beforeAll(async () => {
  fake = await startFakePeer();
  ctx = await createTestContext();
  peer = await createPeer(ctx, { baseUrl: fake.url, remotePeerId: 'peer-h41' });
  workers = startExchangeWorkers(ctx);
  province = await orgByCode(ctx, '000.00.00.H41');
});
afterAll(async () => {
  await workers?.close();
  await ctx?.close();
  await fake?.close();
});

type View = Omit<DeliveryView, 'history'> & {
  statusAt: string | null;
  history: (DeliveryView['history'][number] & { at: string; statedAt?: string | null })[];
};
const viewOf = async (documentId: string) => (await deliveriesOf(ctx, documentId))[0] as View;

describe('status progression of a delivery', () => {
  it('keeps the latest step when a peer’s status packages arrive out of order; the history keeps each, in arrival order, with its own times', async () => {
    const organId = '000.00.80.H99';
    const doc = await issuedDocument(ctx, { ownerOrganizationId: province, number: '801' });
    const res = await post(ctx, `/documents/${doc.id}/dispatch`, 'province.clerk', {
      recipients: [{ organId, name: 'UBND huyện Tám Mươi' }],
    });
    expect(res.statusCode, res.body).toBe(202);
    const { edxmlDocumentId } = res.json<{ edxmlDocumentId: string }>();
    await waitFor(async () => (await viewOf(doc.id)).history.some((h) => h.event === 'sent'), { what: 'sent' });

    // Arrival order 01, 06, then a late 03 and 04 (their packages carry the earlier times), then 13.
    const arrivals: [EdxmlStatusCode, string, string | null][] = [
      ['01', '2026-03-03T08:00:00', null],
      ['06', '2026-03-05T16:00:00', 'Đã hoàn thành'],
      ['03', '2026-03-03T09:30:00', 'Đã vào sổ'],
      ['04', '2026-03-04T10:00:00', 'Đã phân công'],
      ['13', '2026-03-05T17:00:00', 'không thuộc tiến trình'],
    ];
    let statusAtAfter06: string | null = null;
    for (const [i, [statusCode, timestamp, description]] of arrivals.entries()) {
      const body = await buffer(
        emitStatusPackage({
          responseFor: { organId: '000.00.00.H41', documentId: edxmlDocumentId },
          from: { organId },
          statusCode,
          description,
          timestamp,
        }),
      );
      expect((await postInbound(ctx, peer, body)).statusCode).toBe(202);
      await waitFor(async () => (await viewOf(doc.id)).history.length === i + 2, { what: `status ${statusCode} recorded` });
      if (statusCode === '06') statusAtAfter06 = (await viewOf(doc.id)).statusAt;
    }

    const d = await viewOf(doc.id);
    expect(d).toMatchObject({ state: 'delivered', statusCode: '06', statusDescription: 'Đã hoàn thành', statusAt: statusAtAfter06 });
    expect(trail(d)).toEqual(['sent', '01', '06', '03', '04', '13']);
    expect(d.history.slice(1).map((h) => h.statedAt)).toEqual(arrivals.map(([, t]) => t));
    expect(d.history.slice(1).map((h) => h.description)).toEqual(arrivals.map(([, , desc]) => desc));
    // Recorded times are in arrival order (not the order the packages state).
    const at = d.history.map((h) => Date.parse(h.at));
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(workers.errors).toEqual([]);
  });

  it('applies the same rule to a recipient inside the deployment (a late 03 after 06 is history only)', async () => {
    const benThuy = await orgOf(ctx.sql, 'commune.clerk', 'clerk');
    const doc = await issuedDocument(ctx, { ownerOrganizationId: province, number: '802' });
    expect(
      (await post(ctx, `/documents/${doc.id}/dispatch`, 'province.clerk', { recipients: [{ organizationId: benThuy }] })).statusCode,
    ).toBe(202);
    await waitFor(async () => (await viewOf(doc.id)).state === 'delivered', { what: 'delivered' });
    const recipientDocumentId = (await viewOf(doc.id)).recipientDocumentId!;
    const { db, services } = ctx.container;
    for (const kind of ['complete', 'register'] as const) {
      await db.transaction((tx) => services.exchange.statusFeedback.onDocumentEvent(tx, { documentId: recipientDocumentId, kind }));
    }
    const d = await viewOf(doc.id);
    expect(d.statusCode).toBe('06');
    expect(trail(d)).toEqual(['01', '06', '03']);
  });

  it('orders the national codes 01 < 02 = 03 < 04 < 05 < 06 and leaves 13/15/16 out', () => {
    expect(STATUS_PROGRESSION).toEqual({ '01': 1, '02': 2, '03': 2, '04': 3, '05': 4, '06': 5 });
  });
});
