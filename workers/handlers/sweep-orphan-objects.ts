import type { JobContext } from '../job.js';

/** Hourly: deletes stored objects no document file references (uploads that died before their commit). */
export async function sweepOrphanObjectsHandler({ payload, logger, container: { services } }: JobContext<'storage.sweep-orphans'>) {
  const { deletedKeys, ...result } = await services.orphanSweep.sweep({ graceMs: payload.graceMs });
  logger.info({ ...result, sample: deletedKeys.slice(0, 20) }, 'orphan objects swept');
  return result;
}
