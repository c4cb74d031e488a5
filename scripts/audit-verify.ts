// `npm run audit:verify`: checks the whole audit hash chain; exit 1 naming the first broken row.
import { loadConfig } from '../src/config.js';
import { createContainer } from '../src/container.js';

const container = createContainer(loadConfig(), { applicationName: 'vanthu-audit-verify' });
try {
  const result = await container.services.audit.verifyChain();
  if (result.ok) {
    process.stdout.write(`audit chain intact: ${result.checked} events checked\n`);
  } else {
    process.stdout.write(
      `audit chain BROKEN at event id ${result.firstBrokenId}: ${result.reason} (${result.checked} events before it are intact)\n`,
    );
    process.exitCode = 1;
  }
} finally {
  await container.close();
}
