import { and, asc, desc, eq, getTableColumns, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import {
  deliveries,
  documents,
  inboundDeliveries,
  inboundPackages,
  inboundRecalls,
  organizations,
  type DeliveryEvent,
  type NoticeFile,
  type NoticeKind,
} from '../../db/schema/index.js';
import type { PendingNotice } from '../documents/documents.service.js';
import { eventSql, historyHas, type NewDeliveryEvent } from './delivery-events.js';
import { isProgressionCode, statusStepSql } from './status-progression.js';

export type DeliveryRow = typeof deliveries.$inferSelect;
export type InboundRecallRow = typeof inboundRecalls.$inferSelect;

/** "Every current unit under a root" (`levels`: only units with one of these level labels; null: all). */
export type UnitSelector = { rootPath: string; rootId: string; levels: readonly string[] | null };

/** Which internal organisations a dispatch reaches: named ones, and/or every current unit (of some levels) under a root. */
export type InternalRecipientSpec = {
  organizationIds: string[];
  selector: UnitSelector | null;
  excludeOrganizationId: string;
};

/** The units of `organizations o` a selector picks (the root itself excluded). */
const selectedBy = (selector: UnitSelector) =>
  sql`(o.path <@ ${selector.rootPath}::ltree and o.id <> ${selector.rootId}::uuid ${
    selector.levels
      ? sql`and o.level in (${sql.join(
          selector.levels.map((l) => sql`${l}`),
          sql`, `,
        )})`
      : sql``
  })`;

const uuidArray = (ids: string[]) =>
  ids.length === 0
    ? sql`array[]::uuid[]`
    : sql`array[${sql.join(
        ids.map((id) => sql`${id}::uuid`),
        sql`, `,
      )}]`;

/** Appends `e` to the delivery's history. */
const withEvent = (e: NewDeliveryEvent) => sql`${deliveries.history} || ${eventSql(e)}`;

/** History has a status entry with `code` (each handling status is recorded once). */
const hasStatus = (code: string) => historyHas(deliveries.history, { event: 'status', code });

/**
 * The copy reached the recipient: an internal one has its incoming document, a remote one was
 * accepted by the peer (sent as a new document or as a replacement) or answered with a status.
 */
const arrived = sql`(${deliveries.recipientDocumentId} is not null or ${deliveries.state} = 'delivered' or ${historyHas(deliveries.history, { event: 'sent', businessType: 0 })} or ${historyHas(deliveries.history, { event: 'sent', businessType: 3 })})`;

/** Arrived, or may have: a POST of the document went out whose answer is not recorded (the peer may hold the copy). */
const mayHaveArrived = sql`(${arrived} or ${deliveries.unconfirmedSendAt} is not null)`;

/** The history events of the sender's requests, by business type. */
const REQUESTED: Readonly<Record<string, 1 | 2 | 3>> = { 'recall-requested': 1, 'update-requested': 2, 'replace-requested': 3 };

/**
 * The recall (1) and the update or replace notice (2, 3) pending on a copy, in the order they were
 * asked, each with where its request sits in the history (what its send job is keyed on).
 */
export function pendingRequestsOf(
  row: Pick<DeliveryRow, 'recallState' | 'noticeState' | 'history'>,
): { businessType: 1 | 2 | 3; requestIndex: number }[] {
  const found: { businessType: 1 | 2 | 3; requestIndex: number }[] = [];
  for (let i = row.history.length - 1; i >= 0; i--) {
    const businessType = REQUESTED[row.history[i].event];
    if (!businessType || found.some((f) => (f.businessType === 1) === (businessType === 1))) continue;
    if ((businessType === 1 ? row.recallState : row.noticeState) === 'requested') found.push({ businessType, requestIndex: i });
  }
  return found.reverse();
}

/** An entry showing the copy reached the peer: the document taken (new or replacement), or a status from the recipient. */
const showsArrival = (e: DeliveryEvent) => (e.event === 'sent' && (e.businessType === 0 || e.businessType === 3)) || e.event === 'status';

/**
 * The recall and the update notice pending on a remote copy that were asked before it was known to
 * have reached the peer (so no package was queued for them) and are not sent yet: the send of the
 * document queues them once the peer takes it. A replace notice needs no package (the replacing
 * document carries it).
 */
export function requestsAwaitingDocument(
  row: Pick<DeliveryRow, 'recallState' | 'noticeState' | 'history'>,
): { businessType: 1 | 2 | 3; requestIndex: number }[] {
  return pendingRequestsOf(row).filter(
    (r) =>
      r.businessType !== 3 &&
      !row.history.slice(0, r.requestIndex).some(showsArrival) &&
      !row.history.slice(r.requestIndex).some((e) => e.event === 'sent' && e.businessType === r.businessType),
  );
}

/** The remote copy a peer's status is about: (edXML DocumentId, the organ code it comes from). */
const remoteOf = (key: { edxmlDocumentId: string; organId: string }) =>
  and(eq(deliveries.edxmlDocumentId, key.edxmlDocumentId), eq(deliveries.recipientOrganId, key.organId), eq(deliveries.kind, 'remote'));

/**
 * A status means the package arrived, whatever the transport state said (a copy withdrawn here stays
 * so: it was withdrawn only when no send of it was left unanswered).
 */
const arrivedByStatus = {
  state: sql`case when ${deliveries.state} = 'recalled' then 'recalled' else 'delivered' end`,
  deliveredAt: sql`coalesce(${deliveries.deliveredAt}, now())`,
  updatedAt: sql`now()`,
};

/** The event an answer (15/16) to a request of this kind is recorded as. */
const ANSWERED = { 1: 'recall-answered', 2: 'update-answered', 3: 'replace-answered' } as const;

/**
 * The current-status columns after a handling status `code` arrives: they move only when the code
 * is on the same or a later step of the progression than the current one (status-progression.ts).
 */
function advanceStatus(code: string, description: string | null) {
  const advances = sql`${statusStepSql(sql`${code}::text`)} >= ${statusStepSql(deliveries.statusCode)}`;
  return {
    statusCode: sql`case when ${advances} then ${code}::text else ${deliveries.statusCode} end`,
    statusDescription: sql`case when ${advances} then ${description}::text else ${deliveries.statusDescription} end`,
    statusAt: sql`case when ${advances} then now() else ${deliveries.statusAt} end`,
  };
}

/** The sending organisation lies in one of the subtrees (ltree paths); none given matches nothing. */
const senderWithin = (paths: string[]) =>
  paths.length === 0
    ? sql`false`
    : sql`exists (select 1 from ${organizations} o where o.id = ${deliveries.senderOrganizationId} and (${sql.join(
        paths.map((p) => sql`o.path <@ ${p}::ltree`),
        sql` or `,
      )}))`;

/** SQL of deliveries (the sender's per-recipient view) and of inbound recalls. */
export function createDeliveriesRepo() {
  return {
    /**
     * Creates the internal deliveries of a dispatch in ONE statement (INSERT … SELECT over the
     * organisation tree): a directive to 3,400 units is one round trip. Recipients that already
     * have this document are skipped. Returns the new rows' ids.
     */
    async insertInternal(
      db: DbOrTx,
      { documentId, senderOrganizationId, edxmlDocumentId }: { documentId: string; senderOrganizationId: string; edxmlDocumentId: string },
      spec: InternalRecipientSpec,
    ): Promise<string[]> {
      const named = sql`o.id = any(${uuidArray(spec.organizationIds)})`;
      const selected = spec.selector ? selectedBy(spec.selector) : sql`false`;
      const rows = await db.execute<{ id: string }>(sql`
        insert into deliveries (document_id, sender_organization_id, kind, recipient_organization_id, recipient_organ_id, recipient_name, edxml_document_id)
        select ${documentId}::uuid, ${senderOrganizationId}::uuid, 'internal', o.id, o.code, o.name, ${edxmlDocumentId}
          from organizations o
         where o.valid_to is null and o.id <> ${spec.excludeOrganizationId}::uuid and (${named} or ${selected})
        on conflict (document_id, recipient_organization_id) where recipient_organization_id is not null do nothing
        returning id`);
      return rows.map((r) => r.id);
    },

    /** How many current units other than `excludeOrganizationId` (the sender) a selector picks. */
    async countSelected(db: DbOrTx, selector: UnitSelector, excludeOrganizationId: string): Promise<number> {
      const [row] = await db.execute<{ n: number }>(sql`
        select count(*)::int as n from organizations o
         where o.valid_to is null and o.id <> ${excludeOrganizationId}::uuid and ${selectedBy(selector)}`);
      return row.n;
    },

    /** Which of `ids` are current organisations. */
    async currentOrganizationIds(db: DbOrTx, ids: string[]): Promise<Set<string>> {
      if (ids.length === 0) return new Set();
      const rows = await db
        .select({ id: organizations.id })
        .from(organizations)
        .where(and(inArray(organizations.id, ids), isNull(organizations.validTo)));
      return new Set(rows.map((r) => r.id));
    },

    async findCurrentOrganization(db: DbOrTx, id: string): Promise<{ id: string; path: string; name: string } | undefined> {
      const [row] = await db
        .select({ id: organizations.id, path: organizations.path, name: organizations.name })
        .from(organizations)
        .where(and(eq(organizations.id, id), isNull(organizations.validTo)));
      return row;
    },

    /** The inbound packages (and receiving organisation) an incoming document came from. */
    async inboundOriginsOf(db: DbOrTx, documentId: string): Promise<{ receiptId: string; organizationId: string; urgency: string }[]> {
      return db
        .select({ receiptId: inboundDeliveries.receiptId, organizationId: inboundDeliveries.organizationId, urgency: documents.urgency })
        .from(inboundDeliveries)
        .innerJoin(documents, eq(documents.id, inboundDeliveries.documentId))
        .where(eq(inboundDeliveries.documentId, documentId));
    },

    /** The incoming documents an earlier package (same peer, sender organ and DocumentId, another receipt) became here. */
    async documentsOfInboundOriginal(
      db: DbOrTx,
      {
        peerId,
        senderOrganId,
        documentId,
        exceptReceiptId,
      }: { peerId: string; senderOrganId: string; documentId: string; exceptReceiptId: string },
    ) {
      return db
        .select({ receiptId: inboundDeliveries.receiptId, documentId: inboundDeliveries.documentId })
        .from(inboundDeliveries)
        .innerJoin(inboundPackages, eq(inboundPackages.id, inboundDeliveries.receiptId))
        .where(
          and(
            eq(inboundPackages.peerId, peerId),
            eq(inboundPackages.senderOrganId, senderOrganId),
            eq(inboundPackages.documentId, documentId),
            eq(inboundPackages.kind, 'edoc'),
            sql`${inboundPackages.id} <> ${exceptReceiptId}::uuid`,
          ),
        );
    },

    /** The peers the earlier packages (same sender organ and DocumentId) came through: who may recall, update or replace them. */
    async peersOfInboundOriginal(
      db: DbOrTx,
      { senderOrganId, documentId }: { senderOrganId: string; documentId: string },
    ): Promise<string[]> {
      const rows = await db
        .selectDistinct({ peerId: inboundPackages.peerId })
        .from(inboundPackages)
        .where(
          and(
            eq(inboundPackages.senderOrganId, senderOrganId),
            eq(inboundPackages.documentId, documentId),
            eq(inboundPackages.kind, 'edoc'),
          ),
        );
      return rows.map((r) => r.peerId);
    },

    /**
     * Whether any delivery carries the edXML DocumentId, and whether one went to `organId` through
     * `peerId`: who may send statuses about it.
     */
    async deliveryReach(
      db: DbOrTx,
      { edxmlDocumentId, organId, peerId }: { edxmlDocumentId: string; organId: string; peerId: string },
    ): Promise<{ any: boolean; throughPeer: boolean }> {
      const [row] = await db.execute<{ any: boolean; through_peer: boolean }>(sql`
        select exists(select 1 from deliveries where edxml_document_id = ${edxmlDocumentId}) as any,
               exists(select 1 from deliveries where edxml_document_id = ${edxmlDocumentId} and recipient_organ_id = ${organId}
                         and kind = 'remote' and peer_id = ${peerId}::uuid) as through_peer`);
      return { any: row.any, throughPeer: row.through_peer };
    },

    /** A pending recall on every internal recipient's copy of `documentId`, in one statement. */
    async insertRecallsForInternalCopies(
      db: DbOrTx,
      documentId: string,
      reason: string,
      businessType: 1 | 2 | 3,
      files: NoticeFile[] = [],
    ): Promise<void> {
      // The copies `requestChange` just asked (a withdrawn copy gets nothing). An answered recall or
      // notice is replaced by the new one, a pending one stays until it is answered; a replacement
      // supersedes a pending update notice.
      const kind: NoticeKind = businessType === 1 ? 'recall' : 'notice';
      const asked =
        businessType === 1 ? sql`recall_state = 'requested'` : sql`notice_state = 'requested' and notice_type = ${businessType}::int`;
      await db.execute(sql`
        insert into inbound_recalls (document_id, kind, business_type, reason, delivery_id, files)
        select recipient_document_id, ${kind}, ${businessType}::int, ${reason}, id, ${JSON.stringify(files)}::jsonb from deliveries
         where document_id = ${documentId}::uuid and kind = 'internal' and recipient_document_id is not null and ${asked}
        on conflict (document_id, kind) do update
           set business_type = excluded.business_type, reason = excluded.reason, delivery_id = excluded.delivery_id, files = excluded.files,
               answer = null, answer_reason = null, answered_at = null, created_at = now()
         where inbound_recalls.answer is not null or excluded.business_type = 3`);
    },

    /** Remote deliveries (a handful per dispatch); existing (document, organ) pairs are skipped. */
    async insertRemote(db: DbOrTx, rows: (typeof deliveries.$inferInsert)[]): Promise<DeliveryRow[]> {
      if (rows.length === 0) return [];
      return db
        .insert(deliveries)
        .values(rows)
        .onConflictDoNothing({ target: [deliveries.documentId, deliveries.recipientOrganId], where: sql`kind = 'remote'` })
        .returning();
    },

    /**
     * Delivers a batch of internal deliveries of `sourceDocumentId` in one statement: for each
     * still-undelivered row (locked), an incoming document in the recipient organisation, file rows
     * naming the SAME storage keys as the source's current files (no byte is copied), the clerk
     * custody interval, and the delivery marked delivered with status 01. A row already delivered
     * (a job re-run after a crash) is skipped, so a recipient never gets two documents.
     */
    // Data-modifying CTEs all run to completion whether or not the final SELECT reads them.
    async deliverInternalBatch(
      db: DbOrTx,
      sourceDocumentId: string,
      deliveryIds: string[],
    ): Promise<{ deliveryId: string; documentId: string; organizationId: string }[]> {
      if (deliveryIds.length === 0) return [];
      return db.execute<{ deliveryId: string; documentId: string; organizationId: string }>(sql`
        with pending as materialized (
          select dl.id as delivery_id, dl.recipient_organization_id as org_id, gen_random_uuid() as new_id
            from deliveries dl
           where dl.id = any(${uuidArray(deliveryIds)}) and dl.document_id = ${sourceDocumentId}::uuid
             and dl.kind = 'internal' and dl.recipient_document_id is null
             -- Only a pending copy: a recalled one is never delivered, a dead one waits for its replay
             -- (an update notice does not hold a copy back).
             and dl.state = 'pending'
           order by dl.id
             for update
        ), src as (
          select s.*, coalesce(so.code, s.issuer_code) as sender_code, coalesce(so.name, s.issuer_name) as sender_name
            from documents s join organizations so on so.id = s.owner_organization_id
           where s.id = ${sourceDocumentId}::uuid
        ), docs as (
          insert into documents (id, direction, owner_organization_id, type_name, number, notation, subject, issuer_organization_id, issuer_code, issuer_name,
                                 signer_name, signer_position, signer_authority, promulgation_date, urgency, confidentiality, page_count, due_date, status, search_text)
          select p.new_id, 'incoming', p.org_id, src.type_name, src.number, src.notation, src.subject, src.owner_organization_id, src.sender_code, src.sender_name,
                 src.signer_name, src.signer_position, src.signer_authority, src.promulgation_date, src.urgency, src.confidentiality, src.page_count, src.due_date, 'received', src.search_text
            from pending p cross join src
          returning id
        ), src_files as materialized (
          -- The current files of the source (documents.service latestFiles: the latest version of
          -- each, none retired at issue), found once (not once per recipient).
          select f.name, f.content_type, f.size, f.sha256, f.storage_key, f.kind
            from document_files f
           where f.document_id = ${sourceDocumentId}::uuid and f.kind in ('main', 'attachment') and f.superseded_at is null
             and not exists (select 1 from document_files g where g.previous_file_id = f.id)
        ), files as (
          insert into document_files (document_id, name, content_type, size, sha256, storage_key, kind)
          select p.new_id, f.name, f.content_type, f.size, f.sha256, f.storage_key, f.kind
            from pending p
            cross join src_files f
           where exists (select 1 from docs where docs.id = p.new_id)
          returning id
        ), custody as (
          insert into custody_intervals (document_id, holder_unit_id, role)
          select docs.id, p.org_id, 'clerk' from docs join pending p on p.new_id = docs.id
          returning id
        ), secret_access as (
          -- A secret copy is seen only by those granted it: the receiving unit's văn thư (its active
          -- clerks), who register it in the secret series and grant it on, as the uploader of one is.
          insert into document_access_grants (document_id, user_id)
          select docs.id, g.user_id
            from docs join pending p on p.new_id = docs.id
            join role_grants g on g.organization_id = p.org_id and g.role = 'clerk'
            join users u on u.id = g.user_id and u.active
           where (select confidentiality from src) <> 'normal'
          on conflict do nothing
          returning user_id
        ), marked as (
          update deliveries dl
             set recipient_document_id = p.new_id, state = 'delivered', status_code = '01', status_description = null,
                 status_at = now(), delivered_at = now(), updated_at = now(), attempts = dl.attempts + 1,
                 history = dl.history || ${eventSql({ event: 'status', code: '01' })}
            from pending p
           where dl.id = p.delivery_id and exists (select 1 from docs where docs.id = p.new_id)
          returning dl.id
        )
        select p.delivery_id as "deliveryId", p.new_id as "documentId", p.org_id as "organizationId"
          from pending p`);
    },

    /**
     * Marks the still-undelivered copies of a fan-out batch dead (its job failed beyond the retry
     * budget): they join the dead-letter list, to be replayed one by one. Returns their ids.
     */
    async markInternalDead(db: DbOrTx, sourceDocumentId: string, deliveryIds: string[], reason: string): Promise<string[]> {
      if (deliveryIds.length === 0) return [];
      const rows = await db
        .update(deliveries)
        .set({
          state: 'dead',
          lastError: reason,
          attempts: sql`${deliveries.attempts} + 1`,
          updatedAt: sql`now()`,
          history: withEvent({ event: 'dead-lettered', description: reason }),
        })
        .where(
          and(
            inArray(deliveries.id, deliveryIds),
            eq(deliveries.documentId, sourceDocumentId),
            eq(deliveries.kind, 'internal'),
            eq(deliveries.state, 'pending'),
            isNull(deliveries.recipientDocumentId),
          ),
        )
        .returning({ id: deliveries.id });
      return rows.map((r) => r.id);
    },

    /**
     * Records a status of the recipient (internal: by its incoming document) once per code: the
     * history entry, and the current status when the code does not go back (status-progression.ts).
     * Returns the deliveries changed.
     */
    async recordStatusByRecipientDocument(
      db: DbOrTx,
      recipientDocumentId: string,
      code: string,
      description: string | null,
    ): Promise<DeliveryRow[]> {
      return db
        .update(deliveries)
        .set({
          ...(isProgressionCode(code) ? advanceStatus(code, description) : {}),
          updatedAt: sql`now()`,
          history: withEvent({ event: 'status', code, description }),
        })
        .where(and(eq(deliveries.recipientDocumentId, recipientDocumentId), sql`not ${hasStatus(code)}`))
        .returning();
    },

    /**
     * A status package from a peer: the delivery of (edXML DocumentId, From OrganId); once per code.
     * The history gets it in arrival order with the time the package states; the current status
     * follows the progression (a late 03 after 06 does not move it back). Answers to a pending
     * recall or notice are `recordAnswer`'s.
     */
    async recordRemoteStatus(
      db: DbOrTx,
      key: { edxmlDocumentId: string; organId: string },
      code: string,
      description: string | null,
      statedAt: string | null = null,
    ): Promise<DeliveryRow[]> {
      return db
        .update(deliveries)
        .set({
          ...(isProgressionCode(code) ? advanceStatus(code, description) : {}),
          ...arrivedByStatus,
          history: withEvent({ event: 'status', code, description, statedAt }),
        })
        .where(and(remoteOf(key), sql`not ${hasStatus(code)}`))
        .returning();
    },

    /** The remote copies a peer's status is about that await an answer to a recall or a notice, locked. */
    async lockPendingRemote(db: DbOrTx, key: { edxmlDocumentId: string; organId: string }): Promise<DeliveryRow[]> {
      return db
        .select()
        .from(deliveries)
        .where(and(remoteOf(key), sql`(${deliveries.recallState} = 'requested' or ${deliveries.noticeState} = 'requested')`))
        .for('update');
    },

    /**
     * Some systems answer a recall with 03 (agree) / 02 (refuse) instead of 15/16: a code the
     * delivery already went through, arriving while a recall is pending, can only be that answer.
     */
    async answerRecallByRepeatedStatus(
      db: DbOrTx,
      key: { edxmlDocumentId: string; organId: string },
      code: '02' | '03',
      description: string | null,
    ): Promise<DeliveryRow[]> {
      const answer = code === '03' ? ('agreed' as const) : ('refused' as const);
      return db
        .update(deliveries)
        .set({ recallState: answer, updatedAt: sql`now()`, history: withEvent({ event: 'recall-answered', code, answer, description }) })
        .where(and(remoteOf(key), eq(deliveries.recallState, 'requested'), hasStatus(code)))
        .returning();
    },

    /**
     * The recipient answered (15/16) the recall (1) or the update/replace notice (2, 3) on its copy:
     * the sender's delivery records it (`statedAt`: the time a peer's package gives). Returns the delivery.
     */
    async recordAnswer(
      db: DbOrTx,
      id: string,
      businessType: 1 | 2 | 3,
      answer: 'agreed' | 'refused',
      { description, statedAt }: { description: string | null; statedAt?: string | null },
    ): Promise<DeliveryRow | undefined> {
      const code = answer === 'agreed' ? '15' : '16';
      const [row] = await db
        .update(deliveries)
        .set({
          ...(businessType === 1 ? { recallState: answer } : { noticeState: answer }),
          updatedAt: sql`now()`,
          history: withEvent({ event: ANSWERED[businessType], code, answer, description, ...(statedAt === undefined ? {} : { statedAt }) }),
        })
        .where(eq(deliveries.id, id))
        .returning();
      return row;
    },

    /** Appends an event (and optional field changes) to one delivery. */
    async appendEvent(
      db: DbOrTx,
      id: string,
      event: NewDeliveryEvent,
      fields: Partial<typeof deliveries.$inferInsert> = {},
    ): Promise<void> {
      await db
        .update(deliveries)
        .set({ ...fields, updatedAt: sql`now()`, history: withEvent(event) })
        .where(eq(deliveries.id, id));
    },

    async findById(db: DbOrTx, id: string, { lock = false }: { lock?: boolean } = {}): Promise<DeliveryRow | undefined> {
      const q = db.select().from(deliveries).where(eq(deliveries.id, id));
      const [row] = lock ? await q.for('update') : await q;
      return row;
    },

    async findByRecipientDocument(db: DbOrTx, recipientDocumentId: string): Promise<DeliveryRow | undefined> {
      const [row] = await db.select().from(deliveries).where(eq(deliveries.recipientDocumentId, recipientDocumentId));
      return row;
    },

    async listForDocument(db: DbOrTx, documentId: string): Promise<DeliveryRow[]> {
      return db
        .select()
        .from(deliveries)
        .where(eq(deliveries.documentId, documentId))
        .orderBy(asc(deliveries.recipientName), asc(deliveries.id));
    },

    /** Transport fields of one delivery; `sendAnswered`: the peer answered the send of the document (see `unconfirmedSendAt`). */
    async updateTransport(
      db: DbOrTx,
      id: string,
      fields: { state?: DeliveryRow['state']; lastError?: string | null; countAttempt?: boolean; replays?: number; sendAnswered?: boolean },
    ): Promise<void> {
      await db
        .update(deliveries)
        .set({
          ...(fields.state ? { state: fields.state } : {}),
          ...(fields.sendAnswered ? { unconfirmedSendAt: null } : {}),
          ...(fields.lastError !== undefined ? { lastError: fields.lastError } : {}),
          ...(fields.replays !== undefined ? { replays: fields.replays } : {}),
          ...(fields.countAttempt ? { attempts: sql`${deliveries.attempts} + 1` } : {}),
          updatedAt: sql`now()`,
        })
        .where(eq(deliveries.id, id));
    },

    /** The dead-letter list of senders within `withinPaths` (an admin's subtrees), newest first (keyset by (updatedAt, id)). */
    async listDead(
      db: DbOrTx,
      { limit, before, withinPaths }: { limit: number; before?: { at: Date; id: string }; withinPaths: string[] },
    ): Promise<DeliveryRow[]> {
      const conds = [eq(deliveries.state, 'dead'), senderWithin(withinPaths)];
      if (before)
        conds.push(or(lt(deliveries.updatedAt, before.at), and(eq(deliveries.updatedAt, before.at), lt(deliveries.id, before.id)))!);
      return db
        .select()
        .from(deliveries)
        .where(and(...conds))
        .orderBy(desc(deliveries.updatedAt), desc(deliveries.id))
        .limit(limit);
    },

    /** A delivery whose sender lies within `withinPaths`, or undefined (also when it exists outside them). */
    async findByIdWithin(
      db: DbOrTx,
      id: string,
      withinPaths: string[],
      { lock = false }: { lock?: boolean } = {},
    ): Promise<DeliveryRow | undefined> {
      const q = db
        .select()
        .from(deliveries)
        .where(and(eq(deliveries.id, id), senderWithin(withinPaths)));
      const [row] = lock ? await q.for('update') : await q;
      return row;
    },

    /**
     * Asks every copy of a document that its recipient still holds (not withdrawn, not given back
     * on an agreed recall) for a recall (13), or gives it an update or replace notice; returns them
     * with the history length before the request and whether the copy has arrived (a request to a
     * copy that has not waits for it: the fan-out puts it on the copy it makes, the send of the
     * document queues it once the peer took the document). A recall and a notice have their own
     * states: a pending notice never keeps a recall from a copy. Skipped: copies with a recall
     * pending (for a recall), with an update notice pending (for an update; a replacement
     * supersedes it). A recall of a copy that has not reached its recipient yet (queued, retrying,
     * dead-lettered) withdraws it at once: state `recalled`, no answer awaited, nothing sent or
     * delivered afterwards; unless a POST of it is unanswered (in flight, or cut off by a crash or a
     * timeout): the peer may hold it, so the recall waits for the peer's answer to that send (or to
     * its next attempt).
     */
    async requestChange(
      db: DbOrTx,
      documentId: string,
      reason: string,
      businessType: 1 | 2 | 3,
    ): Promise<(DeliveryRow & { requestIndex: number; arrived: boolean })[]> {
      const withArrival = { ...getTableColumns(deliveries), arrived: sql<boolean>`${arrived}` };
      const held = sql`${deliveries.state} <> 'recalled' and ${deliveries.recallState} is distinct from 'agreed'`;
      // One statement: the "arrived?" test and the change see the same row version, so a fan-out
      // batch or a send committing concurrently is either wholly before it or wholly after it.
      const rows =
        businessType === 1
          ? await db
              .update(deliveries)
              .set({
                state: sql`case when ${mayHaveArrived} then ${deliveries.state} else 'recalled' end`,
                recallState: sql`case when ${mayHaveArrived} then 'requested' end`,
                recallReason: reason,
                deadSend: sql`case when ${mayHaveArrived} then ${deliveries.deadSend} end`,
                history: sql`${withEvent({ event: 'recall-requested', code: '13', description: reason })} || case when ${mayHaveArrived} then '[]'::jsonb else ${eventSql({ event: 'withdrawn' })} end`,
                updatedAt: sql`now()`,
              })
              .where(and(eq(deliveries.documentId, documentId), held, sql`${deliveries.recallState} is distinct from 'requested'`))
              .returning(withArrival)
          : await db
              .update(deliveries)
              .set({
                noticeType: businessType,
                noticeState: 'requested',
                noticeReason: reason,
                history: withEvent({ event: businessType === 2 ? 'update-requested' : 'replace-requested', description: reason }),
                updatedAt: sql`now()`,
              })
              .where(
                and(
                  eq(deliveries.documentId, documentId),
                  held,
                  businessType === 2 ? sql`${deliveries.noticeState} is distinct from 'requested'` : undefined,
                ),
              )
              .returning(withArrival);
      return rows.map((r) => ({ ...r, requestIndex: r.history.length - (r.state === 'recalled' ? 2 : 1) }));
    },

    /** Whether a recall (or an update/replace notice) of the document awaits some recipient's answer. */
    async changePending(db: DbOrTx, documentId: string, kind: NoticeKind): Promise<boolean> {
      const column = kind === 'recall' ? deliveries.recallState : deliveries.noticeState;
      const [row] = await db
        .select({ id: deliveries.id })
        .from(deliveries)
        .where(and(eq(deliveries.documentId, documentId), eq(column, 'requested')))
        .limit(1);
      return row !== undefined;
    },

    /**
     * The sender's issued document once a recall took effect at a recipient (agreed, or a copy
     * withdrawn before it arrived): recalled, never sent again (dispatch answers 409). An incoming
     * document that was forwarded keeps its own handling status.
     */
    async markSourceRecalled(db: DbOrTx, documentId: string): Promise<void> {
      await db
        .update(documents)
        .set({ status: 'recalled', updatedAt: sql`now()` })
        .where(and(eq(documents.id, documentId), eq(documents.direction, 'outgoing'), eq(documents.status, 'issued')));
    },

    /**
     * Before a POST of the document to the peer: notes that a send is out (see `unconfirmedSendAt`).
     * False when the copy was recalled meanwhile: then nothing is sent.
     */
    async markSendStarted(db: DbOrTx, id: string): Promise<boolean> {
      const rows = await db
        .update(deliveries)
        .set({ unconfirmedSendAt: sql`now()`, updatedAt: sql`now()` })
        .where(and(eq(deliveries.id, id), sql`${deliveries.state} <> 'recalled'`))
        .returning({ id: deliveries.id });
      return rows.length > 0;
    },

    /** The delivery, locked, and whether its copy had arrived: what the peer's answer to a send of the document is weighed against. */
    async lockWithArrival(db: DbOrTx, id: string): Promise<{ row: DeliveryRow; arrived: boolean } | undefined> {
      const [found] = await db
        .select({ row: deliveries, arrived: sql<boolean>`${arrived}` })
        .from(deliveries)
        .where(eq(deliveries.id, id))
        .for('update');
      return found;
    },

    /** Deliveries among `ids` with an update or replace notice pending (asked before their copy existed, when just delivered). */
    async withPendingNotice(db: DbOrTx, ids: string[]): Promise<DeliveryRow[]> {
      if (ids.length === 0) return [];
      return db
        .select()
        .from(deliveries)
        .where(and(inArray(deliveries.id, ids), eq(deliveries.noticeState, 'requested')));
    },

    /** A recall or notice from a peer on one of our incoming documents (an answered one of the same kind is replaced). */
    async insertInboundRecall(db: DbOrTx, row: typeof inboundRecalls.$inferInsert): Promise<void> {
      await db
        .insert(inboundRecalls)
        .values(row)
        .onConflictDoUpdate({
          target: [inboundRecalls.documentId, inboundRecalls.kind],
          set: {
            businessType: row.businessType,
            reason: row.reason ?? null,
            receiptId: row.receiptId ?? null,
            files: row.files ?? [],
            answer: null,
            answerReason: null,
            answeredAt: null,
            createdAt: sql`now()`,
          },
          where: sql`${inboundRecalls.answer} is not null or ${row.businessType}::int = 3`,
        });
    },

    /** The recall and the update/replace notice of an incoming document (the recall first). */
    async findInboundNotices(db: DbOrTx, documentId: string, { lock = false }: { lock?: boolean } = {}): Promise<InboundRecallRow[]> {
      const q = db.select().from(inboundRecalls).where(eq(inboundRecalls.documentId, documentId)).orderBy(desc(inboundRecalls.kind));
      return lock ? q.for('update') : q;
    },

    async answerInboundRecall(
      db: DbOrTx,
      documentId: string,
      kind: NoticeKind,
      answer: 'agreed' | 'refused',
      reason: string | null,
    ): Promise<void> {
      await db
        .update(inboundRecalls)
        .set({ answer, answerReason: reason, answeredAt: new Date() })
        .where(and(eq(inboundRecalls.documentId, documentId), eq(inboundRecalls.kind, kind)));
    },

    /** Of `documentIds`, which have a recall, update or replace notice awaiting their clerk's answer (one query for a page). */
    async pendingNoticesOf(db: DbOrTx, documentIds: string[]): Promise<Map<string, PendingNotice[]>> {
      const found = new Map<string, PendingNotice[]>();
      if (documentIds.length === 0) return found;
      const rows = await db
        .select({ documentId: inboundRecalls.documentId, businessType: inboundRecalls.businessType })
        .from(inboundRecalls)
        .where(and(inArray(inboundRecalls.documentId, documentIds), isNull(inboundRecalls.answer)))
        .orderBy(asc(inboundRecalls.businessType));
      for (const r of rows) found.set(r.documentId, [...(found.get(r.documentId) ?? []), PENDING_NOTICE[r.businessType] ?? 'update']);
      return found;
    },
  };
}

export type { PendingNotice };
/** How lists name the request of each business type awaiting the recipient's answer. */
export const PENDING_NOTICE: Readonly<Record<number, PendingNotice>> = { 1: 'recall', 2: 'update', 3: 'replace' };

export type DeliveriesRepo = ReturnType<typeof createDeliveriesRepo>;
export type { DeliveryEvent };
