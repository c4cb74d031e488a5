import type { Db, Tx } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import type { DocumentsRepo } from '../documents/documents.repo.js';
import type { Outbox } from '../outbox/outbox.service.js';
import { priorityOfUrgency } from '../outbox/priority.js';
import type { DeliveriesRepo } from './deliveries.repo.js';
import { assertMayGoRemote } from './dispatch.service.js';
import type { Business } from './edxml/index.js';
import type { ExchangeRepo, InboundPackageRow } from './exchange.repo.js';

export type RecallServiceDeps = {
  db: Db;
  deliveriesRepo: DeliveriesRepo;
  exchangeRepo: Pick<ExchangeRepo, 'insertOutboundStatus'>;
  documentsRepo: Pick<DocumentsRepo, 'findVisible'>;
  outbox: Pick<Outbox, 'add' | 'addMany' | 'kick'>;
  audit: Pick<AuditService, 'record'>;
};

const isClerkOf = (p: Principal, organizationId: string) => p.grants.some((g) => g.role === 'clerk' && g.organizationId === organizationId);

/**
 * Recall (thu hồi, BussinessDocType 1) and the recipients' answers: the sender asks every recipient
 * to give the document back (13 on its deliveries); an internal recipient's incoming document gets
 * a pending recall at once, a remote one receives a package with BussinessDocType 1 naming the
 * original DocumentId. A copy that has not reached its recipient yet is simply withdrawn (state
 * `recalled`): the fan-out and send jobs skip it. The recipient's clerk answers 15 (agree) or 16 (refuse), which flows back
 * to the sender's delivery (directly, or as a status package to the peer).
 */
export function createRecallService({ db, deliveriesRepo, exchangeRepo, documentsRepo, outbox, audit }: RecallServiceDeps) {
  async function requestChange(p: Principal, documentId: string, reason: string, businessType: 1 | 2): Promise<{ documentId: string; recipients: number }> {
    const what = businessType === 1 ? 'recall' : 'update';
    const n = await db.transaction(async (tx) => {
      const doc = await documentsRepo.findVisible(tx, p, documentId, { forUpdate: true });
      if (!doc) throw new AppError('NOT_FOUND', { message: 'document not found' });
      if (!isClerkOf(p, doc.ownerOrganizationId)) throw new AppError('FORBIDDEN', { message: `only a clerk of the sender may ${what} the document` });
      const rows = await deliveriesRepo.requestChange(tx, doc.id, reason, businessType);
      if (rows.length === 0) throw new AppError('INVALID_STATE', { message: 'the document was not sent, was recalled, or a recall or update notice is pending' });
      // An update carries the document's files to remote recipients: never a secret document's (the transaction rolls back).
      if (businessType === 2) assertMayGoRemote(doc, rows.filter((r) => r.kind === 'remote' && r.state !== 'recalled').map((r) => r.recipientOrganId!));

      // Internal recipients holding their copy: a pending notice on it, in one statement.
      await deliveriesRepo.insertRecallsForInternalCopies(tx, doc.id, reason, businessType);
      const priority = priorityOfUrgency(doc.urgency);
      // A copy recalled before it reached its recipient has nothing to send: its state says so.
      const notArrived = rows.filter((r) => r.state === 'recalled').length;
      await outbox.addMany(
        tx,
        rows
          .filter((r) => r.kind === 'remote' && r.state !== 'recalled')
          .map((r) => ({
            name: 'exchange.send-document' as const,
            payload: { deliveryId: r.id, businessType, requestIndex: r.requestIndex },
            jobId: `send-document.${r.id}.${businessType}.h${r.requestIndex}`,
            priority,
          })),
      );
      await audit.record(tx, { actorId: p.id, organizationId: doc.ownerOrganizationId, action: `document.${what}`, subjectType: 'document', subjectId: doc.id, details: { reason, recipients: rows.length, recalledBeforeArrival: notArrived } });
      return rows.length;
    });
    void outbox.kick();
    return { documentId, recipients: n };
  }

  return {
    /**
     * `POST /documents/:id/recall` by a clerk of the sender.
     * @throws AppError NOT_FOUND, FORBIDDEN, INVALID_STATE (never sent, or recalled already)
     */
    async recall(p: Principal, documentId: string, reason: string): Promise<{ documentId: string; recipients: number }> {
      return requestChange(p, documentId, reason, 1);
    },

    /**
     * `POST /documents/:id/update` by a clerk of the sender: tells every recipient the document
     * changed (BussinessDocType 2; remote packages carry the current files); answered 15/16 too.
     * @throws AppError NOT_FOUND, FORBIDDEN, INVALID_STATE (never sent, or a notice is pending),
     *   SECRET_DOCUMENT_NOT_EXCHANGEABLE (a secret document with remote recipients)
     */
    async update(p: Principal, documentId: string, reason: string): Promise<{ documentId: string; recipients: number }> {
      return requestChange(p, documentId, reason, 2);
    },

    /**
     * `POST /documents/:id/recall-answer` by a clerk of the recipient: 15 (agree) or 16 (refuse).
     * @throws AppError NOT_FOUND, FORBIDDEN, INVALID_STATE (no pending recall)
     */
    async answer(p: Principal, documentId: string, { accept, reason }: { accept: boolean; reason?: string }) {
      const result = await db.transaction(async (tx) => {
        const doc = await documentsRepo.findVisible(tx, p, documentId, { forUpdate: true });
        if (!doc) throw new AppError('NOT_FOUND', { message: 'document not found' });
        if (!isClerkOf(p, doc.ownerOrganizationId)) throw new AppError('FORBIDDEN', { message: 'only a clerk of the recipient may answer a recall' });
        const recall = await deliveriesRepo.findInboundRecall(tx, doc.id, { lock: true });
        if (!recall) throw new AppError('INVALID_STATE', { message: 'the document is not being recalled' });
        if (recall.answer) throw new AppError('INVALID_STATE', { message: `the recall was answered already (${recall.answer})` });
        const answer = accept ? ('agreed' as const) : ('refused' as const);
        const code = accept ? ('15' as const) : ('16' as const);
        await deliveriesRepo.answerInboundRecall(tx, doc.id, answer, reason ?? null);
        if (recall.deliveryId) {
          await deliveriesRepo.appendEvent(tx, recall.deliveryId, code, reason ?? null, { recallState: answer });
        }
        if (recall.receiptId) {
          await exchangeRepo.insertOutboundStatus(tx, { receiptId: recall.receiptId, organizationId: doc.ownerOrganizationId, statusCode: code, description: reason ?? null });
          await outbox.add(tx, {
            name: 'exchange.send-status',
            payload: { receiptId: recall.receiptId, organizationId: doc.ownerOrganizationId, statusCode: code },
            jobId: `send-status.${recall.receiptId}.${doc.ownerOrganizationId}.${code}`,
            priority: priorityOfUrgency(doc.urgency),
          });
        }
        await audit.record(tx, { actorId: p.id, organizationId: doc.ownerOrganizationId, action: 'document.recall-answer', subjectType: 'document', subjectId: doc.id, details: { answer, reason: reason ?? null } });
        return { documentId: doc.id, answer, statusCode: code };
      });
      void outbox.kick();
      return result;
    },

    /**
     * `GET /documents/:id/recall`: the recall (or update/replace notice) pending on, or answered
     * for, an incoming document the caller sees.
     * @throws AppError NOT_FOUND (document not visible, or never recalled)
     */
    async get(p: Principal, documentId: string) {
      const doc = await documentsRepo.findVisible(db, p, documentId);
      const recall = doc ? await deliveriesRepo.findInboundRecall(db, doc.id) : undefined;
      if (!recall) throw new AppError('NOT_FOUND', { message: 'no recall for this document' });
      return {
        documentId: recall.documentId,
        businessType: recall.businessType,
        reason: recall.reason,
        answer: recall.answer,
        answerReason: recall.answerReason,
        answeredAt: recall.answeredAt?.toISOString() ?? null,
        createdAt: recall.createdAt.toISOString(),
      };
    },

    /**
     * Intake of a recall/update/replace package (BussinessDocType 1–3): links it to the incoming
     * documents the original package became here (same sender and DocumentId) as pending recalls.
     * Returns how many documents it reached.
     */
    async applyInboundBusiness(tx: Tx, pkg: InboundPackageRow): Promise<number> {
      const business = pkg.business as unknown as Business | null;
      const originalId = business?.documentId ?? pkg.documentId;
      const originals = await deliveriesRepo.documentsOfInboundOriginal(tx, { peerId: pkg.peerId, senderOrganId: pkg.senderOrganId, documentId: originalId, exceptReceiptId: pkg.id });
      for (const o of originals) {
        await deliveriesRepo.insertInboundRecall(tx, { documentId: o.documentId, businessType: business?.docType ?? 1, reason: business?.reason ?? null, receiptId: o.receiptId });
      }
      return originals.length;
    },
  };
}

export type RecallService = ReturnType<typeof createRecallService>;
