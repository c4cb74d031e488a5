import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Append-only, hash-chained log of every state change. Each row's `hash` is
 * sha256(prevHash + canonical row content), so altering, inserting or deleting a row breaks the chain
 * at that row (`npm run audit:verify`). A trigger (migration) refuses UPDATE and DELETE.
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
    prevHash: text().notNull(),
    hash: text().notNull(),
  },
  (t) => [index('audit_events_subject_idx').on(t.subjectType, t.subjectId)],
);
