// The worker process: the same container as the API, one BullMQ Worker per queue, recurring jobs,
// and a clean shutdown (finish running jobs, then close connections) on SIGINT/SIGTERM.
import { UnrecoverableError, Worker } from 'bullmq';
import closeWithGrace from 'close-with-grace';
import { Value } from 'typebox/value';
import { loadConfig } from '../src/config.js';
import { createContainer } from '../src/container.js';
import { JOBS, QUEUES, type JobName } from '../src/jobs/catalog.js';
import { createWorkerRedis } from '../src/jobs/redis.js';
import { QUEUE_SETTINGS, SCHEDULES } from './queues.js';
import { HANDLERS, assertEveryJobHasAHandler } from './registry.js';

assertEveryJobHasAHandler();
const config = loadConfig();
const container = createContainer(config, { applicationName: 'vanthu-worker' });
const logger = container.logger.child({ process: 'worker' });

const workers = QUEUES.map((queue) => {
  const connection = createWorkerRedis(config.redis.url);
  const worker = new Worker(
    queue,
    async (job) => {
      const name = job.name as JobName;
      const spec = JOBS[name];
      if (!spec) throw new UnrecoverableError(`unknown job ${job.name}`);
      if (!Value.Check(spec.payload, job.data)) throw new UnrecoverableError(`invalid payload for ${job.name}`);
      return HANDLERS[name](job, container);
    },
    { connection, prefix: config.redis.prefix, concurrency: QUEUE_SETTINGS[queue as keyof typeof QUEUE_SETTINGS].concurrency },
  );
  worker.on('failed', (job, err) => {
    logger.warn({ jobId: job?.id, name: job?.name, attempt: job?.attemptsMade, err }, 'job failed');
    void container.services.outbox.recordFailure(job?.id, err.message).catch(() => {});
  });
  worker.on('completed', (job) => void container.services.outbox.completeAfterSuccess(job.id).catch(() => {}));
  worker.on('error', (err) => logger.error({ err, queue }, 'worker error'));
  return { worker, connection };
});

for (const s of SCHEDULES) {
  const queue = container.producer.queue(JOBS[s.job].queue);
  await queue?.upsertJobScheduler(s.id, { pattern: s.pattern, tz: s.tz }, { name: s.job, data: {} });
}
logger.info({ queues: QUEUES }, 'workers started');

// The outbox relay: publishes committed outbox rows (NOTIFY + poll) and re-publishes vanished jobs.
const stopRelay = container.services.outbox.startRelay();

closeWithGrace({ delay: 30_000 }, async ({ signal, err }) => {
  await stopRelay();
  if (err) logger.error({ err }, 'worker shutting down after an error');
  else logger.info({ signal }, 'worker shutting down');
  await Promise.all(workers.map(({ worker }) => worker.close()));
  for (const { connection } of workers) connection.disconnect();
  await container.close();
});
