import { JOB_IDS } from '../../jobs/catalog.js';
import type { Db, Tx } from '../../db/client.js';
import { pageTotal, type ListTotal } from '../../db/count.js';
import type { DeliveryEvent } from '../../db/schema/index.js';
import { AppError } from '../../lib/errors.js';
import { decodeCursor, encodeCursor } from '../../lib/pagination.js';
import type { AuditService } from '../audit/audit.service.js';
import { adminRoots, type Principal } from '../auth/principal.js';
import type { DocumentRecords, DocumentRow } from '../documents/document-records.service.js';
import type { Outbox, OutboxEntry } from '../outbox/outbox.service.js';
import { priorityOfUrgency } from '../outbox/priority.js';
import type { InboundNoticesRepo } from './inbound-notices.repo.js';
import type { DeliveriesRepo, DeliveryRow } from './deliveries.repo.js';
import { labelOf, statusLabelOf } from './delivery-events.js';
import { buildDocumentId } from './edxml/index.js';
import { assertMayGoRemote } from './secret-exchange.js';
import { speaksFor } from './peers.service.js';
import type { ExchangeRepo, PeerRow } from './exchange.repo.js';
import { TIER_LEVELS, type Tier } from '../orgs/levels.js';
import type { AxisTransportDto } from './axis/axis-sent-tracker.js';

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
  /** Sent through the national axis: the package's DocId and the recipient's copy as the axis reports it (getSentEdocList). */
  axis: AxisTransportDto | null;
  history: DeliveryHistoryEntryDto[];
};

export type DispatchServiceDeps = {
  db: Db;
  deliveriesRepo: DeliveriesRepo;
  inboundNoticesRepo: Pick<InboundNoticesRepo, 'insertRecallsForInternalCopies'>;
  exchangeRepo: Pick<ExchangeRepo, 'listPeers' | 'findOrganization' | 'organizationsByCodes'>;
  documents: Pick<DocumentRecords, 'findVisible' | 'findById'>;
  outbox: Pick<Outbox, 'addMany' | 'add' | 'kick'>;
  audit: Pick<AuditService, 'record'>;
  /** Internal deliveries handled per job (each job is one set-based transaction). */
  internalBatchSize?: number;
  /** The national axis's peer row (created on first use), or null when the connector is off: it reaches every code that is neither ours nor a direct peer's. */
  axisPeer: (tx: Tx) => Promise<PeerRow | null>;
};

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

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
    axis: r.axisDocId
      ? {
          docId: r.axisDocId,
          receiverDocId: r.axisReceiverDocId,
          sendStatus: r.axisSendStatus,
          receiveStatus: r.axisReceiveStatus,
          receiveStatusDescription: r.axisReceiveStatusDesc,
          receivedTime: r.axisReceivedTime,
          checkedAt: iso(r.axisCheckedAt),
        }
      : null,
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
 * Dispatch: writes one delivery per recipient in one set-based statement and the jobs that carry
 * them out through the outbox, in the transaction of its audit event; lists deliveries and dead
 * letters, and replays them. Internal recipients get an incoming document sharing the stored bytes
 * (fan-out.service.ts, one job per batch of recipients); remote ones an edXML package POSTed to
 * their peer (remote-send.service.ts).
 */
export function createDispatchService({
  db,
  deliveriesRepo,
  inboundNoticesRepo,
  exchangeRepo,
  documents,
  outbox,
  audit,
  internalBatchSize = 100,
  axisPeer,
}: DispatchServiceDeps) {
  /** The edXML DocumentId of our document (sender code, promulgation date, number/notation). */
  async function edxmlIdOf(tx: Tx, doc: DocumentRow): Promise<string> {
    const org = await exchangeRepo.findOrganization(tx, doc.ownerOrganizationId);
    const date = doc.promulgationDate ?? doc.createdAt.toISOString().slice(0, 10);
    return buildDocumentId(org?.code || doc.ownerOrganizationId, date, doc.number ?? '', doc.notation ?? doc.id);
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
      const old = await documents.findById(tx, input.replaces.documentId);
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
      await inboundNoticesRepo.insertRecallsForInternalCopies(tx, replaced.id, replaced.reason ?? '', 3);
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
        const doc = await documents.findVisible(tx, p, documentId, { forUpdate: true });
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
      const doc = await documents.findVisible(db, p, documentId);
      if (!doc) throw new AppError('NOT_FOUND', { message: 'document not found' });
      return { items: (await deliveriesRepo.listForDocument(db, doc.id)).map(toDeliveryDto) };
    },

    /**
     * `GET /exchange/dead-letters` (admin): remote sends and internal fan-outs that failed for good,
     * of senders within the admin's subtrees (an admin of the root sees them all).
     * @throws AppError FORBIDDEN for a non-admin; VALIDATION_FAILED for a malformed cursor.
     */
    async listDeadLetters(
      p: Principal,
      { limit = 50, cursor }: { limit?: number; cursor?: string },
    ): Promise<{ items: DeliveryDto[]; nextCursor: string | null } & ListTotal> {
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
        ...(await pageTotal(db, { first: !before, fetched: rows.length, limit }, deliveriesRepo.deadMatches(withinPaths))),
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
        const doc = await documents.findById(tx, d.documentId);
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
