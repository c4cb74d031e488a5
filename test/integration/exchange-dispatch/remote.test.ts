import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_EDXML_LIMITS, emitStatusPackage, parseEdxml } from '../../../src/modules/exchange/edxml/index.js';
import { PEER_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, signPeerRequest } from '../../../src/modules/exchange/peer-auth.js';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { createPeer, postInbound, startExchangeWorkers, waitFor, type Peer } from '../exchange/helpers.js';
import { deliveriesOf, get, issuedDocument, orgByCode, post, trail } from './helpers.js';

/** The remote province's inbound endpoint: records requests, answers as `mode` says. */
type Received = { headers: IncomingMessage['headers']; body: Buffer };
let server: Server;
let mode: { status: number; delayMs: number } = { status: 202, delayMs: 0 };
const received: Received[] = [];
let inFlight = 0;
let maxInFlight = 0;

let ctx: TestContext;
let workers: ReturnType<typeof startExchangeWorkers>;
let peer: Peer;
let province: string;

beforeAll(async () => {
  server = createServer(async (req, res) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const body = await buffer(req);
    received.push({ headers: req.headers, body });
    await new Promise((r) => setTimeout(r, mode.delayMs));
    inFlight--;
    res
      .writeHead(mode.status, { 'content-type': 'application/json' })
      .end(JSON.stringify({ receiptId: '00000000-0000-4000-8000-000000000000', status: 'accepted' }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  ctx = await createTestContext();
  // The peer (province H99) knows us as "peer-h41"; statuses it sends us are signed with the same secret.
  peer = await createPeer(ctx, { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, remotePeerId: 'peer-h41' });
  workers = startExchangeWorkers(ctx, { concurrency: 12 });
  province = await orgByCode(ctx, '000.00.00.H41');
});
afterAll(async () => {
  await workers?.close();
  await ctx?.close();
  await new Promise((r) => server?.close(r));
});

const sentTo = (organId: string) => received.filter((r) => r.body.includes(`<edXML:OrganId>${organId}</edXML:OrganId>`));

describe('dispatch to a remote province', () => {
  it('POSTs a signed QCVN 102 package with the stored attachment; the peer’s status packages update the delivery', async () => {
    mode = { status: 202, delayMs: 0 };
    const doc = await issuedDocument(ctx, { ownerOrganizationId: province, urgency: 'very_urgent', subject: 'Về việc phối hợp liên tỉnh' });
    const res = await post(ctx, `/documents/${doc.id}/dispatch`, 'province.clerk', {
      recipients: [{ organId: '000.00.00.H99', name: 'UBND tỉnh Thử Nghiệm' }],
    });
    expect(res.statusCode, res.body).toBe(202);
    const { edxmlDocumentId } = res.json();
    expect(res.json()).toMatchObject({ internal: 0, remote: 1 });

    await waitFor(async () => (await deliveriesOf(ctx, doc.id))[0].history.some((h) => h.event === 'sent'), { what: 'package sent' });
    const [request] = sentTo('000.00.00.H99');
    // Signed for the peer with the shared secret, naming us as the peer knows us.
    expect(request.headers[PEER_HEADER]).toBe('peer-h41');
    const sha = createHash('sha256').update(request.body).digest('hex');
    expect(request.headers[SIGNATURE_HEADER]).toBe(signPeerRequest(peer.secret, String(request.headers[TIMESTAMP_HEADER]), sha));
    const pkg = await parseEdxml(Readable.from(request.body), DEFAULT_EDXML_LIMITS);
    expect(pkg.kind).toBe('edoc');
    if (pkg.kind !== 'edoc') return;
    expect(pkg.header).toMatchObject({
      documentId: edxmlDocumentId,
      subject: 'Về việc phối hợp liên tỉnh',
      from: { organId: '000.00.00.H41' },
      to: [{ organId: '000.00.00.H99' }],
      otherInfo: { priority: 2 },
    });
    const [stored] = await ctx.sql`select sha256 from document_files where id = ${doc.fileId}`;
    expect(pkg.attachments).toMatchObject([{ name: 'cong-van.pdf', sha256: stored.sha256 }]);

    // The remote province answers 01 then 03 (status packages posted to our inbound endpoint).
    for (const statusCode of ['01', '03'] as const) {
      const body = await buffer(
        emitStatusPackage({
          responseFor: { organId: '000.00.00.H41', documentId: edxmlDocumentId },
          from: { organId: '000.00.00.H99', organName: 'UBND tỉnh Thử Nghiệm' },
          statusCode,
          description: statusCode === '03' ? 'Đã vào sổ' : null,
          timestamp: `2026-03-03T08:0${statusCode === '01' ? 0 : 5}:00`,
        }),
      );
      expect((await postInbound(ctx, peer, body)).statusCode).toBe(202);
    }
    await waitFor(async () => (await deliveriesOf(ctx, doc.id))[0].statusCode === '03', { what: 'status 03 applied' });
    const [d] = await deliveriesOf(ctx, doc.id);
    expect(d).toMatchObject({
      kind: 'remote',
      recipientOrganId: '000.00.00.H99',
      state: 'delivered',
      statusCode: '03',
      statusDescription: 'Đã vào sổ',
    });
    expect(trail(d)).toEqual(['sent', '01', '03']);
    expect(d).toMatchObject({ statusLabel: 'Đã tiếp nhận' });
  });

  it('sends an update package carrying the new version of the file, then a recall package (BussinessDocType 1) naming the original; a repeated 03 from the peer counts as agreement', async () => {
    mode = { status: 202, delayMs: 0 };
    const doc = await issuedDocument(ctx, { ownerOrganizationId: province });
    const organId = '000.00.60.H99';
    const res = await post(ctx, `/documents/${doc.id}/dispatch`, 'province.clerk', {
      recipients: [{ organId, name: 'UBND huyện Sáu Mươi' }],
    });
    const { edxmlDocumentId } = res.json();
    await waitFor(async () => (await deliveriesOf(ctx, doc.id))[0].history.some((h) => h.event === 'sent'), { what: 'sent' });
    const status = async (code: '03', at: string) =>
      postInbound(
        ctx,
        peer,
        await buffer(
          emitStatusPackage({ responseFor: { documentId: edxmlDocumentId }, from: { organId }, statusCode: code, timestamp: at }),
        ),
      );
    expect((await status('03', '2026-03-04T08:00:00')).statusCode).toBe(202);
    await waitFor(async () => (await deliveriesOf(ctx, doc.id))[0].statusCode === '03', { what: '03' });

    // An update notice (BussinessDocType 2) carries the current files: the new version of the document.
    const v2 = Buffer.from('%PDF-1.4\n% vanthu: công văn, bản cập nhật\n%%EOF\n');
    const storageKey = `documents/${doc.id}/v2.pdf`;
    const put = await ctx.container.storage.putBuffer(storageKey, v2, { contentType: 'application/pdf' });
    await ctx.sql`insert into document_files (document_id, name, content_type, size, sha256, storage_key, kind, version, previous_file_id)
                  values (${doc.id}, 'cong-van-v2.pdf', 'application/pdf', ${put.size}, ${put.sha256}, ${storageKey}, 'main', 2, ${doc.fileId})`;
    expect((await post(ctx, `/documents/${doc.id}/update`, 'province.clerk', { reason: 'Cập nhật phụ lục' })).statusCode).toBe(202);
    await waitFor(async () => trail((await deliveriesOf(ctx, doc.id))[0]).includes('sent:2'), { what: 'update sent' });
    const updatePackage = await parseEdxml(Readable.from(sentTo(organId).at(-1)!.body), DEFAULT_EDXML_LIMITS);
    expect(updatePackage.business).toMatchObject({ docType: 2, reason: 'Cập nhật phụ lục', documentId: edxmlDocumentId });
    expect(updatePackage.kind === 'edoc' && updatePackage.attachments.map((a) => [a.name, a.sha256])).toEqual([
      ['cong-van-v2.pdf', createHash('sha256').update(v2).digest('hex')],
    ]);

    // A recall while the update is unanswered still goes out.
    expect((await post(ctx, `/documents/${doc.id}/recall`, 'province.clerk', { reason: 'Ban hành nhầm' })).statusCode).toBe(202);
    await waitFor(async () => trail((await deliveriesOf(ctx, doc.id))[0]).includes('sent:1'), { what: 'recall sent' });
    const recallPackage = await parseEdxml(Readable.from(sentTo(organId).at(-1)!.body), DEFAULT_EDXML_LIMITS);
    expect(recallPackage.business).toMatchObject({ docType: 1, reason: 'Ban hành nhầm', documentId: edxmlDocumentId });
    expect(recallPackage.kind === 'edoc' && recallPackage.attachments).toEqual([]);

    expect((await status('03', '2026-03-05T09:00:00')).statusCode).toBe(202);
    await waitFor(async () => (await deliveriesOf(ctx, doc.id))[0].recallState === 'agreed', { what: 'recall agreed' });
    const d = (await deliveriesOf(ctx, doc.id))[0];
    expect(trail(d)).toEqual(['sent', '03', 'update-requested', 'sent:2', '13', 'sent:1', '03']);
    expect(d.history.at(-1)).toMatchObject({ event: 'recall-answered', answer: 'agreed', label: 'Đồng ý thu hồi' });
    expect(d).toMatchObject({ noticeKind: 'update', noticeState: 'requested' });
    // Recalled: not sent again.
    expect((await get(ctx, `/documents/${doc.id}`, 'province.clerk')).json().status).toBe('recalled');
    expect(
      (
        await post(ctx, `/documents/${doc.id}/dispatch`, 'province.clerk', {
          recipients: [{ organId: '000.00.61.H99', name: 'UBND huyện 61' }],
        })
      ).statusCode,
    ).toBe(409);
  });

  it('holds at most 4 sends in flight to one peer', async () => {
    mode = { status: 202, delayMs: 150 };
    maxInFlight = 0;
    const doc = await issuedDocument(ctx, { ownerOrganizationId: province });
    const recipients = Array.from({ length: 12 }, (_, i) => ({ organId: `000.00.${String(31 + i)}.H99`, name: `UBND huyện ${i + 1}` }));
    const res = await post(ctx, `/documents/${doc.id}/dispatch`, 'province.clerk', { recipients });
    expect(res.json()).toMatchObject({ remote: 12 });
    await waitFor(async () => (await deliveriesOf(ctx, doc.id)).every((d) => d.history.some((h) => h.event === 'sent')), {
      what: 'all sent',
    });
    expect(maxInFlight).toBeGreaterThan(1);
    expect(maxInFlight).toBeLessThanOrEqual(4);
  });

  it('retries with back-off, dead-letters past the retry budget, and an admin replays it', async () => {
    mode = { status: 503, delayMs: 0 };
    const doc = await issuedDocument(ctx, { ownerOrganizationId: province });
    const organId = '000.00.50.H99';
    expect(
      (await post(ctx, `/documents/${doc.id}/dispatch`, 'province.clerk', { recipients: [{ organId, name: 'UBND huyện Năm Mươi' }] }))
        .statusCode,
    ).toBe(202);
    // 5 attempts, 1 + 2 + 4 + 8 s apart.
    await waitFor(async () => (await deliveriesOf(ctx, doc.id))[0].state === 'dead', {
      what: 'dead-lettered',
      timeoutMs: 40_000,
      intervalMs: 250,
    });
    const attempts = sentTo(organId);
    expect(attempts).toHaveLength(5);
    const [dead] = await deliveriesOf(ctx, doc.id);
    expect(dead).toMatchObject({ state: 'dead' });
    expect(dead.history.at(-1)).toMatchObject({ event: 'dead-lettered', description: expect.stringContaining('503') });

    expect((await get(ctx, '/exchange/dead-letters', 'province.clerk')).statusCode).toBe(403);
    const list = await get(ctx, '/exchange/dead-letters', 'admin');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((i: { id: string }) => i.id)).toContain(dead.id);

    mode = { status: 202, delayMs: 0 };
    expect((await post(ctx, `/exchange/dead-letters/${dead.id}/replay`, 'province.clerk')).statusCode).toBe(403);
    const replay = await post(ctx, `/exchange/dead-letters/${dead.id}/replay`, 'admin');
    expect(replay.statusCode, replay.body).toBe(202);
    expect(replay.json()).toMatchObject({ state: 'pending' });
    await waitFor(async () => (await deliveriesOf(ctx, doc.id))[0].history.some((h) => h.event === 'sent'), { what: 'sent after replay' });
    expect(sentTo(organId)).toHaveLength(6);
    expect((await post(ctx, `/exchange/dead-letters/${dead.id}/replay`, 'admin')).statusCode).toBe(409);
    expect((await get(ctx, '/exchange/dead-letters', 'admin')).json().items.map((i: { id: string }) => i.id)).not.toContain(dead.id);
  }, 60_000);

  it('dead-letters at once when the peer refuses the package for good (4xx)', async () => {
    mode = { status: 400, delayMs: 0 };
    const doc = await issuedDocument(ctx, { ownerOrganizationId: province });
    expect(
      (
        await post(ctx, `/documents/${doc.id}/dispatch`, 'province.clerk', {
          recipients: [{ organId: '000.00.51.H99', name: 'UBND huyện 51' }],
        })
      ).statusCode,
    ).toBe(202);
    await waitFor(async () => (await deliveriesOf(ctx, doc.id))[0].state === 'dead', { what: 'dead-lettered' });
    expect(sentTo('000.00.51.H99')).toHaveLength(1);
  });
});
