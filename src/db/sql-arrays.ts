import { sql, type SQL } from 'drizzle-orm';

/**
 * A uuid[] literal of bound parameters, for `= any(...)` and `unnest(...)`. Each id is its own
 * parameter cast to uuid, and the empty list still has a type, which PostgreSQL needs to plan
 * `any(array[])`.
 */
export function uuidArray(ids: readonly string[]): SQL {
  return ids.length === 0
    ? sql`array[]::uuid[]`
    : sql`array[${sql.join(
        ids.map((id) => sql`${id}::uuid`),
        sql`, `,
      )}]::uuid[]`;
}
