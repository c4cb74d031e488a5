import type { JobContext } from '../job.js';

/** An accepted inbound package becomes incoming documents in the addressed organisations. */
export async function processInboundHandler({ payload, id, container }: JobContext<'exchange.process-inbound'>) {
  return container.services.exchange.intake.processInbound(payload.receiptId, id);
}

/** A status package back to the sender of an inbound package (retried with back-off by BullMQ). */
export async function sendStatusHandler({ payload, id, container }: JobContext<'exchange.send-status'>) {
  return container.services.exchange.statusSender.send(payload, id);
}

/**
 * The daily synchronisation of the axis's agency directory (idempotent: an unchanged directory
 * writes nothing). With the connector off (AXIS_ENDPOINT unset) there is nothing to do.
 */
export async function syncAgenciesHandler({ logger, container }: JobContext<'exchange.sync-agencies'>) {
  if (!container.services.exchange.axis) return { skipped: 'the national axis connector is off' };
  const result = await container.services.exchange.agencies.sync();
  if (result.inserted + result.updated + result.deactivated > 0) logger.info(result, 'axis agency directory changed');
  return result;
}
