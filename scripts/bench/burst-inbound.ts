/**
 * Part (b) of the burst bench: inbound edXML packages (one PDF-sized attachment each, addressed to
 * the province and one district of the demo seed), HMAC-signed, POSTed over real HTTP.
 * (b1) The highest accept rate: `clients` concurrent keep-alive clients, each sending its next
 * package as soon as the last is answered, in alternating rounds against vanthu's
 * POST /api/v1/exchange/inbound and against a minimal inbound server on the same stack
 * (minimal-inbound.ts, a yardstick); the ratio vanthu/minimal is computed within the run (goal ≥ 0.7).
 * (b2) An open-loop arrival: `rate` packages/s for `seconds` s launched on a fixed schedule whatever
 * the answers (latency counts from the scheduled launch, so it includes queueing): accept p99
 * (goal < 100 ms); the yardstick at the same schedule first, for comparison: alone, then with a
 * minimal intake (minimal-intake.ts) taking its packages in as they arrive, as vanthu's workers do.
 * Both: the job workers run as deployed (their own process); each vanthu phase ends when its jobs
 * are done, so CPU per package includes the intake; the integrity check counts one receipt per
 * package and its deliveries and documents exactly once.
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { setPriority } from 'node:os';
import { fileURLToPath } from 'node:url';
import { buffer } from 'node:stream/consumers';
import type { Container } from '../../src/container.js';
import { QUEUES } from '../../src/jobs/catalog.js';
import { emitEdocPackage } from '../../src/modules/exchange/edxml/index.js';
import { encryptSecret, peerRequestHeaders } from '../../src/modules/exchange/peer-auth.js';
import type { ApiThread } from './api-thread.js';
import { MINIMAL_INBOUND_TABLE, startMinimalInboundThread } from './minimal-inbound.js';
import { MINIMAL_DOCUMENTS_TABLE, MINIMAL_FILES_TABLE, type MinimalIntakeJob } from './minimal-intake.js';
import {
  cpuDelta,
  cpuSnapshot,
  median,
  postgresPids,
  print,
  round,
  summary,
  untilQueuesIdle,
  type BenchEnvironment,
  type CpuGroup,
} from './lib.js';

const RECIPIENTS = ['000.00.00.H41', '000.00.30.H41'];
/** How often the drain (vanthu's, the yardstick intake's) is checked: each check reads the index of accepted rows, dead entries included. */
const DRAIN_POLL_MS = 200;

export type InboundBenchOptions = {
  b1: boolean;
  b2: boolean;
  /** (b1) packages per server, split over `rounds`. */
  packages: number;
  rounds: number;
  /** Unmeasured packages to each server first (JIT, pools, caches). */
  warmup: number;
  clients: number;
  attachmentKb: number;
  /** (b2) packages per second and for how long. */
  rate: number;
  seconds: number;
  /** (b2) run the yardstick at the same schedule first, alone and with its minimal intake. */
  openYardstick: boolean;
  /** CPU priority of the job workers, and of the yardstick's intake process. */
  workersNice: number;
};

type Target = { name: string; thread: ApiThread; url: URL; agent: http.Agent };
type Phase = {
  latencies: number[];
  statuses: Map<number, number>;
  seconds: number;
  cpu: Map<string, number>;
  drainedCpu?: Map<string, number>;
};

/** Runs `total` calls spread over `clients` concurrent loops; each call returns its own latency in ms. */
async function closedLoop(total: number, clients: number, call: () => Promise<number>): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next++ < total) latencies.push(await call());
    }),
  );
  return latencies;
}

/**
 * Launches `rate × seconds` calls at fixed instants whatever the answers; each latency counts from
 * its scheduled instant. Returns them and how late the generator launched at worst.
 */
async function openLoop(rate: number, seconds: number, call: (scheduledAt: number) => Promise<number>) {
  const interval = 1000 / rate;
  const t0 = performance.now() + 20;
  const calls: Promise<number>[] = [];
  let lateMs = 0;
  for (let k = 0; k < rate * seconds; k++) {
    const at = t0 + k * interval;
    const wait = at - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    lateMs = Math.max(lateMs, performance.now() - at);
    calls.push(call(at));
  }
  return { latencies: await Promise.all(calls), lateMs };
}

const perPackage = (cpu: Map<string, number>, n: number) => [...cpu].map(([k, ms]) => `${k} ${round(ms / n, 2)}`).join(', ');
/** Packages answered 202 (a new receipt) or 200 (the same package again) per second: an error answer is not an accepted package. */
const acceptRate = (p: Phase) => ((p.statuses.get(202) ?? 0) + (p.statuses.get(200) ?? 0)) / p.seconds;
const addInto = (sum: Map<string, number>, more: Map<string, number>) => more.forEach((ms, k) => sum.set(k, (sum.get(k) ?? 0) + ms));

export async function partB(b: {
  container: Container;
  env: BenchEnvironment;
  api: ApiThread;
  /** Starts the job workers (their own process) once; their pid, or undefined with --workers false. */
  ensureWorkers: () => Promise<number | undefined>;
  options: InboundBenchOptions;
}): Promise<void> {
  const { container, options: o } = b;
  const secret = randomBytes(32).toString('base64url');
  const peer = await container.services.exchange.exchangeRepo.insertPeer(container.db, {
    name: 'bench peer',
    organId: '000.00.00.H99',
    agencyCodes: ['000.00.00.H99'],
    secretCiphertext: encryptSecret(b.env.config.keys.encryptionKey, secret),
  });
  await container.sql.unsafe(`create table ${MINIMAL_INBOUND_TABLE} (like inbound_packages including all)`);
  // The yardstick's intake takes the oldest accepted row: the index a minimal implementation would add for it.
  await container.sql.unsafe(`create index on ${MINIMAL_INBOUND_TABLE} (created_at) where state = 'accepted'`);
  await container.sql.unsafe(`create table ${MINIMAL_DOCUMENTS_TABLE} (like documents including all)`);
  await container.sql.unsafe(`create table ${MINIMAL_FILES_TABLE} (like document_files including all)`);
  const minimal = await startMinimalInboundThread({
    databaseUrl: b.env.databaseUrl,
    // One short insert per request needs few connections; the machine's PostgreSQL is shared
    // (max_connections 100) with the API's pool, the workers' and other benches.
    poolMax: 10,
    encryptionKey: b.env.config.keys.encryptionKey,
    s3: { ...b.env.config.storage },
  });
  try {
    // A PDF header, so that the attachment passes the file-type check and is stored like a real one.
    const attachment = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(o.attachmentKb * 1024)]);
    // Every package is the same template with its own 7-digit number (in the code, the DocumentId
    // and the subject): built once, then copied and stamped per request, so the load generator
    // spends its CPU on sending, not on base64 and XML (a real burst comes from other machines).
    const MARK = 'Q7Q7Q7Q';
    const template = await buffer(
      emitEdocPackage(
        {
          from: { organId: '000.00.00.H99', organName: 'UBND tỉnh Thử Nghiệm' },
          to: RECIPIENTS.map((organId) => ({ organId })),
          code: { number: MARK, notation: 'CV-UBND' },
          promulgation: { date: '2026-03-02' },
          documentType: { typeName: 'Công văn' },
          subject: `Công văn thử tải số ${MARK}`,
          otherInfo: { priority: 0 },
        },
        [{ name: `cv-${MARK}.pdf`, contentType: 'application/pdf', stream: attachment }],
      ),
    );
    const markAt: number[] = [];
    for (let at = template.indexOf(MARK); at >= 0; at = template.indexOf(MARK, at + MARK.length)) markAt.push(at);
    if (markAt.length < 2) throw new Error('the package template does not carry its number');
    let stamped = 0; // every package of the run has its own number, whichever server it goes to
    const nextPackage = (): Buffer => {
      const body = Buffer.from(template);
      const number = String(++stamped).padStart(MARK.length, '0');
      for (const at of markAt) body.write(number, at, 'latin1');
      return body;
    };

    const target = (name: string, thread: ApiThread, path: string, maxSockets: number): Target => ({
      name,
      thread,
      url: new URL(`${thread.address}${path}`),
      agent: new http.Agent({ keepAlive: true, maxSockets }),
    });
    const post = (t: Target, body: Buffer): Promise<number> =>
      new Promise((resolve, reject) => {
        const req = http.request(
          {
            agent: t.agent,
            host: t.url.hostname,
            port: t.url.port,
            path: t.url.pathname,
            method: 'POST',
            headers: {
              'content-type': 'application/edxml+xml',
              'content-length': body.length,
              ...peerRequestHeaders(peer.id, secret, body),
            },
          },
          (res) => {
            res.resume();
            res.once('end', () => resolve(res.statusCode ?? 0));
            res.once('error', reject);
          },
        );
        req.once('error', reject);
        req.end(body);
      });

    const workersPid = await b.ensureWorkers();
    const intakePids: number[] = [];
    const cpuGroups: CpuGroup[] = [
      { name: 'vanthu API thread', threads: [b.api.thread] },
      { name: 'minimal server thread', threads: [minimal.thread] },
      // Both servers run as threads of the bench process: the rest of the process is the clients.
      { name: 'clients', pids: [process.pid], minusThreads: [b.api.thread, minimal.thread] },
      { name: 'workers', pids: workersPid ? [workersPid] : [] },
      { name: 'minimal intake', pids: intakePids },
      { name: 'S3 server', pids: b.env.s3Pid ? [b.env.s3Pid] : [] },
      { name: 'PostgreSQL', pids: postgresPids(container.sql) },
      { name: 'Redis', command: 'redis-server' },
    ];
    const queues = QUEUES.map((q) => container.producer.queue(q)!);
    /**
     * Runs `during` with the yardstick's intake (minimal-intake.ts) taking in the yardstick's
     * packages in its own process, at the workers' priority; resolves once it has taken in every
     * package sent to the yardstick, and stops it.
     */
    const withMinimalIntake = async <T>(during: (drain: () => Promise<void>) => Promise<T>): Promise<T> => {
      const job: MinimalIntakeJob = {
        databaseUrl: b.env.databaseUrl,
        inboundTable: MINIMAL_INBOUND_TABLE,
        recipients: RECIPIENTS,
        concurrency: 4,
        s3: { ...b.env.config.storage },
      };
      // Packages of the earlier phases are not this phase's to take in.
      await container.sql`update ${container.sql(MINIMAL_INBOUND_TABLE)} set state = 'processed' where state = 'accepted'`;
      const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./minimal-intake.ts', import.meta.url))], {
        env: { ...process.env, MINIMAL_INTAKE: JSON.stringify(job) },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      const exited = new Promise((r) => child.once('exit', r));
      if (o.workersNice !== 0 && child.pid !== undefined) setPriority(child.pid, o.workersNice);
      intakePids.push(child.pid!);
      try {
        return await during(async () => {
          for (const until = Date.now() + 10 * 60_000; Date.now() < until; await new Promise((r) => setTimeout(r, DRAIN_POLL_MS))) {
            const [{ n }] = await container.sql<{ n: number }[]>`
              select count(*)::int as n from ${container.sql(MINIMAL_INBOUND_TABLE)} where state = 'accepted'`;
            if (n === 0) return;
          }
        });
      } finally {
        child.kill('SIGTERM');
        await exited;
        intakePids.length = 0;
      }
    };
    let vanthuSent = 0;
    let minimalSent = 0;
    // Every package was answered (its receipt committed) before this runs: drained when none is
    // left accepted. Counted on the partial index of accepted receipts, as the yardstick's intake
    // counts its own (a count over every receipt, every 50 ms, billed the bench's polling to
    // vanthu's PostgreSQL CPU: 0.6 ms per package).
    const untilDrained = async () => {
      const until = Date.now() + 10 * 60_000;
      for (;;) {
        const [{ n }] = await container.sql<{ n: number }[]>`select count(*)::int as n from inbound_packages where state = 'accepted'`;
        if (n === 0 || Date.now() > until) break;
        await new Promise((r) => setTimeout(r, DRAIN_POLL_MS));
      }
    };
    /** Sends with `send`, then (vanthu, workers running) waits until every package is a document and every job done. */
    const phase = async (
      t: Target,
      send: (call: (scheduledAt?: number) => Promise<number>) => Promise<number[]>,
      drainYardstick?: () => Promise<void>,
    ): Promise<Phase> => {
      const statuses = new Map<number, number>();
      const before = await cpuSnapshot(cpuGroups);
      const started = performance.now();
      const latencies = await send(async (scheduledAt) => {
        const body = nextPackage();
        if (t.thread === b.api) vanthuSent++;
        else minimalSent++;
        // Only the request is timed (closed loop): stamping the package is the client's work.
        const t0 = scheduledAt ?? performance.now();
        const status = await post(t, body);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        return performance.now() - t0;
      });
      const seconds = (performance.now() - started) / 1000;
      const accepted = await cpuSnapshot(cpuGroups);
      const out: Phase = { latencies, statuses, seconds, cpu: cpuDelta(before, accepted) };
      if (t.thread === b.api && workersPid) {
        await untilDrained();
        await untilQueuesIdle(queues);
        out.drainedCpu = cpuDelta(before, await cpuSnapshot(cpuGroups));
      }
      if (drainYardstick) {
        await drainYardstick();
        out.drainedCpu = cpuDelta(before, await cpuSnapshot(cpuGroups));
      }
      return out;
    };
    const integrity = async (): Promise<string> => {
      const [c] = await container.sql<{ packages: number; deliveries: number; pairs: number; documents: number; open: number }[]>`
        select (select count(*)::int from inbound_packages) as packages,
               (select count(*)::int from inbound_deliveries) as deliveries,
               (select count(distinct (receipt_id, organization_id))::int from inbound_deliveries) as pairs,
               (select count(*)::int from documents where issuer_code = '000.00.00.H99') as documents,
               (select count(*)::int from outbox where completed_at is null and name = 'exchange.process-inbound') as open`;
      const expected = vanthuSent * RECIPIENTS.length;
      const ok = c.packages === vanthuSent && c.deliveries === expected && c.pairs === expected && c.documents === expected && c.open === 0;
      return `${c.packages}/${vanthuSent} receipts, ${c.deliveries}/${expected} deliveries (${c.pairs} distinct), ${c.documents}/${expected} documents, ${c.open} intake jobs open → ${ok ? 'nothing lost or doubled' : 'MISMATCH'}`;
    };

    const vanthu = (maxSockets: number) => target('vanthu', b.api, '/api/v1/exchange/inbound', maxSockets);
    const yardstick = (maxSockets: number) => target('minimal', minimal, '/inbound', maxSockets);
    print(
      `burst (b): inbound edXML packages of ${round(template.length / 1024, 0)} KB (one ${o.attachmentKb} KB PDF attachment, base64), 2 recipients each, HMAC-signed, real HTTP, keep-alive; ` +
        `vanthu = POST ${b.api.address}/api/v1/exchange/inbound (API thread; workers ${workersPid ? 'as deployed, own process' : 'NOT running'}), ` +
        `minimal = the yardstick scripts/bench/minimal-inbound.ts (HMAC check with the peer row read per request, body hashed and PUT with minio, one row; 10 connections)`,
    );
    if (o.warmup > 0) {
      for (const t of [yardstick(o.clients), vanthu(o.clients)]) await phase(t, (call) => closedLoop(o.warmup, o.clients, () => call()));
      print(`  warm-up: ${o.warmup} unmeasured packages to each server`);
    }

    if (o.b1) {
      const perRound = Math.ceil(o.packages / o.rounds);
      const runs = { vanthu: [] as Phase[], minimal: [] as Phase[] };
      const servers = { vanthu: vanthu(o.clients), minimal: yardstick(o.clients) };
      for (let r = 0; r < o.rounds; r++) {
        // Alternating order (ABBA…), so that neither server always runs first.
        const order = r % 2 === 0 ? (['minimal', 'vanthu'] as const) : (['vanthu', 'minimal'] as const);
        for (const name of order) runs[name].push(await phase(servers[name], (call) => closedLoop(perRound, o.clients, () => call())));
        const [m, v] = [runs.minimal[r], runs.vanthu[r]];
        print(
          `  (b1) round ${r + 1}: minimal ${round(acceptRate(m), 1)}/s, vanthu ${round(acceptRate(v), 1)}/s accepted → ratio ${round(acceptRate(v) / acceptRate(m), 2)}`,
        );
      }
      print(
        `burst (b1): highest accept rate, ${o.clients} concurrent clients (closed loop), ${o.rounds} alternating rounds of ${perRound} packages per server`,
      );
      const rates: Record<string, number> = {};
      for (const name of ['minimal', 'vanthu'] as const) {
        const phases = runs[name];
        rates[name] = median(phases.map(acceptRate));
        const lat = summary(phases.flatMap((p) => p.latencies));
        const answers = new Map<number, number>();
        phases.forEach((p) => p.statuses.forEach((n, s) => answers.set(s, (answers.get(s) ?? 0) + n)));
        print(
          `  ${name.padEnd(7)} ${round(rates[name], 1)} packages/s accepted, median (rounds ${phases.map((p) => round(acceptRate(p), 1)).join(', ')}), accept p50 ${lat.p50} ms p99 ${lat.p99} ms, answers ${JSON.stringify(Object.fromEntries(answers))}`,
        );
        const cpu = new Map<string, number>();
        phases.forEach((p) => addInto(cpu, p.cpu));
        print(`    CPU ms per package while accepting: ${perPackage(cpu, perRound * phases.length)}`);
        if (phases.every((p) => p.drainedCpu)) {
          const drained = new Map<string, number>();
          phases.forEach((p) => addInto(drained, p.drainedCpu!));
          print(
            `    CPU ms per package, first POST to every job done (intake + status jobs): ${perPackage(drained, perRound * phases.length)}`,
          );
        }
      }
      const ratios = runs.vanthu.map((v, i) => acceptRate(v) / acceptRate(runs.minimal[i]));
      print(
        `  ratio vanthu/minimal: ${round(rates.vanthu / rates.minimal, 2)} of the median rates (per round ${ratios.map((x) => round(x, 2)).join(', ')}; goal ≥ 0.7)`,
      );
      if (workersPid) print(`  integrity after (b1): ${await integrity()}`);
    }

    if (o.b2) {
      print(
        `burst (b2): open-loop arrival, ${o.rate} packages/s for ${o.seconds} s on a fixed schedule (latency from the scheduled launch: queueing included)`,
      );
      type Run = { t: Target; label: string; intake: boolean };
      const runs: Run[] = [
        ...(o.openYardstick
          ? [
              { t: yardstick(Infinity), label: 'minimal', intake: false },
              { t: yardstick(Infinity), label: 'minimal+intake', intake: true },
            ]
          : []),
        { t: vanthu(Infinity), label: 'vanthu', intake: false },
      ];
      for (const { t, label, intake } of runs) {
        let lateMs = 0;
        const send = async (call: (scheduledAt?: number) => Promise<number>) => {
          const r = await openLoop(o.rate, o.seconds, (at) => call(at));
          lateMs = r.lateMs;
          return r.latencies;
        };
        const p = intake ? await withMinimalIntake((drain) => phase(t, send, drain)) : await phase(t, send);
        const n = p.latencies.length;
        const lat = summary(p.latencies);
        const goal = t.thread === b.api ? ` (goal p99 < 100 ms: ${lat.p99 < 100 ? 'met' : 'NOT met'})` : '';
        print(
          `  ${label.padEnd(14)} accept p50 ${lat.p50} ms p99 ${lat.p99} ms max ${round(Math.max(...p.latencies))} ms${goal}; n=${n} in ${round(p.seconds, 1)} s, generator at most ${round(lateMs)} ms late; answers ${JSON.stringify(Object.fromEntries(p.statuses))}`,
        );
        // Whether the tail is a backlog that grows over the arrival (the machine short of CPU) or
        // isolated stalls: p99 by 10-s window of launch time.
        const perWindow = o.rate * 10;
        const windows = Array.from(
          { length: Math.ceil(n / perWindow) },
          (_, w) => summary(p.latencies.slice(w * perWindow, (w + 1) * perWindow)).p99,
        );
        print(`    p99 by 10-s window of arrival: ${windows.join(', ')} ms`);
        print(`    CPU ms per package while arriving: ${perPackage(p.cpu, n)}`);
        if (p.drainedCpu) print(`    CPU ms per package, first POST to every package taken in: ${perPackage(p.drainedCpu, n)}`);
      }
      if (workersPid) print(`  integrity after (b2): ${await integrity()}`);
    }
    const [{ rows }] = await container.sql<{ rows: number }[]>`select count(*)::int as rows from ${container.sql(MINIMAL_INBOUND_TABLE)}`;
    print(`  minimal server: ${rows} rows for the ${minimalSent} packages sent to it`);
  } finally {
    await minimal.stop();
  }
}
