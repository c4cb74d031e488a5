import { createHash, randomUUID } from 'node:crypto';
import { PassThrough, type Readable } from 'node:stream';
import type { Db } from '../../db/client.js';
import type { InboundAttachment } from '../../db/schema/index.js';
import { AppError, isAppError } from '../../lib/errors.js';
import type { ObjectStorage } from '../../storage/object-storage.js';
import { cleanFileName } from '../documents/upload.js';
import type { Outbox } from '../outbox/outbox.service.js';
import { priorityOfUrgency } from '../outbox/priority.js';
import { DEFAULT_EDXML_LIMITS, buildDocumentId, parseEdxml, type ParsedPackage } from './edxml/index.js';
import type { ExchangeRepo } from './exchange.repo.js';
import type { InboundReceipt } from './exchange.schemas.js';
import { CLOCK_WINDOW_SECONDS, verifyPeerSignature } from './peer-auth.js';
import type { PeersService } from './peers.service.js';
import { urgencyOfPriority } from './urgency.js';

export type InboundServiceDeps = {
  db: Db;
  exchangeRepo: ExchangeRepo;
  peers: Pick<PeersService, 'findActiveWithSecret'>;
  storage: ObjectStorage;
  outbox: Pick<Outbox, 'add' | 'kick'>;
  maxPackageBytes: number;
};

export type InboundRequest = {
  peerId: string | undefined;
  timestamp: string | undefined;
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
function identify(peerId: string, pkg: ParsedPackage, rawSha256: string): { senderOrganId: string; documentId: string; recipients: string[]; key: string } {
  if (pkg.kind === 'edoc') {
    const h = pkg.header;
    const documentId = h.documentId ?? buildDocumentId(h.from.organId, h.promulgation.date, h.code.number, h.code.notation);
    const recipients = [...new Set(h.to.map((t) => t.organId))].sort();
    // A recall/update/replace (BussinessDocType 1–3) repeats the original's DocumentId: it is a
    // package of its own (two updates of one document differ by their reason).
    const businessType = pkg.business?.docType ?? 0;
    const identity = ['edoc', peerId, h.from.organId, documentId, recipients, ...(businessType > 0 ? [businessType, pkg.business?.reason ?? null] : [])];
    const key = createHash('sha256').update(JSON.stringify(identity)).digest('hex');
    return { senderOrganId: h.from.organId, documentId, recipients, key };
  }
  const s = pkg.status;
  const documentId = s.responseFor.documentId ?? s.responseFor.code ?? '';
  // A status has no id of its own: code + timestamp tell two statuses apart; without a timestamp
  // only the exact same bytes count as the same package.
  const key = createHash('sha256').update(JSON.stringify(['status', peerId, s.from.organId, documentId, s.statusCode, s.timestamp ?? rawSha256])).digest('hex');
  return { senderOrganId: s.from.organId, documentId, recipients: s.responseFor.organId ? [s.responseFor.organId] : [], key };
}

/**
 * Intake of edXML packages from peers: authenticate, store the raw bytes, parse (attachments
 * decoded into their own objects), record an idempotent receipt and an outbox row, answer at once.
 */
export function createInboundService({ db, exchangeRepo, peers, storage, outbox, maxPackageBytes }: InboundServiceDeps) {
  /** Parses a package stream, streaming each attachment into its own object; on failure none stays. */
  async function parseInto(source: Readable, prefix: string): Promise<{ pkg: ParsedPackage; attachments: InboundAttachment[] }> {
    const sinks: PassThrough[] = [];
    const uploads: Promise<InboundAttachment>[] = [];
    const keys: string[] = [];
    try {
      const pkg = await parseEdxml(source, {
        ...DEFAULT_EDXML_LIMITS,
        // The raw upload enforces EXCHANGE_MAX_PACKAGE_BYTES on the same bytes (answering 413); a
        // second limit here would race it and answer 400 for the same cause.
        maxBytes: Number.MAX_SAFE_INTEGER,
        onAttachment: (meta) => {
          const sink = new PassThrough();
          const storageKey = `${prefix}attachment-${meta.index + 1}`;
          const name = cleanFileName(meta.name ?? `attachment-${meta.index + 1}`);
          const contentType = meta.contentType ?? 'application/octet-stream';
          sinks.push(sink);
          keys.push(storageKey);
          const upload = storage.putStream(storageKey, sink, { contentType }).then(({ size, sha256 }) => ({ name, contentType, size, sha256, storageKey }));
          // Observed below; this keeps an early rejection from being reported as unhandled meanwhile.
          upload.catch(() => {});
          uploads.push(upload);
          return sink;
        },
      });
      const attachments = await Promise.all(uploads);
      return { pkg, attachments };
    } catch (err) {
      for (const s of sinks) s.destroy();
      await Promise.allSettled(uploads);
      await storage.deleteMany(keys).catch(() => {});
      throw err;
    }
  }

  /**
   * Stores the request body as the raw package and parses it in the same pass (the body is piped
   * to both, at the pace of the slower): no read-back from S3. Whichever fails stops the other;
   * on failure nothing is left in S3. A storage refusal (size, S3 down) wins over a parse error.
   */
  async function storeAndParse(body: Readable, rawKey: string, prefix: string) {
    const rawSink = new PassThrough();
    const parseSink = new PassThrough();
    const stored = storage.putStream(rawKey, rawSink, { contentType: 'application/xml', maxBytes: maxPackageBytes });
    const parsed = parseInto(parseSink, prefix);
    const stop = (err: Error) => {
      body.unpipe(rawSink);
      body.unpipe(parseSink);
      rawSink.destroy(err);
      parseSink.destroy(err);
    };
    stored.catch(stop);
    parsed.catch(stop);
    // pipe() does not forward a source error (a client that hangs up) to its destinations.
    body.once('error', stop);
    body.once('close', () => {
      if (!body.readableEnded) stop(new AppError('VALIDATION_FAILED', { message: 'the request body ended early' }));
    });
    body.pipe(rawSink);
    body.pipe(parseSink);

    const [s, p] = await Promise.allSettled([stored, parsed]);
    if (s.status === 'fulfilled' && p.status === 'fulfilled') return { ...s.value, ...p.value };
    if (p.status === 'fulfilled') await storage.deleteMany(p.value.attachments.map((a) => a.storageKey)).catch(() => {});
    if (s.status === 'fulfilled') await storage.delete(rawKey).catch(() => {});
    if (s.status === 'rejected' && isAppError(s.reason) && s.reason.code === 'PAYLOAD_TOO_LARGE') throw s.reason;
    throw p.status === 'rejected' ? p.reason : (s as PromiseRejectedResult).reason;
  }

  return {
    /**
     * Accepts one package: 202 with a new receipt, or the first receipt of the same package again.
     * Peer and clock are checked before reading the body; the signature covers the body's sha256,
     * so it is checked once the bytes are stored and parsed (everything is deleted if it does not
     * match). A malformed body is therefore refused with 400 even when its signature is also wrong.
     * @throws AppError UNAUTHENTICATED for an unknown/inactive peer, a stale timestamp or a bad signature.
     * @throws AppError PAYLOAD_TOO_LARGE above EXCHANGE_MAX_PACKAGE_BYTES.
     * @throws AppError VALIDATION_FAILED with the parser's reason for a refused package (nothing is kept).
     */
    async accept({ peerId, timestamp, signature, body, now = new Date() }: InboundRequest): Promise<AcceptResult> {
      if (!peerId || !timestamp || !signature) throw unauthenticated('x-vanthu-peer, x-vanthu-timestamp and x-vanthu-signature are required');
      if (!/^\d{1,12}$/.test(timestamp) || Math.abs(Number(timestamp) - now.getTime() / 1000) > CLOCK_WINDOW_SECONDS) {
        throw unauthenticated('x-vanthu-timestamp is outside the allowed clock window');
      }
      const found = await peers.findActiveWithSecret(peerId);
      if (!found) throw unauthenticated('unknown or inactive peer');

      const receiptId = randomUUID();
      const prefix = receiptPrefix(receiptId, now);
      const rawKey = `${prefix}package.edxml`;
      const { size, sha256, pkg, attachments } = await storeAndParse(body, rawKey, prefix);
      if (!verifyPeerSignature(found.secret, timestamp, sha256, signature)) {
        await storage.deleteMany([rawKey, ...attachments.map((a) => a.storageKey)]).catch(() => {});
        throw unauthenticated('signature does not match the body');
      }
      const id = identify(found.peer.id, pkg, sha256);
      const header = (pkg.kind === 'edoc' ? pkg.header : pkg.status) as unknown as Record<string, unknown>;
      const priority = priorityOfUrgency(pkg.kind === 'edoc' ? urgencyOfPriority(pkg.header.otherInfo.priority) : 'normal');

      const inserted = await db.transaction(async (tx) => {
        const row = await exchangeRepo.insertPackage(tx, {
          id: receiptId,
          peerId: found.peer.id,
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
          attachments,
        });
        // No NOTIFY (it serialises commits): the kick below publishes the job as soon as this commits.
        if (row) await outbox.add(tx, { name: 'exchange.process-inbound', payload: { receiptId }, jobId: `process-inbound.${receiptId}`, priority }, { notify: false });
        return row;
      });

      if (!inserted) {
        // The same package again: the first receipt stands and this copy's bytes go.
        await storage.deleteMany([rawKey, ...attachments.map((a) => a.storageKey)]).catch(() => {});
        const first = await exchangeRepo.findPackageByKey(db, id.key);
        if (!first) throw new AppError('INTERNAL', { message: 'receipt vanished after an idempotency conflict' });
        return { receiptId: first.id, status: first.state, duplicate: true };
      }
      void outbox.kick();
      return { receiptId, status: 'accepted', duplicate: false };
    },
  };
}

export type InboundService = ReturnType<typeof createInboundService>;
