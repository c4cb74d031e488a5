import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISTRICT, PROVINCE, REMOTE, edocPackage, waitFor } from '../exchange/helpers.js';
import { deliveriesOf, get, issuedDocument, orgByCode, post, trail } from '../exchange-dispatch/helpers.js';
import { startAxisEmulator, type AxisEmulator } from './emulator.js';
import { startAxisDeployment, type AxisDeployment } from './helpers.js';

/**
 * The connector against an axis that misbehaves: FAIL answers, unknown codes, answers that are not
 * the envelope, timeouts, connections closed mid-download or after the effect, and worker processes
 * killed between download and acknowledgement and between our commit and the acknowledgement. Every
 * package must end up exactly once in exactly the organisations it names.
 */
let emulator: AxisEmulator;
let A: AxisDeployment;
const SELF = 'vxp.saas.41';
const OTHER = 'vxp.saas.99';
const here = path.dirname(fileURLToPath(import.meta.url));

beforeAll(async () => {
  emulator = await startAxisEmulator();
  emulator.register({ systemId: OTHER, secret: 'other-secret', agencyCodes: [REMOTE, '000.00.05.H99'] });
  // The poller is driven by the tests (pollOnce), except where a worker process runs it.
  A = await startAxisDeployment(emulator, { systemId: SELF, poller: false, env: { AXIS_TIMEOUT_MS: '800' } });
});

afterAll(async () => {
  await A?.stop();
  await emulator?.close();
});

const axis = () => A.ctx.container.services.exchange.axis!;
const incoming = async (subject: string) =>
  A.ctx.sql<{ id: string; owner_organization_id: string }[]>`
    select id, owner_organization_id from documents where direction = 'incoming' and subject = ${subject} order by owner_organization_id`;
const subjectOf = (n: string) => `Về việc thử nghiệm liên thông số ${n}`;
const requestsFor = (operation: string, docId: string) =>
  emulator.requests.filter((r) => r.operation === operation && r.params.docId === docId);

/** A package from REMOTE waiting for us at the axis. */
async function waitingPackage(number: string, to = [{ organId: PROVINCE }]) {
  const bytes = await edocPackage({ number, to });
  return emulator.deliver(bytes, { to: to[0].organId, from: REMOTE, owner: SELF });
}

async function expectExactlyOnce(number: string, organizations: string[]) {
  await waitFor(async () => (await incoming(subjectOf(number))).length >= organizations.length, { what: `documents of ${number}` });
  const docs = await incoming(subjectOf(number));
  expect(docs.map((d) => d.owner_organization_id).sort()).toEqual([...organizations].sort());
}

describe('receiving from a misbehaving axis', () => {
  it('getEdoc answering FAIL, timing out, and closing the connection mid-download: retried at each poll, one document, acknowledged done once', async () => {
    const item = await waitingPackage('501', [{ organId: PROVINCE }, { organId: DISTRICT }]);
    emulator.inject('getEdoc', { kind: 'FAIL', errorCode: '500', errorDesc: 'Loi doc du lieu', httpStatus: 500 });
    emulator.inject('getEdoc', { kind: 'timeout' });
    emulator.inject('getEdoc', { kind: 'close-mid-body' });
    for (let i = 0; i < 3; i++) {
      const failures = axis().state().failures;
      await axis().pollOnce();
      expect(axis().state().failures).toBeGreaterThan(failures);
      expect(await A.ctx.sql`select 1 from axis_received where doc_id = ${item.docId}`).toHaveLength(0);
    }
    expect(axis().state().lastError?.message).toMatch(/getEdoc/);
    await axis().pollOnce();
    await expectExactlyOnce('501', [await orgByCode(A.ctx, PROVINCE), await orgByCode(A.ctx, DISTRICT)]);
    expect(item.status).toBe('done');
    expect(requestsFor('updateStatus', item.docId).map((r) => r.params.status)).toEqual(['done']);
    const [row] = await A.ctx.sql`select state, acknowledged, receipt_id from axis_received where doc_id = ${item.docId}`;
    expect(row).toMatchObject({ state: 'accepted', acknowledged: 'done' });
    // The raw package is kept in S3 as it came.
    const [pkg] = await A.ctx.sql`select raw_storage_key, size from inbound_packages where id = ${row.receipt_id}`;
    expect(Number(pkg.size)).toBe(item.bytes.length);
  });

  it('the list answering FAIL, an unknown error code, a page that is no envelope, or garbage: logged, never a crash, the next poll works', async () => {
    for (const fault of [
      { kind: 'FAIL' as const },
      { kind: 'unknown-code' as const },
      { kind: 'no-envelope' as const },
      { kind: 'garbage' as const },
    ]) {
      emulator.inject('getReceivedEdocList', fault, { when: (p) => p.messagetype === 'edoc' });
      const before = axis().state().failures;
      await expect(axis().pollOnce()).resolves.toBeDefined();
      expect(axis().state().failures).toBe(before + 1);
    }
    expect(axis().state().lastError?.message).toMatch(/getReceivedEdocList/);
    const item = await waitingPackage('502');
    await axis().pollOnce();
    await expectExactlyOnce('502', [await orgByCode(A.ctx, PROVINCE)]);
    expect(item.status).toBe('done');
  });

  it('an acknowledgement that times out or is cut off after the axis applied it: the next poll acknowledges again and downloads nothing twice', async () => {
    const item = await waitingPackage('503');
    emulator.inject('updateStatus', { kind: 'timeout' }, { when: (p) => p.docId === item.docId });
    await axis().pollOnce();
    const [row] = await A.ctx.sql`select state, acknowledged from axis_received where doc_id = ${item.docId}`;
    expect(row).toMatchObject({ state: 'accepted', acknowledged: null });
    await axis().pollOnce();
    expect(item.status).toBe('done');
    expect(requestsFor('getEdoc', item.docId)).toHaveLength(1);
    await expectExactlyOnce('503', [await orgByCode(A.ctx, PROVINCE)]);

    const cut = await waitingPackage('504');
    emulator.inject('updateStatus', { kind: 'close-after-effect' }, { when: (p) => p.docId === cut.docId });
    await axis().pollOnce();
    // The axis applied it (no longer listed) though we never heard: recorded unacknowledged, harmless.
    expect(cut.status).toBe('done');
    await expectExactlyOnce('504', [await orgByCode(A.ctx, PROVINCE)]);
  });

  it('the same package listed twice (the axis does not deduplicate): one receipt, one document, both acknowledged done', async () => {
    const first = await waitingPackage('505');
    const again = emulator.deliver(first.bytes, { to: PROVINCE, from: REMOTE, owner: SELF });
    await axis().pollOnce();
    const rows = await A.ctx
      .sql`select receipt_id, acknowledged from axis_received where doc_id in ${A.ctx.sql([first.docId, again.docId])}`;
    expect(rows).toHaveLength(2);
    expect(new Set(rows.map((r) => r.receipt_id)).size).toBe(1);
    expect(rows.every((r) => r.acknowledged === 'done')).toBe(true);
    await expectExactlyOnce('505', [await orgByCode(A.ctx, PROVINCE)]);
  });

  it('a package the intake refuses is acknowledged fail and its reason kept', async () => {
    const item = emulator.deliver(Buffer.from('<!DOCTYPE x [<!ENTITY a "b">]><edXML/>'), { to: PROVINCE, from: REMOTE, owner: SELF });
    await axis().pollOnce();
    expect(item.status).toBe('fail');
    const [row] = await A.ctx.sql`select state, acknowledged, error, receipt_id from axis_received where doc_id = ${item.docId}`;
    expect(row).toMatchObject({ state: 'refused', acknowledged: 'fail', receipt_id: null });
    expect(row.error).toMatch(/^VALIDATION_FAILED: /);
  });
});

describe('a backlog at the axis', () => {
  it('a package arriving while a backlog drains is listed again and taken in the same poll, ahead of the backlog’s rest', async () => {
    const backlog: Awaited<ReturnType<typeof waitingPackage>>[] = [];
    for (let i = 0; i < 24; i++) backlog.push(await waitingPackage(String(800 + i)));
    const slow = new Set(backlog.map((b) => b.docId));
    // A slow axis: each backlog download takes 200 ms, so four lanes need over a second for them.
    emulator.inject('getEdoc', { kind: 'delay', ms: 200 }, { times: 24, when: (p) => slow.has(p.docId) });
    const from = emulator.requests.length;
    const poll = axis().pollOnce();
    await waitFor(async () => backlog.some((b) => b.status === 'done'), { what: 'the first of the backlog taken in' });
    const hot = await waitingPackage('899');
    const { listed } = await poll;
    // Without listing again during the drain, it would wait for the next poll.
    expect(hot.status).toBe('done');
    expect(listed).toBe(25);
    const acks = emulator.requests
      .slice(from)
      .filter((r) => r.operation === 'updateStatus')
      .map((r) => r.params.docId);
    const after = acks.slice(acks.indexOf(hot.docId) + 1).filter((id) => slow.has(id));
    expect(after.length).toBeGreaterThanOrEqual(4);
    expect(backlog.every((b) => b.status === 'done')).toBe(true);
    await expectExactlyOnce('899', [await orgByCode(A.ctx, PROVINCE)]);
    // Their status 01 packages leave by sendEdoc in the background: gone before the next test injects sendEdoc faults.
    const subjects = backlog.map((_, i) => subjectOf(String(800 + i)));
    await waitFor(
      async () =>
        (await A.ctx.sql`select 1 from documents where direction = 'incoming' and subject = any(${subjects})`).length === 24 &&
        (await A.ctx.sql`select 1 from outbound_statuses where state = 'pending'`).length === 0,
      { what: 'the backlog taken in and its status packages sent', timeoutMs: 60_000 },
    );
  });
});

describe('sending through a misbehaving axis', () => {
  it('sendEdoc answering FAIL, an unknown code and timing out: retried with back-off, sent once, the DocId kept', async () => {
    const province = await orgByCode(A.ctx, PROVINCE);
    const doc = await issuedDocument(A.ctx, { ownerOrganizationId: province, number: '611', subject: 'Gửi qua trục lỗi' });
    emulator.inject('sendEdoc', { kind: 'FAIL', errorCode: '-1', errorDesc: 'He thong dang bao tri' });
    emulator.inject('sendEdoc', { kind: 'unknown-code' });
    emulator.inject('sendEdoc', { kind: 'timeout' });
    const res = await post(A.ctx, `/documents/${doc.id}/dispatch`, 'province.clerk', {
      recipients: [{ organId: REMOTE, name: 'UBND tỉnh Thử Nghiệm' }],
    });
    expect(res.statusCode, res.body).toBe(202);
    await waitFor(async () => trail((await deliveriesOf(A.ctx, doc.id))[0]).includes('sent'), { what: 'sent', timeoutMs: 40_000 });
    const [d] = await deliveriesOf(A.ctx, doc.id);
    expect(trail(d)).toEqual(['sent']);
    const [row] = await A.ctx.sql`select axis_doc_id, attempts from deliveries where id = ${d.id}`;
    expect(row.attempts).toBe(4);
    const atAxis = emulator.sent.get(row.axis_doc_id);
    expect(atAxis?.items.map((i) => i.to)).toEqual([REMOTE]);
    expect(
      [...emulator.items.values()].filter((i) => i.owner === OTHER && i.to === REMOTE && i.senderDocId === row.axis_doc_id),
    ).toHaveLength(1);
  });

  it('FAIL beyond the retry budget dead-letters the delivery with the axis’s words; a replay sends it', async () => {
    const province = await orgByCode(A.ctx, PROVINCE);
    const doc = await issuedDocument(A.ctx, { ownerOrganizationId: province, number: '612', subject: 'Gửi qua trục hỏng hẳn' });
    emulator.inject('sendEdoc', { kind: 'FAIL', errorCode: '403', errorDesc: 'Don vi nhan khong ton tai' }, { times: 5 });
    const res = await post(A.ctx, `/documents/${doc.id}/dispatch`, 'province.clerk', {
      recipients: [{ organId: '000.00.05.H99', name: 'Sở Thử Nghiệm' }],
    });
    expect(res.statusCode, res.body).toBe(202);
    await waitFor(async () => (await deliveriesOf(A.ctx, doc.id))[0].state === 'dead', { what: 'dead letter', timeoutMs: 45_000 });
    const [dead] = await deliveriesOf(A.ctx, doc.id);
    const [{ last_error: lastError }] = await A.ctx.sql`select last_error from deliveries where id = ${dead.id}`;
    expect(lastError).toContain('Don vi nhan khong ton tai');
    const listed = await get(A.ctx, '/exchange/dead-letters', 'admin');
    expect(listed.json().items.map((i: { id: string }) => i.id)).toContain(dead.id);
    expect((await post(A.ctx, `/exchange/dead-letters/${dead.id}/replay`, 'admin')).statusCode).toBe(202);
    await waitFor(async () => trail((await deliveriesOf(A.ctx, doc.id))[0]).at(-1) === 'sent', { what: 'sent after replay' });
  });
});

describe('a worker killed in the middle of receiving', () => {
  async function runPollerProcess(until: () => Promise<boolean>) {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'poller-worker.ts')], {
      env: { ...process.env, ...A.ctx.env, LOG_LEVEL: 'error' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise((r) => child.once('exit', r));
    let ready = false;
    child.stdout!.on('data', (chunk: Buffer) => (ready ||= chunk.toString().includes('ready')));
    try {
      await waitFor(async () => ready, { what: 'the poller process up', timeoutMs: 90_000 });
      await waitFor(until, { what: 'the moment to kill', timeoutMs: 30_000 });
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
  }

  it('between the download and our commit: the next poller downloads again and takes it in once', async () => {
    const item = await waitingPackage('701', [{ organId: PROVINCE }, { organId: DISTRICT }]);
    // Receipts cannot be written while this transaction holds the table: the killed process has
    // downloaded and stored the package but never commits.
    const blocker = postgres(A.ctx.databaseUrl, { max: 1, onnotice: () => {} });
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const locked = new Promise<void>((resolve) => {
      void blocker
        .begin(async (tx) => {
          await tx`lock table inbound_packages in exclusive mode`;
          resolve();
          await held;
        })
        .catch(() => {});
    });
    await locked;
    try {
      await runPollerProcess(async () => {
        if (requestsFor('getEdoc', item.docId).length === 0) return false;
        const waiting = await A.ctx.sql`select 1 from pg_locks where relation = 'inbound_packages'::regclass and not granted`;
        return waiting.length > 0;
      });
    } finally {
      release();
      await blocker.end();
    }
    expect(await A.ctx.sql`select 1 from axis_received where doc_id = ${item.docId}`).toHaveLength(0);
    expect(item.status).toBe('initial');
    await axis().pollOnce();
    await expectExactlyOnce('701', [await orgByCode(A.ctx, PROVINCE), await orgByCode(A.ctx, DISTRICT)]);
    expect(requestsFor('getEdoc', item.docId)).toHaveLength(2);
    expect(item.status).toBe('done');
    expect(await A.ctx.sql`select 1 from inbound_packages where sender_organ_id = ${REMOTE} and document_id like ${'%701/%'}`).toHaveLength(
      1,
    );
  });

  it('between our commit and the acknowledgement: the next poller only acknowledges; nothing is taken in twice', async () => {
    const item = await waitingPackage('702');
    emulator.inject('updateStatus', { kind: 'timeout' }, { when: (p) => p.docId === item.docId });
    await runPollerProcess(async () => requestsFor('updateStatus', item.docId).length === 1);
    const [row] = await A.ctx.sql`select state, acknowledged from axis_received where doc_id = ${item.docId}`;
    expect(row).toMatchObject({ state: 'accepted', acknowledged: null });
    expect(item.status).toBe('initial');
    await axis().pollOnce();
    expect(item.status).toBe('done');
    expect(requestsFor('getEdoc', item.docId)).toHaveLength(1);
    await expectExactlyOnce('702', [await orgByCode(A.ctx, PROVINCE)]);
  });
});

describe('operability', () => {
  it('GET /exchange/axis shows the settings without the secret, the poller’s last state and the counts; /readyz shows the axis without failing', async () => {
    const res = await get(A.ctx, '/exchange/axis', 'admin');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ enabled: true, endpoint: emulator.url, systemId: SELF, pollIntervalMs: 150 });
    expect(res.body).not.toContain('secret-of-');
    expect(body.poller.polls).toBeGreaterThan(5);
    expect(body.poller.failures).toBeGreaterThan(5);
    expect(body.poller.lastError.message).toEqual(expect.any(String));
    expect(body.received.total).toBeGreaterThanOrEqual(9);
    expect(body.received.refused).toBe(1);
    expect(body.deliveries.delivered ?? 0).toBe(0);
    expect(body.deliveries.pending).toBe(2);
    expect((await get(A.ctx, '/exchange/axis', 'province.clerk')).statusCode).toBe(403);

    const ready = await A.ctx.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json().detail.axis).toMatchObject({ enabled: true, lastPollAt: expect.any(String) });
  });

  it('the emulator verified every request and refused none', () => {
    expect(emulator.rejected()).toEqual([]);
  });
});
