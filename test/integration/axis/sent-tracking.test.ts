import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAxisClient } from '../../../src/modules/exchange/axis/axis-client.js';
import { REMOTE, waitFor } from '../exchange/helpers.js';
import { deliveriesOf, issuedDocument, orgByCode, post } from '../exchange-dispatch/helpers.js';
import { startAxisEmulator, type AxisEmulator } from './emulator.js';
import { startAxisDeployment, type AxisDeployment } from './helpers.js';

/**
 * Issue 15, item 2's last part: the connector polls getSentEdocList for what it sent through the
 * axis and shows each recipient's transport state (fetched and acknowledged done, refused fail, not
 * fetched yet) with the delivery. The recipients are another system at the emulator, played here
 * by the test through the protocol itself (a second client with that system's secret).
 */
let emulator: AxisEmulator;
let A: AxisDeployment;
const SELF = 'vxp.saas.41';
const OTHER = { systemId: 'vxp.saas.99', secret: 'other-secret-0123456789', agencyCodes: [REMOTE, '000.00.05.H99'] };

beforeAll(async () => {
  emulator = await startAxisEmulator();
  emulator.register(OTHER);
  A = await startAxisDeployment(emulator, { systemId: SELF, poller: false });
});

afterAll(async () => {
  await A?.stop();
  await emulator?.close();
});

type Axis = {
  docId: string;
  receiverDocId: string | null;
  sendStatus: string | null;
  receiveStatus: string | null;
  receivedTime: string | null;
};
const axisOf = async (documentId: string): Promise<Record<string, Axis | null>> =>
  Object.fromEntries(
    (await deliveriesOf(A.ctx, documentId)).map((d) => [d.recipientOrganId, (d as unknown as { axis: Axis | null }).axis]),
  );
const transportAudits = async () =>
  (await A.ctx.sql<{ n: number }[]>`select count(*)::int as n from audit_events where action = 'exchange.delivery.axis-transport'`)[0].n;

describe('the transport state of what we sent through the axis', () => {
  it('getSentEdocList is polled until each recipient acknowledged its copy; GET /documents/:id/deliveries shows it; re-polling changes nothing', async () => {
    const province = await orgByCode(A.ctx, '000.00.00.H41');
    const doc = await issuedDocument(A.ctx, { ownerOrganizationId: province, subject: 'Về việc theo dõi trạng thái trên trục' });
    const dispatched = await post(A.ctx, `/documents/${doc.id}/dispatch`, 'province.clerk', {
      recipients: [
        { organId: REMOTE, name: 'Bộ H99' },
        { organId: '000.00.05.H99', name: 'Cục H99' },
      ],
    });
    expect(dispatched.statusCode, dispatched.body).toBe(202);
    await waitFor(async () => Object.values(await axisOf(doc.id)).every((a) => a !== null), { what: 'both copies sent through the axis' });
    // Sent, not yet asked about: only the DocId is known.
    expect(Object.values(await axisOf(doc.id)).map((a) => a!.receiveStatus)).toEqual([null, null]);

    await A.ctx.container.services.exchange.axis!.pollOnce();
    let seen = await axisOf(doc.id);
    for (const code of OTHER.agencyCodes) {
      expect(seen[code]).toMatchObject({ sendStatus: 'done', receiveStatus: 'initial', receivedTime: null });
      expect(seen[code]!.receiverDocId).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(await transportAudits()).toBe(2);

    // The other system fetches both copies and acknowledges one done, the other fail.
    const other = createAxisClient({ endpoint: emulator.url, systemId: OTHER.systemId, secret: OTHER.secret });
    const waiting = await other.getReceivedEdocList('edoc');
    expect(waiting.map((w) => w.to).sort()).toEqual([...OTHER.agencyCodes].sort());
    for (const w of waiting) await other.updateStatus(w.docId, w.to === REMOTE ? 'done' : 'fail');

    // An axis refusing the question: reported, never a crash, asked again at the next poll.
    emulator.inject('getSentEdocList', { kind: 'FAIL', errorCode: '500', errorDesc: 'Loi he thong' }, { times: 2 });
    await A.ctx.container.services.exchange.axis!.pollOnce();
    expect(A.ctx.container.services.exchange.axis!.state().lastError?.message).toMatch(/getSentEdocList/);
    expect(Object.values(await axisOf(doc.id)).map((a) => a!.receiveStatus)).toEqual(['initial', 'initial']);

    await A.ctx.container.services.exchange.axis!.pollOnce();
    seen = await axisOf(doc.id);
    expect(seen[REMOTE]).toMatchObject({ receiveStatus: 'done', receivedTime: expect.stringMatching(/^\d{4}-/) });
    expect(seen['000.00.05.H99']).toMatchObject({ receiveStatus: 'fail' });
    expect(await transportAudits()).toBe(4);

    // Both acknowledged: never asked about again, and nothing more written.
    const asked = () => emulator.requests.filter((r) => r.operation === 'getSentEdocList' && r.verified && !r.error).length;
    const before = asked();
    await A.ctx.container.services.exchange.axis!.pollOnce();
    await A.ctx.container.services.exchange.axis!.pollOnce();
    expect(asked()).toBe(before);
    expect(await transportAudits()).toBe(4);
    expect(emulator.rejected()).toEqual([]);
  });
});
