// The worker runtime: how a BullMQ job becomes a handler call. workers/main.ts and the tests run
// jobs only through it, so the tests exercise the same checks, logging and outbox bookkeeping.
import { UnrecoverableError, Worker, type Job, type WorkerOptions } from 'bullmq';
import { Value } from 'typebox/value';
import type { Container } from '../src/container.js';
import { JOBS, isJobName, type JobName, type QueueName } from '../src/jobs/catalog.js';
import { createWorkerRedis } from '../src/jobs/redis.js';
import { withLogger, type Logger } from '../src/lib/logger.js';
import type { JobHandler, JobHandlers } from './job.js';
import { QUEUE_SETTINGS } from './queues.js';
import { HANDLERS } from './registry.js';

/** The part of a BullMQ job the runtime reads (a test may hand over a plain object). */
export type RuntimeJob = Pick<Job, 'id' | 'name' | 'data' | 'attemptsMade' | 'opts'>;

export type ProcessorOptions = { logger?: Logger; handlers?: JobHandlers };

/**
 * Returns the processor of every queue: binds a child logger { jobId, job, attempt } (the context
 * logger of everything the handler calls), checks the payload against the catalogue once (a payload
 * that does not fit fails at once, with no retry: it would not fit on the next attempt either) and
 * calls the job's handler with the typed payload.
 */
export function createJobProcessor(container: Container, { logger = container.logger, handlers = HANDLERS }: ProcessorOptions = {}) {
  return async function processJob(job: RuntimeJob): Promise<unknown> {
    const attempt = job.attemptsMade + 1;
    const jobLogger = logger.child({ jobId: job.id, job: job.name, attempt });
    if (!isJobName(job.name)) {
      jobLogger.error('unknown job: failed without retry');
      throw new UnrecoverableError(`unknown job ${job.name}`);
    }
    const name: JobName = job.name;
    // Scheduled jobs carry `{}`; an absent payload is the same empty object.
    const payload: unknown = job.data ?? {};
    if (!Value.Check(JOBS[name].payload, payload)) {
      // Where and why only: a payload's values (names, ids of people) stay out of the logs.
      const errors = [...Value.Errors(JOBS[name].payload, payload)].slice(0, 10).map((e) => `${e.instancePath || '/'} ${e.message}`);
      jobLogger.warn({ errors }, 'invalid job payload: failed without retry');
      throw new UnrecoverableError(`invalid payload for ${name}: ${errors.join('; ')}`);
    }
    // The registry's type pairs each name with its handler; TypeScript cannot follow a union key.
    const handler = handlers[name] as JobHandler<JobName>;
    // The services the handler calls log with the job's logger too (contextLogger).
    return withLogger(jobLogger, () =>
      handler({
        id: job.id,
        name,
        payload: payload as never,
        attempt,
        lastAttempt: attempt >= (job.opts.attempts ?? 1),
        logger: jobLogger,
        container,
      }),
    );
  };
}

export type QueueWorkerOptions = {
  /** Defaults to the queue's setting in workers/queues.ts. */
  concurrency?: number;
  logger?: Logger;
  /** Further BullMQ settings (lock and stall intervals). */
  worker?: Omit<Partial<WorkerOptions>, 'connection' | 'prefix' | 'concurrency'>;
  /** Runs after the handler returned and before the job is marked completed (the crash tests hold the job here). */
  afterHandler?: (job: Job, result: unknown) => Promise<void>;
};

export type QueueWorker = { worker: Worker; close(): Promise<void> };

/**
 * One BullMQ worker on `queue` with its own blocking connection (BullMQ needs one per worker), the
 * runtime's processor, and the outbox bookkeeping: a failed attempt is counted on the job's row, a
 * completed job marks its row done (the safety net for a handler that did not). `close()` waits for
 * running jobs, then disconnects.
 */
export function startQueueWorker(
  container: Container,
  queue: QueueName,
  { concurrency, logger = container.logger, worker: extra = {}, afterHandler }: QueueWorkerOptions = {},
): QueueWorker {
  const { config, services } = container;
  const connection = createWorkerRedis(config.redis.url);
  const processJob = createJobProcessor(container, { logger });
  const worker = new Worker(
    queue,
    async (job: Job) => {
      const result = await processJob(job);
      if (afterHandler) await afterHandler(job, result);
      return result;
    },
    { ...extra, connection, prefix: config.redis.prefix, concurrency: concurrency ?? QUEUE_SETTINGS[queue].concurrency },
  );
  worker.on('failed', (job, err) => {
    logger.warn({ jobId: job?.id, job: job?.name, attempt: job?.attemptsMade, err }, 'job failed');
    void services.outbox.recordFailure(job?.id, err.message).catch(() => {});
  });
  worker.on('completed', (job) => void services.outbox.completeAfterSuccess(job.id).catch(() => {}));
  worker.on('error', (err) => logger.error({ err, queue }, 'worker error'));
  return {
    worker,
    async close() {
      await worker.close();
      connection.disconnect();
    },
  };
}
