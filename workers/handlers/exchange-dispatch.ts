import type { Job } from 'bullmq';
import type { Container } from '../../src/container.js';
import type { JobPayload } from '../../src/jobs/catalog.js';

/** A batch of a dispatch's internal recipients gets its incoming documents (one set-based transaction); on the last attempt a failure dead-letters the batch instead of throwing. */
export async function deliverInternalHandler(job: Job, { services: { exchange } }: Container) {
  const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
  return exchange.dispatch.deliverInternal(job.data as JobPayload<'exchange.deliver-internal'>, job.id, { lastAttempt });
}

/** A remote delivery's package to its peer; on the last attempt a retryable failure dead-letters it instead of throwing. */
export async function sendDocumentHandler(job: Job, { services: { exchange } }: Container) {
  const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
  return exchange.dispatch.sendDocument(job.data as JobPayload<'exchange.send-document'>, { jobId: job.id, lastAttempt });
}
