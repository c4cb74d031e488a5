import type { JobContext } from '../job.js';

/** A batch of a dispatch's internal recipients gets its incoming documents (one set-based transaction); on the last attempt a failure dead-letters the batch instead of throwing. */
export async function deliverInternalHandler({ payload, id, lastAttempt, container }: JobContext<'exchange.deliver-internal'>) {
  return container.services.exchange.fanOut.deliverInternal(payload, id, { lastAttempt });
}

/** A remote delivery's package to its peer; on the last attempt a retryable failure dead-letters it instead of throwing. */
export async function sendDocumentHandler({ payload, id, lastAttempt, container }: JobContext<'exchange.send-document'>) {
  return container.services.exchange.remoteSend.sendDocument(payload, { jobId: id, lastAttempt });
}
