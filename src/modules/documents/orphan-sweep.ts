import type { DbOrTx } from '../../db/client.js';
import type { ObjectStorage } from '../../storage/object-storage.js';
import type { DocumentsRepo } from './documents.repo.js';
import { DOCUMENT_KEY_PREFIX } from './upload.js';

/** Objects younger than this may belong to an upload whose transaction has not committed yet. */
export const DEFAULT_ORPHAN_GRACE_MS = 60 * 60 * 1000;

const BATCH = 500;

export type SweepOrphansDeps = {
  db: DbOrTx;
  storage: Pick<ObjectStorage, 'listKeys' | 'deleteMany'>;
  documentsRepo: Pick<DocumentsRepo, 'referencedStorageKeys'>;
};

export type SweepOrphansOptions = { graceMs?: number; now?: Date };

export type SweepOrphansResult = { scanned: number; deleted: number; deletedKeys: string[] };

/**
 * Deletes objects under `documents/` that no document_files row references and that are older than
 * the grace period: what an upload leaves when its process dies between storing the bytes and
 * committing the row (or when a clean-up delete failed). Idempotent: a second run finds nothing.
 */
export async function sweepOrphanObjects(
  { db, storage, documentsRepo }: SweepOrphansDeps,
  { graceMs = DEFAULT_ORPHAN_GRACE_MS, now = new Date() }: SweepOrphansOptions = {},
): Promise<SweepOrphansResult> {
  const cutoff = now.getTime() - graceMs;
  const deletedKeys: string[] = [];
  let scanned = 0;
  let batch: string[] = [];

  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const referenced = await documentsRepo.referencedStorageKeys(db, batch);
    const orphans = batch.filter((key) => !referenced.has(key));
    await storage.deleteMany(orphans);
    deletedKeys.push(...orphans);
    batch = [];
  };

  for await (const object of storage.listKeys(DOCUMENT_KEY_PREFIX)) {
    scanned++;
    // `<=` so that a grace of 0 also takes objects written in this very millisecond.
    if (object.lastModified.getTime() > cutoff) continue;
    batch.push(object.key);
    if (batch.length >= BATCH) await flush();
  }
  await flush();

  return { scanned, deleted: deletedKeys.length, deletedKeys };
}

/** The sweep with its dependencies bound: the container's service for the hourly job (workers call services, not repositories). */
export function createOrphanSweep(deps: SweepOrphansDeps) {
  return { sweep: (options?: SweepOrphansOptions): Promise<SweepOrphansResult> => sweepOrphanObjects(deps, options) };
}

export type OrphanSweep = ReturnType<typeof createOrphanSweep>;
