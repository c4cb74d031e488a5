import { Writable } from 'node:stream';
import { UnrecoverableError } from 'bullmq';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { Container } from '../../../src/container.js';
import { JOB_DEFAULTS, JOBS, type JobName } from '../../../src/jobs/catalog.js';
import { contextLogger, loggerOptions } from '../../../src/lib/logger.js';
import type { JobContext, JobHandlers } from '../../../workers/job.js';
import { HANDLERS } from '../../../workers/registry.js';
import { createJobProcessor, type RuntimeJob } from '../../../workers/runtime.js';

/** A real pino logger (the production options) writing its JSON lines into an array. */
function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino(loggerOptions('debug'), stream), lines };
}

/** Every job name → a handler that records what it got; the container is never reached by these handlers. */
function recordingHandlers() {
  const calls: JobContext<JobName>[] = [];
  const handler = async (job: JobContext<JobName>) => {
    calls.push(job);
    job.logger.info({ step: 'handled' }, 'handler ran');
    return { ok: true };
  };
  const handlers = Object.fromEntries(Object.keys(JOBS).map((name) => [name, handler])) as unknown as JobHandlers;
  return { handlers, calls };
}

const container = {} as Container;
const FILE_ID = '5b0d7c9e-2f1a-4c3b-9d8e-7f6a5b4c3d2e';

describe('worker runtime: one processor for workers/main.ts and the tests', () => {
  it('fails an invalid payload at once, without retry, logs it with its job id, name and attempt, and never calls the handler', async () => {
    const { logger, lines } = capturingLogger();
    const { handlers, calls } = recordingHandlers();
    const processJob = createJobProcessor(container, { logger, handlers });
    const job: RuntimeJob = {
      id: 'verify.bad',
      name: 'signing.verify-file',
      data: { fileId: 'not-a-uuid-Nguyễn' },
      attemptsMade: 0,
      opts: { ...JOB_DEFAULTS },
    };

    const failure = await processJob(job).catch((err: unknown) => err);
    // BullMQ moves a job that throws UnrecoverableError to failed whatever attempts remain.
    expect(failure).toBeInstanceOf(UnrecoverableError);
    expect((failure as Error).message).toMatch(/^invalid payload for signing\.verify-file: \/fileId /);
    expect(calls).toHaveLength(0);
    const logged = lines.filter((l) => l.msg === 'invalid job payload: failed without retry');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ level: 40, jobId: 'verify.bad', job: 'signing.verify-file', attempt: 1 });
    expect(logged[0].errors).toEqual([expect.stringMatching(/^\/fileId /)]);
    // Where and why, never the values.
    expect(JSON.stringify(lines)).not.toContain('Nguyễn');
  });

  it('fails a job the catalogue does not know, without retry', async () => {
    const { logger, lines } = capturingLogger();
    const { handlers, calls } = recordingHandlers();
    const processJob = createJobProcessor(container, { logger, handlers });
    await expect(processJob({ id: 'x.1', name: 'no.such-job', data: {}, attemptsMade: 0, opts: {} })).rejects.toBeInstanceOf(
      UnrecoverableError,
    );
    expect(calls).toHaveLength(0);
    expect(lines).toEqual([
      expect.objectContaining({ level: 50, jobId: 'x.1', job: 'no.such-job', attempt: 1, msg: 'unknown job: failed without retry' }),
    ]);
  });

  it('gives the handler the checked payload and a child logger bound to { jobId, job, attempt }', async () => {
    const { logger, lines } = capturingLogger();
    const { handlers, calls } = recordingHandlers();
    const processJob = createJobProcessor(container, { logger: logger.child({ process: 'worker' }), handlers });

    expect(
      await processJob({
        id: `verify.${FILE_ID}`,
        name: 'signing.verify-file',
        data: { fileId: FILE_ID },
        attemptsMade: 2,
        opts: { ...JOB_DEFAULTS },
      }),
    ).toEqual({ ok: true });
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      id: `verify.${FILE_ID}`,
      name: 'signing.verify-file',
      payload: { fileId: FILE_ID },
      attempt: 3,
      lastAttempt: false,
    });
    expect(calls[0].container).toBe(container);
    expect(lines).toEqual([
      {
        ...lines[0],
        level: 30,
        process: 'worker',
        jobId: `verify.${FILE_ID}`,
        job: 'signing.verify-file',
        attempt: 3,
        step: 'handled',
        msg: 'handler ran',
      },
    ]);
  });

  it('makes the job’s logger the context logger of what the handler calls, after awaits too', async () => {
    const { logger, lines } = capturingLogger();
    const root = logger.child({ root: true });
    // A service as the modules write one: built with the root logger, logging through contextLogger.
    const service = {
      async work() {
        await new Promise((r) => setTimeout(r, 5));
        contextLogger(root).info('service line');
      },
    };
    const handlers = Object.fromEntries(Object.keys(JOBS).map((name) => [name, () => service.work()])) as unknown as JobHandlers;
    const processJob = createJobProcessor(container, { logger, handlers });

    await Promise.all([
      processJob({ id: 'sweep-1', name: 'tracking.sweep-overdue', data: {}, attemptsMade: 0, opts: { ...JOB_DEFAULTS } }),
      processJob({ id: 'sweep-2', name: 'tracking.sweep-overdue', data: {}, attemptsMade: 1, opts: { ...JOB_DEFAULTS } }),
    ]);
    await service.work();
    expect(lines.map(({ jobId, attempt, root: r, msg }) => ({ jobId, attempt, root: r, msg }))).toEqual([
      { jobId: 'sweep-1', attempt: 1, root: undefined, msg: 'service line' },
      { jobId: 'sweep-2', attempt: 2, root: undefined, msg: 'service line' },
      // Outside any job: the root logger.
      { jobId: undefined, attempt: undefined, root: true, msg: 'service line' },
    ]);
  });

  it('reads the last attempt from the job, whose attempts come from the one retry policy (JOB_DEFAULTS)', async () => {
    const { logger } = capturingLogger();
    const { handlers, calls } = recordingHandlers();
    const processJob = createJobProcessor(container, { logger, handlers });
    const run = (attemptsMade: number, opts: RuntimeJob['opts']) =>
      processJob({ id: 'sweep', name: 'tracking.sweep-overdue', data: {}, attemptsMade, opts });

    expect(JOB_DEFAULTS).toMatchObject({ attempts: 5, backoff: { type: 'exponential', delay: 1000 } });
    await run(JOB_DEFAULTS.attempts - 2, { ...JOB_DEFAULTS });
    await run(JOB_DEFAULTS.attempts - 1, { ...JOB_DEFAULTS });
    // A job queued without attempts runs once: its only attempt is the last.
    await run(0, {});
    expect(calls.map((c) => [c.attempt, c.lastAttempt])).toEqual([
      [4, false],
      [5, true],
      [1, true],
    ]);
  });

  it('runs the registry by default: every catalogue job has a handler', () => {
    expect(Object.keys(HANDLERS).sort()).toEqual(Object.keys(JOBS).sort());
  });
});
