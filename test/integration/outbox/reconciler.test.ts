import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import {
  DISTRICT,
  PROVINCE,
  createPeer,
  edocPackage,
  postInbound,
  startExchangeWorkers,
  startPrivateRedis,
  waitFor,
} from '../exchange/helpers.js';

// The suite's Redis is shared by every test file, so this file flushes a private redis-server.
let redis: Awaited<ReturnType<typeof startPrivateRedis>>;
let ctx: TestContext;

beforeAll(async () => {
  redis = await startPrivateRedis();
  ctx = await createTestContext({ env: { REDIS_URL: redis.url } });
});
afterAll(async () => {
  await ctx?.close();
  await redis?.stop();
});

const processedCount = async () =>
  (await ctx.sql<{ n: number }[]>`select count(*)::int as n from inbound_packages where state = 'processed'`)[0].n;

describe('outbox relay and reconciler', () => {
  it('publishes rows only after commit, under their deterministic job id, once', async () => {
    const { outbox } = ctx.container.services;
    await ctx.container.db.transaction(async (tx) => {
      await outbox.add(tx, {
        name: 'exchange.process-inbound',
        payload: { receiptId: '00000000-0000-4000-8000-000000000001' },
        jobId: 'relay-test.1',
        priority: 1,
      });
      // Not visible to the relay before commit.
      expect(await outbox.publishPending()).toBe(0);
    });
    await ctx.container.db.transaction(async (tx) => {
      await outbox.add(tx, {
        name: 'exchange.process-inbound',
        payload: { receiptId: '00000000-0000-4000-8000-000000000001' },
        jobId: 'relay-test.1',
        priority: 1,
      });
    });
    expect(await outbox.publishPending()).toBe(1);
    expect(await outbox.publishPending()).toBe(0);
    const queue = ctx.container.producer.queue('exchange-inbound')!;
    expect((await queue.getJob('relay-test.1'))?.opts.priority).toBe(1);
    // The job exists: the reconciler leaves it alone.
    expect(await outbox.reconcile({ staleMs: 0 })).toEqual({ checked: 1, republished: 0 });
    await queue.remove('relay-test.1');
    await ctx.sql`update outbox set completed_at = now() where job_id = 'relay-test.1'`;
    await expect(
      ctx.container.db.transaction((tx) =>
        outbox.add(tx, {
          name: 'exchange.process-inbound',
          payload: { receiptId: '00000000-0000-4000-8000-000000000001' },
          jobId: 'bad:id',
        }),
      ),
    ).rejects.toThrow(/forbids/);
  });

  it('publishCommitted adds the jobs of rows written published, without a relay pass or an UPDATE; a failed add hands them to the relays; a lost one is found by the reconciler', async () => {
    const { outbox } = ctx.container.services;
    const queue = ctx.container.producer.queue('exchange-inbound')!;
    const row = (n: number, priority = 2) => ({
      name: 'exchange.process-inbound' as const,
      payload: { receiptId: `00000000-0000-4000-8000-00000000010${n}` },
      jobId: `direct-test.${n}`,
      priority,
    });
    const published = async (jobId: string) =>
      (await ctx.sql<{ at: Date | null }[]>`select published_at as at from outbox where job_id = ${jobId}`)[0].at;
    const write = (rows: ReturnType<typeof row>[]) =>
      ctx.container.db.transaction((tx) => outbox.addMany(tx, rows, { publishedByCaller: true }));

    const rows = [row(1), row(2)];
    await write(rows);
    // Written published: nothing for a relay, before or after the caller adds the jobs.
    for (const { jobId } of rows) expect(await published(jobId)).not.toBeNull();
    expect(await outbox.publishPending()).toBe(0);
    await outbox.publishCommitted(rows);
    for (const { jobId } of rows) expect((await queue.getJob(jobId))?.opts.priority).toBe(2);
    expect(await outbox.publishPending()).toBe(0);

    // The add fails (here BullMQ refuses a priority beyond its range; in production, Redis
    // unreachable): the row is handed back to the relays' poll, unpublished.
    const refused = row(3, 3_000_000);
    await write([refused]);
    await outbox.publishCommitted([refused]);
    expect(await published(refused.jobId)).toBeNull();
    expect(await queue.getJob(refused.jobId)).toBeUndefined();

    // The process died between the commit and the add: the reconciler adds the job once the row is stale.
    const lost = row(4);
    await write([lost]);
    expect(await queue.getJob(lost.jobId)).toBeUndefined();
    expect((await outbox.reconcile({ staleMs: 0 })).republished).toBeGreaterThanOrEqual(1);
    expect(await queue.getJob(lost.jobId)).toBeDefined();

    await Promise.all([...rows, lost].map((r) => queue.remove(r.jobId)));
    await ctx.sql`update outbox set completed_at = now() where job_id like 'direct-test.%'`;
  });

  it('the safety net after success completes a row its handler left open; a completion rolled back is re-published by the reconciler', async () => {
    const { outbox } = ctx.container.services;
    const add = (jobId: string) =>
      ctx.container.db.transaction((tx) =>
        outbox.add(tx, { name: 'exchange.process-inbound', payload: { receiptId: '00000000-0000-4000-8000-000000000002' }, jobId }),
      );
    const open = async (jobId: string) =>
      (await ctx.sql`select 1 from outbox where job_id = ${jobId} and completed_at is null`).length === 1;

    await add('safety-net.forgot');
    await outbox.completeAfterSuccess('safety-net.forgot');
    expect(await open('safety-net.forgot')).toBe(false);

    // The handler completed its row, then its transaction rolled back and it still returned.
    await add('safety-net.rolled-back');
    await expect(
      ctx.container.db.transaction(async (tx) => {
        await outbox.complete(tx, 'safety-net.rolled-back');
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await outbox.completeAfterSuccess('safety-net.rolled-back');
    expect(await open('safety-net.rolled-back')).toBe(true);
    await outbox.publishPending();
    const queue = ctx.container.producer.queue('exchange-inbound')!;
    await queue.remove('safety-net.rolled-back');
    expect((await outbox.reconcile({ staleMs: 0 })).republished).toBeGreaterThanOrEqual(1);
    expect(await queue.getJob('safety-net.rolled-back')).toBeDefined();
    await queue.remove('safety-net.rolled-back');
    await ctx.sql`update outbox set completed_at = now() where job_id like 'safety-net.%'`;
  });

  it('serves hỏa tốc work first: a flash row added after many normal ones is processed first', async () => {
    const { outbox } = ctx.container.services;
    const normal = Array.from({ length: 30 }, () => randomUUID());
    const flash = randomUUID();
    await ctx.container.db.transaction((tx) =>
      outbox.addMany(
        tx,
        normal.map((receiptId) => ({ name: 'exchange.process-inbound' as const, payload: { receiptId }, jobId: `prio-test.${receiptId}` })),
      ),
    );
    await ctx.container.db.transaction((tx) =>
      outbox.add(tx, { name: 'exchange.process-inbound', payload: { receiptId: flash }, jobId: `prio-test.${flash}`, priority: 1 }),
    );
    expect(await outbox.publishPending()).toBe(31);

    const workers = startExchangeWorkers(ctx, { concurrency: 1 });
    try {
      await waitFor(
        async () => (await ctx.sql`select 1 from outbox where job_id like 'prio-test.%' and completed_at is null`).length === 0,
        { what: 'priority jobs done' },
      );
    } finally {
      await workers.close();
    }
    // Handlers complete their row in order of processing.
    const order = await ctx.sql<{ job_id: string }[]>`select job_id from outbox where job_id like 'prio-test.%' order by completed_at, id`;
    expect(order[0].job_id).toBe(`prio-test.${flash}`);
  });

  it('after Redis is flushed in the middle of a burst, the reconciler delivers everything exactly once', async () => {
    const peer = await createPeer(ctx);
    const n = 80;
    for (let i = 0; i < n; i++) {
      const res = await postInbound(
        ctx,
        peer,
        await edocPackage({ number: String(1000 + i), to: [{ organId: PROVINCE }, { organId: DISTRICT }] }),
      );
      expect(res.statusCode).toBe(202);
    }
    await ctx.container.services.outbox.kick();

    const workers = startExchangeWorkers(ctx, { concurrency: 1 });
    try {
      await waitFor(async () => (await processedCount()) >= 5, { what: 'first packages processed' });
      execFileSync('redis-cli', ['-p', String(redis.port), 'flushall']);

      // Jobs in flight finish; then nothing moves: the work lives only in PostgreSQL now.
      await new Promise((r) => setTimeout(r, 500));
      const stalled = await processedCount();
      await new Promise((r) => setTimeout(r, 700));
      expect(await processedCount()).toBe(stalled);
      expect(stalled).toBeLessThan(n);

      let republished = 0;
      await waitFor(
        async () => {
          republished += (await ctx.container.services.outbox.reconcile({ staleMs: 0 })).republished;
          const [{ open }] = await ctx.sql<{ open: number }[]>`select count(*)::int as open from outbox where completed_at is null`;
          return open === 0;
        },
        { timeoutMs: 40_000, intervalMs: 300, what: 'every outbox row completed' },
      );
      expect(republished).toBeGreaterThanOrEqual(n - stalled);
    } finally {
      await workers.close();
    }

    expect(await processedCount()).toBe(n);
    const [counts] = await ctx.sql<{ deliveries: number; pairs: number; documents: number; statuses: number }[]>`
      select (select count(*)::int from inbound_deliveries) as deliveries,
             (select count(distinct (receipt_id, organization_id))::int from inbound_deliveries) as pairs,
             (select count(*)::int from documents where issuer_code = '000.00.00.H99') as documents,
             (select count(*)::int from outbound_statuses) as statuses`;
    expect(counts).toEqual({ deliveries: 2 * n, pairs: 2 * n, documents: 2 * n, statuses: 2 * n });
  });
});
