import { and, asc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx, Tx } from '../../db/client.js';
import { countMatches, type ListTotal } from '../../db/count.js';
import { assignments, documentFiles, documents, organizations, progressNotes, users } from '../../db/schema/index.js';
import type { Principal } from '../auth/principal.js';
import { leaderOver, memberOf, unitBelow } from '../auth/reach.js';
import { documentCodeSql } from '../documents/document-code.js';
import {
  ltreeArray,
  workListConditions,
  type WorkListOwners,
  type WorkListStatus,
  workListMatches,
  workListOwnerKeys,
} from './work-list-sql.js';
import { visibleDocumentCondition } from '../documents/documents.policy.js';

export type DocumentRow = typeof documents.$inferSelect;
export type AssignmentRow = typeof assignments.$inferSelect;
export type NewAssignment = typeof assignments.$inferInsert;
export type ProgressNoteRow = typeof progressNotes.$inferSelect;

/** An assignment with what the access rules need: the assigned unit's path, the assigned user's unit path, the assigner's unit path. */
export type AssignmentContext = { assignment: AssignmentRow; unitPath: string | null; userOrgPath: string | null; assignerOrgPath: string };

export type AssignmentView = AssignmentRow & {
  assignerName: string;
  assigneeUserName: string | null;
  assigneeUnitName: string | null;
  readByName: string | null;
};

export type WorkListQuery = WorkListOwners & {
  status: WorkListStatus;
  limit: number;
  after?: { createdAt: string; id: string };
  principal: Principal;
};

export type WorkListRow = AssignmentView & {
  cursorKey: string;
  document: {
    id: string;
    number: string | null;
    notation: string | null;
    code: string | null;
    subject: string;
    urgency: string;
    incomingNumber: number | null;
    status: string;
    dueDate: string | null;
  };
};

const d = alias(documents, 'd');

const documentCode = documentCodeSql('d');
const ownerOrg = alias(organizations, 'owner_org');
const unitOrg = alias(organizations, 'unit_org');
const assigneeUser = alias(users, 'assignee_user');
const assigneeUserOrg = alias(organizations, 'assignee_user_org');
const assigner = alias(users, 'assigner');
const assignerOrg = alias(organizations, 'assigner_org');
const reader = alias(users, 'reader');

/** The assignment columns with the names of the people and units involved. */
const viewColumns = {
  assignment: assignments,
  assignerName: assigner.fullName,
  assigneeUserName: assigneeUser.fullName,
  assigneeUnitName: unitOrg.name,
  readByName: reader.fullName,
};

function toView(r: {
  assignment: AssignmentRow;
  assignerName: string;
  assigneeUserName: string | null;
  assigneeUnitName: string | null;
  readByName: string | null;
}): AssignmentView {
  return {
    ...r.assignment,
    assignerName: r.assignerName,
    assigneeUserName: r.assigneeUserName,
    assigneeUnitName: r.assigneeUnitName,
    readByName: r.readByName,
  };
}

/**
 * The ids of the page, chosen on assignments alone: an ordered walk of the assignee's index that
 * stops after `limit` rows. Joining documents and names first lets the planner sort every
 * matching row instead (it underestimates open-and-overdue rows, which are correlated). Several
 * keys: PostgreSQL cannot merge their index walks in order, so each key gives its own top page
 * (a short ordered scan apiece) and the outer query keeps the best of the union.
 */
function pageCandidates(q: WorkListQuery): SQL {
  const after = q.after ? sql`and (a.created_at, a.id) < (${q.after.createdAt}::timestamptz, ${q.after.id}::uuid)` : sql``;
  const where = workListConditions(q);
  const order = sql`order by a.created_at desc nulls last, a.id desc nulls last limit ${q.limit}`;
  const walks = workListOwnerKeys(q).map(
    (key) => sql`(select a.id, a.created_at from assignments a where ${key} and ${where} ${after} ${order})`,
  );
  if (walks.length === 1) return sql`select w.id from ${walks[0]} w`;
  return sql`select w.id from (${sql.join(walks, sql` union all `)}) w order by w.created_at desc nulls last, w.id desc nulls last limit ${q.limit}`;
}

/** SQL of the incoming flow: document state, assignments, notes, work lists. */
export function createHandlingRepo() {
  return {
    /**
     * The document if the caller may see it, with its owner's path; `lock` takes the row lock that
     * serialises every state change of one document (registering twice, two leads at once...).
     */
    async findVisibleDocument(
      db: DbOrTx,
      p: Principal,
      id: string,
      { lock = false } = {},
    ): Promise<{ doc: DocumentRow; ownerPath: string } | undefined> {
      const q = db
        .select({ doc: d, ownerPath: ownerOrg.path })
        .from(d)
        .innerJoin(ownerOrg, eq(ownerOrg.id, d.ownerOrganizationId))
        .where(and(eq(d.id, id), visibleDocumentCondition(p, d)));
      const [row] = lock ? await q.for('update', { of: d }) : await q;
      return row;
    },

    async findAssignmentContext(db: DbOrTx, id: string): Promise<AssignmentContext | undefined> {
      const [row] = await db
        .select({ assignment: assignments, unitPath: unitOrg.path, userOrgPath: assigneeUserOrg.path, assignerOrgPath: assignerOrg.path })
        .from(assignments)
        .leftJoin(unitOrg, eq(unitOrg.id, assignments.assigneeUnitId))
        .leftJoin(assigneeUser, eq(assigneeUser.id, assignments.assigneeUserId))
        .leftJoin(assigneeUserOrg, eq(assigneeUserOrg.id, assigneeUser.organizationId))
        .innerJoin(assigner, eq(assigner.id, assignments.assignerId))
        .innerJoin(assignerOrg, eq(assignerOrg.id, assigner.organizationId))
        .where(eq(assignments.id, id));
      return row;
    },

    /** New assignments: open work, or unread for an item to inform (a read receipt). */
    async insertAssignments(tx: Tx, rows: NewAssignment[]): Promise<AssignmentRow[]> {
      return tx
        .insert(assignments)
        .values(rows.map((r) => ({ ...r, status: r.role === 'inform' ? ('unread' as const) : ('open' as const) })))
        .returning();
    },

    async updateAssignment(tx: Tx, id: string, fields: Partial<Omit<AssignmentRow, 'id'>>): Promise<AssignmentRow> {
      const [row] = await tx
        .update(assignments)
        .set({ ...fields, updatedAt: new Date() })
        .where(eq(assignments.id, id))
        .returning();
      return row;
    },

    /** Open assignments below `id` (children, grandchildren...). */
    async openDescendants(tx: Tx, id: string): Promise<string[]> {
      const rows = await tx.execute<{ id: string }>(sql`
        with recursive tree(id) as (
          select a.id from assignments a where a.parent_id = ${id}::uuid
          union all
          select a.id from assignments a join tree t on a.parent_id = t.id
        )
        select a.id from assignments a join tree t on t.id = a.id where a.status = 'open'`);
      return [...rows].map((r) => r.id);
    },

    async cancelAssignments(tx: Tx, ids: string[]): Promise<void> {
      if (ids.length === 0) return;
      await tx.update(assignments).set({ status: 'cancelled', updatedAt: new Date() }).where(inArray(assignments.id, ids));
    },

    /** Closes every open assignment (and unread item to inform) of a recalled document (status recalled, with the sender's reason); returns their ids. */
    async recallOpenAssignments(tx: Tx, documentId: string, reason: string | null): Promise<string[]> {
      const rows = await tx
        .update(assignments)
        .set({ status: 'recalled', recallReason: reason, updatedAt: new Date() })
        .where(and(eq(assignments.documentId, documentId), inArray(assignments.status, ['open', 'unread'])))
        .returning({ id: assignments.id });
      return rows.map((r) => r.id);
    },

    /**
     * A reorganisation: the open assignments addressed to one of `fromIds` are addressed to `toId`
     * (their pending extension request, overdue mark and deadline with them). Closed ones keep the
     * unit that did, returned or lost them: that is their history.
     */
    async readdressOpenAssignments(tx: Tx, fromIds: string[], toId: string): Promise<{ id: string; documentId: string }[]> {
      if (fromIds.length === 0) return [];
      const units = sql.join(
        fromIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      );
      // Their documents first, in id order, as every handling step locks the document before its assignments.
      await tx.execute(sql`
        select d.id from documents d
         where d.id in (select a.document_id from assignments a where a.assignee_unit_id in (${units}) and a.status in ('open', 'unread'))
         order by d.id for update`);
      return tx
        .update(assignments)
        .set({ assigneeUnitId: toId, updatedAt: new Date() })
        .where(and(inArray(assignments.assigneeUnitId, fromIds), inArray(assignments.status, ['open', 'unread'])))
        .returning({ id: assignments.id, documentId: assignments.documentId });
    },

    /** Every assignment of a document (whose custody may still be open). */
    async assignmentIdsOf(tx: Tx, documentId: string): Promise<string[]> {
      const rows = await tx.select({ id: assignments.id }).from(assignments).where(eq(assignments.documentId, documentId));
      return rows.map((r) => r.id);
    },

    /** Top-level lead assignments that still count (open or done; returned and cancelled ones do not). */
    async countTopLevelLeads(tx: Tx, documentId: string): Promise<number> {
      const [row] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(assignments)
        .where(
          and(
            eq(assignments.documentId, documentId),
            isNull(assignments.parentId),
            eq(assignments.role, 'lead'),
            inArray(assignments.status, ['open', 'done']),
          ),
        );
      return row.n;
    },

    async viewsByIds(db: DbOrTx, ids: string[]): Promise<AssignmentView[]> {
      if (ids.length === 0) return [];
      const rows = await db
        .select(viewColumns)
        .from(assignments)
        .innerJoin(assigner, eq(assigner.id, assignments.assignerId))
        .leftJoin(assigneeUser, eq(assigneeUser.id, assignments.assigneeUserId))
        .leftJoin(unitOrg, eq(unitOrg.id, assignments.assigneeUnitId))
        .leftJoin(reader, eq(reader.id, assignments.readBy))
        .where(inArray(assignments.id, ids))
        .orderBy(asc(assignments.createdAt), asc(assignments.id));
      return rows.map(toView);
    },

    async viewsOfDocument(db: DbOrTx, documentId: string): Promise<AssignmentView[]> {
      const rows = await db
        .select(viewColumns)
        .from(assignments)
        .innerJoin(assigner, eq(assigner.id, assignments.assignerId))
        .leftJoin(assigneeUser, eq(assigneeUser.id, assignments.assigneeUserId))
        .leftJoin(unitOrg, eq(unitOrg.id, assignments.assigneeUnitId))
        .leftJoin(reader, eq(reader.id, assignments.readBy))
        .where(eq(assignments.documentId, documentId))
        // Assignments made together share their instant: lead, then coordinating, then informed.
        .orderBy(
          asc(assignments.createdAt),
          sql`case ${assignments.role} when 'lead' then 0 when 'coordinate' then 1 else 2 end`,
          asc(assignments.id),
        );
      return rows.map(toView);
    },

    /** Users with their unit's path (to check that an assignee lies inside a unit). */
    /**
     * Which of the named users and units may be assigned inside `scopePath` (auth/reach.ts memberOf,
     * unitBelow: the same conditions the people and unit pickers list).
     */
    async assignable(
      db: DbOrTx,
      scopePath: string,
      { userIds, unitIds }: { userIds: string[]; unitIds: string[] },
    ): Promise<{ users: Set<string>; units: Set<string> }> {
      const ids = (list: string[]) =>
        sql.join(
          list.map((id) => sql`${id}::uuid`),
          sql`, `,
        );
      const [people, units] = await Promise.all([
        userIds.length === 0
          ? []
          : db.execute<{ id: string }>(
              sql`select u.id from users u join organizations uo on uo.id = u.organization_id where u.id in (${ids(userIds)}) and ${memberOf(scopePath)}`,
            ),
        unitIds.length === 0
          ? []
          : db.execute<{ id: string }>(sql`select o.id from organizations o where o.id in (${ids(unitIds)}) and ${unitBelow(scopePath)}`),
      ]);
      return { users: new Set([...people].map((r) => r.id)), units: new Set([...units].map((r) => r.id)) };
    },

    /** Whether the user may be presented a document of the organisation at `path` (auth/reach.ts leaderOver). */
    async isLeaderOver(db: DbOrTx, userId: string, path: string): Promise<boolean> {
      const [row] = await db.execute<{ ok: boolean }>(
        sql`select exists (select 1 from users u where u.id = ${userId}::uuid and ${leaderOver(path)}) as ok`,
      );
      return row.ok;
    },

    /** How many of `fileIds` are files of the document. */
    async countDocumentFiles(db: DbOrTx, documentId: string, fileIds: string[]): Promise<number> {
      if (fileIds.length === 0) return 0;
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(documentFiles)
        .where(and(eq(documentFiles.documentId, documentId), inArray(documentFiles.id, fileIds)));
      return row.n;
    },

    async insertNote(tx: Tx, note: typeof progressNotes.$inferInsert): Promise<ProgressNoteRow> {
      const [row] = await tx.insert(progressNotes).values(note).returning();
      return row;
    },

    async notesOf(db: DbOrTx, assignmentId: string) {
      return db
        .select({ note: progressNotes, authorName: users.fullName })
        .from(progressNotes)
        .innerJoin(users, eq(users.id, progressNotes.authorId))
        .where(eq(progressNotes.assignmentId, assignmentId))
        .orderBy(asc(progressNotes.createdAt), asc(progressNotes.id));
    },

    /**
     * A page of a work list, newest first, keyset on (created_at, id): served by the
     * (assignee, status, created_at desc, id desc) indexes. Confidential documents appear only to
     * users granted them, as everywhere.
     */
    async workList(db: DbOrTx, q: WorkListQuery): Promise<WorkListRow[]> {
      if (workListOwnerKeys(q).length === 0) return [];
      const conditions: SQL[] = [sql`${assignments.id} in (${pageCandidates(q)})`];

      const rows = await db
        .select({
          ...viewColumns,
          cursorKey: sql<string>`${assignments.createdAt}::text`,
          document: {
            id: d.id,
            number: d.number,
            notation: d.notation,
            code: documentCode,
            subject: d.subject,
            urgency: d.urgency,
            incomingNumber: d.incomingNumber,
            status: d.status,
            dueDate: d.dueDate,
          },
        })
        .from(assignments)
        .innerJoin(d, eq(d.id, assignments.documentId))
        .innerJoin(assigner, eq(assigner.id, assignments.assignerId))
        .leftJoin(assigneeUser, eq(assigneeUser.id, assignments.assigneeUserId))
        .leftJoin(unitOrg, eq(unitOrg.id, assignments.assigneeUnitId))
        .leftJoin(reader, eq(reader.id, assignments.readBy))
        .where(and(...conditions))
        // NULLS LAST as in the indexes (drizzle's .desc()), so an index walk yields the page order.
        .orderBy(sql`${assignments.createdAt} desc nulls last`, sql`${assignments.id} desc nulls last`)
        .limit(q.limit);
      return rows.map((r) => ({ ...toView(r), cursorKey: r.cursorKey, document: r.document }));
    },

    /** How many assignments the work list matches (all pages). */
    async countWorkList(db: DbOrTx, q: Omit<WorkListQuery, 'limit' | 'after'>): Promise<ListTotal> {
      const matches = workListMatches(q);
      return matches ? countMatches(db, matches) : { total: 0, totalIsEstimate: false };
    },

    /** Whether the organisation lies under one of `paths` (itself included). */
    async organizationWithin(db: DbOrTx, organizationId: string, paths: string[]): Promise<string | undefined> {
      const [row] = await db.execute<{ path: string }>(
        sql`select o.path::text as path from organizations o where o.id = ${organizationId}::uuid and o.path <@ ${ltreeArray(paths)}`,
      );
      return row?.path;
    },
  };
}

export type HandlingRepo = ReturnType<typeof createHandlingRepo>;
