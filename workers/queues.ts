import type { QueueName } from '../src/jobs/catalog.js';

/** Per-queue worker settings. */
export const QUEUE_SETTINGS: Record<QueueName, { concurrency: number }> = {
  maintenance: { concurrency: 1 },
  // One sweep at a time per worker; replicas share the rows with SKIP LOCKED.
  tracking: { concurrency: 1 },
  // Signing is CPU-bound (PDF parsing); two per worker process match the two cores.
  signing: { concurrency: 2 },
  // Intake is mostly waiting on PostgreSQL; status sending on peers' HTTP answers.
  'exchange-inbound': { concurrency: 8 },
  'exchange-outbound': { concurrency: 8 },
  // Each fan-out job is one set-based transaction over up to 100 recipients: a few in parallel keep PostgreSQL busy.
  'exchange-fanout': { concurrency: 8 },
};

/** Recurring jobs, upserted from this one place at worker start (idempotent across replicas). */
export const SCHEDULES = [
  { id: 'tracking-sweep-overdue', job: 'tracking.sweep-overdue' as const, pattern: '0 * * * * *', tz: 'Asia/Ho_Chi_Minh' },
  { id: 'axis-sync-agencies-daily', job: 'exchange.sync-agencies' as const, pattern: '0 45 2 * * *', tz: 'Asia/Ho_Chi_Minh' },
  { id: 'audit-verify-nightly', job: 'audit.verify-chain' as const, pattern: '0 30 1 * * *', tz: 'Asia/Ho_Chi_Minh' },
  { id: 'storage-sweep-orphans-hourly', job: 'storage.sweep-orphans' as const, pattern: '0 17 * * * *', tz: 'Asia/Ho_Chi_Minh' },
  // Sessions live 15 minutes: a prepared PDF outlives its session by at most about 5 more.
  { id: 'signing-sweep-sessions', job: 'signing.sweep-sessions' as const, pattern: '0 */5 * * * *', tz: 'Asia/Ho_Chi_Minh' },
];
