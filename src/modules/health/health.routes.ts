import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Redis } from 'ioredis';
import type { Sql } from 'postgres';
import type { ObjectStorage } from '../../storage/object-storage.js';

/** What readiness reaches: one round trip to each of PostgreSQL, Redis and S3. */
export type HealthDeps = {
  sql: Sql;
  redis: Pick<Redis, 'ping'>;
  storage: Pick<ObjectStorage, 'ping'>;
  /** The national axis connector, when configured: shown in the detail, never failing readiness (the axis is someone else's). */
  axis?: {
    status(): Promise<{
      poller: { lastPollAt: string | null; lastSuccessAt: string | null; lastError: { at: string; message: string } | null } | null;
    }>;
  } | null;
};

const AxisDetail = Type.Object({
  enabled: Type.Boolean(),
  lastPollAt: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  lastSuccessAt: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  lastError: Type.Optional(Type.Union([Type.Object({ at: Type.String(), message: Type.String() }), Type.Null()])),
});

const CheckResult = Type.Object({ ok: Type.Boolean(), error: Type.Optional(Type.String()), ms: Type.Number() });
const Readiness = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('unavailable')]),
  checks: Type.Record(Type.String(), CheckResult),
  detail: Type.Optional(Type.Object({ axis: AxisDetail })),
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

/** The axis connector's last poll, as far as it is known within the readiness timeout. */
async function axisDetail(axis: NonNullable<HealthDeps['axis']>) {
  let timer: NodeJS.Timeout | undefined;
  try {
    const status = await Promise.race([
      axis.status(),
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), TIMEOUT_MS))),
    ]);
    const p = status.poller;
    return {
      enabled: true,
      lastPollAt: p?.lastPollAt ?? null,
      lastSuccessAt: p?.lastSuccessAt ?? null,
      lastError: p?.lastError ? { at: p.lastError.at, message: p.lastError.message } : null,
    };
  } catch (err) {
    return { enabled: true, lastError: { at: new Date().toISOString(), message: `status unavailable: ${(err as Error).message}` } };
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
      const detail = deps.axis ? { axis: await axisDetail(deps.axis) } : undefined;
      return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'unavailable', checks, ...(detail ? { detail } : {}) });
    },
  });
};
