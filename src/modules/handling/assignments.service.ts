import type { Db, Tx } from '../../db/client.js';
import { checkDeadlineNotPast, checkLeadWithinDocument } from '../../lib/deadlines.js';
import { AppError } from '../../lib/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import type { CalendarService } from '../calendar/calendar.service.js';
import type { TrackingService } from '../tracking/tracking.service.js';
import {
  checkAssignmentAction,
  checkDirection,
  checkOneLead,
  completion,
  directedDocument,
  reassignScope,
} from './handling-transitions.js';
import type { DocumentRecords } from '../documents/document-records.service.js';
import type { HandlingRepo } from './handling.repo.js';
import type { AssignBody, AssigneeInput, AssignmentDto, CompleteBody, DocumentStateDto } from './handling.schemas.js';
import { toDocumentStateDto, type OnDocumentEvent, type OnItemChanged, type StepLoaders } from './handling.shared.js';

export type AssignmentsServiceDeps = {
  db: Db;
  handlingRepo: HandlingRepo;
  /** The document's status and dates are written by the documents module, in this transaction. */
  documents: Pick<DocumentRecords, 'update'>;
  loaders: StepLoaders;
  tracking: Pick<TrackingService, 'close' | 'open'>;
  calendar: Pick<CalendarService, 'today' | 'now' | 'addWorkingDays' | 'workingDaysBetween'>;
  audit: Pick<AuditService, 'record'>;
  onDocumentEvent: OnDocumentEvent;
  onItemChanged: OnItemChanged;
};

type ResolvedAssignee = {
  userId: string | null;
  unitId: string | null;
  role: AssigneeInput['role'];
  dueDate: string | null;
  allottedWorkingDays: number | null;
};

/**
 * Who handles an incoming document (Decree 30/2020, Art. 24): the leader's direction (bút phê)
 * naming one lead, coordinating and informed units or people with working-day deadlines, their
 * division inside a unit, and the end of each assignment (completed, returned, or withdrawn with
 * a recalled document). Each step is one transaction holding the document's row lock, with its
 * custody hand-over and its audit event; handling-transitions.ts decides who may act and what
 * a completion changes.
 */
export function createAssignmentsService({
  db,
  handlingRepo,
  documents,
  loaders,
  tracking,
  calendar,
  audit,
  onDocumentEvent,
  onItemChanged,
}: AssignmentsServiceDeps) {
  const { loadDocument, loadAssignment, views } = loaders;

  /**
   * Checks assignees against the unit they must lie inside and turns their deadlines into dates:
   * `dueInWorkingDays` from today by the working calendar, `dueDate` as given (not before today).
   */
  async function resolveAssignees(
    tx: Tx,
    input: AssigneeInput[],
    { scopePath, maxDue }: { scopePath: string; maxDue: string | null },
  ): Promise<ResolvedAssignee[]> {
    const today = calendar.today();
    const userIds = input.flatMap((a) => (a.userId ? [a.userId] : []));
    const unitIds = input.flatMap((a) => (a.unitId ? [a.unitId] : []));
    const assignable = await handlingRepo.assignable(tx, scopePath, { userIds, unitIds });
    const seen = new Set<string>();
    const out: ResolvedAssignee[] = [];

    for (const [i, a] of input.entries()) {
      const where = { assignee: i };
      if ((a.userId === undefined) === (a.unitId === undefined))
        throw new AppError('VALIDATION_FAILED', { message: 'each assignee needs exactly one of userId or unitId', details: where });
      const key = a.userId ?? a.unitId!;
      if (seen.has(key)) throw new AppError('VALIDATION_FAILED', { message: 'the same assignee is named twice', details: where });
      seen.add(key);

      if (a.userId && !assignable.users.has(a.userId))
        throw new AppError('VALIDATION_FAILED', { message: 'the assigned user is not a member of this organization', details: where });
      if (a.unitId && !assignable.units.has(a.unitId))
        throw new AppError('VALIDATION_FAILED', {
          message: 'the assigned unit is not a current unit inside this organization',
          details: where,
        });

      if (a.role === 'inform' && (a.dueDate !== undefined || a.dueInWorkingDays !== undefined))
        throw new AppError('VALIDATION_FAILED', {
          message: 'an item to inform (nhận để biết) is a read receipt: it has no deadline',
          details: where,
        });
      if (a.dueDate !== undefined && a.dueInWorkingDays !== undefined)
        throw new AppError('VALIDATION_FAILED', { message: 'give dueDate or dueInWorkingDays, not both', details: where });
      let dueDate: string | null = null;
      let allotted: number | null = null;
      if (a.dueInWorkingDays !== undefined) {
        dueDate = await calendar.addWorkingDays(today, a.dueInWorkingDays);
        allotted = a.dueInWorkingDays;
      } else if (a.dueDate !== undefined) {
        checkDeadlineNotPast(a.dueDate, today, where);
        dueDate = a.dueDate;
        allotted = Math.max(0, await calendar.workingDaysBetween(today, a.dueDate));
      } else if (a.role !== 'inform') {
        throw new AppError('VALIDATION_FAILED', { message: `a ${a.role} assignee needs dueDate or dueInWorkingDays`, details: where });
      }
      if (dueDate !== null && maxDue !== null && dueDate > maxDue) {
        throw new AppError('VALIDATION_FAILED', {
          message: `the deadline ${dueDate} is after the deadline of the assignment being divided (${maxDue})`,
          details: where,
        });
      }
      out.push({ userId: a.userId ?? null, unitId: a.unitId ?? null, role: a.role, dueDate, allottedWorkingDays: allotted });
    }
    return out;
  }

  async function insertWithCustody(
    tx: Tx,
    p: Principal,
    documentId: string,
    parentId: string | null,
    comment: string | undefined,
    resolved: ResolvedAssignee[],
  ) {
    const rows = await handlingRepo.insertAssignments(
      tx,
      resolved.map((r) => ({
        documentId,
        parentId,
        assignerId: p.id,
        assigneeUserId: r.userId,
        assigneeUnitId: r.unitId,
        role: r.role,
        comment: comment ?? null,
        dueDate: r.dueDate,
        allottedWorkingDays: r.allottedWorkingDays,
        createdAt: calendar.now(),
      })),
    );
    // Items to inform are read receipts: nobody holds them, so no custody opens for them.
    await tracking.open(
      tx,
      rows
        .filter((a) => a.role !== 'inform')
        .map((a) => ({
          documentId,
          assignmentId: a.id,
          holderUserId: a.assigneeUserId,
          holderUnitId: a.assigneeUnitId,
          role: a.role,
          dueDate: a.dueDate,
          allottedWorkingDays: a.allottedWorkingDays,
        })),
    );
    return rows;
  }

  return {
    /**
     * A leader over the owner organisation directs the document (bút phê) and assigns it: exactly
     * one lead among the top-level assignments, coordinating and informed units or people, each
     * with a deadline. Custody passes from the leader to the assignees.
     * @throws AppError NOT_FOUND, FORBIDDEN, INVALID_STATE, VALIDATION_FAILED, DEADLINE_IN_PAST,
     *   DEADLINE_AFTER_DOCUMENT (the lead's deadline after the document's)
     */
    async assign(p: Principal, documentId: string, body: AssignBody): Promise<{ assignments: AssignmentDto[] }> {
      return db.transaction(async (tx) => {
        const { doc, ownerPath } = await loadDocument(tx, p, documentId);
        checkDirection(p, ownerPath, doc.status);
        checkOneLead(await handlingRepo.countTopLevelLeads(tx, doc.id), body.assignees.filter((a) => a.role === 'lead').length);

        const resolved = await resolveAssignees(tx, body.assignees, { scopePath: ownerPath, maxDue: null });
        // The lead answers for the document: not given longer than the document's own deadline.
        const leadAt = resolved.findIndex((r) => r.role === 'lead');
        if (leadAt >= 0) checkLeadWithinDocument(resolved[leadAt].dueDate, doc.dueDate, { assignee: leadAt });
        await tracking.close(tx, { documentId: doc.id, documentLevel: true });
        const rows = await insertWithCustody(tx, p, doc.id, null, body.comment, resolved);

        const lead = rows.find((r) => r.role === 'lead');
        await documents.update(tx, doc.id, directedDocument(doc, lead?.dueDate ?? null));
        await onDocumentEvent(tx, { documentId: doc.id, kind: 'assign' });
        await onItemChanged(tx, doc.id);
        await audit.record(tx, {
          actorId: p.id,
          organizationId: doc.ownerOrganizationId,
          action: 'document.assign',
          subjectType: 'document',
          subjectId: doc.id,
          details: {
            comment: body.comment ?? null,
            assignments: auditedAssignments(rows),
          },
        });
        return {
          assignments: await views(
            tx,
            rows.map((r) => r.id),
          ),
        };
      });
    },

    /**
     * The head of the assigned unit (or of the assigned user's unit) divides the work among
     * people and sub-units inside it; children's deadlines may not exceed the parent's.
     * @throws AppError NOT_FOUND, FORBIDDEN, INVALID_STATE, VALIDATION_FAILED
     */
    async reassign(p: Principal, assignmentId: string, body: AssignBody): Promise<{ assignments: AssignmentDto[] }> {
      return db.transaction(async (tx) => {
        const { ctx, doc } = await loadAssignment(tx, p, assignmentId);
        const scope = reassignScope(p, ctx);
        const parent = ctx.assignment;
        const resolved = await resolveAssignees(tx, body.assignees, { scopePath: scope, maxDue: parent.dueDate });
        if (resolved.some((r) => r.userId === parent.assigneeUserId && r.userId !== null))
          throw new AppError('VALIDATION_FAILED', { message: 'an assignment cannot be re-assigned to its own assignee' });

        // A head who got the item back (a child returned it) hands it on again.
        await tracking.close(tx, { documentId: doc.id, assignmentIds: [parent.id], holderUserId: p.id });
        const rows = await insertWithCustody(tx, p, doc.id, parent.id, body.comment, resolved);
        await onItemChanged(tx, doc.id);
        await audit.record(tx, {
          actorId: p.id,
          organizationId: doc.ownerOrganizationId,
          action: 'assignment.reassign',
          subjectType: 'document',
          subjectId: doc.id,
          details: {
            parentId: parent.id,
            comment: body.comment ?? null,
            assignments: auditedAssignments(rows),
          },
        });
        return {
          assignments: await views(
            tx,
            rows.map((r) => r.id),
          ),
        };
      });
    },

    /** The assignee gives the item back to the assigner; open re-assignments below it are cancelled. @throws AppError NOT_FOUND, FORBIDDEN, INVALID_STATE */
    async returnAssignment(p: Principal, assignmentId: string, reason: string): Promise<AssignmentDto> {
      return db.transaction(async (tx) => {
        const { ctx, doc } = await loadAssignment(tx, p, assignmentId);
        checkAssignmentAction('return', p, ctx);
        const a = ctx.assignment;
        const below = await handlingRepo.openDescendants(tx, a.id);
        await handlingRepo.cancelAssignments(tx, below);
        await handlingRepo.updateAssignment(tx, a.id, { status: 'returned', returnReason: reason });
        await tracking.close(tx, { documentId: doc.id, assignmentIds: [a.id, ...below] });
        await tracking.open(tx, [{ documentId: doc.id, assignmentId: a.parentId, holderUserId: a.assignerId, role: 'leader' }]);
        await onItemChanged(tx, doc.id);
        await audit.record(tx, {
          actorId: p.id,
          organizationId: doc.ownerOrganizationId,
          action: 'assignment.return',
          subjectType: 'document',
          subjectId: doc.id,
          details: { assignmentId, reason, cancelled: below },
        });
        return (await views(tx, [a.id]))[0];
      });
    },

    /**
     * The assignee reports the result; open re-assignments below it are closed as cancelled. The
     * document is completed when its top-level lead assignment is (handling-transitions.ts completion).
     * @throws AppError NOT_FOUND, FORBIDDEN, INVALID_STATE, VALIDATION_FAILED (reply document not visible)
     */
    async complete(
      p: Principal,
      assignmentId: string,
      body: CompleteBody,
    ): Promise<{ assignment: AssignmentDto; document: DocumentStateDto }> {
      return db.transaction(async (tx) => {
        const { ctx, doc } = await loadAssignment(tx, p, assignmentId);
        checkAssignmentAction('complete', p, ctx);
        const a = ctx.assignment;
        if (body.replyDocumentId && !(await handlingRepo.findVisibleDocument(tx, p, body.replyDocumentId)))
          throw new AppError('VALIDATION_FAILED', { message: 'replyDocumentId is not a document you can see' });

        const done = completion({
          assignment: a,
          documentStatus: doc.status,
          result: body.result,
          replyDocumentId: body.replyDocumentId ?? null,
          now: calendar.now(),
        });
        const below = await handlingRepo.openDescendants(tx, a.id);
        await handlingRepo.cancelAssignments(tx, below);
        await handlingRepo.updateAssignment(tx, a.id, done.assignment);
        await tracking.close(tx, { documentId: doc.id, assignmentIds: [a.id, ...below] });
        if (done.closeDocumentCustody) await tracking.close(tx, { documentId: doc.id, documentLevel: true });
        const updated = done.document ? await documents.update(tx, doc.id, done.document) : doc;
        if (done.event) await onDocumentEvent(tx, { documentId: doc.id, kind: done.event });
        await onItemChanged(tx, doc.id);
        await audit.record(tx, {
          actorId: p.id,
          organizationId: doc.ownerOrganizationId,
          action: 'assignment.complete',
          subjectType: 'document',
          subjectId: doc.id,
          details: {
            assignmentId,
            role: a.role,
            result: body.result,
            replyDocumentId: body.replyDocumentId ?? null,
            documentCompleted: updated.status === 'completed',
            cancelled: below,
          },
        });
        return { assignment: (await views(tx, [a.id]))[0], document: toDocumentStateDto(updated) };
      });
    },

    /**
     * Part of a reorganisation (orgs/reorganisation.service.ts, in its transaction; custody, the
     * timeline and the audit are handed over there): the open assignments of the closed units are
     * the successor's, so its head and clerks act on them and they are in its work lists. Personal
     * assignments stay with their person, who moves to the successor with the staff.
     */
    async carryToSuccessor(tx: Tx, fromIds: string[], toId: string): Promise<{ id: string; documentId: string }[]> {
      return handlingRepo.readdressOpenAssignments(tx, fromIds, toId);
    },

    /**
     * A recall the clerk of this incoming document agreed to (called by the exchange module in its
     * transaction, the document locked): the copy is withdrawn (thu hồi), not deleted: status
     * recalled, every open assignment closed as recalled with the sender's reason, every open
     * custody interval ended; Decree 30/2020 Art. 18.4 has the receiver cancel it and keep it.
     */
    async withdraw(tx: Tx, { documentId, actorId, reason }: { documentId: string; actorId: string; reason: string | null }): Promise<void> {
      const doc = await documents.update(tx, documentId, { status: 'recalled' });
      const closed = await handlingRepo.recallOpenAssignments(tx, documentId, reason);
      await tracking.close(tx, { documentId, documentLevel: true, assignmentIds: await handlingRepo.assignmentIdsOf(tx, documentId) });
      await onItemChanged(tx, documentId);
      await audit.record(tx, {
        actorId,
        organizationId: doc.ownerOrganizationId,
        action: 'document.recalled',
        subjectType: 'document',
        subjectId: documentId,
        details: { reason, assignmentsClosed: closed },
      });
    },
  };
}

export type AssignmentsService = ReturnType<typeof createAssignmentsService>;

/** The audit event's account of new assignments (assign and re-assign record the same fields). */
function auditedAssignments(
  rows: { id: string; role: string; assigneeUserId: string | null; assigneeUnitId: string | null; dueDate: string | null }[],
) {
  return rows.map((r) => ({ id: r.id, role: r.role, userId: r.assigneeUserId, unitId: r.assigneeUnitId, dueDate: r.dueDate }));
}
