import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, text, timestamp, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { id } from './_columns.js';
import { documents } from './documents.js';
import { organizations } from './organizations.js';
import { users } from './users.js';

export const ASSIGNMENT_ROLES = ['lead', 'coordinate', 'inform'] as const;
/**
 * recalled (thu hồi): closed because the document was recalled by its sender (`recallReason`).
 * unread / read: the only states of an item to inform (nhận để biết), a read receipt rather than
 * work: it has no deadline and no custody, is never overdue, and is read when its recipient opens
 * the document (handling/informs.service.ts). Work lists, the sweep and the reports count `open`.
 */
export const ASSIGNMENT_STATUSES = ['open', 'done', 'returned', 'cancelled', 'recalled', 'unread', 'read'] as const;
export type AssignmentRole = (typeof ASSIGNMENT_ROLES)[number];
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

/**
 * An assignment of a document to a user or a unit (chủ trì / phối hợp / để biết), with the
 * leader's direction (bút phê) and a deadline. Re-assignments inside a unit are children.
 */
export const assignments = pgTable(
  'assignments',
  {
    id: id(),
    documentId: uuid()
      .notNull()
      .references(() => documents.id),
    parentId: uuid().references((): AnyPgColumn => assignments.id),
    assignerId: uuid()
      .notNull()
      .references(() => users.id),
    assigneeUserId: uuid().references(() => users.id),
    assigneeUnitId: uuid().references(() => organizations.id),
    role: text({ enum: ASSIGNMENT_ROLES }).notNull(),
    /** Bút phê: the direction text of the leader. */
    comment: text(),
    dueDate: date({ mode: 'string' }),
    /** The working days allotted when the deadline was given as N working days. */
    allottedWorkingDays: integer(),
    status: text({ enum: ASSIGNMENT_STATUSES }).notNull().default('open'),
    overdueSince: timestamp({ withTimezone: true }),
    result: text(),
    replyDocumentId: uuid().references(() => documents.id),
    returnReason: text(),
    /** Status recalled: the sender's reason for recalling the document. */
    recallReason: text(),
    extensionRequestedDueDate: date({ mode: 'string' }),
    extensionReason: text(),
    extensionStatus: text({ enum: ['requested', 'granted', 'refused'] }),
    completedAt: timestamp({ withTimezone: true }),
    /** An item to inform: when it was first read, and by whom (the person, or who read it for the unit). */
    readAt: timestamp({ withTimezone: true }),
    readBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /**
     * Copy of documents.created_at, filled by the database (trigger assignments_document_created_at,
     * migration 0009) so no writer has to: GET /documents orders by the document's creation, and the
     * "visible through an assignment" branch can then walk an assignee's index in page order.
     */
    documentCreatedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index('assignments_document_idx').on(t.documentId),
    // GET /documents, documents visible through an assignment: per assignee, in the list's order.
    index('assignments_user_document_created_idx').on(t.assigneeUserId, t.documentCreatedAt.desc(), t.documentId.desc()),
    index('assignments_unit_document_created_idx').on(t.assigneeUnitId, t.documentCreatedAt.desc(), t.documentId.desc()),
    // Children of an assignment (re-assignments: the subtree closed by complete/return, the sweep's
    // holders), and the foreign-key check of parent_id when assignments are deleted.
    index('assignments_parent_idx')
      .on(t.parentId)
      .where(sql`${t.parentId} is not null`),
    // Work lists: scope=mine (by user) and scope=unit (by unit), by status, newest first.
    index('assignments_user_status_idx').on(t.assigneeUserId, t.status, t.createdAt.desc(), t.id.desc()),
    index('assignments_unit_status_idx').on(t.assigneeUnitId, t.status, t.createdAt.desc(), t.id.desc()),
    // The overdue sweep: open assignments with a due date.
    index('assignments_open_due_idx')
      .on(t.dueDate)
      .where(sql`${t.status} = 'open'`),
    // Work lists with status=overdue (GET /assignments?scope=mine|unit&status=overdue): only the
    // flagged open rows, already in page order, instead of walking every open row of the assignee.
    index('assignments_user_overdue_idx')
      .on(t.assigneeUserId, t.createdAt.desc(), t.id.desc())
      .where(sql`${t.status} = 'open' and ${t.overdueSince} is not null`),
    index('assignments_unit_overdue_idx')
      .on(t.assigneeUnitId, t.createdAt.desc(), t.id.desc())
      .where(sql`${t.status} = 'open' and ${t.overdueSince} is not null`),
    // A leader's subtree (GET /assignments?scope=subtree) at a province: its units and people hold most
    // assignments, so the page is a walk in page order filtered by assignee, not thousands of probes.
    index('assignments_status_created_idx').on(t.status, t.createdAt.desc(), t.id.desc()),
    index('assignments_overdue_created_idx')
      .on(t.createdAt.desc(), t.id.desc())
      .where(sql`${t.status} = 'open' and ${t.overdueSince} is not null`),
    // Personal work lists (GET /me/work): what I assigned, the extension requests awaiting my decision.
    index('assignments_assigner_status_idx').on(t.assignerId, t.status, t.createdAt.desc()),
  ],
);

/** Who held a document (or an assignment), in what role, from when to when, with what allowance. */
export const custodyIntervals = pgTable(
  'custody_intervals',
  {
    id: id(),
    documentId: uuid()
      .notNull()
      .references(() => documents.id),
    assignmentId: uuid().references(() => assignments.id),
    holderUserId: uuid().references(() => users.id),
    holderUnitId: uuid().references(() => organizations.id),
    /** clerk (registering), leader (directing), lead / coordinate / inform (handling) */
    role: text().notNull(),
    startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp({ withTimezone: true }),
    dueDate: date({ mode: 'string' }),
    allottedWorkingDays: integer(),
    /** Working days past dueDate when the interval ended (or so far, as of the last sweep). */
    overrunWorkingDays: integer(),
  },
  (t) => [
    index('custody_intervals_document_idx').on(t.documentId, t.startedAt),
    index('custody_intervals_open_idx')
      .on(t.assignmentId)
      .where(sql`${t.endedAt} is null`),
    // The overdue sweep refreshes the running overrun of open intervals by due date.
    // Personal work lists (GET /me/work/presented): what is in my hands now.
    index('custody_intervals_open_holder_idx')
      .on(t.holderUserId)
      .where(sql`${t.endedAt} is null`),
    index('custody_intervals_open_due_idx')
      .on(t.dueDate)
      .where(sql`${t.endedAt} is null`),
    // The accountability report: intervals that overran their allowance, by deadline.
    index('custody_intervals_late_due_idx')
      .on(t.dueDate)
      .where(sql`${t.overrunWorkingDays} > 0`),
  ],
);

/** Recorded by the overdue sweep: who held the item when its deadline passed. */
export const overdueRecords = pgTable(
  'overdue_records',
  {
    id: id(),
    documentId: uuid()
      .notNull()
      .references(() => documents.id),
    assignmentId: uuid().references(() => assignments.id),
    deadline: date({ mode: 'string' }).notNull(),
    holderUserId: uuid().references(() => users.id),
    holderUnitId: uuid().references(() => organizations.id),
    detectedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('overdue_records_document_idx').on(t.documentId), index('overdue_records_assignment_idx').on(t.assignmentId)],
);

export const progressNotes = pgTable(
  'progress_notes',
  {
    id: id(),
    assignmentId: uuid()
      .notNull()
      .references(() => assignments.id),
    authorId: uuid()
      .notNull()
      .references(() => users.id),
    text: text().notNull(),
    fileIds: uuid()
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('progress_notes_assignment_idx').on(t.assignmentId)],
);

/** Per-date corrections of the generated holiday calendar (exact Tết days, swapped working Saturdays...). */
export const calendarOverrides = pgTable('calendar_overrides', {
  date: date({ mode: 'string' }).primaryKey(),
  kind: text({ enum: ['holiday', 'day_off', 'working_day'] }).notNull(),
  name: text().notNull(),
  createdBy: uuid().references(() => users.id),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
