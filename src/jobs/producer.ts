import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { contextLogger, type LogMethods } from '../lib/logger.js';
import { JOB_DEFAULTS, JOBS, QUEUES, assertValidJobId, type JobName, type JobPayload } from './catalog.js';

export type ProducerOptions = { connection: Redis; prefix: string; logger: Pick<LogMethods, 'debug'> };

/**
 * Typed enqueue. Callers pass a deterministic `jobId` whenever the job has an effect, so a retried
 * enqueue (or the outbox reconciler) never creates a second job for the same work.
 */
export function createProducer({ connection, prefix, logger }: ProducerOptions) {
  const queues = new Map(QUEUES.map((name) => [name, new Queue(name, { connection, prefix })]));

  return {
    async enqueue<N extends JobName>(name: N, payload: JobPayload<N>, opts: JobsOptions = {}) {
      const queue = queues.get(JOBS[name].queue)!;
      if (opts.jobId !== undefined) assertValidJobId(opts.jobId);
      const job = await queue.add(name, payload, { ...JOB_DEFAULTS, ...opts });
      // Ties the request (or job) that queued the job to its id, which the job's own lines carry
      // (under jobId: named apart here, as a job's own bindings hold a jobId too).
      contextLogger(logger).debug({ queuedJob: name, queuedJobId: job.id }, 'job queued');
      return job;
    },

    queue: (name: string) => queues.get(name as (typeof QUEUES)[number]),

    async close() {
      await Promise.all([...queues.values()].map((q) => q.close()));
    },
  };
}

export type Producer = ReturnType<typeof createProducer>;
