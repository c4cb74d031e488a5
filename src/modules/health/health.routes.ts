import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Redis } from 'ioredis';
import type { Sql } from 'postgres';
import type { ObjectStorage } from '../../storage/object-storage.js';

/** What readiness reaches: one round trip to each of PostgreSQL, Redis and S3. */
export type HealthDeps = { sql: Sql; redis: Pick<Redis, 'ping'>; storage: Pick<ObjectStorage, 'ping'> };

const CheckResult = Type.Object({ ok: Type.Boolean(), error: Type.Optional(Type.String()), ms: Type.Number() });
const Readiness = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('unavailable')]),
  checks: Type.Record(Type.String(), CheckResult),
});

const TIMEOUT_MS = 2000;

async function check(fn: () => Promise<unknown>): Promise<{ ok: boolean; error?: string; ms: number }> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([fn(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), TIMEOUT_MS)))]);
    return { ok: true, ms: Math.round(performance.now() - started) };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err), ms: Math.round(performance.now() - started) };
  } finally {
    clearTimeout(timer);
  }
}

/** Liveness (the process answers) and readiness (PostgreSQL, Redis and S3 all reachable). */
export const healthRoutes: FastifyPluginAsyncTypebox<HealthDeps> = async (app, deps) => {
  app.get('/healthz', {
    config: { public: true },
    schema: { tags: ['health'], security: [], response: { 200: Type.Object({ status: Type.Literal('ok') }) } },
    handler: async () => ({ status: 'ok' as const }),
  });

  app.get('/readyz', {
    config: { public: true },
    schema: { tags: ['health'], security: [], response: { 200: Readiness, 503: Readiness } },
    handler: async (_req, reply) => {
      const [postgres, redis, s3] = await Promise.all([
        check(() => deps.sql`select 1`),
        check(() => deps.redis.ping()),
        check(() => deps.storage.ping()),
      ]);
      const checks = { postgres, redis, s3 };
      const ready = postgres.ok && redis.ok && s3.ok;
      return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'unavailable', checks });
    },
  });
};
