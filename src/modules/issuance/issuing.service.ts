import type { Db, DbOrTx, Tx } from '../../db/client.js';
import { JOB_IDS } from '../../jobs/catalog.js';
import { AppError } from '../../lib/errors.js';
import { contextLogger, type Logger } from '../../lib/logger.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import type { CalendarService } from '../calendar/calendar.service.js';
import type { DocumentRecords } from '../documents/document-records.service.js';
import type { DocumentsService } from '../documents/documents.service.js';
import { searchTextOf } from '../documents/documents.rules.js';
import type { Outbox } from '../outbox/outbox.service.js';
import type { RegistersService } from '../registers/registers.service.js';
import type { IssuanceDocumentRow, IssuanceRepo, UsableCertificate } from './issuance.repo.js';
import type { IssueBody, IssueResultDto } from './issuance.schemas.js';
import { notationFormatter, sealAppearance } from './notation.js';

export type IssuingStepDeps = {
  db: Db;
  issuanceRepo: Pick<
    IssuanceRepo,
    'findDocument' | 'lockDocument' | 'mainFileSignature' | 'findOrganization' | 'findDraft' | 'draftVersions'
  >;
  documents: Pick<DocumentsService, 'issueFiles'>;
  /** Issuing changes the document's record (number, notation, date, status): a documents write. */
  documentRecords: Pick<DocumentRecords, 'update'>;
  registers: Pick<RegistersService, 'allocateNumber'>;
  outbox: Pick<Outbox, 'add' | 'kick'>;
  calendar: Pick<CalendarService, 'today'>;
  audit: Pick<AuditService, 'record'>;
  logger: Pick<Logger, 'info' | 'warn'>;
  /** The signing rules issuing checks again (issuance.service). */
  rules: {
    assertClerkOfOwner(dbx: DbOrTx, p: Principal, doc: IssuanceDocumentRow, what: string): Promise<void>;
    trustedSignerSignature(dbx: DbOrTx, documentId: string): Promise<{ id: string }>;
    signingCertificate(
      dbx: DbOrTx,
      owner: { userId: string } | { organizationId: string },
      missing: { reason: string; message: string },
    ): Promise<UsableCertificate>;
  };
};

/**
 * Issuing a signed outgoing document (Decree 30 Art. 15, 17): its number from the outgoing register,
 * notation and date, its files named from them, and the agency seal queued, in one transaction.
 */
export function createIssuingStep({
  db,
  issuanceRepo: repo,
  documents,
  documentRecords,
  registers,
  outbox,
  calendar,
  audit,
  logger,
  rules: { assertClerkOfOwner, trustedSignerSignature, signingCertificate },
}: IssuingStepDeps) {
  /** Issuing needs a signed outgoing document. @throws AppError INVALID_STATE */
  function assertIssuable(doc: IssuanceDocumentRow): void {
    if (doc.direction !== 'outgoing' || doc.status !== 'signed') {
      throw new AppError('INVALID_STATE', {
        message:
          doc.status === 'issued'
            ? `the document is already issued as ${doc.number}/${doc.notation}`
            : `only a signed outgoing document is issued; this one is ${doc.status}`,
        details: { status: doc.status, number: doc.number, notation: doc.notation },
      });
    }
  }

  /**
   * The issued document's files, in the issuing transaction: the approved version (the main file as
   * the signer signed it, and that version's attachments in the drafter's order) is named from the
   * số/ký hiệu, and the files of the other draft versions are retired, so that recipients get the
   * issued document and nothing of its drafting (documents.issueFiles).
   */
  async function issuedFiles(
    tx: Tx,
    documentId: string,
    code: { number: string; notation: string },
    signed: { inputFileId: string; outputFileId: string },
  ) {
    const versions = await repo.draftVersions(tx, documentId);
    const issuedVersion = versions.find((v) => v.mainFileId === signed.inputFileId);
    const retiredRootIds = versions.filter((v) => v !== issuedVersion).flatMap((v) => [v.mainFileId, ...v.attachmentFileIds]);
    return documents.issueFiles(tx, documentId, {
      number: code.number,
      notation: code.notation,
      mainFileId: signed.outputFileId,
      attachmentOrder: issuedVersion?.attachmentFileIds ?? [],
      retiredRootIds,
    });
  }

  return {
    /**
     * `POST /documents/:id/issue`: in one transaction, the next number of the owner organisation's
     * outgoing register for this (Vietnamese) year, the notation, the issue date, status 'issued',
     * the files named from the số/ký hiệu (earlier draft versions retired: issuedFiles), the agency
     * seal job (outbox: it exists if and only if the issue commits) and the audit event.
     * Every check runs before the number is taken and any failure rolls it back, so no number is burned.
     * @throws AppError NOT_FOUND, FORBIDDEN (not a clerk of the owner organisation), INVALID_STATE (not
     *   signed), SIGNATURE_NOT_TRUSTED (the signer's signature is not valid and trusted),
     *   UNPROCESSABLE (no seal certificate, no abbreviation, type without notation),
     *   CERTIFICATE_NOT_TRUSTED (no seal certificate chains to the trust list, untrusted ones not allowed)
     */
    async issue(p: Principal, documentId: string, body: IssueBody): Promise<IssueResultDto> {
      // The signer's signature is verified before the transaction: reading and checking the PDF
      // must hold neither the document's lock nor a second pooled connection. The same checks
      // run first so that only a clerk who may issue learns anything about the signature.
      const before = await repo.findDocument(db, documentId);
      if (!before) throw new AppError('NOT_FOUND', { message: 'document not found' });
      await assertClerkOfOwner(db, p, before, 'issues its documents');
      assertIssuable(before);
      const verified = await trustedSignerSignature(db, documentId);

      const result = await db.transaction(async (tx) => {
        const doc = await repo.lockDocument(tx, documentId);
        if (!doc) throw new AppError('NOT_FOUND', { message: 'document not found' });
        await assertClerkOfOwner(tx, p, doc, 'issues its documents');
        assertIssuable(doc);
        const signed = await repo.mainFileSignature(tx, documentId, 'signer');
        // Signatures are never replaced, so this is the one verified above; anything else is a race lost.
        if (signed?.id !== verified.id)
          throw new AppError('INVALID_STATE', { message: "the signer's signature changed while issuing; try again" });

        const org = await repo.findOrganization(tx, doc.ownerOrganizationId);
        const draft = await repo.findDraft(tx, documentId);
        const unit = draft ? await repo.findOrganization(tx, draft.draftingUnitId) : undefined;
        const today = calendar.today();
        const year = Number(today.slice(0, 4));
        // Checked before allocating: a missing abbreviation or seal must not burn a number.
        const format = notationFormatter({
          typeName: doc.typeName,
          organizationAbbreviation: org?.abbreviation,
          unitAbbreviation: body.unitAbbreviation ?? unit?.abbreviation,
          year,
          legalNormative: body.legalNormative,
        });
        const seal = await signingCertificate(
          tx,
          { organizationId: doc.ownerOrganizationId },
          { reason: 'NO_SEAL_CERTIFICATE', message: 'the organisation has no active, valid seal certificate' },
        );

        const allocated = await registers.allocateNumber(tx, {
          organizationId: doc.ownerOrganizationId,
          direction: 'outgoing',
          year,
          typeName: doc.typeName,
          confidentiality: doc.confidentiality,
        });
        const code = format(allocated.number);
        await documentRecords.update(tx, documentId, {
          number: code.number,
          notation: code.notation,
          promulgationDate: today,
          status: 'issued',
          registerId: allocated.registerId,
          // Internal recipients' copies take this text (exchange fan-out): it names the issuer for them.
          searchText: searchTextOf({ number: code.number, notation: code.notation, subject: doc.subject, issuerName: org?.name }),
        });
        const files = await issuedFiles(tx, documentId, code, signed);

        const sealJobId = JOB_IDS.signFile(documentId, signed.outputFileId, 'seal');
        await outbox.add(tx, {
          name: 'signing.sign-file',
          jobId: sealJobId,
          payload: {
            documentId,
            fileId: signed.outputFileId,
            certificateId: seal.id,
            signerUserId: p.id,
            kind: 'seal',
            ...sealAppearance(code.code, today),
            requestId: sealJobId,
          },
        });
        await audit.record(tx, {
          actorId: p.id,
          organizationId: doc.ownerOrganizationId,
          action: 'document.issue',
          subjectType: 'document',
          subjectId: documentId,
          details: {
            number: code.number,
            notation: code.notation,
            registerId: allocated.registerId,
            registerName: allocated.registerName,
            registerNumber: allocated.number,
            promulgationDate: today,
            signedFileId: signed.outputFileId,
            sealJobId,
            sealCertificateId: seal.id,
            files: files.renames,
            supersededFileIds: files.superseded,
          },
        });
        return {
          documentId,
          number: code.number,
          notation: code.notation,
          code: code.code,
          registerId: allocated.registerId,
          registerName: allocated.registerName,
          promulgationDate: today,
          sealJobId,
          signedFileId: signed.outputFileId,
        };
      });
      // Publish at once; if Redis is down the workers' relay publishes the committed row later.
      await outbox.kick().catch((err: unknown) => contextLogger(logger).warn({ err, documentId }, 'outbox kick after issue failed'));
      return result;
    },
  };
}
