// `npm run bench -- axis [--packages 2000] [--attachment-kb 100] [--hot-after-ms 5000] [--poll-interval-ms 10000] [--workers-nice 0]`:
// the national axis benchmark (issue 15).
// --packages edXML packages (one PDF-sized attachment each, addressed to the demo province) wait at
// the axis emulator (test/integration/axis/emulator.ts, in this process: it verifies every
// request's HMAC and hash-file as in the tests); the job workers (workers/main.ts, its own process,
// the axis connector configured by AXIS_*) drain them into incoming documents. Reports the time from
// the first listing that showed them until every one is an incoming document, packages/s, and CPU ms
// per package by process. While the drain runs (--hot-after-ms after that listing), one hỏa tốc
// package arrives behind them at the axis: the time until it is an incoming document (goal < 2 s).
// Baseline, same run, same packages: a plain download loop (getReceivedEdocList, then getEdoc of
// each, at the connector's concurrency) with the same client: what the transport alone costs.
import { randomBytes } from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import { parseArgs } from 'node:util';
import { createContainer } from '../../src/container.js';
import { QUEUES } from '../../src/jobs/catalog.js';
import { createAxisClient } from '../../src/modules/exchange/axis/axis-client.js';
import { emitEdocPackage } from '../../src/modules/exchange/edxml/index.js';
// The emulator is test code; a bench is a script, not product, so it may use it (the src → test rule is untouched).
import { startAxisEmulator } from '../../test/integration/axis/emulator.js';
import { seedDemoProvince } from '../seed/demo-province.js';
import {
  cpuDelta,
  cpuSnapshot,
  createBenchEnvironment,
  postgresPids,
  print,
  round,
  startWorkerProcess,
  summary,
  type CpuGroup,
  type CpuSnapshot,
  type WorkerProcess,
} from './lib.js';

const SYSTEM_ID = 'vxp.bench.41';
const SENDER = '000.00.00.H99';
const RECIPIENT = '000.00.00.H41';
/** The connector's default concurrency (axis-connector.ts): the baseline downloads as many at once. */
const LANES = 4;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      packages: { type: 'string', default: '2000' },
      'attachment-kb': { type: 'string', default: '100' },
      'hot-after-ms': { type: 'string', default: '5000' },
      'poll-interval-ms': { type: 'string', default: '10000' },
      'workers-nice': { type: 'string', default: '0' },
    },
  });
  const total = Number(values.packages);
  const hotAfterMs = Number(values['hot-after-ms']);
  const secret = randomBytes(32).toString('base64url');

  const emulator = await startAxisEmulator();
  const bench = await createBenchEnvironment('axis', {
    keepDatabase: false,
    extraEnv: {
      AXIS_ENDPOINT: emulator.url,
      AXIS_SYSTEM_ID: SYSTEM_ID,
      AXIS_SECRET: secret,
      AXIS_POLL_INTERVAL_MS: values['poll-interval-ms'],
    },
  });
  const container = createContainer(bench.config, { applicationName: 'vanthu-bench-axis' });
  let workers: WorkerProcess | undefined;
  try {
    await seedDemoProvince({ db: container.db, audit: container.services.audit });
    await container.storage.ensureBucket();
    for (const q of QUEUES) await container.producer.queue(q)?.obliterate({ force: true });
    const codes = (await container.sql<{ code: string }[]>`select code from organizations where code is not null and valid_to is null`).map(
      (r) => r.code,
    );
    emulator.register({ systemId: SYSTEM_ID, secret, agencyCodes: codes });

    // One template stamped with each package's own number (DocumentId, code, subject), as burst.ts does.
    const attachment = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(Number(values['attachment-kb']) * 1024)]);
    const build = async (mark: string, priority: number, subject: string) =>
      buffer(
        emitEdocPackage(
          {
            from: { organId: SENDER, organName: 'Bộ Thử Nghiệm' },
            to: [{ organId: RECIPIENT }],
            code: { number: mark, notation: 'CV-BTN' },
            promulgation: { date: '2026-03-02' },
            documentType: { typeName: 'Công văn' },
            subject,
            otherInfo: { priority },
          },
          [{ name: `cv-${mark}.pdf`, contentType: 'application/pdf', stream: attachment }],
        ),
      );
    const MARK = 'Q7Q7Q7Q';
    const template = await build(MARK, 0, `Công văn qua trục số ${MARK}`);
    const markAt: number[] = [];
    for (let at = template.indexOf(MARK); at >= 0; at = template.indexOf(MARK, at + MARK.length)) markAt.push(at);
    if (markAt.length < 2) throw new Error('the package template does not carry its number');
    const packageOf = (i: number): Buffer => {
      const body = Buffer.from(template);
      for (const at of markAt) body.write(String(i + 1).padStart(MARK.length, '0'), at, 'latin1');
      return body;
    };
    const hotSubject = 'Công điện hỏa tốc qua trục liên thông';
    const hot = await build('9999999', 3, hotSubject);

    for (let i = 0; i < total; i++) emulator.deliver(packageOf(i), { to: RECIPIENT, from: SENDER, owner: SYSTEM_ID });
    const packageBytes = template.length;

    const cpuGroups: CpuGroup[] = [
      { name: 'workers (axis poller + intake)', pids: () => Promise.resolve(workers ? [workers.pid] : []) },
      { name: 'PostgreSQL', pids: postgresPids(container.sql) },
      { name: 'S3 server', pids: bench.s3Pid ? [bench.s3Pid] : [] },
      { name: 'Redis', command: 'redis-server' },
      // This process: the emulator, plus the bench's own polling of the database (small).
      { name: 'emulator (bench process)', pids: [process.pid] },
    ];
    const perPackage = (from: CpuSnapshot, to: CpuSnapshot, n: number) =>
      [...cpuDelta(from, to)].map(([k, ms]) => `${k} ${round(ms / n, 2)}`).join(', ');

    // Baseline: the transport alone, the same client and lanes, nothing acknowledged (the items stay).
    const client = createAxisClient({ endpoint: emulator.url, systemId: SYSTEM_ID, secret, timeoutMs: 30_000 });
    const baselineCpu0 = await cpuSnapshot(cpuGroups);
    const b0 = performance.now();
    const listed = await client.getReceivedEdocList('edoc');
    const latencies: number[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: LANES }, async () => {
        for (let i = next++; i < listed.length; i = next++) {
          const t = performance.now();
          const bytes = await client.getEdoc(listed[i].docId);
          if (bytes.length !== packageBytes) throw new Error(`getEdoc ${listed[i].docId}: ${bytes.length} bytes`);
          latencies.push(performance.now() - t);
        }
      }),
    );
    const baselineSeconds = (performance.now() - b0) / 1000;
    const baselineCpu = perPackage(baselineCpu0, await cpuSnapshot(cpuGroups), listed.length);

    // The connector: the worker process as deployed. The packages are already waiting when it starts.
    const cpu0 = await cpuSnapshot(cpuGroups);
    const requestsBefore = emulator.requests.length;
    workers = await startWorkerProcess(
      bench.env,
      QUEUES.map((q) => container.producer.queue(q)!),
      { nice: Number(values['workers-nice']) },
    );
    // The drain starts at the first listing that shows the backlog (not at the worker's start-up).
    let firstListingAt = 0;
    for (let seen = requestsBefore; !firstListingAt;) {
      for (; seen < emulator.requests.length; seen++) {
        const r = emulator.requests[seen];
        if (r.operation === 'getReceivedEdocList' && r.params.messagetype === 'edoc' && r.verified) firstListingAt = performance.now();
      }
      if (!firstListingAt) await sleep(2);
    }
    const documentsOf = async () =>
      (
        await container.sql<{ n: number }[]>`
          select count(*)::int as n from documents where direction = 'incoming' and issuer_code = ${SENDER}`
      )[0].n;

    // The hỏa tốc package arrives behind the backlog while it drains.
    await sleep(hotAfterMs);
    const before = await documentsOf();
    const hotRequestsFrom = emulator.requests.length;
    const hotItem = emulator.deliver(hot, { to: RECIPIENT, from: SENDER, owner: SYSTEM_ID });
    const hotAt = performance.now();
    let hotMs = 0;
    let documentsThen = 0;
    // Where the hỏa tốc package's time goes: its download (getEdoc) and acknowledgement (updateStatus) as the emulator sees them.
    const hotSteps: Record<string, number> = {};
    let scanned = hotRequestsFrom;
    const scanHot = () => {
      for (; scanned < emulator.requests.length; scanned++) {
        const r = emulator.requests[scanned];
        if (r.params.docId === hotItem.docId && !hotSteps[r.operation]) hotSteps[r.operation] = performance.now() - hotAt;
      }
    };
    const until = Date.now() + 30 * 60_000;
    for (;;) {
      scanHot();
      const [{ n }] = await container.sql<{ n: number }[]>`
        select count(*)::int as n from documents where direction = 'incoming' and subject = ${hotSubject}`;
      if (n > 0) {
        hotMs = performance.now() - hotAt;
        documentsThen = await documentsOf();
        break;
      }
      if (Date.now() > until) throw new Error('the hỏa tốc package never arrived');
      await sleep(10);
    }
    // The acknowledgement may come after the document (an intake run by the poller itself): waited for, briefly.
    for (const ackUntil = Date.now() + 10_000; !hotSteps.updateStatus && Date.now() < ackUntil; await sleep(10)) scanHot();
    let documents = 0;
    while ((documents = await documentsOf()) < total + 1) {
      if (Date.now() > until) throw new Error(`only ${documents}/${total + 1} incoming documents after 30 minutes`);
      await sleep(50);
    }
    const drainSeconds = (performance.now() - firstListingAt) / 1000;
    const cpu = perPackage(cpu0, await cpuSnapshot(cpuGroups), total + 1);
    // The last acknowledgements may follow the last documents by a moment (a document is the intake job's work).
    while (emulator.waiting(SYSTEM_ID, 'edoc').length > 0 && Date.now() < until) await sleep(50);

    const [c] = await container.sql<{ received: number; acknowledged: number; documents: number; doubled: number }[]>`
      select (select count(*)::int from axis_received where state = 'accepted') as received,
             (select count(*)::int from axis_received where acknowledged = 'done') as acknowledged,
             (select count(*)::int from documents where direction = 'incoming' and issuer_code = ${SENDER}) as documents,
             (select count(*)::int from (select subject from documents where direction = 'incoming' and issuer_code = ${SENDER}
                                           group by subject having count(*) > 1) x) as doubled`;
    const rejected = emulator.rejected().length;
    const waiting = emulator.waiting(SYSTEM_ID, 'edoc').length;

    print(
      `axis: ${total} packages (${round(packageBytes / 1024, 1)} KB each, ${values['attachment-kb']} KB attachment) waiting at the emulator; poll interval ${values['poll-interval-ms']} ms; one worker process`,
    );
    const dl = summary(latencies);
    print(
      `  baseline, download loop (list + getEdoc ×${listed.length}, ${LANES} at once): ${round(baselineSeconds, 2)} s, ${round(listed.length / baselineSeconds, 1)} packages/s, getEdoc p50 ${dl.p50} ms p99 ${dl.p99} ms`,
    );
    print(`    CPU ms per package: ${baselineCpu}`);
    print(
      `  connector drain: every package an incoming document ${round(drainSeconds, 2)} s after the first listing showed them: ${round((total + 1) / drainSeconds, 1)} packages/s (${round(baselineSeconds / drainSeconds, 3)} × the download loop's rate)`,
    );
    print(`    CPU ms per package (worker start to drained): ${cpu}`);
    print(
      `  hỏa tốc package arriving ${hotAfterMs} ms into the drain (${before}/${total} documents in): an incoming document after ${round(hotMs)} ms (goal < 2000 ms); ${documentsThen - 1} of the backlog in by then`,
    );
    print(
      `    its getEdoc after ${round(hotSteps.getEdoc ?? NaN)} ms, updateStatus(done) after ${round(hotSteps.updateStatus ?? NaN)} ms (seen at the emulator, 10 ms resolution)`,
    );
    const ok = c.received === total + 1 && c.acknowledged === total + 1 && c.documents === total + 1 && c.doubled === 0 && waiting === 0;
    print(
      `  integrity: ${c.received} accepted, ${c.acknowledged} acknowledged done, ${c.documents} documents, ${c.doubled} doubled, ${waiting} still waiting at the axis, ${rejected} requests failing HMAC → ${ok && rejected === 0 ? 'nothing lost or doubled' : 'MISMATCH'}`,
    );
  } finally {
    await workers?.stop();
    for (const q of QUEUES)
      await container.producer
        .queue(q)
        ?.obliterate({ force: true })
        .catch(() => {});
    await container.close();
    await bench.close();
    await emulator.close();
  }
}
