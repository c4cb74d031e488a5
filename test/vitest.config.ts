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
    ],
  },
});
