import { and, asc, desc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { deliveries, documents, inboundDeliveries, inboundPackages, inboundRecalls, organizations, type DeliveryEvent } from '../../db/schema/index.js';
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
    selector.levels ? sql`and o.level in (${sql.join(selector.levels.map((l) => sql`${l}`), sql`, `)})` : sql``
  })`;

const uuidArray = (ids: string[]) => (ids.length === 0 ? sql`array[]::uuid[]` : sql`array[${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)}]`);

const eventJson = (code: string, description: string | null, statedAt?: string | null) =>
  sql`jsonb_build_array(jsonb_build_object('code', ${code}::text, 'at', to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'description', ${description}::text${statedAt === undefined ? sql`` : sql`, 'statedAt', ${statedAt}::text`}))`;

/** History has an event with `code`. */
const hasEvent = (code: string) => sql`${deliveries.history} @> ${JSON.stringify([{ code }])}::jsonb`;

/**
 * The copy reached the recipient: an internal one has its incoming document, a remote one was
 * accepted by the peer (sent as a new document or as a replacement) or answered with a status.
 */
const arrived = sql`(${deliveries.recipientDocumentId} is not null or ${deliveries.state} = 'delivered' or ${hasEvent('sent')} or ${hasEvent('sent-3')})`;

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
    : sql`exists (select 1 from ${organizations} o where o.id = ${deliveries.senderOrganizationId} and (${sql.join(paths.map((p) => sql`o.path <@ ${p}::ltree`), sql` or `)}))`;

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
      const rows = await db.select({ id: organizations.id }).from(organizations).where(and(inArray(organizations.id, ids), isNull(organizations.validTo)));
      return new Set(rows.map((r) => r.id));
    },

    async findCurrentOrganization(db: DbOrTx, id: string): Promise<{ id: string; path: string; name: string } | undefined> {
      const [row] = await db.select({ id: organizations.id, path: organizations.path, name: organizations.name }).from(organizations).where(and(eq(organizations.id, id), isNull(organizations.validTo)));
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
    async documentsOfInboundOriginal(db: DbOrTx, { peerId, senderOrganId, documentId, exceptReceiptId }: { peerId: string; senderOrganId: string; documentId: string; exceptReceiptId: string }) {
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
    async peersOfInboundOriginal(db: DbOrTx, { senderOrganId, documentId }: { senderOrganId: string; documentId: string }): Promise<string[]> {
      const rows = await db
        .selectDistinct({ peerId: inboundPackages.peerId })
        .from(inboundPackages)
        .where(and(eq(inboundPackages.senderOrganId, senderOrganId), eq(inboundPackages.documentId, documentId), eq(inboundPackages.kind, 'edoc')));
      return rows.map((r) => r.peerId);
    },

    /**
     * Whether any delivery carries the edXML DocumentId, and whether one went to `organId` through
     * `peerId`: who may send statuses about it.
     */
    async deliveryReach(db: DbOrTx, { edxmlDocumentId, organId, peerId }: { edxmlDocumentId: string; organId: string; peerId: string }): Promise<{ any: boolean; throughPeer: boolean }> {
      const [row] = await db.execute<{ any: boolean; through_peer: boolean }>(sql`
        select exists(select 1 from deliveries where edxml_document_id = ${edxmlDocumentId}) as any,
               exists(select 1 from deliveries where edxml_document_id = ${edxmlDocumentId} and recipient_organ_id = ${organId}
                         and kind = 'remote' and peer_id = ${peerId}::uuid) as through_peer`);
      return { any: row.any, throughPeer: row.through_peer };
    },

    /** A pending recall on every internal recipient's copy of `documentId`, in one statement. */
    async insertRecallsForInternalCopies(db: DbOrTx, documentId: string, reason: string, businessType: number): Promise<void> {
      // An answered notice is replaced by the new one; a pending one stays until it is answered.
      await db.execute(sql`
        insert into inbound_recalls (document_id, business_type, reason, delivery_id)
        select recipient_document_id, ${businessType}::int, ${reason}, id from deliveries
         where document_id = ${documentId}::uuid and kind = 'internal' and recipient_document_id is not null
        on conflict (document_id) do update
           set business_type = excluded.business_type, reason = excluded.reason, delivery_id = excluded.delivery_id,
               answer = null, answer_reason = null, answered_at = null, created_at = now()
         where inbound_recalls.answer is not null`);
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
    async deliverInternalBatch(db: DbOrTx, sourceDocumentId: string, deliveryIds: string[]): Promise<{ deliveryId: string; documentId: string; organizationId: string }[]> {
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
          -- The latest version of each file of the source, found once (not once per recipient).
          select f.name, f.content_type, f.size, f.sha256, f.storage_key, f.kind
            from document_files f
           where f.document_id = ${sourceDocumentId}::uuid and f.kind in ('main', 'attachment')
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
                 history = dl.history || ${eventJson('01', null)}
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
        .set({ state: 'dead', lastError: reason, attempts: sql`${deliveries.attempts} + 1`, updatedAt: sql`now()`, history: sql`${deliveries.history} || ${eventJson('dead', reason)}` })
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
    async recordStatusByRecipientDocument(db: DbOrTx, recipientDocumentId: string, code: string, description: string | null): Promise<DeliveryRow[]> {
      return db
        .update(deliveries)
        .set({
          ...(isProgressionCode(code) ? advanceStatus(code, description) : {}),
          updatedAt: sql`now()`,
          history: sql`${deliveries.history} || ${eventJson(code, description)}`,
        })
        .where(and(eq(deliveries.recipientDocumentId, recipientDocumentId), sql`not (${deliveries.history} @> ${JSON.stringify([{ code }])}::jsonb)`))
        .returning();
    },

    /**
     * A status package from a peer: the delivery of (edXML DocumentId, From OrganId); once per code.
     * The history gets it in arrival order with the time the package states; the current status
     * follows the progression (a late 03 after 06 does not move it back); 15/16 set the recall state.
     */
    async recordRemoteStatus(db: DbOrTx, key: { edxmlDocumentId: string; organId: string }, code: string, description: string | null, statedAt: string | null = null): Promise<DeliveryRow[]> {
      const recall = code === '15' ? 'agreed' : code === '16' ? 'refused' : null;
      return db
        .update(deliveries)
        .set({
          ...(recall ? { recallState: recall } : isProgressionCode(code) ? advanceStatus(code, description) : {}),
          // A status means the package arrived, whatever the transport state said (a copy marked
          // recalled while its send was in flight stays so until that send records itself).
          state: sql`case when ${deliveries.state} = 'recalled' then 'recalled' else 'delivered' end`,
          deliveredAt: sql`coalesce(${deliveries.deliveredAt}, now())`,
          updatedAt: sql`now()`,
          history: sql`${deliveries.history} || ${eventJson(code, description, statedAt)}`,
        })
        .where(
          and(
            eq(deliveries.edxmlDocumentId, key.edxmlDocumentId),
            eq(deliveries.recipientOrganId, key.organId),
            eq(deliveries.kind, 'remote'),
            sql`not (${deliveries.history} @> ${JSON.stringify([{ code }])}::jsonb)`,
          ),
        )
        .returning();
    },

    /**
     * Some systems answer a recall with 03 (agree) / 02 (refuse) instead of 15/16: a code the
     * delivery already went through, arriving while a recall is pending, can only be that answer.
     */
    async answerRecallByRepeatedStatus(db: DbOrTx, key: { edxmlDocumentId: string; organId: string }, code: '02' | '03', description: string | null): Promise<DeliveryRow[]> {
      return db
        .update(deliveries)
        .set({ recallState: code === '03' ? 'agreed' : 'refused', updatedAt: sql`now()`, history: sql`${deliveries.history} || ${eventJson(code === '03' ? '15' : '16', description ?? `answered with ${code}`)}` })
        .where(
          and(
            eq(deliveries.edxmlDocumentId, key.edxmlDocumentId),
            eq(deliveries.recipientOrganId, key.organId),
            eq(deliveries.kind, 'remote'),
            eq(deliveries.recallState, 'requested'),
            sql`${deliveries.history} @> ${JSON.stringify([{ code }])}::jsonb`,
          ),
        )
        .returning();
    },

    /** Appends a transport or recall event (and optional field changes) to one delivery. */
    async appendEvent(db: DbOrTx, id: string, code: string, description: string | null, fields: Partial<typeof deliveries.$inferInsert> = {}): Promise<void> {
      await db
        .update(deliveries)
        .set({ ...fields, updatedAt: sql`now()`, history: sql`${deliveries.history} || ${eventJson(code, description)}` })
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
      return db.select().from(deliveries).where(eq(deliveries.documentId, documentId)).orderBy(asc(deliveries.recipientName), asc(deliveries.id));
    },

    async updateTransport(db: DbOrTx, id: string, fields: { state?: DeliveryRow['state']; lastError?: string | null; countAttempt?: boolean; replays?: number }): Promise<void> {
      await db
        .update(deliveries)
        .set({
          ...(fields.state ? { state: fields.state } : {}),
          ...(fields.lastError !== undefined ? { lastError: fields.lastError } : {}),
          ...(fields.replays !== undefined ? { replays: fields.replays } : {}),
          ...(fields.countAttempt ? { attempts: sql`${deliveries.attempts} + 1` } : {}),
          updatedAt: sql`now()`,
        })
        .where(eq(deliveries.id, id));
    },

    /** The dead-letter list of senders within `withinPaths` (an admin's subtrees), newest first (keyset by (updatedAt, id)). */
    async listDead(db: DbOrTx, { limit, before, withinPaths }: { limit: number; before?: { at: Date; id: string }; withinPaths: string[] }): Promise<DeliveryRow[]> {
      const conds = [eq(deliveries.state, 'dead'), senderWithin(withinPaths)];
      if (before) conds.push(or(lt(deliveries.updatedAt, before.at), and(eq(deliveries.updatedAt, before.at), lt(deliveries.id, before.id)))!);
      return db.select().from(deliveries).where(and(...conds)).orderBy(desc(deliveries.updatedAt), desc(deliveries.id)).limit(limit);
    },

    /** A delivery whose sender lies within `withinPaths`, or undefined (also when it exists outside them). */
    async findByIdWithin(db: DbOrTx, id: string, withinPaths: string[], { lock = false }: { lock?: boolean } = {}): Promise<DeliveryRow | undefined> {
      const q = db.select().from(deliveries).where(and(eq(deliveries.id, id), senderWithin(withinPaths)));
      const [row] = lock ? await q.for('update') : await q;
      return row;
    },

    /**
     * Marks every delivery of a document with a pending recall (history 13), update notice
     * (`update`) or replace notice (`replaced`) unless one is pending already (or it was recalled);
     * returns them with the history length before the request. A recall of a copy that has not
     * reached its recipient yet (queued, retrying, dead-lettered) ends it at once: state `recalled`,
     * no answer awaited, and nothing is sent or delivered afterwards.
     */
    async requestChange(db: DbOrTx, documentId: string, reason: string, businessType: 1 | 2 | 3): Promise<(DeliveryRow & { requestIndex: number })[]> {
      const code = { 1: '13', 2: 'update', 3: 'replaced' }[businessType];
      // One statement: the "arrived?" test and the change see the same row version, so a fan-out
      // batch or a send committing concurrently is either wholly before it or wholly after it.
      const set =
        businessType === 1
          ? {
              state: sql`case when ${arrived} then ${deliveries.state} else 'recalled' end`,
              recallState: sql`case when ${arrived} then 'requested' end`,
              deadSend: sql`case when ${arrived} then ${deliveries.deadSend} end`,
              history: sql`${deliveries.history} || ${eventJson(code, reason)} || case when ${arrived} then '[]'::jsonb else ${eventJson('recalled', 'recalled before it reached the recipient')} end`,
            }
          : { recallState: 'requested' as const, history: sql`${deliveries.history} || ${eventJson(code, reason)}` };
      const rows = await db
        .update(deliveries)
        .set({ ...set, recallReason: reason, updatedAt: sql`now()` })
        .where(and(eq(deliveries.documentId, documentId), sql`${deliveries.recallState} is distinct from 'requested'`, sql`${deliveries.state} <> 'recalled'`))
        .returning();
      return rows.map((r) => ({ ...r, requestIndex: r.history.length - (r.state === 'recalled' ? 2 : 1) }));
    },

    /**
     * A send of the document that the peer accepted after the copy had been marked recalled (the
     * recall committed while the POST was in flight): the copy did arrive, so it becomes "sent and
     * then recalled" with a recall awaiting the answer. Returns the row when it was in that case.
     */
    async reopenRecalledAfterSend(db: DbOrTx, id: string, sentCode: string): Promise<DeliveryRow | undefined> {
      const [row] = await db
        .update(deliveries)
        .set({
          state: sql`case when ${deliveries.statusCode} is null then 'pending' else 'delivered' end`,
          recallState: 'requested',
          lastError: null,
          attempts: sql`${deliveries.attempts} + 1`,
          updatedAt: sql`now()`,
          history: sql`${deliveries.history} || ${eventJson(sentCode, 'accepted by the peer while being recalled: a recall package follows')}`,
        })
        .where(and(eq(deliveries.id, id), eq(deliveries.state, 'recalled')))
        .returning();
      return row;
    },

    async insertInboundRecall(db: DbOrTx, row: typeof inboundRecalls.$inferInsert): Promise<void> {
      await db
        .insert(inboundRecalls)
        .values(row)
        .onConflictDoUpdate({
          target: inboundRecalls.documentId,
          set: { businessType: row.businessType, reason: row.reason ?? null, receiptId: row.receiptId ?? null, answer: null, answerReason: null, answeredAt: null, createdAt: sql`now()` },
          where: sql`${inboundRecalls.answer} is not null`,
        });
    },

    async findInboundRecall(db: DbOrTx, documentId: string, { lock = false }: { lock?: boolean } = {}): Promise<InboundRecallRow | undefined> {
      const q = db.select().from(inboundRecalls).where(eq(inboundRecalls.documentId, documentId));
      const [row] = lock ? await q.for('update') : await q;
      return row;
    },

    async answerInboundRecall(db: DbOrTx, documentId: string, answer: 'agreed' | 'refused', reason: string | null): Promise<void> {
      await db.update(inboundRecalls).set({ answer, answerReason: reason, answeredAt: new Date() }).where(eq(inboundRecalls.documentId, documentId));
    },
  };
}

export type DeliveriesRepo = ReturnType<typeof createDeliveriesRepo>;
export type { DeliveryEvent };
