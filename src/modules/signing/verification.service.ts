import type { SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { JOB_IDS } from '../../jobs/catalog.js';
import { AppError, isAppError } from '../../lib/errors.js';
import type { UploadPart } from '../../lib/multipart.js';
import type { ObjectStorage } from '../../storage/object-storage.js';
import type { Principal } from '../auth/principal.js';
import type { Outbox } from '../outbox/outbox.service.js';
import { mayHoldSignatureDictionary } from './pdf/signature-scan.js';
import { verifyPdf } from './pdf/verify-pdf.js';
import { notFound, readAll, storedFileBytes } from './signing.helpers.js';
import type { SigningRepo } from './signing.repo.js';
import type { FileVerificationDto, VerificationDto } from './signing.schemas.js';
import type { TrustList } from './trust-list.js';

export type VerificationServiceDeps = {
  db: Db;
  signingRepo: SigningRepo;
  storage: Pick<ObjectStorage, 'getStream'>;
  trustList: Pick<TrustList, 'anchors'>;
  outbox: Pick<Outbox, 'insertStatement' | 'kick'>;
  maxFileBytes: number;
};

/**
 * Signature verification (SIGNING.md): reports of uploaded PDFs, and stored reports of document
 * files, computed by the `signing.verify-file` job for every PDF a document receives.
 */
export function createVerificationService({ db, signingRepo: repo, storage, trustList, outbox, maxFileBytes }: VerificationServiceDeps) {
  async function verifyBytes(pdf: Buffer): Promise<VerificationDto> {
    return verifyPdf(pdf, { trust: trustList.anchors() });
  }

  /**
   * Verify a stored file and keep the report; an unreadable PDF is stored as a report with `error`.
   * @throws AppError NOT_FOUND (no such file of that document)
   */
  async function verifyAndStoreReport(documentId: string, fileId: string): Promise<FileVerificationDto> {
    const file = await repo.findFile(db, fileId);
    if (!file || file.documentId !== documentId) throw notFound('file not found');
    let report: { signatures: VerificationDto['signatures']; error?: string };
    try {
      const bytes = await storedFileBytes(storage, file, maxFileBytes);
      // An unsigned PDF (most arrivals) is reported as such without a parse; a file that may hold
      // a signature dictionary gets the full verification.
      report = mayHoldSignatureDictionary(bytes) ? await verifyBytes(bytes) : { signatures: [] };
    } catch (e) {
      if (!isAppError(e) || e.code !== 'UNPROCESSABLE') throw e;
      report = { signatures: [], error: e.message };
    }
    const verifiedAt = new Date();
    await repo.upsertReport(db, fileId, report, verifiedAt);
    return { fileId, verifiedAt: verifiedAt.toISOString(), ...report };
  }

  return {
    verifyAndStoreReport,

    /**
     * The rule that every PDF arriving in a document gets its signatures checked and the report
     * stored, as INSERTs the documents module runs inside the statement that stores the files: a
     * PDF whose bytes hold no signature dictionary (the upload scanned them) gets its report, no
     * signatures, in that statement; any other gets a `signing.verify-file` job, which exists if and
     * only if the file does (outbox). No NOTIFY: `afterCommit` kicks this process's relay, and
     * uploads are the busiest writes. `queued`: how many jobs the statements add.
     */
    scheduleStatements(pdfs: { fileId: string; maybeSigned: boolean }[]): { statements: SQL[]; queued: number } {
      const unsigned = pdfs.filter((f) => !f.maybeSigned).map((f) => f.fileId);
      const toVerify = pdfs.filter((f) => f.maybeSigned).map((f) => f.fileId);
      const statements: SQL[] = [];
      if (unsigned.length > 0) statements.push(repo.reportsInsert(unsigned, { signatures: [] }, new Date()));
      if (toVerify.length > 0)
        statements.push(
          outbox.insertStatement(
            toVerify.map((fileId) => ({ name: 'signing.verify-file' as const, payload: { fileId }, jobId: JOB_IDS.verifyFile(fileId) })),
          ),
        );
      return { statements, queued: toVerify.length };
    },

    /**
     * After the statement that ran `scheduleStatements` committed, when it queued a job: publish now.
     * An upload of unsigned PDFs queued none, and a relay pass would only find nothing to publish.
     */
    afterCommit(queued: number): void {
      if (queued > 0) void outbox.kick();
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
      return {
        fileId,
        verifiedAt: stored.verifiedAt.toISOString(),
        ...(stored.report as Omit<FileVerificationDto, 'fileId' | 'verifiedAt'>),
      };
    },
  };
}

export type VerificationService = ReturnType<typeof createVerificationService>;
