import { boolean, date, integer, pgTable, primaryKey, uuid } from 'drizzle-orm/pg-core';
import { documents } from './documents.js';

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
export const reportItems = pgTable('report_items', {
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
});

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
