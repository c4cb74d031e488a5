import { buffer } from 'node:stream/consumers';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { LightMyRequestResponse } from 'fastify';
import { QUEUES } from '../../../src/jobs/catalog.js';
import { emitEdocPackage, emitStatusPackage, type EdocEmitInput } from '../../../src/modules/exchange/edxml/index.js';
import { peerRequestHeaders } from '../../../src/modules/exchange/peer-auth.js';
import { startQueueWorker } from '../../../workers/runtime.js';
import type { TestContext } from '../../helpers/context.js';

export const PROVINCE = '000.00.00.H41';
export const DISTRICT = '000.00.30.H41';
export const REMOTE = '000.00.00.H99';

export type Peer = { id: string; secret: string };

/** Registers a peer through the admin API (by default speaking for every unit of the remote province H99). */
export async function createPeer(ctx: TestContext, body: Record<string, unknown> = {}): Promise<Peer> {
  const res = await ctx.request({
    method: 'POST',
    url: '/api/v1/exchange/peers',
    as: 'admin',
    payload: { name: 'UBND tỉnh Thử Nghiệm', organId: REMOTE, agencyCodes: ['*.H99'], ...body },
  });
  if (res.statusCode !== 201) throw new Error(`create peer: ${res.statusCode} ${res.body}`);
  const { peer, secret } = res.json<{ peer: { id: string }; secret: string }>();
  return { id: peer.id, secret };
}

export type PackageOptions = Partial<EdocEmitInput> & { number?: string; attachment?: Buffer | null; priority?: number };

/** A QCVN 102 package from REMOTE to `to` with one PDF attachment (unless `attachment: null`). */
export async function edocPackage({
  number = '15',
  to = [{ organId: PROVINCE }, { organId: DISTRICT }],
  attachment,
  priority = 0,
  ...rest
}: PackageOptions = {}): Promise<Buffer> {
  const pdf = attachment === undefined ? Buffer.from(`%PDF-1.4\n% vanthu exchange test ${number}\n%%EOF\n`) : attachment;
  return buffer(
    emitEdocPackage(
      {
        from: { organId: REMOTE, organName: 'UBND tỉnh Thử Nghiệm' },
        to,
        code: { number, notation: 'QĐ-UBND' },
        promulgation: { place: 'Thử Nghiệm', date: '2026-03-02' },
        documentType: { type: 1, typeName: 'Quyết định' },
        subject: `Về việc thử nghiệm liên thông số ${number}`,
        signer: { competence: 'KT. CHỦ TỊCH', position: 'Phó Chủ tịch', fullName: 'Nguyễn Văn A' },
        dueDate: '2026-03-20',
        otherInfo: { priority, pageAmount: 2 },
        ...rest,
      },
      pdf ? [{ name: `${number}-QD-UBND.pdf`, contentType: 'application/pdf', stream: pdf }] : [],
    ),
  );
}

/** A status package from REMOTE about one of our documents. */
export async function statusPackage(statusCode: '01' | '03' = '03', documentId = `${PROVINCE},2026/03/01,7/UBND-VP`): Promise<Buffer> {
  return buffer(
    emitStatusPackage({
      responseFor: { organId: PROVINCE, code: '7/UBND-VP', promulgationDate: '2026-03-01', documentId },
      from: { organId: REMOTE, organName: 'UBND tỉnh Thử Nghiệm' },
      statusCode,
      description: 'Đã tiếp nhận',
      timestamp: '2026-03-03T08:00:00',
    }),
  );
}

/** POST /exchange/inbound signed by `peer` (headers may be overridden to forge). */
export function postInbound(
  ctx: TestContext,
  peer: Peer,
  body: Buffer,
  { headers = {}, now }: { headers?: Record<string, string>; now?: Date } = {},
): Promise<LightMyRequestResponse> {
  return ctx.app.inject({
    method: 'POST',
    url: '/api/v1/exchange/inbound',
    headers: { 'content-type': 'application/edxml+xml', ...peerRequestHeaders(peer.id, peer.secret, body, now), ...headers },
    payload: body,
  });
}

/** Real BullMQ workers for the exchange queues, through the worker runtime, as workers/main.ts runs them. */
export function startExchangeWorkers(ctx: TestContext, { concurrency = 4 }: { concurrency?: number } = {}) {
  const errors: Error[] = [];
  const workers = QUEUES.filter((q) => q.startsWith('exchange-')).map((queue) => {
    const running = startQueueWorker(ctx.container, queue, { concurrency });
    running.worker.on('failed', (_job, err) => errors.push(err));
    running.worker.on('error', (err) => errors.push(err));
    return running;
  });
  return {
    errors,
    async close() {
      await Promise.all(workers.map((w) => w.close()));
    },
  };
}

/** Polls `check` until it returns true (or throws after `timeoutMs`). */
export async function waitFor(
  check: () => Promise<boolean>,
  { timeoutMs = 20_000, intervalMs = 50, what = 'condition' } = {},
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Keys of every stored object under `prefix`. */
export async function storedKeys(ctx: TestContext, prefix = 'exchange/'): Promise<string[]> {
  const keys: string[] = [];
  for await (const o of ctx.container.storage.listKeys(prefix)) keys.push(o.key);
  return keys;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** A private redis-server (the suite's Redis is shared: it must never be flushed). */
export async function startPrivateRedis(): Promise<{ url: string; port: number; process: ChildProcess; stop(): Promise<void> }> {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  for (let i = 0; i < 50; i++) {
    try {
      execFileSync('redis-cli', ['-p', String(port), 'ping'], { stdio: 'ignore' });
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    process: child,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}
