import type { Job } from 'bullmq';
import { Value } from 'typebox/value';
import { UnrecoverableError } from 'bullmq';
import type { Container } from '../../src/container.js';
import { JOBS } from '../../src/jobs/catalog.js';

/** Hourly: deletes stored objects no document file references (uploads that died before their commit). */
export async function sweepOrphanObjectsHandler(job: Job, { services, logger }: Container) {
  const payload: unknown = job.data ?? {};
  if (!Value.Check(JOBS['storage.sweep-orphans'].payload, payload)) throw new UnrecoverableError('invalid storage.sweep-orphans payload');
  const { deletedKeys, ...result } = await services.orphanSweep.sweep({ graceMs: payload.graceMs });
  logger.info({ jobId: job.id, ...result, sample: deletedKeys.slice(0, 20) }, 'orphan objects swept');
  return result;
}
