import { bigint, boolean, date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { id } from './_columns.js';
import { certificates } from './signing.js';
import { documents } from './documents.js';
import { organizations } from './organizations.js';
import { users } from './users.js';

/**
 * The handling report's incremental aggregates (src/modules/reports, docs in reports.service.ts).
 * Written only by the reports module: in the transaction of each handling step (reports.upkeep,
 * called by the handling services) and by the rebuild (`npm run cli -- reports:rebuild`), which
 * recomputes all three tables from documents and assignments.
 */

/** "No person": the person key of items no named person leads (a primary key cannot hold null). */
export const NO_PERSON = '00000000-0000-0000-0000-000000000000';

/**
 * One row per counted item (a registered, not recalled incoming document): the facts its aggregate
 * contributions were computed from, so the next change to the document subtracts exactly them.
 */
export const reportItems = pgTable(
  'report_items',
  {
    documentId: uuid()
      .primaryKey()
      .references(() => documents.id),
    /** The accountable unit: the deepest unit of the lead (chủ trì) chain, else the owner organisation. */
    unitId: uuid().notNull(),
    /** The accountable person: the deepest person of the lead chain, else NO_PERSON. */
    personId: uuid().notNull(),
    receivedOn: date({ mode: 'string' }).notNull(),
    dueOn: date({ mode: 'string' }),
    doneOn: date({ mode: 'string' }),
    doneLate: boolean(),
  },
  // The handling report's drill-down (GET /reports/handling/documents): a unit's items, a person's among them.
  (t) => [index('report_items_unit_person_idx').on(t.unitId, t.personId)],
);

const counters = () => ({
  /** Items registered on `day`. */
  received: integer().notNull().default(0),
  /** Items completed on `day`, on or before their deadline (or with none). */
  doneOnTime: integer().notNull().default(0),
  /** Items completed on `day`, after their deadline. */
  doneLate: integer().notNull().default(0),
  /** Items whose deadline is `day`, done or not. */
  due: integer().notNull().default(0),
  /** Items whose deadline is `day` and that were completed on time. */
  dueDoneOnTime: integer().notNull().default(0),
});

/** Per unit, person and day: the counters of the events falling on that day. */
export const reportDaily = pgTable(
  'report_daily',
  {
    unitId: uuid().notNull(),
    personId: uuid().notNull(),
    day: date({ mode: 'string' }).notNull(),
    ...counters(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.personId, t.day] })],
);

/** Per unit and person: the sum of all its daily rows, so "before the period" is total minus "from the period on". */
export const reportTotals = pgTable(
  'report_totals',
  {
    unitId: uuid().notNull(),
    personId: uuid().notNull(),
    ...counters(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.personId] })],
);

/**
 * Per organisation and day: the counters of every unit in its current subtree (itself included),
 * so a report grouped by the children of a province reads one row per child and day instead of
 * every unit's. Kept with report_daily by the same upkeep (each change added to the unit and to
 * every ancestor by the current paths); a move of a subtree shifts its rows from the old ancestors
 * to the new ones in the move's transaction.
 */
export const reportSubtreeDaily = pgTable(
  'report_subtree_daily',
  {
    organizationId: uuid().notNull(),
    day: date({ mode: 'string' }).notNull(),
    ...counters(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.day] })],
);

/** Per organisation: the sum of its report_subtree_daily rows. */
export const reportSubtreeTotals = pgTable('report_subtree_totals', {
  organizationId: uuid().primaryKey(),
  ...counters(),
});

/** The registers and trackers of Decree 30/2020 Phụ lục IV a report can print (src/modules/reports/register-columns.ts). */
export const REGISTER_KINDS = ['incoming', 'outgoing', 'incoming-tracking'] as const;
export type RegisterKind = (typeof REGISTER_KINDS)[number];

/**
 * A closed register (đóng sổ): the PDF of an organisation's register for a period, sealed with the
 * agency's certificate (PAdES) and stored in S3 under storageKey before the row is written, so no
 * row exists without its file. One closing per organisation, register and period; periods of the
 * same register never overlap (checked under a lock by the reports module, its only writer).
 */
export const registerClosings = pgTable(
  'register_closings',
  {
    id: id(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    kind: text({ enum: REGISTER_KINDS }).notNull(),
    periodFrom: date({ mode: 'string' }).notNull(),
    periodTo: date({ mode: 'string' }).notNull(),
    /** Entries of the register printed in the PDF. */
    rowCount: integer().notNull(),
    fileName: text().notNull(),
    storageKey: text().notNull(),
    size: bigint({ mode: 'number' }).notNull(),
    sha256: text().notNull(),
    /** The agency seal certificate that signed the PDF. */
    certificateId: uuid()
      .notNull()
      .references(() => certificates.id),
    closedBy: uuid()
      .notNull()
      .references(() => users.id),
    closedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('register_closings_period_uq').on(t.organizationId, t.kind, t.periodFrom, t.periodTo),
    index('register_closings_org_idx').on(t.organizationId, t.kind, t.periodFrom.desc()),
  ],
);
