// `npm run db:seed`: the demo province on an empty database.
// `npm run db:seed -- --scale --units 10000 --users 100000`: a large generated province (benchmarks).
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { createContainer } from '../src/container.js';
import { isDatabaseEmpty, seedDemoProvince } from './seed/demo-province.js';
import { seedScale } from './seed/scale.js';

const { values } = parseArgs({
  options: {
    scale: { type: 'boolean', default: false },
    units: { type: 'string', default: '10000' },
    users: { type: 'string', default: '100000' },
    'if-empty': { type: 'boolean', default: false },
  },
});
const container = createContainer(loadConfig(), { applicationName: 'vanthu-seed' });
try {
  const deps = { db: container.db, audit: container.services.audit };
  if (values.scale) {
    const r = await seedScale(deps, { units: Number(values.units), users: Number(values.users) });
    process.stdout.write(`seeded ${r.units} units and ${r.users} users (root ${r.rootId})\n`);
  } else if (values['if-empty'] && !(await isDatabaseEmpty(container.db))) {
    process.stdout.write('database not empty: demo seed skipped\n');
  } else {
    const r = await seedDemoProvince(deps);
    process.stdout.write(`seeded the demo province: ${r.organizations} units, ${r.users} users\n`);
  }
} finally {
  await container.close();
}
