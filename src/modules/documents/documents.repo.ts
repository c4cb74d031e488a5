import { and, asc, eq, inArray, sql, type SQL, type WithSubquery } from 'drizzle-orm';
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

/**
 * Filters and keyset over the alias `d`, shared by every branch of the list query. With
 * `searchIndexable: false` the text filter is written so the planner cannot answer it from the
 * trigram index: used where a common word is better checked row by row while an ordering index is
 * walked (a bitmap of every match would have to be built and sorted first).
 */
function listConditions(q: DocumentListQuery, { searchIndexable = true }: { searchIndexable?: boolean } = {}): SQL {
  const parts: SQL[] = [sql`true`];
  if (q.direction) parts.push(sql`d.direction = ${q.direction}`);
  if (q.status) parts.push(sql`d.status = ${q.status}`);
  if (q.urgency) parts.push(sql`d.urgency = ${q.urgency}`);
  if (q.typeName) parts.push(sql`d.type_name = ${q.typeName}`);
  // Vietnam calendar days as instants, so the comparison stays sargable on created_at.
  if (q.fromDate) parts.push(sql`d.created_at >= ${fromInstant(q.fromDate)}`);
  if (q.toDate) parts.push(sql`d.created_at < ${toInstant(q.toDate)}`);
  if (q.foldedQuery) {
    const match = searchMatch(q.foldedQuery);
    // `is true` keeps the meaning of the WHERE clause (null is not a match) but is no index qualifier.
    parts.push(searchIndexable ? match : sql`(${match}) is true`);
  }
  if (q.after) parts.push(sql`(d.created_at, d.id) < (${q.after.createdAt}::timestamptz, ${q.after.id}::uuid)`);
  return sql.join(parts, sql` and `);
}

/**
 * Every word of the (folded) query must appear, in any order: "quyet dinh phe duyet" finds
 * "Quyết định về việc phê duyệt". A query with a word shorter than a trigram is matched as one
 * phrase instead, so the trigram index can still serve it ("so 12" stays a phrase).
 */
function searchMatch(folded: string): SQL {
  const words = [...new Set(folded.split(' ').filter((w) => w !== ''))];
  const terms = words.length > 1 && words.every((w) => w.length >= 3) ? words : [folded];
  return sql.join(terms.map((t) => sql`d.search_text ilike ${`%${escapeLike(t)}%`}`), sql` and `);
}

const fromInstant = (day: string): SQL => sql`(${day}::date::timestamp at time zone 'Asia/Ho_Chi_Minh')`;
const toInstant = (day: string): SQL => sql`((${day}::date + 1)::timestamp at time zone 'Asia/Ho_Chi_Minh')`;

/**
 * The date range and keyset again, over an assignment's copy of its document's (created_at, id):
 * redundant with listConditions, but these are the bounds of the assignee index's range, so the
 * walk starts at the cursor instead of reading and discarding everything newer.
 */
function assignmentBounds(q: DocumentListQuery): SQL {
  const parts: SQL[] = [sql`true`];
  if (q.fromDate) parts.push(sql`a.document_created_at >= ${fromInstant(q.fromDate)}`);
  if (q.toDate) parts.push(sql`a.document_created_at < ${toInstant(q.toDate)}`);
  if (q.after) parts.push(sql`(a.document_created_at, a.document_id) < (${q.after.createdAt}::timestamptz, ${q.after.id}::uuid)`);
  return sql.join(parts, sql` and `);
}

// NULLS LAST as in documents_owner_created_idx: a plain `desc` means NULLS FIRST, which the planner
// does not match to that index (NOT NULL columns notwithstanding) and sorts instead.
const ORDER = sql`order by d.created_at desc nulls last, d.id desc nulls last`;

/**
 * Candidate (id, created_at) rows for a page of the caller's list, newest first. Two plans:
 * - by owner (the usual case): one branch per way a document can be visible, each a set of short
 *   index walks in (created_at desc, id desc) order that stop at `limit` rows, so the top `limit`
 *   visible rows are necessarily among their union whatever the size of the tables:
 *   - owned: per organisation the caller clerks or leads (a province leader: a few hundred short
 *     probes of documents_owner_created_idx / documents_owner_status_idx, not a scan);
 *   - assigned: per assignee key (the caller; each unit it clerks or leads; each user of a unit it
 *     leads), on assignments' copy of the document's created_at (assignments_*_document_created_idx).
 *     One OR over the three would read and sort every assignment of the caller's units;
 *   - granted: the caller's explicit grants;
 * - by search text, when `q` matches few documents: the trigram index finds them all and the
 *   visibility rule filters them (walking owners would read every document for a rare word).
 * Either way the caller's query still applies visibleDocumentCondition, which stays the rule.
 */
function candidates(p: Principal, q: DocumentListQuery, plan: 'owner' | 'search'): SQL {
  if (plan === 'search') {
    return sql`select d.id from documents d where ${visibleDocumentCondition(p)} and ${listConditions(q)} ${ORDER} limit ${q.limit}`;
  }
  // A common word: checked on the rows the ordering indexes yield (see listConditions).
  const where = listConditions(q, { searchIndexable: false });

  const clerkOrgs = p.grants.filter((g) => g.role === 'clerk').map((g) => g.organizationId);
  const leaderOrgs = p.grants.filter((g) => g.role === 'leader').map((g) => g.organizationId);
  const leaderPaths = p.grants.filter((g) => g.role === 'leader').map((g) => g.organizationPath);
  const unitActorOrgs = [...new Set([...clerkOrgs, ...leaderOrgs])];

  const owned = sql`select x.id, x.created_at from organizations o cross join lateral (
      select d.id, d.created_at from documents d
       where d.owner_organization_id = o.id and d.confidentiality = 'normal' and ${where}
       ${ORDER} limit ${q.limit}) x
     where o.id = any(${uuidArray(clerkOrgs)}) or o.path <@ ${ltreeArray(leaderPaths)}`;

  // `distinct`: a document assigned twice to the same key (lead, then inform) counts once towards the limit.
  const assignedTo = (column: SQL, keys: SQL) => sql`select x.id, x.created_at from (${keys}) k(key) cross join lateral (
      select distinct a.document_created_at as created_at, a.document_id as id
        from assignments a join documents d on d.id = a.document_id
       where ${column} = k.key and ${assignmentBounds(q)} and d.confidentiality = 'normal' and ${where}
       order by a.document_created_at desc nulls last, a.document_id desc nulls last limit ${q.limit}) x`;
  const assignedUnits = assignedTo(sql`a.assignee_unit_id`, sql`select unnest(${uuidArray(unitActorOrgs)})`);
  const assignedUsers = assignedTo(
    sql`a.assignee_user_id`,
    sql`select ${p.id}::uuid union select u.id from users u where u.organization_id = any(${uuidArray(leaderOrgs)})`,
  );

  const granted = sql`select d.id, d.created_at from document_access_grants g join documents d on d.id = g.document_id
     where g.user_id = ${p.id}::uuid and ${listConditions(q)}
     ${ORDER} limit ${q.limit}`;

  // The page is cut from the union before the rows are fetched, so only `limit` rows are read in full.
  return sql`select c.id from ((${owned}) union (${assignedUnits}) union (${assignedUsers}) union (${granted})) c
     order by c.created_at desc nulls last, c.id desc nulls last limit ${q.limit}`;
}

/** Above this many (estimated) matches a search word is common enough that walking the ordering indexes is faster. */
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

    /**
     * Writes a newly received document in ONE statement (one round trip instead of four): the record,
     * its first files, the first custody interval (the owner's clerks hold it) and, for a
     * confidential document, its creator's read grant. The CTE rows are checked against their
     * foreign keys at the end of the statement, after the document row exists. Every default
     * (created_at, started_at: now()) is the transaction's start time, so the files' rows are
     * returned with the document's created_at without being read back.
     */
    async insertReceived(
      db: DbOrTx,
      input: { document: NewDocument; files: (NewDocumentFile & { kind: DocumentFileRow['kind'] })[]; custodyUnitId: string; grantTo?: string },
    ): Promise<{ row: DocumentRow; files: DocumentFileRow[] }> {
      const { document, files, custodyUnitId, grantTo } = input;
      const ctes: WithSubquery[] = [
        db.$with('new_files', {}).as(db.insert(documentFiles).values(files).getSQL()),
        db.$with('new_custody', {}).as(db.insert(custodyIntervals).values({ documentId: document.id, holderUnitId: custodyUnitId, holderUserId: null, role: 'clerk' }).getSQL()),
      ];
      if (grantTo !== undefined) {
        ctes.push(db.$with('new_grant', {}).as(db.insert(documentAccessGrants).values({ documentId: document.id, userId: grantTo, grantedBy: grantTo }).getSQL()));
      }
      const [row] = await db.with(...ctes).insert(documents).values(document).returning();
      return {
        row,
        files: files.map((f) => ({
          id: f.id,
          documentId: document.id,
          name: f.name,
          contentType: f.contentType,
          size: f.size,
          sha256: f.sha256,
          storageKey: f.storageKey,
          kind: f.kind,
          version: 1,
          previousFileId: null,
          createdBy: f.createdBy ?? null,
          createdAt: row.createdAt,
        })),
      };
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
        // The planner's estimate from the trigram statistics: planning only, ~1 ms. Counting real
        // matches (even capped) builds the whole bitmap of a common word first, tens of ms. Both
        // plans return the same rows; a wrong estimate costs time, never correctness.
        const [explained] = await db.execute<{ 'QUERY PLAN': { Plan: { 'Plan Rows': number } }[] }>(
          sql`explain (format json) select 1 from documents d where ${searchMatch(q.foldedQuery)}`,
        );
        if (explained['QUERY PLAN'][0].Plan['Plan Rows'] < RARE_SEARCH_MATCHES) plan = 'search';
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
