import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { id } from './_columns.js';
import { documents } from './documents.js';
import { exchangePeers } from './exchange.js';
import { organizations } from './organizations.js';

export const DELIVERY_KINDS = ['internal', 'remote'] as const;
/**
 * Transport state of one recipient's copy: pending (queued), delivered (the recipient system has
 * it: status 01 at least), dead (a remote send or an internal fan-out failed beyond the retry
 * budget: the dead-letter list), recalled (recalled before it reached the recipient: never sent,
 * never delivered, and nothing for the recipient to answer).
 */
export const DELIVERY_STATES = ['pending', 'delivered', 'dead', 'recalled'] as const;
export type DeliveryKind = (typeof DELIVERY_KINDS)[number];
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/**
 * One entry of a delivery's history: an edXML status code (01…06, 13, 15, 16) or a transport event.
 * `at` is when it was recorded here; `statedAt` the time a peer's status package gave (its own
 * clock, as written), kept because packages can arrive out of order.
 */
export type DeliveryEvent = { code: string; at: string; description?: string | null; statedAt?: string | null };

/** The package a dead-lettered remote send was carrying, so that a replay sends exactly that again. */
export type DeadSend = { businessType: number; replaces?: { documentId: string; reason: string | null } };

/**
 * A sent document's copy for one recipient (an organisation of this deployment, or a remote organ
 * code reached through a peer), with the edXML status feedback of the recipient (01 arrived,
 * 02 refused, 03 registered, 04 assigned, 05 in progress, 06 done; 13/15/16 for a recall).
 */
export const deliveries = pgTable(
  'deliveries',
  {
    id: id(),
    /** The sender's (outgoing) document. */
    documentId: uuid().notNull().references(() => documents.id),
    senderOrganizationId: uuid().notNull().references(() => organizations.id),
    kind: text({ enum: DELIVERY_KINDS }).notNull(),
    /** Internal recipient. */
    recipientOrganizationId: uuid().references(() => organizations.id),
    /** Mã định danh of the recipient (internal: its code if any; remote: required). */
    recipientOrganId: text(),
    recipientName: text().notNull(),
    peerId: uuid().references(() => exchangePeers.id),
    /** The DocumentId of the edXML package (how statuses from peers name our document). */
    edxmlDocumentId: text().notNull(),
    state: text({ enum: DELIVERY_STATES }).notNull().default('pending'),
    /** Current exchange status of this recipient (null: not arrived yet); never back to an earlier step (status-progression.ts). */
    statusCode: text(),
    statusDescription: text(),
    statusAt: timestamp({ withTimezone: true }),
    /** Internal recipient: the incoming document created in its organisation. */
    recipientDocumentId: uuid().references(() => documents.id),
    history: jsonb().$type<DeliveryEvent[]>().notNull().default(sql`'[]'::jsonb`),
    attempts: integer().notNull().default(0),
    lastError: text(),
    /** How many times an operator replayed it from the dead-letter list (part of the job id). */
    replays: integer().notNull().default(0),
    /** Recall (thu hồi): requested (13), then agreed (15) or refused (16) by the recipient. */
    recallState: text({ enum: ['requested', 'agreed', 'refused'] }),
    recallReason: text(),
    /** While dead: what the send that died was carrying (business type, replaced document); replay re-sends it. */
    deadSend: jsonb().$type<DeadSend>(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    // A recipient gets a document once, however often the dispatch is repeated.
    uniqueIndex('deliveries_document_recipient_org_uq').on(t.documentId, t.recipientOrganizationId).where(sql`${t.recipientOrganizationId} is not null`),
    uniqueIndex('deliveries_document_remote_uq').on(t.documentId, t.recipientOrganId).where(sql`${t.kind} = 'remote'`),
    // Status feedback: the receiving side's document → the sender's delivery.
    uniqueIndex('deliveries_recipient_document_uq').on(t.recipientDocumentId).where(sql`${t.recipientDocumentId} is not null`),
    // Inbound status packages: (DocumentId, From OrganId) → delivery.
    index('deliveries_edxml_document_idx').on(t.edxmlDocumentId, t.recipientOrganId),
    index('deliveries_dead_idx').on(t.updatedAt).where(sql`${t.state} = 'dead'`),
  ],
);

/**
 * An inbound recall (BussinessDocType 1) / update (2) / replace (3) package that named an incoming
 * document of ours: kept until the recipient's clerk answers it (15 agree / 16 refuse).
 */
export const inboundRecalls = pgTable(
  'inbound_recalls',
  {
    /** The incoming document it is about (ours). */
    documentId: uuid().primaryKey().references(() => documents.id),
    businessType: integer().notNull(),
    reason: text(),
    /** Where the answer goes: the receipt of the original package (remote) or the sender's delivery (internal). */
    receiptId: uuid(),
    deliveryId: uuid().references(() => deliveries.id),
    answer: text({ enum: ['agreed', 'refused'] }),
    answerReason: text(),
    answeredAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
);
