import { randomUUID } from 'node:crypto';
import type { Tx } from '../../db/client.js';
import type { UploadPart } from '../../lib/multipart.js';
import type { ObjectStorage } from '../../storage/object-storage.js';
import type { DocumentWritesRepo } from './document-writes.repo.js';
import type { DocumentFileRow } from './documents.repo.js';
import { receiveUpload, type ReceivedUpload, type StoredFile } from './upload.js';

export type WorkingFilesDeps = {
  writesRepo: Pick<DocumentWritesRepo, 'insertFiles' | 'touch'>;
  storage: Pick<ObjectStorage, 'putStream' | 'deleteMany'>;
  uploads: { maxFileBytes: number };
};

/**
 * A handler's working files (reply drafts, minutes): document files of kind `note`, tied to the
 * assignment they were added to, listed with the document's files and never sent with it (fan-out
 * and notices skip kind note). The handling module decides who may add them (POST
 * /assignments/:id/files); this module keeps the files themselves: the same upload path as every
 * document file (streamed to storage, sniffed by magic bytes, allow-listed, size-limited), and the
 * rows, written in the caller's transaction.
 */
export function createWorkingFiles({ writesRepo, storage, uploads }: WorkingFilesDeps) {
  return {
    /**
     * Stores every file part of the request (fields are ignored). The caller writes the rows with
     * `record` and calls `discard()` when anything after this fails, so no object outlives a refusal.
     * @throws AppError UNSUPPORTED_MEDIA_TYPE, PAYLOAD_TOO_LARGE, SERVICE_UNAVAILABLE, MALFORMED_MULTIPART
     */
    receive(parts: AsyncIterable<UploadPart>): Promise<ReceivedUpload> {
      return receiveUpload(parts, { storage, maxFileBytes: uploads.maxFileBytes });
    },

    /** The rows of received files, as working files of `assignmentId` (in the caller's transaction). */
    async record(
      tx: Tx,
      o: { documentId: string; assignmentId: string; createdBy: string; files: readonly StoredFile[] },
    ): Promise<DocumentFileRow[]> {
      const rows = await writesRepo.insertFiles(
        tx,
        o.files.map((f) => ({
          id: randomUUID(),
          documentId: o.documentId,
          name: f.name,
          contentType: f.contentType,
          size: f.size,
          sha256: f.sha256,
          storageKey: f.storageKey,
          kind: 'note' as const,
          assignmentId: o.assignmentId,
          createdBy: o.createdBy,
        })),
      );
      await writesRepo.touch(tx, o.documentId);
      return rows;
    },
  };
}

export type WorkingFiles = ReturnType<typeof createWorkingFiles>;
