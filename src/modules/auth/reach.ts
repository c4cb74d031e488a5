import { sql, type SQL } from 'drizzle-orm';
import type { Principal } from './principal.js';

/**
 * Whom a caller may name: present a document to, assign or re-assign it to, put on an approval step,
 * send it to. Each rule is one SQL condition; the services check a named id with it (handling.repo
 * `isLeaderOver` and `assignable`; approvals.repo `nameableInTemplate`) and the pickers (GET /users,
 * GET /organizations) list what it admits, so what a picker offers and what a step accepts cannot
 * drift apart.
 *
 * People conditions are written over `users u` joined to their unit `organizations uo`; unit
 * conditions over `organizations o`. `scope` is an ltree path.
 */

/** Presenting (handling.present): an active user holding a leader grant at `scope` or above it. */
export const leaderOver = (scope: string): SQL =>
  sql`(u.active and exists (select 1 from role_grants rg join organizations ro on ro.id = rg.organization_id
                             where rg.user_id = u.id and rg.role = 'leader' and ro.path @> ${scope}::ltree))`;

/**
 * Assigning and re-assigning inside `scope` (handling.assign, reassign), naming on an approval step
 * of the organisation at `scope` (approval templates): an active user whose unit lies in that subtree.
 */
export const memberOf = (scope: string): SQL => sql`(u.active and uo.path <@ ${scope}::ltree)`;

/** Assigning to a unit inside `scope` (handling.assign, reassign): a current unit strictly below it. */
export const unitBelow = (scope: string): SQL => sql`(o.valid_to is null and o.path <@ ${scope}::ltree and o.path <> ${scope}::ltree)`;

/** Naming a unit's head or a role in a unit on an approval step of the organisation at `scope`: a current unit of that subtree, itself included. */
export const unitWithin = (scope: string): SQL => sql`(o.valid_to is null and o.path <@ ${scope}::ltree)`;

/** Sending a document (exchange dispatch): any current unit of the deployment. */
export const currentUnit: SQL = sql`(o.valid_to is null)`;

const pathsOf = (p: Principal, roles: readonly string[]) => [
  ...new Set(p.grants.filter((g) => roles.includes(g.role)).map((g) => g.organizationPath)),
];

/**
 * The conditions whose union is everyone `p` may name, one per scope, from the roles each step asks:
 * a clerk presents the documents of their own organisation (handling.present) to leaders over it; a
 * leader assigns the documents of their subtree and re-assigns inside the units they head
 * (handling.assign, reassign) to its members; leaders and administrators manage the approval
 * templates of their subtree (approvals/templates.service.ts assertManages), naming its members. A specialist names nobody.
 */
export function nameablePeople(p: Principal): SQL[] {
  return [...pathsOf(p, ['clerk']).map(leaderOver), ...pathsOf(p, ['leader', 'admin']).map(memberOf)];
}

/**
 * The conditions whose union is every unit `p` may name: a clerk sends documents to any current unit
 * (exchange dispatch); a leader assigns to the units below them and, like an administrator, names the
 * units of their subtree on approval steps (unitBelow lies within unitWithin).
 */
export function nameableUnits(p: Principal): SQL[] {
  if (p.grants.some((g) => g.role === 'clerk')) return [currentUnit];
  return pathsOf(p, ['leader', 'admin']).map(unitWithin);
}
