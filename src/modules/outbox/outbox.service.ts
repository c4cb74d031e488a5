import type postgres from 'postgres';
import type { Queue } from 'bullmq';
import type { Db, DbOrTx, Tx } from '../../db/client.js';
import type { SQL } from 'drizzle-orm';
import { JOB_DEFAULTS, JOBS, assertValidJobId, type JobName, type JobPayload } from '../../jobs/catalog.js';
import type { Producer } from '../../jobs/producer.js';
import { contextLogger, type Logger } from '../../lib/logger.js';
import { OUTBOX_CHANNEL, type NewOutboxRow, type OutboxRepo, type OutboxRow } from './outbox.repo.js';
import { DEFAULT_OUTBOX_PRIORITY } from './priority.js';

export type OutboxEntry<N extends JobName> = {
  name: N;
  payload: JobPayload<N>;
  /** Deterministic (derived from what the job acts on); BullMQ forbids ':' and integers. */
  jobId: string;
  /** BullMQ priority, 1 first (see priority.ts); defaults to normal. */
  priority?: number;
};

export type OutboxDeps = {
  db: Db;
  /** The raw client, for LISTEN. */
  sql: postgres.Sql;
  outboxRepo: OutboxRepo;
  producer: Pick<Producer, 'queue'>;
  logger: Logger;
};

export type RelayOptions = {
  /** Poll even without a notification (a NOTIFY can be lost with its connection). */
  pollMs?: number;
  /** How often the reconciler pass runs. */
  reconcileMs?: number;
  /** A published row younger than this is not checked (its job is being added or just ran). */
  staleMs?: number;
  /** LISTEN for commits of other processes (the API) on the outbox channel. */
  listen?: boolean;
};

/** `publishedByCaller`: the row is written published; the caller passes its entry to publishCommitted after the commit. */
export type PublishOptions = { publishedByCaller?: boolean };
export type AddOptions = PublishOptions & { notify?: boolean };

export type ReconcileResult = { checked: number; republished: number };

const BATCH = 500;

/**
 * The transactional outbox: `add` in the caller's transaction, the relay (`kick`, `publishPending`,
 * `startRelay`) publishes committed rows to BullMQ under their jobId, `reconcile` re-publishes rows
 * whose job vanished from Redis (restart, flush), and handlers call `complete` in their own
 * transaction. Delivery is at-least-once; handlers are idempotent, so effects happen once.
 */
export function createOutbox({ db, sql, outboxRepo, producer, logger }: OutboxDeps) {
  const queueOf = (name: string): Queue => {
    const spec = JOBS[name as JobName];
    const queue = spec ? producer.queue(spec.queue) : undefined;
    if (!queue) throw new Error(`outbox row for unknown job ${name}`);
    return queue;
  };

  type Publishable = Pick<OutboxRow, 'name' | 'payload' | 'jobId'> & { priority?: number | null };

  /** Adds the rows' jobs, batched per queue; an existing jobId makes BullMQ skip the add. */
  async function publish(rows: Publishable[]): Promise<void> {
    const byQueue = new Map<Queue, Publishable[]>();
    for (const row of rows) {
      const q = queueOf(row.name);
      byQueue.set(q, [...(byQueue.get(q) ?? []), row]);
    }
    for (const [queue, list] of byQueue) {
      await queue.addBulk(
        list.map((r) => ({ name: r.name, data: r.payload, opts: { ...JOB_DEFAULTS, jobId: r.jobId, priority: r.priority ?? undefined } })),
      );
    }
  }

  /** Publishes committed, unpublished rows in batches until none is left; returns how many. */
  async function publishPending(): Promise<number> {
    let total = 0;
    for (;;) {
      // Rows stay locked while their jobs are added: a concurrent relay skips them, and a crash
      // between add and update only causes a re-add, which the jobId makes a no-op.
      const n = await db.transaction(async (tx) => {
        const rows = await outboxRepo.lockUnpublished(tx, BATCH);
        if (rows.length === 0) return 0;
        // A completed row's job has run (a publishCommitted whose add failed part-way handed it back): only marked.
        await publish(rows.filter((r) => r.completedAt === null));
        await outboxRepo.markPublished(
          tx,
          rows.map((r) => r.id),
        );
        return rows.length;
      });
      total += n;
      if (n < BATCH) return total;
    }
  }

  // Jobs whose handler completed their row itself (in its transaction): the safety net after
  // success has nothing to do for them. Should that transaction roll back while the handler still
  // succeeds, the row stays open and the reconciler publishes the job again (handlers are
  // idempotent). An id leaves the set when its job completes or fails.
  const completedByHandler = new Set<string>();

  let running: Promise<number> | null = null;
  let again = false;

  /** One relay pass at a time per process; a kick during a pass schedules one more pass. */
  function kick(): Promise<number> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let total = 0;
      do {
        again = false;
        try {
          total += await publishPending();
        } catch (err) {
          // Redis or PostgreSQL unreachable: rows stay unpublished; the next poll retries.
          contextLogger(logger).warn({ err }, 'outbox relay pass failed');
          break;
        }
      } while (again);
      return total;
    })().finally(() => {
      running = null;
    });
    return running;
  }

  // Rows committed by callers of publishCommitted, waiting for the pass in progress: each pass adds
  // the jobs of all the rows that came meanwhile (one addBulk per queue), so a busy write path pays
  // a pass per many requests, a quiet one a pass per request.
  let committed: NewOutboxRow[] = [];
  let passing: Promise<void> | null = null;

  async function publishCommittedRows(): Promise<void> {
    while (committed.length > 0) {
      const rows = committed;
      committed = [];
      try {
        await publish(rows);
      } catch (err) {
        contextLogger(logger).warn({ err, count: rows.length }, 'jobs not added after commit; handed to the relays');
        // If this fails too (PostgreSQL unreachable as well), the reconciler adds them once stale.
        await outboxRepo
          .unpublishByJobIds(
            db,
            rows.map((r) => r.jobId),
          )
          .catch((e: unknown) => contextLogger(logger).warn({ err: e, count: rows.length }, 'outbox rows not handed to the relays'));
      }
    }
  }

  /**
   * Adds the jobs of rows the caller has just committed, written published (`publishedByCaller`:
   * no relay takes them, no UPDATE marks them afterwards), at once or with those of the requests
   * that came while the previous pass ran. If adding fails (Redis unreachable) the rows are handed
   * back to the relays' poll; if the process dies before adding, the reconciler finds the rows
   * published without a job once they are `staleMs` old and adds them. Resolves when the pass in
   * progress ends (requests do not wait for it; a row that came just as a pass ended goes with the
   * next one).
   */
  function publishCommitted<N extends JobName>(entries: OutboxEntry<N>[]): Promise<void> {
    // Nothing committed (a replayed intake, a refusal with no local recipient): no pass to start.
    if (entries.length === 0 && committed.length === 0) return passing ?? Promise.resolve();
    committed.push(...entries.map((e) => rowOf(e)));
    passing ??= publishCommittedRows().finally(() => {
      passing = null;
      // Rows pushed after the last loop check but before this callback: one more pass.
      if (committed.length > 0) void publishCommitted([]);
    });
    return passing;
  }

  /**
   * Re-publishes published, uncompleted rows (older than `staleMs`) whose BullMQ job no longer
   * exists. A job that exists in any state (waiting, active, delayed, failed) is left alone: a
   * failed one is in the dead-letter list, for an operator.
   */
  async function reconcile({ staleMs = 30_000 }: { staleMs?: number } = {}): Promise<ReconcileResult> {
    let checked = 0;
    let republished = 0;
    const before = new Date(Date.now() - staleMs);
    let afterId = 0;
    for (;;) {
      const batch = await db.transaction(async (tx) => {
        const rows = await outboxRepo.lockStale(tx, before, afterId, BATCH);
        if (rows.length === 0) return rows;
        const exists = await Promise.all(rows.map(async (r) => (await queueOf(r.name).getJob(r.jobId)) !== undefined));
        const missing = rows.filter((_, i) => !exists[i]);
        if (missing.length > 0) {
          await publish(missing);
          await outboxRepo.markPublished(
            tx,
            missing.map((r) => r.id),
          );
        }
        checked += rows.length;
        republished += missing.length;
        return rows;
      });
      if (batch.length < BATCH) break;
      afterId = batch[batch.length - 1].id;
    }
    if (republished > 0) contextLogger(logger).warn({ checked, republished }, 'outbox reconciler re-published vanished jobs');
    return { checked, republished };
  }

  /**
   * The outbox row of an entry, checked (a valid jobId) and with its default priority;
   * `publishedByCaller`: the caller hands its job to publishCommitted after the commit.
   */
  const rowOf = <N extends JobName>(
    { name, payload, jobId, priority = DEFAULT_OUTBOX_PRIORITY }: OutboxEntry<N>,
    { publishedByCaller = false }: PublishOptions = {},
  ): NewOutboxRow => {
    assertValidJobId(jobId);
    return { name, payload: payload as Record<string, unknown>, jobId, priority, publishedByCaller };
  };

  /**
   * Inserts the rows and, unless `notify` is false, NOTIFYs the relays of other processes. A caller
   * that kicks its own relay right after the commit passes `notify: false`: PostgreSQL serialises
   * the commits of all notifying transactions (it holds a cluster-wide lock from the start of the
   * commit until it is durable), which on a busy write path costs more than the notification is
   * worth. If that kick is lost (the process dies after the commit), the relays' poll finds the rows.
   */
  async function addMany<N extends JobName>(
    tx: Tx,
    entries: OutboxEntry<N>[],
    { notify = true, publishedByCaller = false }: AddOptions = {},
  ): Promise<void> {
    if (entries.length === 0) return;
    const rows = entries.map((e) => rowOf(e, { publishedByCaller }));
    await outboxRepo.insert(tx, rows);
    // No relay takes a row its caller publishes: nobody to notify.
    if (notify && !publishedByCaller) await outboxRepo.notify(tx);
    // Ties the request (or job) that made the jobs to their ids, which the jobs' own lines carry.
    contextLogger(logger).debug({ count: entries.length, jobs: entries.slice(0, 10).map((e) => e.jobId) }, 'jobs recorded in the outbox');
  }

  return {
    /**
     * Records work to do in the caller's transaction: the job exists if and only if the state change
     * commits. Call `kick()` after the transaction to publish it at once. A second add with the same
     * jobId is ignored.
     */
    async add<N extends JobName>(tx: Tx, entry: OutboxEntry<N>, options?: AddOptions): Promise<void> {
      await addMany(tx, [entry], options);
    },

    /** `add` for many rows in one statement (a fan-out): one INSERT and one NOTIFY. */
    addMany,

    /**
     * The row `add` would insert, for a caller that writes it in the same statement as its own
     * row (the job exists if and only if that row is written); no NOTIFY: kick after it.
     */
    rowOf,

    /**
     * The rows `addMany` would insert, as an INSERT the caller runs inside its own single statement
     * (no NOTIFY: kick after it commits).
     */
    insertStatement<N extends JobName>(entries: OutboxEntry<N>[], options?: PublishOptions): SQL {
      return outboxRepo.insertStatement(entries.map((e) => rowOf(e, options)));
    },

    kick,
    publishCommitted,
    publishPending,
    reconcile,

    /**
     * Marks the job's outbox row completed, in the handler's transaction (or alone, when that is
     * the handler's only write); idempotent.
     */
    async complete(tx: DbOrTx, jobId: string | undefined): Promise<void> {
      if (!jobId) return;
      await outboxRepo.markCompleted(tx, jobId);
      completedByHandler.add(jobId);
    },

    /**
     * `complete` as an UPDATE the handler runs inside its own single statement (no UPDATE when there
     * is no job id): the row is completed if and only if that statement commits.
     */
    completeStatement(jobId: string | undefined): SQL[] {
      if (!jobId) return [];
      completedByHandler.add(jobId);
      return [outboxRepo.completeStatement(jobId)];
    },

    /**
     * Safety net run by the worker after any successful job: a handler that forgot to `complete`
     * would otherwise be re-published by the reconciler once BullMQ drops the finished job. One
     * that did complete costs no statement here.
     */
    async completeAfterSuccess(jobId: string | undefined): Promise<void> {
      if (jobId && !completedByHandler.delete(jobId)) await outboxRepo.markCompleted(db, jobId);
    },

    /** Counts a failed attempt on the row (for operators; BullMQ drives the retries). */
    async recordFailure(jobId: string | undefined, error: string): Promise<void> {
      if (!jobId) return;
      completedByHandler.delete(jobId);
      await outboxRepo.recordFailure(db, jobId, error);
    },

    /**
     * The relay loop of a worker process: publishes on NOTIFY and every `pollMs`, reconciles every
     * `reconcileMs`. Returns `stop()`, which waits for the pass in progress.
     */
    startRelay({ pollMs = 1000, reconcileMs = 15_000, staleMs = 30_000, listen = true }: RelayOptions = {}) {
      let stopped = false;
      let reconciling: Promise<unknown> | null = null;
      const listening = listen
        ? sql
            .listen(OUTBOX_CHANNEL, () => void kick())
            .catch((err) => contextLogger(logger).warn({ err }, 'outbox LISTEN failed; polling only'))
        : null;
      const poll = setInterval(() => void kick(), pollMs);
      const reconcileTimer = setInterval(() => {
        if (reconciling || stopped) return;
        reconciling = reconcile({ staleMs })
          .catch((err) => contextLogger(logger).warn({ err }, 'outbox reconciler pass failed'))
          .finally(() => {
            reconciling = null;
          });
      }, reconcileMs);
      void kick();
      return async function stop(): Promise<void> {
        stopped = true;
        clearInterval(poll);
        clearInterval(reconcileTimer);
        const l = await listening;
        if (l) await l.unlisten().catch(() => {});
        await Promise.allSettled([running, reconciling]);
      };
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
