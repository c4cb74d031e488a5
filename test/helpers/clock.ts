import { expect } from 'vitest';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.js';
import { createContainer, type Container } from '../../src/container.js';
import type { TestContext } from './context.js';

export type ClockedApp = {
  container: Container;
  app: FastifyInstance;
  request(opts: InjectOptions & { as: string }): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
};

/**
 * The same application on the test file's database, with the business clock fixed at `instant`
 * (the container's `now` dependency): deadlines and registration years are computed as on that day.
 */
export async function appAt(ctx: TestContext, instant: string): Promise<ClockedApp> {
  const fixed = new Date(instant);
  const container = createContainer(ctx.config, { now: () => fixed, applicationName: 'vanthu-test-clock' });
  const app = await buildApp(container, { logger: false });
  await app.ready();
  return {
    container,
    app,
    async request({ as, ...opts }) {
      return app.inject({ ...opts, headers: { ...(opts.headers ?? {}), authorization: `Bearer ${await ctx.login(as)}` } });
    },
    async close() {
      await app.close();
      await container.close();
    },
  };
}

/** Runs `steps` on an application whose clock reads 10:00 in Hà Nội on `day` (YYYY-MM-DD), then closes it. */
export async function onDay(ctx: TestContext, day: string, steps: (app: ClockedApp) => Promise<void>): Promise<void> {
  const app = await appAt(ctx, `${day}T03:00:00Z`);
  try {
    await steps(app);
  } finally {
    await app.close();
  }
}

/** An API call that must succeed (2xx): its JSON body, or a failed expectation naming the call and its answer. */
export async function okJson(app: ClockedApp, method: 'GET' | 'POST', url: string, as: string, payload?: Record<string, unknown>) {
  const res = await app.request({ method, url: `/api/v1${url}`, as, ...(payload ? { payload } : {}) });
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
  return res.json<Record<string, unknown>>();
}
