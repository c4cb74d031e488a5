import type { Tx } from '../../db/client.js';
import type { Urgency } from '../../db/schema/index.js';
import type { Outbox } from '../outbox/outbox.service.js';
import { priorityOfUrgency } from '../outbox/priority.js';
import type { DeliveriesRepo } from './deliveries.repo.js';
import type { EdxmlStatusCode } from './edxml/index.js';
import type { ExchangeRepo } from './exchange.repo.js';

/** A step of the receiving side's handling of an incoming document. */
export type DocumentEventKind = 'register' | 'refuse' | 'assign' | 'progress' | 'complete';

export type DocumentEvent = { documentId: string; kind: DocumentEventKind; reason?: string | null };

/** Internal events → edXML status codes (DOMAIN.md §6: register 03, refuse 02, assign 04, start 05, finish 06). */
export const STATUS_OF_EVENT: Record<DocumentEventKind, EdxmlStatusCode> = { register: '03', refuse: '02', assign: '04', progress: '05', complete: '06' };

export type StatusFeedbackDeps = {
  deliveriesRepo: DeliveriesRepo;
  exchangeRepo: Pick<ExchangeRepo, 'insertOutboundStatus'>;
  outbox: Pick<Outbox, 'add'>;
};

/**
 * Status feedback to the sender of an incoming document, written in the receiver's transaction:
 * for a document that came from this deployment the sender's delivery row is updated directly; for
 * one that came in a package from a peer, a status package is owed (outbound_statuses + an outbox
 * job, sent by the status sender). Each code is recorded once per recipient.
 */
export function createStatusFeedback({ deliveriesRepo, exchangeRepo, outbox }: StatusFeedbackDeps) {
  return {
    /** The hook the handling service calls after each step (before its audit event). */
    async onDocumentEvent(tx: Tx, { documentId, kind, reason = null }: DocumentEvent): Promise<void> {
      const code = STATUS_OF_EVENT[kind];
      const description = kind === 'refuse' ? reason : null;
      // Internal origin: one indexed update (a no-op for documents that did not come by dispatch).
      await deliveriesRepo.recordStatusByRecipientDocument(tx, documentId, code, description);

      const remote = await deliveriesRepo.inboundOriginsOf(tx, documentId);
      for (const r of remote) {
        await exchangeRepo.insertOutboundStatus(tx, { receiptId: r.receiptId, organizationId: r.organizationId, statusCode: code, description });
        await outbox.add(tx, {
          name: 'exchange.send-status',
          payload: { receiptId: r.receiptId, organizationId: r.organizationId, statusCode: code },
          jobId: `send-status.${r.receiptId}.${r.organizationId}.${code}`,
          priority: priorityOfUrgency(r.urgency as Urgency),
        });
      }
    },

    /**
     * An inbound status package (already stored by intake) → the matching remote delivery, by the
     * DocumentId it answers and the organ that sent it. 15/16 answer a recall; so does a repeated
     * 03/02 while a recall is pending (DOMAIN.md §1.5: implementations differ). The current status
     * never goes back to an earlier step (status-progression.ts): packages arrive out of order.
     */
    async applyInboundStatus(tx: Tx, status: { documentId: string; senderOrganId: string; statusCode: string; description: string | null; timestamp?: string | null }): Promise<number> {
      const key = { edxmlDocumentId: status.documentId, organId: status.senderOrganId };
      if (status.statusCode === '02' || status.statusCode === '03') {
        const answered = await deliveriesRepo.answerRecallByRepeatedStatus(tx, key, status.statusCode, status.description);
        if (answered.length > 0) return answered.length;
      }
      const rows = await deliveriesRepo.recordRemoteStatus(tx, key, status.statusCode, status.description, status.timestamp ?? null);
      return rows.length;
    },
  };
}

export type StatusFeedback = ReturnType<typeof createStatusFeedback>;
