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
