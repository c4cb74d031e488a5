import { AppError } from './errors.js';

/**
 * The one rule for a deadline given at intake or in a direction: a calendar day in Asia/Ho_Chi_Minh
 * that has not passed (`today` from the working calendar; today itself is allowed, a deadline is the
 * end of its day). Used for a document's own due date (upload, registration) and an assignment's.
 * @throws AppError DEADLINE_IN_PAST (400), details { dueDate, today, ...where }
 */
export function checkDeadlineNotPast(dueDate: string, today: string, where: Record<string, unknown> = {}): void {
  if (dueDate < today)
    throw new AppError('DEADLINE_IN_PAST', { message: `the deadline ${dueDate} is already past`, details: { ...where, dueDate, today } });
}

/**
 * A lead (chủ trì) may not be given longer than the document itself: its deadline is on or before
 * the document's (a document without a deadline bounds nothing). Only a granted extension of the
 * top-level lead moves the document's deadline (handling-transitions.ts extensionGrant).
 * @throws AppError DEADLINE_AFTER_DOCUMENT (422), details { dueDate, documentDueDate, ...where }
 */
export function checkLeadWithinDocument(dueDate: string | null, documentDueDate: string | null, where: Record<string, unknown> = {}): void {
  if (dueDate !== null && documentDueDate !== null && dueDate > documentDueDate)
    throw new AppError('DEADLINE_AFTER_DOCUMENT', {
      message: `the lead's deadline ${dueDate} is after the document's own deadline ${documentDueDate}`,
      details: { ...where, dueDate, documentDueDate },
    });
}
