/**
 * Intake benchmark: 100 KB PDFs uploaded through the real HTTP API (POST /documents, multipart,
 * N concurrent clients, the job workers running as deployed and verifying every arriving PDF), through
 * a minimal server on the same stack (minimal-server.ts, a yardstick) and PUT straight to S3 with the
 * minio client, at the same concurrency, in alternating rounds of the same run. Prints files/s, MB/s,
 * p50/p99 latency, CPU per upload by process and the ratios vanthu/minimal (goal >= 0.7) and
 * vanthu/direct. Then the list query on a large table: one organisation with many documents.
 *
 *   npm run bench -- intake [--seconds 10] [--concurrency 16] [--size 102400] [--rounds 2] [--workers true] [--list-rows 200000] [--async-commit] [--skip-audit] [--cpu-profile api.cpuprofile] [--trace]
 *
 * Uses its own database vanthu_bench_intake; without S3_ENDPOINT it runs the local S3 server in a
 * child process, so the server's work is not charged to the API process in one phase only. Both
 * sides use the same concurrency and the same client settings (a keep-alive http.Agent with one
 * socket per loop, bytes prepared once), so the comparison is the server work, not the load
 * generator. --trace prints where an upload's time goes inside the API (auth, storage,
 * transaction); the run ends by verifying the audit chain the concurrent uploads appended to.
 */
import http from 'node:http';
import { randomBytes, randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { Client } from 'minio';
import postgres from 'postgres';
import { createContainer } from '../../src/container.js';
import { DEMO_PASSWORD, seedDemoProvince } from '../seed/demo-province.js';
import { startApiThread, type ApiThread } from './api-thread.js';
import { QUEUES } from '../../src/jobs/catalog.js';
import { createTokenSigner } from '../../src/modules/auth/tokens.js';
import { startMinimalServerThread } from './minimal-server.js';
import {
  cpuDelta,
  cpuSnapshot,
  createBenchEnvironment,
  percentile,
  postgresPids,
  print,
  round,
  startWorkerProcess,
  type CpuGroup,
  type WorkerProcess,
} from './lib.js';

type Phase = {
  files: number;
  bytes: number;
  seconds: number;
  latencies: number[];
  errors: number;
  clientElu: number;
  serverElu: number;
  cpu: Map<string, number>;
};

/** Bytes the API accepts as a PDF (its type is sniffed from the header), padded with incompressible filler. */
function pdfOfSize(size: number): Buffer {
  const head = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> stream\n', 'latin1');
  const tail = Buffer.from('\nendstream endobj\ntrailer <<>>\n%%EOF\n');
  return Buffer.concat([head, randomBytes(size - head.length - tail.length), tail]);
}

/** Runs `task` from `concurrency` loops until `seconds` have passed; latencies in ms. */
async function load(
  concurrency: number,
  seconds: number,
  size: number,
  task: (i: number) => Promise<boolean>,
  server: ApiThread,
  cpuGroups: CpuGroup[],
  settle: () => Promise<unknown> = async () => {},
): Promise<Phase> {
  const cpu0 = await cpuSnapshot(cpuGroups);
  const elu0 = performance.eventLoopUtilization();
  const serverElu0 = await server.elu();
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const start = performance.now();
  const deadline = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const t = performance.now();
        const ok = await task(next++).catch(() => false);
        if (ok) latencies.push(performance.now() - t);
        else errors++;
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  const clientElu = performance.eventLoopUtilization(elu0).utilization * elapsed;
  const serverElu = performance.eventLoopUtilization(await server.elu(), serverElu0).utilization * elapsed;
  // The jobs these uploads caused (verification of each PDF) are charged to them, not to the next phase.
  await settle();
  const cpu = cpuDelta(cpu0, await cpuSnapshot(cpuGroups));
  return { files: latencies.length, bytes: latencies.length * size, seconds: elapsed, latencies, errors, clientElu, serverElu, cpu };
}

function merge(phases: Phase[]): Phase {
  return phases.reduce((a, b) => ({
    files: a.files + b.files,
    bytes: a.bytes + b.bytes,
    seconds: a.seconds + b.seconds,
    latencies: [...a.latencies, ...b.latencies],
    errors: a.errors + b.errors,
    clientElu: a.clientElu + b.clientElu,
    serverElu: a.serverElu + b.serverElu,
    cpu: new Map([...a.cpu].map(([k, v]) => [k, v + (b.cpu.get(k) ?? 0)])),
  }));
}

const describePhase = (name: string, p: Phase) =>
  `${name.padEnd(8)} ${round(p.files / p.seconds, 1)
    .toString()
    .padStart(8)} files/s ${round(p.bytes / p.seconds / 1e6, 2)
    .toString()
    .padStart(7)} MB/s` +
  `   p50 ${round(percentile(p.latencies, 50), 1)} ms   p99 ${round(percentile(p.latencies, 99), 1)} ms   (${p.files} files, ${p.errors} errors;` +
  ` event loop busy: client ${round((100 * p.clientElu) / p.seconds, 0)}%, API ${round((100 * p.serverElu) / p.seconds, 0)}%)` +
  `\n${' '.repeat(9)}CPU ms per file: ${[...p.cpu].map(([k, v]) => `${k} ${round(v / Math.max(1, p.files), 2)}`).join(', ')}`;

/** Times the list query of several callers on a table grown to `rows` documents, with its plan. */
async function listPhase(sql: postgres.Sql, request: (as: string, url: string) => Promise<number>, rows: number) {
  const [province] = await sql<{ id: string }[]>`select id from organizations where parent_id is null`;
  const orgs = await sql<{ id: string }[]>`select id from organizations`;
  // Half the rows in the province itself (one organisation with many documents), the rest spread.
  await sql`
    insert into documents (direction, owner_organization_id, type_name, subject, search_text, created_at)
    select 'incoming',
           case when g % 2 = 0 then ${province.id}::uuid else (${sql.array(orgs.map((o) => o.id))}::uuid[])[1 + (g % ${orgs.length})] end,
           'Công văn', 'Công văn số ' || g || ' về việc ' || (array['quyết định đầu tư','kế hoạch phòng chống thiên tai','báo cáo tài chính','giấy mời họp'])[1 + g % 4],
           'cong van so ' || g || ' ve viec ' || (array['quyet dinh dau tu','ke hoach phong chong thien tai','bao cao tai chinh','giay moi hop'])[1 + g % 4],
           now() - (g || ' seconds')::interval
      from generate_series(1, ${rows}) g`;
  await sql`analyze documents`;

  const cases: [string, string][] = [
    ['province.clerk', '/api/v1/documents?limit=50'],
    ['province.clerk', `/api/v1/documents?limit=50&q=${encodeURIComponent('thiên tai')}`],
    ['province.clerk', `/api/v1/documents?limit=50&q=${encodeURIComponent('so 12345 ')}`],
    ['province.leader', '/api/v1/documents?limit=50'],
    ['district.clerk', '/api/v1/documents?limit=50'],
    ['commune.clerk', '/api/v1/documents?limit=50&q=giay%20moi'],
  ];
  print(`\nlist on ${rows.toLocaleString('en')} extra documents (median of 20 after 3 warm-ups):`);
  for (const [as, url] of cases) {
    for (let i = 0; i < 3; i++) await request(as, url);
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t = performance.now();
      const status = await request(as, url);
      if (status !== 200) throw new Error(`${url} as ${as}: ${status}`);
      times.push(performance.now() - t);
    }
    print(
      `  ${as.padEnd(16)} ${url.replace('/api/v1/documents', '').padEnd(48)} p50 ${round(percentile(times, 50), 1)} ms  p99 ${round(percentile(times, 99), 1)} ms`,
    );
  }
}

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      seconds: { type: 'string', default: '10' },
      concurrency: { type: 'string', default: '16' },
      size: { type: 'string', default: String(100 * 1024) },
      rounds: { type: 'string', default: '2' },
      'list-rows': { type: 'string', default: '200000' },
      // Diagnostic only: shows how much of the API's time is the commit's WAL flush (synchronous_commit=off).
      'async-commit': { type: 'boolean', default: false },
      // Diagnostic only: no audit rows (so no chain links at commit) for the uploads through the API.
      'skip-audit': { type: 'boolean', default: false },
      'cpu-profile': { type: 'string' },
      // Diagnostic only: wall time of auth, storage and the transaction inside the API.
      trace: { type: 'boolean', default: false },
      // The job workers as deployed (their own process, verifying every arriving PDF).
      workers: { type: 'string', default: 'true' },
    },
  });
  const seconds = Number(values.seconds);
  const concurrency = Number(values.concurrency);
  const size = Number(values.size);
  const rounds = Number(values.rounds);
  const listRows = Number(values['list-rows']);

  const bench = await createBenchEnvironment('intake', {
    extraEnv: { S3_BUCKET: 'bench-intake' },
    databaseSettings: values['async-commit'] ? { synchronous_commit: 'off' } : {},
    keepDatabase: false,
  });
  const { config, env } = bench;
  const container = createContainer(config, { applicationName: 'vanthu-bench-intake' });
  let api: ApiThread | undefined;
  let minimal: ApiThread | undefined;
  let workers: WorkerProcess | undefined;
  try {
    await container.storage.ensureBucket();
    await seedDemoProvince({ db: container.db, audit: container.services.audit });
    // Enough connections for the concurrent uploads plus the auth lookups.
    api = await startApiThread({
      env,
      poolMax: Math.max(config.db.poolMax, concurrency + 4),
      skipAudit: values['skip-audit'],
      cpuProfile: values['cpu-profile'],
      trace: values.trace,
    });
    const { address } = api;
    const queues = QUEUES.map((q) => container.producer.queue(q)!);
    if (values.workers !== 'false') workers = await startWorkerProcess(env, queues);
    const [province] = await container.sql<{ id: string }[]>`select id from organizations where parent_id is null`;
    const minimalSecret = randomUUID();
    minimal = await startMinimalServerThread({
      databaseUrl: bench.databaseUrl,
      poolMax: concurrency + 4,
      tokenSecret: minimalSecret,
      ownerOrganizationId: province.id,
      s3: { ...config.storage },
    });
    const minimalToken = createTokenSigner({ secret: minimalSecret, ttlSeconds: 3600 }).issue(randomUUID(), 0).token;

    const login = async (username: string): Promise<string> => {
      const res = await fetch(`${address}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: DEMO_PASSWORD }),
      });
      return ((await res.json()) as { accessToken: string }).accessToken;
    };
    const tokens = new Map<string, string>();
    for (const u of ['province.clerk', 'province.leader', 'district.clerk', 'commune.clerk']) tokens.set(u, await login(u));
    const clerkToken = tokens.get('province.clerk')!;

    const pdf = pdfOfSize(size);
    const metadata = JSON.stringify({
      direction: 'incoming',
      type: 'Công văn',
      subject: 'Công văn về việc kiểm tra hiệu năng tiếp nhận',
      issuerName: 'Bộ Nội vụ',
    });

    // Both sides use the same client settings: one keep-alive agent each, as many sockets as
    // concurrent loops, and bytes prepared once (the multipart body is built here, not per request,
    // so the load generator costs about as little per upload as the direct side's client).
    const agentOptions: http.AgentOptions = { keepAlive: true, maxSockets: concurrency };
    const apiAgent = new http.Agent(agentOptions);
    const s3Agent = new http.Agent(agentOptions);
    const boundary = `vanthu-bench-${randomUUID()}`;
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="metadata"\r\n\r\n${metadata}\r\n`),
      Buffer.from(
        `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="cong-van.pdf"\r\ncontent-type: application/pdf\r\n\r\n`,
      ),
      pdf,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const minimalAgent = new http.Agent(agentOptions);
    const upload = (url: URL, agent: http.Agent, token: string): Promise<boolean> =>
      new Promise((resolve, reject) => {
        const req = http.request(
          {
            agent,
            host: url.hostname,
            port: url.port,
            path: url.pathname,
            method: 'POST',
            headers: {
              authorization: `Bearer ${token}`,
              'content-type': `multipart/form-data; boundary=${boundary}`,
              'content-length': body.length,
            },
          },
          (res) => {
            res.resume();
            res.once('end', () => resolve(res.statusCode === 201));
            res.once('error', reject);
          },
        );
        req.once('error', reject);
        req.end(body);
      });
    const apiUrl = new URL(`${address}/api/v1/documents`);
    const viaApi = () => upload(apiUrl, apiAgent, clerkToken);
    const minimalUrl = new URL(`${minimal.address}/upload`);
    const viaMinimal = () => upload(minimalUrl, minimalAgent, minimalToken);

    const s = config.storage;
    const minio = new Client({
      endPoint: s.endPoint,
      port: s.port,
      useSSL: s.useSSL,
      accessKey: s.accessKey,
      secretKey: s.secretKey,
      region: s.region,
      pathStyle: true,
      partSize: s.partSize,
      transportAgent: s3Agent,
    });
    const direct = async (): Promise<boolean> => {
      await minio.putObject(s.bucket, `bench-direct/${randomUUID()}`, pdf, pdf.length, { 'Content-Type': 'application/pdf' });
      return true;
    };

    // Where each upload spends the machine's CPU (the bench process minus the API thread is the client).
    const cpuGroups: CpuGroup[] = [
      { name: 'API thread', threads: [api.thread] },
      { name: 'minimal server thread', threads: [minimal.thread] },
      // Both servers run as threads of the bench process: the rest is the client and the runtime's helper threads.
      { name: 'bench process', pids: [process.pid], minusThreads: [api.thread, minimal.thread] },
      { name: 'workers', pids: workers ? [workers.pid] : [] },
      { name: 'S3 server', pids: bench.s3Pid ? [bench.s3Pid] : [] },
      { name: 'PostgreSQL', pids: postgresPids(container.sql) },
      { name: 'Redis', command: 'redis-server' },
    ];
    // A vanthu phase ends when the workers have done the jobs it caused (every outbox row completed).
    const settle = async () => {
      for (const until = Date.now() + 10 * 60_000; Date.now() < until; await new Promise((r) => setTimeout(r, 100))) {
        const [{ open }] = await container.sql<{ open: number }[]>`select count(*)::int as open from outbox where completed_at is null`;
        if (open === 0 || !workers) return;
      }
    };
    const phase = (task: () => Promise<boolean>, s: number, server: ApiThread = api!, after?: () => Promise<unknown>) =>
      load(concurrency, s, size, task, server, cpuGroups, after);
    const apiPhase = (s: number) => phase(viaApi, s, api!, settle);
    const minimalPhase = (s: number) => phase(viaMinimal, s, minimal!);

    // Warm-up of the three paths (JIT, connection pools, prepared statements).
    await apiPhase(2);
    await minimalPhase(2);
    await phase(direct, 2);

    // Alternating rounds so that drift (disk cache, GC) affects both sides alike.
    await api.trace(); // forgets the warm-up's spans
    const viaApiPhases: Phase[] = [];
    const minimalPhases: Phase[] = [];
    const directPhases: Phase[] = [];
    for (let r = 0; r < rounds; r++) {
      viaApiPhases.push(await apiPhase(seconds / rounds));
      minimalPhases.push(await minimalPhase(seconds / rounds));
      directPhases.push(await phase(direct, seconds / rounds));
    }
    const a = merge(viaApiPhases);
    const m = merge(minimalPhases);
    const d = merge(directPhases);
    const rate = (p: Phase) => p.files / p.seconds;
    print(
      `intake of ${round(size / 1024, 1)} KB PDFs, concurrency ${concurrency}, ${seconds} s per side (${rounds} alternating rounds)${values['async-commit'] ? ' [DIAGNOSTIC: synchronous_commit=off]' : ''}${values['skip-audit'] ? ' [DIAGNOSTIC: no audit rows]' : ''}:`,
    );
    print(describePhase('API', a));
    print(describePhase('minimal', m));
    print(describePhase('direct', d));
    print(
      `ratios: vanthu/minimal ${round(rate(a) / rate(m), 3)} (goal >= 0.7), vanthu/direct ${round(rate(a) / rate(d), 3)}, minimal/direct ${round(rate(m) / rate(d), 3)}; machine load average (1/5/15 min): ${loadavg()
        .map((l) => round(l, 2))
        .join(' ')}`,
    );
    // When the machine's CPU limits both sides, the rates' ratio tends to the inverse ratio of what
    // each file costs in CPU on each side (every process counted).
    const cpuPerFile = (p: Phase) => [...p.cpu.values()].reduce((x, y) => x + y, 0) / Math.max(1, p.files);
    print(
      `CPU per file, every process: API path ${round(cpuPerFile(a), 2)} ms, direct ${round(cpuPerFile(d), 2)} ms; their ratio ${round(cpuPerFile(d) / cpuPerFile(a), 3)} is where the rates' ratio tends when the CPU limits both sides`,
    );
    if (values.trace) {
      for (const t of await api.trace())
        print(`  [trace] ${t.name.padEnd(24)} n ${t.n}  mean ${round(t.mean, 1)} ms  p50 ${round(t.p50, 1)} ms  p99 ${round(t.p99, 1)} ms`);
    }

    const [{ n }] = await container.sql<{ n: number }[]>`select count(*)::int as n from documents`;
    // The uploads appended to the audit chain from many connections at once: it must still verify.
    const chain = await container.services.audit.verifyChain();
    print(
      `documents stored: ${n}; audit chain ${chain.ok ? `verified (${chain.checked} events)` : `BROKEN at ${chain.firstBrokenId}: ${chain.reason}`}`,
    );
    if (!chain.ok) throw new Error('the audit chain does not verify after the intake');

    if (listRows > 0) {
      await listPhase(
        container.sql,
        async (as, url) => {
          const res = await fetch(`${address}${url}`, { headers: { authorization: `Bearer ${tokens.get(as)!}` } });
          await res.arrayBuffer();
          return res.status;
        },
        listRows,
      );
    }
  } finally {
    await workers?.stop();
    await minimal?.stop();
    await api?.stop();
    await container.close();
    await bench.close();
  }
}
