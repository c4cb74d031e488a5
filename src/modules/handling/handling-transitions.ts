import type { DocumentStatus } from '../../db/schema/documents.js';
import { AppError } from '../../lib/errors.js';
import { hasRoleOver, isClerkOf, type Principal } from '../auth/principal.js';
import type { AssignmentContext, AssignmentRow, DocumentRow } from './handling.repo.js';

/**
 * The decisions of the incoming flow as pure functions: who may take which step in which state,
 * and what a step changes (the document's status and deadline, its custody, which status the
 * sender hears). They take what a service read under the document's row lock and return the new
 * state; the services (intake, assignments, progress) write it in the same transaction. The
 * checks answer FORBIDDEN before INVALID_STATE before VALIDATION_FAILED.
 */

/** A step the exchange module turns into a status for the sender (exchange/status-feedback.service.ts). */
export type DocumentEventKind = 'register' | 'refuse' | 'assign' | 'progress' | 'complete';

// ---- intake: the clerk's steps ----------------------------------------------------------------

export type IntakeStep = 'register' | 'refuse' | 'present';

/**
 * Only a clerk of the receiving organisation takes the intake steps: register a received incoming
 * document, refuse a received one, present a registered one to a leader.
 * @throws AppError FORBIDDEN, INVALID_STATE
 */
export function checkIntakeStep(
  step: IntakeStep,
  p: Principal,
  doc: Pick<DocumentRow, 'ownerOrganizationId' | 'direction' | 'status'>,
): void {
  if (!isClerkOf(p, doc.ownerOrganizationId)) {
    throw new AppError('FORBIDDEN', { message: `only a clerk of the receiving organization may ${step} it` });
  }
  if (step === 'register' && doc.direction !== 'incoming')
    throw new AppError('INVALID_STATE', { message: 'only incoming documents are registered here' });
  const from = step === 'present' ? 'registered' : 'received';
  if (doc.status === from) return;
  const message =
    step === 'present' && doc.status === 'received'
      ? 'register the document before presenting it'
      : `the document is already ${doc.status}`;
  throw new AppError('INVALID_STATE', { message });
}

const URGENT = new Set(['urgent', 'very_urgent', 'flash']);

/** Working days a leader has to take up a presented document (Decree 30 Art. 23: urgent ones the same day, others by the next working day). */
export function presentationAllowance(urgency: string): 0 | 1 {
  return URGENT.has(urgency) ? 0 : 1;
}

// ---- direction (bút phê) ----------------------------------------------------------------------

/**
 * A leader over the receiving organisation directs and assigns a registered document, and may add
 * assignees while it is assigned or in progress.
 * @throws AppError FORBIDDEN, INVALID_STATE
 */
export function checkDirection(p: Principal, ownerPath: string, status: DocumentStatus): void {
  if (!hasRoleOver(p, 'leader', ownerPath))
    throw new AppError('FORBIDDEN', { message: 'only a leader of the receiving organization may assign it' });
  if (!['registered', 'assigned', 'in_progress'].includes(status)) {
    throw new AppError('INVALID_STATE', {
      message: status === 'received' ? 'register the document before assigning it' : `the document is ${status}`,
    });
  }
}

/**
 * A document has exactly one lead (chủ trì) among its top-level assignments: those that count
 * (open or done, see handlingRepo.countTopLevelLeads) and those being added.
 * @throws AppError VALIDATION_FAILED
 */
export function checkOneLead(counted: number, added: number): void {
  const leads = counted + added;
  if (leads !== 1)
    throw new AppError('VALIDATION_FAILED', { message: `a document has exactly one lead (chủ trì); this would make ${leads}` });
}

/** The document once directed: a registered one is now assigned; the lead's deadline becomes its deadline when the sender set none. */
export function directedDocument(
  doc: Pick<DocumentRow, 'status' | 'dueDate'>,
  leadDueDate: string | null,
): Pick<DocumentRow, 'status' | 'dueDate'> {
  return { status: doc.status === 'registered' ? 'assigned' : doc.status, dueDate: doc.dueDate ?? leadDueDate };
}

// ---- who acts on an assignment ----------------------------------------------------------------

/** Who acts for an assignment: the assigned user; for a unit, its leaders (or leaders above it) and its clerks. */
function isAssigneeActor(p: Principal, c: AssignmentContext): boolean {
  const a = c.assignment;
  if (a.assigneeUserId) return a.assigneeUserId === p.id;
  return c.unitPath !== null && (hasRoleOver(p, 'leader', c.unitPath) || isClerkOf(p, a.assigneeUnitId!));
}

function checkOpen(c: AssignmentContext): void {
  if (c.assignment.status !== 'open') throw new AppError('INVALID_STATE', { message: `the assignment is ${c.assignment.status}` });
}

/** What the assignee (isAssigneeActor) does with an open assignment, and the assigner's answer to an extension request. */
export type AssignmentAction = 'note' | 'request-extension' | 'decide-extension' | 'return' | 'complete';

/**
 * Who may act on an assignment, in which state: the assignee adds notes, asks for an extension
 * (one pending at a time), returns or completes it; the assigner, or a leader over the assigner's
 * unit, decides a pending extension. Always on an open assignment.
 * @throws AppError FORBIDDEN, INVALID_STATE
 */
export function checkAssignmentAction(action: AssignmentAction, p: Principal, c: AssignmentContext): void {
  const a = c.assignment;
  if (action === 'decide-extension') {
    if (a.assignerId !== p.id && !hasRoleOver(p, 'leader', c.assignerOrgPath)) {
      throw new AppError('FORBIDDEN', { message: 'only the assigner may decide on the extension' });
    }
  } else if (!isAssigneeActor(p, c)) {
    throw new AppError('FORBIDDEN', { message: 'only the assignee (or the head or clerk of the assigned unit) may do this' });
  }
  if (a.role === 'inform')
    throw new AppError('INVALID_STATE', {
      message: 'an item to inform (nhận để biết) is a read receipt: it is read by opening the document, not completed',
    });
  checkOpen(c);
  if (action === 'request-extension' && a.extensionStatus === 'requested')
    throw new AppError('INVALID_STATE', { message: 'an extension request is already pending' });
  if (action === 'decide-extension' && a.extensionStatus !== 'requested')
    throw new AppError('INVALID_STATE', { message: 'no extension request is pending' });
}

/**
 * Working files (reply drafts, minutes) go to an open lead or coordinating assignment, added by its
 * holder (the assigned person; for a unit, its heads and clerks). An item to inform is a read
 * receipt: there is no work on it to keep files of.
 * @throws AppError NOT_ASSIGNMENT_HOLDER, INVALID_STATE
 */
export function checkWorkingFiles(p: Principal, c: AssignmentContext): void {
  if (!isAssigneeActor(p, c))
    throw new AppError('NOT_ASSIGNMENT_HOLDER', { message: 'only the holder of the assignment adds working files to it' });
  if (c.assignment.role === 'inform')
    throw new AppError('NOT_ASSIGNMENT_HOLDER', { message: 'an item to inform is a read receipt: it takes no working files' });
  checkOpen(c);
}

/**
 * Re-assigning an open assignment is for the head of the assigned unit (or of the assigned user's
 * unit): the unit path returned is where the new assignees must lie.
 * @throws AppError FORBIDDEN, INVALID_STATE
 */
export function reassignScope(p: Principal, c: AssignmentContext): string {
  const scope = c.assignment.assigneeUnitId ? c.unitPath : c.userOrgPath;
  if (scope === null || !hasRoleOver(p, 'leader', scope))
    throw new AppError('FORBIDDEN', { message: 'only the head of the assigned unit may re-assign it' });
  checkOpen(c);
  return scope;
}

// ---- progress and completion ------------------------------------------------------------------

/** The first work reported on an assigned document (a note, a completed part) puts it in progress; null when its status stays. */
export function progressed(status: DocumentStatus): { status: 'in_progress' } | null {
  return status === 'assigned' ? { status: 'in_progress' } : null;
}

export type Completion = {
  /** The completed assignment's new fields. */
  assignment: Pick<AssignmentRow, 'status' | 'result' | 'replyDocumentId' | 'completedAt'>;
  /** The document's new fields, or null when they stay. */
  document: { status: 'completed'; completedAt: Date } | { status: 'in_progress' } | null;
  /** The document-level custody closes: the document is done. */
  closeDocumentCustody: boolean;
  /** What the sender hears: the document completed, or first progress on it. */
  event: Extract<DocumentEventKind, 'complete' | 'progress'> | null;
};

/**
 * An assignment completed with its result (the service cancels the open work below it). Completing
 * the top-level lead (chủ trì) completes the document, even while coordinating and informed
 * assignments are still open: those stay open, with their custody. Any other completion is progress.
 */
export function completion(s: {
  assignment: Pick<AssignmentRow, 'parentId' | 'role'>;
  documentStatus: DocumentStatus;
  result: string;
  replyDocumentId: string | null;
  now: Date;
}): Completion {
  const assignment = { status: 'done' as const, result: s.result, replyDocumentId: s.replyDocumentId, completedAt: s.now };
  if (s.assignment.parentId === null && s.assignment.role === 'lead') {
    return { assignment, document: { status: 'completed', completedAt: s.now }, closeDocumentCustody: true, event: 'complete' };
  }
  const document = progressed(s.documentStatus);
  return { assignment, document, closeDocumentCustody: false, event: document ? 'progress' : null };
}

// ---- extensions -------------------------------------------------------------------------------

/**
 * An extension asks for a deadline after the current one, not already past.
 * @throws AppError VALIDATION_FAILED
 */
export function checkExtensionRequest(a: Pick<AssignmentRow, 'dueDate'>, requestedDueDate: string, today: string): void {
  if (a.dueDate !== null && requestedDueDate <= a.dueDate) {
    throw new AppError('VALIDATION_FAILED', { message: `the requested deadline must be after the current one (${a.dueDate})` });
  }
  if (requestedDueDate < today) throw new AppError('VALIDATION_FAILED', { message: 'the requested deadline is already past' });
}

/**
 * The deadline a grant gives: the one the assigner names, else the one requested; not already
 * past, and not after the parent assignment's (a divided part ends with the whole).
 * @throws AppError VALIDATION_FAILED
 */
export function grantedDueDate(s: {
  requestedDueDate: string;
  namedDueDate: string | undefined;
  parentDueDate: string | null;
  today: string;
}): string {
  const dueDate = s.namedDueDate ?? s.requestedDueDate;
  if (dueDate < s.today) throw new AppError('VALIDATION_FAILED', { message: 'the granted deadline is already past' });
  if (s.parentDueDate !== null && dueDate > s.parentDueDate) {
    throw new AppError('VALIDATION_FAILED', { message: `the deadline may not pass the parent assignment's (${s.parentDueDate})` });
  }
  return dueDate;
}

export type ExtensionGrant = {
  assignment: Pick<AssignmentRow, 'dueDate' | 'allottedWorkingDays' | 'extensionStatus' | 'overdueSince'>;
  /** The new due date and allowance of the assignment's open custody. */
  custody: { dueDate: string; allottedWorkingDays: number | null };
  /** The document's new deadline, when it was its top-level lead's; else null. */
  document: Pick<DocumentRow, 'dueDate' | 'overdueSince'> | null;
};

/**
 * A granted extension: the assignment's deadline moves, its allowance grows by the working days
 * added (`addedWorkingDays`, null when the assignment had no counted allowance), and it is no
 * longer late (a granted deadline is never past, see grantedDueDate). The document's deadline
 * follows the top-level lead's when it was the same or the grant passes it.
 */
export function extensionGrant(s: {
  assignment: Pick<AssignmentRow, 'parentId' | 'role' | 'dueDate' | 'allottedWorkingDays'>;
  documentDueDate: string | null;
  dueDate: string;
  addedWorkingDays: number | null;
}): ExtensionGrant {
  const a = s.assignment;
  const allotted = a.allottedWorkingDays === null || s.addedWorkingDays === null ? null : a.allottedWorkingDays + s.addedWorkingDays;
  // The document's deadline follows its top-level lead's when it was the same, and whenever the
  // grant passes it: a lead is never due after the document (lib/deadlines.ts), an extension granted
  // to it is the one way the document's deadline moves.
  const followsLead =
    a.parentId === null &&
    a.role === 'lead' &&
    (s.documentDueDate === null || s.documentDueDate === a.dueDate || s.dueDate > s.documentDueDate);
  return {
    assignment: { dueDate: s.dueDate, allottedWorkingDays: allotted, extensionStatus: 'granted', overdueSince: null },
    custody: { dueDate: s.dueDate, allottedWorkingDays: allotted },
    document: followsLead ? { dueDate: s.dueDate, overdueSince: null } : null,
  };
}
