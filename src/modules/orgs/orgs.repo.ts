import { and, asc, eq, gt, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client.js';
import { escapeLike } from '../../lib/text.js';
import { organizationNameHistory, organizationPredecessors, organizations } from '../../db/schema/index.js';

export type OrganizationRow = typeof organizations.$inferSelect;
export type NewOrganization = Omit<typeof organizations.$inferInsert, 'path'> & { id: string };

/** ltree label of a unit: its uuid without dashes (labels allow only letters, digits and '_'). */
export const pathLabel = (id: string) => id.replaceAll('-', '');

export type SubtreeQuery = { rootPath: string; limit: number; afterPath?: string; maxDepth?: number; includeHistorical: boolean };

export type UnitSearch = {
  /** Conditions over `organizations o` (auth/reach.ts) whose union is what may be listed. */
  scopes: SQL[];
  /** The words of q, folded (foldVietnamese): each must appear in the name, abbreviation or code. */
  words: string[];
  /** Keyset: rows strictly after this (search_text, id). */
  after?: { searchText: string; id: string };
  limit: number;
};

/** A subtree's units: under the root, within maxDepth levels of it, current unless includeHistorical. */
function subtreeCondition(q: Omit<SubtreeQuery, 'limit' | 'afterPath'>): SQL {
  return and(
    sql`${organizations.path} <@ ${q.rootPath}::ltree`,
    q.maxDepth === undefined ? undefined : sql`nlevel(${organizations.path}) <= nlevel(${q.rootPath}::ltree) + ${q.maxDepth}`,
    q.includeHistorical ? undefined : isNull(organizations.validTo),
  )!;
}

/** Units (as `o`) in the union of the scopes whose search text holds every word. */
function searchCondition(q: Omit<UnitSearch, 'limit' | 'after'>): SQL {
  return sql.join(
    [sql`(${sql.join(q.scopes, sql` or `)})`, ...q.words.map((w) => sql`o.search_text like ${`%${escapeLike(w)}%`}`)],
    sql` and `,
  );
}

export function createOrgsRepo() {
  return {
    async findById(db: DbOrTx, id: string): Promise<OrganizationRow | undefined> {
      const [row] = await db.select().from(organizations).where(eq(organizations.id, id));
      return row;
    },

    async findByIds(db: DbOrTx, ids: string[]): Promise<OrganizationRow[]> {
      if (ids.length === 0) return [];
      return db.select().from(organizations).where(inArray(organizations.id, ids));
    },

    async findCurrentByCode(db: DbOrTx, code: string): Promise<OrganizationRow | undefined> {
      const [row] = await db
        .select()
        .from(organizations)
        .where(and(eq(organizations.code, code), isNull(organizations.validTo)));
      return row;
    },

    /** Inserts a unit under `parentPath` (null for a root); the path is computed here. */
    async insert(db: DbOrTx, org: NewOrganization, parentPath: string | null): Promise<OrganizationRow> {
      const path = parentPath ? `${parentPath}.${pathLabel(org.id)}` : pathLabel(org.id);
      const [row] = await db
        .insert(organizations)
        .values({ ...org, path })
        .returning();
      return row;
    },

    /** A page of the subtree in path order (depth-first), served by the GiST index on path. */
    async subtree(db: DbOrTx, q: SubtreeQuery): Promise<OrganizationRow[]> {
      const conditions: SQL[] = [subtreeCondition(q)];
      if (q.afterPath) conditions.push(gt(organizations.path, sql`${q.afterPath}::ltree`));
      return db
        .select()
        .from(organizations)
        .where(and(...conditions))
        .orderBy(asc(organizations.path))
        .limit(q.limit);
    },

    /** The units subtree pages through, every page (for its total). */
    subtreeMatches(q: Omit<SubtreeQuery, 'limit' | 'afterPath'>): SQL {
      return sql`select ${organizations.id} from ${organizations} where ${subtreeCondition(q)}`;
    },

    /** The units search pages through, every page (for its total). */
    searchMatches(q: Omit<UnitSearch, 'limit' | 'after'>): SQL {
      return sql`select o.id from organizations o where ${q.scopes.length === 0 ? sql`false` : searchCondition(q)}`;
    },

    /** Units in the union of `scopes` whose search text holds every word, in folded-name order (keyset). */
    async search(db: DbOrTx, q: UnitSearch): Promise<OrganizationRow[]> {
      if (q.scopes.length === 0) return [];
      const conditions = [
        searchCondition(q),
        ...(q.after ? [sql`(o.search_text, o.id) > (${q.after.searchText}, ${q.after.id}::uuid)`] : []),
      ];
      const o = alias(organizations, 'o');
      return db
        .select()
        .from(o)
        .where(sql.join(conditions, sql` and `))
        .orderBy(asc(o.searchText), asc(o.id))
        .limit(q.limit);
    },

    /** Root first, the unit itself last. */
    async ancestors(db: DbOrTx, path: string): Promise<OrganizationRow[]> {
      return db
        .select()
        .from(organizations)
        .where(sql`${organizations.path} @> ${path}::ltree`)
        .orderBy(sql`nlevel(${organizations.path})`);
    },

    async update(
      db: DbOrTx,
      id: string,
      fields: Partial<Pick<OrganizationRow, 'name' | 'abbreviation' | 'code' | 'level' | 'validTo'>>,
    ): Promise<OrganizationRow> {
      const [row] = await db
        .update(organizations)
        .set({ ...fields, updatedAt: new Date() })
        .where(eq(organizations.id, id))
        .returning();
      return row;
    },

    async insertNameHistory(db: DbOrTx, entry: typeof organizationNameHistory.$inferInsert): Promise<void> {
      await db.insert(organizationNameHistory).values(entry);
    },

    async nameHistory(db: DbOrTx, id: string) {
      return db
        .select()
        .from(organizationNameHistory)
        .where(eq(organizationNameHistory.organizationId, id))
        .orderBy(asc(organizationNameHistory.validTo));
    },

    /**
     * Re-roots the subtree at `oldPath` under `newParentPath` in one statement (every descendant's
     * path is rewritten), and points the unit at its new parent.
     */
    async moveSubtree(db: DbOrTx, id: string, oldPath: string, newParentId: string, newParentPath: string): Promise<void> {
      await db.execute(sql`
        update organizations
           set path = ${newParentPath}::ltree || subpath(path, nlevel(${oldPath}::ltree) - 1),
               parent_id = case when id = ${id} then ${newParentId}::uuid else parent_id end,
               updated_at = now()
         where path <@ ${oldPath}::ltree`);
    },

    async childrenIds(db: DbOrTx, parentId: string): Promise<string[]> {
      const rows = await db
        .select({ id: organizations.id })
        .from(organizations)
        .where(and(eq(organizations.parentId, parentId), isNull(organizations.validTo)));
      return rows.map((r) => r.id);
    },

    async insertPredecessor(db: DbOrTx, link: typeof organizationPredecessors.$inferInsert): Promise<void> {
      await db.insert(organizationPredecessors).values(link).onConflictDoNothing();
    },

    async predecessors(db: DbOrTx, id: string) {
      return db
        .select({
          id: organizations.id,
          name: organizations.name,
          code: organizations.code,
          kind: organizationPredecessors.kind,
          effectiveDate: organizationPredecessors.effectiveDate,
        })
        .from(organizationPredecessors)
        .innerJoin(organizations, eq(organizations.id, organizationPredecessors.predecessorId))
        .where(eq(organizationPredecessors.organizationId, id));
    },

    async successors(db: DbOrTx, id: string) {
      return db
        .select({
          id: organizations.id,
          name: organizations.name,
          code: organizations.code,
          kind: organizationPredecessors.kind,
          effectiveDate: organizationPredecessors.effectiveDate,
        })
        .from(organizationPredecessors)
        .innerJoin(organizations, eq(organizations.id, organizationPredecessors.organizationId))
        .where(eq(organizationPredecessors.predecessorId, id));
    },
  };
}

export type OrgsRepo = ReturnType<typeof createOrgsRepo>;
