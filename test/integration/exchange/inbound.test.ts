import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { peerRequestHeaders } from '../../../src/modules/exchange/peer-auth.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { DISTRICT, PROVINCE, createPeer, edocPackage, postInbound, statusPackage, storedKeys, type Peer } from './helpers.js';

let ctx: TestContext;
let peer: Peer;

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/edxml/${name}`, import.meta.url));

async function counts() {
  const [row] = await ctx.sql<{ packages: number; outbox: number }[]>`
    select (select count(*)::int from inbound_packages) as packages, (select count(*)::int from outbox) as outbox`;
  return { ...row, objects: (await storedKeys(ctx)).length };
}

beforeAll(async () => {
  ctx = await createTestContext();
  peer = await createPeer(ctx);
});
afterAll(() => ctx?.close());

describe('exchange peers', () => {
  it('shows the secret once, stores it encrypted, and lists peers without it', async () => {
    const given = 'a-shared-secret-agreed-with-the-peer-0123456789';
    const created = await ctx.request({
      method: 'POST',
      url: '/api/v1/exchange/peers',
      as: 'admin',
      payload: { name: 'Trục LGSP', organId: '000.00.00.H98', agencyCodes: ['000.00.00.H98'], secret: given },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      secret: given,
      peer: { organId: '000.00.00.H98', agencyCodes: ['000.00.00.H98'], baseUrl: null, active: true },
    });
    const [row] = await ctx.sql<
      { secret_ciphertext: string }[]
    >`select secret_ciphertext from exchange_peers where id = ${created.json().peer.id}`;
    expect(row.secret_ciphertext).not.toContain(given);
    expect(row.secret_ciphertext).toMatch(/^v1\./);

    const list = await ctx.request({ method: 'GET', url: '/api/v1/exchange/peers', as: 'admin' });
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(given);
    expect(list.json().items.map((p: { id: string }) => p.id)).toContain(created.json().peer.id);
  });

  it('is managed only by an administrator of the whole deployment', async () => {
    const res = await ctx.request({
      method: 'POST',
      url: '/api/v1/exchange/peers',
      as: 'district.admin',
      payload: { name: 'x', organId: 'y', agencyCodes: ['y'] },
    });
    expect(res.statusCode).toBe(403);
    expect((await ctx.request({ method: 'GET', url: '/api/v1/exchange/peers', as: 'province.clerk' })).statusCode).toBe(403);
  });

  it('needs remotePeerId with baseUrl', async () => {
    const res = await ctx.request({
      method: 'POST',
      url: '/api/v1/exchange/peers',
      as: 'admin',
      payload: { name: 'x', organId: 'y', agencyCodes: ['y'], baseUrl: 'http://127.0.0.1:1' },
    });
    expect(res.statusCode).toBe(400);
  });
});

describe('POST /exchange/inbound', () => {
  it('accepts a package at once with a receipt, stores its raw bytes and writes an outbox row; the intake job stores its attachments', async () => {
    const body = await edocPackage({ number: '101', priority: 3 });
    const res = await postInbound(ctx, peer, body);
    expect(res.statusCode).toBe(202);
    const { receiptId, status } = res.json();
    expect(status).toBe('accepted');

    const [pkg] = await ctx.sql`select * from inbound_packages where id = ${receiptId}`;
    expect(pkg).toMatchObject({
      kind: 'edoc',
      state: 'accepted',
      sender_organ_id: '000.00.00.H99',
      document_id: '000.00.00.H99,2026/03/02,101/QĐ-UBND',
      size: String(body.length),
      // The accept read the header only: the attachment is still in the raw bytes.
      attachments: [],
      attachments_pending: true,
    });
    expect(pkg.recipient_organ_ids).toEqual([PROVINCE, DISTRICT].sort());
    const raw = await ctx.container.storage.stat(pkg.raw_storage_key);
    expect(raw?.size).toBe(body.length);
    expect((await storedKeys(ctx)).filter((k) => k.includes(receiptId))).toEqual([pkg.raw_storage_key]);

    // Hỏa tốc (Priority 3) → outbox priority 1, published to BullMQ with the same job id.
    const [row] = await ctx.sql`select * from outbox where job_id = ${`process-inbound.${receiptId}`}`;
    expect(row).toMatchObject({ name: 'exchange.process-inbound', priority: 1, payload: { receiptId } });
    await ctx.container.services.outbox.kick();
    const job = await ctx.container.producer.queue('exchange-inbound')!.getJob(`process-inbound.${receiptId}`);
    expect(job?.opts.priority).toBe(1);

    // The job decodes, sniffs and stores the attachment beside the raw bytes, then delivers.
    expect(await ctx.container.services.exchange.intake.processInbound(receiptId, undefined)).toMatchObject({ outcome: 'delivered' });
    const [after] = await ctx.sql`select attachments, attachments_pending from inbound_packages where id = ${receiptId}`;
    expect(after.attachments_pending).toBe(false);
    expect(after.attachments).toHaveLength(1);
    expect(after.attachments[0]).toMatchObject({ name: '101-QD-UBND.pdf', contentType: 'application/pdf' });
    expect((await ctx.container.storage.stat(after.attachments[0].storageKey))?.size).toBe(after.attachments[0].size);
    const files = await ctx.sql`
      select f.storage_key from document_files f join inbound_deliveries d on d.document_id = f.document_id where d.receipt_id = ${receiptId}`;
    expect(files.map((f) => f.storage_key)).toEqual([after.attachments[0].storageKey, after.attachments[0].storageKey]);
  });

  it('answers the same package again with the first receipt and creates nothing', async () => {
    const body = await edocPackage({ number: '102' });
    const first = await postInbound(ctx, peer, body);
    expect(first.statusCode).toBe(202);
    const before = await counts();

    const again = await postInbound(ctx, peer, body);
    expect(again.statusCode).toBe(200);
    expect(again.json().receiptId).toBe(first.json().receiptId);
    // Same sender, DocumentId and recipients with a different trace timestamp: still the same package.
    const retrace = await postInbound(ctx, peer, await edocPackage({ number: '102', now: new Date('2026-03-02T10:00:00Z') }));
    expect(retrace.json().receiptId).toBe(first.json().receiptId);
    expect(await counts()).toEqual(before);

    // Concurrent duplicates also end with one receipt.
    const body2 = await edocPackage({ number: '103' });
    const results = await Promise.all([1, 2, 3, 4].map(() => postInbound(ctx, peer, body2)));
    expect(new Set(results.map((r) => r.json().receiptId)).size).toBe(1);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 200, 200, 202]);
    const [{ n }] = await ctx.sql<{ n: number }[]>`select count(*)::int as n from inbound_packages where document_id like '%,103/QĐ-UBND'`;
    expect(n).toBe(1);
    expect((await counts()).objects).toBe(before.objects + 1);
  });

  it('refuses a malformed package with the reason and stores nothing', async () => {
    const before = await counts();
    const truncated = (await edocPackage({ number: '104' })).subarray(0, 700);
    const res = await postInbound(ctx, peer, truncated);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(res.json().error.message.length).toBeGreaterThan(5);

    const missingSubject = Buffer.from(
      (await edocPackage({ number: '105' })).toString('utf8').replace(/<edXML:Subject>.*?<\/edXML:Subject>/, ''),
    );
    const res2 = await postInbound(ctx, peer, missingSubject);
    expect(res2.statusCode).toBe(400);
    expect(res2.json().error.message).toMatch(/Subject/);

    expect(await counts()).toEqual(before);
  });

  it('returns a package refused after its header (bad base64) to its sender: the receipt fails with the reason, status 02 from each addressed unit, only the raw bytes kept', async () => {
    const badBase64 = Buffer.from(
      (await edocPackage({ number: '106' }))
        .toString('utf8')
        .replace(/<ContentTransferEncoded>[^<]*/, '<ContentTransferEncoded>@@@@not base64'),
    );
    const res = await postInbound(ctx, peer, badBase64);
    expect(res.statusCode, res.body).toBe(202);
    const { receiptId } = res.json();

    // Two runs of the job at once (a duplicate delivery of it): one refuses, the other finds it refused.
    const results = await Promise.all([1, 2].map(() => ctx.container.services.exchange.intake.processInbound(receiptId, undefined)));
    const result = results.find((r) => r.outcome === 'refused');
    expect(result).toMatchObject({ outcome: 'refused', reason: expect.stringMatching(/base64/i) });
    expect(results.map((r) => r.outcome).sort()).toEqual(['refused', 'skipped']);
    const [pkg] = await ctx.sql`select state, error, attachments, raw_storage_key from inbound_packages where id = ${receiptId}`;
    expect(pkg).toMatchObject({ state: 'failed', attachments: [] });
    expect(pkg.error).toMatch(/base64/i);
    expect((await storedKeys(ctx)).filter((k) => k.includes(receiptId))).toEqual([pkg.raw_storage_key]);
    expect(await ctx.sql`select 1 from inbound_deliveries where receipt_id = ${receiptId}`).toHaveLength(0);

    const statuses = await ctx.sql`
      select o.code, s.status_code, s.description from outbound_statuses s join organizations o on o.id = s.organization_id
      where s.receipt_id = ${receiptId} order by o.code`;
    expect(statuses.map((s) => [s.code, s.status_code])).toEqual([
      [PROVINCE, '02'],
      [DISTRICT, '02'],
    ]);
    for (const s of statuses) expect(s.description).toMatch(/base64/i);
    // One job answers for both units.
    const jobs = await ctx.sql`select payload from outbox where name = 'exchange.send-status' and payload->>'receiptId' = ${receiptId}`;
    expect(jobs).toHaveLength(1);
    expect(jobs[0].payload.statusCode).toBe('02');
    expect(new Set(jobs[0].payload.organizationIds).size).toBe(2);
    const audits = await ctx.sql`select details from audit_events where action = 'exchange.inbound.refuse' and subject_id = ${receiptId}`;
    expect(audits).toHaveLength(1);
    const [audit] = audits;
    expect(audit.details).toMatchObject({ peerId: peer.id, from: '000.00.00.H99' });

    // The job again (a duplicate, a replay): nothing more.
    expect(await ctx.container.services.exchange.intake.processInbound(receiptId, undefined)).toMatchObject({ outcome: 'skipped' });
    expect(await ctx.sql`select 1 from outbound_statuses where receipt_id = ${receiptId}`).toHaveLength(2);
  });

  it('refuses an XXE package and a billion-laughs package and stores nothing', async () => {
    const before = await counts();
    for (const name of ['xxe.edxml', 'billion-laughs.edxml']) {
      const res = await postInbound(ctx, peer, fixture(name));
      expect(res.statusCode, name).toBe(400);
      expect(res.json().error.message).toMatch(/DOCTYPE|DTD|entit/i);
    }
    expect(await counts()).toEqual(before);
  });

  it('refuses a package above EXCHANGE_MAX_PACKAGE_BYTES and stores nothing', async () => {
    const small = await createTestContext({ env: { EXCHANGE_MAX_PACKAGE_BYTES: '4096' } });
    try {
      const p = await createPeer(small);
      const res = await postInbound(small, p, await edocPackage({ number: '107', attachment: Buffer.alloc(20_000, 1) }));
      expect(res.statusCode).toBe(413);
      expect(await storedKeys(small)).toEqual([]);
      const [{ n }] = await small.sql<{ n: number }[]>`select count(*)::int as n from inbound_packages`;
      expect(n).toBe(0);
    } finally {
      await small.close();
    }
  });

  it('answers 401 to a bad signature, an old timestamp, an unknown peer or missing headers, and stores nothing', async () => {
    const before = await counts();
    const body = await edocPackage({ number: '108' });
    const forged = await postInbound(ctx, { id: peer.id, secret: 'not-the-secret-not-the-secret-00' }, body);
    expect(forged.statusCode).toBe(401);
    const tampered = await postInbound(ctx, peer, body, { headers: { 'x-vanthu-signature': 'ab'.repeat(32) } });
    expect(tampered.statusCode).toBe(401);
    const old = await postInbound(ctx, peer, await edocPackage({ number: '109' }), { now: new Date(Date.now() - 10 * 60 * 1000) });
    expect(old.statusCode).toBe(401);
    const future = await postInbound(ctx, peer, await edocPackage({ number: '110' }), { now: new Date(Date.now() + 10 * 60 * 1000) });
    expect(future.statusCode).toBe(401);
    const unknown = await postInbound(ctx, { id: '00000000-0000-4000-8000-000000000000', secret: peer.secret }, body);
    expect(unknown.statusCode).toBe(401);
    const garbage = await postInbound(ctx, { id: 'not-a-uuid', secret: peer.secret }, body);
    expect(garbage.statusCode).toBe(401);
    const bare = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/exchange/inbound',
      headers: { 'content-type': 'application/xml' },
      payload: body,
    });
    expect(bare.statusCode).toBe(401);
    expect(bare.json().error.code).toBe('UNAUTHENTICATED');

    await ctx.sql`update exchange_peers set active = false where id = ${peer.id}`;
    try {
      expect((await postInbound(ctx, peer, body)).statusCode).toBe(401);
    } finally {
      await ctx.sql`update exchange_peers set active = true where id = ${peer.id}`;
    }
    expect(await counts()).toEqual(before);
  });

  it('keeps nothing when the client hangs up in the middle of the upload, and goes on serving', async () => {
    await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = ctx.app.server.address() as AddressInfo;
    const before = await counts();
    const body = await edocPackage({ number: '111', attachment: Buffer.alloc(600_000, 7) });
    const req = request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/api/v1/exchange/inbound',
      headers: {
        'content-type': 'application/edxml+xml',
        'content-length': body.length,
        ...peerRequestHeaders(peer.id, peer.secret, body),
      },
    });
    req.on('error', () => {});
    req.write(body.subarray(0, 300_000));
    await new Promise((r) => setTimeout(r, 300));
    req.destroy();
    await new Promise((r) => setTimeout(r, 300));
    expect(await counts()).toEqual(before);
    // And the server goes on answering on the same port.
    const next = await fetch(`http://127.0.0.1:${port}/api/v1/exchange/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/edxml+xml', ...peerRequestHeaders(peer.id, peer.secret, body) },
      body: new Uint8Array(body),
    });
    expect(next.status).toBe(202);
  });

  it('refuses a body that is not XML with 415', async () => {
    const body = Buffer.from(JSON.stringify({ package: 'x' }));
    const res = await postInbound(ctx, peer, body, { headers: { 'content-type': 'application/json' } });
    expect(res.statusCode).toBe(415);
  });

  it('accepts a status package once (deduplicated by sender, document, code and timestamp)', async () => {
    const body = await statusPackage('03');
    const res = await postInbound(ctx, peer, body);
    expect(res.statusCode).toBe(202);
    const again = await postInbound(ctx, peer, body);
    expect(again.statusCode).toBe(200);
    expect(again.json().receiptId).toBe(res.json().receiptId);
    const [pkg] = await ctx.sql`select kind, document_id, sender_organ_id from inbound_packages where id = ${res.json().receiptId}`;
    expect(pkg).toEqual({ kind: 'status', document_id: `${PROVINCE},2026/03/01,7/UBND-VP`, sender_organ_id: '000.00.00.H99' });
  });
});
