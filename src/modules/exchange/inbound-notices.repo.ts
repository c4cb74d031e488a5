import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { documents, inboundDeliveries, inboundPackages, inboundRecalls, type NoticeFile, type NoticeKind } from '../../db/schema/index.js';
import type { PendingNotice } from '../documents/document-dtos.js';

export type InboundRecallRow = typeof inboundRecalls.$inferSelect;
export type { PendingNotice };

/** How lists name the request of each business type awaiting the recipient's answer. */
export const PENDING_NOTICE: Readonly<Record<number, PendingNotice>> = { 1: 'recall', 2: 'update', 3: 'replace' };

/**
 * SQL of the recipient's side of recalls and notices: the requests awaiting a clerk's answer on an
 * incoming copy (inbound_recalls), and where an incoming document came from.
 */
export function createInboundNoticesRepo() {
  return {
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

export type InboundNoticesRepo = ReturnType<typeof createInboundNoticesRepo>;
