import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIN_PART_SIZE } from '../../../src/storage/s3-object-storage.js';
import { startLocalS3Server, type LocalS3Server } from '../../../scripts/s3-server.js';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { BOUNDARY, fakePdf, metadataPart, multipartTail, partHead } from './multipart.js';

// Its own S3 server, stopped in the middle of an upload: the shared one must keep running.
const ACCESS_KEY = 'documents-failure-access';
const SECRET_KEY = 'documents-failure-secret';

describe('POST /documents when the S3 server dies mid-upload', { timeout: 60_000 }, () => {
  let ctx: TestContext;
  let s3: LocalS3Server;
  let directory: string;

  beforeAll(async () => {
    directory = await mkdtemp(path.join(tmpdir(), 'vanthu-doc-s3-'));
    s3 = await startLocalS3Server({ port: 0, directory, accessKey: ACCESS_KEY, secretKey: SECRET_KEY });
    ctx = await createTestContext({
      env: { S3_ENDPOINT: s3.endpoint, S3_ACCESS_KEY: ACCESS_KEY, S3_SECRET_KEY: SECRET_KEY, S3_PART_SIZE_BYTES: String(MIN_PART_SIZE) },
    });
  });

  afterAll(async () => {
    await ctx?.close();
    await s3?.close().catch(() => undefined);
    await rm(directory, { recursive: true, force: true });
  });

  it('answers 503 and leaves neither a row nor an object', async () => {
    const token = await ctx.login('province.clerk');
    const totalFileBytes = 3 * MIN_PART_SIZE + 1000;
    const chunk = fakePdf(64 * 1024);
    let sent = 0;
    let stopped = false;

    // A slow body: the metadata, then the file in 64 KiB chunks; once two parts' worth has gone
    // (so at least one part reached S3), the server is stopped while the rest still streams in.
    async function* body(): AsyncGenerator<Buffer> {
      yield partHead(metadataPart({ direction: 'incoming', type: 'Công văn', subject: 'Sẽ không được lưu' }));
      yield Buffer.from(JSON.stringify({ direction: 'incoming', type: 'Công văn', subject: 'Sẽ không được lưu' }) + '\r\n');
      yield partHead({ name: 'file', filename: 'lon.pdf', content: Buffer.alloc(0) });
      while (sent < totalFileBytes) {
        const piece = chunk.subarray(0, Math.min(chunk.length, totalFileBytes - sent));
        sent += piece.length;
        yield piece;
        if (!stopped && sent >= 2 * MIN_PART_SIZE) {
          stopped = true;
          await s3.close();
        }
        await new Promise((r) => setImmediate(r));
      }
      yield Buffer.from('\r\n');
      yield multipartTail();
    }

    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/documents',
      headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
      payload: Readable.from(body()),
    });
    expect(stopped).toBe(true);
    expect(res.statusCode, res.body).toBe(503);
    expect(res.json().error.code).toBe('SERVICE_UNAVAILABLE');

    const [{ n }] = await ctx.sql<{ n: number }[]>`select count(*)::int as n from documents`;
    expect(n).toBe(0);
    const [{ files }] = await ctx.sql<{ files: number }[]>`select count(*)::int as files from document_files`;
    expect(files).toBe(0);

    // Back up on the same port and directory: the bucket holds no object.
    s3 = await startLocalS3Server({ port: s3.port, directory, accessKey: ACCESS_KEY, secretKey: SECRET_KEY });
    const keys: string[] = [];
    for await (const o of ctx.container.storage.listKeys('')) keys.push(o.key);
    expect(keys).toEqual([]);

    // And the service works again once S3 is back.
    const ok = await ctx.request({
      method: 'POST',
      url: '/api/v1/documents',
      as: 'province.clerk',
      headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
      payload: Buffer.concat([
        partHead(metadataPart({ direction: 'incoming', type: 'Công văn', subject: 'Lưu được' })),
        Buffer.from(JSON.stringify({ direction: 'incoming', type: 'Công văn', subject: 'Lưu được' }) + '\r\n'),
        partHead({ name: 'file', filename: 'nho.pdf', content: Buffer.alloc(0) }),
        fakePdf(2000),
        Buffer.from('\r\n'),
        multipartTail(),
      ]),
    });
    expect(ok.statusCode, ok.body).toBe(201);
  });
});
