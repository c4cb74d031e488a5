/**
 * A YARDSTICK, not product: the least anyone would write for vanthu's POST /exchange/inbound on the
 * same stack, so the burst bench can say what vanthu's own work costs on top of it. fastify, the
 * peer's HMAC headers checked as peer-auth.ts checks them (clock window, the peer's row read and its
 * secret decrypted per request, so that a deactivated peer is refused at once, as in vanthu), the
 * body hashed while it arrives, compared with the signed sha256 and PUT with the minio client, one
 * row inserted (idempotent on the body's sha256) into a copy of vanthu's inbound_packages table
 * (same indexes). No parsing, no attachments decoded or sniffed, no sender binding, no outbox, no
 * intake job. Runs in a worker thread of the bench process, as the API does (api-thread.ts).
 */
import { createHash, randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Readable } from 'node:stream';
import { isMainThread, workerData } from 'node:worker_threads';
import Fastify from 'fastify';
import { Client } from 'minio';
import postgres from 'postgres';
import {
  CLOCK_WINDOW_SECONDS,
  CONTENT_SHA256_HEADER,
  PEER_HEADER,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  decryptSecret,
  verifyPeerSignature,
} from '../../src/modules/exchange/peer-auth.js';
import { serveInThread, startServerThread, type ApiThread } from './api-thread.js';

const SELF = fileURLToPath(import.meta.url);

/** The yardstick's table: `like inbound_packages including all` (created by the bench). */
export const MINIMAL_INBOUND_TABLE = 'bench_minimal_inbound';

type MinimalInboundJob = {
  kind: 'vanthu-bench-minimal-inbound';
  databaseUrl: string;
  poolMax: number;
  encryptionKey: string;
  s3: { endPoint: string; port: number; useSSL: boolean; accessKey: string; secretKey: string; region: string; bucket: string };
};

async function serve(job: MinimalInboundJob): Promise<void> {
  // Idle connections close: the yardstick's pool must not hold PostgreSQL's slots during vanthu's phases.
  const sql = postgres(job.databaseUrl, { max: job.poolMax, idle_timeout: 2, onnotice: () => {} });
  const minio = new Client({ ...job.s3, pathStyle: true });
  const app = Fastify({ logger: false, bodyLimit: 50 * 1024 * 1024 });
  app.addContentTypeParser(['application/edxml+xml', 'application/xml', 'text/xml'], (_req, payload, done) => done(null, payload));
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';

  app.post('/inbound', async (req, reply) => {
    const peerId = one(req.headers[PEER_HEADER]);
    const timestamp = one(req.headers[TIMESTAMP_HEADER]);
    const declared = one(req.headers[CONTENT_SHA256_HEADER]).toLowerCase();
    const signature = one(req.headers[SIGNATURE_HEADER]);
    if (!/^\d{1,12}$/.test(timestamp) || Math.abs(Number(timestamp) - Date.now() / 1000) > CLOCK_WINDOW_SECONDS)
      return reply.code(401).send({ error: 'UNAUTHENTICATED' });
    const [peer] = await sql<{ organ_id: string; secret_ciphertext: string }[]>`
      select organ_id, secret_ciphertext from exchange_peers where id = ${peerId} and active`;
    if (!peer || !verifyPeerSignature(decryptSecret(job.encryptionKey, peer.secret_ciphertext), timestamp, declared, signature))
      return reply.code(401).send({ error: 'UNAUTHENTICATED' });

    const hash = createHash('sha256');
    const chunks: Buffer[] = [];
    for await (const chunk of req.body as Readable) {
      hash.update(chunk as Buffer);
      chunks.push(chunk as Buffer);
    }
    const sha256 = hash.digest('hex');
    if (sha256 !== declared) return reply.code(401).send({ error: 'UNAUTHENTICATED' });
    const bytes = Buffer.concat(chunks);
    const id = randomUUID();
    const key = `minimal-inbound/${id}/package.edxml`;
    await minio.putObject(job.s3.bucket, key, bytes, bytes.length, { 'Content-Type': 'application/xml' });
    const [row] = await sql<{ id: string }[]>`
      insert into ${sql(MINIMAL_INBOUND_TABLE)} (id, peer_id, sender_organ_id, document_id, kind, recipient_organ_ids, idempotency_key, raw_storage_key, sha256, size, header)
      values (${id}, ${peerId}, ${peer.organ_id}, ${sha256}, 'edoc', '{}', ${sha256}, ${key}, ${sha256}, ${bytes.length}, '{}')
      on conflict (idempotency_key) do nothing returning id`;
    if (row) return reply.code(202).send({ receiptId: id, status: 'accepted' });
    await minio.removeObject(job.s3.bucket, key);
    const [first] = await sql<{ id: string }[]>`select id from ${sql(MINIMAL_INBOUND_TABLE)} where idempotency_key = ${sha256}`;
    return reply.code(200).send({ receiptId: first.id, status: 'accepted' });
  });

  await serveInThread(app, () => sql.end({ timeout: 5 }));
}

/** Starts the yardstick in a worker thread; resolves once it listens. Its path is `/inbound`. */
export const startMinimalInboundThread = (options: Omit<MinimalInboundJob, 'kind'>): Promise<ApiThread> =>
  startServerThread(SELF, { kind: 'vanthu-bench-minimal-inbound', ...options } satisfies MinimalInboundJob);

if (!isMainThread && (workerData as { kind?: string } | null)?.kind === 'vanthu-bench-minimal-inbound')
  await serve(workerData as MinimalInboundJob);
