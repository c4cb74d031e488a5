import { sql, type SQL } from 'drizzle-orm';
import type { Principal } from '../auth/principal.js';

/**
 * The SQL that decides which assignments a work list holds (GET /assignments), shared with the
 * personal work lists' summary (worklists module, GET /me/work) so a home page's counts and the
 * lists they link to count exactly the same rows.
 */

/** Whose assignments: the caller (mine), units (unit), or every unit and person under these organisations (subtree). */
export type WorkListOwners = { userId?: string; unitIds?: string[]; subtreePaths?: string[] };
/** unread and read are the items to inform (read receipts), never counted as open work. */
export type WorkListStatus = 'open' | 'overdue' | 'done' | 'unread' | 'read';

export const ltreeArray = (paths: string[]): SQL =>
  sql`array[${sql.join(
    paths.map((p) => sql`${p}::ltree`),
    sql`, `,
  )}]::ltree[]`;

/** scope=unit: the units the caller leads or clerks. */
export const unitOwners = (p: Principal): WorkListOwners => ({
  unitIds: [...new Set(p.grants.filter((g) => g.role === 'leader' || g.role === 'clerk').map((g) => g.organizationId))],
});

/** scope=subtree: the organisations the caller leads (empty: not a leader). */
export const ledPaths = (p: Principal): string[] => [
  ...new Set(p.grants.filter((g) => g.role === 'leader').map((g) => g.organizationPath)),
];

/** The conditions of a work list on `assignments a` other than whose it is (status, confidentiality). */
export function workListConditions(q: { status: WorkListStatus; principal: Principal }): SQL {
  const status = q.status === 'overdue' ? sql`a.status = 'open' and a.overdue_since is not null` : sql`a.status = ${q.status}`;
  // Confidential documents only for users granted them, as everywhere (checked per row of the walk, by primary key).
  const readable = sql`exists (select 1 from documents cd where cd.id = a.document_id
      and (cd.confidentiality = 'normal' or exists (select 1 from document_access_grants g where g.document_id = cd.id and g.user_id = ${q.principal.id}::uuid)))`;
  return sql`${status} and ${readable}`;
}

/**
 * Whose assignments a list holds, each as a condition on `assignments a` that one index serves:
 * the caller (scope=mine), each unit (scope=unit), or, for a subtree, its units and its people.
 * A subtree's keys are sets (`in (select ...)`): the planner probes the per-assignee indexes for a
 * commune's few keys and walks the status index in page order for a province's thousands.
 */
export function workListOwnerKeys(q: WorkListOwners): SQL[] {
  if (q.userId) return [sql`a.assignee_user_id = ${q.userId}::uuid`];
  if (q.subtreePaths) {
    const paths = ltreeArray(q.subtreePaths);
    return [
      sql`a.assignee_unit_id in (select o.id from organizations o where o.path <@ ${paths})`,
      sql`a.assignee_user_id in (select u.id from users u join organizations uo on uo.id = u.organization_id where uo.path <@ ${paths})`,
    ];
  }
  return (q.unitIds ?? []).map((id) => sql`a.assignee_unit_id = ${id}::uuid`);
}

/** The ids of a work list's matching assignments (no order, no limit: for a count), narrowed by `also`; undefined when it has no owner key. */
export function workListMatches(
  q: WorkListOwners & { status: WorkListStatus; principal: Principal },
  also: SQL = sql`true`,
): SQL | undefined {
  const keys = workListOwnerKeys(q);
  if (keys.length === 0) return undefined;
  return sql`select a.id from assignments a where (${sql.join(keys, sql` or `)}) and ${workListConditions(q)} and ${also}`;
}
