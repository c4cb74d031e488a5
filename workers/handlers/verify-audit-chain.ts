import type { JobContext } from '../job.js';

/** Nightly check of the whole audit chain; a broken chain is logged at error level for the operators. */
export async function verifyAuditChain({ logger, container }: JobContext<'audit.verify-chain'>) {
  const result = await container.services.audit.verifyChain();
  if (result.ok) logger.info({ checked: result.checked }, 'audit chain intact');
  else logger.error(result, 'audit chain BROKEN');
  return result;
}
