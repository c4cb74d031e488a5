import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { setPriority, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { loadConfig, type Config } from '../../src/config.js';
import { runMigrations } from '../../src/db/migrate.js';

/** Percentile of a sorted copy (nearest rank). */
export function percentile(samples: number[], p: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

export const median = (samples: number[]) => percentile(samples, 50);

export function summary(samples: number[]): { p50: number; p99: number; n: number } {
  return { p50: round(percentile(samples, 50)), p99: round(percentile(samples, 99)), n: samples.length };
}

export const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Times `fn` n times sequentially (after `warmup` unmeasured runs), in milliseconds. */
export async function timeMany(n: number, fn: (i: number) => Promise<unknown>, warmup = Math.min(20, n)): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn(i);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    out.push(performance.now() - t);
  }
  return out;
}

export const print = (line: string) => process.stdout.write(`${line}\n`);

export type BenchEnvironment = {
  config: Readonly<Config>;
  /** The environment `config` was loaded from (for child processes that load their own). */
  env: Record<string, string | undefined>;
  databaseUrl: string;
  /** The local S3 server's process id, when the bench started one. */
  s3Pid?: number;
  close(): Promise<void>;
};

export type BenchEnvironmentOptions = {
  /** Extra settings for the bench's config. */
  extraEnv?: Record<string, string>;
  /** `ALTER DATABASE ... SET` parameters, e.g. { synchronous_commit: 'off' } for a diagnostic run. */
  databaseSettings?: Record<string, string>;
  /** Keep the database when closing (e.g. a large seed measured again with --reuse). */
  keepDatabase?: boolean;
};

/** The npm S3 server in its own process, as production runs MinIO: its CPU is not the bench's. */
async function startLocalS3Child(dir: string, accessKey: string, secretKey: string): Promise<{ endpoint: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'scripts/s3-server.ts', '--port', '0', '--dir', dir, '--access-key', accessKey, '--secret-key', secretKey],
    {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const endpoint = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /S3 ready on (\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`S3 server exited with ${code}`)));
  });
  return { endpoint, child };
}

/**
 * A fresh, migrated database `vanthu_bench_<name>` next to the configured one (never the demo
 * database), and a local S3 server (child process, temporary directory) when no S3_ENDPOINT is set.
 */
export async function createBenchEnvironment(
  name: string,
  { extraEnv = {}, databaseSettings = {}, keepDatabase = true }: BenchEnvironmentOptions = {},
): Promise<BenchEnvironment> {
  const base = loadConfig();
  const dbName = `vanthu_bench_${name}`;
  const admin = postgres(base.db.url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${dbName} with (force)`);
  await admin.unsafe(`create database ${dbName}`);
  for (const [key, value] of Object.entries(databaseSettings))
    await admin.unsafe(`alter database ${dbName} set ${key} = '${value.replace(/'/g, "''")}'`);
  await admin.end();
  const url = new URL(base.db.url);
  url.pathname = `/${dbName}`;
  const databaseUrl = url.toString();
  await runMigrations(databaseUrl);

  let s3: ChildProcess | undefined;
  let s3Dir: string | undefined;
  const env: Record<string, string | undefined> = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'warn',
    QUEUE_PREFIX: `bench-${name}`,
    ...extraEnv,
  };
  if (base.storage.local) {
    s3Dir = await mkdtemp(path.join(tmpdir(), `vanthu-bench-${name}-`));
    const started = await startLocalS3Child(s3Dir, base.storage.accessKey, base.storage.secretKey);
    s3 = started.child;
    env.S3_ENDPOINT = started.endpoint;
  }
  return {
    config: loadConfig(env),
    env,
    databaseUrl,
    s3Pid: s3?.pid,
    async close() {
      if (s3 && s3.exitCode === null) {
        const exited = new Promise((r) => s3!.once('exit', r));
        s3.kill('SIGTERM');
        await exited;
      }
      if (s3Dir) await rm(s3Dir, { recursive: true, force: true });
      if (!keepDatabase) {
        const again = postgres(base.db.url, { max: 1, onnotice: () => {} });
        await again.unsafe(`drop database if exists ${dbName} with (force)`);
        await again.end();
      }
    },
  };
}

const CLOCK_TICKS_PER_SECOND = 100; // Linux USER_HZ (getconf CLK_TCK)

/** utime + stime of a /proc stat file in ms, or 0 when the process or thread is gone. */
async function statCpuMs(file: string): Promise<number> {
  try {
    const text = await readFile(file, 'utf8');
    // The command name (field 2) may contain spaces: count fields after its closing parenthesis.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/**
 * A named group of CPU consumers: whole processes by pid (a list, or a function resolving it at
 * each snapshot, for sets that change such as a database's backends) or by command name, or single
 * threads by their /proc path ("<pid>/task/<tid>").
 */
export type CpuGroup = {
  name: string;
  pids?: number[] | (() => Promise<number[]>);
  command?: string;
  threads?: string[];
  /** Threads of the group's processes counted elsewhere (the API thread inside the bench process). */
  minusThreads?: string[];
};

/** CPU time (ms) used so far by each member of each group. */
export type CpuSnapshot = Map<string, Map<string, number>>;

/**
 * Reads every group's CPU time (user + system) from /proc. The difference of two snapshots divided by
 * the work done shows where each unit of work spends the machine's CPU, which, unlike a rate, hardly
 * depends on what else the machine is running.
 */
export async function cpuSnapshot(groups: CpuGroup[]): Promise<CpuSnapshot> {
  const byCommand = new Map<string, number[]>();
  if (groups.some((g) => g.command)) {
    for (const entry of await readdir('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const comm = (await readFile(`/proc/${entry}/comm`, 'utf8').catch(() => '')).trim();
      byCommand.set(comm, [...(byCommand.get(comm) ?? []), Number(entry)]);
    }
  }
  const out: CpuSnapshot = new Map();
  for (const g of groups) {
    const members = new Map<string, number>();
    const pids = typeof g.pids === 'function' ? await g.pids() : (g.pids ?? []);
    for (const pid of [...pids, ...(g.command ? (byCommand.get(g.command) ?? []) : [])])
      members.set(String(pid), await statCpuMs(`/proc/${pid}/stat`));
    for (const thread of g.threads ?? []) members.set(thread, await statCpuMs(`/proc/${thread}/stat`));
    for (const thread of g.minusThreads ?? []) members.set(`-${thread}`, -(await statCpuMs(`/proc/${thread}/stat`)));
    out.set(g.name, members);
  }
  return out;
}

/**
 * CPU ms each group used between two snapshots. A member present only in `after` started in between
 * and counts whole; one that ended in between is not counted.
 */
export function cpuDelta(before: CpuSnapshot, after: CpuSnapshot): Map<string, number> {
  return new Map(
    [...after].map(([name, members]) => [name, [...members].reduce((sum, [key, ms]) => sum + ms - (before.get(name)?.get(key) ?? 0), 0)]),
  );
}

/** This database's backends and the server's background processes (not other databases' sessions). */
export const postgresPids = (sql: postgres.Sql) => async (): Promise<number[]> =>
  (
    await sql<{ pid: number }[]>`select pid from pg_stat_activity where datname = current_database() or backend_type <> 'client backend'`
  ).map((r) => r.pid);

export type WorkerProcess = { pid: number; stop(): Promise<void> };

/**
 * The job workers as deployed: `workers/main.ts` in its own process with the bench's settings,
 * resolved once every queue has a connected worker. `nice` lowers its CPU priority, as a deployment
 * sharing one machine between the API and the workers does (`npm start` too: accepting stays fast;
 * the queue absorbs the burst).
 */
export async function startWorkerProcess(
  env: Record<string, string | undefined>,
  queues: { getWorkersCount(): Promise<number> }[],
  { nice = 0 }: { nice?: number } = {},
): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'workers/main.ts'], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (nice !== 0 && child.pid !== undefined) setPriority(child.pid, nice);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const until = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the worker process exited with ${child.exitCode}`);
    const counts = await Promise.all(queues.map((q) => q.getWorkersCount()));
    if (counts.every((n) => n > 0)) break;
    if (Date.now() > until) throw new Error('the worker process did not connect its workers within 60 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    pid: child.pid!,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * Waits until no queue has a job waiting or running (delayed ones are left out: the recurring
 * schedules always have their next run delayed); returns how many there were at first.
 */
export async function untilQueuesIdle(
  queues: { getJobCountByTypes(...types: string[]): Promise<number> }[],
  timeoutMs = 30 * 60_000,
): Promise<number> {
  const pending = async () =>
    (await Promise.all(queues.map((q) => q.getJobCountByTypes('waiting', 'prioritized', 'active', 'wait')))).reduce((a, b) => a + b, 0);
  const first = await pending();
  const until = Date.now() + timeoutMs;
  for (let n = first; n > 0 && Date.now() < until; n = await pending()) await new Promise((r) => setTimeout(r, 100));
  return first;
}
