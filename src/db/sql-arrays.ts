import { sql, type SQL } from 'drizzle-orm';

/**
 * A uuid[] of ids as ONE bound parameter (a PostgreSQL array literal cast to uuid[]), for
 * `= any(...)` and `unnest(...)`. One parameter rather than one per id keeps the statement's text
 * the same whatever the number of ids: PostgreSQL parses and plans a fan-out batch of a hundred
 * recipients as cheaply as one, and the client sends two values instead of two hundred. Every
 * element is quoted, so an id holding a comma or a brace stays one element, which the cast then
 * refuses as it refuses any malformed uuid.
 */
export function uuidArray(ids: readonly string[]): SQL {
  const literal = `{${ids.map((id) => `"${id.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
  return sql`${literal}::uuid[]`;
}
