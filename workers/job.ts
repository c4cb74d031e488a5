import type { Container } from '../src/container.js';
import type { JobName, JobPayload } from '../src/jobs/catalog.js';
import type { Logger } from '../src/lib/logger.js';

/** What a handler gets from the runtime (workers/runtime.ts): a payload already checked against the catalogue's schema. */
export type JobContext<N extends JobName> = {
  /** BullMQ's job id: deterministic for jobs with an effect (the outbox completes its row by it). */
  id: string | undefined;
  name: N;
  payload: JobPayload<N>;
  /** This attempt, from 1. */
  attempt: number;
  /** No retry follows a failure of this attempt: handlers that dead-letter instead of throwing do so now. */
  lastAttempt: boolean;
  /** The worker's logger bound to { jobId, job, attempt }. */
  logger: Logger;
  container: Container;
};

export type JobHandler<N extends JobName> = (job: JobContext<N>) => Promise<unknown>;

export type JobHandlers = { [N in JobName]: JobHandler<N> };
