import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { deliveriesOf, issuedDocument, orgByCode, post } from '../exchange-dispatch/helpers.js';
import { startFakePeer, type FakePeer } from './fake-peer.js';
import { createPeer, startExchangeWorkers, waitFor } from './helpers.js';

let ctx: TestContext;
let peer: FakePeer;
let workers: ReturnType<typeof startExchangeWorkers>;

beforeAll(async () => {
  peer = await startFakePeer();
  ctx = await createTestContext({ env: { EXCHANGE_PEER_CONCURRENCY: '2' } });
  await createPeer(ctx, { baseUrl: peer.url, remotePeerId: 'peer-h41' });
  // Far more worker slots than the peer limit: only the setting holds the sends back.
  workers = startExchangeWorkers(ctx, { concurrency: 12 });
});
afterAll(async () => {
  await workers?.close();
  await ctx?.close();
  await peer?.close();
});

describe('EXCHANGE_PEER_CONCURRENCY', () => {
  it('holds at most the configured number of sends in flight to one peer', async () => {
    peer.mode = { status: 202, delayMs: 200 };
    const province = await orgByCode(ctx, '000.00.00.H41');
    const doc = await issuedDocument(ctx, { ownerOrganizationId: province });
    const recipients = Array.from({ length: 8 }, (_, i) => ({ organId: `000.00.${String(61 + i)}.H99`, name: `UBND huyện ${61 + i}` }));
    const res = await post(ctx, `/documents/${doc.id}/dispatch`, 'province.clerk', { recipients });
    expect(res.json()).toMatchObject({ remote: 8 });
    await waitFor(async () => (await deliveriesOf(ctx, doc.id)).every((d) => d.history.some((h) => h.event === 'sent')), {
      what: 'all sent',
    });
    expect(peer.received).toHaveLength(8);
    expect(peer.maxInFlight).toBe(2);
    expect(ctx.config.exchange.peerConcurrency).toBe(2);
  });

  it('defaults to 4 and refuses a value below 1', () => {
    const { EXCHANGE_PEER_CONCURRENCY: _unset, ...env } = ctx.env;
    expect(loadConfig(env).exchange.peerConcurrency).toBe(4);
    expect(() => loadConfig({ ...env, EXCHANGE_PEER_CONCURRENCY: '0' })).toThrow(/EXCHANGE_PEER_CONCURRENCY/);
  });
});
