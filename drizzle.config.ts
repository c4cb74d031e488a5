import { defineConfig } from 'drizzle-kit';

// Only `drizzle-kit generate` uses this (no database connection): migrations are applied by scripts/migrate.ts.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema/index.ts',
  out: './migrations',
  casing: 'snake_case',
});
