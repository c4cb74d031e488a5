import { randomUUID } from 'node:crypto';
import { JOB_IDS } from '../../jobs/catalog.js';
import type { Db, DbOrTx, Tx } from '../../db/client.js';
import type { InboundAttachment, NoticeFile, NoticeKind } from '../../db/schema/index.js';
import { AppError } from '../../lib/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import type { DocumentFileRow, DocumentRecords } from '../documents/document-records.service.js';
import { latestFiles } from '../documents/document-dtos.js';
import type { AssignmentsService } from '../handling/assignments.service.js';
import type { Outbox } from '../outbox/outbox.service.js';
import { priorityOfUrgency } from '../outbox/priority.js';
import { PENDING_NOTICE, type InboundNoticesRepo, type InboundRecallRow, type PendingNotice } from './inbound-notices.repo.js';
import type { DeliveryStatusesRepo } from './delivery-statuses.repo.js';
import type { DeliveriesRepo } from './deliveries.repo.js';
import { assertMayGoRemote } from './secret-exchange.js';
import type { Business } from './edxml/index.js';
import type { ExchangeRepo, InboundPackageRow } from './exchange.repo.js';

export type RecallServiceDeps = {
  db: Db;
  deliveriesRepo: DeliveriesRepo;
  inboundNoticesRepo: Pick<
    InboundNoticesRepo,
    | 'documentsOfInboundOriginal'
    | 'insertRecallsForInternalCopies'
    | 'insertInboundRecall'
    | 'findInboundNotices'
    | 'answerInboundRecall'
    | 'pendingNoticesOf'
  >;
  deliveryStatusesRepo: Pick<DeliveryStatusesRepo, 'recordAnswer'>;
  exchangeRepo: Pick<ExchangeRepo, 'upsertOutboundStatus'>;
  documents: Pick<DocumentRecords, 'findVisible' | 'filesOf' | 'insertFiles' | 'markIssuedRecalled'>;
  /** Withdraws a recipient's copy whose clerk agreed to a recall (its open work closed). */
  handling: Pick<AssignmentsService, 'withdraw'>;
  outbox: Pick<Outbox, 'add' | 'addMany' | 'kick'>;
  audit: Pick<AuditService, 'record'>;
};

const isClerkOf = (p: Principal, organizationId: string) => p.grants.some((g) => g.role === 'clerk' && g.organizationId === organizationId);

const kindOf = (businessType: number): NoticeKind => (businessType === 1 ? 'recall' : 'notice');

/** The request awaiting an answer that was asked first. */
const oldestPending = (notices: readonly InboundRecallRow[]): InboundRecallRow | undefined =>
  notices.filter((n) => n.answer === null).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())[0];

/**
 * What an update brings: the current version of each main file and attachment, each with the
 * storage keys of its earlier versions (how a recipient's copy, which shares the bytes, finds the
 * file it replaces).
 */
export function noticeFilesOf(files: readonly DocumentFileRow[]): NoticeFile[] {
  const byId = new Map(files.map((f) => [f.id, f]));
  return latestFiles(files)
    .filter((f) => f.kind !== 'note')
    .map((f) => {
      const supersedes: string[] = [];
      for (
        let prev = f.previousFileId ? byId.get(f.previousFileId) : undefined;
        prev;
        prev = prev.previousFileId ? byId.get(prev.previousFileId) : undefined
      )
        supersedes.push(prev.storageKey);
      return {
        name: f.name,
        contentType: f.contentType,
        size: f.size,
        sha256: f.sha256,
        storageKey: f.storageKey,
        kind: f.kind === 'main' ? 'main' : 'attachment',
        supersedes,
      };
    });
}

/** The files of an update package from a peer (the first is the document itself, as in a new one). */
const noticeFilesOfPackage = (attachments: readonly InboundAttachment[]): NoticeFile[] =>
  attachments.map((a, i) => ({
    name: a.name,
    contentType: a.contentType,
    size: a.size,
    sha256: a.sha256,
    storageKey: a.storageKey,
    kind: i === 0 ? 'main' : 'attachment',
    supersedes: [],
  }));

/**
 * How an agreed update lands in a copy: each file it brings that the copy does not hold yet
 * becomes a new version of the file it replaces (found by the earlier versions' bytes, else by
 * name, else the copy's only main file for a new main file), or a new attachment.
 */
export function planNoticeFiles(
  current: readonly DocumentFileRow[],
  brought: readonly NoticeFile[],
): { file: NoticeFile; previous: DocumentFileRow | null }[] {
  const replaced = new Set(current.map((f) => f.previousFileId).filter((id): id is string => id !== null));
  const latest = current.filter((f) => f.kind !== 'note' && !replaced.has(f.id));
  const taken = new Set<string>();
  const plan: { file: NoticeFile; previous: DocumentFileRow | null }[] = [];
  for (const file of brought) {
    if (latest.some((f) => f.storageKey === file.storageKey || f.sha256 === file.sha256)) continue;
    const free = latest.filter((f) => !taken.has(f.id));
    const mains = free.filter((f) => f.kind === 'main');
    const previous =
      free.find((f) => file.supersedes.includes(f.storageKey)) ??
      free.find((f) => f.name === file.name && f.kind === file.kind) ??
      (file.kind === 'main' && mains.length === 1 ? mains[0] : undefined);
    if (previous) taken.add(previous.id);
    plan.push({ file, previous: previous ?? null });
  }
  return plan;
}

/**
 * Recall (thu hồi, BussinessDocType 1), update (2) and replace (3) notices, and the recipients'
 * answers. The sender asks every recipient holding a copy (13 on its deliveries, or a notice); an
 * internal recipient's incoming document gets it at once, a remote one receives a package naming
 * the original DocumentId (an update carries the current files). A recall and a notice are kept
 * apart on each copy: a pending update never holds a recall back. A copy that has not reached its
 * recipient yet is simply withdrawn by a recall (state `recalled`): the fan-out and send jobs skip
 * it (unless a POST of it is unanswered: the recall then waits for the peer's answer). A request to
 * a copy not there yet waits for it, never overtakes it. The recipient's clerk answers 15 (agree)
 * or 16 (refuse), which flows back to the sender's delivery (directly, or as a status package to
 * the peer). Agreeing to a recall withdraws the copy (its open work closed, kept for the record) and
 * marks the sender's document recalled; agreeing to an update brings its files into the copy as new
 * versions.
 */
export function createRecallService({
  db,
  deliveriesRepo,
  inboundNoticesRepo,
  deliveryStatusesRepo,
  exchangeRepo,
  documents,
  handling,
  outbox,
  audit,
}: RecallServiceDeps) {
  async function requestChange(
    p: Principal,
    documentId: string,
    reason: string,
    businessType: 1 | 2,
  ): Promise<{ documentId: string; recipients: number }> {
    const what = businessType === 1 ? 'recall' : 'update';
    const n = await db.transaction(async (tx) => {
      const doc = await documents.findVisible(tx, p, documentId, { forUpdate: true });
      if (!doc) throw new AppError('NOT_FOUND', { message: 'document not found' });
      if (!isClerkOf(p, doc.ownerOrganizationId))
        throw new AppError('FORBIDDEN', { message: `only a clerk of the sender may ${what} the document` });
      // The document's row lock (above) orders requests: what is pending now stays so until this commits.
      if (await deliveriesRepo.changePending(tx, doc.id, kindOf(businessType))) {
        throw new AppError('INVALID_STATE', {
          message:
            businessType === 1
              ? 'a recall of this document is pending: wait for the recipients to answer it'
              : 'an update notice of this document is pending: wait for the recipients to answer it',
        });
      }
      if (businessType === 2 && doc.status === 'recalled')
        throw new AppError('INVALID_STATE', { message: 'the document was recalled: it is not updated any more' });
      const rows = await deliveriesRepo.requestChange(tx, doc.id, reason, businessType);
      if (rows.length === 0)
        throw new AppError('INVALID_STATE', { message: 'the document was not sent, or no recipient holds a copy any more (recalled)' });
      // An update carries the document's files to remote recipients: never a secret document's (the transaction rolls back).
      if (businessType === 2)
        assertMayGoRemote(
          doc,
          rows.filter((r) => r.kind === 'remote' && r.state !== 'recalled').map((r) => r.recipientOrganId!),
        );

      // Internal recipients holding their copy: a pending notice on it, in one statement (an update
      // with the files it brings).
      const files = businessType === 2 ? noticeFilesOf(await documents.filesOf(tx, doc.id)) : [];
      await inboundNoticesRepo.insertRecallsForInternalCopies(tx, doc.id, reason, businessType, files);
      const priority = priorityOfUrgency(doc.urgency);
      // A copy recalled before it reached its recipient has nothing to send: its state says so. It
      // is withdrawn already, so the recall has taken effect: the document is recalled.
      const notArrived = rows.filter((r) => r.state === 'recalled').length;
      if (notArrived > 0) await documents.markIssuedRecalled(tx, doc.id);
      // A remote copy the peer does not have yet gets its request after the document (the send of
      // the document queues it): a recall or update never overtakes what it is about.
      const awaitingDocument = rows.filter((r) => r.state !== 'recalled' && !r.arrived).length;
      await outbox.addMany(
        tx,
        rows
          .filter((r) => r.kind === 'remote' && r.arrived)
          .map((r) => ({
            name: 'exchange.send-document' as const,
            payload: { deliveryId: r.id, businessType, requestIndex: r.requestIndex },
            jobId: JOB_IDS.sendDocument(r.id, businessType, { requestIndex: r.requestIndex }),
            priority,
          })),
      );
      await audit.record(tx, {
        actorId: p.id,
        organizationId: doc.ownerOrganizationId,
        action: `document.${what}`,
        subjectType: 'document',
        subjectId: doc.id,
        details: { reason, recipients: rows.length, recalledBeforeArrival: notArrived, awaitingDocument },
      });
      return rows.length;
    });
    void outbox.kick();
    return { documentId, recipients: n };
  }

  return {
    /**
     * `POST /documents/:id/recall` by a clerk of the sender.
     * @throws AppError NOT_FOUND, FORBIDDEN, INVALID_STATE (never sent, or recalled already)
     */
    async recall(p: Principal, documentId: string, reason: string): Promise<{ documentId: string; recipients: number }> {
      return requestChange(p, documentId, reason, 1);
    },

    /**
     * `POST /documents/:id/update` by a clerk of the sender: tells every recipient the document
     * changed (BussinessDocType 2; remote packages carry the current files); answered 15/16 too.
     * @throws AppError NOT_FOUND, FORBIDDEN, INVALID_STATE (never sent, or a notice is pending),
     *   SECRET_DOCUMENT_NOT_EXCHANGEABLE (a secret document with remote recipients)
     */
    async update(p: Principal, documentId: string, reason: string): Promise<{ documentId: string; recipients: number }> {
      return requestChange(p, documentId, reason, 2);
    },

    /**
     * `POST /documents/:id/recall-answer` by a clerk of the recipient: 15 (agree) or 16 (refuse) to
     * the request named by `businessType` (1 recall, 2 update, 3 replace), or else to the oldest
     * pending one: the order its sender asked in, which is how the sender reads an answer that does
     * not say what it answers (a status package does not). Agreeing to a recall withdraws the copy: status recalled, its open
     * assignments closed with the sender's reason, kept for the record (Decree 30/2020 Art. 18.4);
     * agreeing to an update brings the files it carries into the copy as new versions.
     * @throws AppError NOT_FOUND, FORBIDDEN, INVALID_STATE (nothing pending to answer)
     */
    async answer(
      p: Principal,
      documentId: string,
      { accept, reason, businessType }: { accept: boolean; reason?: string; businessType?: 1 | 2 | 3 },
    ) {
      const result = await db.transaction(async (tx) => {
        const doc = await documents.findVisible(tx, p, documentId, { forUpdate: true });
        if (!doc) throw new AppError('NOT_FOUND', { message: 'document not found' });
        if (!isClerkOf(p, doc.ownerOrganizationId))
          throw new AppError('FORBIDDEN', { message: 'only a clerk of the recipient may answer a recall' });
        const notices = await inboundNoticesRepo.findInboundNotices(tx, doc.id, { lock: true });
        const asked = businessType === undefined ? notices : notices.filter((n) => n.businessType === businessType);
        const notice = oldestPending(asked);
        if (!notice) {
          const answered = asked[0]?.answer;
          const what =
            businessType === undefined ? 'recall or notice' : { 1: 'recall', 2: 'update notice', 3: 'replace notice' }[businessType];
          throw new AppError('INVALID_STATE', {
            message: answered ? `the ${what} was answered already (${answered})` : `the document has no pending ${what}`,
          });
        }
        const answer = accept ? ('agreed' as const) : ('refused' as const);
        const code = accept ? ('15' as const) : ('16' as const);
        const type = notice.businessType as 1 | 2 | 3;
        await inboundNoticesRepo.answerInboundRecall(tx, doc.id, notice.kind, answer, reason ?? null);
        if (notice.deliveryId) {
          const delivery = await deliveryStatusesRepo.recordAnswer(tx, notice.deliveryId, type, answer, { description: reason ?? null });
          if (delivery && type === 1 && accept) await documents.markIssuedRecalled(tx, delivery.documentId);
        }
        if (notice.receiptId) {
          // A row per (receipt, organisation, code): a later answer with the same code (a recall after
          // an update) is owed again, under a job of its own.
          await exchangeRepo.upsertOutboundStatus(tx, {
            receiptId: notice.receiptId,
            organizationId: doc.ownerOrganizationId,
            statusCode: code,
            description: reason ?? null,
          });
          await outbox.add(tx, {
            name: 'exchange.send-status',
            payload: { receiptId: notice.receiptId, organizationIds: [doc.ownerOrganizationId], statusCode: code },
            jobId: JOB_IDS.sendStatus(notice.receiptId, doc.ownerOrganizationId, code, notice),
            priority: priorityOfUrgency(doc.urgency),
          });
        }
        let files: DocumentFileRow[] = [];
        if (accept && type === 1) await handling.withdraw(tx, { documentId: doc.id, actorId: p.id, reason: notice.reason });
        if (accept && type === 2) files = await bringFiles(tx, p, doc.id, notice.files);
        await audit.record(tx, {
          actorId: p.id,
          organizationId: doc.ownerOrganizationId,
          action: 'document.recall-answer',
          subjectType: 'document',
          subjectId: doc.id,
          details: {
            businessType: type,
            answer,
            reason: reason ?? null,
            ...(files.length > 0
              ? { files: files.map((f) => ({ id: f.id, name: f.name, sha256: f.sha256, previousFileId: f.previousFileId })) }
              : {}),
          },
        });
        return { documentId: doc.id, businessType: type, answer, statusCode: code };
      });
      void outbox.kick();
      return result;
    },

    /**
     * `GET /documents/:id/recall`: the recall or the update/replace notice of an incoming document
     * the caller sees: the oldest pending one (what an answer without `businessType` answers), else
     * the latest answered; `pending` lists every request awaiting an answer.
     * @throws AppError NOT_FOUND (document not visible, or never recalled nor noticed)
     */
    async get(p: Principal, documentId: string) {
      const doc = await documents.findVisible(db, p, documentId);
      const notices = doc ? await inboundNoticesRepo.findInboundNotices(db, doc.id) : [];
      const recall = oldestPending(notices) ?? [...notices].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
      if (!recall) throw new AppError('NOT_FOUND', { message: 'no recall for this document' });
      return {
        documentId: recall.documentId,
        businessType: recall.businessType,
        reason: recall.reason,
        answer: recall.answer,
        answerReason: recall.answerReason,
        answeredAt: recall.answeredAt?.toISOString() ?? null,
        createdAt: recall.createdAt.toISOString(),
        pending: notices.filter((n) => n.answer === null).map((n) => PENDING_NOTICE[n.businessType] ?? 'update'),
      };
    },

    /** Of `documentIds` (a page of a list), which carry a recall or notice awaiting their clerk's answer. */
    async pendingNoticesOf(dbx: DbOrTx, documentIds: string[]): Promise<Map<string, PendingNotice[]>> {
      return inboundNoticesRepo.pendingNoticesOf(dbx, documentIds);
    },

    /**
     * Intake of a recall/update/replace package (BussinessDocType 1–3): links it to the incoming
     * documents the original package became here (same sender and DocumentId) as a pending recall
     * or notice (an update with the files it carries). Returns how many documents it reached.
     */
    async applyInboundBusiness(tx: Tx, pkg: InboundPackageRow): Promise<number> {
      const business = pkg.business as unknown as Business | null;
      const originalId = business?.documentId ?? pkg.documentId;
      const businessType = business?.docType ?? 1;
      const files = businessType === 2 ? noticeFilesOfPackage(pkg.attachments) : [];
      const originals = await inboundNoticesRepo.documentsOfInboundOriginal(tx, {
        peerId: pkg.peerId,
        senderOrganId: pkg.senderOrganId,
        documentId: originalId,
        exceptReceiptId: pkg.id,
      });
      for (const o of originals) {
        await inboundNoticesRepo.insertInboundRecall(tx, {
          documentId: o.documentId,
          kind: kindOf(businessType),
          businessType,
          reason: business?.reason ?? null,
          receiptId: o.receiptId,
          files,
        });
      }
      return originals.length;
    },
  };

  /** An agreed update's files into the copy (`planNoticeFiles`), sharing the stored bytes. */
  async function bringFiles(tx: Tx, p: Principal, documentId: string, brought: NoticeFile[]): Promise<DocumentFileRow[]> {
    const current = await documents.filesOf(tx, documentId);
    const hasMain = current.some((f) => f.kind === 'main');
    const rows = planNoticeFiles(current, brought).map(({ file, previous }) => ({
      id: randomUUID(),
      documentId,
      name: file.name,
      contentType: file.contentType,
      size: file.size,
      sha256: file.sha256,
      storageKey: file.storageKey,
      kind: previous?.kind ?? (file.kind === 'main' && !hasMain ? ('main' as const) : ('attachment' as const)),
      version: previous ? previous.version + 1 : 1,
      previousFileId: previous?.id ?? null,
      createdBy: p.id,
    }));
    return rows.length > 0 ? documents.insertFiles(tx, rows) : [];
  }
}

export type RecallService = ReturnType<typeof createRecallService>;
