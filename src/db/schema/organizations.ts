import { sql } from 'drizzle-orm';
import { date, index, pgTable, primaryKey, text, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { id, ltree, timestamps } from './_columns.js';

/**
 * The organisation tree: any depth, levels are labels (the 2025 reform abolished districts, so nothing
 * assumes fixed levels). `path` is the ltree of ancestor ids down to this unit.
 */
export const organizations = pgTable(
  'organizations',
  {
    id: id(),
    parentId: uuid().references((): AnyPgColumn => organizations.id),
    path: ltree().notNull(),
    /** Mã định danh (e.g. 000.00.00.H42): stored as given, validated softly. */
    code: text(),
    name: text().notNull(),
    /** Used in document notation (UBND, KTTH...). */
    abbreviation: text(),
    /** A label: central, province, district, commune, ward, department, division... */
    level: text().notNull(),
    validFrom: date({ mode: 'string' })
      .notNull()
      .default(sql`current_date`),
    /** Set when the unit is merged or dissolved; the row stays for history. */
    validTo: date({ mode: 'string' }),
    /** What the unit picker matches and sorts by: name, abbreviation and code folded by vanthu_fold (migrations/0017). */
    searchText: text()
      .notNull()
      .generatedAlwaysAs(sql`vanthu_fold(name || ' ' || coalesce(abbreviation, '') || ' ' || coalesce(code, ''))`),
    ...timestamps(),
  },
  (t) => [
    // Subtree (`path <@ x`) and ancestor (`path @> x`) queries of the org tree and of every access check.
    index('organizations_path_gist').using('gist', t.path),
    index('organizations_parent_idx').on(t.parentId),
    // GET /organizations?q= (orgs.repo.ts search).
    index('organizations_search_trgm').using('gin', sql`${t.searchText} gin_trgm_ops`),
    index('organizations_search_order_idx').on(t.searchText, t.id),
    // Two current units never share a code; merged (historical) units keep theirs.
    uniqueIndex('organizations_code_current_uq')
      .on(t.code)
      .where(sql`${t.validTo} is null and ${t.code} is not null`),
  ],
);

/** Predecessor links: a merge, a dissolution (into a named successor) or a split keeps where a unit came from. */
export const organizationPredecessors = pgTable(
  'organization_predecessors',
  {
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    predecessorId: uuid()
      .notNull()
      .references(() => organizations.id),
    kind: text({ enum: ['merge', 'dissolve', 'rename', 'split'] }).notNull(),
    effectiveDate: date({ mode: 'string' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.predecessorId] }), index('organization_predecessors_pred_idx').on(t.predecessorId)],
);

/** Earlier names, abbreviations and codes of a unit (renames keep the unit, and its documents, in place). */
export const organizationNameHistory = pgTable(
  'organization_name_history',
  {
    id: id(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    name: text().notNull(),
    abbreviation: text(),
    code: text(),
    validTo: date({ mode: 'string' }).notNull(),
  },
  (t) => [index('organization_name_history_org_idx').on(t.organizationId)],
);
