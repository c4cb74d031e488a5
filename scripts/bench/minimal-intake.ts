/**
 * A YARDSTICK, not product: the least anyone would write to take in the packages the minimal
 * inbound server (minimal-inbound.ts) accepted, so that the burst bench can compare vanthu's accept
 * latency with that of a minimal server whose packages are being taken in at the same time, as
 * vanthu's are. Its own process at a lower CPU priority (as vanthu's workers run), polling the
 * yardstick's table for accepted rows (FOR UPDATE SKIP LOCKED; no queue, no outbox, no audit); per
 * package: the raw bytes read back from S3, the first attachment's base64 cut out of the XML by
 * string search and decoded, PUT with the minio client, then one transaction inserting one document
 * row and one file row per recipient (copies of vanthu's tables, same indexes, no foreign keys) and
 * marking the package processed.
 *
 * Run by the bench: `node --import tsx scripts/bench/minimal-intake.ts` with MINIMAL_INTAKE (JSON).
 */
import { randomUUID } from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import { Client } from 'minio';
import postgres from 'postgres';

/** The yardstick's copies of vanthu's tables (`like … including all`, created by the bench). */
export const MINIMAL_DOCUMENTS_TABLE = 'bench_minimal_documents';
export const MINIMAL_FILES_TABLE = 'bench_minimal_files';

export type MinimalIntakeJob = {
  databaseUrl: string;
  inboundTable: string;
  recipients: string[];
  concurrency: number;
  s3: { endPoint: string; port: number; useSSL: boolean; accessKey: string; secretKey: string; region: string; bucket: string };
};

const OPEN = '<ContentTransferEncoded>';
const CLOSE = '</ContentTransferEncoded>';

async function run(job: MinimalIntakeJob): Promise<void> {
  const sql = postgres(job.databaseUrl, { max: job.concurrency, onnotice: () => {} });
  const minio = new Client({ ...job.s3, pathStyle: true });
  const orgs = await sql<{ id: string }[]>`select id from organizations where code = any(${job.recipients}) and valid_to is null`;
  let stopping = false;
  process.once('SIGTERM', () => (stopping = true));

  /** Takes in one accepted package; false when none is waiting. */
  const takeOne = () =>
    sql.begin(async (tx) => {
      const [pkg] = await tx<{ id: string; raw_storage_key: string }[]>`
        select id, raw_storage_key from ${tx(job.inboundTable)} where state = 'accepted' order by created_at limit 1 for update skip locked`;
      if (!pkg) return false;
      const xml = (await buffer(await minio.getObject(job.s3.bucket, pkg.raw_storage_key))).toString('latin1');
      const start = xml.indexOf(OPEN) + OPEN.length;
      const bytes = Buffer.from(xml.slice(start, xml.indexOf(CLOSE, start)), 'base64');
      const key = `${pkg.raw_storage_key.slice(0, pkg.raw_storage_key.lastIndexOf('/'))}/attachment-1`;
      await minio.putObject(job.s3.bucket, key, bytes, bytes.length, { 'Content-Type': 'application/pdf' });
      const docs = orgs.map((o) => ({ id: randomUUID(), org: o.id }));
      await tx`
        insert into ${tx(MINIMAL_DOCUMENTS_TABLE)} (id, direction, owner_organization_id, type_name, subject, search_text)
        select d.id, 'incoming', d.org, 'Công văn', 'bench', 'bench'
          from jsonb_to_recordset(${tx.json(docs)}) as d(id uuid, org uuid)`;
      await tx`
        insert into ${tx(MINIMAL_FILES_TABLE)} (id, document_id, name, content_type, size, sha256, storage_key, kind)
        select gen_random_uuid(), d.id, 'attachment.pdf', 'application/pdf', ${bytes.length}, '', ${key}, 'main'
          from jsonb_to_recordset(${tx.json(docs)}) as d(id uuid)`;
      await tx`update ${tx(job.inboundTable)} set state = 'processed', processed_at = now() where id = ${pkg.id}`;
      return true;
    });

  await Promise.all(
    Array.from({ length: job.concurrency }, async () => {
      while (!stopping) if (!(await takeOne())) await new Promise((r) => setTimeout(r, 20));
    }),
  );
  await sql.end({ timeout: 5 });
}

// The bench imports this module for its table names; only the child it spawns runs the loop.
if (process.env.MINIMAL_INTAKE) await run(JSON.parse(process.env.MINIMAL_INTAKE) as MinimalIntakeJob);
