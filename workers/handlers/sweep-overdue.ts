import type { JobContext } from '../job.js';

/**
 * The scheduled overdue sweep (every minute): flags open assignments past their due date with the
 * holders at that moment, refreshes running overruns and flags overdue documents. Idempotent, so a
 * retried or doubled run changes nothing more.
 */
export async function sweepOverdueHandler({ logger, container }: JobContext<'tracking.sweep-overdue'>) {
  const result = await container.services.tracking.sweepOverdue();
  if (result.assignmentsFlagged > 0 || result.documentsFlagged > 0) logger.info(result, 'overdue sweep flagged items');
  return result;
}
