import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * The transactional outbox: a row written in the same transaction as the state change that must
 * cause work. The relay publishes it to BullMQ under `jobId`; the handler marks it completed in its
 * own transaction. PostgreSQL is the truth: the reconciler re-publishes published rows whose job
 * vanished from Redis.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    /** A JobName of src/jobs/catalog.ts. */
    name: text().notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    /** Deterministic BullMQ job id: publishing the same row twice is a no-op in BullMQ. */
    jobId: text().notNull(),
    /** BullMQ priority (1 = first; hỏa tốc). */
    priority: integer().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp({ withTimezone: true }),
    completedAt: timestamp({ withTimezone: true }),
    attempts: integer().notNull().default(0),
    lastError: text(),
  },
  (t) => [
    uniqueIndex('outbox_job_id_uq').on(t.jobId),
    // The relay: unpublished rows by priority then age.
    index('outbox_unpublished_idx')
      .on(t.priority, t.id)
      .where(sql`${t.publishedAt} is null`),
    // The reconciler: published rows not completed yet, oldest first.
    index('outbox_pending_idx')
      .on(t.publishedAt)
      .where(sql`${t.publishedAt} is not null and ${t.completedAt} is null`),
  ],
);
