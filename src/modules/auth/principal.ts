import type { Role } from '../../db/schema/index.js';

export type RoleGrant = { organizationId: string; organizationPath: string; role: Role };

/** The authenticated caller, checked against the database on every request (so revocation is immediate; users.service authenticate). Frozen: requests share it. */
export type Principal = {
  id: string;
  username: string;
  fullName: string;
  position: string | null;
  organizationId: string;
  organizationPath: string;
  grants: readonly Readonly<RoleGrant>[];
};

/** `path` is `ancestor` itself or lies below it (ltree labels separated by dots). */
export function isWithin(path: string, ancestor: string): boolean {
  return path === ancestor || path.startsWith(`${ancestor}.`);
}

/**
 * The caller holds `role` over the organisation at `targetPath`: a grant at that organisation or,
 * for roles that reach a subtree (admin, leader), at one of its ancestors.
 */
export function hasRoleOver(p: Principal, role: Role, targetPath: string): boolean {
  const reachesSubtree = role === 'admin' || role === 'leader';
  return p.grants.some(
    (g) => g.role === role && (reachesSubtree ? isWithin(targetPath, g.organizationPath) : g.organizationPath === targetPath),
  );
}

export function hasRoleAnywhere(p: Principal, role: Role): boolean {
  return p.grants.some((g) => g.role === role);
}

/** Paths of the subtrees the caller administers. */
export function adminRoots(p: Principal): string[] {
  return p.grants.filter((g) => g.role === 'admin').map((g) => g.organizationPath);
}

/** The caller is a clerk (văn thư) of exactly this organisation (a clerk's grant does not reach below it). */
export function isClerkOf(p: Principal, organizationId: string): boolean {
  return p.grants.some((g) => g.role === 'clerk' && g.organizationId === organizationId);
}
