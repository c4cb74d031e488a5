import type { Redis } from 'ioredis';
import { AppError } from '../../lib/errors.js';

export type LoginThrottleOptions = { redis: Redis; prefix: string; maxFailures: number; windowSeconds: number };

/**
 * Counts failed logins per username and per client address in Redis, in a fixed window. Losing
 * Redis only resets the counters, which is acceptable; an unreachable Redis refuses logins (503)
 * rather than silently dropping the protection.
 */
export function createLoginThrottle({ redis, prefix, maxFailures, windowSeconds }: LoginThrottleOptions) {
  const keys = (username: string, ip: string) => [`${prefix}:login-fail:user:${username.toLowerCase()}`, `${prefix}:login-fail:ip:${ip}`];
  // An address may mistype for several accounts; it gets a larger budget than one username.
  const limits = [maxFailures, maxFailures * 10];

  async function guarded<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (cause) {
      throw new AppError('SERVICE_UNAVAILABLE', { message: 'login is temporarily unavailable', cause });
    }
  }

  return {
    /** @throws AppError TOO_MANY_REQUESTS (with retryAfterSeconds) when either counter is exhausted. */
    async assertAllowed(username: string, ip: string): Promise<void> {
      const k = keys(username, ip);
      const [counts, ttls] = await guarded(() => Promise.all([redis.mget(...k), Promise.all(k.map((key) => redis.ttl(key)))]));
      for (let i = 0; i < k.length; i++) {
        if (Number(counts[i] ?? 0) >= limits[i]) {
          throw new AppError('TOO_MANY_REQUESTS', { message: 'too many failed logins; try again later', details: { retryAfterSeconds: Math.max(ttls[i], 1) } });
        }
      }
    },

    async recordFailure(username: string, ip: string): Promise<void> {
      await guarded(async () => {
        const multi = redis.multi();
        for (const key of keys(username, ip)) multi.incr(key).expire(key, windowSeconds, 'NX');
        await multi.exec();
      });
    },

    async reset(username: string): Promise<void> {
      await guarded(() => redis.del(keys(username, '')[0]));
    },
  };
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
