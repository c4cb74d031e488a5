import { Redis, type RedisOptions } from 'ioredis';

/**
 * Connection for producers and request-path commands (throttling, readiness): fail fast instead of
 * queueing commands while Redis is down, so an API request gets an answer.
 */
export function createProducerRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2000, lazyConnect: false });
}

/** Connection for BullMQ workers: BullMQ requires `maxRetriesPerRequest: null` for blocking commands. */
export function createWorkerRedis(url: string, extra: RedisOptions = {}): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, ...extra });
}
