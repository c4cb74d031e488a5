import { Redis, type RedisOptions } from 'ioredis';

/**
 * Connection for producers and request-path commands (throttling, readiness). Commands issued while
 * it (re)connects wait in the offline queue, but never longer than `commandTimeout`, so an API
 * request gets an answer (503) rather than hanging when Redis is down.
 */
export function createProducerRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: true, commandTimeout: 2000, connectTimeout: 2000 });
}

/** Connection for BullMQ workers: BullMQ requires `maxRetriesPerRequest: null` for blocking commands. */
export function createWorkerRedis(url: string, extra: RedisOptions = {}): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, ...extra });
}
