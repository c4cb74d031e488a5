// The worker process: the same container as the API, one BullMQ Worker per queue (workers/runtime.ts),
// recurring jobs, and a clean shutdown (finish running jobs, then close connections) on SIGINT/SIGTERM.
import closeWithGrace from 'close-with-grace';
import { loadConfig } from '../src/config.js';
import { createContainer } from '../src/container.js';
import { JOBS, QUEUES } from '../src/jobs/catalog.js';
import { SCHEDULES } from './queues.js';
import { assertEveryJobHasAHandler } from './registry.js';
import { startQueueWorker } from './runtime.js';

assertEveryJobHasAHandler();
const config = loadConfig();
const container = createContainer(config, { applicationName: 'vanthu-worker' });
const logger = container.logger.child({ process: 'worker' });

const workers = QUEUES.map((queue) => startQueueWorker(container, queue, { logger }));

for (const s of SCHEDULES) {
  const queue = container.producer.queue(JOBS[s.job].queue);
  await queue?.upsertJobScheduler(s.id, { pattern: s.pattern, tz: s.tz }, { name: s.job, data: {} });
}
logger.info({ queues: QUEUES }, 'workers started');

// The outbox relay: publishes committed outbox rows (NOTIFY + poll) and re-publishes vanished jobs.
const stopRelay = container.services.outbox.startRelay();
// The national axis connector (AXIS_ENDPOINT set): every worker tries; the one holding the poller lock polls.
const stopAxisPoller = container.services.exchange.axis?.startPoller();

closeWithGrace({ delay: 30_000 }, async ({ signal, err }) => {
  await stopRelay();
  await stopAxisPoller?.();
  if (err) logger.error({ err }, 'worker shutting down after an error');
  else logger.info({ signal }, 'worker shutting down');
  await Promise.all(workers.map((w) => w.close()));
  await container.close();
});
