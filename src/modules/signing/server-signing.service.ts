import type { Db } from '../../db/client.js';
import type { SignatureKind } from '../../db/schema/index.js';
import { JOB_IDS } from '../../jobs/catalog.js';
import type { Producer } from '../../jobs/producer.js';
import { AppError } from '../../lib/errors.js';
import type { ObjectStorage } from '../../storage/object-storage.js';
import type { UsersService } from '../users/users.service.js';
import type { CertificateTrustPolicy } from './certificate-trust.js';
import type { KeyVault } from './key-vault.js';
import type { AuthorityPrefix } from './pdf/appearance.js';
import { signPdf } from './pdf/sign-pdf.js';
import { createLocalKeySigner } from './signers/local-key.js';
import {
  appearanceFor,
  assertValidNow,
  commonNameOf,
  FIELD_NAMES,
  notFound,
  parseCertificate,
  storedFileBytes,
} from './signing.helpers.js';
import type { SigningRepo } from './signing.repo.js';
import type { SignedFileDto } from './signing.schemas.js';
import type { SignedVersions } from './signed-versions.js';

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

export type ServerSigningServiceDeps = {
  db: Db;
  signingRepo: SigningRepo;
  users: Pick<UsersService, 'findById'>;
  storage: Pick<ObjectStorage, 'getStream'>;
  producer: Pick<Producer, 'enqueue'>;
  keyVault: Pick<KeyVault, 'open'>;
  /** A stored key signs only under a certificate the trust rule allows (SIGNING_ALLOW_UNTRUSTED_CERTIFICATES). */
  trust: Pick<CertificateTrustPolicy, 'assertMayUse'>;
  signedVersions: Pick<SignedVersions, 'existingResult' | 'loadSignable' | 'store'>;
  tsaUrl?: string;
  maxFileBytes: number;
};

/**
 * Server-side signatures with stored software keys (SIGNING.md §4): queued as `signing.sign-file`
 * jobs and made by the signing worker (signNow). Who may sign what is decided by the caller
 * (issuance) before it queues the job.
 */
export function createServerSigningService({
  db,
  signingRepo: repo,
  users,
  storage,
  producer,
  keyVault,
  trust,
  signedVersions,
  tsaUrl,
  maxFileBytes,
}: ServerSigningServiceDeps) {
  return {
    /**
     * Seal a PDF that is not a document file (a closed register, đóng sổ) with the organisation's
     * active seal certificate and stored key, as signNow seals an issued document (same trust and
     * validity checks, same PAdES signature); the caller stores the result. The visible seal goes
     * at the foot of the last page, where the caller left room.
     * @throws AppError UNPROCESSABLE (details.reason NO_SEAL_CERTIFICATE: no active seal certificate
     *   with a stored key; CERTIFICATE_NOT_VALID_NOW), CERTIFICATE_NOT_TRUSTED
     */
    async sealPdf(input: { organizationId: string; pdf: Buffer; reason: string; sealLabel?: string; sealDate?: string }) {
      const cert = await repo.findActiveByOwner(db, { organizationId: input.organizationId });
      const sealedKey = cert && cert.kind === 'organization' ? await repo.findKey(db, cert.id) : undefined;
      if (!cert || !sealedKey)
        throw new AppError('UNPROCESSABLE', {
          message: 'the organisation has no active seal certificate with a stored key',
          details: { reason: 'NO_SEAL_CERTIFICATE' },
        });
      assertValidNow(parseCertificate(cert.certificateDer));
      trust.assertMayUse(cert);
      const signer = createLocalKeySigner({
        privateKey: keyVault.open(cert.id, sealedKey),
        certificate: cert.certificateDer,
        chain: cert.chainDer,
      });
      const signed = await signPdf({
        pdf: input.pdf,
        signer,
        tsaUrl,
        fieldName: FIELD_NAMES.seal,
        reason: input.reason,
        appearance: appearanceFor('seal', { signerName: '', sealNumber: input.sealLabel, sealDate: input.sealDate }),
      });
      return { pdf: signed.pdf, certificateId: cert.id, signedAt: signed.signedAt };
    },

    /**
     * Queue a server-side signature (job `signing.sign-file`, id `sign.<doc>.<file>.<kind>`): a
     * second request for the same version and kind is the same job.
     */
    async requestSignature(input: SignFileInput): Promise<{ jobId: string }> {
      const jobId = JOB_IDS.signFile(input.documentId, input.fileId, input.kind);
      await producer.enqueue('signing.sign-file', { ...input, requestId: input.requestId ?? jobId }, { jobId });
      return { jobId };
    },

    /**
     * Sign a document file with a stored key and store the result as a new version. Idempotent:
     * when this version already carries a signature of this kind, that result is returned.
     * @throws AppError NOT_FOUND (document, file, certificate), INVALID_STATE (certificate inactive or
     *   not the signer's/agency's, seal before signer, newer version exists), UNPROCESSABLE (PDF refused,
     *   certificate not valid now), CERTIFICATE_NOT_TRUSTED (does not chain to the trust list, and
     *   untrusted certificates are not allowed)
     */
    async signNow(input: SignFileInput): Promise<SignedFileDto> {
      const done = await signedVersions.existingResult(input.fileId, input.kind);
      if (done) return done;

      const { document, file } = await signedVersions.loadSignable(input.documentId, input.fileId, input.kind);
      const cert = await repo.findCertificate(db, input.certificateId);
      if (!cert) throw notFound('certificate not found');
      if (!cert.active) throw new AppError('INVALID_STATE', { message: 'the certificate is deactivated' });
      const ownerOk =
        input.kind === 'seal'
          ? cert.kind === 'organization' && cert.ownerOrganizationId === document.ownerOrganizationId
          : cert.kind === 'person' && cert.ownerUserId === input.signerUserId;
      if (!ownerOk)
        throw new AppError('INVALID_STATE', {
          message: input.kind === 'seal' ? "the certificate is not the owner organisation's seal" : "the certificate is not the signer's",
        });
      const x509 = parseCertificate(cert.certificateDer);
      assertValidNow(x509);
      // Checked here too, not only when the job was asked for: the trust list may have changed since.
      trust.assertMayUse(cert);
      const sealedKey = await repo.findKey(db, cert.id);
      if (!sealedKey) throw new AppError('INVALID_STATE', { message: 'no key is stored for the certificate' });

      const signerUser = await users.findById(db, input.signerUserId);
      const signer = createLocalKeySigner({
        privateKey: keyVault.open(cert.id, sealedKey),
        certificate: cert.certificateDer,
        chain: cert.chainDer,
      });
      const signed = await signPdf({
        pdf: await storedFileBytes(storage, file, maxFileBytes),
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
      return signedVersions.store({
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
  };
}

export type ServerSigningService = ReturnType<typeof createServerSigningService>;
