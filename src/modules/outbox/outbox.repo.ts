import { and, asc, eq, gt, inArray, isNotNull, isNull, lt, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { outbox } from '../../db/schema/index.js';

export type OutboxRow = typeof outbox.$inferSelect;
export type NewOutboxRow = Pick<typeof outbox.$inferInsert, 'name' | 'payload' | 'jobId' | 'priority'> & {
  /** Written published: the committer adds the job itself after its commit (publishCommitted), no relay does. */
  publishedByCaller?: boolean;
};

/** Channel the relay LISTENs on; `add` notifies it so a worker process publishes right after commit. */
export const OUTBOX_CHANNEL = 'vanthu_outbox';

/**
 * The INSERT of `insert`, as SQL text, also for a caller that runs it inside its own statement (an
 * upload writes everything in one). One parameter for the rows, whatever their number (no limit of
 * bind parameters for a fan-out's thousands of rows).
 */
function insertStatement(rows: NewOutboxRow[]): SQL {
  const records = JSON.stringify(
    rows.map((r) => ({
      name: r.name,
      payload: r.payload,
      job_id: r.jobId,
      priority: r.priority ?? null,
      published: r.publishedByCaller === true,
    })),
  );
  return sql`
    insert into outbox (name, payload, job_id, priority, published_at)
    select r.name, r.payload, r.job_id, r.priority, case when r.published then now() end
      from jsonb_to_recordset(${records}::jsonb) as r(name text, payload jsonb, job_id text, priority int, published boolean)
    on conflict (job_id) do nothing`;
}

/** `markCompleted` as an UPDATE, also for a caller's own statement. */
function completeStatement(jobId: string): SQL {
  return sql`update outbox set completed_at = now() where job_id = ${jobId} and completed_at is null`;
}

/** SQL of the transactional outbox. */
export function createOutboxRepo() {
  return {
    insertStatement,

    /** Inserts the row unless one with the same jobId exists (the same work asked twice is one job). */
    async insert(db: DbOrTx, rows: NewOutboxRow[]): Promise<void> {
      if (rows.length > 0) await db.execute(insertStatement(rows));
    },

    /** NOTIFY is delivered at commit (and only then), exactly when the row becomes visible. */
    async notify(db: DbOrTx): Promise<void> {
      await db.execute(sql`select pg_notify(${OUTBOX_CHANNEL}, '')`);
    },

    /** Unpublished rows, most urgent first, locked so that concurrent relays take disjoint batches. */
    async lockUnpublished(db: DbOrTx, limit: number): Promise<OutboxRow[]> {
      return db
        .select()
        .from(outbox)
        .where(isNull(outbox.publishedAt))
        .orderBy(asc(outbox.priority), asc(outbox.id))
        .limit(limit)
        .for('update', { skipLocked: true });
    },

    /** Published, not completed, and published before `before`: candidates whose job may have vanished. */
    async lockStale(db: DbOrTx, before: Date, afterId: number, limit: number): Promise<OutboxRow[]> {
      return db
        .select()
        .from(outbox)
        .where(and(isNotNull(outbox.publishedAt), isNull(outbox.completedAt), lt(outbox.publishedAt, before), gt(outbox.id, afterId)))
        .orderBy(asc(outbox.id))
        .limit(limit)
        .for('update', { skipLocked: true });
    },

    async markPublished(db: DbOrTx, ids: number[]): Promise<void> {
      if (ids.length === 0) return;
      await db.update(outbox).set({ publishedAt: new Date() }).where(inArray(outbox.id, ids));
    },

    /**
     * Hands rows written published back to the relays (their committer could not add the jobs); a
     * row completed meanwhile stays as it is.
     */
    async unpublishByJobIds(db: DbOrTx, jobIds: string[]): Promise<void> {
      if (jobIds.length === 0) return;
      await db.execute(sql`
        update outbox set published_at = null
         where job_id in (select jsonb_array_elements_text(${JSON.stringify(jobIds)}::jsonb)) and completed_at is null`);
    },

    completeStatement,

    /** Idempotent: only the first completion counts. Returns whether this call completed the row. */
    async markCompleted(db: DbOrTx, jobId: string): Promise<boolean> {
      // SQL text: every job ends with it.
      const rows = await db.execute(sql`${completeStatement(jobId)} returning id`);
      return rows.length > 0;
    },

    async recordFailure(db: DbOrTx, jobId: string, error: string): Promise<void> {
      await db
        .update(outbox)
        .set({ attempts: sql`${outbox.attempts} + 1`, lastError: error.slice(0, 2000) })
        .where(eq(outbox.jobId, jobId));
    },

    async findByJobId(db: DbOrTx, jobId: string): Promise<OutboxRow | undefined> {
      const [row] = await db.select().from(outbox).where(eq(outbox.jobId, jobId));
      return row;
    },
  };
}

export type OutboxRepo = ReturnType<typeof createOutboxRepo>;
