import type { Job } from 'bullmq';
import type { Container } from '../../src/container.js';

/** Nightly check of the whole audit chain; a broken chain is logged at error level for the operators. */
export async function verifyAuditChain(job: Job, { services, logger }: Container) {
  const result = await services.audit.verifyChain();
  if (result.ok) logger.info({ jobId: job.id, checked: result.checked }, 'audit chain intact');
  else logger.error({ jobId: job.id, ...result }, 'audit chain BROKEN');
  return result;
}
