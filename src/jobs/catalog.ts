import { Type, type Static } from 'typebox';

/**
 * Every job the system runs: its queue and payload schema. Producers (API, workers) and consumers
 * (workers/registry.ts) share this catalogue; workers re-validate payloads on receipt.
 */
export const JOBS = {
  'audit.verify-chain': { queue: 'maintenance', payload: Type.Object({}) },
} as const;

export type JobName = keyof typeof JOBS;
export type JobPayload<N extends JobName> = Static<(typeof JOBS)[N]['payload']>;
export const QUEUES = [...new Set(Object.values(JOBS).map((j) => j.queue))];
export type QueueName = (typeof JOBS)[JobName]['queue'];
