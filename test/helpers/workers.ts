import type { QueueName } from '../../src/jobs/catalog.js';
import { startQueueWorker } from '../../workers/runtime.js';
import type { TestContext } from './context.js';

/**
 * Runs one queue through the worker runtime (this test's queue prefix and Redis), as workers/main.ts
 * does, until `until` holds, a job fails, or `timeoutMs` passes.
 */
export async function runQueueWorker(
  ctx: TestContext,
  queue: QueueName,
  until: () => Promise<boolean>,
  { timeoutMs = 45_000, concurrency = 2 }: { timeoutMs?: number; concurrency?: number } = {},
): Promise<{ completed: string[]; failed: string[] }> {
  const completed: string[] = [];
  const failed: string[] = [];
  const { worker, close } = startQueueWorker(ctx.container, queue, { concurrency });
  worker.on('completed', (job) => completed.push(String(job.id)));
  worker.on('failed', (job, err) => failed.push(`${job?.id}: ${err.message}`));
  try {
    const deadline = Date.now() + timeoutMs;
    while (!(await until()) && failed.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  } finally {
    await close();
  }
  return { completed, failed };
}
