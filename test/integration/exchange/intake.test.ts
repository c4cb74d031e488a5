import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Value } from 'typebox/value';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOBS } from '../../../src/jobs/catalog.js';
import { verifyPeerSignature } from '../../../src/modules/exchange/peer-auth.js';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import {
  DISTRICT,
  PROVINCE,
  createPeer,
  edocPackage,
  postInbound,
  startExchangeWorkers,
  statusPackage,
  waitFor,
  type Peer,
} from './helpers.js';

let ctx: TestContext;
let peer: Peer;

beforeAll(async () => {
  ctx = await createTestContext();
  peer = await createPeer(ctx);
});
afterAll(() => ctx?.close());

const orgId = async (code: string) =>
  (await ctx.sql<{ id: string }[]>`select id from organizations where code = ${code} and valid_to is null`)[0].id;

async function deliveriesOf(receiptId: string) {
  return ctx.sql<
    { organization_id: string; document_id: string }[]
  >`select organization_id, document_id from inbound_deliveries where receipt_id = ${receiptId} order by organization_id`;
}

describe('inbound intake (worker)', () => {
  it('turns an accepted package into an incoming document in each addressed organisation, sharing the attachment bytes', async () => {
    const workers = startExchangeWorkers(ctx);
    try {
      const body = await edocPackage({
        number: '201',
        priority: 2,
        to: [{ organId: PROVINCE }, { organId: DISTRICT }, { organId: '000.00.77.Z99' }],
      });
      const res = await postInbound(ctx, peer, body);
      expect(res.statusCode).toBe(202);
      const { receiptId } = res.json();

      await waitFor(
        async () => (await ctx.sql`select 1 from inbound_packages where id = ${receiptId} and state = 'processed'`).length === 1,
        { what: 'processing' },
      );
      const [pkg] = await ctx.sql`select * from inbound_packages where id = ${receiptId}`;
      expect(pkg.unknown_recipients).toEqual(['000.00.77.Z99']);
      expect(pkg.processed_at).not.toBeNull();

      const deliveries = await deliveriesOf(receiptId);
      expect(deliveries.map((d) => d.organization_id).sort()).toEqual([await orgId(PROVINCE), await orgId(DISTRICT)].sort());
      const docs =
        await ctx.sql`select *, promulgation_date::text as promulgation_date, due_date::text as due_date from documents where id in ${ctx.sql(deliveries.map((d) => d.document_id))}`;
      for (const d of docs) {
        expect(d).toMatchObject({
          direction: 'incoming',
          status: 'received',
          type_name: 'Quyết định',
          number: '201',
          notation: 'QĐ-UBND',
          subject: 'Về việc thử nghiệm liên thông số 201',
          issuer_code: '000.00.00.H99',
          issuer_name: 'UBND tỉnh Thử Nghiệm',
          urgency: 'very_urgent',
          promulgation_date: '2026-03-02',
          due_date: '2026-03-20',
          signer_authority: 'KT.',
          signer_name: 'Nguyễn Văn A',
        });
      }
      const files = await ctx.sql<
        { storage_key: string; sha256: string; kind: string }[]
      >`select storage_key, sha256, kind from document_files where document_id in ${ctx.sql(deliveries.map((d) => d.document_id))}`;
      expect(files).toHaveLength(2);
      // No copies: both organisations' file rows name the object intake stored.
      expect(new Set(files.map((f) => f.storage_key))).toEqual(new Set([pkg.attachments[0].storageKey]));
      expect(files[0]).toMatchObject({ sha256: pkg.attachments[0].sha256, kind: 'main' });

      // The province clerk sees it through the documents API, content included.
      const provinceId = await orgId(PROVINCE);
      const provinceDoc = deliveries.find((d) => d.organization_id === provinceId)!.document_id;
      const visible = await ctx.request({ method: 'GET', url: `/api/v1/documents/${provinceDoc}`, as: 'province.clerk' });
      expect(visible.statusCode).toBe(200);
      expect(visible.json()).toMatchObject({
        direction: 'incoming',
        files: [{ name: '201-QD-UBND.pdf', sha256: pkg.attachments[0].sha256 }],
      });

      // Status 01 owed back to the sender, pending (the peer has no baseUrl); outbox rows completed.
      await waitFor(async () => (await ctx.sql`select 1 from outbox where completed_at is null`).length === 0, { what: 'outbox drained' });
      const statuses = await ctx.sql`select organization_id, status_code, state from outbound_statuses where receipt_id = ${receiptId}`;
      expect(statuses).toHaveLength(2);
      expect(statuses.every((s) => s.status_code === '01' && s.state === 'pending')).toBe(true);
      // Written for all recipients together: each copy's custody opened with its own unit's clerks,
      // and one send-status job for both recipients, named by the first, at the package's urgency
      // (Priority 2 → outbox priority 2).
      const custody =
        await ctx.sql`select document_id, holder_unit_id from custody_intervals where document_id in ${ctx.sql(deliveries.map((d) => d.document_id))}`;
      expect(custody.map((c) => `${c.document_id}/${c.holder_unit_id}`).sort()).toEqual(
        deliveries.map((d) => `${d.document_id}/${d.organization_id}`).sort(),
      );
      const jobs =
        await ctx.sql`select job_id, priority, payload from outbox where name = 'exchange.send-status' and payload->>'receiptId' = ${receiptId}`;
      expect(jobs).toHaveLength(1);
      const [job] = jobs;
      expect([...job.payload.organizationIds].sort()).toEqual(deliveries.map((d) => d.organization_id).sort());
      expect(job).toMatchObject({ job_id: `send-status.${receiptId}.${job.payload.organizationIds[0]}.01`, priority: 2 });
      expect(job.payload.statusCode).toBe('01');
      const [audit] = await ctx.sql`select action, details from audit_events where subject_id = ${receiptId}`;
      expect(audit.action).toBe('exchange.inbound.deliver');
      expect(workers.errors).toEqual([]);
    } finally {
      await workers.close();
    }
  });

  it('creates one document per organisation when the same receipt is processed twice (duplicate jobs, concurrent runs, a replay)', async () => {
    const res = await postInbound(ctx, peer, await edocPackage({ number: '202' }));
    const { receiptId } = res.json();
    const { intake } = ctx.container.services.exchange;

    // Two workers racing on the same receipt (e.g. the reconciler re-published it after a flush).
    const results = await Promise.all([intake.processInbound(receiptId, undefined), intake.processInbound(receiptId, undefined)]);
    expect(results.flatMap((r) => (r.outcome === 'delivered' ? r.created : []))).toHaveLength(2);
    // A replay of a receipt already processed, and even one whose state was reset, creates nothing.
    expect(await intake.processInbound(receiptId, undefined)).toMatchObject({ outcome: 'skipped' });
    await ctx.sql`update inbound_packages set state = 'accepted' where id = ${receiptId}`;
    expect(await intake.processInbound(receiptId, undefined)).toMatchObject({ outcome: 'delivered', created: [] });

    // The real worker with the job queued twice under different ids.
    const workers = startExchangeWorkers(ctx);
    try {
      await ctx.sql`update inbound_packages set state = 'accepted' where id = ${receiptId}`;
      await ctx.container.producer.enqueue('exchange.process-inbound', { receiptId }, { jobId: `replay-a.${receiptId}` });
      await ctx.container.producer.enqueue('exchange.process-inbound', { receiptId }, { jobId: `replay-b.${receiptId}` });
      await ctx.container.services.outbox.kick();
      await waitFor(async () => (await ctx.sql`select 1 from outbox where completed_at is null`).length === 0, { what: 'outbox drained' });
      await waitFor(
        async () => (await ctx.sql`select 1 from inbound_packages where id = ${receiptId} and state = 'processed'`).length === 1,
      );
      await new Promise((r) => setTimeout(r, 300));
    } finally {
      await workers.close();
    }
    expect(await deliveriesOf(receiptId)).toHaveLength(2);
    const [{ n }] = await ctx.sql<{ n: number }[]>`select count(*)::int as n from documents where number = '202'`;
    expect(n).toBe(2);
    const [{ s }] = await ctx.sql<{ s: number }[]>`select count(*)::int as s from outbound_statuses where receipt_id = ${receiptId}`;
    expect(s).toBe(2);
  });

  it('marks a package addressed to nobody here as failed, with the reason', async () => {
    const res = await postInbound(ctx, peer, await edocPackage({ number: '203', to: [{ organId: '000.00.77.Z99' }] }));
    const result = await ctx.container.services.exchange.intake.processInbound(res.json().receiptId, undefined);
    expect(result.outcome).toBe('failed');
    const [pkg] = await ctx.sql`select state, error, unknown_recipients from inbound_packages where id = ${res.json().receiptId}`;
    expect(pkg).toMatchObject({ state: 'failed', unknown_recipients: ['000.00.77.Z99'] });
    expect(pkg.error).toMatch(/no addressed organisation/);
  });

  it('ends a status job without sending when the status was sent, its peer is inactive or it is gone, completing the job either way', async () => {
    const res = await postInbound(ctx, peer, await edocPackage({ number: '204', to: [{ organId: PROVINCE }] }));
    const receiptId = res.json().receiptId as string;
    await ctx.container.services.exchange.intake.processInbound(receiptId, undefined);
    const organizationId = await orgId(PROVINCE);
    const organizationIds = [organizationId];
    const { statusSender } = ctx.container.services.exchange;
    const job = async (jobId: string) => {
      await ctx.sql`insert into outbox (name, payload, job_id, priority) values ('exchange.send-status', ${ctx.sql.json({ receiptId, organizationIds, statusCode: '01' })}, ${jobId}, 5)`;
      return jobId;
    };
    const completed = async (jobId: string) =>
      (await ctx.sql`select completed_at from outbox where job_id = ${jobId}`)[0].completed_at !== null;

    // The peer has no baseUrl: the status stays pending.
    const pending = await job('send-status-test-pending');
    expect(await statusSender.send({ receiptId, organizationIds, statusCode: '01' }, pending)).toEqual([
      { organizationId, outcome: 'pending', detail: expect.any(String) },
    ]);
    expect(await completed(pending)).toBe(true);

    await ctx.sql`update exchange_peers set active = false where id = ${peer.id}`;
    try {
      const inactive = await job('send-status-test-inactive');
      expect(await statusSender.send({ receiptId, organizationIds, statusCode: '01' }, inactive)).toEqual([
        { organizationId, outcome: 'pending', detail: 'peer inactive' },
      ]);
      expect(await completed(inactive)).toBe(true);
    } finally {
      await ctx.sql`update exchange_peers set active = true where id = ${peer.id}`;
    }

    // A code never owed, and a unit with no status among units with one: each unit answers for itself.
    const gone = await job('send-status-test-gone');
    expect(await statusSender.send({ receiptId, organizationIds, statusCode: '03' }, gone)).toEqual([
      { organizationId, outcome: 'skipped', detail: 'no such status' },
    ]);
    expect(await completed(gone)).toBe(true);
    const other = await orgId(DISTRICT);
    expect(await statusSender.send({ receiptId, organizationIds: [other, organizationId], statusCode: '01' }, undefined)).toEqual([
      { organizationId: other, outcome: 'skipped', detail: 'no such status' },
      { organizationId, outcome: 'pending', detail: expect.any(String) },
    ]);

    await ctx.sql`update outbound_statuses set state = 'sent' where receipt_id = ${receiptId}`;
    const sent = await job('send-status-test-sent');
    expect(await statusSender.send({ receiptId, organizationIds, statusCode: '01' }, sent)).toEqual([
      { organizationId, outcome: 'already-sent' },
    ]);
    expect(await completed(sent)).toBe(true);
  });

  it('records an inbound status package', async () => {
    const res = await postInbound(ctx, peer, await statusPackage('03'));
    await ctx.container.services.exchange.intake.processInbound(res.json().receiptId, undefined);
    const [row] = await ctx.sql`select * from inbound_statuses where receipt_id = ${res.json().receiptId}`;
    expect(row).toMatchObject({
      status_code: '03',
      sender_organ_id: '000.00.00.H99',
      document_id: `${PROVINCE},2026/03/01,7/UBND-VP`,
      description: 'Đã tiếp nhận',
    });
  });

  it('retries a status the peer answers with 503, with back-off, until it is accepted; a 4xx is recorded as failed', async () => {
    const answers = [503, 202];
    const seen: { url?: string; headers: Record<string, unknown>; body: string }[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        seen.push({ url: req.url, headers: req.headers, body });
        res.writeHead(answers.shift() ?? 400, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    const flaky = await createPeer(ctx, { name: 'flaky', baseUrl: `http://127.0.0.1:${port}/`, remotePeerId: 'us-at-flaky' });
    const workers = startExchangeWorkers(ctx);
    try {
      const res = await postInbound(ctx, flaky, await edocPackage({ number: '205', to: [{ organId: PROVINCE }] }));
      const { receiptId } = res.json();
      await waitFor(
        async () => (await ctx.sql`select 1 from outbound_statuses where receipt_id = ${receiptId} and state = 'sent'`).length === 1,
        { what: 'status sent after a retry' },
      );
      const [row] = await ctx.sql`select attempts, last_error from outbound_statuses where receipt_id = ${receiptId}`;
      expect(row).toMatchObject({ attempts: 2, last_error: null });
      expect(seen).toHaveLength(2);
      expect(seen[0].url).toBe('/api/v1/exchange/inbound');
      expect(seen[0].headers).toMatchObject({ 'x-vanthu-peer': 'us-at-flaky', 'content-type': 'application/edxml+xml' });
      expect(seen[1].body).toContain('<edXML:StatusCode>01</edXML:StatusCode>');
      expect(seen[1].body).toContain('000.00.00.H99,2026/03/02,205/QĐ-UBND');
      // The retry is the same package (its Timestamp is when the status happened): peers key statuses on code + time.
      expect(seen[1].body).toBe(seen[0].body);

      // Now the peer refuses (400): no retry, recorded as failed for an operator.
      const res2 = await postInbound(ctx, flaky, await edocPackage({ number: '206', to: [{ organId: PROVINCE }] }));
      await waitFor(
        async () =>
          (await ctx.sql`select 1 from outbound_statuses where receipt_id = ${res2.json().receiptId} and state = 'failed'`).length === 1,
        { what: 'status refused' },
      );
      expect(seen).toHaveLength(3);
    } finally {
      await workers.close();
      server.close();
    }
  });

  it('sends one package per addressed unit from one job; a retry for one unit does not send the other again', async () => {
    // The peer answers 503 to the district's first status, 202 to everything else.
    const seen: string[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const from = /<edXML:From>\s*<edXML:OrganId>([^<]+)</.exec(body)?.[1] ?? '?';
        seen.push(from);
        const refuse = from === DISTRICT && seen.filter((f) => f === DISTRICT).length === 1;
        res.writeHead(refuse ? 503 : 202, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    const twoUnits = await createPeer(ctx, { name: 'two-units', baseUrl: `http://127.0.0.1:${port}/`, remotePeerId: 'us-at-two' });
    const workers = startExchangeWorkers(ctx);
    try {
      const res = await postInbound(
        ctx,
        twoUnits,
        await edocPackage({ number: '207', to: [{ organId: PROVINCE }, { organId: DISTRICT }] }),
      );
      const { receiptId } = res.json();
      await waitFor(
        async () => (await ctx.sql`select 1 from outbound_statuses where receipt_id = ${receiptId} and state = 'sent'`).length === 2,
        { what: 'both statuses sent' },
      );
      expect(seen.filter((f) => f === PROVINCE)).toHaveLength(1);
      expect(seen.filter((f) => f === DISTRICT)).toHaveLength(2);
      const rows = await ctx.sql`
        select o.code, s.attempts from outbound_statuses s join organizations o on o.id = s.organization_id
         where s.receipt_id = ${receiptId} order by o.code`;
      expect(rows.map((r) => [r.code, r.attempts])).toEqual([
        [PROVINCE, 1],
        [DISTRICT, 2],
      ]);
      const jobs =
        await ctx.sql`select completed_at, attempts from outbox where name = 'exchange.send-status' and payload->>'receiptId' = ${receiptId}`;
      expect(jobs).toHaveLength(1);
      await waitFor(async () => (await ctx.sql`select 1 from outbox where completed_at is null`).length === 0, { what: 'outbox drained' });
    } finally {
      await workers.close();
      server.close();
    }
  });

  it('sends status 01 back to a peer with a baseUrl, signed over the declared body hash, and the peer accepts it', async () => {
    // The peer checks what a peer's inbound endpoint checks: the headers first, then the body against the signed hash.
    const secret = 'status-shared-secret-0123456789abcdef';
    const seen: { headers: Record<string, string | string[] | undefined>; body: Buffer }[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen.push({ headers: req.headers, body: Buffer.concat(chunks) });
        res.writeHead(202, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    const b = await createPeer(ctx, { name: 'B', secret, baseUrl: `http://127.0.0.1:${port}`, remotePeerId: 'us-at-b' });

    const workers = startExchangeWorkers(ctx);
    try {
      const res = await postInbound(ctx, b, await edocPackage({ number: '204', to: [{ organId: PROVINCE }] }));
      const { receiptId } = res.json();
      await waitFor(
        async () => (await ctx.sql`select 1 from outbound_statuses where receipt_id = ${receiptId} and state = 'sent'`).length === 1,
        { what: 'status sent' },
      );
      expect(seen).toHaveLength(1);
      const { headers, body } = seen[0];
      const sha = createHash('sha256').update(body).digest('hex');
      expect(headers['x-vanthu-peer']).toBe('us-at-b');
      expect(headers['x-vanthu-content-sha256']).toBe(sha);
      expect(verifyPeerSignature(secret, String(headers['x-vanthu-timestamp']), sha, String(headers['x-vanthu-signature']))).toBe(true);
      expect(body.toString('utf8')).toContain('<edXML:StatusCode>01</edXML:StatusCode>');
      expect(body.toString('utf8')).toContain('000.00.00.H99,2026/03/02,204/QĐ-UBND');
    } finally {
      await workers.close();
      server.close();
    }
  });
});

describe('a recall or update that comes before its document is taken in', () => {
  it('waits for the document (its intake retried) and lands on the copy it makes, instead of naming nothing', async () => {
    const number = '231';
    const subject = `Về việc thử nghiệm liên thông số ${number}`;
    const documentId = `${'000.00.00.H99'},2026/03/02,${number}/QĐ-UBND`;
    // The document's intake fails while the fault lasts: its job retries (1 s, 2 s… apart).
    await ctx.sql.unsafe(`
      create table test_intake_fault (on_ boolean);
      insert into test_intake_fault values (true);
      create function test_refuse_231() returns trigger language plpgsql as $$
      begin
        if new.direction = 'incoming' and new.subject = '${subject}' and (select on_ from test_intake_fault) then raise exception 'sổ văn bản đến đang khóa'; end if;
        return new;
      end $$;
      create trigger test_refuse_231 before insert on documents for each row execute function test_refuse_231();`);
    const workers = startExchangeWorkers(ctx);
    try {
      const doc = await postInbound(ctx, peer, await edocPackage({ number, to: [{ organId: PROVINCE }], documentId }));
      expect(doc.statusCode, doc.body).toBe(202);
      const update = await postInbound(
        ctx,
        peer,
        await edocPackage({
          number,
          to: [{ organId: PROVINCE }],
          documentId,
          business: { docType: 2, reason: 'Bổ sung phụ lục', documentId, paper: 0 },
        }),
      );
      expect(update.statusCode, update.body).toBe(202);
      const updateReceipt = update.json<{ receiptId: string }>().receiptId;

      // The update's intake ran while the document's is failing: it waits, neither applied nor failed.
      await waitFor(
        async () =>
          (await ctx.sql`select 1 from outbox where job_id = ${`process-inbound.${updateReceipt}`} and completed_at is not null`).length ===
          1,
        { what: 'update intake ran' },
      );
      const [waiting] = await ctx.sql`select state, error from inbound_packages where id = ${updateReceipt}`;
      expect(waiting).toMatchObject({ state: 'accepted', error: null });

      await ctx.sql`update test_intake_fault set on_ = false`;
      await waitFor(
        async () => (await ctx.sql`select 1 from inbound_packages where id = ${updateReceipt} and state = 'processed'`).length === 1,
        { what: 'update applied', timeoutMs: 20_000 },
      );
      const [copy] = await ctx.sql<
        { id: string }[]
      >`select d.id from documents d where d.direction = 'incoming' and d.subject = ${subject} and d.owner_organization_id = ${await orgId(PROVINCE)}`;
      const notice = await ctx.request({ method: 'GET', url: `/api/v1/documents/${copy.id}/recall`, as: 'province.clerk' });
      expect(notice.statusCode, notice.body).toBe(200);
      expect(notice.json()).toMatchObject({ businessType: 2, reason: 'Bổ sung phụ lục', answer: null });
    } finally {
      await workers.close();
      await ctx.sql.unsafe(
        'drop trigger if exists test_refuse_231 on documents; drop function if exists test_refuse_231(); drop table if exists test_intake_fault;',
      );
    }
  }, 30_000);
});

describe('migrations/0035_send_status_units.sql', () => {
  it('rewrites a status job still owed to name its unit in a list, and leaves a completed one as it was', async () => {
    const [receiptId, organizationId] = [randomUUID(), randomUUID()];
    const old = { receiptId, organizationId, statusCode: '03' };
    const [owed, done] = [`send-status.${receiptId}.${organizationId}.03`, `send-status.${receiptId}.${organizationId}.05`];
    await ctx.sql`insert into outbox (name, payload, job_id, priority) values ('exchange.send-status', ${ctx.sql.json(old)}, ${owed}, 5)`;
    await ctx.sql`insert into outbox (name, payload, job_id, priority, completed_at)
                  values ('exchange.send-status', ${ctx.sql.json({ ...old, statusCode: '05' })}, ${done}, 5, now())`;

    await ctx.sql.unsafe(readFileSync(new URL('../../../migrations/0035_send_status_units.sql', import.meta.url), 'utf8'));

    const rows = await ctx.sql<
      { job_id: string; payload: unknown }[]
    >`select job_id, payload from outbox where job_id in (${owed}, ${done})`;
    const payloadOf = (jobId: string) => rows.find((r) => r.job_id === jobId)!.payload;
    expect(payloadOf(owed)).toEqual({ receiptId, organizationIds: [organizationId], statusCode: '03' });
    // The form the worker checks before the handler runs (workers/runtime.ts).
    expect(Value.Check(JOBS['exchange.send-status'].payload, payloadOf(owed))).toBe(true);
    expect(payloadOf(done)).toEqual({ ...old, statusCode: '05' });
    await ctx.sql`delete from outbox where job_id in (${owed}, ${done})`;
  });
});
