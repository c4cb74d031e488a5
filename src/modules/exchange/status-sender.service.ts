import { buffer } from 'node:stream/consumers';
import type { Db } from '../../db/client.js';
import type { Logger } from '../../lib/logger.js';
import type { Outbox } from '../outbox/outbox.service.js';
import { EDXML_STATUS_DESCRIPTIONS, emitStatusPackage, type EdocHeader, type EdxmlStatusCode } from './edxml/index.js';
import type { ExchangeRepo } from './exchange.repo.js';
import { peerRequestHeaders } from './peer-auth.js';
import type { PeersService } from './peers.service.js';

export type StatusSenderDeps = {
  db: Db;
  exchangeRepo: ExchangeRepo;
  peers: Pick<PeersService, 'findActiveWithSecret'>;
  outbox: Pick<Outbox, 'complete'>;
  logger: Logger;
  /** Injected so tests and other transports can replace it; defaults to global fetch. */
  fetchImpl?: typeof fetch;
  timeoutMs?: number;
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

/** Where packages for a peer go. */
export const inboundUrlOf = (baseUrl: string): string => `${baseUrl.replace(/\/+$/, '')}/api/v1/exchange/inbound`;

/**
 * Sends a status package (01 arrived, 03 registered...) about an inbound package back to the peer
 * it came from, signed with the peer's secret, in the MessageHeader form of QCVN 102 (From,
 * ResponseFor, StatusCode, Description, Timestamp; no To). A peer without baseUrl keeps the status pending.
 */
export function createStatusSender({ db, exchangeRepo, peers, outbox, logger, fetchImpl = fetch, timeoutMs = 30_000 }: StatusSenderDeps) {
  return {
    /**
     * Handles `exchange.send-status`; idempotent (a status already sent is not sent again).
     * @throws RetryableSendError when the peer is unreachable or answers 5xx/408/429.
     */
    async send(input: SendStatusInput, jobId: string | undefined): Promise<SendStatusResult> {
      const key = { receiptId: input.receiptId, organizationId: input.organizationId, statusCode: input.statusCode };
      const row = await exchangeRepo.findOutboundStatus(db, key);
      const finish = (result: SendStatusResult) => db.transaction((tx) => outbox.complete(tx, jobId)).then(() => result);
      if (!row) return finish({ outcome: 'skipped', detail: 'no such status' });
      if (row.state === 'sent') return finish({ outcome: 'already-sent' });

      const pkg = await exchangeRepo.findPackage(db, input.receiptId);
      const org = await exchangeRepo.findOrganization(db, input.organizationId);
      if (!pkg || !org) return finish({ outcome: 'skipped', detail: 'receipt or organisation gone' });
      const found = await peers.findActiveWithSecret(pkg.peerId);
      if (!found || !found.peer.baseUrl || !found.peer.remotePeerId) {
        // Recorded as pending: an operator (or a later re-send) delivers it once the peer is reachable.
        return finish({ outcome: 'pending', detail: 'peer has no baseUrl or is inactive' });
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

      let res: Response;
      try {
        res = await fetchImpl(inboundUrlOf(found.peer.baseUrl), {
          method: 'POST',
          headers: { 'content-type': 'application/edxml+xml', ...peerRequestHeaders(found.peer.remotePeerId, found.secret, body) },
          body,
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (err) {
        const message = `peer unreachable: ${(err as Error).message}`;
        await exchangeRepo.updateOutboundStatus(db, key, { lastError: message, countAttempt: true });
        throw new RetryableSendError(message);
      }
      const answer = (await res.text().catch(() => '')).slice(0, 500);

      if (res.ok) {
        await db.transaction(async (tx) => {
          await exchangeRepo.updateOutboundStatus(tx, key, { state: 'sent', sentAt: new Date(), lastError: null, countAttempt: true });
          await outbox.complete(tx, jobId);
        });
        return { outcome: 'sent' };
      }
      const message = `peer answered ${res.status}: ${answer}`;
      if (res.status >= 500 || res.status === 408 || res.status === 429) {
        await exchangeRepo.updateOutboundStatus(db, key, { lastError: message, countAttempt: true });
        throw new RetryableSendError(message);
      }
      // A 4xx will not change by retrying: recorded as failed for an operator.
      logger.warn({ ...key, status: res.status }, 'peer refused a status package');
      await db.transaction(async (tx) => {
        await exchangeRepo.updateOutboundStatus(tx, key, { state: 'failed', lastError: message, countAttempt: true });
        await outbox.complete(tx, jobId);
      });
      return { outcome: 'refused', detail: message };
    },
  };
}

export type StatusSender = ReturnType<typeof createStatusSender>;
