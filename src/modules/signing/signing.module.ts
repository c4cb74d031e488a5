import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import type { Producer } from '../../jobs/producer.js';
import type { Logger } from '../../lib/logger.js';
import type { ObjectStorage } from '../../storage/object-storage.js';
import type { AuditService } from '../audit/audit.service.js';
import type { DocumentRecords } from '../documents/document-records.service.js';
import type { OrgsDirectory } from '../orgs/orgs-directory.service.js';
import type { Outbox } from '../outbox/outbox.service.js';
import type { UsersService } from '../users/users.service.js';
import { createCertificatesService } from './certificates.service.js';
import { createCertificateTrustPolicy } from './certificate-trust.js';
import { createKeyVault } from './key-vault.js';
import { createServerSigningService } from './server-signing.service.js';
import { createSignedVersions, type OnSigned } from './signed-versions.js';
import { createSigningRepo } from './signing.repo.js';
import { createSigningSessionsService, type AuthorizeSignature } from './signing-sessions.service.js';
import { createTrustList } from './trust-list.js';
import { createVerificationService } from './verification.service.js';

export type SigningModuleDeps = {
  config: Pick<Readonly<Config>, 'keys' | 'signing' | 'uploads'>;
  db: Db;
  orgs: Pick<OrgsDirectory, 'findById'>;
  users: Pick<UsersService, 'findById'>;
  /** A signed file is a new version of the document's file: a documents write, in the signing transaction. */
  documents: Pick<DocumentRecords, 'insertFiles'>;
  storage: Pick<ObjectStorage, 'putBuffer' | 'getStream' | 'delete'>;
  audit: Pick<AuditService, 'record'>;
  producer: Pick<Producer, 'enqueue'>;
  outbox: Pick<Outbox, 'addMany' | 'insertStatement' | 'kick'>;
  logger: Pick<Logger, 'warn' | 'info'>;
};

/**
 * The rules issuance owns and both signing paths obey: who may sign what with which appearance
 * (authorizeSignature), and what a stored signature changes in the same transaction (onSigned).
 * Issuance is built after signing (it queues and makes server signatures), so the container
 * connects them once both exist.
 */
export type SigningRules = { authorizeSignature: AuthorizeSignature; onSigned: OnSigned };

/**
 * The signing module for the container: certificates, verification, server-side signing and
 * external signing sessions over one repository, key vault and trust list built from config.
 * `connectRules` must be called before the first signature (src/container.ts does, right after
 * building issuance).
 */
export function createSigningModule({ config, db, orgs, users, documents, storage, audit, producer, outbox, logger }: SigningModuleDeps) {
  const signingRepo = createSigningRepo();
  const keyVault = createKeyVault(config.keys.encryptionKey);
  const trustList = createTrustList({ path: config.signing.trustListPath, logger });
  // Read at startup so an unreadable list is reported (as a warning) when the process starts.
  trustList.anchors();
  const { tsaUrl } = config.signing;
  const certificateTrust = createCertificateTrustPolicy({ trustList, allowUntrusted: config.signing.allowUntrustedCertificates });
  const { maxFileBytes } = config.uploads;

  let rules: SigningRules | undefined;
  const connected = (): SigningRules => {
    if (!rules) throw new Error('the signing rules are not connected (createSigningModule(...).connectRules)');
    return rules;
  };

  const certificates = createCertificatesService({ db, signingRepo, orgs, audit, keyVault, trust: certificateTrust });
  const verification = createVerificationService({ db, signingRepo, storage, trustList, outbox, maxFileBytes });
  const signedVersions = createSignedVersions({
    db,
    signingRepo,
    documents,
    storage,
    audit,
    verification,
    logger,
    onSigned: (tx, event) => connected().onSigned(tx, event),
  });
  const serverSigning = createServerSigningService({
    db,
    signingRepo,
    users,
    storage,
    producer,
    keyVault,
    trust: certificateTrust,
    signedVersions,
    tsaUrl,
    maxFileBytes,
  });
  const sessions = createSigningSessionsService({
    db,
    signingRepo,
    users,
    storage,
    audit,
    trustList,
    signedVersions,
    tsaUrl,
    maxFileBytes,
    authorizeSignature: (p, documentId, fileId, kind) => connected().authorizeSignature(p, documentId, fileId, kind),
    externalSubjectMatch: config.signing.externalSubjectMatch,
    maxOpenSessions: config.signing.maxOpenSessions,
  });

  return {
    trustList,
    /** The trust rule for stored certificates (issuance picks signer and seal certificates with it). */
    certificateTrust,
    certificates,
    verification,
    serverSigning,
    sessions,
    /** Connect issuance's rules (once, after building issuance). */
    connectRules(r: SigningRules): void {
      if (rules) throw new Error('the signing rules are already connected');
      rules = r;
    },
  };
}

export type SigningModule = ReturnType<typeof createSigningModule>;
