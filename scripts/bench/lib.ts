import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { loadConfig, type Config } from '../../src/config.js';
import { runMigrations } from '../../src/db/migrate.js';
import { startLocalS3Server, type LocalS3Server } from '../../src/storage/s3-server.js';

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

export type BenchEnvironment = { config: Readonly<Config>; databaseUrl: string; close(): Promise<void> };

/**
 * A fresh, migrated database `vanthu_bench_<name>` next to the configured one (never the demo
 * database), and a local S3 server in a temporary directory when no S3_ENDPOINT is configured.
 */
export async function createBenchEnvironment(name: string, extraEnv: Record<string, string> = {}): Promise<BenchEnvironment> {
  const base = loadConfig();
  const dbName = `vanthu_bench_${name}`;
  const admin = postgres(base.db.url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${dbName} with (force)`);
  await admin.unsafe(`create database ${dbName}`);
  await admin.end();
  const url = new URL(base.db.url);
  url.pathname = `/${dbName}`;
  const databaseUrl = url.toString();
  await runMigrations(databaseUrl);

  let s3: LocalS3Server | undefined;
  let s3Dir: string | undefined;
  const env: Record<string, string | undefined> = { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', QUEUE_PREFIX: `bench-${name}`, ...extraEnv };
  if (base.storage.local) {
    s3Dir = await mkdtemp(path.join(tmpdir(), `vanthu-bench-${name}-`));
    s3 = await startLocalS3Server({ port: 0, directory: s3Dir, accessKey: base.storage.accessKey, secretKey: base.storage.secretKey });
    env.S3_ENDPOINT = s3.endpoint;
  }
  return {
    config: loadConfig(env),
    databaseUrl,
    async close() {
      await s3?.close();
      if (s3Dir) await rm(s3Dir, { recursive: true, force: true });
    },
  };
}
