import { sql, type AnyColumn, type SQL } from 'drizzle-orm';

/**
 * Where each national status code (DOMAIN.md §1.5) stands in a recipient's handling of a document:
 * 01 arrived < 02 refused = 03 registered (the two outcomes of the clerk's check) < 04 assigned <
 * 05 processing < 06 finished.
 *
 * The rule: a delivery's current status (statusCode, its description and time) moves to a code of
 * the same or a higher step, never to a lower one; statuses from peers can arrive out of order (a
 * late 03 after 06), and such a late one is only added to the history, which keeps every status
 * once, in arrival order, each with its own times. On the same step the later arrival wins (a
 * refusal revised into a registration). Codes outside the progression never change the current
 * status: 13 is the sender's own recall request, 15/16 answer a recall, update or replace notice
 * (they set the recall state instead), and unknown codes are history only.
 */
export const STATUS_PROGRESSION: Readonly<Record<string, number>> = Object.freeze({ '01': 1, '02': 2, '03': 2, '04': 3, '05': 4, '06': 5 });

/** Whether `code` is a handling status (01…06) that can become a delivery's current status. */
export const isProgressionCode = (code: string): boolean => Object.hasOwn(STATUS_PROGRESSION, code);

/** SQL: the step of a status code expression (0 for null or a code outside the progression). */
export function statusStepSql(code: AnyColumn | SQL): SQL {
  const branches = Object.entries(STATUS_PROGRESSION).map(([c, step]) => sql`when ${c}::text then ${step}::int`);
  return sql`(case ${code} ${sql.join(branches, sql` `)} else 0 end)`;
}
