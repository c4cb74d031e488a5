import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../../src/config.js';
import { dropDatabase } from '../helpers/databases.js';
import { createContainer } from '../../src/container.js';
import { runMigrations } from '../../src/db/migrate.js';
import { seedDemoProvince } from '../../scripts/seed/demo-province.js';
import { demoCertificatesDeps, ensureDemoCertificates } from '../../scripts/demo-certificates.js';
import { startLocalS3Server, type LocalS3Server } from '../../scripts/s3-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Environment for loadConfig in tests: the template database, the S3 server, Redis. */
    testEnv: Record<string, string>;
  }
}

// Names carry a per-run id, so several `npm test` runs on one machine never touch each other's data.
// The id starts with the start time (base 36), so stale databases of crashed runs can be recognised.
const RUN_ID = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
const STALE_AFTER_MS = 3 * 3600_000;
const TEMPLATE_DB = `vanthu_tpl_${RUN_ID}`;
const S3_DIR = `./data/s3-test-${RUN_ID}`;
const PKI_DIR = path.resolve(`./data/pki-test-${RUN_ID}`);

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * Runs once per `npm test`: services come from scripts/test.sh (PostgreSQL, Redis); this adds an S3
 * server (unless S3_ENDPOINT is set) and a migrated, demo-seeded template database that every test
 * file clones (test/helpers/context.ts), so files never see each other's data.
 */
export default async function setup(project: TestProject) {
  const baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) throw new Error('DATABASE_URL is not set: run the suite with `npm test`');

  let s3: LocalS3Server | undefined;
  const env: Record<string, string> = { ...(process.env as Record<string, string>), LOG_LEVEL: 'silent' };
  if (!process.env.S3_ENDPOINT) {
    s3 = await startLocalS3Server({ port: 0, directory: S3_DIR, accessKey: 'minioadmin', secretKey: 'minioadmin' });
    Object.assign(env, { S3_ENDPOINT: s3.endpoint, S3_ACCESS_KEY: 'minioadmin', S3_SECRET_KEY: 'minioadmin' });
  }

  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  await dropStaleTestDatabases(admin);
  await admin.unsafe(`create database ${TEMPLATE_DB} template template0 encoding 'UTF8'`);
  const templateUrl = withDatabase(baseUrl, TEMPLATE_DB);
  await runMigrations(templateUrl);

  env.SIGNING_TRUST_LIST = path.join(PKI_DIR, 'ca.pem');
  const container = createContainer(loadConfig({ ...env, DATABASE_URL: templateUrl }), { applicationName: 'vanthu-test-setup' });
  await seedDemoProvince({ db: container.db, audit: container.services.audit });
  await ensureDemoCertificates(demoCertificatesDeps(container), { dir: PKI_DIR });
  await container.close();

  env.DATABASE_URL = templateUrl;
  project.provide('testEnv', env);

  return async () => {
    const ours = await admin<
      { datname: string }[]
    >`select datname from pg_database where datname like ${`vanthu_t\\_${RUN_ID}\\_%`} or datname = ${TEMPLATE_DB}`;
    for (const { datname } of ours) await dropDatabase(admin, datname);
    await admin.end();
    await s3?.close();
    await rm(S3_DIR, { recursive: true, force: true });
    await rm(PKI_DIR, { recursive: true, force: true });
  };
}

/** Databases left by runs that crashed (older than STALE_AFTER_MS); other live runs are left alone. */
async function dropStaleTestDatabases(admin: postgres.Sql) {
  const rows = await admin<
    { datname: string }[]
  >`select datname from pg_database where datname like 'vanthu\\_t\\_%' or datname like 'vanthu\\_tpl\\_%'`;
  for (const { datname } of rows) {
    const started = parseInt(datname.replace(/^vanthu_(tpl|t)_/, '').slice(0, 8), 36);
    if (Number.isFinite(started) && Date.now() - started > STALE_AFTER_MS) {
      await dropDatabase(admin, datname);
    }
  }
}
