import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/lib/errors.js';
import type { ObjectStorage } from '../../../src/storage/object-storage.js';
import { createS3ObjectStorage, MIN_PART_SIZE } from '../../../src/storage/s3-object-storage.js';

// The S3 server as the start script runs it: a child process. Running it out of process also lets
// these tests measure the client's memory alone and crash the server for real (SIGKILL).
const ROOT = path.resolve(import.meta.dirname, '../../..');
const ACCESS_KEY = 'cli-access';
const SECRET_KEY = 'cli-secret';
const BUCKET = 'vanthu-cli-test';
const MiB = 1024 * 1024;

type ServerProcess = {
  child: ChildProcessByStdio<null, Readable, Readable>;
  port: number;
  firstLine: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }>;
};

const running = new Set<ServerProcess>();

const startCli = async (directory: string, port = 0): Promise<ServerProcess> => {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'scripts/s3-server.ts',
      ...['--port', String(port), '--dir', directory],
      ...['--access-key', ACCESS_KEY, '--secret-key', SECRET_KEY, '--bucket', BUCKET],
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );

  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stdout })),
  );

  const firstLine = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`S3 server did not start: ${stderr}`)), 30_000);
    const onData = (): void => {
      const newline = stdout.indexOf('\n');
      if (newline === -1) return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      resolve(stdout.slice(0, newline));
    };
    child.stdout.on('data', onData);
    void exited.then(({ code }) => reject(new Error(`S3 server exited with ${code}: ${stderr}`)));
  });

  const server = { child, port: Number(/:(\d+)$/.exec(firstLine)?.[1]), firstLine, exited };
  running.add(server);
  void exited.then(() => running.delete(server));
  return server;
};

const storageFor = (port: number, accessKey = ACCESS_KEY): ObjectStorage =>
  createS3ObjectStorage({
    endPoint: '127.0.0.1',
    port,
    useSSL: false,
    accessKey,
    secretKey: SECRET_KEY,
    region: 'us-east-1',
    bucket: BUCKET,
    partSize: MIN_PART_SIZE,
  });

/** `size` bytes of a repeated 64 KiB chunk, produced lazily; `onProgress` may pause the source. */
const lazySource = (size: number, onProgress?: (produced: number) => Promise<void>) => {
  const hash = createHash('sha256');
  const chunk = Buffer.alloc(64 * 1024);
  for (let i = 0; i < chunk.length; i++) chunk[i] = (i * 7) % 256;
  let produced = 0;
  async function* generate(): AsyncGenerator<Buffer> {
    while (produced < size) {
      hash.update(chunk);
      produced += chunk.length;
      yield chunk;
      if (onProgress) await onProgress(produced);
    }
  }
  return { stream: Readable.from(generate(), { objectMode: false }), produced: () => produced, sha256: () => hash.digest('hex') };
};

describe('s3-server.ts as a child process', { timeout: 60_000 }, () => {
  let directory: string;

  beforeAll(async () => {
    directory = await mkdtemp(path.join(tmpdir(), 'vanthu-s3-cli-'));
  });

  afterEach(async () => {
    for (const server of running) {
      server.child.kill('SIGKILL');
      await server.exited;
    }
  });

  afterAll(async () => {
    if (directory) await rm(directory, { recursive: true, force: true });
  });

  it('announces itself in one line, accepts the configured keys, creates the bucket and exits 0 on SIGTERM', async () => {
    const server = await startCli(directory);

    expect(server.firstLine).toMatch(/^S3 ready on http:\/\/127\.0\.0\.1:\d+$/);
    const sut = storageFor(server.port);
    await expect(sut.ping()).resolves.toBeUndefined();
    await sut.putBuffer(`hello/${randomUUID()}`, Buffer.from('xin chào'), { contentType: 'text/plain' });

    // s3rver does not check V4 signatures, but it does refuse access keys it does not know.
    const stranger = await storageFor(server.port, 'someone-else')
      .ping()
      .catch((err: unknown) => err);
    expect((stranger as AppError).code).toBe('SERVICE_UNAVAILABLE');

    server.child.kill('SIGTERM');
    const { code, signal, stdout } = await server.exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(stdout.trim().split('\n')).toHaveLength(1);
  });

  it('exits 0 on SIGINT', async () => {
    const server = await startCli(directory);

    server.child.kill('SIGINT');

    expect(await server.exited).toMatchObject({ code: 0, signal: null });
  });

  it('streams 64 MiB with the client holding far less than the file in memory', async () => {
    const server = await startCli(directory);
    const sut = storageFor(server.port);
    const size = 64 * MiB;
    const source = lazySource(size);
    const key = `memory/${randomUUID()}`;

    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 10);
    const result = await sut.putStream(key, source.stream, { contentType: 'application/pdf' }).finally(() => clearInterval(sampler));

    expect(result).toEqual({ size, sha256: source.sha256() });
    expect(await sut.stat(key)).toMatchObject({ size });
    // One 5 MiB part plus read-ahead and garbage not yet collected; loose on purpose.
    expect(rssPeak - rssBefore).toBeLessThan(size / 2);
  });

  it('rejects an upload whose server is killed midway; after a restart nothing is left of it', async () => {
    const server = await startCli(directory);
    const sut = storageFor(server.port);
    const key = `killed/${randomUUID()}`;
    let killed: Promise<unknown> | undefined;
    const source = lazySource(40 * MiB, async (produced) => {
      if (produced >= 2 * MIN_PART_SIZE + MiB && !killed) {
        server.child.kill('SIGKILL');
        killed = server.exited;
      }
      if (killed) await killed;
    });

    const err = await sut.putStream(key, source.stream, { contentType: 'application/pdf' }).catch((e: unknown) => e);

    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('SERVICE_UNAVAILABLE');

    const restarted = await startCli(directory, server.port);
    const after = storageFor(restarted.port);
    expect(await after.stat(key)).toBeNull();
    const listed = [];
    for await (const item of after.listKeys('killed/')) listed.push(item);
    expect(listed).toEqual([]);
    // The two parts that had reached the server were dropped at restart.
    expect(await readdir(path.join(directory, BUCKET, '._S3rver_uploads')).catch(() => [])).toEqual([]);
  });
});
