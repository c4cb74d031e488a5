import type { JobContext } from '../job.js';

/** An accepted inbound package becomes incoming documents in the addressed organisations. */
export async function processInboundHandler({ payload, id, container }: JobContext<'exchange.process-inbound'>) {
  return container.services.exchange.intake.processInbound(payload.receiptId, id);
}

/** A status package back to the sender of an inbound package (retried with back-off by BullMQ). */
export async function sendStatusHandler({ payload, id, container }: JobContext<'exchange.send-status'>) {
  return container.services.exchange.statusSender.send(payload, id);
}
