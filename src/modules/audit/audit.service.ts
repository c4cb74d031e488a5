import type { Db, Tx } from '../../db/client.js';
import { GENESIS_HASH, auditRowHash } from './audit.hash.js';
import type { AuditRepo } from './audit.repo.js';

export type AuditEventInput = {
  actorId: string | null;
  organizationId: string | null;
  /** dotted verb, e.g. `user.create`, `organization.merge`, `document.register` */
  action: string;
  subjectType: string;
  subjectId: string | null;
  details?: Record<string, unknown>;
};

export type ChainVerification =
  | { ok: true; checked: number }
  | { ok: false; checked: number; firstBrokenId: number; reason: string };

export type AuditServiceDeps = { db: Db; auditRepo: AuditRepo };

export function createAuditService({ db, auditRepo }: AuditServiceDeps) {
  return {
    /**
     * Appends one event to the hash chain inside the caller's transaction, so the event exists if and
     * only if the state change it describes was committed.
     */
    async record(tx: Tx, event: AuditEventInput): Promise<void> {
      const { nextId, prevHash } = await auditRepo.lockHead(tx);
      const row = {
        id: nextId,
        occurredAt: new Date(),
        actorId: event.actorId,
        organizationId: event.organizationId,
        action: event.action,
        subjectType: event.subjectType,
        subjectId: event.subjectId,
        details: event.details ?? {},
      };
      const previous = prevHash ?? GENESIS_HASH;
      await auditRepo.insert(tx, { ...row, prevHash: previous, hash: auditRowHash(previous, row) });
    },

    /** Walks the whole chain in id order and names the first row whose link or content does not match. */
    async verifyChain({ batchSize = 5000 }: { batchSize?: number } = {}): Promise<ChainVerification> {
      let expectedPrev = GENESIS_HASH;
      let afterId = 0;
      let checked = 0;
      for (;;) {
        const rows = await auditRepo.pageAfter(db, afterId, batchSize);
        if (rows.length === 0) return { ok: true, checked };
        for (const row of rows) {
          if (row.prevHash !== expectedPrev) {
            return { ok: false, checked, firstBrokenId: row.id, reason: 'previous-hash link does not match the row before it (a row was removed, inserted or altered)' };
          }
          const recomputed = auditRowHash(row.prevHash, row);
          if (recomputed !== row.hash) {
            return { ok: false, checked, firstBrokenId: row.id, reason: 'row content does not match its hash (the row was altered)' };
          }
          expectedPrev = row.hash;
          afterId = row.id;
          checked++;
        }
      }
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
