import { eq, inArray, sql, type SQL } from 'drizzle-orm';
import { PLAN_PER_CALL, type DbOrTx } from '../../db/client.js';
import { organizations, roleGrants, users, type Role } from '../../db/schema/index.js';
import { escapeLike } from '../../lib/text.js';
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

export type PeopleQuery = {
  /** Conditions over `users u` / `organizations uo` (auth/reach.ts) whose union is who may be listed. */
  scopes: SQL[];
  /** Subtrees the caller administers: their people are listed inactive too, and `q` matches their usernames. */
  adminPaths: string[];
  organizationId?: string;
  /** The words of q, folded (foldVietnamese): each must appear in the name or position. */
  words: string[];
  /** Keyset: rows strictly after this (search_text, id). */
  after?: { searchText: string; id: string };
  limit: number;
};

export type PersonRow = {
  id: string;
  username: string;
  fullName: string;
  email: string | null;
  position: string | null;
  active: boolean;
  organizationId: string;
  organizationName: string;
  searchText: string;
  administered: boolean;
};

/**
 * A search reads at most `limit` × this many people of a scope in name order for a page of matches
 * before it looks every match up instead. Reading in name order is fastest for words many people
 * have ("ng": a page of 20 within the first 400 people) and hopeless for a word clustered late in
 * the order (a family name: the Nguyễn are one stretch of it, 58,000 people in on the pickers bench,
 * 200 ms); looking matches up through the trigram index costs their number (45 ms for the 8,000
 * Nguyễn of 100,000 people, 130 ms for the 90,000 with an "n"). A walk of 1,000 costs ~5 ms.
 */
export const WALK_ROWS_PER_ITEM = 50;

const ltreeArray = (paths: readonly string[]): SQL =>
  paths.length === 0
    ? sql`array[]::ltree[]`
    : sql`array[${sql.join(
        paths.map((p) => sql`${p}::ltree`),
        sql`, `,
      )}]`;

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

    /**
     * The user, their unit's path and their grants in one round trip, with the principal epoch read
     * in the same statement (so in the same snapshot as the rest): the row is current as of it.
     */
    async findPrincipal(db: DbOrTx, id: string) {
      const [row] = await db.execute<{
        id: string;
        username: string;
        fullName: string;
        position: string | null;
        organizationId: string;
        organizationPath: string;
        active: boolean;
        tokenVersion: number;
        grants: RoleGrant[];
        epoch: string | null;
      }>(sql`
        select u.id, u.username, u.full_name as "fullName", u.position, u.organization_id as "organizationId",
               o.path::text as "organizationPath", u.active, u.token_version as "tokenVersion",
               coalesce((select json_agg(json_build_object('organizationId', g.organization_id, 'organizationPath', go.path::text, 'role', g.role))
                           from role_grants g join organizations go on go.id = g.organization_id
                          where g.user_id = u.id), '[]'::json) as grants,
               (select e.value::text from principal_epoch e where e.id = 1) as epoch
          from users u join organizations o on o.id = u.organization_id
         where u.id = ${id}::uuid`);
      return row;
    },

    /** The principal epoch now (migration 0033): unchanged means no principal changed since it was read. */
    async principalEpoch(db: DbOrTx): Promise<string | null> {
      const [row] = await db.execute<{ epoch: string }>(sql`select value::text as epoch from principal_epoch where id = 1`);
      return row?.epoch ?? null;
    },

    async grantsOf(db: DbOrTx, userIds: string[]): Promise<(RoleGrant & { userId: string; organizationName: string })[]> {
      if (userIds.length === 0) return [];
      return db
        .select({
          userId: roleGrants.userId,
          organizationId: roleGrants.organizationId,
          organizationPath: organizations.path,
          organizationName: organizations.name,
          role: roleGrants.role,
        })
        .from(roleGrants)
        .innerJoin(organizations, eq(organizations.id, roleGrants.organizationId))
        .where(inArray(roleGrants.userId, userIds));
    },

    async insert(db: DbOrTx, user: NewUser): Promise<UserRow> {
      const [row] = await db
        .insert(users)
        .values({ ...user, username: user.username.toLowerCase() })
        .returning();
      return row;
    },

    async update(db: DbOrTx, id: string, fields: Partial<Omit<NewUser, 'id' | 'username'>>): Promise<UserRow> {
      const [row] = await db
        .update(users)
        .set({ ...fields, updatedAt: new Date() })
        .where(eq(users.id, id))
        .returning();
      return row;
    },

    async replaceGrants(db: DbOrTx, userId: string, grants: { organizationId: string; role: Role }[]): Promise<void> {
      await db.delete(roleGrants).where(eq(roleGrants.userId, userId));
      if (grants.length > 0) await db.insert(roleGrants).values(grants.map((g) => ({ userId, ...g })));
    },

    /**
     * A reorganisation (orgs: merger, dissolution): the staff of `fromId` become staff of `toId`, and
     * every grant held at `fromId` is held at `toId` instead (a grant the user already holds there is
     * kept once). Returns the users moved and the grants carried.
     */
    async transferMembers(db: DbOrTx, fromId: string, toId: string): Promise<{ users: string[]; grants: number }> {
      const moved = await db
        .update(users)
        .set({ organizationId: toId, updatedAt: new Date() })
        .where(eq(users.organizationId, fromId))
        .returning({ id: users.id });
      const carried = await db.execute(sql`
        insert into role_grants (user_id, organization_id, role)
        select user_id, ${toId}::uuid, role from role_grants where organization_id = ${fromId}::uuid
        on conflict do nothing
        returning id`);
      await db.delete(roleGrants).where(eq(roleGrants.organizationId, fromId));
      return { users: moved.map((r) => r.id), grants: carried.length };
    },

    /** The people search pages through, every page (for its total). */
    searchMatches(q: Omit<PeopleQuery, 'limit' | 'after'>): SQL {
      const { matches, adminMatches } = textMatches(q.words);
      const within = [
        ...q.adminPaths.map((path) => sql`(uo.path <@ ${path}::ltree and ${adminMatches})`),
        ...q.scopes.map((scope) => sql`(${scope} and ${matches})`),
      ];
      return sql`select u.id from users u join organizations uo on uo.id = u.organization_id
        where ${q.organizationId ? sql`u.organization_id = ${q.organizationId}::uuid` : sql`true`}
          and ${within.length === 0 ? sql`false` : sql`(${sql.join(within, sql` or `)})`}`;
    },

    /**
     * People in the union of `scopes` (and of the administered subtrees), in folded-name order,
     * keyset-paginated. Each scope is its own branch, ordered and limited apart, so each gets the plan
     * its own condition allows (a clerk's few leaders found from their grants, a province leader's
     * members through the trigram or name index); the branches are merged and cut to the page.
     */
    async search(db: DbOrTx, q: PeopleQuery): Promise<PersonRow[]> {
      const { text, matches, adminMatches } = textMatches(q.words);
      const common = [
        q.organizationId ? sql`u.organization_id = ${q.organizationId}::uuid` : sql`true`,
        q.after ? sql`(u.search_text, u.id) > (${q.after.searchText}, ${q.after.id}::uuid)` : sql`true`,
      ];
      const where = (condition: SQL) => sql`${condition} and ${sql.join(common, sql` and `)}`;
      const from = sql`from users u join organizations uo on uo.id = u.organization_id`;
      const order = sql`order by u.search_text, u.id`;
      const branch = (condition: SQL, match: SQL) => {
        if (text.length === 0) return sql`(select u.id, u.search_text ${from} where ${where(condition)} ${order} limit ${q.limit})`;
        // With q, two ways to the page (see WALK_ROWS_PER_ITEM): the scope's people in name order, q
        // checked on each, until a page of matches or `budget` people (the inner limit stops the walk
        // either way); a full page is exact. Else every match (the trigram index, or the scope's few
        // people; `offset 0` keeps them found before they are sorted), sorted. Only one of the two
        // runs past its start: the second is gated on what the first found.
        const budget = q.limit * WALK_ROWS_PER_ITEM;
        return sql`(
          with walked as materialized (
            select w.id, w.search_text from (select u.id, u.search_text, (${match}) is true as hit ${from} where ${where(condition)} ${order} limit ${budget}) w
             where w.hit limit ${q.limit}),
          full_page as (select count(*) = ${q.limit} as ok from walked)
          select w.id, w.search_text from walked w where (select ok from full_page)
          union all
          (select b.id, b.search_text from (select u.id, u.search_text ${from} where ${where(condition)} and ${match} offset 0) b
            where not (select ok from full_page) order by b.search_text, b.id limit ${q.limit}))`;
      };
      const branches = [
        ...q.adminPaths.map((path) => branch(sql`uo.path <@ ${path}::ltree`, adminMatches)),
        ...q.scopes.map((scope) => branch(scope, matches)),
      ];
      if (branches.length === 0) return [];

      // Planned per call (PLAN_PER_CALL): a clerk's scope and a province leader's share the text.
      const rows = await db.execute<PersonRow>(sql`${sql.raw(PLAN_PER_CALL)}
        select u.id, u.username, u.full_name as "fullName", u.email, u.position, u.active, u.organization_id as "organizationId",
               uo.name as "organizationName", u.search_text as "searchText", uo.path <@ ${ltreeArray(q.adminPaths)} as administered
          from (${sql.join(branches, sql` union `)}) x
          join users u on u.id = x.id
          join organizations uo on uo.id = u.organization_id
         order by x.search_text, x.id
         limit ${q.limit}`);
      return [...rows];
    },
  };
}

export type UsersRepo = ReturnType<typeof createUsersRepo>;

/** Conditions over `users u`: every word in the name or position; for an administrator, or the username. */
function textMatches(words: string[]) {
  const text = words.map((w) => sql`u.search_text like ${`%${escapeLike(w)}%`}`);
  const matches = text.length === 0 ? sql`true` : sql.join(text, sql` and `);
  // An administrator's q also finds a username (the words as typed, with no spaces in between).
  const adminMatches = text.length === 0 ? sql`true` : sql`(${matches} or u.username like ${`%${escapeLike(words.join(''))}%`})`;
  return { text, matches, adminMatches };
}
