import type { Db } from '../../../db/client.js';
import type { AuditService } from '../../audit/audit.service.js';
import type { AxisClient } from './axis-client.js';
import type { AxisRepo } from './axis.repo.js';

/** A delivery sent through the axis as GET /documents/:id/deliveries shows it: the package's DocId and the recipient's copy as the axis reports it. */
export type AxisTransportDto = {
  docId: string;
  receiverDocId: string | null;
  sendStatus: string | null;
  receiveStatus: string | null;
  receiveStatusDescription: string | null;
  receivedTime: string | null;
  checkedAt: string | null;
};

export type AxisSentTrackerDeps = {
  db: Db;
  client: Pick<AxisClient, 'getSentEdocList'>;
  axisRepo: Pick<AxisRepo, 'sentAwaitingAcknowledgement' | 'recordTransport' | 'markChecked'>;
  audit: Pick<AuditService, 'record'>;
  /** Packages asked about per round (each one getSentEdocList call). */
  batch?: number;
};

/**
 * The transport state of what we sent through the axis, per recipient: getSentEdocList(docId) for
 * the packages whose recipients have not acknowledged them yet (the least recently asked first),
 * each recipient's line stored on its delivery (GET /documents/:id/deliveries shows it). Run by the
 * poller after each receiving round; idempotent: an unchanged answer writes nothing but the time
 * it was asked, a changed one is audited with the change. The business statuses (01…06) still come
 * as status packages; this is the axis's own view (has the recipient's software fetched it yet).
 */
export function createAxisSentTracker({ db, client, axisRepo, audit, batch = 20 }: AxisSentTrackerDeps) {
  return {
    /** One round; a failed question is reported to `onError` and asked again at a later round. */
    async trackOnce(onError: (message: string, docId: string) => void): Promise<{ asked: number; changed: number }> {
      const docIds = await axisRepo.sentAwaitingAcknowledgement(db, batch);
      let changed = 0;
      for (const docId of docIds) {
        let lines;
        try {
          lines = await client.getSentEdocList(docId);
        } catch (err) {
          onError(`getSentEdocList: ${(err as Error).message}`, docId);
          continue;
        }
        // An axis that ignores the docId parameter answers every package: only this one's lines count.
        const mine = lines.filter((l) => l.senderDocId === docId && l.toCode !== '');
        changed += await db.transaction(async (tx) => {
          const rows = await axisRepo.recordTransport(tx, docId, mine);
          for (const r of rows) {
            await audit.record(tx, {
              actorId: null,
              organizationId: r.senderOrganizationId,
              action: 'exchange.delivery.axis-transport',
              subjectType: 'delivery',
              subjectId: r.id,
              details: { axisDocId: docId, recipientOrganId: r.recipientOrganId, from: r.previous, to: r.receiveStatus },
            });
          }
          await axisRepo.markChecked(tx, docId);
          return rows.length;
        });
      }
      return { asked: docIds.length, changed };
    },
  };
}

export type AxisSentTracker = ReturnType<typeof createAxisSentTracker>;
