import type { Tx } from '../../db/client.js';
import { JOB_IDS } from '../../jobs/catalog.js';
import type { Urgency } from '../../db/schema/index.js';
import type { DocumentRecords } from '../documents/document-records.service.js';
import type { Outbox } from '../outbox/outbox.service.js';
import { priorityOfUrgency } from '../outbox/priority.js';
import type { InboundNoticesRepo } from './inbound-notices.repo.js';
import type { DeliveryStatusesRepo } from './delivery-statuses.repo.js';
import type { DeliveryEvent, DeliveryRow } from './deliveries.repo.js';
import type { EdxmlStatusCode } from './edxml/index.js';
import type { ExchangeRepo } from './exchange.repo.js';

/** A step of the receiving side's handling of an incoming document. */
export type DocumentEventKind = 'register' | 'refuse' | 'assign' | 'progress' | 'complete';

export type DocumentEvent = { documentId: string; kind: DocumentEventKind; reason?: string | null };

/** Internal events → edXML status codes (DOMAIN.md §6: register 03, refuse 02, assign 04, start 05, finish 06). */
export const STATUS_OF_EVENT: Record<DocumentEventKind, EdxmlStatusCode> = {
  register: '03',
  refuse: '02',
  assign: '04',
  progress: '05',
  complete: '06',
};

/**
 * Which pending request of a copy a peer's 15/16 answers (a status package does not say): the one
 * asked first, as a recipient answers what it received in order (vanthu's own recipients answer the
 * oldest pending one unless the clerk names another).
 */
export function requestAnswered(d: Pick<DeliveryRow, 'recallState' | 'noticeState' | 'noticeType' | 'history'>): 1 | 2 | 3 {
  const notice = (d.noticeType === 3 ? 3 : 2) as 2 | 3;
  if (d.noticeState !== 'requested') return 1;
  if (d.recallState !== 'requested') return notice;
  const asked = (event: string) => d.history.map((e) => e.event).lastIndexOf(event as DeliveryEvent['event']);
  return asked('recall-requested') < asked(notice === 3 ? 'replace-requested' : 'update-requested') ? 1 : notice;
}

export type StatusFeedbackDeps = {
  inboundNoticesRepo: Pick<InboundNoticesRepo, 'inboundOriginsOf'>;
  deliveryStatusesRepo: Pick<
    DeliveryStatusesRepo,
    'recordStatusByRecipientDocument' | 'recordRemoteStatus' | 'lockPendingRemote' | 'answerRecallByRepeatedStatus' | 'recordAnswer'
  >;
  exchangeRepo: Pick<ExchangeRepo, 'insertOutboundStatus'>;
  /** An agreed recall makes the sender's issued document recalled (a documents write). */
  documents: Pick<DocumentRecords, 'markIssuedRecalled'>;
  outbox: Pick<Outbox, 'add'>;
};

/**
 * Status feedback to the sender of an incoming document, written in the receiver's transaction:
 * for a document that came from this deployment the sender's delivery row is updated directly; for
 * one that came in a package from a peer, a status package is owed (outbound_statuses + an outbox
 * job, sent by the status sender). Each code is recorded once per recipient.
 */
export function createStatusFeedback({ inboundNoticesRepo, deliveryStatusesRepo, exchangeRepo, documents, outbox }: StatusFeedbackDeps) {
  return {
    /** The hook the handling service calls after each step (before its audit event). */
    async onDocumentEvent(tx: Tx, { documentId, kind, reason = null }: DocumentEvent): Promise<void> {
      const code = STATUS_OF_EVENT[kind];
      const description = kind === 'refuse' ? reason : null;
      // Internal origin: one indexed update (a no-op for documents that did not come by dispatch).
      await deliveryStatusesRepo.recordStatusByRecipientDocument(tx, documentId, code, description);

      const remote = await inboundNoticesRepo.inboundOriginsOf(tx, documentId);
      for (const r of remote) {
        await exchangeRepo.insertOutboundStatus(tx, {
          receiptId: r.receiptId,
          organizationId: r.organizationId,
          statusCode: code,
          description,
        });
        await outbox.add(tx, {
          name: 'exchange.send-status',
          payload: { receiptId: r.receiptId, organizationIds: [r.organizationId], statusCode: code },
          jobId: JOB_IDS.sendStatus(r.receiptId, r.organizationId, code),
          priority: priorityOfUrgency(r.urgency as Urgency),
        });
      }
    },

    /**
     * An inbound status package (already stored by intake) → the matching remote delivery, by the
     * DocumentId it answers and the organ that sent it. 15/16 answer the copy's pending recall, else
     * its pending update or replace notice; so does a repeated 03/02 while a recall is pending
     * (DOMAIN.md §1.5: implementations differ). A recall agreed marks our document recalled. The
     * current status never goes back to an earlier step (status-progression.ts): packages arrive
     * out of order.
     */
    async applyInboundStatus(
      tx: Tx,
      status: { documentId: string; senderOrganId: string; statusCode: string; description: string | null; timestamp?: string | null },
    ): Promise<number> {
      const key = { edxmlDocumentId: status.documentId, organId: status.senderOrganId };
      const answer = status.statusCode === '15' ? ('agreed' as const) : status.statusCode === '16' ? ('refused' as const) : null;
      if (answer) {
        const pending = await deliveryStatusesRepo.lockPendingRemote(tx, key);
        for (const d of pending) {
          const businessType = requestAnswered(d);
          await deliveryStatusesRepo.recordAnswer(tx, d.id, businessType, answer, {
            description: status.description,
            statedAt: status.timestamp ?? null,
          });
          if (businessType === 1 && answer === 'agreed') await documents.markIssuedRecalled(tx, d.documentId);
        }
        if (pending.length > 0) return pending.length;
      } else if (status.statusCode === '02' || status.statusCode === '03') {
        const answered = await deliveryStatusesRepo.answerRecallByRepeatedStatus(tx, key, status.statusCode, status.description);
        for (const d of answered) if (d.recallState === 'agreed') await documents.markIssuedRecalled(tx, d.documentId);
        if (answered.length > 0) return answered.length;
      }
      const rows = await deliveryStatusesRepo.recordRemoteStatus(tx, key, status.statusCode, status.description, status.timestamp ?? null);
      return rows.length;
    },
  };
}

export type StatusFeedback = ReturnType<typeof createStatusFeedback>;
