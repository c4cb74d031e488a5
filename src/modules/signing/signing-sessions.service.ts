import { createHash, randomUUID, type X509Certificate } from 'node:crypto';

import type { Db } from '../../db/client.js';
import type { SignatureKind } from '../../db/schema/index.js';
import { AppError } from '../../lib/errors.js';
import type { ObjectStorage } from '../../storage/object-storage.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import type { UsersService } from '../users/users.service.js';
import { completePdfSignature, preparePdfSignature } from './pdf/sign-pdf.js';
import { chainTrusted } from './pdf/certificate-chain.js';
import type { SignFileInput } from './server-signing.service.js';
import { appearanceFor, commonNameOf, FIELD_NAMES, notFound, parseCertificate, PDF, readAll, storedFileBytes } from './signing.helpers.js';
import type { SigningRepo } from './signing.repo.js';
import type { CompleteSessionBody, SignedFileDto, SigningSessionBody, SigningSessionDto } from './signing.schemas.js';
import type { SignedVersions } from './signed-versions.js';
import type { TrustList } from './trust-list.js';

/** How long a prepared PDF waits for the device's signature. */
export const SESSION_TTL_MS = 15 * 60_000;
/**
 * The sweep leaves a session this long past its expiry: a completion that passed the expiry check
 * just before the deadline may still be reading the prepared PDF.
 */
export const SESSION_SWEEP_GRACE_MS = 60_000;
const SWEEP_BATCH = 100;
const SESSION_KEY_PREFIX = 'signing-sessions/';

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

export type SigningSessionsServiceDeps = {
  db: Db;
  signingRepo: SigningRepo;
  users: Pick<UsersService, 'findById'>;
  storage: Pick<ObjectStorage, 'putBuffer' | 'getStream' | 'delete'>;
  audit: Pick<AuditService, 'record'>;
  trustList: Pick<TrustList, 'certificates'>;
  signedVersions: Pick<SignedVersions, 'existingResult' | 'loadSignable' | 'store'>;
  /** The signing rules both paths obey (issuance.authorizeSignature, connected in signing.module.ts). */
  authorizeSignature: AuthorizeSignature;
  externalSubjectMatch: ExternalSubjectMatch;
  /** Open (not completed, not expired) signing sessions one user may hold. */
  maxOpenSessions: number;
  tsaUrl?: string;
  maxFileBytes: number;
};

/** The e-mail addresses a certificate names: subject emailAddress and SAN rfc822Name, lower-case. */
function emailsOf(cert: X509Certificate): string[] {
  const fromSubject = cert.subject
    .split('\n')
    .filter((l) => l.startsWith('emailAddress='))
    .map((l) => l.slice('emailAddress='.length));
  const fromSan = (cert.subjectAltName ?? '')
    .split(', ')
    .filter((n) => n.startsWith('email:'))
    .map((n) => n.slice('email:'.length));
  return [...fromSubject, ...fromSan].map((e) => e.trim().toLowerCase());
}

const certificateRefused = (reason: string, message: string): AppError =>
  new AppError('CERTIFICATE_NOT_TRUSTED', { message, details: { reason } });

/**
 * External signatures (USB tokens, remote signing services; SIGNING.md §4): `createSession`
 * prepares the PDF and answers what the device must sign, `completeSession` embeds the device's
 * signature; `sweepExpiredSessions` removes abandoned ones.
 */
export function createSigningSessionsService(deps: SigningSessionsServiceDeps) {
  const {
    db,
    signingRepo: repo,
    users,
    storage,
    audit,
    trustList,
    signedVersions,
    authorizeSignature,
    externalSubjectMatch,
    maxOpenSessions,
    tsaUrl,
    maxFileBytes,
  } = deps;

  /**
   * The certificate of an external device (SIGNING.md: a signature is worth its certificate): it
   * chains to the trust list, is valid at `at` (the signing time), and belongs to whoever the
   * signature speaks for: for the seal, an active certificate the owner organisation registered;
   * for a person, one they registered or, with SIGNING_EXTERNAL_SUBJECT_MATCH=email, one whose
   * e-mail is theirs (the CA vouches for it). A self-signed certificate named as anyone fails here.
   * @throws AppError CERTIFICATE_NOT_TRUSTED (details.reason NOT_VALID_AT_SIGNING_TIME, CHAIN_NOT_TRUSTED, NOT_THE_SIGNERS)
   */
  async function assertExternalCertificate(o: {
    certificateDer: Buffer;
    chainDer: Buffer[];
    kind: SignatureKind;
    signerUserId: string;
    organizationId: string;
    at: Date;
  }): Promise<void> {
    const cert = parseCertificate(o.certificateDer);
    if (o.at < new Date(cert.validFrom) || o.at > new Date(cert.validTo)) {
      throw certificateRefused(
        'NOT_VALID_AT_SIGNING_TIME',
        `the certificate is not valid at the signing time ${o.at.toISOString()} (valid from ${new Date(cert.validFrom).toISOString()} to ${new Date(cert.validTo).toISOString()})`,
      );
    }
    const pool = o.chainDer.map((c) => parseCertificate(c, 'a chain certificate'));
    if (!chainTrusted(cert, pool, trustList.certificates())) {
      throw certificateRefused('CHAIN_NOT_TRUSTED', 'the certificate does not chain to a trusted certification authority');
    }
    const fingerprint = createHash('sha256').update(o.certificateDer).digest('hex');
    const owner = o.kind === 'seal' ? { organizationId: o.organizationId } : { userId: o.signerUserId };
    if (await repo.findActiveByFingerprint(db, owner, fingerprint)) return;
    if (o.kind === 'signer' && externalSubjectMatch === 'email') {
      const email = (await users.findById(db, o.signerUserId))?.email?.trim().toLowerCase();
      if (email && emailsOf(cert).includes(email)) return;
    }
    throw certificateRefused(
      'NOT_THE_SIGNERS',
      o.kind === 'seal'
        ? 'the certificate is not one the owner organisation registered for its seal'
        : 'the certificate is neither one you registered nor issued to your e-mail address',
    );
  }

  return {
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
              details: {
                sessionId: deleted.id,
                inputFileId: deleted.inputFileId,
                kind: deleted.kind,
                createdBy: deleted.createdBy,
                expiresAt: deleted.expiresAt.toISOString(),
              },
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
      const { document, file } = await signedVersions.loadSignable(documentId, fileId, body.kind);
      if (await repo.findSignature(db, fileId, body.kind))
        throw new AppError('INVALID_STATE', { message: `this version already carries a ${body.kind} signature` });

      const certificateDer = Buffer.from(body.certificate, 'base64');
      const chainDer = (body.chain ?? []).map((c) => Buffer.from(c, 'base64'));
      await assertExternalCertificate({
        certificateDer,
        chainDer,
        kind: body.kind,
        signerUserId: p.id,
        organizationId: document.ownerOrganizationId,
        at: new Date(),
      });
      const tooMany = () =>
        new AppError('TOO_MANY_SIGNING_SESSIONS', {
          message: `you already have ${maxOpenSessions} signing sessions open; complete one or wait until it expires`,
          details: { limit: maxOpenSessions },
        });
      // Checked before preparing (cheap refusal), and again under the lock where it counts.
      if ((await repo.countOpenSessions(db, p.id, new Date())) >= maxOpenSessions) throw tooMany();

      const prepared = await preparePdfSignature({
        pdf: await storedFileBytes(storage, file, maxFileBytes),
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
          await repo.insertSession(tx, {
            id,
            documentId,
            inputFileId: fileId,
            kind: body.kind,
            createdBy: p.id,
            certificateDer,
            chainDer,
            preparedKey,
            fieldName: prepared.fieldName,
            signedAt: prepared.signedAt,
            expiresAt,
          });
          await audit.record(tx, {
            actorId: p.id,
            organizationId: document.ownerOrganizationId,
            action: 'signature.session-create',
            subjectType: 'document',
            subjectId: documentId,
            details: {
              sessionId: id,
              inputFileId: fileId,
              kind: body.kind,
              subject: commonNameOf(parseCertificate(certificateDer)),
              fingerprintSha256: createHash('sha256').update(certificateDer).digest('hex'),
            },
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
        const done = await signedVersions.existingResult(session.inputFileId, session.kind);
        if (done) return done;
      }
      if (session.expiresAt.getTime() < Date.now()) {
        throw new AppError('INVALID_STATE', {
          message: 'the signing session has expired; prepare again',
          details: { reason: 'SESSION_EXPIRED' },
        });
      }
      await authorizeSignature(p, session.documentId, session.inputFileId, session.kind);
      if (await repo.findSignature(db, session.inputFileId, session.kind))
        throw new AppError('INVALID_STATE', { message: `this version already carries a ${session.kind} signature` });

      const input = await repo.findFile(db, session.inputFileId);
      const document = await repo.findDocument(db, session.documentId);
      if (!input || !document) throw notFound();
      const certificate = {
        certificateDer: session.certificateDer,
        chainDer: session.chainDer,
        kind: session.kind,
        signerUserId: p.id,
        organizationId: document.ownerOrganizationId,
      };
      await assertExternalCertificate({ ...certificate, at: session.signedAt });
      await assertExternalCertificate({ ...certificate, at: new Date() });
      const prepared = await readAll(await storage.getStream(session.preparedKey), Number.MAX_SAFE_INTEGER);
      const pdf = await completePdfSignature({
        prepared,
        signature: Buffer.from(body.signature, 'base64'),
        certificate: session.certificateDer,
        chain: session.chainDer,
        tsaUrl,
      });

      const result = await signedVersions.store({
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

export type SigningSessionsService = ReturnType<typeof createSigningSessionsService>;
