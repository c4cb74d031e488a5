import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client.js';
import { custodyIntervals, documentAccessGrants, documentFiles, documents } from '../../db/schema/index.js';
import type { Principal } from '../auth/principal.js';
import { visibleDocumentCondition } from './documents.policy.js';

export type DocumentRow = typeof documents.$inferSelect;
export type NewDocument = typeof documents.$inferInsert & { id: string };
export type DocumentFileRow = typeof documentFiles.$inferSelect;
export type NewDocumentFile = typeof documentFiles.$inferInsert & { id: string };
export type AccessGrantRow = typeof documentAccessGrants.$inferSelect;

/** The policy condition is written over `documents d`: every read selects from this alias. */
const d = alias(documents, 'd');

export type DocumentListFilters = {
  direction?: string;
  status?: string;
  urgency?: string;
  typeName?: string;
  /** Inclusive Vietnam calendar dates on created_at. */
  fromDate?: string;
  toDate?: string;
  /** Already folded (foldVietnamese) search text. */
  foldedQuery?: string;
};

export type DocumentListQuery = DocumentListFilters & {
  limit: number;
  /** Keyset: rows strictly after this (created_at as PostgreSQL text, id) in (created_at desc, id desc). */
  after?: { createdAt: string; id: string };
};

export type ListedDocument = { row: DocumentRow; cursorCreatedAt: string };

const uuidArray = (ids: readonly string[]): SQL =>
  ids.length === 0 ? sql`array[]::uuid[]` : sql`array[${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)}]`;
const ltreeArray = (paths: readonly string[]): SQL =>
  paths.length === 0 ? sql`array[]::ltree[]` : sql`array[${sql.join(paths.map((p) => sql`${p}::ltree`), sql`, `)}]`;

/** `%` and `_` typed by a user are literal characters, not wildcards. */
const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Filters and keyset over the alias `d`, shared by every branch of the list query. */
function listConditions(q: DocumentListQuery): SQL {
  const parts: SQL[] = [sql`true`];
  if (q.direction) parts.push(sql`d.direction = ${q.direction}`);
  if (q.status) parts.push(sql`d.status = ${q.status}`);
  if (q.urgency) parts.push(sql`d.urgency = ${q.urgency}`);
  if (q.typeName) parts.push(sql`d.type_name = ${q.typeName}`);
  // Vietnam calendar days as instants, so the comparison stays sargable on created_at.
  if (q.fromDate) parts.push(sql`d.created_at >= (${q.fromDate}::date::timestamp at time zone 'Asia/Ho_Chi_Minh')`);
  if (q.toDate) parts.push(sql`d.created_at < ((${q.toDate}::date + 1)::timestamp at time zone 'Asia/Ho_Chi_Minh')`);
  if (q.foldedQuery) parts.push(sql`d.search_text ilike ${`%${escapeLike(q.foldedQuery)}%`}`);
  if (q.after) parts.push(sql`(d.created_at, d.id) < (${q.after.createdAt}::timestamptz, ${q.after.id}::uuid)`);
  return sql.join(parts, sql` and `);
}

// NULLS LAST as in documents_owner_created_idx: a plain `desc` means NULLS FIRST, which the planner
// does not match to that index (NOT NULL columns notwithstanding) and sorts instead.
const ORDER = sql`order by d.created_at desc nulls last, d.id desc nulls last`;

/**
 * Candidate (id, created_at) rows for a page of the caller's list, newest first. Two plans:
 * - by owner (the usual case): one branch per way a document can be visible (owned by a unit the
 *   caller clerks or leads, assigned, explicitly granted), each walking its own index in
 *   (created_at desc, id desc) order and stopping at `limit` rows; the top `limit` visible rows
 *   are necessarily among their union, whatever the size of the table. A province leader reaches
 *   every unit: a few hundred short probes of documents_owner_created_idx, not a scan;
 * - by search text, when `q` matches few documents: the trigram index finds them all and the
 *   visibility rule filters them (walking owners would read every document for a rare word).
 * Either way the caller's query still applies visibleDocumentCondition, which stays the rule.
 */
function candidates(p: Principal, q: DocumentListQuery, plan: 'owner' | 'search'): SQL {
  const where = listConditions(q);
  if (plan === 'search') {
    return sql`select d.id from documents d where ${visibleDocumentCondition(p)} and ${where} ${ORDER} limit ${q.limit}`;
  }

  const clerkOrgs = p.grants.filter((g) => g.role === 'clerk').map((g) => g.organizationId);
  const leaderOrgs = p.grants.filter((g) => g.role === 'leader').map((g) => g.organizationId);
  const leaderPaths = p.grants.filter((g) => g.role === 'leader').map((g) => g.organizationPath);
  const unitActorOrgs = [...new Set([...clerkOrgs, ...leaderOrgs])];

  const owned = sql`select x.id, x.created_at from organizations o cross join lateral (
      select d.id, d.created_at from documents d
       where d.owner_organization_id = o.id and d.confidentiality = 'normal' and ${where}
       ${ORDER} limit ${q.limit}) x
     where o.id = any(${uuidArray(clerkOrgs)}) or o.path <@ ${ltreeArray(leaderPaths)}`;

  const assigned = sql`select d.id, d.created_at from assignments a join documents d on d.id = a.document_id
     where (a.assignee_user_id = ${p.id}::uuid
            or a.assignee_unit_id = any(${uuidArray(unitActorOrgs)})
            or a.assignee_user_id in (select u.id from users u where u.organization_id = any(${uuidArray(leaderOrgs)})))
       and d.confidentiality = 'normal' and ${where}
     ${ORDER} limit ${q.limit}`;

  const granted = sql`select d.id, d.created_at from document_access_grants g join documents d on d.id = g.document_id
     where g.user_id = ${p.id}::uuid and ${where}
     ${ORDER} limit ${q.limit}`;

  // The page is cut from the union before the rows are fetched, so only `limit` rows are read in full.
  return sql`select c.id from ((${owned}) union (${assigned}) union (${granted})) c
     order by c.created_at desc nulls last, c.id desc nulls last limit ${q.limit}`;
}

/** Above this many matches a search word is common enough that walking the owners' indexes is faster. */
const RARE_SEARCH_MATCHES = 2000;

export function createDocumentsRepo() {
  return {
    /** The document if `p` may see it (documents.policy.ts), else undefined. */
    async findVisible(db: DbOrTx, p: Principal, id: string, { forUpdate = false }: { forUpdate?: boolean } = {}): Promise<DocumentRow | undefined> {
      const query = db.select().from(d).where(and(eq(d.id, id), visibleDocumentCondition(p)));
      const [row] = forUpdate ? await query.for('update') : await query;
      return row;
    },

    async findById(db: DbOrTx, id: string): Promise<DocumentRow | undefined> {
      const [row] = await db.select().from(documents).where(eq(documents.id, id));
      return row;
    },

    async insertDocument(db: DbOrTx, row: NewDocument): Promise<DocumentRow> {
      const [inserted] = await db.insert(documents).values(row).returning();
      return inserted;
    },

    async insertFiles(db: DbOrTx, rows: NewDocumentFile[]): Promise<DocumentFileRow[]> {
      if (rows.length === 0) return [];
      return db.insert(documentFiles).values(rows).returning();
    },

    /** Every file row of the document (all versions), oldest first. */
    async filesOf(db: DbOrTx, documentId: string): Promise<DocumentFileRow[]> {
      return db.select().from(documentFiles).where(eq(documentFiles.documentId, documentId)).orderBy(asc(documentFiles.createdAt), asc(documentFiles.version));
    },

    async findFile(db: DbOrTx, documentId: string, fileId: string): Promise<DocumentFileRow | undefined> {
      const [row] = await db.select().from(documentFiles).where(and(eq(documentFiles.id, fileId), eq(documentFiles.documentId, documentId)));
      return row;
    },

    /** A file is latest when no other file names it as its previous version. */
    async isLatestFile(db: DbOrTx, fileId: string): Promise<boolean> {
      const [row] = await db.select({ id: documentFiles.id }).from(documentFiles).where(eq(documentFiles.previousFileId, fileId)).limit(1);
      return row === undefined;
    },

    /** Opens the custody chain: the document sits with the owner's clerks until it is handed on. */
    async openInitialCustody(db: DbOrTx, entry: { documentId: string; holderUnitId: string; holderUserId: string | null; startedAt: Date }): Promise<void> {
      await db.insert(custodyIntervals).values({ ...entry, role: 'clerk' });
    },

    async touch(db: DbOrTx, id: string): Promise<void> {
      await db.update(documents).set({ updatedAt: new Date() }).where(eq(documents.id, id));
    },

    /** A page of the documents `p` may see, newest first. */
    async listVisible(db: DbOrTx, p: Principal, q: DocumentListQuery): Promise<ListedDocument[]> {
      let plan: 'owner' | 'search' = 'owner';
      if (q.foldedQuery) {
        // A bounded probe: stops at the cap for a common word, reads the trigram index for a rare one.
        const [{ n }] = await db.execute<{ n: number }>(
          sql`select count(*)::int as n from (select 1 from documents d where d.search_text ilike ${`%${escapeLike(q.foldedQuery)}%`} limit ${RARE_SEARCH_MATCHES}) m`,
        );
        if (n < RARE_SEARCH_MATCHES) plan = 'search';
      }
      const rows = await db
        .select({ row: d, cursorCreatedAt: sql<string>`d.created_at::text` })
        .from(d)
        .where(and(sql`d.id in (${candidates(p, q, plan)})`, visibleDocumentCondition(p), listConditions(q)))
        .orderBy(sql`d.created_at desc nulls last`, sql`d.id desc nulls last`)
        .limit(q.limit);
      return rows;
    },

    /** Grants read access; a second grant of the same user is a no-op. Returns whether a row was added. */
    async insertGrant(db: DbOrTx, grant: { documentId: string; userId: string; grantedBy: string | null }): Promise<AccessGrantRow | undefined> {
      const [row] = await db.insert(documentAccessGrants).values(grant).onConflictDoNothing().returning();
      return row;
    },

    async findGrant(db: DbOrTx, documentId: string, userId: string): Promise<AccessGrantRow | undefined> {
      const [row] = await db.select().from(documentAccessGrants).where(and(eq(documentAccessGrants.documentId, documentId), eq(documentAccessGrants.userId, userId)));
      return row;
    },

    async deleteGrant(db: DbOrTx, documentId: string, userId: string): Promise<boolean> {
      const rows = await db
        .delete(documentAccessGrants)
        .where(and(eq(documentAccessGrants.documentId, documentId), eq(documentAccessGrants.userId, userId)))
        .returning({ userId: documentAccessGrants.userId });
      return rows.length > 0;
    },

    /** Which of `keys` some document_files row references. */
    async referencedStorageKeys(db: DbOrTx, keys: readonly string[]): Promise<Set<string>> {
      if (keys.length === 0) return new Set();
      const rows = await db.select({ key: documentFiles.storageKey }).from(documentFiles).where(inArray(documentFiles.storageKey, [...keys]));
      return new Set(rows.map((r) => r.key));
    },
  };
}

export type DocumentsRepo = ReturnType<typeof createDocumentsRepo>;
