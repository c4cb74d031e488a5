import type { Job } from 'bullmq';
import type { Container } from '../../src/container.js';
import type { JobPayload } from '../../src/jobs/catalog.js';

/** An accepted inbound package becomes incoming documents in the addressed organisations. */
export async function processInboundHandler(job: Job, { services: { exchange } }: Container) {
  const { receiptId } = job.data as JobPayload<'exchange.process-inbound'>;
  return exchange.intake.processInbound(receiptId, job.id);
}

/** A status package back to the sender of an inbound package (retried with back-off by BullMQ). */
export async function sendStatusHandler(job: Job, { services: { exchange } }: Container) {
  return exchange.statusSender.send(job.data as JobPayload<'exchange.send-status'>, job.id);
}
