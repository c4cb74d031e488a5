import type { AddressInfo } from 'node:net';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { startExchangeWorkers } from '../exchange/helpers.js';
import type { AxisEmulator } from './emulator.js';

/**
 * One vanthu deployment connected to the axis emulator only (no peers): its own database, bucket,
 * queue prefix, workers, outbox relay and axis poller. `recode` re-codes the demo province
 * (H41 → e.g. H42) so that two deployments hold different agencies.
 */
export type AxisDeployment = {
  ctx: TestContext;
  systemId: string;
  codes: string[];
  workers: ReturnType<typeof startExchangeWorkers>;
  stop(): Promise<void>;
};

export async function startAxisDeployment(
  emulator: AxisEmulator,
  { systemId, recode, env = {}, poller = true }: { systemId: string; recode?: string; env?: Record<string, string>; poller?: boolean },
): Promise<AxisDeployment> {
  const secret = `secret-of-${systemId}-0123456789abcdef`;
  const ctx = await createTestContext({
    env: {
      AXIS_ENDPOINT: emulator.url,
      AXIS_SYSTEM_ID: systemId,
      AXIS_SECRET: secret,
      AXIS_POLL_INTERVAL_MS: '150',
      AXIS_TIMEOUT_MS: '3000',
      ...env,
    },
  });
  if (recode) await ctx.sql`update organizations set code = replace(code, '.H41', ${`.${recode}`}) where code like '%.H41'`;
  const codes = (await ctx.sql<{ code: string }[]>`select code from organizations where code is not null and valid_to is null`).map(
    (r) => r.code,
  );
  emulator.register({ systemId, secret, agencyCodes: codes });
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  void (ctx.app.server.address() as AddressInfo).port;
  const workers = startExchangeWorkers(ctx);
  const stopRelay = ctx.container.services.outbox.startRelay({ pollMs: 100, reconcileMs: 60_000 });
  const stopPoller = poller ? ctx.container.services.exchange.axis!.startPoller() : async () => {};
  return {
    ctx,
    systemId,
    codes,
    workers,
    async stop() {
      await stopPoller();
      await stopRelay();
      await workers.close();
      await ctx.close();
    },
  };
}
