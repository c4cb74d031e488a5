import { randomUUID } from 'node:crypto';
import { isAppError } from '../../lib/errors.js';
import type { ObjectStorage } from '../../storage/object-storage.js';
import { JOB_IDS } from '../../jobs/catalog.js';
import type { Db } from '../../db/client.js';
import { AUTHORITY_PREFIXES, type InboundAttachment, type Urgency } from '../../db/schema/index.js';
import type { AuditService } from '../audit/audit.service.js';
import { isDocumentType, canonicalDocumentType } from '../documents/document-types.js';
import type { DocumentRecords } from '../documents/document-records.service.js';
import { searchTextOf } from '../documents/documents.rules.js';
import type { Outbox } from '../outbox/outbox.service.js';
import type { TrackingService } from '../tracking/tracking.service.js';
import { priorityOfUrgency } from '../outbox/priority.js';
import type { EdocHeader, StatusInfo } from './edxml/index.js';
import type { ExchangeRepo, InboundPackageRow, LocalOrganization } from './exchange.repo.js';
import type { PackageUnpacker } from './inbound-package.js';
import type { RecallService } from './recall.service.js';
import type { StatusFeedback } from './status-feedback.service.js';
import { urgencyOfPriority } from './urgency.js';

export type IntakeServiceDeps = {
  db: Db;
  exchangeRepo: ExchangeRepo;
  documents: Pick<DocumentRecords, 'receivedInserts'>;
  /** Tracking opens each copy's custody chain (the clerks of the receiving unit hold it). */
  custody: Pick<TrackingService, 'openReceivedInsert'>;
  audit: Pick<AuditService, 'record' | 'recordStatement'>;
  outbox: Pick<Outbox, 'addMany' | 'complete' | 'completeStatement' | 'insertStatement' | 'publishCommitted'>;
  /** Where the raw package is read back from for its attachments. */
  storage: Pick<ObjectStorage, 'getStream'>;
  unpacker: PackageUnpacker;
  /** Applies an inbound status package to the sender's delivery view (dispatch side). */
  statusFeedback?: Pick<StatusFeedback, 'applyInboundStatus'>;
  /** Links a recall/update/replace package (BussinessDocType 1–3) to the documents it names. */
  recall?: Pick<RecallService, 'applyInboundBusiness'>;
};

export type IntakeResult =
  | { outcome: 'skipped'; reason: string }
  | { outcome: 'status-recorded' }
  | { outcome: 'linked'; documents: number }
  | { outcome: 'waiting'; reason: string }
  | { outcome: 'failed'; reason: string }
  | { outcome: 'refused'; reason: string }
  | { outcome: 'delivered'; created: { organizationId: string; documentId: string }[]; unknownRecipients: string[] };

/** The most units one send-status job answers for (its payload's limit in src/jobs/catalog.ts). */
const STATUS_UNITS_PER_JOB = 500;

function authorityOf(competence: string | null): (typeof AUTHORITY_PREFIXES)[number] | null {
  const c = competence?.trim().toUpperCase() ?? '';
  return AUTHORITY_PREFIXES.find((p) => c.startsWith(p)) ?? null;
}

const typeNameOf = (h: EdocHeader): string => {
  const given = h.documentType.typeName?.trim();
  if (!given) return 'Công văn';
  // A known type is stored in its canonical spelling; an unknown one as the sender wrote it.
  return isDocumentType(given) ? canonicalDocumentType(given) : given;
};

/**
 * The worker side of inbound exchange: turns an accepted package into an incoming document in each
 * addressed organisation of this deployment (sharing the stored attachment bytes) and queues
 * status 01 back; records inbound status packages. Idempotent per (receipt, organisation).
 */
export function createIntakeService({
  db,
  exchangeRepo,
  documents,
  custody,
  audit,
  outbox,
  storage,
  unpacker,
  statusFeedback,
  recall,
}: IntakeServiceDeps) {
  /**
   * The status each of `organizationIds` owes the sender about a receipt: the rows to send and
   * their jobs, one per STATUS_UNITS_PER_JOB units (a job per unit would cost a queue round and
   * two statements each). Written published, without NOTIFY (it serialises the commits of every
   * intake): the caller adds the jobs after its commit (publishCommitted).
   */
  function statusesOwed(
    receiptId: string,
    organizationIds: string[],
    { statusCode, description, urgency }: { statusCode: '01' | '02'; description?: string; urgency: Urgency },
  ) {
    const jobs = [];
    for (let i = 0; i < organizationIds.length; i += STATUS_UNITS_PER_JOB) {
      const units = organizationIds.slice(i, i + STATUS_UNITS_PER_JOB);
      jobs.push({
        name: 'exchange.send-status' as const,
        payload: { receiptId, organizationIds: units, statusCode },
        jobId: JOB_IDS.sendStatus(receiptId, units[0], statusCode),
        priority: priorityOfUrgency(urgency),
      });
    }
    return { rows: organizationIds.map((organizationId) => ({ receiptId, organizationId, statusCode, description })), jobs };
  }

  /**
   * Decodes, sniffs and stores the attachments of a package accepted on its header alone, next to
   * its raw bytes (unpacking again writes the same objects); the caller records them on the receipt.
   * `{ refused }` with the reason when the rest of the package is refused (nothing of it stays stored).
   */
  async function unpack(pkg: InboundPackageRow): Promise<InboundPackageRow | { refused: string }> {
    const prefix = pkg.rawStorageKey.slice(0, pkg.rawStorageKey.lastIndexOf('/') + 1);
    try {
      const { attachments, refusedAttachments } = await unpacker.unpack(await storage.getStream(pkg.rawStorageKey), prefix);
      return { ...pkg, attachments, refusedAttachments, attachmentsPending: false };
    } catch (err) {
      if (isAppError(err) && err.code === 'VALIDATION_FAILED') return { refused: err.message };
      throw err;
    }
  }

  /**
   * A package whose attachments the parser refuses (malformed XML or base64 after the header, a
   * limit, control characters) is returned to its sender: the receipt fails with the reason, and
   * every addressed unit of this deployment answers status 02 with it (Decree 30 art. 21: an invalid
   * electronic document is returned through the system). The raw bytes stay as what came.
   */
  async function refuse(
    pkg: InboundPackageRow,
    orgs: LocalOrganization[],
    reason: string,
    jobId: string | undefined,
  ): Promise<IntakeResult> {
    const description = `Từ chối tiếp nhận: gói tin không hợp lệ (${reason})`.slice(0, 1000);
    const owed = statusesOwed(
      pkg.id,
      orgs.map((org) => org.id),
      { statusCode: '02', description, urgency: urgencyOfPriority((pkg.header as unknown as EdocHeader).otherInfo?.priority ?? null) },
    );
    const refused = await db.transaction(async (tx) => {
      await exchangeRepo.lockReceipt(tx, pkg.id);
      // A concurrent run of the same job (a duplicate, a replay) may have refused it meanwhile.
      if ((await exchangeRepo.findPackage(tx, pkg.id))?.state !== 'accepted') {
        await outbox.complete(tx, jobId);
        return false;
      }
      await exchangeRepo.finishPackage(tx, pkg.id, { state: 'failed', error: reason });
      await exchangeRepo.insertOutboundStatuses(tx, owed.rows);
      await outbox.addMany(tx, owed.jobs, { publishedByCaller: true });
      await audit.record(tx, {
        actorId: null,
        organizationId: null,
        action: 'exchange.inbound.refuse',
        subjectType: 'inbound_package',
        subjectId: pkg.id,
        details: { reason, peerId: pkg.peerId, from: pkg.senderOrganId, documentId: pkg.documentId, recipients: pkg.recipientOrganIds },
      });
      await outbox.complete(tx, jobId);
      return true;
    });
    if (!refused) return { outcome: 'skipped', reason: 'receipt already refused' };
    void outbox.publishCommitted(owed.jobs);
    return { outcome: 'refused', reason };
  }

  async function recordStatus(pkg: InboundPackageRow, jobId: string | undefined): Promise<IntakeResult> {
    const status = pkg.header as unknown as StatusInfo;
    await db.transaction(async (tx) => {
      await exchangeRepo.lockReceipt(tx, pkg.id);
      await exchangeRepo.insertInboundStatus(tx, {
        receiptId: pkg.id,
        peerId: pkg.peerId,
        senderOrganId: pkg.senderOrganId,
        documentId: pkg.documentId,
        statusCode: status.statusCode,
        description: status.description,
        statusTimestamp: status.timestamp,
      });
      await statusFeedback?.applyInboundStatus(tx, {
        documentId: pkg.documentId,
        senderOrganId: pkg.senderOrganId,
        statusCode: status.statusCode,
        description: status.description,
        timestamp: status.timestamp,
      });
      await exchangeRepo.finishPackage(tx, pkg.id, { state: 'processed' });
      await outbox.complete(tx, jobId);
    });
    return { outcome: 'status-recorded' };
  }

  /**
   * A recall (1) or update (2) names an earlier package: it becomes a pending answer on its
   * documents, not a new document. When that package came but is not taken in yet (its intake
   * queued or retrying), the notice waits for it, left accepted: that intake applies it after
   * making the documents, so a notice never overtakes what it is about.
   */
  async function applyBusiness(
    pkg: InboundPackageRow,
    jobId: string | undefined,
    linker: Pick<RecallService, 'applyInboundBusiness'>,
  ): Promise<IntakeResult> {
    const originalId = (pkg.business as { documentId?: string | null } | null)?.documentId ?? pkg.documentId;
    const documents = await db.transaction(async (tx) => {
      await exchangeRepo.lockReceipt(tx, pkg.id);
      const n = await linker.applyInboundBusiness(tx, pkg);
      const original =
        n > 0
          ? []
          : await exchangeRepo.notTakenInAbout(tx, {
              peerId: pkg.peerId,
              senderOrganId: pkg.senderOrganId,
              documentId: originalId,
              exceptId: pkg.id,
              notices: false,
            });
      if (original.length === 0)
        await exchangeRepo.finishPackage(
          tx,
          pkg.id,
          n > 0 ? { state: 'processed' } : { state: 'failed', error: 'the package names no document received here' },
        );
      await outbox.complete(tx, jobId);
      return original.length > 0 ? null : n;
    });
    return documents === null
      ? { outcome: 'waiting', reason: 'the document it names is not taken in yet' }
      : { outcome: 'linked', documents };
  }

  /**
   * Takes a document package in: a document in each addressed organisation of this deployment not
   * served yet, all written by one statement (documents, files, custody, deliveries, statuses 01
   * and their jobs, the receipt processed, the job's row completed, audit). `unpacked`: this run
   * decoded the attachments, which are recorded on the receipt with the rest.
   */
  async function deliver(
    pkg: InboundPackageRow,
    orgs: LocalOrganization[],
    jobId: string | undefined,
    { unpacked = false } = {},
  ): Promise<IntakeResult> {
    const businessType = (pkg.business as { docType?: number | null } | null)?.docType ?? 0;
    // Any outcome but a delivery records the attachments unpacked by this run on their own first.
    const recordUnpacked = async () => {
      if (unpacked) await exchangeRepo.recordAttachments(db, pkg.id, pkg);
    };
    // A replace (3) is a new document: delivered as such, and a notice on the copies it replaces.
    if (recall && (businessType === 1 || businessType === 2)) {
      await recordUnpacked();
      return applyBusiness(pkg, jobId, recall);
    }
    const header = pkg.header as unknown as EdocHeader;
    const urgency = urgencyOfPriority(header.otherInfo?.priority ?? null);
    const known = new Set(orgs.map((o) => o.code));
    const unknownRecipients = pkg.recipientOrganIds.filter((c) => !known.has(c));

    if (orgs.length === 0) {
      const reason = `no addressed organisation belongs to this deployment (${pkg.recipientOrganIds.join(', ')})`;
      await recordUnpacked();
      await db.transaction(async (tx) => {
        await exchangeRepo.finishPackage(tx, pkg.id, { state: 'failed', error: reason, unknownRecipients });
        await outbox.complete(tx, jobId);
      });
      return { outcome: 'failed', reason };
    }

    const { created, jobs } = await db.transaction(async (tx) => {
      await exchangeRepo.lockReceipt(tx, pkg.id);
      const done = await exchangeRepo.deliveredOrganizations(tx, pkg.id);
      const made = orgs.filter((org) => !done.has(org.id)).map((org) => ({ organizationId: org.id, documentId: randomUUID() }));
      const owed = statusesOwed(
        pkg.id,
        made.map((m) => m.organizationId),
        { statusCode: '01', urgency },
      );
      const typeName = typeNameOf(header);
      const searchText = searchTextOf({
        number: header.code.number,
        notation: header.code.notation,
        subject: header.subject,
        issuerName: header.from.organName,
      });
      const copies = made.map(({ organizationId, documentId }) => ({
        id: documentId,
        direction: 'incoming' as const,
        ownerOrganizationId: organizationId,
        typeName,
        number: header.code.number,
        notation: header.code.notation,
        subject: header.subject,
        issuerOrganizationId: null,
        issuerCode: header.from.organId,
        issuerName: header.from.organName,
        signerName: header.signer?.fullName ?? null,
        signerPosition: header.signer?.position ?? null,
        signerAuthority: authorityOf(header.signer?.competence ?? null),
        promulgationDate: header.promulgation.date,
        urgency,
        confidentiality: 'normal' as const,
        pageCount: header.otherInfo?.pageAmount ?? null,
        dueDate: header.dueDate,
        status: 'received' as const,
        searchText,
        createdBy: null,
      }));
      // The bytes stay where intake stored them: every recipient's file rows name the same keys.
      const files = made.flatMap(({ documentId }) =>
        pkg.attachments.map((a: InboundAttachment, i) => ({
          id: randomUUID(),
          documentId,
          name: a.name,
          contentType: a.contentType,
          size: a.size,
          sha256: a.sha256,
          storageKey: a.storageKey,
          kind: i === 0 ? ('main' as const) : ('attachment' as const),
          createdBy: null,
        })),
      );
      // On the document itself (its timeline shows it): the clerk sees what the sender sent but
      // was not kept, and can ask for it in an accepted format.
      const refusedEvents =
        pkg.refusedAttachments.length === 0
          ? []
          : made.map(({ organizationId, documentId }) =>
              audit.recordStatement({
                actorId: null,
                organizationId,
                action: 'exchange.attachments-refused',
                subjectType: 'document',
                subjectId: documentId,
                details: { receiptId: pkg.id, refusedAttachments: pkg.refusedAttachments },
              }),
            );
      const delivered =
        made.length === 0
          ? []
          : [
              ...documents.receivedInserts(copies, files),
              custody.openReceivedInsert(made.map((m) => ({ documentId: m.documentId, holderUnitId: m.organizationId }))),
              outbox.insertStatement(owed.jobs, { publishedByCaller: true }),
              ...refusedEvents,
              audit.recordStatement({
                actorId: null,
                organizationId: null,
                action: 'exchange.inbound.deliver',
                subjectType: 'inbound_package',
                subjectId: pkg.id,
                details: { sender: pkg.senderOrganId, documentId: pkg.documentId, documents: made, unknownRecipients },
              }),
            ];
      const { noticesWaiting } = await exchangeRepo.recordDelivery(tx, {
        receiptId: pkg.id,
        deliveries: made,
        statuses: owed.rows,
        unknownRecipients,
        unpacked: unpacked ? pkg : undefined,
        alongside: [...delivered, ...outbox.completeStatement(jobId)],
      });
      if (recall && businessType === 3 && made.length > 0) await recall.applyInboundBusiness(tx, pkg);
      if (recall && made.length > 0 && noticesWaiting) {
        // Recalls and updates of this document that came before it was taken in waited for it: they apply now, in the order they came.
        for (const notice of await exchangeRepo.notTakenInAbout(tx, {
          peerId: pkg.peerId,
          senderOrganId: pkg.senderOrganId,
          documentId: pkg.documentId,
          exceptId: pkg.id,
          notices: true,
        })) {
          await exchangeRepo.lockReceipt(tx, notice.id);
          // Read again under its lock: an update whose files its own job has not unpacked yet is
          // left to that job, which locks the notice too and so applies it after this commit.
          const fresh = await exchangeRepo.findPackage(tx, notice.id);
          if (!fresh || fresh.state !== 'accepted' || fresh.attachmentsPending) continue;
          const n = await recall.applyInboundBusiness(tx, fresh);
          await exchangeRepo.finishPackage(
            tx,
            notice.id,
            n > 0 ? { state: 'processed' } : { state: 'failed', error: 'the package names no document received here' },
          );
        }
      }
      return { created: made, jobs: owed.jobs };
    });
    void outbox.publishCommitted(jobs);
    return { outcome: 'delivered', created, unknownRecipients };
  }

  return {
    /**
     * Handles `exchange.process-inbound`: a no-op (apart from completing the outbox row) when the
     * receipt was processed before, so a re-published or duplicated job creates nothing.
     */
    async processInbound(receiptId: string, jobId: string | undefined): Promise<IntakeResult> {
      const found = await exchangeRepo.packageForIntake(db, receiptId);
      if (!found || found.pkg.state !== 'accepted') {
        await outbox.complete(db, jobId);
        return { outcome: 'skipped', reason: found ? `receipt already ${found.pkg.state}` : 'no such receipt' };
      }
      const { pkg, recipients } = found;
      if (pkg.kind === 'status') return recordStatus(pkg, jobId);
      if (!pkg.attachmentsPending) return deliver(pkg, recipients, jobId);
      const unpacked = await unpack(pkg);
      return 'refused' in unpacked
        ? refuse(pkg, recipients, unpacked.refused, jobId)
        : deliver(unpacked, recipients, jobId, { unpacked: true });
    },
  };
}

export type IntakeService = ReturnType<typeof createIntakeService>;
