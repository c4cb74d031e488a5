import { Worker, type Job } from 'bullmq';
import type { JobName } from '../../src/jobs/catalog.js';
import { createWorkerRedis } from '../../src/jobs/redis.js';
import { HANDLERS } from '../../workers/registry.js';
import type { TestContext } from './context.js';

/**
 * Runs the real registry handlers of one queue (this test's queue prefix and Redis), as
 * workers/main.ts does, until `until` holds, a job fails, or `timeoutMs` passes.
 */
export async function runQueueWorker(
  ctx: TestContext,
  queue: string,
  until: () => Promise<boolean>,
  { timeoutMs = 45_000, concurrency = 2 }: { timeoutMs?: number; concurrency?: number } = {},
): Promise<{ completed: string[]; failed: string[] }> {
  const connection = createWorkerRedis(ctx.config.redis.url);
  const completed: string[] = [];
  const failed: string[] = [];
  const worker = new Worker(queue, async (job: Job) => HANDLERS[job.name as JobName](job, ctx.container), { connection, prefix: ctx.config.redis.prefix, concurrency });
  worker.on('completed', (job) => completed.push(String(job.id)));
  worker.on('failed', (job, err) => failed.push(`${job?.id}: ${err.message}`));
  try {
    const deadline = Date.now() + timeoutMs;
    while (!(await until()) && failed.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  } finally {
    await worker.close();
    connection.disconnect();
  }
  return { completed, failed };
}
