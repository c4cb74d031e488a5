import type { Tx } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import type { Principal } from '../auth/principal.js';
import type { DocumentEventKind } from './handling-transitions.js';
import type { AssignmentView, DocumentRow, HandlingRepo } from './handling.repo.js';
import type { AssignmentDto, DocumentStateDto } from './handling.schemas.js';

/** What the handling services share: the DTOs, the step hook, and how a step loads what it changes. */

/**
 * Called in a step's transaction (before its audit event) after register, refuse, assign, the
 * first progress and completion: the exchange module turns these into status feedback to the sender.
 */
export type OnDocumentEvent = (tx: Tx, event: { documentId: string; kind: DocumentEventKind; reason?: string | null }) => Promise<void>;

/**
 * Called in a step's transaction, after its changes, by every step that changes what the handling
 * report counts (registration, the lead chain, a deadline, completion, a recall): the reports module
 * brings the document's aggregates up to date.
 */
export type OnItemChanged = (tx: Tx, documentId: string) => Promise<void>;

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

export function toDocumentStateDto(doc: DocumentRow): DocumentStateDto {
  return {
    id: doc.id,
    status: doc.status,
    incomingNumber: doc.incomingNumber,
    registerId: doc.registerId,
    registeredAt: iso(doc.registeredAt),
    registeredBy: doc.registeredBy,
    refusedReason: doc.refusedReason,
    dueDate: doc.dueDate,
    completedAt: iso(doc.completedAt),
    overdueSince: iso(doc.overdueSince),
  };
}

export function toAssignmentDto(a: AssignmentView): AssignmentDto {
  return {
    id: a.id,
    documentId: a.documentId,
    parentId: a.parentId,
    assignerId: a.assignerId,
    assignerName: a.assignerName,
    assigneeUserId: a.assigneeUserId,
    assigneeUserName: a.assigneeUserName,
    assigneeUnitId: a.assigneeUnitId,
    assigneeUnitName: a.assigneeUnitName,
    role: a.role,
    comment: a.comment,
    dueDate: a.dueDate,
    allottedWorkingDays: a.allottedWorkingDays,
    status: a.status,
    overdueSince: iso(a.overdueSince),
    result: a.result,
    replyDocumentId: a.replyDocumentId,
    returnReason: a.returnReason,
    recallReason: a.recallReason,
    extensionRequestedDueDate: a.extensionRequestedDueDate,
    extensionReason: a.extensionReason,
    extensionStatus: a.extensionStatus,
    completedAt: iso(a.completedAt),
    readAt: iso(a.readAt),
    readById: a.readBy,
    readByName: a.readByName,
    createdAt: a.createdAt.toISOString(),
  };
}

/**
 * How a step loads what it changes. Every step locks the document's row first: that lock
 * serialises all changes to a document and to its assignments (registering twice, two leads at
 * once, a completion racing a return).
 */
export function createStepLoaders(handlingRepo: HandlingRepo) {
  return {
    /** The document (locked) with its owner's path. @throws AppError NOT_FOUND unless the caller sees it */
    async loadDocument(tx: Tx, p: Principal, id: string) {
      const found = await handlingRepo.findVisibleDocument(tx, p, id, { lock: true });
      if (!found) throw new AppError('NOT_FOUND', { message: 'document not found' });
      return found;
    },

    /** The assignment and its document (locked). @throws AppError NOT_FOUND unless the caller sees the document */
    async loadAssignment(tx: Tx, p: Principal, id: string) {
      const first = await handlingRepo.findAssignmentContext(tx, id);
      if (!first) throw new AppError('NOT_FOUND', { message: 'assignment not found' });
      const found = await handlingRepo.findVisibleDocument(tx, p, first.assignment.documentId, { lock: true });
      if (!found) throw new AppError('NOT_FOUND', { message: 'assignment not found' });
      // Re-read under the document lock: every change to an assignment takes that lock first.
      const ctx = (await handlingRepo.findAssignmentContext(tx, id))!;
      return { ctx, doc: found.doc, ownerPath: found.ownerPath };
    },

    /** The assignments as DTOs, in the order of `ids` (the order the caller named the assignees). */
    async views(tx: Tx, ids: string[]): Promise<AssignmentDto[]> {
      const byId = new Map((await handlingRepo.viewsByIds(tx, ids)).map((a) => [a.id, a]));
      return ids.map((id) => toAssignmentDto(byId.get(id)!));
    },
  };
}

export type StepLoaders = ReturnType<typeof createStepLoaders>;
