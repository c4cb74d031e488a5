import { createHash } from 'node:crypto';

import type { Db, Tx } from '../../db/client.js';
import type { SignatureKind } from '../../db/schema/index.js';
import { AppError } from '../../lib/errors.js';
import { contextLogger, type Logger } from '../../lib/logger.js';
import type { ObjectStorage } from '../../storage/object-storage.js';
import type { AuditService } from '../audit/audit.service.js';
import type { DocumentRecords } from '../documents/document-records.service.js';
import { newDocumentObjectKey } from '../documents/upload.js';
import { notFound, PDF } from './signing.helpers.js';
import type { FileRow, SignatureRow, SigningRepo } from './signing.repo.js';
import type { SignedFileDto } from './signing.schemas.js';
import type { VerificationService } from './verification.service.js';

/** A signature just stored (see OnSigned). */
export type SignedEvent = {
  documentId: string;
  kind: SignatureKind;
  inputFileId: string;
  outputFileId: string;
  signerUserId: string;
  signatureId: string;
};

/**
 * Runs in the transaction that stores a new signature, before its audit event; throwing rolls
 * the signature back. Issuance uses it to move an approved outgoing draft to 'signed' together
 * with the signer's signature (whichever path signed: worker job or external device).
 */
export type OnSigned = (tx: Tx, event: SignedEvent) => Promise<void>;

export type SignedVersionsDeps = {
  db: Db;
  signingRepo: SigningRepo;
  /** The signed file's row is a documents write (a new version of the input file). */
  documents: Pick<DocumentRecords, 'insertFiles'>;
  storage: Pick<ObjectStorage, 'putBuffer' | 'delete'>;
  audit: Pick<AuditService, 'record'>;
  verification: Pick<VerificationService, 'verifyAndStoreReport'>;
  logger: Pick<Logger, 'warn'>;
  onSigned: OnSigned;
};

export type StoreSignedOptions = {
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

/** Unique violations come from postgres.js directly or wrapped by drizzle (cause). */
function isUniqueViolation(e: unknown): boolean {
  const code = (x: unknown) => (x && typeof x === 'object' && 'code' in x ? (x as { code: unknown }).code : undefined);
  return code(e) === '23505' || code((e as { cause?: unknown })?.cause) === '23505';
}

/**
 * What both signing paths (a stored key in a worker, an external device through a session) share:
 * the rules every signed file obeys, and the one way a signature becomes a new file version.
 */
export function createSignedVersions({
  db,
  signingRepo: repo,
  documents,
  storage,
  audit,
  verification,
  logger,
  onSigned,
}: SignedVersionsDeps) {
  /** The result already stored for this version and kind (a retry, or a twin that lost the race). */
  async function existingResult(inputFileId: string, kind: SignatureKind): Promise<SignedFileDto | undefined> {
    const signature = await repo.findSignature(db, inputFileId, kind);
    if (!signature) return undefined;
    const output = await repo.findFile(db, signature.outputFileId);
    return output ? toSignedFileDto(output, signature) : undefined;
  }

  return {
    existingResult,

    /**
     * The document file that is about to be signed, with the rules every signature obeys.
     * @throws AppError NOT_FOUND, UNPROCESSABLE (not a PDF), INVALID_STATE (seal before the signer's signature)
     */
    async loadSignable(documentId: string, fileId: string, kind: SignatureKind) {
      const document = await repo.findDocument(db, documentId);
      const file = await repo.findFile(db, fileId);
      if (!document || !file || file.documentId !== documentId) throw notFound('file not found');
      if (file.contentType !== PDF)
        throw new AppError('UNPROCESSABLE', { message: 'only PDF files can be signed', details: { reason: 'NOT_PDF' } });
      // Decree 30 Art. 32.2.d: the agency signature goes only on a document the competent person signed.
      if (kind === 'seal') {
        const producing = await repo.findSignatureProducing(db, fileId);
        if (producing?.kind !== 'signer') {
          throw new AppError('INVALID_STATE', {
            message: "the agency seal goes only on a version carrying the signer's signature",
            details: { reason: 'NOT_SIGNED_BY_SIGNER' },
          });
        }
      }
      return { document, file };
    },

    /**
     * The signed bytes become a new version of the input file and a signatures row, in one
     * transaction with the audit event. A concurrent twin loses on the unique (input, kind) and its
     * object is removed; the caller then gets the winner's result.
     */
    async store(o: StoreSignedOptions): Promise<SignedFileDto> {
      const storageKey = newDocumentObjectKey();
      const put = await storage.putBuffer(storageKey, o.pdf, { contentType: PDF });
      try {
        const result = await db.transaction(async (tx) => {
          const [output] = await documents.insertFiles(tx, [
            {
              documentId: o.input.documentId,
              // A signed version is the same file: an issued one keeps its name (and the one before it).
              name: o.input.name,
              originalName: o.input.originalName,
              contentType: PDF,
              size: put.size,
              sha256: put.sha256,
              storageKey,
              kind: o.input.kind,
              version: o.input.version + 1,
              previousFileId: o.input.id,
              createdBy: o.signerUserId,
            },
          ]);
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
          await onSigned(tx, {
            documentId: o.input.documentId,
            kind: o.kind,
            inputFileId: o.input.id,
            outputFileId: output.id,
            signerUserId: o.signerUserId,
            signatureId: signature.id,
          });
          await audit.record(tx, {
            actorId: o.signerUserId,
            organizationId: o.organizationId,
            action: o.kind === 'seal' ? 'document.seal' : 'document.sign',
            subjectType: 'document',
            subjectId: o.input.documentId,
            details: {
              inputFileId: o.input.id,
              outputFileId: output.id,
              certificateId: o.certificateId,
              fieldName: o.fieldName,
              ...o.details,
            },
          });
          return toSignedFileDto(output, signature);
        });
        // The report is a convenience (it can be recomputed): a failure here must not undo the signature.
        await verification
          .verifyAndStoreReport(result.documentId, result.fileId)
          .catch((err: unknown) => contextLogger(logger).warn({ err, fileId: result.fileId }, 'verification of a signed file failed'));
        return result;
      } catch (e) {
        await storage.delete(storageKey).catch(() => {});
        if (isUniqueViolation(e)) {
          const winner = await existingResult(o.input.id, o.kind);
          if (winner) return winner;
        }
        throw e;
      }
    },
  };
}

export type SignedVersions = ReturnType<typeof createSignedVersions>;
