import { buffer } from 'node:stream/consumers';
import type { Db } from '../../db/client.js';
import { contextLogger, type Logger } from '../../lib/logger.js';
import type { Outbox } from '../outbox/outbox.service.js';
import { EDXML_STATUS_DESCRIPTIONS, emitStatusPackage, type EdxmlStatusCode } from './edxml/index.js';
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

export type SendStatusInput = { receiptId: string; organizationIds: string[]; statusCode: EdxmlStatusCode };

export type UnitOutcome = 'sent' | 'already-sent' | 'pending' | 'refused' | 'skipped';
/** What became of each unit's status (the job's return value). */
export type SendStatusResult = { organizationId: string; outcome: UnitOutcome; detail?: string }[];

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
     * Handles `exchange.send-status`: a package per unit, each from that unit; idempotent (a status
     * already sent is not sent again). The job completes once every unit's status is settled.
     * @throws RetryableSendError when the peer is unreachable or answers 5xx/408/429 for a unit
     *   (after trying the others: a retry sends only what is still pending).
     */
    async send(input: SendStatusInput, jobId: string | undefined): Promise<SendStatusResult> {
      const { receiptId, statusCode } = input;
      // One round trip for the statuses, their units, the receipt and its peer (most jobs stop here).
      const { statuses, receipt, peer } = await exchangeRepo.statusesToSend(db, input);
      const byUnit = new Map(statuses.map((s) => [s.organizationId, s]));
      const found = peers.withSecret(peer);
      const unreachable = found ? transport.unreachable(found.peer) : 'peer inactive';
      const results: SendStatusResult = [];
      let retryable: string | null = null;

      for (const organizationId of input.organizationIds) {
        const status = byUnit.get(organizationId);
        const key = { receiptId, organizationId, statusCode };
        if (!status) {
          results.push({ organizationId, outcome: 'skipped', detail: 'no such status' });
        } else if (status.state === 'sent') {
          results.push({ organizationId, outcome: 'already-sent' });
        } else if (!receipt || !status.org) {
          results.push({ organizationId, outcome: 'skipped', detail: 'receipt or organisation gone' });
        } else if (!found || unreachable) {
          // Left pending: an operator (or a later re-send) delivers it once the peer is reachable.
          results.push({ organizationId, outcome: 'pending', detail: unreachable ?? 'peer inactive' });
        } else {
          const body = await buffer(
            emitStatusPackage({
              responseFor: {
                organId: receipt.senderOrganId,
                code: receipt.code,
                promulgationDate: receipt.promulgationDate,
                documentId: receipt.documentId,
              },
              from: { organId: status.org.code, organName: status.org.name },
              statusCode,
              // A peer's clerk reads the words, not the code: a status without its own text says what it means.
              description: status.description ?? EDXML_STATUS_DESCRIPTIONS[statusCode],
              // When it happened, not when this attempt runs: a retry sends the same package (peers key statuses on code + time).
              timestamp: status.createdAt,
            }),
          );
          const sent = await transport.send(found.peer, found.secret, body, { kind: 'status', from: status.org.code });
          if (sent.ok) {
            await exchangeRepo.updateOutboundStatus(db, key, {
              state: 'sent',
              sentAt: new Date(),
              lastError: null,
              countAttempt: true,
              axisDocId: sent.axisDocId,
            });
            results.push({ organizationId, outcome: 'sent' });
          } else if (!sent.permanent) {
            await exchangeRepo.updateOutboundStatus(db, key, { lastError: sent.failure, countAttempt: true });
            retryable ??= sent.failure;
          } else {
            // A refusal that will not change by retrying: recorded as failed for an operator.
            contextLogger(logger).warn({ ...key, failure: sent.failure }, 'peer refused a status package');
            await exchangeRepo.updateOutboundStatus(db, key, { state: 'failed', lastError: sent.failure, countAttempt: true });
            results.push({ organizationId, outcome: 'refused', detail: sent.failure });
          }
        }
      }
      if (retryable !== null) throw new RetryableSendError(retryable);
      // Completing the row is this job's last write: a crash before it re-runs the job, which
      // finds the statuses it sent already sent.
      await outbox.complete(db, jobId);
      return results;
    },
  };
}

export type StatusSender = ReturnType<typeof createStatusSender>;
