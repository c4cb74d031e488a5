import { asc, eq, getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client.js';
import { auditChain, auditEvents } from '../../db/schema/index.js';

export type AuditRow = typeof auditEvents.$inferSelect;
export type NewAuditRow = typeof auditEvents.$inferInsert;
/** An event with its place in the chain. */
export type ChainedAuditRow = AuditRow & { stripe: number; seq: number; prevHash: string; hash: string };

/**
 * The INSERT of one event, for `insert` or for a caller that runs it inside its own statement (an
 * upload writes everything in one): the event is chained when that statement's transaction commits.
 * SQL text rather than the query builder: every audited request runs it, and building it cost
 * 0.05 ms of CPU per call (measured; the text's parameters cost a tenth of that).
 */
function insertStatement(row: NewAuditRow): SQL {
  return sql`
    insert into audit_events (occurred_at, actor_id, organization_id, action, subject_type, subject_id, details, content_hash)
    values (${row.occurredAt.toISOString()}::timestamptz, ${row.actorId ?? null}::uuid, ${row.organizationId ?? null}::uuid, ${row.action},
            ${row.subjectType}, ${row.subjectId ?? null}, ${JSON.stringify(row.details)}::jsonb, ${row.contentHash ?? null})`;
}

export function createAuditRepo() {
  return {
    /**
     * Inserts the event; the database links it into the chain when the transaction commits (the
     * deferred trigger of migration 0011), so no lock is taken here.
     */
    async insert(tx: Tx, row: NewAuditRow): Promise<void> {
      await tx.execute(insertStatement(row));
    },

    insertStatement,

    /** Several rows, in statements of at most 1,000 (each row is chained at commit like a single one). */
    async insertMany(tx: Tx, rows: NewAuditRow[]): Promise<void> {
      for (let i = 0; i < rows.length; i += 1000) await tx.insert(auditEvents).values(rows.slice(i, i + 1000));
    },

    /** A page of the chains in (stripe, seq) order, after the given position, for the verifier. */
    async chainPageAfter(db: DbOrTx, after: { stripe: number; seq: number }, limit: number): Promise<ChainedAuditRow[]> {
      return db
        .select({
          ...getTableColumns(auditEvents),
          stripe: auditChain.stripe,
          seq: auditChain.seq,
          prevHash: auditChain.prevHash,
          hash: auditChain.hash,
        })
        .from(auditChain)
        .innerJoin(auditEvents, eq(auditEvents.id, auditChain.eventId))
        .where(sql`(${auditChain.stripe}, ${auditChain.seq}) > (${after.stripe}, ${after.seq})`)
        .orderBy(asc(auditChain.stripe), asc(auditChain.seq))
        .limit(limit);
    },

    /** The first event that has no place in any chain (written around the trigger), if any. */
    async firstUnchained(db: DbOrTx): Promise<number | null> {
      const [row] = await db
        .select({ id: auditEvents.id })
        .from(auditEvents)
        .where(sql`not exists (select 1 from ${auditChain} where ${auditChain.eventId} = ${auditEvents.id})`)
        .orderBy(asc(auditEvents.id))
        .limit(1);
      return row?.id ?? null;
    },
  };
}

export type AuditRepo = ReturnType<typeof createAuditRepo>;
