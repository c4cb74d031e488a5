import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { id, timestamps } from './_columns.js';
import { documents } from './documents.js';
import { organizations } from './organizations.js';

export const PEER_TRANSPORTS = ['vanthu', 'axis'] as const;
export type PeerTransport = (typeof PEER_TRANSPORTS)[number];

/**
 * A remote system (another province's deployment, the national axis gateway) allowed to post edXML
 * packages here and to receive ours. Requests are HMAC-signed with a shared secret, stored
 * encrypted (AES-256-GCM under KEY_ENCRYPTION_KEY) because verification needs the secret itself.
 */
export const exchangePeers = pgTable(
  'exchange_peers',
  {
    id: id(),
    name: text().notNull(),
    /** Mã định danh of the remote system or agency. */
    organId: text().notNull(),
    /** Where packages for this peer are POSTed (`<baseUrl>/api/v1/exchange/inbound`); null: not reachable, statuses stay pending. */
    baseUrl: text(),
    /** The id under which the peer knows this deployment (sent as x-vanthu-peer); null: our peer id at theirs is unknown. */
    remotePeerId: text(),
    /**
     * The agencies this peer may speak for: exact mã định danh, or `*.<suffix>` for every code of
     * one level-1 body (`*.H42`). A package whose From (or a status about a delivery) names any
     * other agency is refused; never a code of this deployment.
     */
    agencyCodes: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** `v1.<iv>.<tag>.<ciphertext>` (base64url) of the shared secret. */
    secretCiphertext: text().notNull(),
    active: boolean().notNull().default(true),
    /**
     * How packages travel: `vanthu` (our signed HTTP, POST to baseUrl) or `axis` (the national axis /
     * LGSP protocol of AXIS.md: sendEdoc, getReceivedEdocList...). At most one `axis` row: the
     * connector configured by AXIS_ENDPOINT, created on first use; it reaches every agency that is
     * neither ours nor a direct peer's.
     */
    transport: text({ enum: PEER_TRANSPORTS }).notNull().default('vanthu'),
    ...timestamps(),
  },
  (t) => [
    index('exchange_peers_organ_id_idx').on(t.organId),
    uniqueIndex('exchange_peers_axis_uq')
      .on(t.transport)
      .where(sql`${t.transport} = 'axis'`),
  ],
);

export const INBOUND_KINDS = ['edoc', 'status'] as const;
export const INBOUND_STATES = ['accepted', 'processed', 'failed'] as const;

/** Metadata of an attachment stored from an inbound package. */
export type InboundAttachment = { name: string; contentType: string; size: number; sha256: string; storageKey: string };

/** An attachment of an inbound package that was not stored (its content is not an allowed file type, or contradicts its name). */
export type RefusedAttachment = { name: string; declaredType: string | null; reason: string };

/** An accepted inbound package (the receipt): raw bytes in S3, the parsed header kept for the worker. */
export const inboundPackages = pgTable(
  'inbound_packages',
  {
    /** The receipt id given to the peer. */
    id: id(),
    peerId: uuid()
      .notNull()
      .references(() => exchangePeers.id),
    senderOrganId: text().notNull(),
    /** DocumentId of the package (for a status package: the DocumentId it answers). */
    documentId: text().notNull(),
    kind: text({ enum: INBOUND_KINDS }).notNull(),
    /** The recipients named by the package (To/OrganId), sorted. */
    recipientOrganIds: text().array().notNull(),
    /** (peer, sender, DocumentId, recipients) — or for a status (…, code, timestamp): the same package twice is one receipt. */
    idempotencyKey: text().notNull(),
    rawStorageKey: text().notNull(),
    sha256: text().notNull(),
    size: bigint({ mode: 'number' }).notNull(),
    /** EdocHeader or StatusInfo of the edXML codec. */
    header: jsonb().$type<Record<string, unknown>>().notNull(),
    /** Business block (revoke/update/replace), if any. */
    business: jsonb().$type<Record<string, unknown> | null>(),
    attachments: jsonb()
      .$type<InboundAttachment[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    /** Attachments refused by the file-type check (not stored); recorded on each document the package becomes. */
    refusedAttachments: jsonb()
      .$type<RefusedAttachment[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    /**
     * The attachments are still in the raw package only: the accept read the header, the intake job
     * decodes, sniffs and stores them (then fills attachments/refused_attachments).
     */
    attachmentsPending: boolean().notNull().default(false),
    state: text({ enum: INBOUND_STATES }).notNull().default('accepted'),
    error: text(),
    /** Recipients this deployment does not know (no current unit with that code). */
    unknownRecipients: text().array(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('inbound_packages_idempotency_uq').on(t.idempotencyKey),
    index('inbound_packages_created_idx').on(t.createdAt),
    // Packages not taken in yet, by DocumentId (few at any time): a recall or update waits for the
    // document it names, and the document's intake finds the notices that came before it.
    index('inbound_packages_accepted_document_idx')
      .on(t.documentId)
      .where(sql`${t.state} = 'accepted'`),
  ],
);

/** The incoming document an inbound package became in one addressed organisation (one per pair, so reprocessing creates nothing). */
export const inboundDeliveries = pgTable(
  'inbound_deliveries',
  {
    receiptId: uuid()
      .notNull()
      .references(() => inboundPackages.id),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    documentId: uuid()
      .notNull()
      .references(() => documents.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.receiptId, t.organizationId] }), index('inbound_deliveries_document_idx').on(t.documentId)],
);

export const OUTBOUND_STATUS_STATES = ['pending', 'sent', 'failed'] as const;

/** A status package owed to the sender of an inbound package (01 arrived, 03 registered...). */
export const outboundStatuses = pgTable(
  'outbound_statuses',
  {
    receiptId: uuid()
      .notNull()
      .references(() => inboundPackages.id),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    statusCode: text().notNull(),
    description: text(),
    /** pending: not sent yet (or the peer has no baseUrl); failed: the peer refused it for good. */
    state: text({ enum: OUTBOUND_STATUS_STATES }).notNull().default('pending'),
    attempts: integer().notNull().default(0),
    lastError: text(),
    sentAt: timestamp({ withTimezone: true }),
    /** Sent through the national axis: the DocId sendEdoc answered. */
    axisDocId: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.receiptId, t.organizationId, t.statusCode] })],
);

/** Status packages received from peers (applied to the sender's deliveries view later). */
export const inboundStatuses = pgTable(
  'inbound_statuses',
  {
    receiptId: uuid()
      .primaryKey()
      .references(() => inboundPackages.id),
    peerId: uuid()
      .notNull()
      .references(() => exchangePeers.id),
    senderOrganId: text().notNull(),
    /** DocumentId of our document the status is about. */
    documentId: text().notNull(),
    statusCode: text().notNull(),
    description: text(),
    /** Timestamp written in the package by the sender. */
    statusTimestamp: text(),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('inbound_statuses_document_idx').on(t.documentId)],
);

export const AXIS_RECEIVED_STATES = ['accepted', 'refused'] as const;

/**
 * An item the national axis listed for us (getReceivedEdocList), once downloaded and handed to the
 * inbound intake: accepted (a receipt, maybe an earlier one of the same package) or refused (the
 * reason kept). The acknowledgement (updateStatus done / fail) follows that commit; until it is
 * recorded here the next poll acknowledges again instead of downloading again.
 */
export const axisReceived = pgTable(
  'axis_received',
  {
    /** The receiver-side DocId the axis lists. */
    docId: text().primaryKey(),
    /** edoc or status. */
    messageType: text().notNull(),
    fromCode: text(),
    state: text({ enum: AXIS_RECEIVED_STATES }).notNull(),
    receiptId: uuid().references(() => inboundPackages.id),
    error: text(),
    /** done / fail once updateStatus was answered OK. */
    acknowledged: text({ enum: ['done', 'fail'] }),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    acknowledgedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index('axis_received_unacknowledged_idx')
      .on(t.receivedAt)
      .where(sql`${t.acknowledged} is null`),
  ],
);

/**
 * The directory of external agencies the national axis knows (getAgenciesList / getSynchronizeUnit),
 * kept in step by the axis connector: what the dispatch recipient picker offers beyond our own
 * organisations. An agency the axis no longer lists (or reports deleted) stays, inactive, so that
 * old deliveries keep their name.
 */
export const externalAgencies = pgTable(
  'external_agencies',
  {
    /** Mã định danh, upper case: what a dispatch names as organId. */
    code: text().primaryKey(),
    name: text().notNull(),
    /** The axis's own id of the agency and of its parent (pid), as strings. */
    axisId: text(),
    parentAxisId: text(),
    /** The parent's code, when the axis lists the parent too. */
    parentCode: text(),
    mail: text(),
    active: boolean().notNull().default(true),
    /** What the directory search matches: name and code folded by vanthu_fold (migrations/0017). */
    searchText: text()
      .notNull()
      .generatedAlwaysAs(sql`vanthu_fold(name || ' ' || code)`),
    ...timestamps(),
  },
  (t) => [
    // GET /exchange/agencies?q= : every folded word in the name or code, in folded-name order.
    index('external_agencies_search_trgm').using('gin', sql`${t.searchText} gin_trgm_ops`),
    index('external_agencies_search_order_idx').on(t.searchText, t.code),
  ],
);

/**
 * Where the agency directory's synchronisation stands (one row): the nightly run asks
 * getSynchronizeUnit for the units changed since `changedUpTo` (the axis's own modifyDate, so our
 * clock does not matter) and the full getAgenciesList only when there is no row yet or an
 * administrator asks.
 */
export const axisDirectorySync = pgTable(
  'axis_directory_sync',
  {
    id: integer().primaryKey().default(1),
    /** The latest modifyDate of a unit applied; null: no unit carried a readable one. */
    changedUpTo: timestamp({ withTimezone: true }),
    lastFullAt: timestamp({ withTimezone: true }).notNull(),
    lastSyncAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [check('axis_directory_sync_one_row', sql`${t.id} = 1`)],
);
