import { bigint, index, jsonb, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Append-only log of every state change, written in the transaction of the change. Each row carries
 * the sha256 of its canonical content (`contentHash`); its place in the hash chain is in
 * `audit_chain`. A trigger (migrations) refuses UPDATE and DELETE.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    occurredAt: timestamp({ withTimezone: true, mode: 'date', precision: 3 }).notNull(),
    actorId: uuid(),
    organizationId: uuid(),
    action: text().notNull(),
    subjectType: text().notNull(),
    subjectId: text(),
    details: jsonb().$type<Record<string, unknown>>().notNull(),
    /**
     * sha256 of the canonical content, computed by the application. Null only on rows written before
     * the chain moved to `audit_chain` (their chain hash covers the content directly).
     */
    contentHash: text(),
  },
  (t) => [index('audit_events_subject_idx').on(t.subjectType, t.subjectId)],
);

/**
 * The hash chains over `audit_events`: one row per event, written by a deferred trigger when the
 * event's transaction commits (migration 0011), so the chain lock is held only for the commit, never
 * across a round trip to the application. Events are spread over a few independent chains
 * (stripes) so that commits of unrelated writes can share a WAL flush instead of queueing for one
 * lock; each stripe is a complete chain: `hash` = sha256(prevHash, stripe, seq, eventId, contentHash).
 * Altering, inserting or deleting an event breaks its stripe's chain (`npm run audit:verify`).
 */
export const auditChain = pgTable(
  'audit_chain',
  {
    stripe: smallint().notNull(),
    seq: bigint({ mode: 'number' }).notNull(),
    eventId: bigint({ mode: 'number' })
      .notNull()
      .unique()
      .references(() => auditEvents.id),
    prevHash: text().notNull(),
    hash: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.stripe, t.seq] })],
);
