// A worker process for the axis crash tests: only the axis poller (configured by the AXIS_* settings
// of its environment), killed by the test with SIGKILL at the moment it chooses.
import { loadConfig } from '../../../src/config.js';
import { createContainer } from '../../../src/container.js';

const container = createContainer(loadConfig(), { applicationName: 'vanthu-axis-crash-worker' });
const axis = container.services.exchange.axis;
if (!axis) throw new Error('AXIS_ENDPOINT is not set');
axis.startPoller();
process.stdout.write('ready\n');
