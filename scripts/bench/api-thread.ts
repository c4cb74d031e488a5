/**
 * The API for benchmarks, as deployed: its own event loop (a worker thread of the bench process),
 * listening on a free port, so the load generator and the job workers do not share its thread.
 * Diagnostics: --cpu-profile (a V8 profile of the API thread), --trace (wall time of auth, storage
 * and transactions inside a request), --skip-audit (measures what audit rows cost); `thread` names
 * the thread's /proc entry so a bench can read the API's own CPU time.
 */
import { Session } from 'node:inspector/promises';
import { readlinkSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { createContainer } from '../../src/container.js';
import { percentile } from './lib.js';

const SELF = fileURLToPath(import.meta.url);

type ServerJob = {
  kind: 'vanthu-bench-api';
  env: Record<string, string | undefined>;
  poolMax: number;
  skipAudit?: boolean;
  cpuProfile?: string;
  trace?: boolean;
};

/** --trace: wall time of each stage of an upload inside the API, to find where a request waits. */
function traced<A extends unknown[], R>(
  spans: Map<string, number[]>,
  name: string,
  fn: (...args: A) => Promise<R>,
): (...args: A) => Promise<R> {
  return async (...args: A) => {
    const t = performance.now();
    try {
      return await fn(...args);
    } finally {
      const list = spans.get(name) ?? [];
      list.push(performance.now() - t);
      spans.set(name, list);
    }
  };
}

/** Worker body: the API as deployed (own event loop), listening on a free port until told to stop. */
async function serve(job: ServerJob): Promise<void> {
  const config: Readonly<Config> = loadConfig(job.env);
  const container = createContainer({ ...config, db: { ...config.db, poolMax: job.poolMax } }, { applicationName: 'vanthu-bench-api' });
  // Diagnostic only (--skip-audit): measures what audit rows and their chain links at commit cost the intake.
  if (job.skipAudit) Object.assign(container.services.audit, { record: async () => undefined });
  const spans = new Map<string, number[]>();
  if (job.trace) {
    const { storage, db, services } = container;
    Object.assign(storage, { putStream: traced(spans, 'storage.putStream', storage.putStream.bind(storage)) });
    Object.assign(db, { transaction: traced(spans, 'db.transaction', db.transaction.bind(db)) });
    Object.assign(services.users, { authenticate: traced(spans, 'auth', services.users.authenticate.bind(services.users)) });
  }
  const app = await buildApp(container, { logger: false });
  if (job.trace) {
    const started = new WeakMap<object, number>();
    app.addHook('onRequest', async (req) => void started.set(req, performance.now()));
    app.addHook('preHandler', async (req) => {
      const t = started.get(req);
      if (t !== undefined) spans.set('onRequest→handler', [...(spans.get('onRequest→handler') ?? []), performance.now() - t]);
    });
    app.addHook('onResponse', async (req) => {
      const t = started.get(req);
      if (t !== undefined) spans.set('request (server side)', [...(spans.get('request (server side)') ?? []), performance.now() - t]);
    });
  }
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  // --cpu-profile <file>: a V8 profile of the API thread only, from start to stop.
  const profiler = job.cpuProfile ? new Session() : undefined;
  if (profiler) {
    profiler.connect();
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.start');
  }
  parentPort?.on('message', async (msg: unknown) => {
    if (msg === 'stop' && profiler && job.cpuProfile)
      writeFileSync(job.cpuProfile, JSON.stringify((await profiler.post('Profiler.stop')).profile));
    if (msg === 'elu') parentPort?.postMessage({ elu: performance.eventLoopUtilization() });
    if (msg === 'trace') {
      parentPort?.postMessage({
        trace: [...spans].map(([name, ms]) => ({
          name,
          n: ms.length,
          p50: percentile(ms, 50),
          p99: percentile(ms, 99),
          mean: ms.reduce((a, b) => a + b, 0) / ms.length,
        })),
      });
      spans.clear();
    }
    if (msg !== 'stop') return;
    void app
      .close()
      .then(() => container.close())
      .then(() => parentPort?.postMessage('stopped'));
  });
  // "/proc/thread-self" names this thread's /proc entry, so the bench can read the API's own CPU time.
  parentPort?.postMessage({ address, thread: readlinkSync('/proc/thread-self') });
}

/**
 * A yardstick server's side of startServerThread: listens on a free port, answers 'elu', 'trace'
 * (no spans: nothing is traced) and 'stop' (the server, then `close`), and reports where it listens.
 */
export async function serveInThread(app: FastifyInstance, close: () => Promise<unknown>): Promise<void> {
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  parentPort?.on('message', (msg: unknown) => {
    if (msg === 'elu') parentPort?.postMessage({ elu: performance.eventLoopUtilization() });
    if (msg === 'trace') parentPort?.postMessage({ trace: [] });
    if (msg === 'stop')
      void app
        .close()
        .then(close)
        .then(() => parentPort?.postMessage('stopped'));
  });
  parentPort?.postMessage({ address, thread: readlinkSync('/proc/thread-self') });
}

type TraceLine = { name: string; n: number; p50: number; p99: number; mean: number };
export type ApiThread = {
  address: string;
  thread: string;
  elu(): Promise<EventLoopUtilization>;
  trace(): Promise<TraceLine[]>;
  stop(): Promise<void>;
};

/**
 * Starts `module` (a .ts file) in a worker thread with `job` as its workerData and resolves once it
 * listens. The module answers 'elu', 'trace' and 'stop' messages as serve() here does.
 */
export async function startServerThread(module: string, job: object): Promise<ApiThread> {
  // A worker cannot start from a .ts file even with the tsx loader; bootstrap through its API.
  const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(pathToFileURL(module).href)}); })`;
  const worker = new Worker(boot, { eval: true, workerData: job });
  const { address, thread } = await new Promise<{ address: string; thread: string }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return {
    address,
    thread,
    elu: async () => {
      const reply = new Promise<EventLoopUtilization>((r) => worker.once('message', (m: { elu: EventLoopUtilization }) => r(m.elu)));
      worker.postMessage('elu');
      return reply;
    },
    trace: async () => {
      const reply = new Promise<TraceLine[]>((r) => worker.once('message', (m: { trace: TraceLine[] }) => r(m.trace)));
      worker.postMessage('trace');
      return reply;
    },
    stop: async () => {
      const stopped = new Promise((r) => worker.once('message', r));
      worker.postMessage('stop');
      await stopped;
      await worker.terminate();
    },
  };
}

/** Starts the API in a worker thread and resolves once it listens. */
export const startApiThread = (options: Omit<ServerJob, 'kind'>): Promise<ApiThread> =>
  startServerThread(SELF, { kind: 'vanthu-bench-api', ...options } satisfies ServerJob);

if (!isMainThread && (workerData as { kind?: string } | null)?.kind === 'vanthu-bench-api') await serve(workerData as ServerJob);
