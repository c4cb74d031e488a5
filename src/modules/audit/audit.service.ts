import type { SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { GENESIS_HASH, chainLinkHash, eventContentHash, legacyRowHash } from './audit.hash.js';
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

export type ChainVerification = { ok: true; checked: number } | { ok: false; checked: number; firstBrokenId: number; reason: string };

export type AuditServiceDeps = { db: Db; auditRepo: AuditRepo };

/** The row of one event, its content hash computed here (`occurredAt`: now, or a batch's one time). */
function rowOf(event: AuditEventInput, occurredAt = new Date()) {
  const content = {
    occurredAt,
    actorId: event.actorId,
    organizationId: event.organizationId,
    action: event.action,
    subjectType: event.subjectType,
    subjectId: event.subjectId,
    details: event.details ?? {},
  };
  return { ...content, contentHash: eventContentHash(content) };
}

export function createAuditService({ db, auditRepo }: AuditServiceDeps) {
  return {
    /**
     * Writes one event inside the caller's transaction, so the event exists if and only if the state
     * change it describes was committed. The database links it into the hash chain at commit.
     */
    async record(tx: Tx, event: AuditEventInput): Promise<void> {
      await auditRepo.insert(tx, rowOf(event));
    },

    /**
     * `record` as an INSERT the caller runs inside its own single statement (which is then its
     * transaction): the event exists if and only if that statement's other writes commit.
     */
    recordStatement(event: AuditEventInput): SQL {
      return auditRepo.insertStatement(rowOf(event));
    },

    /**
     * Writes many events inside the caller's transaction in a few statements (a reorganisation's
     * entry on each document it carries), each exactly as record would.
     */
    async recordMany(tx: Tx, events: AuditEventInput[]): Promise<void> {
      const occurredAt = new Date();
      await auditRepo.insertMany(
        tx,
        events.map((event) => rowOf(event, occurredAt)),
      );
    },

    /**
     * Walks every chain (stripe) in order and names the first event whose link or content does not
     * match, or an event that is in no chain at all.
     */
    async verifyChain({ batchSize = 5000 }: { batchSize?: number } = {}): Promise<ChainVerification> {
      const expectedPrev = new Map<number, string>();
      let after = { stripe: -1, seq: 0 };
      let checked = 0;
      for (;;) {
        const rows = await auditRepo.chainPageAfter(db, after, batchSize);
        if (rows.length === 0) break;
        for (const row of rows) {
          if (row.prevHash !== (expectedPrev.get(row.stripe) ?? GENESIS_HASH)) {
            return {
              ok: false,
              checked,
              firstBrokenId: row.id,
              reason: 'previous-hash link does not match the event before it (an event was removed, inserted or altered)',
            };
          }
          const contentIntact = row.contentHash === null || row.contentHash === eventContentHash(row);
          const recomputed =
            row.contentHash === null
              ? legacyRowHash(row.prevHash, row)
              : chainLinkHash(row.prevHash, { stripe: row.stripe, seq: row.seq, eventId: row.id, contentHash: row.contentHash });
          if (!contentIntact || recomputed !== row.hash) {
            return { ok: false, checked, firstBrokenId: row.id, reason: 'event content does not match its hash (the event was altered)' };
          }
          expectedPrev.set(row.stripe, row.hash);
          after = { stripe: row.stripe, seq: row.seq };
          checked++;
        }
      }
      const unchained = await auditRepo.firstUnchained(db);
      if (unchained !== null)
        return { ok: false, checked, firstBrokenId: unchained, reason: 'event is in no chain (written around the chain trigger)' };
      return { ok: true, checked };
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
