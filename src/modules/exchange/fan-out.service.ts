import { randomUUID } from 'node:crypto';
import type { Db, Tx } from '../../db/client.js';
import { contextLogger, type Logger } from '../../lib/logger.js';
import type { AuditService } from '../audit/audit.service.js';
import type { DocumentRecords } from '../documents/document-records.service.js';
import type { Outbox } from '../outbox/outbox.service.js';
import type { TrackingService } from '../tracking/tracking.service.js';
import type { InboundNoticesRepo } from './inbound-notices.repo.js';
import type { DeliveriesRepo } from './deliveries.repo.js';

export type FanOutServiceDeps = {
  db: Db;
  deliveriesRepo: DeliveriesRepo;
  inboundNoticesRepo: Pick<InboundNoticesRepo, 'insertInboundRecall'>;
  /** The incoming copies are documents: written by the documents module, in this transaction. */
  documents: Pick<DocumentRecords, 'insertIncomingCopies'>;
  /** Each copy's custody chain (its unit's clerks hold it) is tracking's. */
  custody: Pick<TrackingService, 'openReceived'>;
  outbox: Pick<Outbox, 'complete'>;
  audit: Pick<AuditService, 'record'>;
  logger: Logger;
};

/** An incoming copy a fan-out created. */
type InternalCopy = { deliveryId: string; documentId: string; organizationId: string };

/** The innermost cause's message: drizzle wraps a database error in one that quotes the whole query. */
function rootMessage(err: unknown): string {
  let e = err;
  while (e instanceof Error && e.cause instanceof Error) e = e.cause;
  return e instanceof Error ? e.message : String(e);
}

/**
 * Internal recipients of a dispatch: each batch of deliveries becomes incoming documents in the
 * recipient organisations, sharing the source's stored bytes (`deliverInternal`, one job per batch,
 * idempotent per delivery), with a copy-by-copy fallback and dead letters.
 */
export function createFanOutService({
  db,
  deliveriesRepo,
  inboundNoticesRepo,
  documents,
  custody,
  outbox,
  audit,
  logger,
}: FanOutServiceDeps) {
  /**
   * Delivers the still-pending deliveries of a batch (locked): the incoming copies (one
   * documents statement for the batch), their first custody intervals (one tracking statement)
   * and the deliveries marked delivered with status 01 (one statement). A delivery already
   * delivered (a job re-run after a crash) is skipped, so a recipient never gets two documents.
   */
  async function deliverBatch(tx: Tx, sourceDocumentId: string, deliveryIds: string[]): Promise<InternalCopy[]> {
    const pending = await deliveriesRepo.lockPendingInternal(tx, sourceDocumentId, deliveryIds);
    if (pending.length === 0) return [];
    const planned = pending.map((p) => ({ ...p, documentId: randomUUID() }));
    const written = new Set((await documents.insertIncomingCopies(tx, sourceDocumentId, planned)).map((c) => c.documentId));
    const made = planned.filter((c) => written.has(c.documentId));
    await custody.openReceived(
      tx,
      made.map((c) => ({ documentId: c.documentId, holderUnitId: c.organizationId })),
    );
    await deliveriesRepo.markInternalDelivered(tx, made);
    return made;
  }

  /**
   * After a fan-out made incoming copies: an update or replace notice asked before a copy existed
   * goes on it now (a recall asked then withdrew the copy instead), and the audit event. An update
   * brings no file to such a copy: it was made from the updated document's current files.
   */
  async function recordInternalDelivered(tx: Tx, documentId: string, made: InternalCopy[]): Promise<void> {
    if (made.length === 0) return;
    for (const d of await deliveriesRepo.withPendingNotice(
      tx,
      made.map((m) => m.deliveryId),
    )) {
      await inboundNoticesRepo.insertInboundRecall(tx, {
        documentId: d.recipientDocumentId!,
        kind: 'notice',
        businessType: d.noticeType!,
        reason: d.noticeReason,
        deliveryId: d.id,
        files: [],
      });
    }
    await audit.record(tx, {
      actorId: null,
      organizationId: null,
      action: 'exchange.dispatch.deliver',
      subjectType: 'document',
      subjectId: documentId,
      details: { delivered: made.length, documents: made.length <= 20 ? made : undefined },
    });
  }

  /** The copies of a fan-out that failed beyond the retry budget join the dead-letter list, each with its reason. Returns their ids. */
  async function deadLetterInternal(tx: Tx, documentId: string, failed: Map<string, string>): Promise<string[]> {
    const byReason = new Map<string, string[]>();
    for (const [id, reason] of failed) byReason.set(reason, [...(byReason.get(reason) ?? []), id]);
    const ids: string[] = [];
    for (const [reason, group] of byReason) ids.push(...(await deliveriesRepo.markInternalDead(tx, documentId, group, reason)));
    if (ids.length > 0) {
      await audit.record(tx, {
        actorId: null,
        organizationId: null,
        action: 'exchange.dispatch.dead-letter',
        subjectType: 'document',
        subjectId: documentId,
        details: { deliveries: ids, reason: [...byReason.keys()].join(' | ') },
      });
    }
    return ids;
  }

  return {
    /**
     * Handles `exchange.deliver-internal`: one transaction creates the incoming documents of the
     * batch (set-based), puts on them the notices asked before they existed, and completes the
     * job's outbox row. Re-running it creates nothing new. When the batch fails, its copies are
     * delivered one by one: the healthy ones at once (and once); the failing ones are left to the
     * job's retries (a re-run finds only them undelivered) and, on its `lastAttempt`, dead-lettered
     * with their own reason, to be listed and replayed like remote ones.
     * @throws Error naming the failed copies while attempts remain.
     */
    async deliverInternal(
      { documentId, deliveryIds }: { documentId: string; deliveryIds: string[] },
      jobId: string | undefined,
      { lastAttempt = false }: { lastAttempt?: boolean } = {},
    ): Promise<{ delivered: number; dead?: number }> {
      try {
        return await db.transaction(async (tx) => {
          const made = await deliverBatch(tx, documentId, deliveryIds);
          await recordInternalDelivered(tx, documentId, made);
          await outbox.complete(tx, jobId);
          return { delivered: made.length };
        });
      } catch (err) {
        contextLogger(logger).warn(
          { documentId, deliveries: deliveryIds.length, err },
          'internal delivery batch failed: delivering its copies one by one',
        );
      }
      // One savepoint per copy: a recipient whose copy cannot be written holds back no other.
      const { delivered, failed, dead } = await db.transaction(async (tx) => {
        const made: InternalCopy[] = [];
        const failed = new Map<string, string>();
        for (const id of deliveryIds) {
          try {
            made.push(...(await tx.transaction((sp) => deliverBatch(sp, documentId, [id]))));
          } catch (err) {
            failed.set(id, `fan-out failed: ${rootMessage(err)}`.slice(0, 2000));
          }
        }
        await recordInternalDelivered(tx, documentId, made);
        const dead = lastAttempt ? await deadLetterInternal(tx, documentId, failed) : [];
        if (failed.size === 0 || lastAttempt) await outbox.complete(tx, jobId);
        return { delivered: made.length, failed, dead };
      });
      if (failed.size > 0 && !lastAttempt)
        throw new Error(`${failed.size} of ${deliveryIds.length} copies not delivered: ${[...failed.values()][0]}`);
      if (dead.length > 0) contextLogger(logger).warn({ documentId, dead: dead.length }, 'internal copies dead-lettered');
      return { delivered, ...(lastAttempt && failed.size > 0 ? { dead: dead.length } : {}) };
    },
  };
}

export type FanOutService = ReturnType<typeof createFanOutService>;
