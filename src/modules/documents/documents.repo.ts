import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client.js';
import { escapeLike } from '../../lib/text.js';
import { documentAccessGrants, documentFiles, documents } from '../../db/schema/index.js';
import type { Principal } from '../auth/principal.js';
import { visibleDocumentCondition } from './documents.policy.js';
import { uuidArray } from '../../db/sql-arrays.js';

export type DocumentRow = typeof documents.$inferSelect;
export type NewDocument = typeof documents.$inferInsert & { id: string };
export type DocumentFileRow = typeof documentFiles.$inferSelect;
export type NewDocumentFile = typeof documentFiles.$inferInsert & { id: string };
export type AccessGrantRow = typeof documentAccessGrants.$inferSelect;

/** The list statements below are written over `documents d` and hand this alias to the policy condition. */
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

const ltreeArray = (paths: readonly string[]): SQL =>
  paths.length === 0
    ? sql`array[]::ltree[]`
    : sql`array[${sql.join(
        paths.map((p) => sql`${p}::ltree`),
        sql`, `,
      )}]`;

/**
 * Filters and keyset over the alias `d`, shared by every branch of the list query. The text filter
 * (`q`) is written so the planner cannot answer it from the trigram index: outside the search plan
 * it is checked row by row on the rows an ordering index yields, or on the `limit` candidates of a
 * page, where a bitmap of every match of a common word would have to be built (and sorted) first.
 */
function listConditions(q: DocumentListQuery): SQL {
  const parts: SQL[] = [sql`true`];
  if (q.direction) parts.push(sql`d.direction = ${q.direction}`);
  if (q.status) parts.push(sql`d.status = ${q.status}`);
  if (q.urgency) parts.push(sql`d.urgency = ${q.urgency}`);
  if (q.typeName) parts.push(sql`d.type_name = ${q.typeName}`);
  // Vietnam calendar days as instants, so the comparison stays sargable on created_at.
  if (q.fromDate) parts.push(sql`d.created_at >= ${fromInstant(q.fromDate)}`);
  if (q.toDate) parts.push(sql`d.created_at < ${toInstant(q.toDate)}`);
  if (q.foldedQuery) parts.push(textCheck(q.foldedQuery));
  if (q.after) parts.push(sql`(d.created_at, d.id) < (${q.after.createdAt}::timestamptz, ${q.after.id}::uuid)`);
  return sql.join(parts, sql` and `);
}

/**
 * Every word of the (folded) query must appear, in any order: "quyet dinh phe duyet" finds
 * "Quyết định về việc phê duyệt". A query with a word shorter than a trigram is matched as one
 * phrase instead, so the trigram index can still serve it ("so 12" stays a phrase).
 */
function searchTerms(folded: string): string[] {
  const words = [...new Set(folded.split(' ').filter((w) => w !== ''))];
  return words.length > 1 && words.every((w) => w.length >= 3) ? words : [folded];
}

// `like`, not `ilike`: search_text and the query are both folded to lower case (foldVietnamese), and
// `ilike` lower-cases every row it checks again, the main cost of checking a common word row by row.
const termMatch = (term: string): SQL => sql`d.search_text like ${`%${escapeLike(term)}%`}`;

function searchMatch(folded: string): SQL {
  return sql.join(searchTerms(folded).map(termMatch), sql` and `);
}

/** The same match, but no index qualifier: `is true` keeps its meaning in a WHERE clause (null is not a match). */
const textCheck = (folded: string): SQL => sql`(${searchMatch(folded)}) is true`;

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

const byNewest = (alias: string): SQL => sql.raw(`${alias}.created_at desc nulls last, ${alias}.id desc nulls last`);

/**
 * How the candidates of a page are found (see ownerCandidates, walkCandidates, searchCandidates):
 * - `owner`: no `q`;
 * - `walk`: a common `q`, checked row by row on the caller's documents, newest first;
 * - `search`: a rare `q`, every match found by the trigram index.
 */
export type ListPlan = 'owner' | 'search' | 'walk';

/**
 * At most this many (estimated) matches of its rarest word and `q` is rare: the trigram plan checks
 * visibility on every match before it can sort them, ~10 µs each.
 */
const RARE_SEARCH_MATCHES = 2000;

/**
 * The walk reads at most `limit` × this many of the caller's documents, i.e. gives up when fewer
 * than one in 200 matches `q`, and the statement takes the trigram plan instead: at worst ~10,000
 * rows read in vain, never a wrong page. On the inbox bench 1 in 100 of the province clerk's
 * documents matches the frequent phrase.
 */
export const WALK_ROWS_PER_ITEM = 200;

/** The predicate of documents_owner_search_idx (src/db/schema/documents.ts), written as it is there. */
const INDEXED_SEARCH_TEXT = sql.raw('octet_length(d.search_text) <= 2000');

/** Who `p` sees documents as, spelled out for the walk plan (see walkKeys). */
type WalkKeys = {
  /** Organisations whose normal documents `p` sees (clerk of, or leader of it or an ancestor). */
  owners: string[];
  /** Units whose assignments `p` sees (clerk or leader of). */
  units: string[];
  /** Users whose assignments `p` sees: itself, and the users of the units it leads. */
  users: string[];
};

/**
 * Candidate ids of a page without `q`: one branch per way a document can be visible, each a set of
 * short index walks in (created_at desc, id desc) order that stop at `limit` rows, so the top
 * `limit` visible rows are necessarily among their union whatever the size of the tables:
 * - owned: per organisation the caller clerks or leads (a province leader: a few hundred short
 *   probes of documents_owner_created_idx / documents_owner_status_idx, not a scan);
 * - assigned: per assignee key (the caller; each unit it clerks or leads; each user of a unit it
 *   leads), on assignments' copy of the document's created_at (assignments_*_document_created_idx).
 *   One OR over the three would read and sort every assignment of the caller's units;
 * - granted: the caller's explicit grants.
 * The caller's query still applies visibleDocumentCondition, which stays the rule.
 */
function ownerCandidates(p: Principal, q: DocumentListQuery): SQL {
  const where = listConditions(q);
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
     where g.user_id = ${p.id}::uuid and ${where}
     ${ORDER} limit ${q.limit}`;

  // The page is cut from the union before the rows are fetched, so only `limit` rows are read in full.
  return sql`select c.id from ((${owned}) union (${assignedUnits}) union (${assignedUsers}) union (${granted})) c
     order by ${byNewest('c')} limit ${q.limit}`;
}

/**
 * Candidate ids of a page for a common `q`: the caller's documents as ONE stream, newest first, `q`
 * checked on each row until `limit` match. The stream is a Merge Append of one index walk per key
 * (each owner organisation, assigned unit and assigned user, and the caller's grants), so each walk
 * reads only as far back as the page reaches; per-branch laterals as in ownerCandidates would each
 * read until they alone found `limit` matches (a branch with few matches: its whole budget).
 * The stream is cut at `limit` × WALK_ROWS_PER_ITEM rows. Every match above the cut has been seen,
 * so the page is exact when `limit` matches were found or the stream ended first; otherwise the
 * statement takes the search plan instead (an InitPlan decides once): same rows, same order.
 */
function walkCandidates(p: Principal, q: DocumentListQuery & { foldedQuery: string }, keys: WalkKeys): SQL {
  const budget = q.limit * WALK_ROWS_PER_ITEM;
  const where = listConditions({ ...q, foldedQuery: undefined });
  const hit = textCheck(q.foldedQuery);
  // Each walk has its own ORDER BY and LIMIT: planned to start fast (index order, nested loops), they
  // feed the Merge Append, which reads each only as far as it needs. An owner's documents come from
  // documents_owner_search_idx alone (unless other filters need the row); the few longer texts it
  // leaves out are one more walk, through documents_long_search_idx. INDEXED_SEARCH_TEXT is a literal:
  // the planner proves a partial index's predicate from constants only.
  const owned = keys.owners.map(
    (id) => sql`(select d.id, d.created_at, ${hit} as hit from documents d
        where d.owner_organization_id = ${id}::uuid and ${INDEXED_SEARCH_TEXT} and d.confidentiality = 'normal' and ${where}
        ${ORDER} limit ${budget})`,
  );
  owned.push(sql`(select d.id, d.created_at, ${hit} as hit from documents d
      where not ${INDEXED_SEARCH_TEXT} and d.owner_organization_id = any(${uuidArray(keys.owners)}) and d.confidentiality = 'normal' and ${where}
      ${ORDER} limit ${budget})`);
  const assigned = (column: SQL, ids: string[]) =>
    ids.map(
      (id) => sql`(select a.document_id as id, a.document_created_at as created_at, ${hit} as hit
          from assignments a join documents d on d.id = a.document_id
         where ${column} = ${id}::uuid and ${assignmentBounds(q)} and d.confidentiality = 'normal' and ${where}
         order by a.document_created_at desc nulls last, a.document_id desc nulls last limit ${budget})`,
    );
  const granted = sql`(select d.id, d.created_at, ${hit} as hit from document_access_grants g join documents d on d.id = g.document_id
      where g.user_id = ${p.id}::uuid and ${where} ${ORDER} limit ${budget})`;
  const walks = [...owned, ...assigned(sql`a.assignee_unit_id`, keys.units), ...assigned(sql`a.assignee_user_id`, keys.users), granted];

  // `distinct on`: a document reached twice (owned and assigned, assigned twice) is one row of the stream.
  return sql`with walked as materialized (
        select m.id, m.hit, m.n = ${budget} as cut from (
          select s.id, s.created_at, s.hit, row_number() over (order by ${byNewest('s')}) as n from (
            select distinct on (u.created_at, u.id) u.id, u.created_at, u.hit
              from (${sql.join(walks, sql` union all `)}) u
             order by ${byNewest('u')} limit ${budget}) s) m
         where m.hit or m.n = ${budget}
         order by ${byNewest('m')} limit ${q.limit}),
      exact as (select count(*) filter (where w.hit) >= ${q.limit} or not coalesce(bool_or(w.cut), false) as ok from walked w)
    select w.id from walked w where w.hit and (select ok from exact)
    union all
    select s.id from (${searchCandidates(p, q)}) s where not (select ok from exact)`;
}

/**
 * Candidate ids of a page for a rare `q`: the trigram index finds every match and the visibility
 * rule filters them (walking the caller's documents would read them all for a rare word).
 */
function searchCandidates(p: Principal, q: DocumentListQuery): SQL {
  const match = q.foldedQuery === undefined ? sql`true` : searchMatch(q.foldedQuery);
  return sql`select d.id from documents d
     where ${match} and ${visibleDocumentCondition(p, d)} and ${listConditions({ ...q, foldedQuery: undefined })} ${ORDER} limit ${q.limit}`;
}

/**
 * The keys the walk plan reads under: known from `p` for a clerk; a leader's subtree and its units'
 * users are read here (only organisations that own documents: each key is a walk in the plan).
 */
async function walkKeys(db: DbOrTx, p: Principal): Promise<WalkKeys> {
  const clerkOrgs = p.grants.filter((g) => g.role === 'clerk').map((g) => g.organizationId);
  const leaderOrgs = p.grants.filter((g) => g.role === 'leader').map((g) => g.organizationId);
  const leaderPaths = p.grants.filter((g) => g.role === 'leader').map((g) => g.organizationPath);
  const keys: WalkKeys = { owners: clerkOrgs, units: [...new Set([...clerkOrgs, ...leaderOrgs])], users: [p.id] };
  if (leaderOrgs.length === 0) return keys;

  const rows = await db.execute<{ kind: 'owner' | 'user'; id: string }>(sql`
    select 'owner' as kind, o.id from organizations o
     where o.path <@ ${ltreeArray(leaderPaths)} and exists (select 1 from documents d where d.owner_organization_id = o.id)
    union all
    select 'user', u.id from users u where u.organization_id = any(${uuidArray(leaderOrgs)})`);
  const owners = rows.filter((r) => r.kind === 'owner').map((r) => r.id);
  const users = rows.filter((r) => r.kind === 'user').map((r) => r.id);
  return { ...keys, owners: [...new Set([...keys.owners, ...owners])], users: [...new Set([...keys.users, ...users])] };
}

type PlanNode = { 'Node Type': string; 'Relation Name'?: string; 'Plan Rows': number; Plans?: PlanNode[] };

/** The smallest row estimate of a scan of documents in an EXPLAIN (one scan per search word). */
function rarestTermRows(node: PlanNode): number {
  const own = node['Relation Name'] === 'documents' ? node['Plan Rows'] : Infinity;
  return Math.min(own, ...(node.Plans ?? []).map(rarestTermRows));
}

/**
 * Which plan listVisible takes. `q` is rare when its rarest word is: all words must match, so no
 * more documents can match than that word does. (The planner's estimate of the conjunction
 * multiplies the words' frequencies as if independent, while a topic repeats its words together:
 * 25 estimated for 50,000 matches on the inbox bench.) The estimates cost planning only, ~1 ms;
 * counting real matches builds the bitmap of a common word first, tens of ms. Every plan returns
 * the same rows: a wrong estimate costs time, never correctness.
 */
async function listPlan(db: DbOrTx, q: Pick<DocumentListQuery, 'foldedQuery'>): Promise<ListPlan> {
  if (!q.foldedQuery) return 'owner';
  const perTerm = sql.join(
    searchTerms(q.foldedQuery).map((t) => sql`(select 1 from documents d where ${termMatch(t)})`),
    sql` union all `,
  );
  const [explained] = await db.execute<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(sql`explain (format json) ${perTerm}`);
  return rarestTermRows(explained['QUERY PLAN'][0].Plan) <= RARE_SEARCH_MATCHES ? 'search' : 'walk';
}

export function createDocumentsRepo() {
  return {
    /** The document if `p` may see it (documents.policy.ts), else undefined. */
    async findVisible(
      db: DbOrTx,
      p: Principal,
      id: string,
      { forUpdate = false }: { forUpdate?: boolean } = {},
    ): Promise<DocumentRow | undefined> {
      const query = db
        .select()
        .from(d)
        .where(and(eq(d.id, id), visibleDocumentCondition(p, d)));
      const [row] = forUpdate ? await query.for('update') : await query;
      return row;
    },

    async findById(db: DbOrTx, id: string): Promise<DocumentRow | undefined> {
      const [row] = await db.select().from(documents).where(eq(documents.id, id));
      return row;
    },

    /** Every file row of the document (all versions), oldest first. */
    async filesOf(db: DbOrTx, documentId: string): Promise<DocumentFileRow[]> {
      return db
        .select()
        .from(documentFiles)
        .where(eq(documentFiles.documentId, documentId))
        .orderBy(asc(documentFiles.createdAt), asc(documentFiles.version));
    },

    async findFile(db: DbOrTx, documentId: string, fileId: string): Promise<DocumentFileRow | undefined> {
      const [row] = await db
        .select()
        .from(documentFiles)
        .where(and(eq(documentFiles.id, fileId), eq(documentFiles.documentId, documentId)));
      return row;
    },

    /** A file is latest when no other file names it as its previous version. */
    async isLatestFile(db: DbOrTx, fileId: string): Promise<boolean> {
      const [row] = await db.select({ id: documentFiles.id }).from(documentFiles).where(eq(documentFiles.previousFileId, fileId)).limit(1);
      return row === undefined;
    },

    /** A page of the documents `p` may see, newest first. */
    /** The planner's estimate of how many documents the list matches (planning only: a count would read them all). */
    async estimateVisible(db: DbOrTx, p: Principal, q: DocumentListQuery): Promise<number> {
      const match = q.foldedQuery === undefined ? sql`true` : searchMatch(q.foldedQuery);
      const [plan] = await db.execute<{ 'QUERY PLAN': { Plan: { 'Plan Rows': number } }[] }>(
        sql`explain (format json) select d.id from documents d where ${match} and ${visibleDocumentCondition(p, d)} and ${listConditions({ ...q, foldedQuery: undefined })}`,
      );
      return Math.round(plan['QUERY PLAN'][0].Plan['Plan Rows']);
    },

    async listVisible(db: DbOrTx, p: Principal, q: DocumentListQuery): Promise<ListedDocument[]> {
      const page = (dbx: DbOrTx, candidates: SQL) =>
        dbx
          .select({ row: d, cursorCreatedAt: sql<string>`d.created_at::text` })
          .from(d)
          .where(and(sql`d.id in (${candidates})`, visibleDocumentCondition(p, d), listConditions(q)))
          .orderBy(sql`d.created_at desc nulls last`, sql`d.id desc nulls last`)
          .limit(q.limit);

      const plan = await listPlan(db, q);
      const { foldedQuery } = q;
      if (plan !== 'walk' || foldedQuery === undefined) return page(db, plan === 'search' ? searchCandidates(p, q) : ownerCandidates(p, q));
      return db.transaction(async (tx) => {
        // Planned for up to `limit` × WALK_ROWS_PER_ITEM rows, the walks look big enough for parallel
        // workers (tens of ms to start, for a walk that reads a few thousand rows) or JIT.
        await tx.execute(sql`select set_config('max_parallel_workers_per_gather', '0', true), set_config('jit', 'off', true)`);
        return page(tx, walkCandidates(p, { ...q, foldedQuery }, await walkKeys(tx, p)));
      });
    },

    /** Which plan listVisible takes for `q` (see listPlan). */
    listPlan,

    async findGrant(db: DbOrTx, documentId: string, userId: string): Promise<AccessGrantRow | undefined> {
      const [row] = await db
        .select()
        .from(documentAccessGrants)
        .where(and(eq(documentAccessGrants.documentId, documentId), eq(documentAccessGrants.userId, userId)));
      return row;
    },

    /** Which of `keys` some document_files row references. */
    async referencedStorageKeys(db: DbOrTx, keys: readonly string[]): Promise<Set<string>> {
      if (keys.length === 0) return new Set();
      const rows = await db
        .select({ key: documentFiles.storageKey })
        .from(documentFiles)
        .where(inArray(documentFiles.storageKey, [...keys]));
      return new Set(rows.map((r) => r.key));
    },
  };
}

export type DocumentsRepo = ReturnType<typeof createDocumentsRepo>;
