import type { JobsOptions } from 'bullmq';
import { Type, type Static } from 'typebox';

/**
 * Every job the system runs: its queue and payload schema. Producers (API, workers) and consumers
 * (workers/registry.ts) share this catalogue; the worker runtime (workers/runtime.ts) validates each
 * payload on receipt, once, before its handler runs.
 */
export const JOBS = {
  'audit.verify-chain': { queue: 'maintenance', payload: Type.Object({}) },
  /** The national axis's agency directory → external_agencies (scheduled daily; idempotent; nothing to do with the connector off). */
  'exchange.sync-agencies': { queue: 'maintenance', payload: Type.Object({}) },
  /** Flags open assignments and documents past their due date and names the holders (scheduled every minute; idempotent). */
  'tracking.sweep-overdue': { queue: 'tracking', payload: Type.Object({}) },
  /** Deletes S3 objects under documents/ that no document_files row references (older than graceMs, default 1 h). */
  'storage.sweep-orphans': { queue: 'maintenance', payload: Type.Object({ graceMs: Type.Optional(Type.Integer({ minimum: 0 })) }) },
  /** Server-side PAdES signature of a document file with a stored key (jobId sign.<documentId>.<fileId>.<kind>; idempotent). */
  'signing.sign-file': {
    queue: 'signing',
    payload: Type.Object({
      documentId: Type.String({ format: 'uuid' }),
      fileId: Type.String({ format: 'uuid' }),
      certificateId: Type.String({ format: 'uuid' }),
      signerUserId: Type.String({ format: 'uuid' }),
      kind: Type.Union([Type.Literal('signer'), Type.Literal('seal')]),
      name: Type.Optional(Type.String()),
      position: Type.Optional(Type.String()),
      authorityPrefix: Type.Optional(
        Type.Union([Type.Literal('TM.'), Type.Literal('KT.'), Type.Literal('TL.'), Type.Literal('TUQ.'), Type.Literal('Q.')]),
      ),
      authorityTitle: Type.Optional(Type.String()),
      sealNumber: Type.Optional(Type.String()),
      sealDate: Type.Optional(Type.String()),
      reason: Type.Optional(Type.String()),
      requestId: Type.Optional(Type.String()),
    }),
  },
  /** Deletes external signing sessions past their expiry and their prepared PDFs (scheduled every 5 minutes; idempotent). */
  'signing.sweep-sessions': { queue: 'maintenance', payload: Type.Object({}) },
  /** Verify the signatures of a stored file and keep the report (jobId verify.<fileId>). */
  'signing.verify-file': { queue: 'signing', payload: Type.Object({ fileId: Type.String({ format: 'uuid' }) }) },
  /** An accepted inbound edXML package → incoming documents in the addressed organisations (jobId process-inbound.<receiptId>; via the outbox). */
  'exchange.process-inbound': { queue: 'exchange-inbound', payload: Type.Object({ receiptId: Type.String({ format: 'uuid' }) }) },
  /** Status packages (01 arrived...) back to the sender of an inbound package, one per unit of ours it names (jobId send-status.<receiptId>.<first organizationId>.<code>; via the outbox). */
  'exchange.send-status': {
    queue: 'exchange-outbound',
    payload: Type.Object({
      receiptId: Type.String({ format: 'uuid' }),
      /** The units whose status this is: every recipient of one intake in one job (one unit for a status a clerk's step owes). */
      organizationIds: Type.Array(Type.String({ format: 'uuid' }), { minItems: 1, maxItems: 500 }),
      statusCode: Type.Union([
        Type.Literal('01'),
        Type.Literal('02'),
        Type.Literal('03'),
        Type.Literal('04'),
        Type.Literal('05'),
        Type.Literal('06'),
        Type.Literal('13'),
        Type.Literal('15'),
        Type.Literal('16'),
      ]),
    }),
  },
  /** Internal recipients of a dispatch (a batch of deliveries) → incoming documents sharing the stored bytes (jobId deliver-internal.<first deliveryId>, a replay deliver-internal.<deliveryId>.r<replays>; via the outbox; idempotent per delivery; the last failed attempt dead-letters the batch's undelivered copies). */
  'exchange.deliver-internal': {
    queue: 'exchange-fanout',
    payload: Type.Object({
      documentId: Type.String({ format: 'uuid' }),
      deliveryIds: Type.Array(Type.String({ format: 'uuid' }), { minItems: 1, maxItems: 1000 }),
    }),
  },
  /** The edXML package of a remote delivery POSTed to its peer; businessType 0 new, 1 recall, 2 update, 3 replacement (jobId send-document.<deliveryId>.<businessType>.<0 | h<requestIndex> | r<replays>>; via the outbox; a replay carries what died, kept on the delivery). */
  'exchange.send-document': {
    queue: 'exchange-outbound',
    payload: Type.Object({
      deliveryId: Type.String({ format: 'uuid' }),
      businessType: Type.Integer({ minimum: 0, maximum: 3 }),
      /** History length of the delivery when this send was asked for (a send recorded after it means done). */
      requestIndex: Type.Optional(Type.Integer({ minimum: 0 })),
      /** businessType 3: the DocumentId of the replaced document, and why. */
      replaces: Type.Optional(Type.Object({ documentId: Type.String(), reason: Type.Union([Type.String(), Type.Null()]) })),
    }),
  },
} as const;

/**
 * The retry policy of every job, however it is queued (`producer.enqueue` or the outbox relay): 5
 * attempts 1, 2, 4 and 8 s apart, then the job stays failed (the dead-letter list). Handlers read
 * the attempts from the job itself (`lastAttempt`), so this is the only place that says 5.
 */
export const JOB_DEFAULTS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: 1000,
  removeOnFail: 5000,
} as const satisfies JobsOptions;

/**
 * The job ids, deterministic so that the same work asked twice (a retried request, the outbox
 * relay after a crash, the reconciler) is one job: BullMQ ignores an add under an existing id, and
 * the outbox completes its row by it. Each names the job and what it acts on.
 */
export const JOB_IDS = {
  signFile: (documentId: string, fileId: string, kind: 'signer' | 'seal') => `sign.${documentId}.${fileId}.${kind}`,
  verifyFile: (fileId: string) => `verify.${fileId}`,
  processInbound: (receiptId: string) => `process-inbound.${receiptId}`,
  /** Named by the first unit (an intake's units are ones it had not served); `notice`: a status answering one recall or update notice (several per organisation and code). */
  sendStatus: (receiptId: string, organizationId: string, statusCode: string, notice?: { kind: string; createdAt: Date }) =>
    `send-status.${receiptId}.${organizationId}.${statusCode}${notice ? `.${notice.kind}.${notice.createdAt.getTime()}` : ''}`,
  /** A batch is named by its first delivery; a replay of one dead delivery by its count of replays. */
  deliverInternal: (firstDeliveryId: string, replays?: number) =>
    `deliver-internal.${firstDeliveryId}${replays === undefined ? '' : `.r${replays}`}`,
  /** `send`: the first send (0), one asked for when the delivery's history had `requestIndex` entries, or a replay. */
  sendDocument: (deliveryId: string, businessType: number, send: 'first' | { requestIndex: number } | { replays: number }) =>
    `send-document.${deliveryId}.${businessType}.${send === 'first' ? '0' : 'requestIndex' in send ? `h${send.requestIndex}` : `r${send.replays}`}`,
} as const;

/** BullMQ forbids ':' in a custom job id, and an integer one would collide with its own counter. */
export function assertValidJobId(jobId: string): void {
  if (jobId.includes(':') || /^\d+$/.test(jobId)) throw new Error(`invalid job id ${jobId}: BullMQ forbids ':' and integers`);
}

export type JobName = keyof typeof JOBS;
export const isJobName = (name: string): name is JobName => Object.hasOwn(JOBS, name);
export type JobPayload<N extends JobName> = Static<(typeof JOBS)[N]['payload']>;
export const QUEUES = [...new Set(Object.values(JOBS).map((j) => j.queue))];
export type QueueName = (typeof JOBS)[JobName]['queue'];
