import { asc, gt, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client.js';
import { auditEvents } from '../../db/schema/index.js';

/**
 * Every appender takes this transaction-scoped advisory lock, so rows are chained in commit order:
 * the lock is held until the surrounding transaction ends. Services append the audit row as the
 * last write of their transaction to keep the serialised part short.
 */
const AUDIT_CHAIN_LOCK = 0x76_61_6e_74; // "vant"

export type AuditRow = typeof auditEvents.$inferSelect;
export type NewAuditRow = typeof auditEvents.$inferInsert;

export function createAuditRepo() {
  return {
    /** Locks the chain head for this transaction and returns the next id and the previous hash. */
    async lockHead(tx: Tx): Promise<{ nextId: number; prevHash: string | null }> {
      // Read the head only once the lock is held (one statement after it, not in the same one:
      // PostgreSQL may evaluate a sub-select before the lock function, and a statement's snapshot
      // predates its own lock). Both statements are sent at once (pipelined on the transaction's
      // connection): the server still runs the second after the first returns, with a fresh
      // snapshot, but the lock is no longer held for a network round trip between them. The chain
      // lock serialises every audited write, so that round trip capped the whole system's rate.
      const [, [head]] = await Promise.all([
        tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`),
        tx.execute<{ nextId: string; prevHash: string | null }>(sql`
        select nextval(pg_get_serial_sequence('audit_events', 'id')) as "nextId",
               (select hash from audit_events order by id desc limit 1) as "prevHash"`),
      ]);
      return { nextId: Number(head.nextId), prevHash: head.prevHash };
    },

    async insert(tx: Tx, row: NewAuditRow): Promise<void> {
      await tx.insert(auditEvents).values(row);
    },

    /** A page of the chain in id order, for the verifier. */
    async pageAfter(db: DbOrTx, afterId: number, limit: number): Promise<AuditRow[]> {
      return db.select().from(auditEvents).where(gt(auditEvents.id, afterId)).orderBy(asc(auditEvents.id)).limit(limit);
    },

    async listForSubject(db: DbOrTx, subjectType: string, subjectId: string): Promise<AuditRow[]> {
      return db
        .select()
        .from(auditEvents)
        .where(sql`${auditEvents.subjectType} = ${subjectType} and ${auditEvents.subjectId} = ${subjectId}`)
        .orderBy(asc(auditEvents.id));
    },
  };
}

export type AuditRepo = ReturnType<typeof createAuditRepo>;
