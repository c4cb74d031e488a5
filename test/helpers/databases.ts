import type postgres from 'postgres';

/**
 * DROP DATABASE … WITH (FORCE) cannot end an autovacuum worker busy on the fresh clone (it runs
 * under no role the test role may signal: SQLSTATE 42501); it finishes within moments, so retry.
 * Whatever still stands is dropped by the run's global teardown.
 */
export async function dropDatabase(admin: postgres.Sql, dbName: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await admin.unsafe(`drop database if exists "${dbName}" with (force)`);
      return;
    } catch (err) {
      if ((err as { code?: string }).code !== '42501' || attempt === 20) throw err;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
