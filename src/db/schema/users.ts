import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, pgTable, smallint, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { id, timestamps } from './_columns.js';
import { organizations } from './organizations.js';

export const ROLES = ['admin', 'clerk', 'leader', 'specialist'] as const;
export type Role = (typeof ROLES)[number];

export const users = pgTable(
  'users',
  {
    id: id(),
    /** Stored lower-case; login is case-insensitive. */
    username: text().notNull(),
    fullName: text().notNull(),
    email: text(),
    /** Chức vụ, printed in signature appearances (e.g. Phó Chủ tịch). */
    position: text(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    passwordHash: text().notNull(),
    active: boolean().notNull().default(true),
    /** Bumped to revoke every token issued before (password change, deactivation). */
    tokenVersion: integer().notNull().default(0),
    /**
     * What the people pickers match and sort by: full name and position folded by vanthu_fold (the SQL
     * twin of foldVietnamese, migrations/0017), kept by PostgreSQL so every insert path has it.
     */
    searchText: text()
      .notNull()
      .generatedAlwaysAs(sql`vanthu_fold(full_name || ' ' || coalesce(position, ''))`),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('users_username_uq').on(t.username),
    index('users_organization_idx').on(t.organizationId),
    // GET /users?q= (users.repo.ts search): every word of q as a substring, found through trigrams.
    index('users_search_trgm').using('gin', sql`${t.searchText} gin_trgm_ops`),
    // GET /users without q, or a q most users match: a walk in name order that stops at the page.
    index('users_search_order_idx').on(t.searchText, t.id),
    // An admin's q also matches usernames (never shown to, nor matched for, anyone else).
    index('users_username_trgm').using('gin', sql`${t.username} gin_trgm_ops`),
  ],
);

/** A role held in one organisation; admin and leader grants reach the organisation's whole subtree. */
export const roleGrants = pgTable(
  'role_grants',
  {
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    role: text({ enum: ROLES }).notNull(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('role_grants_uq').on(t.userId, t.organizationId, t.role),
    // "Who are the clerks / leaders of unit X" (presentation, assignment to a unit head).
    index('role_grants_org_role_idx').on(t.organizationId, t.role),
  ],
);

/**
 * One row: a counter raised, in the same transaction, by every statement that changes what a
 * principal is made of (users, role_grants, organizations' paths; triggers of migration 0033). The
 * API keeps principals it has loaded with the counter read in the same statement, and uses one
 * only while the counter is unchanged: a change is seen by the very next request, in every process.
 */
export const principalEpoch = pgTable(
  'principal_epoch',
  {
    id: smallint().primaryKey().default(1),
    value: bigint({ mode: 'number' }).notNull().default(0),
  },
  () => [check('principal_epoch_one_row', sql`id = 1`)],
);
