// A worker process for the crash tests: consumes one queue (the fan-out queue unless WORKER_QUEUE
// names another) one job at a time and holds each job a little after its handler committed (the
// window in which the fan-out test kills it), so that a killed job's effects are committed but the
// job itself is still active in Redis. The send test kills it while its POST is at the peer.
import { Worker } from 'bullmq';
import { loadConfig } from '../../../src/config.js';
import { createContainer } from '../../../src/container.js';
import { JOBS, type JobName } from '../../../src/jobs/catalog.js';
import { createWorkerRedis } from '../../../src/jobs/redis.js';
import { HANDLERS } from '../../../workers/registry.js';

const config = loadConfig();
const container = createContainer(config, { applicationName: 'vanthu-crash-worker' });
const connection = createWorkerRedis(config.redis.url);
const holdMs = Number(process.env.HOLD_MS ?? '400');

new Worker(
  process.env.WORKER_QUEUE ?? JOBS['exchange.deliver-internal'].queue,
  async (job) => {
    const result = await HANDLERS[job.name as JobName](job, container);
    process.stdout.write(`committed ${job.id}\n`);
    await new Promise((r) => setTimeout(r, holdMs));
    return result;
  },
  // A short lock: once killed, its active job is found stalled within seconds (a short stalled
  // interval too: each check throttles every worker's next one for that long).
  { connection, prefix: config.redis.prefix, concurrency: 1, lockDuration: 2000, stalledInterval: 1000 },
);
process.stdout.write('ready\n');
