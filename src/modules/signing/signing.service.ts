import { createHash, randomUUID, X509Certificate } from 'node:crypto';
import type { Readable } from 'node:stream';

import type { Db, DbOrTx, Tx } from '../../db/client.js';
import type { SignatureKind } from '../../db/schema/index.js';
import type { Producer } from '../../jobs/producer.js';
import { AppError, isAppError } from '../../lib/errors.js';
import type { Logger } from '../../lib/logger.js';
import type { ObjectStorage } from '../../storage/object-storage.js';
import type { AuditService } from '../audit/audit.service.js';
import { hasRoleOver, type Principal } from '../auth/principal.js';
import { fileReadFailure, type UploadPart } from '../../lib/multipart.js';
import { newDocumentObjectKey } from '../documents/upload.js';
import type { OrgsRepo } from '../orgs/orgs.repo.js';
import type { UsersRepo } from '../users/users.repo.js';
import type { KeyVault } from './key-vault.js';
import type { AppearanceOptions, AuthorityPrefix } from './pdf/appearance.js';
import { completePdfSignature, preparePdfSignature, signPdf } from './pdf/sign-pdf.js';
import { chainTrusted, parseTrustAnchors, verifyPdf } from './pdf/verify-pdf.js';
import { loadPkcs12 } from './pkcs12.js';
import { createLocalKeySigner } from './signers/local-key.js';
import type { CertificateRow, FileRow, SignatureRow, SigningRepo } from './signing.repo.js';
import type {
  CertificateDto,
  CompleteSessionBody,
  FileVerificationDto,
  ListCertificatesQuery,
  SignedFileDto,
  SigningSessionBody,
  SigningSessionDto,
  VerificationDto,
} from './signing.schemas.js';
import type { TrustList } from './trust-list.js';

/** Field names of the two signatures of an issued document (made unique by the PDF layer if taken). */
export const FIELD_NAMES: Record<SignatureKind, string> = { signer: 'ChuKyNguoiKy', seal: 'DauCoQuan' };
/** How long a prepared PDF waits for the device's signature. */
export const SESSION_TTL_MS = 15 * 60_000;
/**
 * The sweep leaves a session this long past its expiry: a completion that passed the expiry check
 * just before the deadline may still be reading the prepared PDF.
 */
export const SESSION_SWEEP_GRACE_MS = 60_000;
const SWEEP_BATCH = 100;
const SESSION_KEY_PREFIX = 'signing-sessions/';
const MAX_P12_BYTES = 256 * 1024;
const PDF = 'application/pdf';

/** BullMQ refuses ':' in custom ids (unless exactly 3 parts), so the parts are joined with dots. */
export const signJobId = (documentId: string, fileId: string, kind: SignatureKind): string => `sign.${documentId}.${fileId}.${kind}`;
export const verifyJobId = (fileId: string): string => `verify.${fileId}`;

/** What a server-side signature needs: which version, whose key, and the text of the appearance. */
export type SignFileInput = {
  documentId: string;
  fileId: string;
  certificateId: string;
  signerUserId: string;
  kind: SignatureKind;
  /** Signer appearance: defaults to the signer user's full name and position. */
  name?: string;
  position?: string;
  authorityPrefix?: AuthorityPrefix;
  /** The title the prefix acts for, e.g. "CHỦ TỊCH" under "KT.". */
  authorityTitle?: string;
  /** Seal appearance: the issued number/notation and date. */
  sealNumber?: string;
  sealDate?: string;
  reason?: string;
  /** The approval/issuance request this signature belongs to (recorded in the audit event). */
  requestId?: string;
};

export type CertificateOwner = { userId: string } | { organizationId: string };

/** A signature the document's rules allow `p` to make, with the appearance those rules give it. */
export type SignatureAuthorization = Omit<SignFileInput, 'certificateId'>;

/**
 * The rules of who signs what and when (issuance owns them: the approved signer of an approved
 * draft, a clerk of the owner organisation sealing an issued document), for the external path.
 * @throws AppError NOT_FOUND (invisible), FORBIDDEN (visible, not theirs to sign), INVALID_STATE
 */
export type AuthorizeSignature = (p: Principal, documentId: string, fileId: string, kind: SignatureKind) => Promise<SignatureAuthorization>;

/** Which trusted certificates besides registered ones a person may sign with externally (SIGNING_EXTERNAL_SUBJECT_MATCH). */
export type ExternalSubjectMatch = 'none' | 'email';

export type SigningServiceDeps = {
  db: Db;
  signingRepo: SigningRepo;
  orgsRepo: Pick<OrgsRepo, 'findById'>;
  usersRepo: Pick<UsersRepo, 'findById'>;
  storage: Pick<ObjectStorage, 'putBuffer' | 'getStream' | 'delete'>;
  audit: Pick<AuditService, 'record'>;
  producer: Pick<Producer, 'enqueue'>;
  keyVault: KeyVault;
  trustList: TrustList;
  logger: Pick<Logger, 'warn' | 'info' | 'error'>;
  tsaUrl?: string;
  maxFileBytes: number;
  /** The signing rules both paths obey (issuance.authorizeSignature; wired late in src/container.ts). */
  authorizeSignature: AuthorizeSignature;
  externalSubjectMatch: ExternalSubjectMatch;
  /** Open (not completed, not expired) signing sessions one user may hold. */
  maxOpenSessions: number;
  /**
   * Runs in the transaction that stores a new signature, before its audit event; throwing rolls
   * the signature back. Issuance uses it to move an approved outgoing draft to 'signed' together
   * with the signer's signature (whichever path signed: worker job or external device).
   */
  onSigned?: (tx: Tx, event: SignedEvent) => Promise<void>;
};

/** A signature just stored (see SigningServiceDeps.onSigned). */
export type SignedEvent = { documentId: string; kind: SignatureKind; inputFileId: string; outputFileId: string; signerUserId: string; signatureId: string };

const notFound = (what = 'document not found'): AppError => new AppError('NOT_FOUND', { message: what });

async function readAll(stream: Readable, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
      size += b.length;
      if (size > maxBytes) {
        stream.destroy();
        throw new AppError('PAYLOAD_TOO_LARGE', { message: `file larger than ${maxBytes} bytes` });
      }
      chunks.push(b);
    }
  } catch (err) {
    throw fileReadFailure(stream, err);
  }
  if ((stream as Readable & { truncated?: boolean }).truncated) throw new AppError('PAYLOAD_TOO_LARGE', { message: `file larger than ${maxBytes} bytes` });
  return Buffer.concat(chunks);
}

function commonNameOf(cert: X509Certificate): string | null {
  const line = cert.subject.split('\n').find((l) => l.startsWith('CN='));
  return line ? line.slice(3) : null;
}

/** The e-mail addresses a certificate names: subject emailAddress and SAN rfc822Name, lower-case. */
function emailsOf(cert: X509Certificate): string[] {
  const fromSubject = cert.subject.split('\n').filter((l) => l.startsWith('emailAddress=')).map((l) => l.slice('emailAddress='.length));
  const fromSan = (cert.subjectAltName ?? '').split(', ').filter((n) => n.startsWith('email:')).map((n) => n.slice('email:'.length));
  return [...fromSubject, ...fromSan].map((e) => e.trim().toLowerCase());
}

const certificateRefused = (reason: string, message: string): AppError => new AppError('CERTIFICATE_NOT_TRUSTED', { message, details: { reason } });

/** Unique violations come from postgres.js directly or wrapped by drizzle (cause). */
function isUniqueViolation(e: unknown): boolean {
  const code = (x: unknown) => (x && typeof x === 'object' && 'code' in x ? (x as { code: unknown }).code : undefined);
  return code(e) === '23505' || code((e as { cause?: unknown })?.cause) === '23505';
}

function parseCertificate(der: Buffer, label = 'certificate'): X509Certificate {
  try {
    return new X509Certificate(der);
  } catch (cause) {
    throw new AppError('VALIDATION_FAILED', { message: `${label} is not a DER X.509 certificate`, cause });
  }
}

function assertValidNow(cert: X509Certificate, now = new Date()): void {
  if (now < new Date(cert.validFrom) || now > new Date(cert.validTo)) {
    throw new AppError('UNPROCESSABLE', {
      message: `the certificate is not valid now (valid from ${new Date(cert.validFrom).toISOString()} to ${new Date(cert.validTo).toISOString()})`,
      details: { reason: 'CERTIFICATE_NOT_VALID_NOW' },
    });
  }
}

/** Public data of a certificate row; the key lives in signing_keys and is never read here. */
export function toCertificateDto(row: CertificateRow): CertificateDto {
  return {
    id: row.id,
    kind: row.kind,
    ownerUserId: row.ownerUserId,
    ownerOrganizationId: row.ownerOrganizationId,
    subjectCommonName: row.subjectCommonName,
    issuer: row.issuer,
    serialNumber: row.serialNumber,
    notBefore: row.notBefore.toISOString(),
    notAfter: row.notAfter.toISOString(),
    fingerprintSha256: row.fingerprintSha256,
    certificate: row.certificateDer.toString('base64'),
    active: row.active,
    createdAt: row.createdAt.toISOString(),
  };
}

function toSignedFileDto(file: FileRow, signature: SignatureRow): SignedFileDto {
  return {
    documentId: file.documentId,
    fileId: file.id,
    previousFileId: signature.inputFileId,
    name: file.name,
    version: file.version,
    size: file.size,
    sha256: file.sha256,
    kind: signature.kind,
    fieldName: signature.fieldName,
    signedAt: signature.signedAt.toISOString(),
  };
}

const isClerkOf = (p: Principal, organizationId: string): boolean => p.grants.some((g) => g.role === 'clerk' && g.organizationId === organizationId);

/**
 * Keys and certificates, verification and signatures of document files (SIGNING.md §4): stored
 * software keys sign in workers (signNow), external devices sign through prepare/complete sessions.
 */
export function createSigningService(deps: SigningServiceDeps) {
  const { db, signingRepo: repo, orgsRepo, usersRepo, storage, audit, producer, keyVault, trustList, logger, tsaUrl, maxFileBytes, onSigned } = deps;
  const { authorizeSignature, externalSubjectMatch, maxOpenSessions } = deps;

  /**
   * The certificate of an external device (SIGNING.md: a signature is worth its certificate): it
   * chains to the trust list, is valid at `at` (the signing time), and belongs to whoever the
   * signature speaks for: for the seal, an active certificate the owner organisation registered;
   * for a person, one they registered or, with SIGNING_EXTERNAL_SUBJECT_MATCH=email, one whose
   * e-mail is theirs (the CA vouches for it). A self-signed certificate named as anyone fails here.
   * @throws AppError CERTIFICATE_NOT_TRUSTED (details.reason NOT_VALID_AT_SIGNING_TIME, CHAIN_NOT_TRUSTED, NOT_THE_SIGNERS)
   */
  async function assertExternalCertificate(o: { certificateDer: Buffer; chainDer: Buffer[]; kind: SignatureKind; signerUserId: string; organizationId: string; at: Date }): Promise<void> {
    const cert = parseCertificate(o.certificateDer);
    if (o.at < new Date(cert.validFrom) || o.at > new Date(cert.validTo)) {
      throw certificateRefused('NOT_VALID_AT_SIGNING_TIME', `the certificate is not valid at the signing time ${o.at.toISOString()} (valid from ${new Date(cert.validFrom).toISOString()} to ${new Date(cert.validTo).toISOString()})`);
    }
    const pool = o.chainDer.map((c) => parseCertificate(c, 'a chain certificate'));
    if (!chainTrusted(cert, pool, parseTrustAnchors(trustList.anchors()))) {
      throw certificateRefused('CHAIN_NOT_TRUSTED', 'the certificate does not chain to a trusted certification authority');
    }
    const fingerprint = createHash('sha256').update(o.certificateDer).digest('hex');
    const owner = o.kind === 'seal' ? { organizationId: o.organizationId } : { userId: o.signerUserId };
    if (await repo.findActiveByFingerprint(db, owner, fingerprint)) return;
    if (o.kind === 'signer' && externalSubjectMatch === 'email') {
      const email = (await usersRepo.findById(db, o.signerUserId))?.email?.trim().toLowerCase();
      if (email && emailsOf(cert).includes(email)) return;
    }
    throw certificateRefused(
      'NOT_THE_SIGNERS',
      o.kind === 'seal' ? "the certificate is not one the owner organisation registered for its seal" : 'the certificate is neither one you registered nor issued to your e-mail address',
    );
  }

  async function loadOrg(dbx: DbOrTx, id: string) {
    const org = await orgsRepo.findById(dbx, id);
    if (!org) throw new AppError('VALIDATION_FAILED', { message: 'organisation not found' });
    return org;
  }

  /** Clerks of the organisation (who hold the agency key, Decree 30 Art. 32) and admins over it. */
  async function assertMayManageOrgCertificates(p: Principal, organizationId: string): Promise<void> {
    const org = await loadOrg(db, organizationId);
    if (!isClerkOf(p, org.id) && !hasRoleOver(p, 'admin', org.path)) {
      throw new AppError('FORBIDDEN', { message: 'only a clerk or an administrator of the organisation manages its seal certificates' });
    }
  }

  /**
   * Store a PKCS#12 certificate and its key (encrypted) for an owner, with an audit event.
   * @throws AppError UNPROCESSABLE (wrong password, corrupt file, certificate not valid now)
   */
  async function importPkcs12(actorId: string | null, owner: CertificateOwner, p12: Buffer, password: string): Promise<CertificateDto> {
    const loaded = loadPkcs12(p12, password);
    const cert = parseCertificate(loaded.certificate);
    assertValidNow(cert);
    const id = randomUUID();
    const sealed = keyVault.seal(id, loaded.privateKey);
    const organizationId = 'organizationId' in owner ? owner.organizationId : null;
    const row = await db.transaction(async (tx) => {
      const inserted = await repo.insertCertificate(tx, {
        id,
        ownerUserId: 'userId' in owner ? owner.userId : null,
        ownerOrganizationId: organizationId,
        kind: organizationId ? 'organization' : 'person',
        subjectCommonName: commonNameOf(cert),
        issuer: cert.issuer.replace(/\n/g, ', '),
        serialNumber: cert.serialNumber,
        notBefore: new Date(cert.validFrom),
        notAfter: new Date(cert.validTo),
        fingerprintSha256: createHash('sha256').update(loaded.certificate).digest('hex'),
        certificateDer: loaded.certificate,
        chainDer: loaded.chain,
        uploadedBy: actorId,
      });
      await repo.insertKey(tx, { certificateId: id, ...sealed });
      await audit.record(tx, {
        actorId,
        organizationId,
        action: 'certificate.upload',
        subjectType: 'certificate',
        subjectId: id,
        details: { kind: inserted.kind, ownerUserId: inserted.ownerUserId, subject: inserted.subjectCommonName, fingerprintSha256: inserted.fingerprintSha256 },
      });
      return inserted;
    });
    return toCertificateDto(row);
  }

  /** The PDF bytes of a stored file. */
  async function fileBytes(file: FileRow): Promise<Buffer> {
    return readAll(await storage.getStream(file.storageKey), Math.max(maxFileBytes, file.size));
  }

  async function verifyBytes(pdf: Buffer): Promise<VerificationDto> {
    return verifyPdf(pdf, { trust: trustList.anchors() });
  }

  /** Verify a stored file and keep the report; an unreadable PDF is stored as a report with `error`. */
  async function verifyAndStoreReport(documentId: string, fileId: string): Promise<FileVerificationDto> {
    const file = await repo.findFile(db, fileId);
    if (!file || file.documentId !== documentId) throw notFound('file not found');
    let report: { signatures: VerificationDto['signatures']; error?: string };
    try {
      report = await verifyBytes(await fileBytes(file));
    } catch (e) {
      if (!isAppError(e) || e.code !== 'UNPROCESSABLE') throw e;
      report = { signatures: [], error: e.message };
    }
    const verifiedAt = new Date();
    await repo.upsertReport(db, fileId, report, verifiedAt);
    return { fileId, verifiedAt: verifiedAt.toISOString(), ...report };
  }

  /** The document file that is about to be signed, with the rules every signature obeys. */
  async function loadSignable(documentId: string, fileId: string, kind: SignatureKind) {
    const document = await repo.findDocument(db, documentId);
    const file = await repo.findFile(db, fileId);
    if (!document || !file || file.documentId !== documentId) throw notFound('file not found');
    if (file.contentType !== PDF) throw new AppError('UNPROCESSABLE', { message: 'only PDF files can be signed', details: { reason: 'NOT_PDF' } });
    // Decree 30 Art. 32.2.d: the agency signature goes only on a document the competent person signed.
    if (kind === 'seal') {
      const producing = await repo.findSignatureProducing(db, fileId);
      if (producing?.kind !== 'signer') {
        throw new AppError('INVALID_STATE', { message: "the agency seal goes only on a version carrying the signer's signature", details: { reason: 'NOT_SIGNED_BY_SIGNER' } });
      }
    }
    return { document, file };
  }

  async function existingResult(inputFileId: string, kind: SignatureKind): Promise<SignedFileDto | undefined> {
    const signature = await repo.findSignature(db, inputFileId, kind);
    if (!signature) return undefined;
    const output = await repo.findFile(db, signature.outputFileId);
    return output ? toSignedFileDto(output, signature) : undefined;
  }

  type StoreSignedOptions = {
    input: FileRow;
    pdf: Buffer;
    kind: SignatureKind;
    certificateId: string | null;
    certificateDer: Buffer;
    signerUserId: string;
    fieldName: string;
    signedAt: Date;
    organizationId: string;
    details: Record<string, unknown>;
    /** Extra writes in the same transaction (e.g. closing the session). */
    alsoInTx?: (tx: Tx, outputFileId: string) => Promise<void>;
  };

  /**
   * The signed bytes become a new version of the input file and a signatures row, in one
   * transaction with the audit event. A concurrent twin loses on the unique (input, kind) and its
   * object is removed; the caller then gets the winner's result.
   */
  async function storeSignedVersion(o: StoreSignedOptions): Promise<SignedFileDto> {
    const storageKey = newDocumentObjectKey();
    const put = await storage.putBuffer(storageKey, o.pdf, { contentType: PDF });
    try {
      const result = await db.transaction(async (tx) => {
        const output = await repo.insertFile(tx, {
          documentId: o.input.documentId,
          name: o.input.name,
          contentType: PDF,
          size: put.size,
          sha256: put.sha256,
          storageKey,
          kind: o.input.kind,
          version: o.input.version + 1,
          previousFileId: o.input.id,
          createdBy: o.signerUserId,
        });
        const signature = await repo.insertSignature(tx, {
          documentId: o.input.documentId,
          inputFileId: o.input.id,
          outputFileId: output.id,
          kind: o.kind,
          certificateId: o.certificateId,
          certificateFingerprint: createHash('sha256').update(o.certificateDer).digest('hex'),
          signerUserId: o.signerUserId,
          fieldName: o.fieldName,
          signedAt: o.signedAt,
        });
        await o.alsoInTx?.(tx, output.id);
        await onSigned?.(tx, { documentId: o.input.documentId, kind: o.kind, inputFileId: o.input.id, outputFileId: output.id, signerUserId: o.signerUserId, signatureId: signature.id });
        await audit.record(tx, {
          actorId: o.signerUserId,
          organizationId: o.organizationId,
          action: o.kind === 'seal' ? 'document.seal' : 'document.sign',
          subjectType: 'document',
          subjectId: o.input.documentId,
          details: { inputFileId: o.input.id, outputFileId: output.id, certificateId: o.certificateId, fieldName: o.fieldName, ...o.details },
        });
        return toSignedFileDto(output, signature);
      });
      // The report is a convenience (it can be recomputed): a failure here must not undo the signature.
      await verifyAndStoreReport(result.documentId, result.fileId).catch((err: unknown) => logger.warn({ err, fileId: result.fileId }, 'verification of a signed file failed'));
      return result;
    } catch (e) {
      await storage.delete(storageKey).catch(() => {});
      if (isUniqueViolation(e)) {
        const winner = await existingResult(o.input.id, o.kind);
        if (winner) return winner;
      }
      throw e;
    }
  }

  function appearanceFor(kind: SignatureKind, f: { signerName: string; position?: string | null; authorityPrefix?: AuthorityPrefix; authorityTitle?: string; sealNumber?: string; sealDate?: string }): AppearanceOptions {
    if (kind === 'seal') return { kind: 'seal', documentNumber: f.sealNumber, documentDate: f.sealDate };
    return { kind: 'signer', signerName: f.signerName, position: f.position ?? undefined, authorityPrefix: f.authorityPrefix, authorityTitle: f.authorityTitle };
  }

  return {
    importPkcs12,
    verifyAndStoreReport,
    trustList,

    /**
     * `POST /certificates`: a `p12` file, its `password`, and `organizationId` for an agency seal.
     * @throws AppError VALIDATION_FAILED (missing parts), FORBIDDEN (another's organisation),
     *   UNPROCESSABLE (wrong password, corrupt file, certificate not valid now)
     */
    async uploadCertificate(p: Principal, parts: AsyncIterable<UploadPart>): Promise<CertificateDto> {
      let p12: Buffer | undefined;
      let password: string | undefined;
      let organizationId: string | undefined;
      for await (const part of parts) {
        if (part.type === 'file') {
          if (part.fieldname !== 'p12' || p12) {
            part.file.resume();
            throw new AppError('VALIDATION_FAILED', { message: 'exactly one file part named p12 is expected' });
          }
          p12 = await readAll(part.file, MAX_P12_BYTES);
        } else if (part.fieldname === 'password') {
          password = String(part.value);
        } else if (part.fieldname === 'organizationId') {
          organizationId = String(part.value);
          if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(organizationId)) {
            throw new AppError('VALIDATION_FAILED', { message: 'organizationId must be a uuid' });
          }
        }
      }
      if (!p12) throw new AppError('VALIDATION_FAILED', { message: 'the p12 file is missing' });
      if (password === undefined) throw new AppError('VALIDATION_FAILED', { message: 'the password field is missing' });
      if (organizationId) await assertMayManageOrgCertificates(p, organizationId);
      return importPkcs12(p.id, organizationId ? { organizationId } : { userId: p.id }, p12, password);
    },

    /**
     * The caller's own certificates, or an organisation's (its members, clerks, admins and leaders over it).
     * @throws AppError FORBIDDEN
     */
    async listCertificates(p: Principal, q: ListCertificatesQuery): Promise<CertificateDto[]> {
      if (q.organizationId && !q.mine) {
        const org = await loadOrg(db, q.organizationId);
        const allowed = p.organizationId === org.id || isClerkOf(p, org.id) || hasRoleOver(p, 'admin', org.path) || hasRoleOver(p, 'leader', org.path);
        if (!allowed) throw new AppError('FORBIDDEN', { message: 'you may not list the certificates of that organisation' });
        return (await repo.listCertificates(db, { organizationId: org.id })).map(toCertificateDto);
      }
      return (await repo.listCertificates(db, { userId: p.id })).map(toCertificateDto);
    },

    /**
     * Deactivate a certificate (its key stays encrypted but is never used again).
     * @throws AppError NOT_FOUND (unknown or not the caller's to manage)
     */
    async deactivateCertificate(p: Principal, id: string): Promise<CertificateDto> {
      const cert = await repo.findCertificate(db, id);
      if (!cert) throw notFound('certificate not found');
      if (cert.ownerUserId !== null && cert.ownerUserId !== p.id) throw notFound('certificate not found');
      if (cert.ownerOrganizationId !== null) {
        const org = await orgsRepo.findById(db, cert.ownerOrganizationId);
        if (!org || (!isClerkOf(p, org.id) && !hasRoleOver(p, 'admin', org.path))) throw notFound('certificate not found');
      }
      const row = await db.transaction(async (tx) => {
        const updated = await repo.deactivate(tx, id);
        await audit.record(tx, { actorId: p.id, organizationId: cert.ownerOrganizationId, action: 'certificate.deactivate', subjectType: 'certificate', subjectId: id, details: { fingerprintSha256: cert.fingerprintSha256 } });
        return updated;
      });
      return toCertificateDto(row);
    },

    /**
     * `POST /signatures/verify`: the report of an uploaded PDF.
     * @throws AppError VALIDATION_FAILED (no file), UNSUPPORTED_MEDIA_TYPE (not a PDF), UNPROCESSABLE (unparsable), PAYLOAD_TOO_LARGE
     */
    async verifyUpload(parts: AsyncIterable<UploadPart>): Promise<VerificationDto> {
      let pdf: Buffer | undefined;
      for await (const part of parts) {
        if (part.type !== 'file') continue;
        if (pdf) {
          part.file.resume();
          throw new AppError('VALIDATION_FAILED', { message: 'exactly one file is expected' });
        }
        pdf = await readAll(part.file, maxFileBytes);
      }
      if (!pdf) throw new AppError('VALIDATION_FAILED', { message: 'a PDF file is required' });
      if (!pdf.subarray(0, 1024).toString('latin1').includes('%PDF-')) {
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', { message: 'the file is not a PDF', details: { reason: 'NOT_PDF' } });
      }
      return verifyBytes(pdf);
    },

    /** Worker side of `signing.verify-file`. */
    async verifyFile(fileId: string): Promise<FileVerificationDto | null> {
      const file = await repo.findFile(db, fileId);
      if (!file) return null; // deleted meanwhile: nothing to verify, nothing to retry
      return verifyAndStoreReport(file.documentId, fileId);
    },

    /** Queue verification of a stored file (deterministic job id: one report job per file). */
    async requestVerification(fileId: string): Promise<void> {
      await producer.enqueue('signing.verify-file', { fileId }, { jobId: verifyJobId(fileId) });
    },

    /**
     * The stored report of a document file the caller may see (computed and stored on first read).
     * @throws AppError NOT_FOUND
     */
    async getFileReport(p: Principal, documentId: string, fileId: string): Promise<FileVerificationDto> {
      const document = await repo.findVisibleDocument(db, p, documentId);
      const file = document ? await repo.findFile(db, fileId) : undefined;
      if (!document || !file || file.documentId !== document.id) throw notFound();
      const stored = await repo.findReport(db, fileId);
      if (!stored) return verifyAndStoreReport(documentId, fileId);
      return { fileId, verifiedAt: stored.verifiedAt.toISOString(), ...(stored.report as Omit<FileVerificationDto, 'fileId' | 'verifiedAt'>) };
    },

    /**
     * Queue a server-side signature (job `signing.sign-file`, id `sign.<doc>.<file>.<kind>`): a
     * second request for the same version and kind is the same job.
     */
    async requestSignature(input: SignFileInput): Promise<{ jobId: string }> {
      const jobId = signJobId(input.documentId, input.fileId, input.kind);
      await producer.enqueue('signing.sign-file', { ...input, requestId: input.requestId ?? jobId }, { jobId });
      return { jobId };
    },

    /**
     * Sign a document file with a stored key and store the result as a new version. Idempotent:
     * when this version already carries a signature of this kind, that result is returned.
     * @throws AppError NOT_FOUND (document, file, certificate), INVALID_STATE (certificate inactive or
     *   not the signer's/agency's, seal before signer, newer version exists), UNPROCESSABLE (PDF refused,
     *   certificate not valid now)
     */
    async signNow(input: SignFileInput): Promise<SignedFileDto> {
      const done = await existingResult(input.fileId, input.kind);
      if (done) return done;

      const { document, file } = await loadSignable(input.documentId, input.fileId, input.kind);
      const cert = await repo.findCertificate(db, input.certificateId);
      if (!cert) throw notFound('certificate not found');
      if (!cert.active) throw new AppError('INVALID_STATE', { message: 'the certificate is deactivated' });
      const ownerOk =
        input.kind === 'seal'
          ? cert.kind === 'organization' && cert.ownerOrganizationId === document.ownerOrganizationId
          : cert.kind === 'person' && cert.ownerUserId === input.signerUserId;
      if (!ownerOk) throw new AppError('INVALID_STATE', { message: input.kind === 'seal' ? "the certificate is not the owner organisation's seal" : "the certificate is not the signer's" });
      const x509 = parseCertificate(cert.certificateDer);
      assertValidNow(x509);
      const sealedKey = await repo.findKey(db, cert.id);
      if (!sealedKey) throw new AppError('INVALID_STATE', { message: 'no key is stored for the certificate' });

      const signerUser = await usersRepo.findById(db, input.signerUserId);
      const signer = createLocalKeySigner({ privateKey: keyVault.open(cert.id, sealedKey), certificate: cert.certificateDer, chain: cert.chainDer });
      const signed = await signPdf({
        pdf: await fileBytes(file),
        signer,
        tsaUrl,
        fieldName: FIELD_NAMES[input.kind],
        reason: input.reason,
        appearance: appearanceFor(input.kind, {
          signerName: input.name ?? signerUser?.fullName ?? commonNameOf(x509) ?? '',
          position: input.position ?? signerUser?.position,
          authorityPrefix: input.authorityPrefix,
          authorityTitle: input.authorityTitle,
          sealNumber: input.sealNumber,
          sealDate: input.sealDate,
        }),
      });
      return storeSignedVersion({
        input: file,
        pdf: signed.pdf,
        kind: input.kind,
        certificateId: cert.id,
        certificateDer: cert.certificateDer,
        signerUserId: input.signerUserId,
        fieldName: signed.fieldName,
        signedAt: signed.signedAt,
        organizationId: document.ownerOrganizationId,
        details: { requestId: input.requestId ?? null, mode: 'server' },
      });
    },

    /**
     * `signing.sweep-sessions` (scheduled): removes sessions past their expiry (plus a grace) and
     * their prepared PDFs. The object goes first, so a crash leaves a row the next run takes again;
     * an abandoned session is audited as expired in the transaction that deletes it. Idempotent:
     * two sweeps at once delete each row once.
     */
    async sweepExpiredSessions(now = new Date()): Promise<{ swept: number; abandoned: number }> {
      let swept = 0;
      let abandoned = 0;
      const before = new Date(now.getTime() - SESSION_SWEEP_GRACE_MS);
      for (;;) {
        const batch = await repo.expiredSessions(db, before, SWEEP_BATCH);
        for (const session of batch) {
          await storage.delete(session.preparedKey);
          await db.transaction(async (tx) => {
            const deleted = await repo.deleteSession(tx, session.id);
            if (!deleted) return;
            swept++;
            if (deleted.completedAt) return;
            abandoned++;
            const document = await repo.findDocument(tx, deleted.documentId);
            await audit.record(tx, {
              actorId: null,
              organizationId: document?.ownerOrganizationId ?? null,
              action: 'signature.session-expire',
              subjectType: 'document',
              subjectId: deleted.documentId,
              details: { sessionId: deleted.id, inputFileId: deleted.inputFileId, kind: deleted.kind, createdBy: deleted.createdBy, expiresAt: deleted.expiresAt.toISOString() },
            });
          });
        }
        if (batch.length < SWEEP_BATCH) return { swept, abandoned };
      }
    },

    /**
     * First step of external signing: the placeholder PDF is kept in storage and the caller gets
     * what the device must sign. The same rules as server-side signing decide who may sign what and
     * with which appearance (authorizeSignature), and the certificate must be trusted and theirs.
     * @throws AppError NOT_FOUND, FORBIDDEN (not the approved signer / not a clerk of the owner),
     *   INVALID_STATE (wrong state, already signed), VALIDATION_FAILED (certificate not X.509),
     *   CERTIFICATE_NOT_TRUSTED, TOO_MANY_SIGNING_SESSIONS, UNPROCESSABLE (PDF refused)
     */
    async createSession(p: Principal, documentId: string, fileId: string, body: SigningSessionBody): Promise<SigningSessionDto> {
      const auth = await authorizeSignature(p, documentId, fileId, body.kind);
      const { document, file } = await loadSignable(documentId, fileId, body.kind);
      if (await repo.findSignature(db, fileId, body.kind)) throw new AppError('INVALID_STATE', { message: `this version already carries a ${body.kind} signature` });

      const certificateDer = Buffer.from(body.certificate, 'base64');
      const chainDer = (body.chain ?? []).map((c) => Buffer.from(c, 'base64'));
      await assertExternalCertificate({ certificateDer, chainDer, kind: body.kind, signerUserId: p.id, organizationId: document.ownerOrganizationId, at: new Date() });
      const tooMany = () => new AppError('TOO_MANY_SIGNING_SESSIONS', { message: `you already have ${maxOpenSessions} signing sessions open; complete one or wait until it expires`, details: { limit: maxOpenSessions } });
      // Checked before preparing (cheap refusal), and again under the lock where it counts.
      if ((await repo.countOpenSessions(db, p.id, new Date())) >= maxOpenSessions) throw tooMany();

      const prepared = await preparePdfSignature({
        pdf: await fileBytes(file),
        certificate: certificateDer,
        fieldName: FIELD_NAMES[body.kind],
        reason: auth.reason,
        appearance: appearanceFor(body.kind, { ...auth, signerName: auth.name ?? p.fullName, position: auth.position ?? p.position }),
      });
      const id = randomUUID();
      const preparedKey = `${SESSION_KEY_PREFIX}${id}`;
      await storage.putBuffer(preparedKey, prepared.prepared, { contentType: PDF });
      const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
      try {
        await db.transaction(async (tx) => {
          await repo.lockUserSessions(tx, p.id);
          if ((await repo.countOpenSessions(tx, p.id, new Date())) >= maxOpenSessions) throw tooMany();
          await repo.insertSession(tx, { id, documentId, inputFileId: fileId, kind: body.kind, createdBy: p.id, certificateDer, chainDer, preparedKey, fieldName: prepared.fieldName, signedAt: prepared.signedAt, expiresAt });
          await audit.record(tx, {
            actorId: p.id,
            organizationId: document.ownerOrganizationId,
            action: 'signature.session-create',
            subjectType: 'document',
            subjectId: documentId,
            details: { sessionId: id, inputFileId: fileId, kind: body.kind, subject: commonNameOf(parseCertificate(certificateDer)), fingerprintSha256: createHash('sha256').update(certificateDer).digest('hex') },
          });
        });
      } catch (e) {
        await storage.delete(preparedKey).catch(() => {});
        throw e;
      }
      return {
        sessionId: id,
        digest: prepared.digest.toString('base64'),
        signedAttributes: prepared.signedAttributes.toString('base64'),
        fieldName: prepared.fieldName,
        expiresAt: expiresAt.toISOString(),
      };
    },

    /**
     * Second step of external signing: embed the device's signature and store the new version.
     * Completing twice answers the same file.
     * The signing rules and the certificate are checked again: the state, the caller's roles, the
     * trust list or the certificate's registration may have changed since the session was opened.
     * @throws AppError NOT_FOUND (unknown, or another user's session), INVALID_STATE (expired, the
     *   version got signed meanwhile, the document moved on), FORBIDDEN, CERTIFICATE_NOT_TRUSTED,
     *   UNPROCESSABLE (the signature does not verify)
     */
    async completeSession(p: Principal, sessionId: string, body: CompleteSessionBody): Promise<SignedFileDto> {
      const session = await repo.findSession(db, sessionId);
      if (!session || session.createdBy !== p.id) throw notFound('signing session not found');
      if (session.completedAt && session.outputFileId) {
        const done = await existingResult(session.inputFileId, session.kind);
        if (done) return done;
      }
      if (session.expiresAt.getTime() < Date.now()) {
        throw new AppError('INVALID_STATE', { message: 'the signing session has expired; prepare again', details: { reason: 'SESSION_EXPIRED' } });
      }
      await authorizeSignature(p, session.documentId, session.inputFileId, session.kind);
      if (await repo.findSignature(db, session.inputFileId, session.kind)) throw new AppError('INVALID_STATE', { message: `this version already carries a ${session.kind} signature` });

      const input = await repo.findFile(db, session.inputFileId);
      const document = await repo.findDocument(db, session.documentId);
      if (!input || !document) throw notFound();
      const certificate = { certificateDer: session.certificateDer, chainDer: session.chainDer, kind: session.kind, signerUserId: p.id, organizationId: document.ownerOrganizationId };
      await assertExternalCertificate({ ...certificate, at: session.signedAt });
      await assertExternalCertificate({ ...certificate, at: new Date() });
      const prepared = await readAll(await storage.getStream(session.preparedKey), Number.MAX_SAFE_INTEGER);
      const pdf = await completePdfSignature({ prepared, signature: Buffer.from(body.signature, 'base64'), certificate: session.certificateDer, chain: session.chainDer, tsaUrl });

      const result = await storeSignedVersion({
        input,
        pdf,
        kind: session.kind,
        certificateId: null,
        certificateDer: session.certificateDer,
        signerUserId: p.id,
        fieldName: session.fieldName,
        signedAt: session.signedAt,
        organizationId: document.ownerOrganizationId,
        details: { sessionId, mode: 'external' },
        alsoInTx: (tx, outputFileId) => repo.completeSession(tx, sessionId, outputFileId),
      });
      await storage.delete(session.preparedKey).catch(() => {});
      return result;
    },
  };
}

export type SigningService = ReturnType<typeof createSigningService>;
