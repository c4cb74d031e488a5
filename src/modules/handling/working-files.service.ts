import type { Db } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import type { UploadPart } from '../../lib/multipart.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import type { WorkingFiles } from '../documents/working-files.js';
import type { DocumentRecords } from '../documents/document-records.service.js';
import { checkWorkingFiles, progressed } from './handling-transitions.js';
import type { HandlingRepo } from './handling.repo.js';
import type { WorkingFilesResult } from './handling.schemas.js';
import type { OnDocumentEvent, StepLoaders } from './handling.shared.js';

export type WorkingFilesServiceDeps = {
  db: Db;
  handlingRepo: HandlingRepo;
  /** The document's status is written by the documents module, in this transaction. */
  documents: Pick<DocumentRecords, 'update'>;
  loaders: Pick<StepLoaders, 'loadAssignment'>;
  files: Pick<WorkingFiles, 'receive' | 'record'>;
  audit: Pick<AuditService, 'record'>;
  onDocumentEvent: OnDocumentEvent;
};

/**
 * The handler's own files on an assignment (reply drafts, minutes): listed with the document's files
 * to everyone who sees it, and named by progress notes like any file of the document. The files
 * take the documents module's upload path; the rows, the document's progress and the audit event
 * are one transaction, and the stored objects are deleted when it does not commit.
 */
export function createWorkingFilesService({
  db,
  handlingRepo,
  documents,
  loaders,
  files,
  audit,
  onDocumentEvent,
}: WorkingFilesServiceDeps) {
  return {
    /**
     * Adds one or more files (multipart) to an open lead or coordinating assignment, by its holder.
     * @throws AppError NOT_FOUND (an assignment the caller may not see), NOT_ASSIGNMENT_HOLDER,
     *   INVALID_STATE (closed), VALIDATION_FAILED (no file), UNSUPPORTED_MEDIA_TYPE, PAYLOAD_TOO_LARGE
     */
    async add(p: Principal, assignmentId: string, parts: AsyncIterable<UploadPart>): Promise<WorkingFilesResult> {
      // Checked before a byte is stored: a refused caller leaves nothing behind.
      const first = await handlingRepo.findAssignmentContext(db, assignmentId);
      if (!first || !(await handlingRepo.findVisibleDocument(db, p, first.assignment.documentId)))
        throw new AppError('NOT_FOUND', { message: 'assignment not found' });
      checkWorkingFiles(p, first);

      const received = await files.receive(parts);
      try {
        if (received.files.length === 0) throw new AppError('VALIDATION_FAILED', { message: 'at least one file is required' });
        return await db.transaction(async (tx) => {
          const { ctx, doc } = await loaders.loadAssignment(tx, p, assignmentId);
          // Again under the document's lock: the assignment may have closed while the files streamed.
          checkWorkingFiles(p, ctx);
          const rows = await files.record(tx, { documentId: doc.id, assignmentId, createdBy: p.id, files: received.files });
          const document = progressed(doc.status);
          if (document) {
            await documents.update(tx, doc.id, document);
            await onDocumentEvent(tx, { documentId: doc.id, kind: 'progress' });
          }
          const added = rows.map((f) => ({
            id: f.id,
            name: f.name,
            size: f.size,
            sha256: f.sha256,
            contentType: f.contentType,
            assignmentId,
          }));
          await audit.record(tx, {
            actorId: p.id,
            organizationId: doc.ownerOrganizationId,
            action: 'assignment.files-add',
            subjectType: 'document',
            subjectId: doc.id,
            details: { assignmentId, role: ctx.assignment.role, files: added },
          });
          return { files: added };
        });
      } catch (err) {
        await received.discard();
        throw err;
      }
    },
  };
}

export type WorkingFilesService = ReturnType<typeof createWorkingFilesService>;
