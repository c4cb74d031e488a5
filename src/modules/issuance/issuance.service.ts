import type { Db, DbOrTx, Tx } from '../../db/client.js';
import { JOB_IDS } from '../../jobs/catalog.js';
import { AppError } from '../../lib/errors.js';
import { contextLogger, type Logger } from '../../lib/logger.js';
import type { DelegationsService } from '../approvals/delegations.service.js';
import type { ApprovedDraft, WorkflowService } from '../approvals/workflow.service.js';
import type { AuditService } from '../audit/audit.service.js';
import { isClerkOf, type Principal } from '../auth/principal.js';
import type { CalendarService } from '../calendar/calendar.service.js';
import type { DocumentRecords } from '../documents/document-records.service.js';
import type { DocumentsService } from '../documents/documents.service.js';
import type { Producer } from '../../jobs/producer.js';
import type { Outbox } from '../outbox/outbox.service.js';
import type { RegistersService } from '../registers/registers.service.js';
import type { CertificateTrustPolicy } from '../signing/certificate-trust.js';
import type { ServerSigningService, SignFileInput } from '../signing/server-signing.service.js';
import type { SignedEvent } from '../signing/signed-versions.js';
import type { SignatureAuthorization } from '../signing/signing-sessions.service.js';
import type { VerificationService } from '../signing/verification.service.js';
import type { AuthorityPrefix } from '../signing/pdf/appearance.js';
import type { SignedFileDto } from '../signing/signing.schemas.js';
import type { IssuanceDocumentRow, IssuanceRepo, UsableCertificate } from './issuance.repo.js';
import type { SignAcceptedDto, SignBody } from './issuance.schemas.js';
import { createIssuingStep } from './issuing.service.js';
import { sealAppearance } from './notation.js';

export type IssuanceServiceDeps = {
  db: Db;
  issuanceRepo: IssuanceRepo;
  /** Delegations (ủy quyền) a delegate signs under: the approvals module's data and rules. */
  delegations: Pick<DelegationsService, 'authoritiesOfUser'>;
  approvals: Pick<WorkflowService, 'readyToSign'>;
  documents: Pick<DocumentsService, 'getVisible' | 'issueFiles'>;
  /** Signing and issuing change the document's record (status, number, notation, date): a documents write. */
  documentRecords: Pick<DocumentRecords, 'update'>;
  registers: Pick<RegistersService, 'allocateNumber'>;
  signing: Pick<ServerSigningService, 'requestSignature' | 'signNow'>;
  /** Which stored certificates may sign (SIGNING_ALLOW_UNTRUSTED_CERTIFICATES), checked before a job is queued or a number taken. */
  certificateTrust: Pick<CertificateTrustPolicy, 'allowUntrusted' | 'mayUse' | 'assertMayUse'>;
  /** The signer's signature is verified (and its report stored) before the seal goes on. */
  verification: Pick<VerificationService, 'verifyAndStoreReport'>;
  outbox: Pick<Outbox, 'add' | 'kick'>;
  /** To find a failed signing job of the same id (BullMQ keeps failed jobs, and an add with their id is ignored). */
  producer: Pick<Producer, 'queue'>;
  calendar: Pick<CalendarService, 'today'>;
  audit: Pick<AuditService, 'record'>;
  logger: Pick<Logger, 'info' | 'warn'>;
};

/** Who signs an approved draft and how: in their own name, or under a prefix for someone else. */
export type SigningAuthority = {
  userId: string;
  prefix: AuthorityPrefix | null;
  /** The leader the signature is given for (KT./TL./TUQ./Q.), whose title goes above the signer's. */
  actingForId: string | null;
};

const upper = (s: string | null | undefined): string | undefined => (s ? s.toLocaleUpperCase('vi') : undefined);

/**
 * The last two acts on an outgoing document (Decree 30 Art. 13–14, 17, 32): the approved signer
 * signs the approved version (a worker job), which moves the document to 'signed'; then a clerk of
 * the owner organisation issues it: number and date from the outgoing register in one transaction
 * with the status change, and the agency seal queued through the outbox in that same transaction.
 */
export function createIssuanceService(deps: IssuanceServiceDeps) {
  const {
    db,
    issuanceRepo: repo,
    delegations,
    approvals,
    documents,
    documentRecords,
    registers,
    signing,
    certificateTrust,
    verification,
    outbox,
    producer,
    calendar,
    audit,
    logger,
  } = deps;

  /**
   * The certificate a server-side signature of `owner` uses when none is named: the newest active
   * one valid now that the trust rule allows. A newer certificate from a CA outside the trust list
   * does not stop a person (or a seal) who still holds a trusted one.
   * @throws AppError UNPROCESSABLE (details.reason `missing`: none active and valid), CERTIFICATE_NOT_TRUSTED (none chains)
   */
  async function signingCertificate(
    dbx: DbOrTx,
    owner: { userId: string } | { organizationId: string },
    missing: { reason: string; message: string },
  ): Promise<UsableCertificate> {
    const usable = await repo.usableCertificates(dbx, owner, new Date());
    if (usable.length === 0) throw new AppError('UNPROCESSABLE', { message: missing.message, details: { reason: missing.reason } });
    const allowed = usable.find((c) => certificateTrust.mayUse(c));
    // None may sign: refused with the newest one's trust as the reason.
    if (!allowed) certificateTrust.assertMayUse(usable[0]);
    return allowed ?? usable[0];
  }

  /**
   * Whether `userId` may sign the approved draft: the signer the workflow named (with the prefix
   * they approved under), or a user holding a valid delegation with signing scope from that signer
   * (the same chain rules as approvals: resolveAuthorities).
   */
  async function signingAuthority(dbx: DbOrTx, userId: string, ready: ApprovedDraft): Promise<SigningAuthority | null> {
    if (ready.signerUserId === null) return null;
    if (userId === ready.signerUserId) {
      return { userId, prefix: (ready.signerAuthority as AuthorityPrefix | null) ?? null, actingForId: ready.signerActingForId };
    }
    const authorities = await delegations.authoritiesOfUser(dbx, userId);
    const held = authorities.find((a) => a.sign && a.forUserId === ready.signerUserId);
    return held ? { userId, prefix: held.prefix, actingForId: held.forUserId } : null;
  }

  /**
   * Who may give the signer's signature of a document, on which file and with which appearance:
   * the signer the approval named (or their delegate), on the approved version of an approved
   * outgoing draft. Every path obeys it: the signing job (requestSign, signNow) and external
   * signing sessions (authorizeSignature).
   * @throws AppError NOT_FOUND (unknown or invisible), INVALID_STATE (not approved, no signer),
   *   FORBIDDEN (not the signer nor their delegate)
   */
  async function signerAuthorization(
    p: Principal,
    documentId: string,
  ): Promise<{ input: SignatureAuthorization; authority: SigningAuthority }> {
    const doc = await repo.findDocument(db, documentId);
    if (!doc) throw new AppError('NOT_FOUND', { message: 'document not found' });
    const ready = doc.direction === 'outgoing' ? await approvals.readyToSign(db, documentId) : undefined;
    const authority = ready ? await signingAuthority(db, p.id, ready) : null;
    if (!ready || !authority) {
      // The signer (or delegate) is entitled to the draft; anyone else learns nothing they may not see.
      await documents.getVisible(p, documentId);
      if (!ready)
        throw new AppError('INVALID_STATE', {
          message: `only an approved draft is signed; this document is ${doc.status}`,
          details: { status: doc.status },
        });
      if (ready.signerUserId === null)
        throw new AppError('INVALID_STATE', {
          message: 'the approval workflow had no signing step, so nobody is named to sign',
          details: { reason: 'NO_SIGNER' },
        });
      throw new AppError('FORBIDDEN', {
        message: 'only the signer named by the approval (or a delegate with signing scope) signs this document',
      });
    }
    const [actingFor] = authority.actingForId ? await repo.usersByIds(db, [authority.actingForId]) : [];
    const input: SignatureAuthorization = {
      documentId,
      fileId: ready.mainFileId,
      signerUserId: p.id,
      kind: 'signer',
      name: p.fullName,
      // Appendix I prints titles in capitals: "KT. CHỦ TỊCH" above "PHÓ CHỦ TỊCH".
      position: upper(p.position),
      authorityPrefix: authority.prefix ?? undefined,
      authorityTitle: authority.prefix ? upper(actingFor?.position) : undefined,
      reason: 'Ký ban hành văn bản',
    };
    return { input, authority };
  }

  /**
   * The signature job's input for `p` on the approved draft, after every check.
   * @throws AppError as signerAuthorization, VALIDATION_FAILED (certificate not the caller's), UNPROCESSABLE (no usable certificate),
   *   CERTIFICATE_NOT_TRUSTED (the certificate does not chain to the trust list and untrusted ones are not allowed)
   */
  async function signatureInput(
    p: Principal,
    documentId: string,
    body: SignBody,
  ): Promise<{ input: SignFileInput; authority: SigningAuthority }> {
    const { input, authority } = await signerAuthorization(p, documentId);
    let cert: UsableCertificate | undefined;
    if (body.certificateId) {
      cert = await repo.findCertificate(db, body.certificateId);
      if (!cert || cert.kind !== 'person' || cert.ownerUserId !== p.id)
        throw new AppError('VALIDATION_FAILED', { message: 'the certificate is not one of your personal certificates' });
      if (!cert.active)
        throw new AppError('UNPROCESSABLE', { message: 'the certificate is deactivated', details: { reason: 'CERTIFICATE_INACTIVE' } });
      certificateTrust.assertMayUse(cert);
    } else {
      cert = await signingCertificate(
        db,
        { userId: p.id },
        { reason: 'NO_CERTIFICATE', message: 'you have no active, valid personal certificate; upload one first' },
      );
    }

    return { input: { ...input, certificateId: cert.id }, authority };
  }

  /**
   * Only a clerk of the owner organisation issues and seals its documents (Decree 30 Art. 32: the
   * clerk holds the agency's seal). Answers 404 to whoever may not see the document.
   * @throws AppError NOT_FOUND, FORBIDDEN
   */
  async function assertClerkOfOwner(dbx: DbOrTx, p: Principal, doc: IssuanceDocumentRow, what: string): Promise<void> {
    await documents.getVisible(p, doc.id, dbx);
    if (!isClerkOf(p, doc.ownerOrganizationId))
      throw new AppError('FORBIDDEN', { message: `only a clerk of the issuing organisation ${what}` });
  }

  /**
   * The agency seal by a clerk of the owner organisation, on the version carrying the signer's
   * signature of an issued document, showing its number and date: what issue() queues, and all an
   * external seal session may do.
   * @throws AppError NOT_FOUND, FORBIDDEN, INVALID_STATE
   */
  async function sealAuthorization(p: Principal, documentId: string, fileId: string): Promise<SignatureAuthorization> {
    const doc = await repo.findDocument(db, documentId);
    if (!doc) throw new AppError('NOT_FOUND', { message: 'document not found' });
    await assertClerkOfOwner(db, p, doc, 'applies its seal');
    if (doc.direction !== 'outgoing' || doc.status !== 'issued' || !doc.number || !doc.notation || !doc.promulgationDate) {
      throw new AppError('INVALID_STATE', {
        message: `the agency seal goes on an issued outgoing document; this one is ${doc.status}`,
        details: { status: doc.status },
      });
    }
    const signed = await repo.mainFileSignature(db, documentId, 'signer');
    if (signed?.outputFileId !== fileId) {
      throw new AppError('INVALID_STATE', {
        message: "the agency seal goes on the version of the main file carrying the signer's signature",
        details: { reason: 'NOT_SIGNED_VERSION', fileId: signed?.outputFileId ?? null },
      });
    }
    return {
      documentId,
      fileId,
      kind: 'seal',
      signerUserId: p.id,
      ...sealAppearance(`${doc.number}/${doc.notation}`, doc.promulgationDate),
    };
  }

  /**
   * The signer's signature on the main file, verified now: intact, its value verifying and its
   * certificate chaining to the trust list. The seal must not vouch for a signature its own report
   * calls untrusted (a self-signed certificate named as the Chairman), unless the administrator
   * allowed signing with untrusted certificates (SIGNING_ALLOW_UNTRUSTED_CERTIFICATES): then the
   * chain is not asked for, integrity and the signature value still are.
   * @throws AppError INVALID_STATE (no signer signature), SIGNATURE_NOT_TRUSTED
   */
  async function trustedSignerSignature(dbx: DbOrTx, documentId: string) {
    const signed = await repo.mainFileSignature(dbx, documentId, 'signer');
    if (!signed)
      throw new AppError('INVALID_STATE', {
        message: "the document carries no signer's signature",
        details: { reason: 'NOT_SIGNED_BY_SIGNER' },
      });
    const report = await verification.verifyAndStoreReport(documentId, signed.outputFileId);
    const own = report.signatures.find((r) => r.field === signed.fieldName);
    if (!own || !own.integrityValid || !own.signatureValid || (!own.chainTrusted && !certificateTrust.allowUntrusted)) {
      throw new AppError('SIGNATURE_NOT_TRUSTED', {
        message: "the signer's signature is not valid and trusted, so the document is not issued",
        details: {
          fileId: signed.outputFileId,
          field: signed.fieldName,
          integrityValid: own?.integrityValid ?? false,
          signatureValid: own?.signatureValid ?? false,
          chainTrusted: own?.chainTrusted ?? false,
          problems: own?.problems ?? [report.error ?? 'the signature is not in the file'],
        },
      });
    }
    return signed;
  }

  /**
   * The approved signer's signature has been stored (signing service hook, same transaction): the
   * draft becomes 'signed' and carries the actual signer. Signatures of other documents, other
   * files or of the seal pass through. A signer signature by someone not entitled is refused,
   * which rolls the signature back (an external device could otherwise sign for the leader).
   */
  async function onSigned(tx: Tx, e: SignedEvent): Promise<void> {
    if (e.kind !== 'signer') return;
    const doc = await repo.lockDocument(tx, e.documentId);
    if (!doc || doc.direction !== 'outgoing' || doc.status !== 'approved') return;
    const ready = await approvals.readyToSign(tx, e.documentId);
    if (!ready || ready.mainFileId !== e.inputFileId) return;
    const authority = await signingAuthority(tx, e.signerUserId, ready);
    if (!authority)
      throw new AppError('FORBIDDEN', {
        message: 'only the signer named by the approval (or a delegate with signing scope) signs this document',
      });
    const [signer] = await repo.usersByIds(tx, [e.signerUserId]);
    await documentRecords.update(tx, e.documentId, {
      status: 'signed',
      signerName: signer?.fullName ?? doc.signerName,
      signerPosition: signer?.position ?? doc.signerPosition,
      signerAuthority: authority.prefix,
    });
    contextLogger(logger).info({ documentId: e.documentId, signatureId: e.signatureId }, 'outgoing document signed');
  }

  const issuing = createIssuingStep({
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
  });

  return {
    ...issuing,
    signingAuthority,
    onSigned,

    /**
     * The signing rules for a signature `p` starts on a document file (signing sessions call it):
     * the signer's as signerAuthorization, on the approved version only; the seal as sealAuthorization.
     * @throws AppError NOT_FOUND, FORBIDDEN, INVALID_STATE
     */
    async authorizeSignature(p: Principal, documentId: string, fileId: string, kind: 'signer' | 'seal'): Promise<SignatureAuthorization> {
      if (kind === 'seal') return sealAuthorization(p, documentId, fileId);
      const { input } = await signerAuthorization(p, documentId);
      if (input.fileId !== fileId) {
        throw new AppError('INVALID_STATE', {
          message: 'only the approved version of the main file is signed',
          details: { reason: 'NOT_APPROVED_VERSION', fileId: input.fileId },
        });
      }
      return input;
    },

    /**
     * `POST /documents/:id/sign`: queues the signer's PAdES signature of the approved version
     * (job `sign.<doc>.<file>.signer`, so asking twice is one job). The worker's success moves the
     * document to 'signed' (onSigned).
     * @throws AppError as signatureInput
     */
    async requestSign(p: Principal, documentId: string, body: SignBody): Promise<SignAcceptedDto> {
      const { input, authority } = await signatureInput(p, documentId, body);
      // A job that failed for good (certificate deactivated meanwhile...) keeps its id in BullMQ, so
      // a new request would be silently ignored: remove it so that the signer can try again.
      const previous = await producer.queue('signing')?.getJob(JOB_IDS.signFile(documentId, input.fileId, 'signer'));
      if (previous && (await previous.isFailed())) await previous.remove();
      const { jobId } = await signing.requestSignature(input);
      return { documentId, fileId: input.fileId, jobId, authorityPrefix: authority.prefix };
    },

    /**
     * The same signature, synchronously (same checks, same signing path as the worker's job):
     * for scripts and tests that do not run workers.
     * @throws AppError as signatureInput and ServerSigningService.signNow
     */
    async signNow(p: Principal, documentId: string, body: SignBody): Promise<SignedFileDto> {
      const { input } = await signatureInput(p, documentId, body);
      return signing.signNow({ ...input, requestId: JOB_IDS.signFile(documentId, input.fileId, 'signer') });
    },
  };
}

export type IssuanceService = ReturnType<typeof createIssuanceService>;
