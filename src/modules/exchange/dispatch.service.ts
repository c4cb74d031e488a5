import { buffer } from 'node:stream/consumers';
import { JOB_IDS } from '../../jobs/catalog.js';
import type { Db, Tx } from '../../db/client.js';
import type { DeadSend, DeliveryEvent } from '../../db/schema/index.js';
import { AppError } from '../../lib/errors.js';
import type { Logger } from '../../lib/logger.js';
import { decodeCursor, encodeCursor } from '../../lib/pagination.js';
import type { ObjectStorage } from '../../storage/object-storage.js';
import type { AuditService } from '../audit/audit.service.js';
import { adminRoots, type Principal } from '../auth/principal.js';
import type { DocumentRow, DocumentsRepo } from '../documents/documents.repo.js';
import { latestFiles } from '../documents/documents.service.js';
import type { Outbox, OutboxEntry } from '../outbox/outbox.service.js';
import { priorityOfUrgency } from '../outbox/priority.js';
import { requestsAwaitingDocument, type DeliveriesRepo, type DeliveryRow } from './deliveries.repo.js';
import { labelOf, statusLabelOf } from './delivery-events.js';
import { buildDocumentId, emitEdocPackage, type EdocEmitInput } from './edxml/index.js';
import type { ExchangeRepo, PeerRow } from './exchange.repo.js';
import { TIER_LEVELS, type Tier } from '../orgs/levels.js';
import type { PackageTransport } from './package-transport.js';
import { speaksFor, type PeersService } from './peers.service.js';
import { RetryableSendError } from './status-sender.service.js';
import { priorityOfUrgencyForEdxml } from './urgency.js';

/** A recipient of a dispatch: an organisation of this deployment, or a remote organ code (through a peer). */
export type DispatchRecipient = { organizationId: string } | { organId: string; name: string; peerId?: string };

export type DispatchInput = {
  recipients?: DispatchRecipient[];
  /**
   * "Every current unit under Y": of level label X (`level`), or of an administrative tier whatever
   * the units' kinds (`tier`: commune = xã, phường, thị trấn, đặc khu); neither: every unit under Y.
   */
  selector?: { underOrganizationId: string; level?: string; tier?: Tier };
  /**
   * This document replaces an earlier one of the same organisation (BussinessDocType 3): it goes to
   * the earlier one's recipients too, whose copies get a replace notice to answer.
   */
  replaces?: { documentId: string; reason?: string };
};

export type DispatchResult = { documentId: string; internal: number; remote: number; edxmlDocumentId: string };

/** An entry of a delivery's history as the API shows it: the event, its national code if it has one, and what it means in Vietnamese. */
export type DeliveryHistoryEntryDto = DeliveryEvent & { label: string };

export type DeliveryDto = {
  id: string;
  kind: 'internal' | 'remote';
  recipientOrganizationId: string | null;
  recipientOrganId: string | null;
  recipientName: string;
  state: string;
  statusCode: string | null;
  /** The status's Vietnamese name (Đã đến, Đã tiếp nhận…). */
  statusLabel: string | null;
  statusDescription: string | null;
  statusAt: string | null;
  deliveredAt: string | null;
  recipientDocumentId: string | null;
  recallState: string | null;
  recallReason: string | null;
  noticeKind: 'update' | 'replace' | null;
  noticeState: string | null;
  noticeReason: string | null;
  attempts: number;
  lastError: string | null;
  history: DeliveryHistoryEntryDto[];
};

export type DispatchServiceDeps = {
  db: Db;
  deliveriesRepo: DeliveriesRepo;
  exchangeRepo: Pick<ExchangeRepo, 'listPeers' | 'findOrganization' | 'organizationsByCodes'>;
  documentsRepo: Pick<DocumentsRepo, 'findVisible' | 'findById' | 'filesOf'>;
  peers: Pick<PeersService, 'findActiveWithSecret'>;
  storage: Pick<ObjectStorage, 'getStream'>;
  outbox: Pick<Outbox, 'addMany' | 'add' | 'complete' | 'kick'>;
  audit: Pick<AuditService, 'record'>;
  /** Per-destination concurrency: at most EXCHANGE_PEER_CONCURRENCY sends to one peer at a time, across processes. */
  peerSlots: PeerSlots;
  logger: Logger;
  /** Internal deliveries handled per job (each job is one set-based transaction). */
  internalBatchSize?: number;
  /** How a package reaches its peer (our HTTP, or the national axis). */
  transport: PackageTransport;
  /** The national axis's peer row (created on first use), or null when the connector is off: it reaches every code that is neither ours nor a direct peer's. */
  axisPeer: (tx: Tx) => Promise<PeerRow | null>;
};

/** An incoming copy a fan-out created. */
type InternalCopy = { deliveryId: string; documentId: string; organizationId: string };

/** A counting semaphore per peer (Redis-backed in production). */
export type PeerSlots = { acquire(peerId: string): Promise<() => Promise<void>> };

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

/** The innermost cause's message: drizzle wraps a database error in one that quotes the whole query. */
function rootMessage(err: unknown): string {
  let e = err;
  while (e instanceof Error && e.cause instanceof Error) e = e.cause;
  return e instanceof Error ? e.message : String(e);
}

export function toDeliveryDto(r: DeliveryRow): DeliveryDto {
  return {
    id: r.id,
    kind: r.kind,
    recipientOrganizationId: r.recipientOrganizationId,
    recipientOrganId: r.recipientOrganId,
    recipientName: r.recipientName,
    state: r.state,
    statusCode: r.statusCode,
    statusLabel: statusLabelOf(r.statusCode),
    statusDescription: r.statusDescription,
    statusAt: iso(r.statusAt),
    deliveredAt: iso(r.deliveredAt),
    recipientDocumentId: r.recipientDocumentId,
    recallState: r.recallState,
    recallReason: r.recallReason,
    noticeKind: r.noticeType === 2 ? 'update' : r.noticeType === 3 ? 'replace' : null,
    noticeState: r.noticeState,
    noticeReason: r.noticeReason,
    attempts: r.attempts,
    lastError: r.lastError,
    history: r.history.map((e) => ({ ...e, label: labelOf(e) })),
  };
}

const isClerkOf = (p: Principal, organizationId: string) => p.grants.some((g) => g.role === 'clerk' && g.organizationId === organizationId);

/** Level-1 suffix of a mã định danh (`000.00.30.H41` → `H41`): which deployment (province, ministry) a code belongs to. */
const levelOneOf = (organId: string) => organId.trim().split('.').pop()?.toUpperCase() ?? '';

/**
 * The direct peer that reaches `organId`: named explicitly, else the one with that code, else one
 * that speaks for it, else the one of its level-1 body. The national axis is never a direct peer:
 * it is what remains (see `axisPeer`).
 */
export function peerFor(peers: PeerRow[], organId: string, peerId?: string): PeerRow | undefined {
  const active = peers.filter((p) => p.active);
  if (peerId) return active.find((p) => p.id === peerId);
  const direct = active.filter((p) => p.transport !== 'axis');
  return (
    direct.find((p) => p.organId === organId) ??
    direct.find((p) => speaksFor(p.agencyCodes, organId)) ??
    direct.find((p) => levelOneOf(p.organId) === levelOneOf(organId))
  );
}

const SECRECY_LABEL: Record<string, string> = { secret: 'mật', top_secret: 'tối mật', absolute_secret: 'tuyệt mật' };

/**
 * Why a secret document may not leave this deployment, as the refusal says it. Exchange between
 * agencies runs over ordinary networks (the national axis, a peer's HTTPS endpoint), which these
 * rules keep state secrets off; recipients inside the deployment are reached without the network.
 */
export function secretExchangeRule(confidentiality: string): string {
  return (
    `a secret document (${SECRECY_LABEL[confidentiality] ?? confidentiality}) is never sent to a remote peer: ` +
    'Quyết định 28/2018/QĐ-TTg on sending and receiving electronic documents excludes documents with state-secret content, ' +
    'the Law on Protection of State Secrets 2018 forbids sending state secrets over ordinary networks, and vanthu has no channel approved for them ' +
    '(send it outside the system; recipients inside this deployment can receive it)'
  );
}

/**
 * Refuses to send a secret document to remote recipients (dispatch, update, replay): nothing of it
 * may go to a peer. `remoteRecipients`: the organ codes that would have received it.
 * @throws AppError SECRET_DOCUMENT_NOT_EXCHANGEABLE
 */
export function assertMayGoRemote(doc: Pick<DocumentRow, 'confidentiality'>, remoteRecipients: string[]): void {
  if (doc.confidentiality === 'normal' || remoteRecipients.length === 0) return;
  throw new AppError('SECRET_DOCUMENT_NOT_EXCHANGEABLE', {
    message: secretExchangeRule(doc.confidentiality),
    details: { confidentiality: doc.confidentiality, remoteRecipients },
  });
}

/** What a selector asks for, in words, for a refusal: `level "commune" under Ủy ban nhân dân thành phố Vinh`. */
function describeSelector(selector: NonNullable<DispatchInput['selector']>, rootName: string): string {
  const which = selector.tier ? `tier "${selector.tier}"` : selector.level ? `level "${selector.level}"` : 'every unit';
  return `${which} under ${rootName}`;
}

/** Whether a document may be sent out: an issued outgoing one, or an incoming one being forwarded after registration. */
function assertDispatchable(doc: DocumentRow): void {
  if (doc.direction === 'incoming' ? ['received', 'refused'].includes(doc.status) : doc.status !== 'issued') {
    throw new AppError('INVALID_STATE', {
      message:
        doc.direction === 'incoming'
          ? 'register an incoming document before forwarding it'
          : `only an issued document is sent out (it is ${doc.status})`,
    });
  }
}

/**
 * Dispatch and fan-out: a dispatch writes one delivery per recipient in one set-based statement and
 * the jobs that carry them out through the outbox, in the transaction of its audit event. Internal
 * recipients get an incoming document sharing the stored bytes (`deliverInternal`, one job per batch
 * of recipients, idempotent per delivery); remote ones an edXML package POSTed to their peer
 * (`sendDocument`, retried with back-off, dead-lettered past the retry budget).
 */
export function createDispatchService({
  db,
  deliveriesRepo,
  exchangeRepo,
  documentsRepo,
  peers,
  storage,
  outbox,
  audit,
  peerSlots,
  logger,
  internalBatchSize = 100,
  transport,
  axisPeer,
}: DispatchServiceDeps) {
  /** The edXML DocumentId of our document (sender code, promulgation date, number/notation). */
  async function edxmlIdOf(tx: Tx, doc: DocumentRow): Promise<string> {
    const org = await exchangeRepo.findOrganization(tx, doc.ownerOrganizationId);
    const date = doc.promulgationDate ?? doc.createdAt.toISOString().slice(0, 10);
    return buildDocumentId(org?.code || doc.ownerOrganizationId, date, doc.number ?? '', doc.notation ?? doc.id);
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
      await deliveriesRepo.insertInboundRecall(tx, {
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

  /**
   * Creates the deliveries and queues their jobs inside `tx` (the caller's transaction: the
   * dispatch endpoint's, or issuance right after the seal). The caller records the audit event.
   */
  async function dispatchWithin(tx: Tx, doc: DocumentRow, input: DispatchInput): Promise<DispatchResult> {
    const edxmlDocumentId = await edxmlIdOf(tx, doc);
    let recipients = input.recipients ?? [];
    let replaced: { id: string; edxmlDocumentId: string; reason: string | null } | undefined;
    if (input.replaces) {
      const old = await documentsRepo.findById(tx, input.replaces.documentId);
      if (!old || old.id === doc.id || old.ownerOrganizationId !== doc.ownerOrganizationId) {
        throw new AppError('VALIDATION_FAILED', { message: 'replaces.documentId must name another document of the same organisation' });
      }
      const earlier = await deliveriesRepo.listForDocument(tx, old.id);
      if (earlier.length === 0) throw new AppError('VALIDATION_FAILED', { message: 'the replaced document was never sent' });
      const reason = input.replaces.reason ?? null;
      recipients = [
        ...recipients,
        ...earlier.map((d) =>
          d.kind === 'internal'
            ? { organizationId: d.recipientOrganizationId! }
            : { organId: d.recipientOrganId!, name: d.recipientName, ...(d.peerId ? { peerId: d.peerId } : {}) },
        ),
      ];
      replaced = { id: old.id, edxmlDocumentId: earlier[0].edxmlDocumentId, reason };
    }
    const seenRemote = new Set<string>();
    recipients = recipients.filter((r) => {
      if (!('organId' in r)) return true;
      const code = r.organId.trim();
      if (seenRemote.has(code)) return false;
      seenRemote.add(code);
      return true;
    });
    if (recipients.length === 0 && !input.selector) throw new AppError('VALIDATION_FAILED', { message: 'name recipients or a selector' });
    const byCode = recipients.flatMap((r) => ('organId' in r && !r.peerId ? [r.organId.trim()] : []));
    // A code that names a unit of this deployment is delivered internally, whatever the caller thought.
    const localByCode = new Map((await exchangeRepo.organizationsByCodes(tx, byCode)).map((o) => [o.code, o.id]));
    const internalIds = recipients.flatMap((r) =>
      'organizationId' in r
        ? [r.organizationId]
        : localByCode.has(r.organId.trim()) && !r.peerId
          ? [localByCode.get(r.organId.trim())!]
          : [],
    );
    const remote = recipients.flatMap((r) => ('organId' in r && (r.peerId || !localByCode.has(r.organId.trim())) ? [r] : []));
    // Before anything is written: a secret document goes to nobody when any recipient is remote.
    assertMayGoRemote(
      doc,
      remote.map((r) => r.organId.trim()),
    );

    if (internalIds.length > 0) {
      const known = await deliveriesRepo.currentOrganizationIds(tx, internalIds);
      const missing = internalIds.filter((id) => !known.has(id));
      if (missing.length > 0)
        throw new AppError('VALIDATION_FAILED', {
          message: 'some recipients are not current organisations',
          details: { organizationIds: missing },
        });
    }
    let selector = null;
    if (input.selector) {
      const { underOrganizationId, level, tier } = input.selector;
      if (level && tier)
        throw new AppError('VALIDATION_FAILED', {
          message: 'a selector names a level or a tier, not both',
          details: { selector: input.selector },
        });
      const root = await deliveriesRepo.findCurrentOrganization(tx, underOrganizationId);
      if (!root) throw new AppError('VALIDATION_FAILED', { message: 'selector.underOrganizationId is not a current organisation' });
      selector = { rootId: root.id, rootPath: root.path, levels: tier ? TIER_LEVELS[tier] : level ? [level] : null };
      // A selector that reaches nobody is a mistake (a level label the units under it do not use), not a send to zero recipients.
      if ((await deliveriesRepo.countSelected(tx, selector, doc.ownerOrganizationId)) === 0) {
        const hint = level
          ? `; levels are labels (a city's units are "ward"): tier "commune" reaches xã, phường, thị trấn and đặc khu together`
          : '';
        throw new AppError('VALIDATION_FAILED', {
          message: `the selector (${describeSelector(input.selector, root.name)}) reaches no current unit${hint}`,
          details: { selector: input.selector },
        });
      }
    }

    const peerRows = remote.length > 0 ? await exchangeRepo.listPeers(tx) : [];
    // Neither ours nor a direct peer's: the national axis reaches it, when the connector is on.
    const axis = remote.some((r) => !peerFor(peerRows, r.organId, r.peerId)) ? await axisPeer(tx) : null;
    const remoteRows = remote.map((r) => {
      const peer = peerFor(peerRows, r.organId, r.peerId) ?? (r.peerId ? undefined : (axis ?? undefined));
      if (!peer)
        throw new AppError('VALIDATION_FAILED', {
          message: `no active exchange peer reaches ${r.organId}`,
          details: { organId: r.organId },
        });
      return { peer, organId: r.organId.trim(), name: r.name };
    });

    // Every check passed: the writes.
    if (replaced) {
      await deliveriesRepo.requestChange(tx, replaced.id, replaced.reason ?? `replaced by ${edxmlDocumentId}`, 3);
      await deliveriesRepo.insertRecallsForInternalCopies(tx, replaced.id, replaced.reason ?? '', 3);
    }
    const replaces = replaced ? { documentId: replaced.edxmlDocumentId, reason: replaced.reason } : undefined;
    const base = { documentId: doc.id, senderOrganizationId: doc.ownerOrganizationId, edxmlDocumentId };
    const internal = await deliveriesRepo.insertInternal(tx, base, {
      organizationIds: internalIds,
      selector,
      excludeOrganizationId: doc.ownerOrganizationId,
    });
    const remoteInserted = await deliveriesRepo.insertRemote(
      tx,
      remoteRows.map((r) => ({ ...base, kind: 'remote' as const, recipientOrganId: r.organId, recipientName: r.name, peerId: r.peer.id })),
    );

    const priority = priorityOfUrgency(doc.urgency);
    const entries: OutboxEntry<'exchange.deliver-internal' | 'exchange.send-document'>[] = [];
    for (let i = 0; i < internal.length; i += internalBatchSize) {
      const ids = internal.slice(i, i + internalBatchSize);
      entries.push({
        name: 'exchange.deliver-internal',
        payload: { documentId: doc.id, deliveryIds: ids },
        jobId: JOB_IDS.deliverInternal(ids[0]),
        priority,
      });
    }
    for (const r of remoteInserted) {
      entries.push({
        name: 'exchange.send-document',
        payload: { deliveryId: r.id, businessType: replaces ? 3 : 0, ...(replaces ? { replaces } : {}) },
        jobId: JOB_IDS.sendDocument(r.id, 0, 'first'),
        priority,
      });
    }
    await outbox.addMany(tx, entries);
    return { documentId: doc.id, internal: internal.length, remote: remoteInserted.length, edxmlDocumentId };
  }

  /** Builds the edXML package of a delivery (attachments streamed from S3) for `businessType` (0 new, 1 recall…). */
  async function packageOf(
    delivery: DeliveryRow,
    doc: DocumentRow,
    businessType: number,
    reason: string | null,
    replaces?: { documentId: string; reason: string | null },
  ): Promise<Buffer<ArrayBuffer>> {
    const org = await exchangeRepo.findOrganization(db, doc.ownerOrganizationId);
    const current = latestFiles(await documentsRepo.filesOf(db, doc.id)).filter((f) => f.kind !== 'note');
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
    dispatchWithin,

    /**
     * `POST /documents/:id/dispatch` by a clerk of the owner organisation.
     * @throws AppError NOT_FOUND (not visible), FORBIDDEN (not its clerk), INVALID_STATE (not issued),
     *   SECRET_DOCUMENT_NOT_EXCHANGEABLE (a secret document and a remote recipient: nothing is sent to anyone),
     *   VALIDATION_FAILED (unknown recipients, no peer for a code, a selector reaching nobody)
     */
    async dispatch(p: Principal, documentId: string, input: DispatchInput): Promise<DispatchResult> {
      const result = await db.transaction(async (tx) => {
        const doc = await documentsRepo.findVisible(tx, p, documentId, { forUpdate: true });
        if (!doc) throw new AppError('NOT_FOUND', { message: 'document not found' });
        if (!isClerkOf(p, doc.ownerOrganizationId))
          throw new AppError('FORBIDDEN', { message: 'only a clerk of the owner organisation may send the document' });
        assertDispatchable(doc);
        const r = await dispatchWithin(tx, doc, input);
        await audit.record(tx, {
          actorId: p.id,
          organizationId: doc.ownerOrganizationId,
          action: 'document.dispatch',
          subjectType: 'document',
          subjectId: doc.id,
          details: {
            internal: r.internal,
            remote: r.remote,
            selector: input.selector ?? null,
            recipients: input.recipients?.length ?? 0,
            replaces: input.replaces?.documentId ?? null,
            edxmlDocumentId: r.edxmlDocumentId,
          },
        });
        return r;
      });
      void outbox.kick();
      return result;
    },

    /** `GET /documents/:id/deliveries`: per recipient state, latest status code, history. @throws AppError NOT_FOUND */
    async listDeliveries(p: Principal, documentId: string): Promise<{ items: DeliveryDto[] }> {
      const doc = await documentsRepo.findVisible(db, p, documentId);
      if (!doc) throw new AppError('NOT_FOUND', { message: 'document not found' });
      return { items: (await deliveriesRepo.listForDocument(db, doc.id)).map(toDeliveryDto) };
    },

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
          const made = await deliveriesRepo.deliverInternalBatch(tx, documentId, deliveryIds);
          await recordInternalDelivered(tx, documentId, made);
          await outbox.complete(tx, jobId);
          return { delivered: made.length };
        });
      } catch (err) {
        logger.warn(
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
            made.push(...(await tx.transaction((sp) => deliveriesRepo.deliverInternalBatch(sp, documentId, [id]))));
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
      if (dead.length > 0) logger.warn({ documentId, dead: dead.length }, 'internal copies dead-lettered');
      return { delivered, ...(lastAttempt && failed.size > 0 ? { dead: dead.length } : {}) };
    },

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
      const doc = await documentsRepo.findById(db, delivery.documentId);
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
          await deliveriesRepo.markSourceRecalled(tx, delivery.documentId);
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
      logger.warn({ deliveryId, failure }, 'remote delivery dead-lettered');
      await db.transaction((tx) => deadLetter(tx, failure));
      return { outcome: permanent ? 'refused' : 'dead', detail: failure };
    },

    /**
     * `GET /exchange/dead-letters` (admin): remote sends and internal fan-outs that failed for good,
     * of senders within the admin's subtrees (an admin of the root sees them all).
     * @throws AppError FORBIDDEN for a non-admin; VALIDATION_FAILED for a malformed cursor.
     */
    async listDeadLetters(
      p: Principal,
      { limit = 50, cursor }: { limit?: number; cursor?: string },
    ): Promise<{ items: DeliveryDto[]; nextCursor: string | null }> {
      const withinPaths = adminRoots(p);
      if (withinPaths.length === 0) throw new AppError('FORBIDDEN', { message: 'only an administrator may see the dead-letter list' });
      let before: { at: Date; id: string } | undefined;
      if (cursor) {
        const [at, id] = decodeCursor(cursor, ['timestamp', 'uuid']);
        before = { at: new Date(at), id };
      }
      const rows = await deliveriesRepo.listDead(db, { limit: limit + 1, before, withinPaths });
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return {
        items: page.map(toDeliveryDto),
        nextCursor: rows.length > limit && last ? encodeCursor([last.updatedAt.toISOString(), last.id]) : null,
      };
    },

    /**
     * `POST /exchange/dead-letters/:id/replay` (admin): back to pending with a fresh job (the job id
     * carries the replay count, so the completed one does not shadow it). A remote copy is sent as
     * exactly what died (new document, recall, update or replacement with its link to the replaced
     * document); an internal one is delivered by a fan-out job of its own.
     * Only of a sender within the admin's subtrees: any other is NOT_FOUND, as if it did not exist.
     * A remote copy of a secret document is not sent again (only a recall of it is).
     * @throws AppError FORBIDDEN, NOT_FOUND, INVALID_STATE (not dead), SECRET_DOCUMENT_NOT_EXCHANGEABLE
     */
    async replay(p: Principal, deliveryId: string): Promise<DeliveryDto> {
      const withinPaths = adminRoots(p);
      if (withinPaths.length === 0) throw new AppError('FORBIDDEN', { message: 'only an administrator may replay dead letters' });
      const row = await db.transaction(async (tx) => {
        const d = await deliveriesRepo.findByIdWithin(tx, deliveryId, withinPaths, { lock: true });
        if (!d) throw new AppError('NOT_FOUND', { message: 'delivery not found' });
        if (d.state !== 'dead') throw new AppError('INVALID_STATE', { message: `the delivery is ${d.state}` });
        const doc = await documentsRepo.findById(tx, d.documentId);
        if (doc && d.kind === 'remote' && (d.deadSend?.businessType ?? 0) !== 1)
          assertMayGoRemote(doc, [d.recipientOrganId ?? d.recipientName]);
        const replays = d.replays + 1;
        const priority = priorityOfUrgency(doc?.urgency ?? 'normal');
        await deliveriesRepo.appendEvent(tx, d.id, { event: 'replayed' }, { state: 'pending', replays, lastError: null, deadSend: null });
        if (d.kind === 'internal') {
          await outbox.add(tx, {
            name: 'exchange.deliver-internal',
            payload: { documentId: d.documentId, deliveryIds: [d.id] },
            jobId: JOB_IDS.deliverInternal(d.id, replays),
            priority,
          });
        } else {
          // Only a copy dead-lettered before deliveries kept what died, with no outbox row to recover it from, lacks it.
          const { businessType, replaces } = d.deadSend ?? { businessType: 0 };
          await outbox.add(tx, {
            name: 'exchange.send-document',
            payload: { deliveryId: d.id, businessType, requestIndex: d.history.length, ...(replaces ? { replaces } : {}) },
            jobId: JOB_IDS.sendDocument(d.id, businessType, { replays }),
            priority,
          });
        }
        await audit.record(tx, {
          actorId: p.id,
          organizationId: d.senderOrganizationId,
          action: 'exchange.dead-letter.replay',
          subjectType: 'delivery',
          subjectId: d.id,
          details: { replays, kind: d.kind, ...(d.deadSend ?? {}) },
        });
        return (await deliveriesRepo.findById(tx, d.id))!;
      });
      void outbox.kick();
      return toDeliveryDto(row);
    },
  };
}

export type DispatchService = ReturnType<typeof createDispatchService>;
