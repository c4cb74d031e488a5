import type { Db } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import type { CalendarService } from '../calendar/calendar.service.js';
import type { TrackingService } from '../tracking/tracking.service.js';
import type { DocumentRecords } from '../documents/document-records.service.js';
import { checkAssignmentAction, checkExtensionRequest, extensionGrant, grantedDueDate, progressed } from './handling-transitions.js';
import type { HandlingRepo } from './handling.repo.js';
import type { AssignmentDto, ExtensionBody, ExtensionDecisionBody, NoteBody, NoteDto } from './handling.schemas.js';
import type { OnDocumentEvent, OnItemChanged, StepLoaders } from './handling.shared.js';

export type ProgressServiceDeps = {
  db: Db;
  handlingRepo: HandlingRepo;
  /** The document's status and dates are written by the documents module, in this transaction. */
  documents: Pick<DocumentRecords, 'update'>;
  loaders: Pick<StepLoaders, 'loadAssignment' | 'views'>;
  tracking: Pick<TrackingService, 'moveDue'>;
  calendar: Pick<CalendarService, 'today' | 'now' | 'workingDaysBetween'>;
  audit: Pick<AuditService, 'record'>;
  onDocumentEvent: OnDocumentEvent;
  onItemChanged: OnItemChanged;
};

/**
 * Work on an open assignment: progress notes (with files of the document), and deadline
 * extensions the assignee asks for and the assigner grants or refuses. Each step is one transaction
 * holding the document's row lock, with its audit event; handling-transitions.ts says who may act
 * and what a grant moves.
 */
export function createProgressService({
  db,
  handlingRepo,
  documents,
  loaders,
  tracking,
  calendar,
  audit,
  onDocumentEvent,
  onItemChanged,
}: ProgressServiceDeps) {
  const { loadAssignment, views } = loaders;

  return {
    /** A progress note (with files of the same document); the document is then in progress. @throws AppError NOT_FOUND, FORBIDDEN, INVALID_STATE, VALIDATION_FAILED */
    async addNote(p: Principal, assignmentId: string, body: NoteBody): Promise<NoteDto> {
      return db.transaction(async (tx) => {
        const { ctx, doc } = await loadAssignment(tx, p, assignmentId);
        checkAssignmentAction('note', p, ctx);
        const fileIds = body.fileIds ?? [];
        if ((await handlingRepo.countDocumentFiles(tx, doc.id, fileIds)) !== fileIds.length)
          throw new AppError('VALIDATION_FAILED', { message: 'fileIds must be files of this document' });

        const note = await handlingRepo.insertNote(tx, {
          assignmentId,
          authorId: p.id,
          text: body.text,
          fileIds,
          createdAt: calendar.now(),
        });
        const document = progressed(doc.status);
        if (document) {
          await documents.update(tx, doc.id, document);
          await onDocumentEvent(tx, { documentId: doc.id, kind: 'progress' });
        }
        await audit.record(tx, {
          actorId: p.id,
          organizationId: doc.ownerOrganizationId,
          action: 'assignment.note',
          subjectType: 'document',
          subjectId: doc.id,
          details: { assignmentId, noteId: note.id, fileIds },
        });
        return {
          id: note.id,
          assignmentId,
          authorId: p.id,
          authorName: p.fullName,
          text: note.text,
          fileIds: note.fileIds,
          createdAt: note.createdAt.toISOString(),
        };
      });
    },

    /** The assignee asks for a later deadline. @throws AppError NOT_FOUND, FORBIDDEN, INVALID_STATE, VALIDATION_FAILED */
    async requestExtension(p: Principal, assignmentId: string, body: ExtensionBody): Promise<AssignmentDto> {
      return db.transaction(async (tx) => {
        const { ctx, doc } = await loadAssignment(tx, p, assignmentId);
        checkAssignmentAction('request-extension', p, ctx);
        const a = ctx.assignment;
        checkExtensionRequest(a, body.requestedDueDate, calendar.today());

        await handlingRepo.updateAssignment(tx, a.id, {
          extensionRequestedDueDate: body.requestedDueDate,
          extensionReason: body.reason,
          extensionStatus: 'requested',
        });
        await audit.record(tx, {
          actorId: p.id,
          organizationId: doc.ownerOrganizationId,
          action: 'assignment.extension-request',
          subjectType: 'document',
          subjectId: doc.id,
          details: { assignmentId, currentDueDate: a.dueDate, requestedDueDate: body.requestedDueDate, reason: body.reason },
        });
        return (await views(tx, [a.id]))[0];
      });
    },

    /**
     * The assigner (or a leader over the assigner's unit) grants or refuses a pending extension.
     * A grant moves the deadline of the assignment and of its open custody, and clears the
     * overdue flag when it is no longer late.
     * @throws AppError NOT_FOUND, FORBIDDEN, INVALID_STATE, VALIDATION_FAILED
     */
    async decideExtension(p: Principal, assignmentId: string, body: ExtensionDecisionBody): Promise<AssignmentDto> {
      return db.transaction(async (tx) => {
        const { ctx, doc } = await loadAssignment(tx, p, assignmentId);
        checkAssignmentAction('decide-extension', p, ctx);
        const a = ctx.assignment;

        if (!body.grant) {
          await handlingRepo.updateAssignment(tx, a.id, { extensionStatus: 'refused' });
          await audit.record(tx, {
            actorId: p.id,
            organizationId: doc.ownerOrganizationId,
            action: 'assignment.extension-refuse',
            subjectType: 'document',
            subjectId: doc.id,
            details: { assignmentId },
          });
          return (await views(tx, [a.id]))[0];
        }

        const parent = a.parentId ? await handlingRepo.findAssignmentContext(tx, a.parentId) : undefined;
        const dueDate = grantedDueDate({
          requestedDueDate: a.extensionRequestedDueDate!,
          namedDueDate: body.dueDate,
          parentDueDate: parent?.assignment.dueDate ?? null,
          today: calendar.today(),
        });
        // The allowance grows by the working days added, when it was counted at all.
        const added = a.allottedWorkingDays === null || a.dueDate === null ? null : await calendar.workingDaysBetween(a.dueDate, dueDate);
        const grant = extensionGrant({ assignment: a, documentDueDate: doc.dueDate, dueDate, addedWorkingDays: added });
        await handlingRepo.updateAssignment(tx, a.id, grant.assignment);
        await tracking.moveDue(tx, a.id, grant.custody.dueDate, grant.custody.allottedWorkingDays);
        if (grant.document) await documents.update(tx, doc.id, grant.document);
        await onItemChanged(tx, doc.id);
        await audit.record(tx, {
          actorId: p.id,
          organizationId: doc.ownerOrganizationId,
          action: 'assignment.extension-grant',
          subjectType: 'document',
          subjectId: doc.id,
          details: {
            assignmentId,
            fromDueDate: a.dueDate,
            dueDate,
            // The document's own deadline moved with its lead's (shown on the timeline).
            ...(grant.document ? { documentDueDate: { from: doc.dueDate, to: grant.document.dueDate } } : {}),
          },
        });
        return (await views(tx, [a.id]))[0];
      });
    },
  };
}

export type ProgressService = ReturnType<typeof createProgressService>;
