/**
 * A local S3-compatible server for development and tests, started from the npm package `s3rver`
 * (3.7.1) when no real S3/MinIO endpoint is configured. Production always talks to MinIO; nothing in
 * the application depends on this file.
 *
 * Run as a child process: `npx tsx scripts/s3-server.ts --port 9000 --dir ./data/s3`
 * (plus optional `--host`, `--access-key`, `--secret-key`, `--bucket`). It prints one line
 * `S3 ready on http://127.0.0.1:<port>` once listening and exits cleanly on SIGTERM/SIGINT.
 */
import { readdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { AddressInfo } from 'node:net';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

// s3rver ships CommonJS without type declarations: describe the small part we use.
type KoaContext = { method: string; path: string; query: Record<string, unknown>; status: number; body: unknown };
type KoaMiddleware = (ctx: KoaContext, next: () => Promise<void>) => Promise<void>;
type S3rverInstance = {
  middleware: KoaMiddleware[];
  httpServer?: Server;
  store: { deleteObject(bucket: string, key: string): Promise<void> };
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
  on(event: 'error', listener: (err: Error, ctx?: { req?: IncomingMessage; res?: ServerResponse }) => void): void;
};
type S3rverOptions = {
  address: string;
  port: number;
  directory: string;
  silent: boolean;
  vhostBuckets: boolean;
  configureBuckets: { name: string }[];
};
type S3rverConstructor = new (options: S3rverOptions) => S3rverInstance;
type AwsAccountModule = { DUMMY_ACCOUNT: { createKeyPair(accessKeyId: string, secretAccessKey: string): void } };

const require = createRequire(import.meta.url);

/** s3rver's on-disk folder holding the parts of multipart uploads that are not complete yet. */
const UPLOADS_DIR = '._S3rver_uploads';

export type LocalS3ServerOptions = {
  /** 0 picks a free port. */
  port: number;
  directory: string;
  accessKey: string;
  secretKey: string;
  /** Created at start when given (no error if it exists already). */
  bucket?: string;
  host?: string;
};

export type LocalS3Server = {
  /** `http://<host>:<port>`. */
  endpoint: string;
  host: string;
  port: number;
  /** Stops listening and cuts every open connection, in-flight requests included. */
  close(): Promise<void>;
};

/**
 * s3rver answers "MethodNotAllowed" to AbortMultipartUpload (DELETE ?uploadId=), which would leave
 * the parts of every failed upload on disk. This middleware, run before s3rver's router, implements
 * it by removing the upload's folder, as MinIO does.
 */
const abortMultipartMiddleware =
  (directory: string): KoaMiddleware =>
  async (ctx, next) => {
    const uploadId = ctx.query.uploadId;
    if (ctx.method !== 'DELETE' || typeof uploadId !== 'string') return next();

    // s3rver's upload ids are 32 hex characters; anything else must not reach the file system.
    const bucket = ctx.path.split('/')[1] ?? '';
    if (!/^[0-9a-f]{32}$/.test(uploadId) || !/^[a-z0-9][a-z0-9.-]{1,62}$/.test(bucket)) {
      ctx.status = 400;
      return;
    }

    await rm(path.join(directory, bucket, UPLOADS_DIR, uploadId), { recursive: true, force: true });
    ctx.status = 204;
  };

/**
 * Starts s3rver on 127.0.0.1 (path-style only) storing objects under `directory`.
 *
 * s3rver 3.x only knows the access key `S3RVER` out of the box, so the given key pair is
 * registered on its built-in account. It refuses unknown access keys but does not verify V4
 * signatures, so a wrong secret goes unnoticed here (MinIO would refuse it). Incomplete uploads
 * left by a previous run are deleted at start, since no client can still be writing them.
 * Development and tests only: nothing here is hardened.
 */
export const startLocalS3Server = async ({
  port,
  directory,
  accessKey,
  secretKey,
  bucket,
  host = '127.0.0.1',
}: LocalS3ServerOptions): Promise<LocalS3Server> => {
  const S3rver = require('s3rver') as S3rverConstructor;
  const account = require('s3rver/lib/models/account.js') as AwsAccountModule;
  account.DUMMY_ACCOUNT.createKeyPair(accessKey, secretKey);

  const root = path.resolve(directory);
  await removeStaleUploads(root);

  const server = new S3rver({
    address: host,
    port,
    directory: root,
    silent: true,
    vhostBuckets: false,
    configureBuckets: bucket ? [{ name: bucket }] : [],
  });
  server.middleware.unshift(abortMultipartMiddleware(root));
  tolerateConcurrentDeletes(server.store);
  // A client hanging up mid-request (e.g. an aborted upload) surfaces here; it is not fatal.
  server.on('error', () => undefined);

  const address = await server.run();
  const endpoint = `http://${host}:${address.port}`;

  return {
    endpoint,
    host,
    port: address.port,
    close: async () => {
      // Like a crash for in-flight requests: a keep-alive or half-sent upload must not hold the
      // port open (tests stop the server mid-upload on purpose).
      const closed = server.close();
      server.httpServer?.closeAllConnections();
      await closed;
    },
  };
};

/**
 * s3rver deletes the keys of a DeleteObjects request in parallel, then each deletion removes the
 * folders it emptied; two of them racing on one folder fail with ENOENT and the whole request
 * with a 500, although every object is gone. The objects' files are unlinked before that clean-up,
 * so ENOENT there is harmless.
 */
const tolerateConcurrentDeletes = (store: S3rverInstance['store']): void => {
  const deleteObject = store.deleteObject.bind(store);
  store.deleteObject = async (bucket, key) => {
    try {
      await deleteObject(bucket, key);
    } catch (err) {
      if (!(err instanceof Error && 'code' in err && err.code === 'ENOENT')) throw err;
    }
  };
};

const removeStaleUploads = async (root: string): Promise<void> => {
  const buckets = await readdir(root, { withFileTypes: true }).catch(() => []);
  await Promise.all(
    buckets
      .filter((entry) => entry.isDirectory())
      .map((entry) => rm(path.join(root, entry.name, UPLOADS_DIR), { recursive: true, force: true })),
  );
};

const main = async (): Promise<void> => {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '9000' },
      dir: { type: 'string', default: './data/s3' },
      host: { type: 'string', default: '127.0.0.1' },
      'access-key': { type: 'string', default: 'minioadmin' },
      'secret-key': { type: 'string', default: 'minioadmin' },
      bucket: { type: 'string' },
    },
  });

  const server = await startLocalS3Server({
    port: Number(values.port),
    directory: values.dir,
    host: values.host,
    accessKey: values['access-key'],
    secretKey: values['secret-key'],
    bucket: values.bucket,
  });
  const stop = (): void => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);

  // Last: whoever waits for this line may signal us at once, so the handlers must be in place.
  process.stdout.write(`S3 ready on ${server.endpoint}\n`);
};

const isEntryPoint = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isEntryPoint) {
  main().catch((err: unknown) => {
    process.stderr.write(`S3 server failed to start: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
}
