import { createHash, randomUUID } from 'node:crypto';
import { JOB_IDS } from '../../jobs/catalog.js';
import { PassThrough, type Readable } from 'node:stream';
import type { Db } from '../../db/client.js';
import { AppError, isAppError } from '../../lib/errors.js';
import { contextLogger, type Logger } from '../../lib/logger.js';
import type { ObjectStorage } from '../../storage/object-storage.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Outbox } from '../outbox/outbox.service.js';
import { priorityOfUrgency } from '../outbox/priority.js';
import type { InboundNoticesRepo } from './inbound-notices.repo.js';
import { assertCleanFields } from './inbound-package.js';
import { DEFAULT_EDXML_LIMITS, buildDocumentId, parseEdxml, type ParsedPackage } from './edxml/index.js';
import type { DeliveriesRepo } from './deliveries.repo.js';
import type { ExchangeRepo, PeerRow } from './exchange.repo.js';
import type { InboundReceipt } from './exchange.schemas.js';
import { CLOCK_WINDOW_SECONDS, verifyPeerSignature } from './peer-auth.js';
import { speaksFor, type PeersService } from './peers.service.js';
import { urgencyOfPriority } from './urgency.js';

export type InboundServiceDeps = {
  db: Db;
  exchangeRepo: ExchangeRepo;
  deliveriesRepo: Pick<DeliveriesRepo, 'deliveryReach'>;
  inboundNoticesRepo: Pick<InboundNoticesRepo, 'peersOfInboundOriginal'>;
  peers: Pick<PeersService, 'findActiveWithSecret'>;
  storage: ObjectStorage;
  outbox: Pick<Outbox, 'rowOf' | 'publishCommitted'>;
  audit: Pick<AuditService, 'record'>;
  logger: Pick<Logger, 'warn'>;
  maxPackageBytes: number;
};

export type InboundRequest = {
  peerId: string | undefined;
  timestamp: string | undefined;
  /** The body's sha256 (hex) as the peer declares and signs it. */
  contentSha256: string | undefined;
  signature: string | undefined;
  body: Readable;
  now?: Date;
};

export type AcceptResult = InboundReceipt & { duplicate: boolean };

/** Where the bytes of one receipt live: the raw package and its decoded attachments side by side. */
export const INBOUND_KEY_PREFIX = 'exchange/inbound/';

function receiptPrefix(receiptId: string, now: Date): string {
  const yyyy = now.getUTCFullYear();
  const mm = String(now.getUTCMonth() + 1).padStart(2, '0');
  return `${INBOUND_KEY_PREFIX}${yyyy}/${mm}/${receiptId}/`;
}

const unauthenticated = (message: string) => new AppError('UNAUTHENTICATED', { message });

/** Identity of a package for idempotency: the same package posted twice maps to one receipt. */
function identify(
  peerId: string,
  pkg: ParsedPackage,
  rawSha256: string,
): { senderOrganId: string; documentId: string; recipients: string[]; key: string } {
  if (pkg.kind === 'edoc') {
    const h = pkg.header;
    const documentId = h.documentId ?? buildDocumentId(h.from.organId, h.promulgation.date, h.code.number, h.code.notation);
    const recipients = [...new Set(h.to.map((t) => t.organId))].sort();
    // A recall/update/replace (BussinessDocType 1–3) repeats the original's DocumentId: it is a
    // package of its own (two updates of one document differ by their reason).
    const businessType = pkg.business?.docType ?? 0;
    const identity = [
      'edoc',
      peerId,
      h.from.organId,
      documentId,
      recipients,
      ...(businessType > 0 ? [businessType, pkg.business?.reason ?? null] : []),
    ];
    const key = createHash('sha256').update(JSON.stringify(identity)).digest('hex');
    return { senderOrganId: h.from.organId, documentId, recipients, key };
  }
  const s = pkg.status;
  const documentId = s.responseFor.documentId ?? s.responseFor.code ?? '';
  // A status has no id of its own: code + timestamp tell two statuses apart; without a timestamp
  // only the exact same bytes count as the same package.
  const key = createHash('sha256')
    .update(JSON.stringify(['status', peerId, s.from.organId, documentId, s.statusCode, s.timestamp ?? rawSha256]))
    .digest('hex');
  return { senderOrganId: s.from.organId, documentId, recipients: s.responseFor.organId ? [s.responseFor.organId] : [], key };
}

/**
 * Intake of edXML packages from peers: authenticate, store the raw bytes while parsing the header,
 * check the peer speaks for what the package claims, record an idempotent receipt and an outbox
 * row, answer at once. The attachments (decoded, sniffed, stored in their own objects) are the
 * intake job's: a burst is accepted at the cost of storing it, and absorbed by the queue.
 */
export function createInboundService({
  db,
  exchangeRepo,
  deliveriesRepo,
  inboundNoticesRepo,
  peers,
  storage,
  outbox,
  audit,
  logger,
  maxPackageBytes,
}: InboundServiceDeps) {
  /**
   * Stores the request body as the raw package and parses its header in the same pass (the body is
   * piped to both): everything up to the first attachment's bytes, a few KB whatever the package's
   * size. The attachments are decoded, sniffed and stored by the intake job, from the stored bytes.
   * Whichever fails stops the other; on failure nothing is left in S3. A storage refusal (size,
   * S3 down) wins over a parse error.
   */
  async function storeAndParseHeader(body: Readable, rawKey: string) {
    const rawSink = new PassThrough();
    const parseSink = new PassThrough();
    const stored = storage.putStream(rawKey, rawSink, { contentType: 'application/xml', maxBytes: maxPackageBytes });
    const parsed = parseEdxml(parseSink, {
      ...DEFAULT_EDXML_LIMITS,
      // The raw upload enforces EXCHANGE_MAX_PACKAGE_BYTES on the same bytes (answering 413); a
      // second limit here would race it and answer 400 for the same cause.
      maxBytes: Number.MAX_SAFE_INTEGER,
      headerOnly: true,
    });
    const stop = (err: Error) => {
      body.unpipe(rawSink);
      body.unpipe(parseSink);
      rawSink.destroy(err);
      // Without the error: once the header is read nothing listens on this sink any more, and a
      // parse still reading it fails on the early close (its outcome is the parse's promise).
      parseSink.destroy();
    };
    stored.catch(stop);
    parsed.then(
      // The header is read: the rest of the body goes to storage only.
      () => {
        body.unpipe(parseSink);
        parseSink.resume();
      },
      stop,
    );
    // pipe() does not forward a source error (a client that hangs up) to its destinations.
    body.once('error', stop);
    body.once('close', () => {
      if (!body.readableEnded) stop(new AppError('VALIDATION_FAILED', { message: 'the request body ended early' }));
    });
    body.pipe(rawSink);
    body.pipe(parseSink);

    const [s, p] = await Promise.allSettled([stored, parsed]);
    if (s.status === 'fulfilled' && p.status === 'fulfilled') return { ...s.value, pkg: p.value };
    if (s.status === 'fulfilled') await storage.delete(rawKey).catch(() => {});
    if (s.status === 'rejected' && isAppError(s.reason) && s.reason.code === 'PAYLOAD_TOO_LARGE') throw s.reason;
    throw p.status === 'rejected' ? p.reason : (s as PromiseRejectedResult).reason;
  }

  /**
   * Why `peer` may not send `pkg`, or null when it may. A peer speaks only for its registered
   * agencies (and never for a unit of this deployment: the receipt's own statement checks that);
   * a status must be about a delivery sent through this peer to the agency it comes from; a
   * recall, update or replacement must name a document that came through this peer.
   */
  async function refusalOf(peer: PeerRow, pkg: ParsedPackage, id: { senderOrganId: string; documentId: string }): Promise<string | null> {
    const from = id.senderOrganId;
    // The national axis carries every agency's packages (it authenticated the sender itself).
    if (peer.transport !== 'axis' && !speaksFor(peer.agencyCodes, from)) return `the peer does not speak for ${from}`;
    if (pkg.kind === 'status') {
      // Deliveries of that document: none at all is a status about nothing (recorded, changes nothing).
      const reach = await deliveriesRepo.deliveryReach(db, { edxmlDocumentId: id.documentId, organId: from, peerId: peer.id });
      if (reach.any && !reach.throughPeer) {
        return `the document ${id.documentId} was not sent to ${from} through this peer`;
      }
      return null;
    }
    const businessType = pkg.business?.docType ?? 0;
    if (businessType >= 1 && businessType <= 3) {
      const originalId = pkg.business?.documentId ?? id.documentId;
      const senders = await inboundNoticesRepo.peersOfInboundOriginal(db, { senderOrganId: from, documentId: originalId });
      if (senders.length > 0 && !senders.includes(peer.id)) return `the document ${originalId} did not come through this peer`;
    }
    return null;
  }

  /**
   * The intake of one package from an authenticated peer (our signed HTTP, or the national axis
   * connector): stores the raw bytes, checks its header, and records an idempotent
   * receipt with its outbox row in one transaction. `declaredSha256`: the hash the request signed
   * (null when the transport checked the bytes itself).
   */
  async function acceptFrom(
    peer: PeerRow,
    body: Readable,
    { declaredSha256, now = new Date() }: { declaredSha256: string | null; now?: Date },
  ): Promise<AcceptResult> {
    const receiptId = randomUUID();
    const prefix = receiptPrefix(receiptId, now);
    const rawKey = `${prefix}package.edxml`;
    const { size, sha256, pkg } = await storeAndParseHeader(body, rawKey);
    const discard = () => storage.delete(rawKey).catch(() => {});
    if (declaredSha256 !== null && sha256 !== declaredSha256) {
      await discard();
      throw unauthenticated('the body does not match x-vanthu-content-sha256');
    }
    try {
      assertCleanFields(pkg);
    } catch (err) {
      await discard();
      throw err;
    }
    const id = identify(peer.id, pkg, sha256);
    const refuse = async (refusal: string): Promise<never> => {
      await discard();
      const details = { reason: refusal, kind: pkg.kind, from: id.senderOrganId, documentId: id.documentId, recipients: id.recipients };
      contextLogger(logger).warn({ peerId: peer.id, ...details }, 'inbound package refused: the peer does not speak for it');
      await db.transaction((tx) =>
        audit.record(tx, {
          actorId: null,
          organizationId: null,
          action: 'exchange.inbound.refuse',
          subjectType: 'exchange_peer',
          subjectId: peer.id,
          details,
        }),
      );
      throw new AppError('PEER_NOT_AUTHORISED', { message: refusal });
    };
    const refusal = await refusalOf(peer, pkg, id);
    if (refusal) return refuse(refusal);
    const header = (pkg.kind === 'edoc' ? pkg.header : pkg.status) as unknown as Record<string, unknown>;
    const priority = priorityOfUrgency(pkg.kind === 'edoc' ? urgencyOfPriority(pkg.header.otherInfo.priority) : 'normal');

    // The receipt and its outbox row in one statement; no NOTIFY (it serialises commits): the job
    // is added as soon as the statement has committed.
    const job = { name: 'exchange.process-inbound' as const, payload: { receiptId }, jobId: JOB_IDS.processInbound(receiptId), priority };
    const written = await exchangeRepo.insertPackageWithJob(
      db,
      {
        id: receiptId,
        peerId: peer.id,
        senderOrganId: id.senderOrganId,
        documentId: id.documentId,
        kind: pkg.kind,
        recipientOrganIds: id.recipients,
        idempotencyKey: id.key,
        rawStorageKey: rawKey,
        sha256,
        size,
        header,
        business: (pkg.business as unknown as Record<string, unknown> | null) ?? null,
        attachmentsPending: pkg.kind === 'edoc' && !pkg.attachmentsRead,
      },
      outbox.rowOf(job, { publishedByCaller: true }),
    );

    if (written === 'sender-local') return refuse(`${id.senderOrganId} is an organisation of this deployment`);
    if (written === 'duplicate') {
      // The same package again: the first receipt stands and this copy's bytes go.
      await discard();
      const first = await exchangeRepo.findPackageByKey(db, id.key);
      if (!first) throw new AppError('INTERNAL', { message: 'receipt vanished after an idempotency conflict' });
      return { receiptId: first.id, status: first.state, duplicate: true };
    }
    void outbox.publishCommitted([job]);
    return { receiptId, status: 'accepted', duplicate: false };
  }

  return {
    acceptFrom,

    /**
     * Accepts one package: 202 with a new receipt, or the first receipt of the same package again.
     * The request is authenticated from its headers alone (peer, clock, HMAC over the declared
     * body sha256) before a byte of the body is read, stored or parsed; the body is then checked
     * against the declared hash as it streams (everything stored is deleted if it differs).
     * @throws AppError UNAUTHENTICATED for missing headers, an unknown/inactive peer, a stale timestamp, a bad signature or a body that is not the signed one.
     * @throws AppError PAYLOAD_TOO_LARGE above EXCHANGE_MAX_PACKAGE_BYTES.
     * @throws AppError VALIDATION_FAILED with the parser's reason for a package whose header is refused (nothing is kept); one
     *   refused after its header (attachments) is accepted here, and returned to its sender by the intake job (status 02).
     * @throws AppError PEER_NOT_AUTHORISED when the package speaks for an agency, delivery or document not the peer's (nothing is kept; audited).
     */
    async accept({ peerId, timestamp, contentSha256, signature, body, now = new Date() }: InboundRequest): Promise<AcceptResult> {
      if (!peerId || !timestamp || !contentSha256 || !signature) {
        throw unauthenticated('x-vanthu-peer, x-vanthu-timestamp, x-vanthu-content-sha256 and x-vanthu-signature are required');
      }
      if (!/^\d{1,12}$/.test(timestamp) || Math.abs(Number(timestamp) - now.getTime() / 1000) > CLOCK_WINDOW_SECONDS) {
        throw unauthenticated('x-vanthu-timestamp is outside the allowed clock window');
      }
      if (!/^[0-9a-f]{64}$/i.test(contentSha256)) throw unauthenticated('x-vanthu-content-sha256 is not a hex sha256');
      const found = await peers.findActiveWithSecret(peerId);
      // The national axis's row is fed by our own connector, never by a request.
      if (!found || found.peer.transport === 'axis') throw unauthenticated('unknown or inactive peer');
      const declaredSha256 = contentSha256.toLowerCase();
      if (!verifyPeerSignature(found.secret, timestamp, declaredSha256, signature))
        throw unauthenticated('signature does not match the headers');

      return acceptFrom(found.peer, body, { declaredSha256, now });
    },
  };
}

export type InboundService = ReturnType<typeof createInboundService>;
