import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { PeerSlots } from './remote-send.service.js';

// Holders are a sorted set scored by expiry: a worker that dies holding a slot frees it when the
// lease runs out, so a crash never shrinks a peer's capacity for good.
const ACQUIRE = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[2]) then
  redis.call('ZADD', KEYS[1], ARGV[3], ARGV[4])
  redis.call('PEXPIRE', KEYS[1], ARGV[5])
  return 1
end
return 0`;

export type RedisPeerSlotsOptions = {
  redis: Redis;
  prefix: string;
  /** Sends in flight to one peer at a time, across every worker process. */
  limit: number;
  /** A slot held longer than this is presumed abandoned (a crashed worker). */
  leaseMs?: number;
  pollMs?: number;
};

/**
 * Per-destination concurrency limit: a counting semaphore per peer in Redis. `acquire` waits
 * (polling) for a free slot and returns its release. If Redis loses the set, the limit is briefly
 * not enforced, which is harmless (the peer's own throttling still applies).
 */
export function createRedisPeerSlots({ redis, prefix, limit, leaseMs = 60_000, pollMs = 25 }: RedisPeerSlotsOptions): PeerSlots {
  return {
    async acquire(peerId: string) {
      const key = `${prefix}:peer-slots:${peerId}`;
      const token = randomUUID();
      for (;;) {
        const now = Date.now();
        const got = await redis.eval(ACQUIRE, 1, key, String(now), String(limit), String(now + leaseMs), token, String(leaseMs * 2));
        if (got === 1) break;
        await new Promise((r) => setTimeout(r, pollMs));
      }
      return async () => {
        await redis.zrem(key, token).catch(() => {});
      };
    },
  };
}
