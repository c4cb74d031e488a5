import type { QueueName } from '../src/jobs/catalog.js';

/** Per-queue worker settings. */
export const QUEUE_SETTINGS: Record<QueueName, { concurrency: number }> = {
  maintenance: { concurrency: 1 },
};

/** Recurring jobs, upserted from this one place at worker start (idempotent across replicas). */
export const SCHEDULES = [{ id: 'audit-verify-nightly', job: 'audit.verify-chain' as const, pattern: '0 30 1 * * *', tz: 'Asia/Ho_Chi_Minh' }];
