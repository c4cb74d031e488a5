import { sql } from 'drizzle-orm';
import {
  bigint,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { id, timestamps } from './_columns.js';
import { organizations } from './organizations.js';
import { users } from './users.js';

export const DIRECTIONS = ['incoming', 'outgoing', 'internal'] as const;
export const URGENCIES = ['normal', 'urgent', 'very_urgent', 'flash'] as const;
export const CONFIDENTIALITIES = ['normal', 'secret', 'top_secret', 'absolute_secret'] as const;
/**
 * Incoming flow: received → registered | refused → assigned → in_progress → completed.
 * Outgoing flow: draft → in_approval → returned (→ in_approval) | rejected | approved → signed → issued.
 * recalled (thu hồi): an issued document its sender recalled (a recipient agreed, or a copy was
 * withdrawn before it arrived), or an incoming copy its clerk gave back on a recall; kept for the
 * record (Decree 30/2020 Art. 18.4), closed to any further step.
 */
export const DOCUMENT_STATUSES = [
  'received',
  'registered',
  'refused',
  'assigned',
  'in_progress',
  'completed',
  'draft',
  'in_approval',
  'returned',
  'approved',
  'rejected',
  'signed',
  'issued',
  'recalled',
] as const;
export const AUTHORITY_PREFIXES = ['TM.', 'KT.', 'TL.', 'TUQ.', 'Q.'] as const;

export type Direction = (typeof DIRECTIONS)[number];
export type Urgency = (typeof URGENCIES)[number];
export type Confidentiality = (typeof CONFIDENTIALITIES)[number];
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

/** The document record (văn bản): metadata, state in its flow, registration. */
export const documents = pgTable(
  'documents',
  {
    id: id(),
    direction: text({ enum: DIRECTIONS }).notNull(),
    ownerOrganizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    /** Vietnamese type name as in domain-data.json (Công văn, Quyết định, Nghị định...). */
    typeName: text().notNull(),
    number: text(),
    notation: text(),
    subject: text().notNull(),
    issuerOrganizationId: uuid().references(() => organizations.id),
    issuerCode: text(),
    issuerName: text(),
    signerName: text(),
    signerPosition: text(),
    signerAuthority: text({ enum: AUTHORITY_PREFIXES }),
    promulgationDate: date({ mode: 'string' }),
    urgency: text({ enum: URGENCIES }).notNull().default('normal'),
    confidentiality: text({ enum: CONFIDENTIALITIES }).notNull().default('normal'),
    pageCount: integer(),
    dueDate: date({ mode: 'string' }),
    status: text({ enum: DOCUMENT_STATUSES }).notNull().default('received'),
    registerId: uuid().references((): AnyPgColumn => registers.id),
    /** Số đến: gapless per register and year. */
    incomingNumber: integer(),
    registeredAt: timestamp({ withTimezone: true }),
    registeredBy: uuid().references(() => users.id),
    refusedReason: text(),
    completedAt: timestamp({ withTimezone: true }),
    /** Set by the overdue sweep when the document's due date passes before completion. */
    overdueSince: timestamp({ withTimezone: true }),
    /** Lower-case, diacritics removed: number, notation and subject, for `q` search (trigram index). */
    searchText: text().notNull(),
    createdBy: uuid().references(() => users.id),
    ...timestamps(),
  },
  (t) => [
    // Work list of an organisation: GET /documents?direction=&status=... ordered by (created_at, id) desc.
    index('documents_owner_created_idx').on(t.ownerOrganizationId, t.createdAt.desc(), t.id.desc()),
    index('documents_owner_status_idx').on(t.ownerOrganizationId, t.status, t.createdAt.desc()),
    // q=...: diacritic-insensitive substring search.
    index('documents_search_trgm').using('gin', sql`${t.searchText} gin_trgm_ops`),
    // q=<a common word> (documents.repo.ts walkCandidates): an organisation's documents newest first with
    // what the walk checks on each row, read from the index alone. Partial, as a btree entry has a size
    // limit (~2.7 kB); the rare longer text is walked through documents_long_search_idx.
    index('documents_owner_search_idx')
      .on(t.ownerOrganizationId, t.createdAt.desc(), t.id.desc(), t.confidentiality, t.searchText)
      .where(sql`octet_length(${t.searchText}) <= 2000`),
    index('documents_long_search_idx')
      .on(t.createdAt.desc(), t.id.desc())
      .where(sql`octet_length(${t.searchText}) > 2000`),
    uniqueIndex('documents_register_number_uq').on(t.registerId, t.incomingNumber),
    // Registers (reports module, register-entries.repo.ts): an organisation's incoming documents in
    // registration order and its issued ones in register order, read page by page with a keyset cursor.
    index('documents_owner_registered_idx')
      .on(t.ownerOrganizationId, t.registeredAt, sql`coalesce(${t.incomingNumber}, 0)`, t.id)
      .where(sql`${t.direction} = 'incoming' and ${t.registeredAt} is not null`),
    index('documents_owner_issued_idx')
      .on(t.ownerOrganizationId, t.promulgationDate, sql`lpad(coalesce(${t.number}, ''), 12, '0')`, t.id)
      .where(sql`${t.direction} = 'outgoing' and ${t.number} is not null`),
    // The overdue sweep (every minute): documents not yet flagged nor completed, by due date.
    index('documents_open_due_idx')
      .on(t.dueDate)
      .where(sql`${t.overdueSince} is null and ${t.completedAt} is null`),
  ],
);

/**
 * A stored file of a document: its bytes never change (a new version is a new row); bytes live in
 * S3 under storageKey. Issuing an outgoing document renames its files once, from its số/ký hiệu
 * (documents/issued-file-names.ts), keeping the name they came with in originalName, and retires
 * the files of earlier draft versions (supersededAt).
 */
export const documentFiles = pgTable(
  'document_files',
  {
    id: id(),
    documentId: uuid()
      .notNull()
      .references(() => documents.id),
    name: text().notNull(),
    /** The name before issuing named the file from the số/ký hiệu ("Dự thảo QĐ.pdf"); null: `name` is the one it came with. */
    originalName: text(),
    contentType: text().notNull(),
    size: bigint({ mode: 'number' }).notNull(),
    sha256: text().notNull(),
    storageKey: text().notNull(),
    /**
     * main (the document itself), attachment, note (a handler's working file: a reply draft, minutes;
     * added to an assignment, never sent with the document)
     */
    kind: text({ enum: ['main', 'attachment', 'note'] })
      .notNull()
      .default('attachment'),
    version: integer().notNull().default(1),
    /** The file this one is a new version of. */
    previousFileId: uuid().references((): AnyPgColumn => documentFiles.id),
    /**
     * When the file stopped being one of the document's current files with no newer version of its
     * own: a file of an earlier draft version once another version is issued. Kept for the record
     * (listed with versions=all), never sent.
     */
    supersededAt: timestamp({ withTimezone: true }),
    /**
     * A working file (kind note): the assignment its handler added it to (POST /assignments/:id/files).
     * References assignments(id): the foreign key is declared in migration 0022 only, since
     * schema/handling.ts already imports this file and the schema files may not import each other.
     */
    assignmentId: uuid(),
    createdBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('document_files_document_idx').on(t.documentId),
    index('document_files_storage_key_idx').on(t.storageKey),
    // "Is this file the latest version?" (no file names it as previous): asked for every file a
    // fan-out copies and every upload of a new version; without it each question reads the table.
    index('document_files_previous_idx')
      .on(t.previousFileId)
      .where(sql`${t.previousFileId} is not null`),
  ],
);

/** Sổ văn bản: per organisation, direction and year; numbers are handed out from nextNumber under a row lock. */
export const registers = pgTable(
  'registers',
  {
    id: id(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    direction: text({ enum: DIRECTIONS }).notNull(),
    year: integer().notNull(),
    name: text().notNull(),
    /** Only these document types (null: all). */
    typeNames: text().array(),
    /** A separate series for secret documents: the register takes only these levels (null: normal ones). */
    confidentialities: text().array(),
    nextNumber: integer().notNull().default(1),
    ...timestamps(),
  },
  (t) => [uniqueIndex('registers_org_direction_year_name_uq').on(t.organizationId, t.direction, t.year, t.name)],
);

/** Explicit grants to read a confidential document (mật and above). */
export const documentAccessGrants = pgTable(
  'document_access_grants',
  {
    documentId: uuid()
      .notNull()
      .references(() => documents.id),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    grantedBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.userId] }), index('document_access_grants_user_idx').on(t.userId)],
);
