import { buffer } from 'node:stream/consumers';
import type { Db } from '../../db/client.js';
import { contextLogger, type Logger } from '../../lib/logger.js';
import type { Outbox } from '../outbox/outbox.service.js';
import { EDXML_STATUS_DESCRIPTIONS, emitStatusPackage, type EdocHeader, type EdxmlStatusCode } from './edxml/index.js';
import type { ExchangeRepo } from './exchange.repo.js';
import type { PackageTransport } from './package-transport.js';
import type { PeersService } from './peers.service.js';

export type StatusSenderDeps = {
  db: Db;
  exchangeRepo: ExchangeRepo;
  peers: Pick<PeersService, 'withSecret'>;
  outbox: Pick<Outbox, 'complete'>;
  logger: Logger;
  /** How a package reaches the peer (our HTTP, or the national axis). */
  transport: PackageTransport;
};

export type SendStatusInput = { receiptId: string; organizationId: string; statusCode: EdxmlStatusCode };

export type SendStatusResult = { outcome: 'sent' | 'already-sent' | 'pending' | 'refused' | 'skipped'; detail?: string };

/** Thrown for an answer worth retrying (network, 5xx, 408, 429); BullMQ backs off exponentially. */
export class RetryableSendError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RetryableSendError';
  }
}

/**
 * Sends a status package (01 arrived, 03 registered...) about an inbound package back to the peer
 * it came from (a vanthu peer over our signed HTTP, the national axis through sendEdoc with
 * messagetype=status), in the MessageHeader form of QCVN 102 (From, ResponseFor, StatusCode,
 * Description, Timestamp; no To). A peer that cannot be reached keeps the status pending.
 */
export function createStatusSender({ db, exchangeRepo, peers, outbox, logger, transport }: StatusSenderDeps) {
  return {
    /**
     * Handles `exchange.send-status`; idempotent (a status already sent is not sent again).
     * @throws RetryableSendError when the peer is unreachable or answers 5xx/408/429.
     */
    async send(input: SendStatusInput, jobId: string | undefined): Promise<SendStatusResult> {
      const key = { receiptId: input.receiptId, organizationId: input.organizationId, statusCode: input.statusCode };
      // One round trip for the status, its receipt, organisation and peer (most jobs stop here).
      const looked = await exchangeRepo.statusToSend(db, key);
      // Completing the row is the only write of these outcomes: no transaction around it.
      const finish = (result: SendStatusResult) => outbox.complete(db, jobId).then(() => result);
      if (!looked) return finish({ outcome: 'skipped', detail: 'no such status' });
      const { status: row, pkg, org } = looked;
      if (row.state === 'sent') return finish({ outcome: 'already-sent' });

      if (!pkg || !org) return finish({ outcome: 'skipped', detail: 'receipt or organisation gone' });
      const found = peers.withSecret(looked.peer);
      const unreachable = found ? transport.unreachable(found.peer) : 'peer inactive';
      if (!found || unreachable) {
        // Recorded as pending: an operator (or a later re-send) delivers it once the peer is reachable.
        return finish({ outcome: 'pending', detail: unreachable ?? 'peer inactive' });
      }

      const header = pkg.kind === 'edoc' ? (pkg.header as unknown as EdocHeader) : null;
      const body = await buffer(
        emitStatusPackage({
          responseFor: {
            organId: pkg.senderOrganId,
            code: header ? `${header.code.number}/${header.code.notation}` : null,
            promulgationDate: header?.promulgation.date ?? null,
            documentId: pkg.documentId,
          },
          from: { organId: org.code, organName: org.name },
          statusCode: input.statusCode,
          // A peer's clerk reads the words, not the code: a status without its own text says what it means.
          description: row.description ?? EDXML_STATUS_DESCRIPTIONS[input.statusCode],
          // When it happened, not when this attempt runs: a retry sends the same package (peers key statuses on code + time).
          timestamp: row.createdAt,
        }),
      );

      const sent = await transport.send(found.peer, found.secret, body, { kind: 'status', from: org.code });
      if (sent.ok) {
        await db.transaction(async (tx) => {
          await exchangeRepo.updateOutboundStatus(tx, key, {
            state: 'sent',
            sentAt: new Date(),
            lastError: null,
            countAttempt: true,
            axisDocId: sent.axisDocId,
          });
          await outbox.complete(tx, jobId);
        });
        return { outcome: 'sent' };
      }
      if (!sent.permanent) {
        await exchangeRepo.updateOutboundStatus(db, key, { lastError: sent.failure, countAttempt: true });
        throw new RetryableSendError(sent.failure);
      }
      // A refusal that will not change by retrying: recorded as failed for an operator.
      contextLogger(logger).warn({ ...key, failure: sent.failure }, 'peer refused a status package');
      await db.transaction(async (tx) => {
        await exchangeRepo.updateOutboundStatus(tx, key, { state: 'failed', lastError: sent.failure, countAttempt: true });
        await outbox.complete(tx, jobId);
      });
      return { outcome: 'refused', detail: sent.failure };
    },
  };
}

export type StatusSender = ReturnType<typeof createStatusSender>;
