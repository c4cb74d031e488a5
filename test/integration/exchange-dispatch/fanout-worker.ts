// A worker process for the crash test: consumes the fan-out queue one job at a time and holds
// each job a little after its handler committed (the window in which the test kills it), so that
// a killed job's effects are committed but the job itself is still active in Redis.
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
  JOBS['exchange.deliver-internal'].queue,
  async (job) => {
    const result = await HANDLERS[job.name as JobName](job, container);
    process.stdout.write(`committed ${job.id}\n`);
    await new Promise((r) => setTimeout(r, holdMs));
    return result;
  },
  // A short lock: once killed, its active job is found stalled within seconds.
  { connection, prefix: config.redis.prefix, concurrency: 1, lockDuration: 2000 },
);
process.stdout.write('ready\n');
