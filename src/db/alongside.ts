import { sql, type SQL } from 'drizzle-orm';

/**
 * Other modules' writes as CTEs (`, alongside_0 as (...), alongside_1 as (...)`) to follow a
 * statement's own `with` list: one statement, and so one transaction, writes them all, each module
 * still giving its own tables' SQL. Data-modifying CTEs run whether or not anything reads them, and
 * their rows are checked against the foreign keys at the end of the statement.
 */
export function alongsideCtes(statements: readonly SQL[]): SQL {
  return sql.join(
    statements.map((statement, i) => sql`, ${sql.raw(`alongside_${i}`)} as (${statement})`),
    sql``,
  );
}
