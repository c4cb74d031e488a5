import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOB_DEFAULTS, type JobPayload } from '../../../src/jobs/catalog.js';
import { startQueueWorker } from '../../../workers/runtime.js';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { waitFor } from '../exchange/helpers.js';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx?.close();
});

const FILE_ID = '5b0d7c9e-2f1a-4c3b-9d8e-7f6a5b4c3d2e';

describe('worker runtime against real Redis', () => {
  it('queues with one retry policy, whether the producer or the outbox relay adds the job', async () => {
    const { producer, services, db } = ctx.container;
    const direct = await producer.enqueue('signing.verify-file', { fileId: FILE_ID }, { jobId: 'runtime-test.direct' });
    await db.transaction((tx) =>
      services.outbox.add(tx, { name: 'signing.verify-file', payload: { fileId: FILE_ID }, jobId: 'runtime-test.outbox' }),
    );
    await services.outbox.publishPending();
    const relayed = await producer.queue('signing')!.getJob('runtime-test.outbox');
    for (const job of [direct, relayed]) expect(job?.opts).toMatchObject(JOB_DEFAULTS);
    await expect(producer.enqueue('signing.verify-file', { fileId: FILE_ID }, { jobId: 'bad:id' })).rejects.toThrow(/forbids/);
    await producer.queue('signing')!.obliterate({ force: true });
  });

  it('fails a job whose payload does not fit at its first attempt though retries remain, and counts it on its outbox row', async () => {
    const { producer, services, db } = ctx.container;
    const invalid = { fileId: 'not-a-uuid' } as JobPayload<'signing.verify-file'>;
    await db.transaction((tx) => services.outbox.add(tx, { name: 'signing.verify-file', payload: invalid, jobId: 'runtime-test.invalid' }));
    await services.outbox.publishPending();

    const failed: string[] = [];
    const running = startQueueWorker(ctx.container, 'signing', { concurrency: 1 });
    running.worker.on('failed', (job) => failed.push(String(job?.id)));
    try {
      await waitFor(async () => failed.length > 0, { what: 'the invalid job failed' });
      // No retry is scheduled: it would fail the same way.
      await new Promise((r) => setTimeout(r, JOB_DEFAULTS.backoff.delay + 500));
    } finally {
      await running.close();
    }
    expect(failed).toEqual(['runtime-test.invalid']);
    const job = await producer.queue('signing')!.getJob('runtime-test.invalid');
    expect(await job?.getState()).toBe('failed');
    expect(job).toMatchObject({ attemptsMade: 1, opts: { attempts: JOB_DEFAULTS.attempts } });
    expect(job?.failedReason).toMatch(/^invalid payload for signing\.verify-file: \/fileId /);
    const [row] = await ctx.sql<
      { attempts: number; last_error: string; completed_at: Date | null }[]
    >`select attempts, last_error, completed_at from outbox where job_id = 'runtime-test.invalid'`;
    expect(row).toMatchObject({ attempts: 1, completed_at: null });
    expect(row.last_error).toMatch(/^invalid payload/);
  });
});
