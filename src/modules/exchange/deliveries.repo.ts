import { and, asc, desc, eq, getTableColumns, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client.js';
import { deliveries, organizations, type DeliveryEvent, type NoticeKind } from '../../db/schema/index.js';
import { eventSql, historyHas, type NewDeliveryEvent } from './delivery-events.js';
import { uuidArray } from '../../db/sql-arrays.js';

export type DeliveryRow = typeof deliveries.$inferSelect;

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

/** Appends `e` to the delivery's history. */
const withEvent = (e: NewDeliveryEvent) => sql`${deliveries.history} || ${eventSql(e)}`;

/**
 * The copy reached the recipient: an internal one has its incoming document, a remote one was
 * accepted by the peer (sent as a new document or as a replacement) or answered with a status.
 */
const arrived = sql`(${deliveries.recipientDocumentId} is not null or ${deliveries.state} = 'delivered' or ${historyHas(deliveries.history, { event: 'sent', businessType: 0 })} or ${historyHas(deliveries.history, { event: 'sent', businessType: 3 })})`;

/** Arrived, or may have: a POST of the document went out whose answer is not recorded (the peer may hold the copy). */
const mayHaveArrived = sql`(${arrived} or ${deliveries.unconfirmedSendAt} is not null)`;

/** The sending organisation lies in one of the subtrees (ltree paths); none given matches nothing. */
const senderWithin = (paths: string[]) =>
  paths.length === 0
    ? sql`false`
    : sql`exists (select 1 from ${organizations} o where o.id = ${deliveries.senderOrganizationId} and (${sql.join(
        paths.map((p) => sql`o.path <@ ${p}::ltree`),
        sql` or `,
      )}))`;

/** SQL of deliveries: the sender's per-recipient view of a dispatch (inbound-notices.repo.ts has the recipient's side). */
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
     * The still-undelivered internal deliveries of a fan-out batch, locked until the transaction
     * ends, in id order. Only a pending copy: a recalled one is never delivered, a dead one waits for
     * its replay (an update notice does not hold a copy back); a delivered one (a job re-run after a
     * crash) is skipped.
     */
    async lockPendingInternal(
      tx: Tx,
      sourceDocumentId: string,
      deliveryIds: string[],
    ): Promise<{ deliveryId: string; organizationId: string }[]> {
      if (deliveryIds.length === 0) return [];
      const rows = await tx
        .select({ deliveryId: deliveries.id, organizationId: deliveries.recipientOrganizationId })
        .from(deliveries)
        .where(
          and(
            sql`${deliveries.id} = any(${uuidArray(deliveryIds)})`,
            eq(deliveries.documentId, sourceDocumentId),
            eq(deliveries.kind, 'internal'),
            isNull(deliveries.recipientDocumentId),
            eq(deliveries.state, 'pending'),
          ),
        )
        .orderBy(asc(deliveries.id))
        .for('update');
      return rows.map((r) => ({ deliveryId: r.deliveryId, organizationId: r.organizationId! }));
    },

    /** The fan-out's copies exist: each delivery is delivered, with status 01 (one statement for the batch). */
    async markInternalDelivered(tx: Tx, copies: readonly { deliveryId: string; documentId: string }[]): Promise<void> {
      if (copies.length === 0) return;
      await tx.execute(sql`
        update deliveries dl
           set recipient_document_id = v.document_id, state = 'delivered', status_code = '01', status_description = null,
               status_at = now(), delivered_at = now(), updated_at = now(), attempts = dl.attempts + 1,
               history = dl.history || ${eventSql({ event: 'status', code: '01' })}
          from unnest(${uuidArray(copies.map((c) => c.deliveryId))}, ${uuidArray(copies.map((c) => c.documentId))}) as v(delivery_id, document_id)
         where dl.id = v.delivery_id`);
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
            sql`${deliveries.id} = any(${uuidArray(deliveryIds)})`,
            eq(deliveries.documentId, sourceDocumentId),
            eq(deliveries.kind, 'internal'),
            eq(deliveries.state, 'pending'),
            isNull(deliveries.recipientDocumentId),
          ),
        )
        .returning({ id: deliveries.id });
      return rows.map((r) => r.id);
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
    /** The dead deliveries listDead pages through (for its total). */
    deadMatches(withinPaths: string[]): SQL {
      return sql`select ${deliveries.id} from ${deliveries} where ${and(eq(deliveries.state, 'dead'), senderWithin(withinPaths))}`;
    },

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
        .where(and(sql`${deliveries.id} = any(${uuidArray(ids)})`, eq(deliveries.noticeState, 'requested')));
    },
  };
}

export type DeliveriesRepo = ReturnType<typeof createDeliveriesRepo>;
export type { DeliveryEvent };
