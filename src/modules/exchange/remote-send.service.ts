import { buffer } from 'node:stream/consumers';
import { JOB_IDS } from '../../jobs/catalog.js';
import type { Db, Tx } from '../../db/client.js';
import type { DeadSend } from '../../db/schema/index.js';
import { contextLogger, type Logger } from '../../lib/logger.js';
import type { ObjectStorage } from '../../storage/object-storage.js';
import type { AuditService } from '../audit/audit.service.js';
import type { DocumentRecords, DocumentRow } from '../documents/document-records.service.js';
import { latestFiles } from '../documents/document-dtos.js';
import type { Outbox } from '../outbox/outbox.service.js';
import { priorityOfUrgency } from '../outbox/priority.js';
import type { DeliveriesRepo, DeliveryRow } from './deliveries.repo.js';
import { requestsAwaitingDocument } from './delivery-requests.js';
import { secretExchangeRule } from './secret-exchange.js';
import { emitEdocPackage, type EdocEmitInput } from './edxml/index.js';
import type { ExchangeRepo } from './exchange.repo.js';
import type { PackageTransport } from './package-transport.js';
import type { PeersService } from './peers.service.js';
import { RetryableSendError } from './status-sender.service.js';
import { priorityOfUrgencyForEdxml } from './urgency.js';

/** A counting semaphore per peer (Redis-backed in production). */
export type PeerSlots = { acquire(peerId: string): Promise<() => Promise<void>> };

export type RemoteSendServiceDeps = {
  db: Db;
  deliveriesRepo: DeliveriesRepo;
  exchangeRepo: Pick<ExchangeRepo, 'findOrganization'>;
  documents: Pick<DocumentRecords, 'findById' | 'filesOf' | 'markIssuedRecalled'>;
  peers: Pick<PeersService, 'findActiveWithSecret'>;
  storage: Pick<ObjectStorage, 'getStream'>;
  outbox: Pick<Outbox, 'add' | 'complete' | 'kick'>;
  audit: Pick<AuditService, 'record'>;
  /** Per-destination concurrency: at most EXCHANGE_PEER_CONCURRENCY sends to one peer at a time, across processes. */
  peerSlots: PeerSlots;
  logger: Logger;
  /** How a package reaches its peer (our HTTP, or the national axis). */
  transport: PackageTransport;
};

/**
 * Remote recipients of a dispatch: the edXML package of a delivery (a new document, a recall, an
 * update or a replacement) POSTed to the recipient's peer, retried with back-off and dead-lettered
 * past the retry budget.
 */
export function createRemoteSendService({
  db,
  deliveriesRepo,
  exchangeRepo,
  documents,
  peers,
  storage,
  outbox,
  audit,
  peerSlots,
  logger,
  transport,
}: RemoteSendServiceDeps) {
  /** Builds the edXML package of a delivery (attachments streamed from S3) for `businessType` (0 new, 1 recall…). */
  async function packageOf(
    delivery: DeliveryRow,
    doc: DocumentRow,
    businessType: number,
    reason: string | null,
    replaces?: { documentId: string; reason: string | null },
  ): Promise<Buffer<ArrayBuffer>> {
    const org = await exchangeRepo.findOrganization(db, doc.ownerOrganizationId);
    const current = latestFiles(await documents.filesOf(db, doc.id)).filter((f) => f.kind !== 'note');
    const promulgationDate = doc.promulgationDate ?? doc.createdAt.toISOString().slice(0, 10);
    const input: EdocEmitInput = {
      from: { organId: org?.code || doc.ownerOrganizationId, organName: org?.name ?? null },
      to: [{ organId: delivery.recipientOrganId!, organName: delivery.recipientName }],
      documentId: delivery.edxmlDocumentId,
      code: { number: doc.number ?? '', notation: doc.notation ?? '' },
      promulgation: { date: promulgationDate },
      documentType: { typeName: doc.typeName },
      subject: doc.subject,
      signer: doc.signerName ? { fullName: doc.signerName, position: doc.signerPosition, competence: doc.signerAuthority } : null,
      dueDate: doc.dueDate,
      otherInfo: { priority: priorityOfUrgencyForEdxml(doc.urgency), pageAmount: doc.pageCount },
      business:
        businessType === 0
          ? null
          : businessType === 3 && replaces
            ? {
                docType: 3,
                reason: replaces.reason,
                documentId: replaces.documentId,
                paper: 0,
                replacementInfoList: [{ documentId: replaces.documentId, organIds: [delivery.recipientOrganId!] }],
              }
            : { docType: businessType, reason, documentId: delivery.edxmlDocumentId, paper: 0 },
      responseFor:
        businessType === 0 || businessType === 3
          ? []
          : [
              {
                organId: org?.code ?? null,
                code: `${doc.number ?? ''}/${doc.notation ?? ''}`,
                promulgationDate,
                documentId: delivery.edxmlDocumentId,
              },
            ],
    };
    // A recall names the document; the bytes are not sent again (an update carries the current files).
    const attachments =
      businessType !== 1
        ? await Promise.all(
            current.map(async (f) => ({ name: f.name, contentType: f.contentType, stream: await storage.getStream(f.storageKey) })),
          )
        : [];
    return buffer(emitEdocPackage(input, attachments));
  }

  return {
    /**
     * Handles `exchange.send-document`: POSTs the package of a remote delivery to its peer, at most
     * N at a time per peer. `lastAttempt`: a retryable failure dead-letters the delivery instead of
     * throwing (the retry budget is spent).
     * @throws RetryableSendError when the peer is unreachable or answers 5xx/408/429 and attempts remain.
     */
    async sendDocument(
      {
        deliveryId,
        businessType,
        requestIndex = 0,
        replaces,
      }: { deliveryId: string; businessType: number; requestIndex?: number; replaces?: { documentId: string; reason: string | null } },
      { jobId, lastAttempt }: { jobId: string | undefined; lastAttempt: boolean },
    ): Promise<{ outcome: 'sent' | 'skipped' | 'refused' | 'dead'; detail?: string }> {
      const finish = <T>(result: T) => db.transaction((tx) => outbox.complete(tx, jobId)).then(() => result);
      const delivery = await deliveriesRepo.findById(db, deliveryId);
      if (!delivery || delivery.kind !== 'remote' || !delivery.peerId)
        return finish({ outcome: 'skipped' as const, detail: 'no such remote delivery' });
      if (delivery.state === 'recalled') return finish({ outcome: 'skipped' as const, detail: 'recalled before it was sent' });
      // What this send carries: kept on the delivery if it dies, so that a replay sends it again.
      const send: DeadSend = { businessType, ...(replaces ? { replaces } : {}) };
      const deadLetter = async (tx: Tx, reason: string) => {
        await deliveriesRepo.appendEvent(
          tx,
          delivery.id,
          { event: 'dead-lettered', description: reason },
          { state: 'dead', lastError: reason, attempts: delivery.attempts + 1, deadSend: delivery.deadSend ?? send },
        );
        await outbox.complete(tx, jobId);
        await audit.record(tx, {
          actorId: null,
          organizationId: delivery.senderOrganizationId,
          action: 'exchange.delivery.dead-letter',
          subjectType: 'delivery',
          subjectId: delivery.id,
          details: { ...send, reason },
        });
      };
      // Sent before (a re-run after a crash between the POST and the commit is sent again: the
      // receiver's idempotency key makes that second copy the same receipt).
      if (delivery.history.slice(requestIndex).some((e) => e.event === 'sent' && (e.businessType ?? 0) === businessType))
        return finish({ outcome: 'skipped' as const, detail: 'already sent' });
      const doc = await documents.findById(db, delivery.documentId);
      // The last gate before the network, whatever queued the send (a copy that left before the
      // document was classified, a replay): a secret document's package never goes to a peer. A
      // recall (1) carries no file and only asks the peer to give back what it already holds.
      if (doc && doc.confidentiality !== 'normal' && businessType !== 1) {
        const reason = secretExchangeRule(doc.confidentiality);
        await db.transaction((tx) => deadLetter(tx, reason));
        return { outcome: 'refused', detail: reason };
      }
      const found = await peers.findActiveWithSecret(delivery.peerId);
      const unreachable = found ? transport.unreachable(found.peer) : 'peer inactive';
      if (!doc || !found || unreachable) {
        const reason = unreachable ?? 'the document is gone';
        await db.transaction((tx) => deadLetter(tx, reason));
        return { outcome: 'dead', detail: reason };
      }

      const body = await packageOf(
        delivery,
        doc,
        businessType,
        businessType === 1 ? delivery.recallReason : delivery.noticeReason,
        replaces,
      );
      // The document itself (not a notice about it): from the moment its POST leaves, the peer may
      // hold the copy, which is noted first so that a recall meanwhile waits for the peer's answer.
      const carriesDocument = businessType === 0 || businessType === 3;
      if (carriesDocument && !(await deliveriesRepo.markSendStarted(db, delivery.id)))
        return finish({ outcome: 'skipped' as const, detail: 'recalled before it was sent' });
      const release = await peerSlots.acquire(found.peer.id);
      let sent;
      try {
        const from = (await exchangeRepo.findOrganization(db, doc.ownerOrganizationId))?.code || doc.ownerOrganizationId;
        sent = await transport.send(found.peer, found.secret, body, { kind: 'edoc', from });
      } finally {
        await release();
      }
      const failure = sent.ok ? null : sent.failure;
      const permanent = !sent.ok && sent.permanent;
      const notTaken = !sent.ok && sent.notTaken;
      const axisDocId = sent.ok ? sent.axisDocId : undefined;

      if (failure === null) {
        const followUp = await db.transaction(async (tx) => {
          const locked = await deliveriesRepo.lockWithArrival(tx, delivery.id);
          await deliveriesRepo.appendEvent(
            tx,
            delivery.id,
            { event: 'sent', businessType, ...(axisDocId ? { axisDocId } : {}) },
            {
              lastError: null,
              attempts: delivery.attempts + 1,
              ...(carriesDocument ? { unconfirmedSendAt: null } : {}),
              ...(carriesDocument && axisDocId ? { axisDocId } : {}),
            },
          );
          // A recall or update asked before the peer had the document waited for it: it follows now,
          // in the order asked (read under the row's lock: a request committing meanwhile is either
          // seen here or sees this send).
          const waiting = carriesDocument && locked ? requestsAwaitingDocument(locked.row) : [];
          for (const r of waiting) {
            await outbox.add(tx, {
              name: 'exchange.send-document',
              payload: { deliveryId: delivery.id, businessType: r.businessType, requestIndex: r.requestIndex },
              jobId: JOB_IDS.sendDocument(delivery.id, r.businessType, { requestIndex: r.requestIndex }),
              priority: priorityOfUrgency(doc.urgency),
            });
            await audit.record(tx, {
              actorId: null,
              organizationId: delivery.senderOrganizationId,
              action: 'exchange.delivery.request-after-document',
              subjectType: 'delivery',
              subjectId: delivery.id,
              details: { businessType: r.businessType, sent: businessType },
            });
          }
          await outbox.complete(tx, jobId);
          return waiting.length > 0;
        });
        if (followUp) void outbox.kick();
        return { outcome: 'sent' };
      }
      if (carriesDocument && notTaken) {
        // No send of the document is out any more; a recall that waited for this answer withdraws
        // the copy here (the recall has then taken effect: the sender's document is recalled).
        const withdrawn = await db.transaction(async (tx) => {
          const locked = await deliveriesRepo.lockWithArrival(tx, delivery.id);
          if (!locked || locked.arrived || locked.row.recallState !== 'requested') {
            await deliveriesRepo.updateTransport(tx, delivery.id, { sendAnswered: true });
            return false;
          }
          await deliveriesRepo.appendEvent(
            tx,
            delivery.id,
            { event: 'withdrawn', description: failure },
            {
              state: 'recalled',
              recallState: null,
              unconfirmedSendAt: null,
              deadSend: null,
              lastError: failure,
              attempts: delivery.attempts + 1,
            },
          );
          await documents.markIssuedRecalled(tx, delivery.documentId);
          await outbox.complete(tx, jobId);
          await audit.record(tx, {
            actorId: null,
            organizationId: delivery.senderOrganizationId,
            action: 'exchange.delivery.withdrawn',
            subjectType: 'delivery',
            subjectId: delivery.id,
            details: { reason: failure },
          });
          return true;
        });
        if (withdrawn) return { outcome: 'skipped', detail: 'recalled: the peer did not take the document' };
      }
      if (!permanent && !lastAttempt) {
        await deliveriesRepo.updateTransport(db, delivery.id, { lastError: failure, countAttempt: true });
        throw new RetryableSendError(failure);
      }
      // Refused for good, or the retry budget is spent: the dead-letter list, for an operator.
      contextLogger(logger).warn({ deliveryId, failure }, 'remote delivery dead-lettered');
      await db.transaction((tx) => deadLetter(tx, failure));
      return { outcome: permanent ? 'refused' : 'dead', detail: failure };
    },
  };
}

export type RemoteSendService = ReturnType<typeof createRemoteSendService>;
