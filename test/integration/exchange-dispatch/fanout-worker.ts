// A worker process for the crash tests: consumes one queue (the fan-out queue unless WORKER_QUEUE
// names another) one job at a time through the worker runtime and holds each job a little after its
// handler committed (the window in which the fan-out test kills it), so that a killed job's effects
// are committed but the job itself is still active in Redis. The send test kills it while its POST
// is at the peer.
import { loadConfig } from '../../../src/config.js';
import { createContainer } from '../../../src/container.js';
import { JOBS, QUEUES, type QueueName } from '../../../src/jobs/catalog.js';
import { startQueueWorker } from '../../../workers/runtime.js';

const config = loadConfig();
const container = createContainer(config, { applicationName: 'vanthu-crash-worker' });
const holdMs = Number(process.env.HOLD_MS ?? '400');
const queue = (process.env.WORKER_QUEUE ?? JOBS['exchange.deliver-internal'].queue) as QueueName;
if (!QUEUES.includes(queue)) throw new Error(`unknown queue ${queue}`);

startQueueWorker(container, queue, {
  concurrency: 1,
  afterHandler: async (job) => {
    process.stdout.write(`committed ${job.id}\n`);
    await new Promise((r) => setTimeout(r, holdMs));
  },
  // A short lock: once killed, its active job is found stalled within seconds (a short stalled
  // interval too: each check throttles every worker's next one for that long).
  worker: { lockDuration: 2000, stalledInterval: 1000 },
});
process.stdout.write('ready\n');
