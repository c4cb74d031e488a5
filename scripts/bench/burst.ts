// `npm run bench -- burst [--packages 1000] [--concurrency 20] [--attachment-kb 100] [--workers true]`:
// part (b) of the issue-5 burst benchmark. Inbound edXML packages (one PDF-sized attachment each,
// addressed to the province and one district of the demo seed) are POSTed, HMAC-signed, by
// concurrent clients against a real listening server. Reports accept latency p50/p99 next to a
// baseline (GET /healthz on the same server), the time until every package became incoming
// documents (workers and outbox relay running in this process), deliveries per second, and a
// count that nothing was lost or doubled.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { buffer } from 'node:stream/consumers';
import { parseArgs } from 'node:util';
import { UnrecoverableError, Worker } from 'bullmq';
import { Value } from 'typebox/value';
import { buildApp } from '../../src/app.js';
import { createContainer } from '../../src/container.js';
import { seedDemoProvince } from '../../src/db/seed/demo-province.js';
import { JOBS, QUEUES, type JobName } from '../../src/jobs/catalog.js';
import { createWorkerRedis } from '../../src/jobs/redis.js';
import { emitEdocPackage } from '../../src/modules/exchange/edxml/index.js';
import { encryptSecret, peerRequestHeaders } from '../../src/modules/exchange/peer-auth.js';
import { QUEUE_SETTINGS } from '../../workers/queues.js';
import { HANDLERS } from '../../workers/registry.js';
import { createBenchEnvironment, print, round, summary } from './lib.js';

const RECIPIENTS = ['000.00.00.H41', '000.00.30.H41'];

/** Runs `total` calls spread over `clients` concurrent loops; each call returns its own latency in ms. */
async function concurrently(total: number, clients: number, call: (i: number) => Promise<number>): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = next++; i < total; i = next++) latencies.push(await call(i));
    }),
  );
  return latencies;
}

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      packages: { type: 'string', default: '1000' },
      concurrency: { type: 'string', default: '20' },
      'attachment-kb': { type: 'string', default: '100' },
      workers: { type: 'string', default: 'true' },
    },
  });
  const total = Number(values.packages);
  const clients = Number(values.concurrency);
  const withWorkers = values.workers !== 'false';
  const env = await createBenchEnvironment('burst', { DATABASE_POOL_MAX: '30' });
  const container = createContainer(env.config, { applicationName: 'vanthu-bench-burst' });
  const workers: { worker: Worker; close(): void }[] = [];
  let stopRelay: (() => Promise<void>) | undefined;
  try {
    await seedDemoProvince({ db: container.db, audit: container.services.audit });
    await container.storage.ensureBucket();
    for (const q of QUEUES) await container.producer.queue(q)?.obliterate({ force: true });

    const secret = randomBytes(32).toString('base64url');
    const peer = await container.services.exchange.exchangeRepo.insertPeer(container.db, {
      name: 'bench peer',
      organId: '000.00.00.H99',
      secretCiphertext: encryptSecret(env.config.keys.encryptionKey, secret),
    });

    const app = await buildApp(container, { logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

    const attachment = randomBytes(Number(values['attachment-kb']) * 1024);
    const packageOf = (i: number) =>
      buffer(
        emitEdocPackage(
          {
            from: { organId: '000.00.00.H99', organName: 'UBND tỉnh Thử Nghiệm' },
            to: RECIPIENTS.map((organId) => ({ organId })),
            code: { number: String(i + 1), notation: 'CV-UBND' },
            promulgation: { date: '2026-03-02' },
            documentType: { typeName: 'Công văn' },
            subject: `Công văn thử tải số ${i + 1}`,
            otherInfo: { priority: 0 },
          },
          [{ name: `cv-${i + 1}.pdf`, contentType: 'application/pdf', stream: attachment }],
        ),
      );

    const baseline = summary(
      await concurrently(Math.min(total, 1000), clients, async () => {
        const t = performance.now();
        await (await fetch(`${base}/healthz`)).arrayBuffer();
        return performance.now() - t;
      }),
    );

    if (withWorkers) {
      for (const queue of QUEUES.filter((q) => q.startsWith('exchange-'))) {
        const connection = createWorkerRedis(env.config.redis.url);
        const worker = new Worker(
          queue,
          async (job) => {
            const spec = JOBS[job.name as JobName];
            if (!spec || !Value.Check(spec.payload, job.data)) throw new UnrecoverableError(`invalid job ${job.name}`);
            return HANDLERS[job.name as JobName](job, container);
          },
          { connection, prefix: env.config.redis.prefix, concurrency: QUEUE_SETTINGS[queue as keyof typeof QUEUE_SETTINGS].concurrency },
        );
        worker.on('error', () => {});
        workers.push({ worker, close: () => connection.disconnect() });
      }
      stopRelay = container.services.outbox.startRelay({ pollMs: 200 });
    }

    const statuses = new Map<number, number>();
    const started = performance.now();
    const accept = summary(
      await concurrently(total, clients, async (i) => {
        const body = await packageOf(i);
        // Only the request is timed: building the package is the client's work.
        const t = performance.now();
        const res = await fetch(`${base}/api/v1/exchange/inbound`, {
          method: 'POST',
          headers: { 'content-type': 'application/edxml+xml', ...peerRequestHeaders(peer.id, secret, body) },
          body,
        });
        await res.arrayBuffer();
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        return performance.now() - t;
      }),
    );
    const acceptSeconds = (performance.now() - started) / 1000;

    print(`burst (b): ${total} inbound packages, ${values['attachment-kb']} KB attachment, ${clients} concurrent clients, real HTTP on ${base}`);
    print(`  baseline GET /healthz           p50 ${baseline.p50} ms  p99 ${baseline.p99} ms`);
    print(`  accept POST /exchange/inbound   p50 ${accept.p50} ms  p99 ${accept.p99} ms  (n=${accept.n}; ${round(total / acceptSeconds, 1)} packages/s; answers ${JSON.stringify(Object.fromEntries(statuses))})`);

    if (withWorkers) {
      const expected = total * RECIPIENTS.length;
      const until = Date.now() + 10 * 60_000;
      for (;;) {
        const [{ n }] = await container.sql<{ n: number }[]>`select count(*)::int as n from inbound_packages where state <> 'accepted'`;
        if (n >= total || Date.now() > until) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      const drainSeconds = (performance.now() - started) / 1000;
      const [c] = await container.sql<{ packages: number; deliveries: number; pairs: number; documents: number; open: number }[]>`
        select (select count(*)::int from inbound_packages) as packages,
               (select count(*)::int from inbound_deliveries) as deliveries,
               (select count(distinct (receipt_id, organization_id))::int from inbound_deliveries) as pairs,
               (select count(*)::int from documents where issuer_code = '000.00.00.H99') as documents,
               (select count(*)::int from outbox where completed_at is null and name = 'exchange.process-inbound') as open`;
      print(`  drain: every package an incoming document after ${round(drainSeconds, 2)} s from the first POST; ${round(c.deliveries / drainSeconds, 1)} deliveries/s`);
      const ok = c.packages === total && c.deliveries === expected && c.pairs === expected && c.documents === expected && c.open === 0;
      print(`  integrity: ${c.packages}/${total} receipts, ${c.deliveries}/${expected} deliveries (${c.pairs} distinct), ${c.documents} documents, ${c.open} intake jobs open → ${ok ? 'nothing lost or doubled' : 'MISMATCH'}`);
    }
    await app.close();
  } finally {
    await stopRelay?.();
    await Promise.all(workers.map((w) => w.worker.close()));
    for (const w of workers) w.close();
    // The bench's queues live in the shared Redis under their own prefix: leave nothing behind.
    for (const q of QUEUES) await container.producer.queue(q)?.obliterate({ force: true }).catch(() => {});
    await container.close();
    await env.close();
  }
}
