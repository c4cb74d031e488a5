import { and, asc, eq, gt, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { organizations, roleGrants, users, type Role } from '../../db/schema/index.js';
import type { RoleGrant } from '../auth/principal.js';

export type UserRow = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;

/** A statement failed because the username is already taken (the unique index, e.g. two concurrent creates). */
export function isUsernameTaken(err: unknown): boolean {
  // drizzle wraps the postgres.js error in `cause`.
  const pg = (err as { cause?: unknown })?.cause ?? err;
  const { code, constraint_name: constraint } = (pg ?? {}) as { code?: string; constraint_name?: string };
  return code === '23505' && constraint === 'users_username_uq';
}

export type UserListQuery = { withinPaths: string[]; organizationId?: string; q?: string; afterUsername?: string; limit: number };

export function createUsersRepo() {
  return {
    async findById(db: DbOrTx, id: string): Promise<UserRow | undefined> {
      const [row] = await db.select().from(users).where(eq(users.id, id));
      return row;
    },

    async findByUsername(db: DbOrTx, username: string): Promise<UserRow | undefined> {
      const [row] = await db.select().from(users).where(eq(users.username, username.toLowerCase()));
      return row;
    },

    /**
     * The user with the path of their unit. `forUpdate` locks the user's row, so that changes to one
     * user (their fields, their roles) are made one at a time, each against the grants the other left.
     */
    async findWithOrganization(db: DbOrTx, id: string, { forUpdate = false }: { forUpdate?: boolean } = {}) {
      const query = db
        .select({ user: users, organizationPath: organizations.path, organizationName: organizations.name })
        .from(users)
        .innerJoin(organizations, eq(organizations.id, users.organizationId))
        .where(eq(users.id, id));
      const [row] = forUpdate ? await query.for('update', { of: users }) : await query;
      return row;
    },

    /** The user, their unit's path and their grants in one round trip (every authenticated request needs it). */
    async findPrincipal(db: DbOrTx, id: string) {
      const [row] = await db.execute<{
        id: string; username: string; fullName: string; position: string | null; organizationId: string;
        organizationPath: string; active: boolean; tokenVersion: number; grants: RoleGrant[];
      }>(sql`
        select u.id, u.username, u.full_name as "fullName", u.position, u.organization_id as "organizationId",
               o.path::text as "organizationPath", u.active, u.token_version as "tokenVersion",
               coalesce((select json_agg(json_build_object('organizationId', g.organization_id, 'organizationPath', go.path::text, 'role', g.role))
                           from role_grants g join organizations go on go.id = g.organization_id
                          where g.user_id = u.id), '[]'::json) as grants
          from users u join organizations o on o.id = u.organization_id
         where u.id = ${id}::uuid`);
      return row;
    },

    async grantsOf(db: DbOrTx, userIds: string[]): Promise<(RoleGrant & { userId: string; organizationName: string })[]> {
      if (userIds.length === 0) return [];
      return db
        .select({ userId: roleGrants.userId, organizationId: roleGrants.organizationId, organizationPath: organizations.path, organizationName: organizations.name, role: roleGrants.role })
        .from(roleGrants)
        .innerJoin(organizations, eq(organizations.id, roleGrants.organizationId))
        .where(inArray(roleGrants.userId, userIds));
    },

    async insert(db: DbOrTx, user: NewUser): Promise<UserRow> {
      const [row] = await db.insert(users).values({ ...user, username: user.username.toLowerCase() }).returning();
      return row;
    },

    async update(db: DbOrTx, id: string, fields: Partial<Omit<NewUser, 'id' | 'username'>>): Promise<UserRow> {
      const [row] = await db.update(users).set({ ...fields, updatedAt: new Date() }).where(eq(users.id, id)).returning();
      return row;
    },

    async replaceGrants(db: DbOrTx, userId: string, grants: { organizationId: string; role: Role }[]): Promise<void> {
      await db.delete(roleGrants).where(eq(roleGrants.userId, userId));
      if (grants.length > 0) await db.insert(roleGrants).values(grants.map((g) => ({ userId, ...g })));
    },

    /** Users whose unit lies inside one of `withinPaths`, by username (keyset). */
    async list(db: DbOrTx, q: UserListQuery) {
      if (q.withinPaths.length === 0) return [];
      const conditions: SQL[] = [or(...q.withinPaths.map((p) => sql`${organizations.path} <@ ${p}::ltree`))!];
      if (q.organizationId) conditions.push(eq(users.organizationId, q.organizationId));
      if (q.q) conditions.push(or(ilike(users.username, `%${q.q}%`), ilike(users.fullName, `%${q.q}%`))!);
      if (q.afterUsername) conditions.push(gt(users.username, q.afterUsername));
      return db
        .select({ user: users, organizationPath: organizations.path, organizationName: organizations.name })
        .from(users)
        .innerJoin(organizations, eq(organizations.id, users.organizationId))
        .where(and(...conditions))
        .orderBy(asc(users.username))
        .limit(q.limit);
    },
  };
}

export type UsersRepo = ReturnType<typeof createUsersRepo>;
