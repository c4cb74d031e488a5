import postgres from 'postgres';
import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgTransaction } from 'drizzle-orm/pg-core';
import type { PostgresJsQueryResultHKT } from 'drizzle-orm/postgres-js';
import * as schema from './schema/index.js';

export type Schema = typeof schema;
export type Db = PostgresJsDatabase<Schema>;
export type Tx = PgTransaction<PostgresJsQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Repositories accept either, so a service can run several of them in one transaction. */
export type DbOrTx = Db | Tx;

export type DbClient = { db: Db; sql: postgres.Sql; close: () => Promise<void> };

export type CreateDbOptions = { url: string; poolMax: number; applicationName?: string };

/** One postgres.js pool and its drizzle wrapper. */
export function createDb({ url, poolMax, applicationName = 'vanthu' }: CreateDbOptions): DbClient {
  const sql = postgres(url, {
    max: poolMax,
    onnotice: () => {},
    connection: { application_name: applicationName },
  });
  const db = drizzle(sql, { schema, casing: 'snake_case' });
  return { db, sql, close: () => sql.end({ timeout: 5 }) };
}
