import type { Redis } from 'ioredis';
import { AppError } from '../../lib/errors.js';

export type LoginThrottleOptions = { redis: Redis; prefix: string; maxFailures: number; windowSeconds: number };

/*
 * Thresholds, all counted in one fixed window of `windowSeconds` (LOGIN_THROTTLE_WINDOW_SECONDS,
 * 15 minutes by default) from the first failure, with `maxFailures` = LOGIN_MAX_FAILURES (5):
 *
 * - per (username, address): `maxFailures`, then 429 for that address and that username only. This
 *   is the lock a guesser meets; it never touches the owner at another address.
 * - per address, over every username: `maxFailures * 10`, then 429 (one address spraying accounts).
 * - per username, over every address: from `maxFailures * 4` failures on, an address that has not
 *   logged in as that user within KNOWN_ADDRESS_SECONDS is slowed, not locked: one attempt per
 *   back-off period, the period doubling from 1 s with every further failure up to 60 s (429 with the
 *   time left). A botnet gets at most a guess a minute; the owner, at an address they logged in from
 *   before, is never slowed by others' failures, and from a new address waits at most a minute.
 *
 * Every attempt is counted as a failure BEFORE the password is checked, in one Lua script that also
 * checks the limits (atomic in Redis), so parallel requests cannot slip past a limit; a successful
 * login takes its own count back. Losing Redis only resets the counters, which is acceptable; an
 * unreachable Redis refuses logins (503) rather than silently dropping the protection.
 */
const ADDRESS_FACTOR = 10;
const USERNAME_SLOWDOWN_FACTOR = 4;
const BACKOFF_BASE_MS = 1000;
const BACKOFF_MAX_MS = 60_000;
/** How long an address that logged in successfully is trusted for that username (30 days). */
const KNOWN_ADDRESS_SECONDS = 30 * 24 * 3600;

// KEYS: pair, address, username, username back-off gate, known (username, address) marker.
// ARGV: pair limit, address limit, username slow-down threshold, window (s), back-off base (ms), back-off max (ms).
// Returns {0} when the attempt may go ahead (and is counted), or {1, retryAfterSeconds}.
const RESERVE = `
local function retry(key)
  local ms = redis.call('PTTL', key)
  if ms < 1000 then return 1 end
  return math.ceil(ms / 1000)
end
if tonumber(redis.call('GET', KEYS[1]) or '0') >= tonumber(ARGV[1]) then return {1, retry(KEYS[1])} end
if tonumber(redis.call('GET', KEYS[2]) or '0') >= tonumber(ARGV[2]) then return {1, retry(KEYS[2])} end
if redis.call('EXISTS', KEYS[5]) == 0 then
  if redis.call('EXISTS', KEYS[4]) == 1 then return {1, retry(KEYS[4])} end
  local failures = tonumber(redis.call('GET', KEYS[3]) or '0')
  local threshold = tonumber(ARGV[3])
  if failures >= threshold then
    local backoff = math.min(tonumber(ARGV[5]) * 2 ^ math.min(failures - threshold, 30), tonumber(ARGV[6]))
    redis.call('SET', KEYS[4], '1', 'PX', math.floor(backoff))
  end
end
for i = 1, 3 do
  redis.call('INCR', KEYS[i])
  if redis.call('TTL', KEYS[i]) < 0 then redis.call('EXPIRE', KEYS[i], ARGV[4]) end
end
return {0}
`;

// KEYS: pair, address, username, known marker. ARGV: known-address lifetime (s).
const SUCCEEDED = `
redis.call('DEL', KEYS[1])
for i = 2, 3 do
  if tonumber(redis.call('GET', KEYS[i]) or '0') > 0 then redis.call('DECR', KEYS[i]) end
end
redis.call('SET', KEYS[4], '1', 'EX', ARGV[1])
return 0
`;

/** Counts login attempts per (username, address), per address and per username; see the thresholds above. */
export function createLoginThrottle({ redis, prefix, maxFailures, windowSeconds }: LoginThrottleOptions) {
  // The username is encoded so that no username can spell another key (IPv6 addresses contain ':').
  const keys = (username: string, ip: string) => {
    const user = encodeURIComponent(username.toLowerCase());
    const address = encodeURIComponent(ip);
    return {
      pair: `${prefix}:login-fail:pair:${user}:${address}`,
      address: `${prefix}:login-fail:ip:${address}`,
      user: `${prefix}:login-fail:user:${user}`,
      gate: `${prefix}:login-gate:user:${user}`,
      known: `${prefix}:login-known:${user}:${address}`,
    };
  };

  async function guarded<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (cause) {
      throw new AppError('SERVICE_UNAVAILABLE', { message: 'login is temporarily unavailable', cause });
    }
  }

  return {
    /**
     * Counts this attempt as a failure before the password is checked, unless a limit is reached.
     * @throws AppError TOO_MANY_REQUESTS (with retryAfterSeconds)
     */
    async reserveAttempt(username: string, ip: string): Promise<void> {
      const k = keys(username, ip);
      const [refused, retryAfterSeconds] = await guarded(
        () =>
          redis.eval(
            RESERVE,
            5,
            k.pair,
            k.address,
            k.user,
            k.gate,
            k.known,
            maxFailures,
            maxFailures * ADDRESS_FACTOR,
            maxFailures * USERNAME_SLOWDOWN_FACTOR,
            windowSeconds,
            BACKOFF_BASE_MS,
            BACKOFF_MAX_MS,
          ) as Promise<[number, number?]>,
      );
      if (refused) {
        throw new AppError('TOO_MANY_REQUESTS', {
          message: 'too many failed logins; try again later',
          details: { retryAfterSeconds: Math.max(Number(retryAfterSeconds), 1) },
        });
      }
    },

    /** The reserved attempt succeeded: it was no failure, this address's mistakes are forgiven and it becomes known for the user. */
    async succeeded(username: string, ip: string): Promise<void> {
      const k = keys(username, ip);
      await guarded(() => redis.eval(SUCCEEDED, 4, k.pair, k.address, k.user, k.known, KNOWN_ADDRESS_SECONDS));
    },
  };
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
