import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { JOB_DEFAULTS, JOBS, QUEUES, assertValidJobId, type JobName, type JobPayload } from './catalog.js';

export type ProducerOptions = { connection: Redis; prefix: string };

/**
 * Typed enqueue. Callers pass a deterministic `jobId` whenever the job has an effect, so a retried
 * enqueue (or the outbox reconciler) never creates a second job for the same work.
 */
export function createProducer({ connection, prefix }: ProducerOptions) {
  const queues = new Map(QUEUES.map((name) => [name, new Queue(name, { connection, prefix })]));

  return {
    async enqueue<N extends JobName>(name: N, payload: JobPayload<N>, opts: JobsOptions = {}) {
      const queue = queues.get(JOBS[name].queue)!;
      if (opts.jobId !== undefined) assertValidJobId(opts.jobId);
      return queue.add(name, payload, { ...JOB_DEFAULTS, ...opts });
    },

    queue: (name: string) => queues.get(name as (typeof QUEUES)[number]),

    async close() {
      await Promise.all([...queues.values()].map((q) => q.close()));
    },
  };
}

export type Producer = ReturnType<typeof createProducer>;
