// `npm run db:migrate`: apply the committed migrations to DATABASE_URL.
import { loadConfig } from '../src/config.js';
import { runMigrations } from '../src/db/migrate.js';

const config = loadConfig();
await runMigrations(config.db.url);
process.stdout.write('migrations applied\n');
