// `npm run bench -- burst [--parts a,b,c] [--units 3400] [--runs 5] [--backlog 10000]
//   [--packages 3000] [--rounds 3] [--warmup 200] [--concurrency 50] [--attachment-kb 100]
//   [--rate 100] [--seconds 60] [--open-yardstick true] [--workers true] [--workers-nice 10] [--cpu-profile api.cpuprofile]`:
// the issue-5 burst benchmark (part (b) as issue 16 restated it).
// (a) one hỏa tốc directive fanned out to --units recipients of this deployment: time from the
// dispatch request (real HTTP) until every recipient's inbox holds it.
// (b) inbound edXML packages (burst-inbound.ts; `--parts b1` or `b2` runs one half):
//   (b1) the highest accept rate of 100 KB packages from --concurrency clients, in --rounds
//   alternating rounds of --packages/--rounds packages against vanthu's POST /exchange/inbound and a
//   minimal inbound server (minimal-inbound.ts, a yardstick: HMAC check, package PUT with minio,
//   one row): rates, p50/p99, CPU ms per package by process, ratio vanthu/minimal (goal ≥ 0.7);
//   (b2) an open-loop arrival of --rate packages/s for --seconds s (launched on a fixed schedule
//   whatever the answers): accept p50/p99 (goal p99 < 100 ms), the yardstick first at the same
//   schedule, alone and with a minimal intake taking its packages in (minimal-intake.ts), unless
//   --open-yardstick false;
//   both with the integrity check that every package is one receipt and its deliveries and
//   documents exactly once after the workers drain. --warmup packages go to each server unmeasured.
// (c) with --backlog normal-priority delivery jobs queued, a hỏa tốc directive still arrives within 1 s.
// As deployed, the API has its own event loop (a worker thread, api-thread.ts) and the job workers
// their own process (workers/main.ts, at a lower CPU priority: --workers-nice), so neither the load
// generator nor the draining shares the thread that accepts. --cpu-profile writes a V8 profile of the API thread.
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { createContainer } from '../../src/container.js';
import { DEMO_PASSWORD, seedDemoProvince } from '../seed/demo-province.js';
import { seedScale } from '../seed/scale.js';
import type { Container } from '../../src/container.js';
import { JOB_IDS, JOBS, QUEUES } from '../../src/jobs/catalog.js';
import { priorityOfUrgency } from '../../src/modules/outbox/priority.js';
import { startApiThread, type ApiThread } from './api-thread.js';
import { partB } from './burst-inbound.js';
import {
  cpuDelta,
  cpuSnapshot,
  createBenchEnvironment,
  median,
  postgresPids,
  print,
  round,
  startWorkerProcess,
  summary,
  untilQueuesIdle,
  type CpuGroup,
  type WorkerProcess,
} from './lib.js';

async function login(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

type DispatchBench = { container: Container; base: string; token: string; rootId: string };

/** An issued outgoing document of the demo province with one stored PDF (as issuance leaves it). */
async function issuedDocument(container: Container, urgency: 'flash' | 'normal', subject: string): Promise<string> {
  const [{ id: owner }] = await container.sql<
    { id: string }[]
  >`select id from organizations where code = '000.00.00.H41' and valid_to is null`;
  const id = randomUUID();
  const key = `documents/${id}/${randomUUID()}.pdf`;
  const put = await container.storage.putBuffer(key, Buffer.from(`%PDF-1.4\n% ${subject}\n%%EOF\n`), { contentType: 'application/pdf' });
  await container.sql`
    insert into documents (id, direction, owner_organization_id, type_name, number, notation, subject, urgency, status, promulgation_date, search_text)
    values (${id}, 'outgoing', ${owner}, 'Chỉ thị', ${String(Math.floor(Math.random() * 9000) + 1)}, 'CT-UBND', ${subject}, ${urgency}, 'issued', current_date, ${subject.toLowerCase()})`;
  await container.sql`
    insert into document_files (document_id, name, content_type, size, sha256, storage_key, kind)
    values (${id}, 'chi-thi.pdf', 'application/pdf', ${put.size}, ${put.sha256}, ${key}, 'main')`;
  return id;
}

async function dispatch(b: DispatchBench, documentId: string, body: unknown): Promise<{ internal: number }> {
  const res = await fetch(`${b.base}/api/v1/documents/${documentId}/dispatch`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${b.token}` },
    body: JSON.stringify(body),
  });
  if (res.status !== 202) throw new Error(`dispatch: ${res.status} ${await res.text()}`);
  return (await res.json()) as { internal: number };
}

/** Polls (every 5 ms) until `n` deliveries of the document are delivered; returns ms since `t0`. */
async function untilDelivered(container: Container, documentId: string, n: number, t0: number, timeoutMs = 120_000): Promise<number> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const [{ c }] = await container.sql<
      { c: number }[]
    >`select count(*)::int as c from deliveries where document_id = ${documentId} and state = 'delivered'`;
    if (c >= n) return performance.now() - t0;
    if (Date.now() > until) throw new Error(`only ${c}/${n} delivered after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Rows inserted and updated so far in this database's tables (the statistics collector's counters). */
async function rowsWritten(container: Container): Promise<number> {
  // A backend reports its counters at most once a second: wait for the last batch's to arrive.
  await new Promise((r) => setTimeout(r, 1100));
  const [{ n }] = await container.sql<{ n: number }[]>`
    select coalesce(sum(n_tup_ins + n_tup_upd), 0)::float8 as n from pg_stat_user_tables where schemaname = 'public'`;
  return n;
}

/**
 * (a) One hỏa tốc directive to every unit under the scale root, `runs` times (a new directive
 * each time): the time until every inbox has it (median), CPU per delivery by process, rows written
 * per delivery, and the same number of rows written by one plain INSERT … SELECT (the floor).
 */
async function partA(b: DispatchBench & { units: number; runs: number; cpuGroups: CpuGroup[] }): Promise<void> {
  const accepted: number[] = [];
  const everyInbox: number[] = [];
  const cpu = new Map<string, number[]>();
  const rowsPerDelivery: number[] = [];
  let recipients = 0;
  for (let run = 0; run < b.runs; run++) {
    const documentId = await issuedDocument(b.container, 'flash', `Chỉ thị hỏa tốc về ứng phó bão số ${run + 1}`);
    const rowsBefore = await rowsWritten(b.container);
    const cpuBefore = await cpuSnapshot(b.cpuGroups);
    const t0 = performance.now();
    const { internal } = await dispatch(b, documentId, { selector: { underOrganizationId: b.rootId } });
    accepted.push(performance.now() - t0);
    everyInbox.push(await untilDelivered(b.container, documentId, internal, t0));
    for (const [name, ms] of cpuDelta(cpuBefore, await cpuSnapshot(b.cpuGroups))) cpu.set(name, [...(cpu.get(name) ?? []), ms / internal]);
    rowsPerDelivery.push(((await rowsWritten(b.container)) - rowsBefore) / internal);
    recipients = internal;
    const [c] = await b.container.sql<{ documents: number; owners: number; files: number }[]>`
      select count(*)::int as documents, count(distinct d.owner_organization_id)::int as owners,
             (select count(*)::int from document_files f join deliveries x on x.recipient_document_id = f.document_id where x.document_id = ${documentId}) as files
        from documents d join deliveries dl on dl.recipient_document_id = d.id where dl.document_id = ${documentId}`;
    if (c.documents !== internal || c.owners !== internal || c.files !== internal)
      throw new Error(`run ${run + 1}: ${c.documents} documents in ${c.owners} organisations, ${c.files} files for ${internal} recipients`);
    print(`  run ${run + 1}: answered ${round(accepted[run])} ms, every inbox ${round(everyInbox[run])} ms`);
    await printFanOutTimeline(b.container, documentId, t0);
  }
  const rows = median(rowsPerDelivery);
  const plain = await plainInsertSelect(b.container, Math.round(rows * recipients));
  print(
    `burst (a): one hỏa tốc directive fanned out to ${recipients} recipients in this deployment, ${b.runs} runs (HTTP dispatch; API thread, worker process)`,
  );
  print(`  dispatch request answered in ${round(median(accepted))} ms median (${recipients} deliveries + outbox rows in one transaction)`);
  print(
    `  every inbox has it after ${round(median(everyInbox))} ms median (runs ${everyInbox.map((x) => round(x, 0)).join(', ')}; goal < 1000 ms): ${round(recipients / (median(everyInbox) / 1000), 0)} deliveries/s`,
  );
  print(`  rows written per delivery: ${round(rows, 2)} (inserted + updated, all tables)`);
  print(
    `  the same ${Math.round(rows * recipients)} rows by one plain INSERT … SELECT: ${round(plain)} ms → the fan-out runs at ${round(plain / median(everyInbox), 3)} of that rate`,
  );
  print(`  CPU ms per delivery (median of runs): ${[...cpu].map(([k, xs]) => `${k} ${round(median(xs), 3)}`).join(', ')}`);
}

/** One INSERT … SELECT of `n` rows shaped like incoming documents into a scratch table without indexes; ms. */
async function plainInsertSelect(container: Container, n: number): Promise<number> {
  await container.sql`drop table if exists bench_plain_insert`;
  await container.sql`create table bench_plain_insert (like documents including defaults)`;
  const [src] = await container.sql<{ id: string }[]>`select id from documents limit 1`;
  const t = performance.now();
  await container.sql`
    insert into bench_plain_insert (id, direction, owner_organization_id, type_name, subject, urgency, status, search_text)
    select gen_random_uuid(), 'incoming', d.owner_organization_id, d.type_name, d.subject, d.urgency, 'received', d.search_text
      from documents d, generate_series(1, ${n}::int) where d.id = ${src.id}`;
  const ms = performance.now() - t;
  await container.sql`drop table bench_plain_insert`;
  return ms;
}

/**
 * Where part (a)'s time went: when the dispatch's outbox rows were written, published to BullMQ
 * and completed, and how long each batch job ran (BullMQ's processedOn → finishedOn), in ms after
 * the dispatch request was sent (wall clocks of one machine).
 */
async function printFanOutTimeline(container: Container, documentId: string, t0: number): Promise<void> {
  const origin = Date.now() - (performance.now() - t0);
  const rows = await container.sql<{ job_id: string; created: number; published: number | null; completed: number | null }[]>`
    select job_id, extract(epoch from created_at)::float8 * 1000 as created, extract(epoch from published_at)::float8 * 1000 as published,
           extract(epoch from completed_at)::float8 * 1000 as completed
      from outbox where name = 'exchange.deliver-internal' and payload->>'documentId' = ${documentId}`;
  const queue = container.producer.queue(JOBS['exchange.deliver-internal'].queue)!;
  const jobs = (await Promise.all(rows.map((r) => queue.getJob(r.job_id))))
    .filter((j) => j?.processedOn && j.finishedOn)
    .map((j) => ({ processedOn: j!.processedOn!, finishedOn: j!.finishedOn! }));
  const at = (ms: number | null | undefined) => (ms == null ? NaN : round(ms - origin));
  const span = (xs: number[]) => `${Math.min(...xs)}–${Math.max(...xs)} ms`;
  print(
    `  timeline (${rows.length} batch jobs): outbox rows written at ${span(rows.map((r) => at(r.created)))}, published ${span(rows.map((r) => at(r.published)))}, ` +
      `jobs started ${span(jobs.map((j) => at(j.processedOn)))}, finished ${span(jobs.map((j) => at(j.finishedOn)))}, completed in PostgreSQL ${span(rows.map((r) => at(r.completed)))}`,
  );
  const runs = jobs.map((j) => j.finishedOn - j.processedOn);
  print(`  one batch job runs ${JSON.stringify(summary(runs))} ms (${jobs.length} jobs, worker concurrency as deployed)`);
}

/**
 * (c) `backlog` normal-priority delivery jobs (each one real incoming document) queued in the
 * fan-out queue, then a hỏa tốc directive: time until it arrives, and how much backlog it overtook.
 */
async function partC(b: DispatchBench & { backlog: number }): Promise<void> {
  const queue = b.container.producer.queue(JOBS['exchange.deliver-internal'].queue)!;
  const units = await b.container.sql<
    { id: string }[]
  >`select o.id from organizations o, organizations r where r.id = ${b.rootId} and o.path <@ r.path and o.id <> r.id order by o.id`;
  // Normal documents × units until the backlog size is reached; deliveries written directly, jobs
  // added straight to the queue (one delivery per job: the worst case for the queue).
  const jobs: { name: string; data: { documentId: string; deliveryIds: string[] }; opts: { jobId: string; priority: number } }[] = [];
  for (let k = 0; jobs.length < b.backlog; k++) {
    const documentId = await issuedDocument(b.container, 'normal', `Công văn thường số ${k + 1}`);
    const ids = await b.container.sql<{ id: string }[]>`
      insert into deliveries (document_id, sender_organization_id, kind, recipient_organization_id, recipient_name, edxml_document_id)
      select ${documentId}, (select owner_organization_id from documents where id = ${documentId}), 'internal', o.id, o.name, ${`bench-${documentId}`}
        from organizations o where o.id = any(${units.slice(0, b.backlog - jobs.length).map((u) => u.id)}::uuid[])
      returning id`;
    for (const { id } of ids)
      jobs.push({
        name: 'exchange.deliver-internal',
        data: { documentId, deliveryIds: [id] },
        opts: { jobId: JOB_IDS.deliverInternal(id), priority: priorityOfUrgency('normal') },
      });
  }
  for (let i = 0; i < jobs.length; i += 1000) await queue.addBulk(jobs.slice(i, i + 1000));
  const waitingBefore = await queue.getJobCountByTypes('waiting', 'prioritized', 'wait');

  const recipients = units.slice(0, 100).map((u) => ({ organizationId: u.id }));
  const documentId = await issuedDocument(b.container, 'flash', 'Công điện hỏa tốc');
  const t0 = performance.now();
  await dispatch(b, documentId, { recipients });
  const first = await untilDelivered(b.container, documentId, 1, t0);
  const all = await untilDelivered(b.container, documentId, recipients.length, t0);
  const waitingAfter = await queue.getJobCountByTypes('waiting', 'prioritized', 'wait');
  print(`burst (c): ${jobs.length} normal-priority delivery jobs queued (${waitingBefore} waiting when the directive was sent)`);
  print(
    `  hỏa tốc directive to ${recipients.length} units: first inbox after ${round(first)} ms, all ${recipients.length} after ${round(all)} ms (goal < 1000 ms); ${waitingAfter} normal jobs still waiting then`,
  );
  // Let the backlog drain so the run ends clean (and count that it all arrived once).
  const until = Date.now() + 10 * 60_000;
  while ((await queue.getJobCountByTypes('waiting', 'prioritized', 'wait', 'active')) > 0 && Date.now() < until)
    await new Promise((r) => setTimeout(r, 200));
  const [c] = await b.container.sql<{ pending: number; doubled: number }[]>`
    select (select count(*)::int from deliveries where state <> 'delivered') as pending,
           (select count(*)::int from documents d
             where d.direction = 'incoming' and d.issuer_organization_id is not null
               and not exists (select 1 from deliveries dl where dl.recipient_document_id = d.id)) as doubled`;
  print(`  backlog drained: ${c.pending} deliveries undelivered, ${c.doubled} doubled`);
}

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      packages: { type: 'string', default: '3000' },
      rounds: { type: 'string', default: '3' },
      warmup: { type: 'string', default: '200' },
      rate: { type: 'string', default: '100' },
      seconds: { type: 'string', default: '60' },
      'open-yardstick': { type: 'string', default: 'true' },
      'cpu-profile': { type: 'string' },
      concurrency: { type: 'string', default: '50' },
      'attachment-kb': { type: 'string', default: '100' },
      workers: { type: 'string', default: 'true' },
      'workers-nice': { type: 'string', default: '10' },
      parts: { type: 'string', default: 'a,b,c' },
      units: { type: 'string', default: '3400' },
      runs: { type: 'string', default: '5' },
      backlog: { type: 'string', default: '10000' },
    },
  });
  const parts = new Set(values.parts.split(',').map((x) => x.trim()));
  const withWorkers = values.workers !== 'false';
  const env = await createBenchEnvironment('burst', { extraEnv: { DATABASE_POOL_MAX: '30' } });
  const container = createContainer(env.config, { applicationName: 'vanthu-bench-burst' });
  let api: ApiThread | undefined;
  let workers: WorkerProcess | undefined;
  try {
    await seedDemoProvince({ db: container.db, audit: container.services.audit });
    const scale =
      parts.has('a') || parts.has('c')
        ? await seedScale({ db: container.db, audit: container.services.audit }, { units: Number(values.units) + 1, users: 0 })
        : null;
    if (scale && scale.units < Number(values.units) + 1) {
      // seedScale rounds its tree shape: top up with units directly under the root to exactly --units.
      await container.sql`
        insert into organizations (id, parent_id, path, name, level, abbreviation)
        select g.id, r.id, r.path || replace(g.id::text, '-', '')::ltree, 'Đơn vị bổ sung ' || g.n, 'division', 'DV'
          from organizations r, (select gen_random_uuid() as id, n from generate_series(1, ${Number(values.units) + 1 - scale.units}::int) n) g
         where r.id = ${scale.rootId}`;
    }
    await container.storage.ensureBucket();
    for (const q of QUEUES) await container.producer.queue(q)?.obliterate({ force: true });

    api = await startApiThread({ env: env.env, poolMax: 30, cpuProfile: values['cpu-profile'] });
    const base = api.address;

    const ensureWorkers = async (): Promise<WorkerProcess> =>
      (workers ??= await startWorkerProcess(
        env.env,
        QUEUES.map((q) => container.producer.queue(q)!),
        { nice: Number(values['workers-nice']) },
      ));

    if (parts.has('b') || parts.has('b1') || parts.has('b2'))
      await partB({
        container,
        env,
        api,
        ensureWorkers: async () => (withWorkers ? (await ensureWorkers()).pid : undefined),
        options: {
          b1: parts.has('b') || parts.has('b1'),
          b2: parts.has('b') || parts.has('b2'),
          packages: Number(values.packages),
          rounds: Number(values.rounds),
          warmup: Number(values.warmup),
          clients: Number(values.concurrency),
          attachmentKb: Number(values['attachment-kb']),
          rate: Number(values.rate),
          seconds: Number(values.seconds),
          openYardstick: values['open-yardstick'] !== 'false',
          workersNice: Number(values['workers-nice']),
        },
      });

    if (scale && (parts.has('a') || parts.has('c'))) {
      await ensureWorkers();
      // (a) and (c) start from a quiet system: the jobs (b)'s burst caused finish first.
      if (parts.has('b') || parts.has('b1') || parts.has('b2')) {
        const settling = performance.now();
        const busy = await untilQueuesIdle(QUEUES.map((q) => container.producer.queue(q)!));
        if (busy > 0)
          print(`  (before (a)/(c): ${busy} jobs left by (b) finished after ${round((performance.now() - settling) / 1000, 1)} s)`);
      }
      const token = await login(base, 'province.clerk');
      const cpuGroups: CpuGroup[] = [
        { name: 'API thread', threads: [api.thread] },
        { name: 'workers', pids: workers ? [workers.pid] : [] },
        { name: 'PostgreSQL', pids: postgresPids(container.sql) },
        { name: 'Redis', command: 'redis-server' },
      ];
      if (parts.has('a'))
        await partA({ container, base, token, rootId: scale.rootId, units: Number(values.units), runs: Number(values.runs), cpuGroups });
      if (parts.has('c')) await partC({ container, base, token, rootId: scale.rootId, backlog: Number(values.backlog) });
    }
  } finally {
    await workers?.stop();
    await api?.stop();
    // The bench's queues live in the shared Redis under their own prefix: leave nothing behind.
    for (const q of QUEUES)
      await container.producer
        .queue(q)
        ?.obliterate({ force: true })
        .catch(() => {});
    await container.close();
    await env.close();
  }
}
