/**
 * A YARDSTICK, not product: the least anyone would write for vanthu's upload on the same stack, so
 * the intake bench can say what vanthu's own work costs on top of it. fastify + @fastify/multipart,
 * an HS256 token check, the file buffered then PUT with the minio client, one transaction inserting
 * a document row and a file row into vanthu's own tables (same indexes). No roles, no visibility,
 * no magic-byte sniffing, no audit, no outbox, no verification. Runs in a worker thread of the
 * bench process, as the API does (api-thread.ts), and offers the same handle.
 */
import { createHash, randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { isMainThread, workerData } from 'node:worker_threads';
import Fastify from 'fastify';
import multipart from '@fastify/multipart';
import { Client } from 'minio';
import postgres from 'postgres';
import { createTokenSigner } from '../../src/modules/auth/tokens.js';
import { serveInThread, startServerThread, type ApiThread } from './api-thread.js';

const SELF = fileURLToPath(import.meta.url);

type MinimalJob = {
  kind: 'vanthu-bench-minimal';
  databaseUrl: string;
  poolMax: number;
  tokenSecret: string;
  ownerOrganizationId: string;
  s3: { endPoint: string; port: number; useSSL: boolean; accessKey: string; secretKey: string; region: string; bucket: string };
};

async function serve(job: MinimalJob): Promise<void> {
  const sql = postgres(job.databaseUrl, { max: job.poolMax, onnotice: () => {} });
  const minio = new Client({ ...job.s3, pathStyle: true });
  const tokens = createTokenSigner({ secret: job.tokenSecret, ttlSeconds: 3600 });
  const app = Fastify({ logger: false });
  await app.register(multipart, { limits: { fileSize: 50 * 1024 * 1024, files: 1 } });

  app.post('/upload', async (req, reply) => {
    try {
      tokens.verify((req.headers.authorization ?? '').replace(/^Bearer /, ''));
    } catch {
      return reply.code(401).send({ error: 'UNAUTHENTICATED' });
    }
    let subject = '';
    let file: { name: string; type: string; bytes: Buffer } | undefined;
    for await (const part of req.parts()) {
      if (part.type === 'file') file = { name: part.filename, type: part.mimetype, bytes: await part.toBuffer() };
      else if (part.fieldname === 'metadata') subject = String((JSON.parse(String(part.value)) as { subject?: string }).subject ?? '');
    }
    if (!file) return reply.code(400).send({ error: 'VALIDATION_FAILED' });
    const id = randomUUID();
    // Laid out as vanthu lays out its objects (one folder per month), so the S3 server does the same work per file.
    const key = `minimal/${new Date().toISOString().slice(0, 7).replace('-', '/')}/${randomUUID()}`;
    await minio.putObject(job.s3.bucket, key, file.bytes, file.bytes.length, { 'Content-Type': file.type });
    const sha256 = createHash('sha256').update(file.bytes).digest('hex');
    await sql.begin(async (tx) => {
      await tx`insert into documents (id, direction, owner_organization_id, type_name, subject, status, search_text)
               values (${id}, 'incoming', ${job.ownerOrganizationId}, 'Công văn', ${subject}, 'received', ${subject.toLowerCase()})`;
      await tx`insert into document_files (document_id, name, content_type, size, sha256, storage_key, kind)
               values (${id}, ${file.name}, ${file.type}, ${file.bytes.length}, ${sha256}, ${key}, 'main')`;
    });
    return reply.code(201).send({ id });
  });

  await serveInThread(app, () => sql.end({ timeout: 5 }));
}

/** Starts the yardstick server in a worker thread; resolves once it listens. Its upload path is `/upload`. */
export const startMinimalServerThread = (options: Omit<MinimalJob, 'kind'>): Promise<ApiThread> =>
  startServerThread(SELF, { kind: 'vanthu-bench-minimal', ...options } satisfies MinimalJob);

if (!isMainThread && (workerData as { kind?: string } | null)?.kind === 'vanthu-bench-minimal') await serve(workerData as MinimalJob);
