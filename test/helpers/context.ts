import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { inject } from 'vitest';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { createContainer, type Container } from '../../src/container.js';
import type { Logger } from '../../src/lib/logger.js';
import { dropDatabase } from './databases.js';
import { DEMO_PASSWORD } from '../../scripts/seed/demo-province.js';

export type TestContext = {
  config: Readonly<Config>;
  container: Container;
  app: FastifyInstance;
  /** A superuser-free raw connection to this file's database, for checks and deliberate tampering. */
  sql: postgres.Sql;
  databaseUrl: string;
  env: Record<string, string>;
  /** Logs a demo (or test-made) user in and returns the bearer token. */
  login(username: string, password?: string): Promise<string>;
  /** `app.inject` with the token of `as` (a username), if given. */
  request(opts: InjectOptions & { as?: string }): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
};

export type TestContextOptions = {
  env?: Record<string, string>;
  /** The process's logger (the container's and the app's, as in production); by default none logs. */
  logger?: Logger;
};

/**
 * A private world for one test file: a clone of the demo-seeded template database, its own S3
 * bucket and queue prefix, a container and an app built exactly as in production.
 */
export async function createTestContext({ env: extra = {}, logger }: TestContextOptions = {}): Promise<TestContext> {
  const base = inject('testEnv');
  const id = randomBytes(5).toString('hex');
  const templateUrl = new URL(base.DATABASE_URL);
  const template = templateUrl.pathname.slice(1);
  // vanthu_tpl_<run> → vanthu_t_<run>_<file>: the run's global teardown drops them all.
  const dbName = `vanthu_t_${template.replace('vanthu_tpl_', '')}_${id}`;

  const admin = postgres(base.DATABASE_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${dbName} template ${template}`);
  await admin.end();
  templateUrl.pathname = `/${dbName}`;
  const databaseUrl = templateUrl.toString();

  const env = { ...base, DATABASE_URL: databaseUrl, S3_BUCKET: `test-${id}`, QUEUE_PREFIX: `t-${id}`, ...extra };
  const config = loadConfig(env);
  const container = createContainer(config, { applicationName: `vanthu-test-${id}`, ...(logger ? { logger } : {}) });
  await container.storage.ensureBucket();
  const app = await buildApp(container, { logger: logger !== undefined });
  await app.ready();
  const sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });

  const tokens = new Map<string, string>();
  async function login(username: string, password = DEMO_PASSWORD): Promise<string> {
    const cached = tokens.get(`${username}\n${password}`);
    if (cached) return cached;
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
    if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
    const token = res.json<{ accessToken: string }>().accessToken;
    tokens.set(`${username}\n${password}`, token);
    return token;
  }

  return {
    config,
    container,
    app,
    sql,
    databaseUrl,
    env,
    login,
    async request({ as, ...opts }) {
      const headers = { ...(opts.headers ?? {}) };
      if (as) headers.authorization = `Bearer ${await login(as)}`;
      return app.inject({ ...opts, headers });
    },
    async close() {
      await app.close();
      await container.close();
      await sql.end();
      const again = postgres(base.DATABASE_URL, { max: 1, onnotice: () => {} });
      try {
        await dropDatabase(again, dbName);
      } finally {
        await again.end();
      }
    },
  };
}
