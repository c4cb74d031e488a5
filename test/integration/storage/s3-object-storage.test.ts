import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/lib/errors.js';
import type { ObjectStorage } from '../../../src/storage/object-storage.js';
import { createS3ObjectStorage, MIN_PART_SIZE } from '../../../src/storage/s3-object-storage.js';
import { startLocalS3Server, type LocalS3Server } from '../../../scripts/s3-server.js';

// These tests start their own s3rver (not the one of the shared global setup) because they stop
// and restart it in the middle of an upload.
const ACCESS_KEY = 'vanthu-test-access';
const SECRET_KEY = 'vanthu-test-secret';
const BUCKET = 'vanthu-storage-test';
const PART_SIZE = MIN_PART_SIZE;
const MiB = 1024 * 1024;

type Source = { stream: Readable; expected: () => { size: number; sha256: string } };

/**
 * A deterministic pseudo-random byte stream of `size` bytes generated lazily in 64 KiB chunks, so
 * the test itself never holds the content; `onProgress` sees the bytes produced so far and may
 * wait (to let the test act in the middle of an upload).
 */
const generatedSource = (
  size: number,
  { seed = 1, failAfter, onProgress }: { seed?: number; failAfter?: number; onProgress?: (produced: number) => Promise<void> } = {},
): Source => {
  const hash = createHash('sha256');
  let produced = 0;

  async function* generate(): AsyncGenerator<Buffer> {
    let state = seed;
    while (produced < size) {
      if (failAfter !== undefined && produced >= failAfter) throw new Error('source failed on purpose');
      const chunk = Buffer.allocUnsafe(Math.min(64 * 1024, size - produced));
      for (let i = 0; i + 4 <= chunk.length; i += 4) {
        state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
        chunk.writeUInt32LE(state, i);
      }
      chunk.fill(0x2a, chunk.length - (chunk.length % 4));
      hash.update(chunk);
      produced += chunk.length;
      yield chunk;
      if (onProgress) await onProgress(produced);
    }
  }

  return {
    stream: Readable.from(generate(), { objectMode: false }),
    expected: () => ({ size: produced, sha256: hash.digest('hex') }),
  };
};

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

const listAll = async (storage: ObjectStorage, prefix: string) => {
  const items = [];
  for await (const item of storage.listKeys(prefix)) items.push(item);
  return items;
};

const rejection = async (promise: Promise<unknown>): Promise<unknown> => {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected the promise to reject');
};

describe('createS3ObjectStorage against a local s3rver', { timeout: 60_000 }, () => {
  let directory: string;
  let server: LocalS3Server;
  let sut: ObjectStorage;

  const storageFor = (port: number, bucket = BUCKET): ObjectStorage =>
    createS3ObjectStorage({
      endPoint: '127.0.0.1',
      port,
      useSSL: false,
      accessKey: ACCESS_KEY,
      secretKey: SECRET_KEY,
      region: 'us-east-1',
      bucket,
      partSize: PART_SIZE,
    });

  const pendingUploads = async (): Promise<string[]> => readdir(path.join(directory, BUCKET, '._S3rver_uploads')).catch(() => []);

  beforeAll(async () => {
    directory = await mkdtemp(path.join(tmpdir(), 'vanthu-s3-'));
    server = await startLocalS3Server({ port: 0, directory, accessKey: ACCESS_KEY, secretKey: SECRET_KEY });
    sut = storageFor(server.port);
    await sut.ensureBucket();
  });

  afterAll(async () => {
    await server?.close();
    if (directory) await rm(directory, { recursive: true, force: true });
  });

  it('ensureBucket is idempotent and ping succeeds', async () => {
    await sut.ensureBucket();
    await expect(sut.ping()).resolves.toBeUndefined();
  });

  it('ping reports a missing bucket and an unreachable server as SERVICE_UNAVAILABLE', async () => {
    const noBucket = await rejection(storageFor(server.port, 'no-such-bucket').ping());
    expect(noBucket).toBeInstanceOf(AppError);
    expect((noBucket as AppError).code).toBe('SERVICE_UNAVAILABLE');

    // Port 1 on the loopback refuses connections.
    const unreachable = await rejection(storageFor(1).ping());
    expect((unreachable as AppError).code).toBe('SERVICE_UNAVAILABLE');
  });

  it('stores a small buffer in one PUT and reads it back with its metadata', async () => {
    const key = `small/${randomUUID()}`;
    const bytes = Buffer.from('%PDF-1.7 công văn số 1\n');

    const result = await sut.putBuffer(key, bytes, { contentType: 'application/pdf' });

    expect(result).toEqual({ size: bytes.length, sha256: sha256(bytes) });
    expect(await sut.stat(key)).toMatchObject({ size: bytes.length, contentType: 'application/pdf' });
    expect((await sut.stat(key))?.etag).toMatch(/^[0-9a-f]{32}/);
    expect(await buffer(await sut.getStream(key))).toEqual(bytes);
  });

  it('stores an empty stream', async () => {
    const key = `empty/${randomUUID()}`;

    const result = await sut.putStream(key, Readable.from([], { objectMode: false }), { contentType: 'text/plain' });

    expect(result).toEqual({ size: 0, sha256: sha256(Buffer.alloc(0)) });
    expect(await sut.stat(key)).toMatchObject({ size: 0 });
  });

  it('streams 20 MB across several parts with the right size and sha256', async () => {
    const key = `large/${randomUUID()}`;
    const size = 20 * 1000 * 1000;
    const source = generatedSource(size, { seed: 7 });

    // (Memory is measured in s3-server.test.ts, where the server is not in this process.)
    const result = await sut.putStream(key, source.stream, { contentType: 'application/pdf' });

    expect(result).toEqual(source.expected());
    expect(result.size).toBe(size);
    expect(await sut.stat(key)).toMatchObject({ size, contentType: 'application/pdf' });

    const downloaded = createHash('sha256');
    for await (const chunk of await sut.getStream(key)) downloaded.update(chunk as Buffer);
    expect(downloaded.digest('hex')).toBe(result.sha256);
    expect(await pendingUploads()).toEqual([]);
  });

  it('completes a stream that is an exact multiple of the part size without an empty last part', async () => {
    const key = `exact/${randomUUID()}`;
    const source = generatedSource(2 * PART_SIZE, { seed: 3 });

    const result = await sut.putStream(key, source.stream, { contentType: 'application/octet-stream' });

    expect(result).toEqual(source.expected());
    expect(await sut.stat(key)).toMatchObject({ size: 2 * PART_SIZE });
  });

  it('stores a buffer larger than a part through multipart (putObject would need ListMultipartUploads)', async () => {
    const key = `big-buffer/${randomUUID()}`;
    const bytes = Buffer.alloc(PART_SIZE * 2 + 12345, 0x61);

    const result = await sut.putBuffer(key, bytes, { contentType: 'text/plain' });

    expect(result).toEqual({ size: bytes.length, sha256: sha256(bytes) });
    // Buffer#equals: vitest's deep equality is far too slow on megabytes.
    expect((await buffer(await sut.getStream(key))).equals(bytes)).toBe(true);
  });

  it('serves byte ranges', async () => {
    const key = `range/${randomUUID()}`;
    const bytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));
    await sut.putBuffer(key, bytes, { contentType: 'application/octet-stream' });

    expect(await buffer(await sut.getStream(key, { start: 0, end: 9 }))).toEqual(bytes.subarray(0, 10));
    expect(await buffer(await sut.getStream(key, { start: 100, end: 199 }))).toEqual(bytes.subarray(100, 200));
    expect(await buffer(await sut.getStream(key, { start: 990 }))).toEqual(bytes.subarray(990));
    expect(await buffer(await sut.getStream(key, { start: 0 }))).toEqual(bytes);

    // An end past the last byte is cut, as in HTTP.
    expect(await buffer(await sut.getStream(key, { start: 995, end: 5000 }))).toEqual(bytes.subarray(995));

    const pastTheEnd = await rejection(sut.getStream(key, { start: 1000 }));
    expect((pastTheEnd as AppError).code).toBe('RANGE_NOT_SATISFIABLE');
    const invalid = await rejection(sut.getStream(key, { start: 10, end: 5 }));
    expect((invalid as AppError).code).toBe('VALIDATION_FAILED');
  });

  it('serves a range of a multipart object across a part boundary', async () => {
    const key = `range-large/${randomUUID()}`;
    const bytes = Buffer.alloc(PART_SIZE + 100);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31) % 256;
    await sut.putBuffer(key, bytes, { contentType: 'application/octet-stream' });

    const start = PART_SIZE - 50;
    expect(await buffer(await sut.getStream(key, { start, end: start + 99 }))).toEqual(bytes.subarray(start, start + 100));
  });

  it('answers NOT_FOUND for a missing object and null from stat', async () => {
    const key = `missing/${randomUUID()}`;

    const err = await rejection(sut.getStream(key));
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('NOT_FOUND');
    expect(await sut.stat(key)).toBeNull();
  });

  it('refuses a small stream over maxBytes and stores nothing', async () => {
    const key = `limit-small/${randomUUID()}`;

    const err = await rejection(
      sut.putStream(key, Readable.from([Buffer.alloc(600), Buffer.alloc(600)], { objectMode: false }), {
        contentType: 'text/plain',
        maxBytes: 1000,
      }),
    );

    expect((err as AppError).code).toBe('PAYLOAD_TOO_LARGE');
    expect((err as AppError).status).toBe(413);
    expect(await sut.stat(key)).toBeNull();
  });

  it('aborts a multipart upload that goes over maxBytes and leaves nothing under the key', async () => {
    const key = `limit-large/${randomUUID()}`;
    const source = generatedSource(20 * MiB, { seed: 11 });

    const err = await rejection(sut.putStream(key, source.stream, { contentType: 'application/pdf', maxBytes: 12 * MiB }));

    expect((err as AppError).code).toBe('PAYLOAD_TOO_LARGE');
    // It stopped reading soon after the limit (give or take the stream's read-ahead) rather than
    // draining the source.
    expect(source.expected().size).toBeLessThanOrEqual(12 * MiB + 256 * 1024);
    expect(source.stream.destroyed).toBe(true);
    expect(await listAll(sut, key)).toEqual([]);
    expect(await sut.stat(key)).toBeNull();
    expect(await pendingUploads()).toEqual([]);
  });

  it('accepts a stream of exactly maxBytes', async () => {
    const key = `limit-exact/${randomUUID()}`;
    const source = generatedSource(PART_SIZE + 10, { seed: 5 });

    const result = await sut.putStream(key, source.stream, { contentType: 'text/plain', maxBytes: PART_SIZE + 10 });

    expect(result.size).toBe(PART_SIZE + 10);
  });

  it('aborts the upload when the source fails midway and rethrows its error', async () => {
    const key = `source-error/${randomUUID()}`;
    const source = generatedSource(20 * MiB, { seed: 13, failAfter: 11 * MiB });

    const err = await rejection(sut.putStream(key, source.stream, { contentType: 'application/pdf' }));

    expect((err as Error).message).toBe('source failed on purpose');
    expect(await listAll(sut, key)).toEqual([]);
    expect(await pendingUploads()).toEqual([]);
  });

  it('lists keys under a prefix with size and date, and deletes one or many', async () => {
    const prefix = `list/${randomUUID()}/`;
    const keys = [`${prefix}a`, `${prefix}b/c`, `${prefix}d`];
    for (const [i, key] of keys.entries()) {
      await sut.putBuffer(key, Buffer.alloc(i + 1, 0x41), { contentType: 'text/plain' });
    }
    await sut.putBuffer(`${prefix.slice(0, -1)}-other`, Buffer.from('x'), { contentType: 'text/plain' });

    const listed = await listAll(sut, prefix);
    expect(listed.map((item) => [item.key, item.size])).toEqual([
      [keys[0], 1],
      [keys[1], 2],
      [keys[2], 3],
    ]);
    for (const item of listed) expect(item.lastModified).toBeInstanceOf(Date);

    await sut.delete(keys[0]);
    await sut.delete(`${prefix}never-existed`);
    expect(await sut.stat(keys[0])).toBeNull();

    await sut.deleteMany([keys[1], keys[2], `${prefix}missing`]);
    await sut.deleteMany([]);
    expect(await listAll(sut, prefix)).toEqual([]);
    expect(await sut.stat(`${prefix.slice(0, -1)}-other`)).not.toBeNull();
  });

  it('lists more than one page of keys', async () => {
    const prefix = `page/${randomUUID()}/`;
    const keys = Array.from({ length: 1005 }, (_, i) => `${prefix}${String(i).padStart(4, '0')}`);
    // Moderate concurrency: s3rver answers 500 now and then to many parallel writes in one folder.
    for (let i = 0; i < keys.length; i += 20) {
      await Promise.all(keys.slice(i, i + 20).map((key) => sut.putBuffer(key, Buffer.from('1'), { contentType: 'text/plain' })));
    }

    expect((await listAll(sut, prefix)).map((item) => item.key)).toEqual(keys);

    await sut.deleteMany(keys);
    expect(await listAll(sut, prefix)).toEqual([]);
  });

  // Runs last: it stops and restarts the shared server.
  it('rejects when the server stops in the middle of an upload and leaves no object after a restart', async () => {
    const key = `crash/${randomUUID()}`;
    const port = server.port;
    let stopping: Promise<void> | undefined;
    const source = generatedSource(40 * MiB, {
      seed: 17,
      onProgress: async (produced) => {
        // Once the first part is on the server and the second is being filled, pull the plug.
        if (produced >= PART_SIZE + MiB && !stopping) stopping = server.close();
        if (stopping) await stopping;
      },
    });

    const err = await rejection(sut.putStream(key, source.stream, { contentType: 'application/pdf' }));

    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('SERVICE_UNAVAILABLE');
    expect(source.expected().size).toBeLessThan(40 * MiB);

    server = await startLocalS3Server({ port, directory, accessKey: ACCESS_KEY, secretKey: SECRET_KEY });
    await expect(sut.ping()).resolves.toBeUndefined();
    expect(await sut.stat(key)).toBeNull();
    expect(await listAll(sut, 'crash/')).toEqual([]);
    // The parts already sent were dropped at restart (no client can resume them).
    expect(await pendingUploads()).toEqual([]);
  });
});
