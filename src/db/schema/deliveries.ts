import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
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
 * What an entry of a delivery's history records: a status of the recipient (01…06, or a code a peer
 * sent that we do not know), the sender's recall (13), update or replace notice, the recipient's
 * answer to one (15 agree / 16 refuse), the copy withdrawn before it reached the recipient, and the
 * transport: a package sent (businessType 0 new, 1 recall, 2 update, 3 replacement), dead-lettered,
 * replayed by an operator.
 */
export const DELIVERY_EVENTS = [
  'status',
  'recall-requested',
  'update-requested',
  'replace-requested',
  'recall-answered',
  'update-answered',
  'replace-answered',
  'withdrawn',
  'sent',
  'dead-lettered',
  'replayed',
] as const;
export type DeliveryEventKind = (typeof DELIVERY_EVENTS)[number];

/**
 * One entry of a delivery's history. `code` is only ever a national status code, as the recipient
 * (or the sender, 13) gave it: never an internal marker. `at` is when it was recorded here;
 * `statedAt` the time a peer's status package gave (its own clock, as written), kept because
 * packages can arrive out of order.
 */
export type DeliveryEvent = {
  event: DeliveryEventKind;
  code?: string;
  /** sent: what the package was (0 new, 1 recall, 2 update, 3 replacement). */
  businessType?: number;
  /** *-answered: what the code (15/16, or a repeated 03/02 from a peer) meant. */
  answer?: 'agreed' | 'refused';
  at: string;
  description?: string | null;
  statedAt?: string | null;
  /** sent through the national axis: the DocId sendEdoc answered for that package. */
  axisDocId?: string;
};

/** A request's state on one copy: requested, then agreed (15) or refused (16) by the recipient. */
export const CHANGE_STATES = ['requested', 'agreed', 'refused'] as const;
export type ChangeState = (typeof CHANGE_STATES)[number];

/** The package a dead-lettered remote send was carrying, so that a replay sends exactly that again. */
export type DeadSend = { businessType: number; replaces?: { documentId: string; reason: string | null } };

/**
 * A sent document's copy for one recipient (an organisation of this deployment, or a remote organ
 * code reached through a peer), with the edXML status feedback of the recipient (01 arrived,
 * 02 refused, 03 registered, 04 assigned, 05 in progress, 06 done) and, apart from each other, the
 * state of a recall (13, answered 15/16) and of an update or replace notice (answered 15/16).
 */
export const deliveries = pgTable(
  'deliveries',
  {
    id: id(),
    /** The sender's (outgoing) document. */
    documentId: uuid()
      .notNull()
      .references(() => documents.id),
    senderOrganizationId: uuid()
      .notNull()
      .references(() => organizations.id),
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
    history: jsonb()
      .$type<DeliveryEvent[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    attempts: integer().notNull().default(0),
    lastError: text(),
    /** How many times an operator replayed it from the dead-letter list (part of the job id). */
    replays: integer().notNull().default(0),
    /** Recall (thu hồi, 13): requested, then agreed (15: the copy is withdrawn) or refused (16) by the recipient. */
    recallState: text({ enum: CHANGE_STATES }),
    recallReason: text(),
    /** The latest update (2) or replace (3) notice; its own state, so that a pending one never holds a recall back. */
    noticeType: integer(),
    noticeState: text({ enum: CHANGE_STATES }),
    noticeReason: text(),
    /** While dead: what the send that died was carrying (business type, replaced document); replay re-sends it. */
    deadSend: jsonb().$type<DeadSend>(),
    /**
     * Remote: a POST of the document itself (new or replacement) whose answer is not recorded, set
     * before the request and cleared by the peer's answer. While set the peer may hold the copy (the
     * request is in flight, timed out, or the worker died between the peer's acceptance and our
     * record): a recall then waits for the answer of the next attempt instead of withdrawing the copy here.
     */
    unconfirmedSendAt: timestamp({ withTimezone: true }),
    /** Through the national axis: the DocId sendEdoc answered for the document's package (getSentEdocList names it). */
    axisDocId: text(),
    /**
     * Through the national axis: the recipient's copy as getSentEdocList reports it (the axis's own
     * words, e.g. initial / processing / done / fail: its values are not published, AXIS.md §4),
     * polled until the recipient's software acknowledged it done or fail.
     */
    axisReceiverDocId: text(),
    axisSendStatus: text(),
    axisReceiveStatus: text(),
    axisReceiveStatusDesc: text(),
    /** receivedTime as the axis gave it (its own clock and format). */
    axisReceivedTime: text(),
    /** When the connector last asked the axis about this copy (the tracker asks the least recently asked first). */
    axisCheckedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    // The sender's report (GET /reports/sent): the copies each unit of a subtree sent in a period.
    index('deliveries_sender_created_idx').on(t.senderOrganizationId, t.createdAt),
    // A recipient gets a document once, however often the dispatch is repeated.
    uniqueIndex('deliveries_document_recipient_org_uq')
      .on(t.documentId, t.recipientOrganizationId)
      .where(sql`${t.recipientOrganizationId} is not null`),
    uniqueIndex('deliveries_document_remote_uq')
      .on(t.documentId, t.recipientOrganId)
      .where(sql`${t.kind} = 'remote'`),
    // Status feedback: the receiving side's document → the sender's delivery.
    uniqueIndex('deliveries_recipient_document_uq')
      .on(t.recipientDocumentId)
      .where(sql`${t.recipientDocumentId} is not null`),
    // Inbound status packages: (DocumentId, From OrganId) → delivery.
    index('deliveries_edxml_document_idx').on(t.edxmlDocumentId, t.recipientOrganId),
    index('deliveries_dead_idx')
      .on(t.updatedAt)
      .where(sql`${t.state} = 'dead'`),
    // The axis connector's tracker: copies sent through the axis whose recipient has not acknowledged them yet.
    index('deliveries_axis_tracking_idx')
      .on(t.axisCheckedAt)
      .where(sql`${t.axisDocId} is not null and (${t.axisReceiveStatus} is null or ${t.axisReceiveStatus} not in ('done', 'fail'))`),
    // GET /me/work/unregistered-recipients: a sender's copies not yet registered (nor refused).
    index('deliveries_sender_unregistered_idx')
      .on(t.senderOrganizationId)
      .where(sql`${t.state} in ('pending', 'delivered') and (${t.statusCode} is null or ${t.statusCode} = '01')`),
  ],
);

/** A file an update notice brings (the sender's current version; `supersedes`: storage keys of its earlier versions). */
export type NoticeFile = {
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  storageKey: string;
  kind: 'main' | 'attachment';
  supersedes: string[];
};

export const NOTICE_KINDS = ['recall', 'notice'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/**
 * A recall (BussinessDocType 1) or an update (2) / replace (3) notice that named an incoming
 * document of ours: kept until the recipient's clerk answers it (15 agree / 16 refuse). One of each
 * kind per document, so a pending update never keeps a recall from reaching the copy.
 */
export const inboundRecalls = pgTable(
  'inbound_recalls',
  {
    /** The incoming document it is about (ours). */
    documentId: uuid()
      .notNull()
      .references(() => documents.id),
    /** recall (1), or notice (2 update, 3 replace). */
    kind: text({ enum: NOTICE_KINDS }).notNull(),
    businessType: integer().notNull(),
    reason: text(),
    /** Where the answer goes: the receipt of the original package (remote) or the sender's delivery (internal). */
    receiptId: uuid(),
    deliveryId: uuid().references(() => deliveries.id),
    answer: text({ enum: ['agreed', 'refused'] }),
    answerReason: text(),
    answeredAt: timestamp({ withTimezone: true }),
    /** An update: the files it brings into the copy when agreed (as new versions). */
    files: jsonb()
      .$type<NoticeFile[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.documentId, t.kind] }),
    // GET /me/work/notices: the notices awaiting an answer.
    index('inbound_recalls_pending_idx')
      .on(t.createdAt)
      .where(sql`${t.answer} is null`),
  ],
);
