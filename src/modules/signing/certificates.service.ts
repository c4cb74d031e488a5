import { createHash, randomUUID } from 'node:crypto';

import type { Db, DbOrTx } from '../../db/client.js';
import { AppError, validationFailed, type FieldError } from '../../lib/errors.js';
import type { UploadPart } from '../../lib/multipart.js';
import type { AuditService } from '../audit/audit.service.js';
import { hasRoleOver, isClerkOf, type Principal } from '../auth/principal.js';
import type { OrgsDirectory } from '../orgs/orgs-directory.service.js';
import type { CertificateTrustPolicy } from './certificate-trust.js';
import type { KeyVault } from './key-vault.js';
import { loadPkcs12 } from './pkcs12.js';
import { assertValidNow, commonNameOf, notFound, parseCertificate, readAll } from './signing.helpers.js';
import type { CertificateRow, SigningRepo } from './signing.repo.js';
import type { CertificateDto, ListCertificatesQuery } from './signing.schemas.js';

export const MAX_P12_BYTES = 256 * 1024;

export type CertificateOwner = { userId: string } | { organizationId: string };

export type CertificatesServiceDeps = {
  db: Db;
  signingRepo: SigningRepo;
  orgs: Pick<OrgsDirectory, 'findById'>;
  audit: Pick<AuditService, 'record'>;
  keyVault: Pick<KeyVault, 'seal'>;
  trust: Pick<CertificateTrustPolicy, 'evaluate'>;
};

/**
 * Public data of a certificate row with its trust today; the key lives in signing_keys and is
 * never read here.
 */
export function toCertificateDto(row: CertificateRow, trust: Pick<CertificateTrustPolicy, 'evaluate'>): CertificateDto {
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
    trust: trust.evaluate(row),
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * Certificates and their keys (SIGNING.md §4): PKCS#12 files uploaded by a person for their own
 * signature or by a clerk for the agency seal, listed without key material with their trust
 * today, deactivated. A certificate that does not chain to the trust list is stored (its CA may
 * be added to the list later) and shown as not trusted; signing with it is refused elsewhere.
 */
export function createCertificatesService({ db, signingRepo: repo, orgs, audit, keyVault, trust }: CertificatesServiceDeps) {
  const dto = (row: CertificateRow): CertificateDto => toCertificateDto(row, trust);

  async function loadOrg(dbx: DbOrTx, id: string) {
    const org = await orgs.findById(dbx, id);
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
    const judged = trust.evaluate({ certificateDer: loaded.certificate, chainDer: loaded.chain });
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
        details: {
          kind: inserted.kind,
          ownerUserId: inserted.ownerUserId,
          subject: inserted.subjectCommonName,
          fingerprintSha256: inserted.fingerprintSha256,
          trust: judged.status,
        },
      });
      return inserted;
    });
    return dto(row);
  }

  return {
    importPkcs12,

    /** The owner's newest active certificate, if any (the demo certificates are idempotent on it). */
    async activeCertificateOf(owner: CertificateOwner): Promise<CertificateDto | undefined> {
      const row = await repo.findActiveByOwner(db, owner);
      return row ? dto(row) : undefined;
    },

    /**
     * `POST /certificates`: a `p12` file, its `password`, and `organizationId` for an agency seal.
     * The answer says whether the certificate is trusted (`trust`); an untrusted one is stored all the same.
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
        }
      }
      // Every problem of the parts at once.
      const problems: FieldError[] = [];
      if (!p12) problems.push({ path: 'p12', message: 'is required (a file part)' });
      if (password === undefined) problems.push({ path: 'password', message: 'is required' });
      if (organizationId !== undefined && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(organizationId)) {
        problems.push({ path: 'organizationId', message: 'must be a uuid' });
      }
      if (!p12 || password === undefined || problems.length > 0) throw validationFailed('multipart body', problems);
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
        const allowed =
          p.organizationId === org.id || isClerkOf(p, org.id) || hasRoleOver(p, 'admin', org.path) || hasRoleOver(p, 'leader', org.path);
        if (!allowed) throw new AppError('FORBIDDEN', { message: 'you may not list the certificates of that organisation' });
        return (await repo.listCertificates(db, { organizationId: org.id })).map(dto);
      }
      return (await repo.listCertificates(db, { userId: p.id })).map(dto);
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
        const org = await orgs.findById(db, cert.ownerOrganizationId);
        if (!org || (!isClerkOf(p, org.id) && !hasRoleOver(p, 'admin', org.path))) throw notFound('certificate not found');
      }
      const row = await db.transaction(async (tx) => {
        const updated = await repo.deactivate(tx, id);
        await audit.record(tx, {
          actorId: p.id,
          organizationId: cert.ownerOrganizationId,
          action: 'certificate.deactivate',
          subjectType: 'certificate',
          subjectId: id,
          details: { fingerprintSha256: cert.fingerprintSha256 },
        });
        return updated;
      });
      return dto(row);
    },
  };
}

export type CertificatesService = ReturnType<typeof createCertificatesService>;
