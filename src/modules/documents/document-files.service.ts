import { randomUUID } from 'node:crypto';
import { Value } from 'typebox/value';
import type { Db, DbOrTx, Tx } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import type { UploadPart } from '../../lib/multipart.js';
import { Uuid } from '../../lib/schemas.js';
import type { ObjectStorage } from '../../storage/object-storage.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import type { OrgsDirectory } from '../orgs/orgs-directory.service.js';
import { latestFiles, toFileDtos } from './document-dtos.js';
import type { DocumentWritesRepo } from './document-writes.repo.js';
import type { DocumentRow, DocumentsRepo } from './documents.repo.js';
import type { UploadedFilesDto } from './documents.schemas.js';
import { mayWriteFor } from './documents.rules.js';
import { issuedFileName, issuedFileStem, nextVersionName, planIssuedFiles, type IssuedFilesPlan } from './issued-file-names.js';
import { receiveUpload, type StoredFile } from './upload.js';

export type DocumentFilesServiceDeps = {
  db: Db;
  documentsRepo: Pick<DocumentsRepo, 'findVisible' | 'findFile' | 'isLatestFile' | 'filesOf'>;
  writesRepo: Pick<DocumentWritesRepo, 'insertFiles' | 'touch' | 'applyIssuedFiles'>;
  orgs: Pick<OrgsDirectory, 'findById'>;
  storage: Pick<ObjectStorage, 'putStream' | 'deleteMany'>;
  audit: Pick<AuditService, 'record'>;
  uploads: { maxFileBytes: number };
  /** The document if `p` may see it, else NOT_FOUND (documents.service). */
  getVisible(p: Principal, id: string, dbx?: DbOrTx): Promise<DocumentRow>;
};

/** A document's files after its creation: new versions and attachments, and issuing's names. */
export function createDocumentFilesService({
  db,
  documentsRepo,
  writesRepo,
  orgs,
  storage,
  audit,
  uploads,
  getVisible,
}: DocumentFilesServiceDeps) {
  return {
    /**
     * Adds attachments, or (field `replaces=<fileId>` with exactly one file) a new version of a
     * file; stored bytes are never changed. On an issued document the new files take its names (a
     * new version the name of the file it replaces, an attachment the next "Phụ lục"), the uploaded
     * name kept in originalName.
     * @throws AppError NOT_FOUND, FORBIDDEN, VALIDATION_FAILED, INVALID_STATE (replacing a file that
     *   already has a newer version), UNSUPPORTED_MEDIA_TYPE, PAYLOAD_TOO_LARGE, SERVICE_UNAVAILABLE
     */
    async addFiles(p: Principal, id: string, parts: AsyncIterable<UploadPart>): Promise<UploadedFilesDto> {
      const doc = await getVisible(p, id);
      const owner = await orgs.findById(db, doc.ownerOrganizationId);
      if (!owner || !(mayWriteFor(p, doc.direction, owner) || doc.createdBy === p.id)) {
        throw new AppError('FORBIDDEN', { message: 'you may not add files to this document' });
      }

      let replaces: string | undefined;
      const received = await receiveUpload(parts, {
        storage,
        maxFileBytes: uploads.maxFileBytes,
        onField: (name, value) => {
          if (name !== 'replaces') return;
          if (!Value.Check(Uuid, value)) throw new AppError('VALIDATION_FAILED', { message: 'replaces must be a file id' });
          replaces = value;
        },
      });

      try {
        if (received.files.length === 0) throw new AppError('VALIDATION_FAILED', { message: 'at least one file is required' });
        if (replaces !== undefined && received.files.length !== 1)
          throw new AppError('VALIDATION_FAILED', { message: 'a new version replaces one file: send exactly one' });
        const replacedId = replaces;

        return await db.transaction(async (tx) => {
          // Locks the document so two new versions of the same file cannot both be "the next one".
          const locked = await documentsRepo.findVisible(tx, p, id, { forUpdate: true });
          if (!locked) throw new AppError('NOT_FOUND', { message: 'document not found' });

          // An issued document's files carry its số/ký hiệu (issued-file-names.ts), new ones too:
          // an update sends them to the recipients.
          const stem =
            locked.direction === 'outgoing' && locked.status === 'issued' && locked.number && locked.notation
              ? issuedFileStem(locked.number, locked.notation)
              : null;
          let rows;
          if (replacedId !== undefined) {
            const previous = await documentsRepo.findFile(tx, id, replacedId);
            if (!previous) throw new AppError('VALIDATION_FAILED', { message: 'replaces names no file of this document' });
            if (previous.supersededAt !== null || !(await documentsRepo.isLatestFile(tx, previous.id))) {
              throw new AppError('INVALID_STATE', {
                message: 'that file already has a newer version, or is no longer one of the document’s files',
              });
            }
            const row = {
              ...fileRow(received.files[0], id, p.id),
              kind: previous.kind,
              version: previous.version + 1,
              previousFileId: previous.id,
            };
            rows = [stem ? { ...row, name: nextVersionName(previous, row), originalName: row.name } : row];
          } else {
            const attachments = stem ? latestFiles(await documentsRepo.filesOf(tx, id)).filter((f) => f.kind === 'attachment').length : 0;
            rows = received.files.map((f, i) => {
              const row = { ...fileRow(f, id, p.id), kind: 'attachment' as const };
              return stem
                ? { ...row, name: issuedFileName(stem, { kind: 'attachment', position: attachments + i + 1 }, row), originalName: row.name }
                : row;
            });
          }
          const files = await writesRepo.insertFiles(tx, rows);
          await writesRepo.touch(tx, id);
          await audit.record(tx, {
            actorId: p.id,
            organizationId: doc.ownerOrganizationId,
            action: replacedId ? 'document.file.version' : 'document.file.add',
            subjectType: 'document',
            subjectId: id,
            details: {
              files: files.map((f) => ({ id: f.id, name: f.name, size: f.size, sha256: f.sha256, previousFileId: f.previousFileId })),
            },
          });
          return { documentId: id, files: toFileDtos(files) };
        });
      } catch (err) {
        await received.discard();
        throw err;
      }
    },

    /**
     * Issuing's part on the files, in the issuing transaction (issuance calls it): the current files
     * are named from the số/ký hiệu, keeping their names in originalName, and the files of the
     * other draft versions are retired (issued-file-names.ts planIssuedFiles). Returns what changed,
     * for the issue's audit event.
     */
    async issueFiles(
      tx: Tx,
      documentId: string,
      o: { number: string; notation: string; mainFileId: string; attachmentOrder: readonly string[]; retiredRootIds: readonly string[] },
    ): Promise<IssuedFilesPlan> {
      const plan = planIssuedFiles(await documentsRepo.filesOf(tx, documentId), {
        stem: issuedFileStem(o.number, o.notation),
        mainFileId: o.mainFileId,
        attachmentOrder: o.attachmentOrder,
        retiredRootIds: new Set(o.retiredRootIds),
      });
      await writesRepo.applyIssuedFiles(tx, plan);
      return plan;
    },
  };
}

/** The row of a stored upload (kind and version are the caller's). */
export function fileRow(f: StoredFile, documentId: string, createdBy: string) {
  return {
    id: randomUUID(),
    documentId,
    name: f.name,
    contentType: f.contentType,
    size: f.size,
    sha256: f.sha256,
    storageKey: f.storageKey,
    createdBy,
  };
}
