import type { DbOrTx, Tx } from '../../db/client.js';
import type { Principal } from '../auth/principal.js';
import type { SQL } from 'drizzle-orm';
import type {
  DocumentPatch,
  DocumentWritesRepo,
  FileInsert,
  IncomingCopy,
  ReceivedDocument,
  ReceivedFile,
} from './document-writes.repo.js';
import type { DocumentFileRow, DocumentRow, DocumentsRepo, NewDocument } from './documents.repo.js';

export type { DocumentFileRow, DocumentPatch, DocumentRow, IncomingCopy, ReceivedDocument, ReceivedFile };

export type DocumentRecordsDeps = {
  documentsRepo: Pick<DocumentsRepo, 'findVisible' | 'findById' | 'filesOf' | 'findFile'>;
  writesRepo: DocumentWritesRepo;
};

/**
 * The document record as other modules use it, inside THEIR transaction (pass the `tx`): the
 * documents module is the only writer of `documents` and `document_files`, so the incoming flow
 * (handling), drafts and decisions (approvals), issuing (issuance), signed versions (signing),
 * overdue marks (tracking) and the fan-out's incoming copies (exchange) change them through these
 * functions. Each module keeps its own rules (which status follows which); these only write.
 */
export function createDocumentRecords({ documentsRepo, writesRepo }: DocumentRecordsDeps) {
  return {
    /** The document if `p` may see it (documents.policy.ts); `forUpdate` locks the row until the transaction ends. */
    findVisible: (dbx: DbOrTx, p: Principal, id: string, o?: { forUpdate?: boolean }): Promise<DocumentRow | undefined> =>
      documentsRepo.findVisible(dbx, p, id, o),
    findById: (dbx: DbOrTx, id: string): Promise<DocumentRow | undefined> => documentsRepo.findById(dbx, id),
    /** Every file row of the document (all versions), oldest first. */
    filesOf: (dbx: DbOrTx, documentId: string): Promise<DocumentFileRow[]> => documentsRepo.filesOf(dbx, documentId),
    findFile: (dbx: DbOrTx, documentId: string, fileId: string): Promise<DocumentFileRow | undefined> =>
      documentsRepo.findFile(dbx, documentId, fileId),

    /** A new document record (a draft, an incoming document taken in from a package). */
    insert: (tx: Tx, row: NewDocument): Promise<DocumentRow> => writesRepo.insertDocument(tx, row),
    /**
     * Received documents and their files as INSERTs for the caller's own single statement (intake's
     * copies of a package), where they commit with everything else it writes or not at all.
     */
    receivedInserts: (docs: readonly ReceivedDocument[], files: readonly (ReceivedFile & { documentId: string })[]): SQL[] =>
      writesRepo.receivedInserts(docs, files),
    /** New file rows (a draft version, a signed version, a notice's files...). */
    insertFiles: (tx: Tx, rows: FileInsert[]): Promise<DocumentFileRow[]> => writesRepo.insertFiles(tx, rows),
    /** A status change and the columns that go with it, decided by the caller's rules; updated_at moves with it. */
    update: (tx: Tx, id: string, patch: DocumentPatch): Promise<DocumentRow> => writesRepo.update(tx, id, patch),
    /** A recall took effect: an issued outgoing document becomes recalled (anything else is left as it is). */
    markIssuedRecalled: (tx: Tx, id: string): Promise<void> => writesRepo.markIssuedRecalled(tx, id),
    /** Tracking's sweep: documents whose own due date passed before completion get overdue_since; returns their ids. */
    markOverdue: (tx: Tx, today: string, detectedAt: Date): Promise<string[]> => writesRepo.markOverdue(tx, today, detectedAt),
    /** A fan-out's incoming copies of `sourceDocumentId`, in one set-based statement (see the repository). */
    insertIncomingCopies: (tx: Tx, sourceDocumentId: string, copies: readonly IncomingCopy[]): Promise<IncomingCopy[]> =>
      writesRepo.insertIncomingCopies(tx, sourceDocumentId, copies),
  };
}

export type DocumentRecords = ReturnType<typeof createDocumentRecords>;
