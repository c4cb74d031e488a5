import { sql, type SQL } from 'drizzle-orm';
import { PLAN_PER_CALL, type DbOrTx } from './client.js';

/** How many items a list matches, as list answers give it (`total`, `totalIsEstimate`). */
export type ListTotal = { total: number; totalIsEstimate: boolean };

/**
 * Beyond this many matches a list's total is the planner's estimate: counting exactly would read
 * every match (a province's done assignments: millions of index entries) for a number nobody pages to.
 */
export const EXACT_TOTAL_CAP = 10_000;

type PlanNode = { Plan: { 'Plan Rows': number } };

/**
 * The number of rows `matches` (a SELECT of the matching rows, no ORDER BY or LIMIT) yields: exact up
 * to `cap`, else the planner's row estimate (never below cap + 1), flagged as an estimate.
 */
export async function countMatches(db: DbOrTx, matches: SQL, cap = EXACT_TOTAL_CAP, { planPerCall = false } = {}): Promise<ListTotal> {
  // planPerCall (PLAN_PER_CALL) for a count whose best plan depends on the caller's scope; the others
  // keep their cached plan (planning the work lists' counts per call made them slower: inbox bench).
  const count = sql`select count(*)::int as n from (${matches} limit ${cap + 1}) m`;
  const [row] = await db.execute<{ n: number }>(planPerCall ? sql`${sql.raw(PLAN_PER_CALL)} ${count}` : count);
  if (row.n <= cap) return { total: row.n, totalIsEstimate: false };
  const [plan] = await db.execute<{ 'QUERY PLAN': PlanNode[] }>(sql`explain (format json) ${matches}`);
  const estimate = Math.round(plan['QUERY PLAN'][0].Plan['Plan Rows']);
  return { total: Math.max(cap + 1, estimate), totalIsEstimate: true };
}

/**
 * The total of a keyset page: the page itself when it is the first and holds every match (no
 * second query), else countMatches over `matches`.
 * @param fetched rows read for the page, including the one past `limit` that says another page follows
 */
export async function pageTotal(
  db: DbOrTx,
  page: { first: boolean; fetched: number; limit: number },
  matches: SQL,
  cap = EXACT_TOTAL_CAP,
  options: { planPerCall?: boolean } = {},
): Promise<ListTotal> {
  if (page.first && page.fetched <= page.limit) return { total: page.fetched, totalIsEstimate: false };
  return countMatches(db, matches, cap, options);
}
