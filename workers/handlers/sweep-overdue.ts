import type { Job } from 'bullmq';
import type { Container } from '../../src/container.js';

/**
 * The scheduled overdue sweep (every minute): flags open assignments past their due date with the
 * holders at that moment, refreshes running overruns and flags overdue documents. Idempotent, so a
 * retried or doubled run changes nothing more.
 */
export async function sweepOverdueHandler(job: Job, { services, logger }: Container) {
  const result = await services.tracking.sweepOverdue();
  if (result.assignmentsFlagged > 0 || result.documentsFlagged > 0) logger.info({ jobId: job.id, ...result }, 'overdue sweep flagged items');
  return result;
}
