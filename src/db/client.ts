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

/** Statements with more parameters than this stay unnamed: their text varies with a list's length, and one-offs need no cache. */
const MAX_PREPARED_PARAMETERS = 64;

/**
 * A statement whose text starts with this comment stays unnamed, so PostgreSQL plans it with each
 * call's values. For queries whose best plan depends on them (a commune's scope or a province's):
 * a named statement goes to a generic plan after five calls, and the people picker's plan, made
 * generic after a province leader's calls, took 100–158 ms for a commune leader instead of 3–9 ms
 * (pickers bench). Costs one more round trip and a planning per call.
 */
export const PLAN_PER_CALL = '/* plan per call */';

/**
 * The client drizzle is given: every statement it runs becomes a named prepared statement, cached
 * per connection. drizzle asks postgres.js for unnamed ones (`prepare: false`) unless a query is
 * named, and postgres.js then sends Parse + Describe, waits for the parameter types, and only then
 * Bind + Execute: two round trips and a fresh parse for every statement. A cached statement is one
 * round trip. Transactions and savepoints hand out their own client, wrapped the same way.
 */
function preparing<T extends postgres.Sql | postgres.TransactionSql>(client: T): T {
  return new Proxy(client, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      if (prop === 'unsafe')
        return (text: string, params?: unknown[], options?: { prepare?: boolean }) =>
          target.unsafe(text, params as postgres.ParameterOrJSON<never>[], {
            ...options,
            prepare: (params?.length ?? 0) <= MAX_PREPARED_PARAMETERS && !text.startsWith(PLAN_PER_CALL),
          });
      if (prop === 'begin' || prop === 'savepoint')
        return (...args: unknown[]) => {
          const body = args.pop() as (tx: postgres.TransactionSql) => unknown;
          return (value as (...a: unknown[]) => unknown).call(target, ...args, (tx: postgres.TransactionSql) => body(preparing(tx)));
        };
      return (value as (...a: unknown[]) => unknown).bind(target);
    },
  });
}

/** One postgres.js pool and its drizzle wrapper. */
export function createDb({ url, poolMax, applicationName = 'vanthu' }: CreateDbOptions): DbClient {
  const sql = postgres(url, {
    max: poolMax,
    onnotice: () => {},
    // plan_cache_mode stays at PostgreSQL's default (auto). force_custom_plan, which kept our named
    // statements planned per execution as unnamed ones were, also re-plans every foreign-key check and
    // trigger statement (their cached SPI plans obey the same setting): a 3,400-row deliveries insert
    // took 341–438 ms instead of 152–156 ms, mostly in its three FK checks per row.
    connection: { application_name: applicationName },
  });
  const db = drizzle(preparing(sql), { schema, casing: 'snake_case' });
  return { db, sql, close: () => sql.end({ timeout: 5 }) };
}
