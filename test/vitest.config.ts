import { defineConfig } from 'vitest/config';

// The root listing of the repository is fixed, so the vitest config lives under test/ and the npm
// scripts pass --config. Two tiers: unit (no I/O, fakes through factories) and integration (real
// PostgreSQL, Redis, S3 and the Debian PDF checkers, all started by scripts/test.sh and global-setup).
export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/setup/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        // Stories in a real browser (Debian's chromium through playwright-core) against the real API:
        // `npm test -- --project e2e` runs only these, `--project '!e2e'` all but these.
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/setup/global-setup.ts', 'test/e2e/setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
