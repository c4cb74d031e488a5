import type { Db, Tx } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import { decodeCursor, encodeCursor } from '../../lib/pagination.js';
import type { AuditService } from '../audit/audit.service.js';
import { hasRoleOver, type Principal } from '../auth/principal.js';
import type { CalendarService } from '../calendar/calendar.service.js';
import { searchTextOf } from '../documents/documents.service.js';
import type { RegistersService } from '../registers/registers.service.js';
import type { TrackingService } from '../tracking/tracking.service.js';
import type { AssignmentContext, AssignmentView, DocumentRow, HandlingRepo } from './handling.repo.js';
import type {
  AssignBody,
  AssigneeInput,
  AssignmentDto,
  CompleteBody,
  DocumentStateDto,
  ExtensionBody,
  ExtensionDecisionBody,
  NoteBody,
  NoteDto,
  PresentResult,
  RegisterResult,
  WorkItem,
  WorkListQuery,
} from './handling.schemas.js';

export type HandlingServiceDeps = {
  db: Db;
  handlingRepo: HandlingRepo;
  registers: Pick<RegistersService, 'allocateNumber'>;
  tracking: Pick<TrackingService, 'close' | 'open' | 'moveDue'>;
  calendar: Pick<CalendarService, 'today' | 'now' | 'addWorkingDays' | 'workingDaysBetween'>;
  audit: Pick<AuditService, 'record'>;
  /**
   * Called in the step's transaction (before its audit event) after register, refuse, assign, the
   * first progress and completion: the exchange module turns these into status feedback to the sender.
   */
  onDocumentEvent?: (tx: Tx, event: { documentId: string; kind: 'register' | 'refuse' | 'assign' | 'progress' | 'complete'; reason?: string | null }) => Promise<void>;
};

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
    createdAt: a.createdAt.toISOString(),
  };
}

const isClerkOf = (p: Principal, organizationId: string) => p.grants.some((g) => g.role === 'clerk' && g.organizationId === organizationId);
const URGENT = new Set(['urgent', 'very_urgent', 'flash']);

/** Who acts for an assignment: the assigned user; for a unit, its leaders (or leaders above it) and its clerks. */
function isAssigneeActor(p: Principal, c: AssignmentContext): boolean {
  const a = c.assignment;
  if (a.assigneeUserId) return a.assigneeUserId === p.id;
  return c.unitPath !== null && (hasRoleOver(p, 'leader', c.unitPath) || isClerkOf(p, a.assigneeUnitId!));
}

/** The unit inside which the caller may re-assign (the assigned unit, or the assigned user's unit), if the caller heads it. */
function headedScope(p: Principal, c: AssignmentContext): string | null {
  const scope = c.assignment.assigneeUnitId ? c.unitPath : c.userOrgPath;
  return scope !== null && hasRoleOver(p, 'leader', scope) ? scope : null;
}

type ResolvedAssignee = { userId: string | null; unitId: string | null; role: AssigneeInput['role']; dueDate: string | null; allottedWorkingDays: number | null };

/**
 * The incoming flow (Decree 30/2020, Art. 20–24): register or refuse, present to a leader, assign
 * lead / coordinate / inform with working-day deadlines, re-assign inside a unit, report progress,
 * extend, return, complete. Each step is one transaction holding the document's row lock, with its
 * custody hand-over and its audit event. Answers NOT_FOUND when the caller may not see the
 * document, FORBIDDEN when they see it but lack the role, INVALID_STATE on a wrong state.
 */
export function createHandlingService({ db, handlingRepo, registers, tracking, calendar, audit, onDocumentEvent = async () => {} }: HandlingServiceDeps) {
  async function loadDocument(tx: Tx, p: Principal, id: string) {
    const found = await handlingRepo.findVisibleDocument(tx, p, id, { lock: true });
    if (!found) throw new AppError('NOT_FOUND', { message: 'document not found' });
    return found;
  }

  /** The assignment and its document (locked); NOT_FOUND unless the caller sees the document. */
  async function loadAssignment(tx: Tx, p: Principal, id: string) {
    const first = await handlingRepo.findAssignmentContext(tx, id);
    if (!first) throw new AppError('NOT_FOUND', { message: 'assignment not found' });
    const found = await handlingRepo.findVisibleDocument(tx, p, first.assignment.documentId, { lock: true });
    if (!found) throw new AppError('NOT_FOUND', { message: 'assignment not found' });
    // Re-read under the document lock: every change to an assignment takes that lock first.
    const ctx = (await handlingRepo.findAssignmentContext(tx, id))!;
    return { ctx, doc: found.doc, ownerPath: found.ownerPath };
  }

  function assertOpen(c: AssignmentContext): void {
    if (c.assignment.status !== 'open') throw new AppError('INVALID_STATE', { message: `the assignment is ${c.assignment.status}` });
  }

  function assertActor(p: Principal, c: AssignmentContext): void {
    if (!isAssigneeActor(p, c)) throw new AppError('FORBIDDEN', { message: 'only the assignee (or the head or clerk of the assigned unit) may do this' });
  }

  /** The assignments as DTOs, in the order of `ids` (the order the caller named the assignees). */
  async function views(tx: Tx, ids: string[]): Promise<AssignmentDto[]> {
    const byId = new Map((await handlingRepo.viewsByIds(tx, ids)).map((a) => [a.id, a]));
    return ids.map((id) => toAssignmentDto(byId.get(id)!));
  }

  /**
   * Checks assignees against the unit they must lie inside and turns their deadlines into dates:
   * `dueInWorkingDays` from today by the working calendar, `dueDate` as given (not before today).
   */
  async function resolveAssignees(tx: Tx, input: AssigneeInput[], { scopePath, maxDue }: { scopePath: string; maxDue: string | null }): Promise<ResolvedAssignee[]> {
    const today = calendar.today();
    const userIds = input.flatMap((a) => (a.userId ? [a.userId] : []));
    const unitIds = input.flatMap((a) => (a.unitId ? [a.unitId] : []));
    const assignable = await handlingRepo.assignable(tx, scopePath, { userIds, unitIds });
    const seen = new Set<string>();
    const out: ResolvedAssignee[] = [];

    for (const [i, a] of input.entries()) {
      const where = { assignee: i };
      if ((a.userId === undefined) === (a.unitId === undefined)) throw new AppError('VALIDATION_FAILED', { message: 'each assignee needs exactly one of userId or unitId', details: where });
      const key = a.userId ?? a.unitId!;
      if (seen.has(key)) throw new AppError('VALIDATION_FAILED', { message: 'the same assignee is named twice', details: where });
      seen.add(key);

      if (a.userId && !assignable.users.has(a.userId)) throw new AppError('VALIDATION_FAILED', { message: 'the assigned user is not a member of this organization', details: where });
      if (a.unitId && !assignable.units.has(a.unitId)) throw new AppError('VALIDATION_FAILED', { message: 'the assigned unit is not a current unit inside this organization', details: where });

      if (a.dueDate !== undefined && a.dueInWorkingDays !== undefined) throw new AppError('VALIDATION_FAILED', { message: 'give dueDate or dueInWorkingDays, not both', details: where });
      let dueDate: string | null = null;
      let allotted: number | null = null;
      if (a.dueInWorkingDays !== undefined) {
        dueDate = await calendar.addWorkingDays(today, a.dueInWorkingDays);
        allotted = a.dueInWorkingDays;
      } else if (a.dueDate !== undefined) {
        if (a.dueDate < today) throw new AppError('VALIDATION_FAILED', { message: `the deadline ${a.dueDate} is already past`, details: where });
        dueDate = a.dueDate;
        allotted = Math.max(0, await calendar.workingDaysBetween(today, a.dueDate));
      } else if (a.role !== 'inform') {
        throw new AppError('VALIDATION_FAILED', { message: `a ${a.role} assignee needs dueDate or dueInWorkingDays`, details: where });
      }
      if (dueDate !== null && maxDue !== null && dueDate > maxDue) {
        throw new AppError('VALIDATION_FAILED', { message: `the deadline ${dueDate} is after the deadline of the assignment being divided (${maxDue})`, details: where });
      }
      out.push({ userId: a.userId ?? null, unitId: a.unitId ?? null, role: a.role, dueDate, allottedWorkingDays: allotted });
    }
    return out;
  }

  async function insertWithCustody(tx: Tx, p: Principal, documentId: string, parentId: string | null, comment: string | undefined, resolved: ResolvedAssignee[]) {
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
    await tracking.open(
      tx,
      rows.map((a) => ({ documentId, assignmentId: a.id, holderUserId: a.assigneeUserId, holderUnitId: a.assigneeUnitId, role: a.role, dueDate: a.dueDate, allottedWorkingDays: a.allottedWorkingDays })),
    );
    return rows;
  }

  return {
    /**
     * Registers a received incoming document: the next incoming number (số đến) of the matching
     * register of the year, in this transaction (clerk of the owner organisation).
     * @throws AppError NOT_FOUND, FORBIDDEN, INVALID_STATE (not in status received, or not incoming)
     */
    async register(p: Principal, documentId: string): Promise<RegisterResult> {
      return db.transaction(async (tx) => {
        const { doc } = await loadDocument(tx, p, documentId);
        if (!isClerkOf(p, doc.ownerOrganizationId)) throw new AppError('FORBIDDEN', { message: 'only a clerk of the receiving organization may register it' });
        if (doc.direction !== 'incoming') throw new AppError('INVALID_STATE', { message: 'only incoming documents are registered here' });
        if (doc.status !== 'received') throw new AppError('INVALID_STATE', { message: `the document is already ${doc.status}` });

        const now = calendar.now();
        const year = Number(calendar.today().slice(0, 4));
        const n = await registers.allocateNumber(tx, { organizationId: doc.ownerOrganizationId, direction: 'incoming', year, typeName: doc.typeName, confidentiality: doc.confidentiality });
        const updated = await handlingRepo.updateDocument(tx, doc.id, {
          status: 'registered',
          registerId: n.registerId,
          incomingNumber: n.number,
          registeredAt: now,
          registeredBy: p.id,
          // Clerks look documents up by their số đến.
          searchText: searchTextOf({ ...doc, incomingNumber: n.number }),
        });
        await onDocumentEvent(tx, { documentId: doc.id, kind: 'register' });
        await audit.record(tx, { actorId: p.id, organizationId: doc.ownerOrganizationId, action: 'document.register', subjectType: 'document', subjectId: doc.id, details: { incomingNumber: n.number, registerId: n.registerId, registerName: n.registerName, year } });
        return { ...toDocumentStateDto(updated), registerName: n.registerName };
      });
    },

    /** Refuses a received document (wrong recipient, invalid). @throws AppError NOT_FOUND, FORBIDDEN, INVALID_STATE */
    async refuse(p: Principal, documentId: string, reason: string): Promise<DocumentStateDto> {
      return db.transaction(async (tx) => {
        const { doc } = await loadDocument(tx, p, documentId);
        if (!isClerkOf(p, doc.ownerOrganizationId)) throw new AppError('FORBIDDEN', { message: 'only a clerk of the receiving organization may refuse it' });
        if (doc.status !== 'received') throw new AppError('INVALID_STATE', { message: `the document is already ${doc.status}` });
        const updated = await handlingRepo.updateDocument(tx, doc.id, { status: 'refused', refusedReason: reason });
        await tracking.close(tx, { documentId: doc.id, documentLevel: true });
        await onDocumentEvent(tx, { documentId: doc.id, kind: 'refuse', reason });
        await audit.record(tx, { actorId: p.id, organizationId: doc.ownerOrganizationId, action: 'document.refuse', subjectType: 'document', subjectId: doc.id, details: { reason } });
        return toDocumentStateDto(updated);
      });
    },

    /**
     * The clerk presents a registered document to a leader of the owner organisation: custody
     * moves from the clerk pool to that leader, due by Decree 30 the same day for urgent documents,
     * at the latest the next working day otherwise.
     * @throws AppError NOT_FOUND, FORBIDDEN, INVALID_STATE, VALIDATION_FAILED (not a leader there)
     */
    async present(p: Principal, documentId: string, leaderUserId: string): Promise<PresentResult> {
      return db.transaction(async (tx) => {
        const { doc, ownerPath } = await loadDocument(tx, p, documentId);
        if (!isClerkOf(p, doc.ownerOrganizationId)) throw new AppError('FORBIDDEN', { message: 'only a clerk of the receiving organization may present it' });
        if (doc.status !== 'registered') throw new AppError('INVALID_STATE', { message: doc.status === 'received' ? 'register the document before presenting it' : `the document is already ${doc.status}` });
        if (!(await handlingRepo.isLeaderOver(tx, leaderUserId, ownerPath))) throw new AppError('VALIDATION_FAILED', { message: 'leaderUserId is not a leader of the receiving organization' });

        const allotted = URGENT.has(doc.urgency) ? 0 : 1;
        const dueDate = await calendar.addWorkingDays(calendar.today(), allotted);
        await tracking.close(tx, { documentId: doc.id, documentLevel: true });
        await tracking.open(tx, [{ documentId: doc.id, assignmentId: null, holderUserId: leaderUserId, role: 'leader', dueDate, allottedWorkingDays: allotted }]);
        await audit.record(tx, { actorId: p.id, organizationId: doc.ownerOrganizationId, action: 'document.present', subjectType: 'document', subjectId: doc.id, details: { leaderUserId, dueDate } });
        return { ...toDocumentStateDto(doc), presentedTo: leaderUserId, presentationDueDate: dueDate };
      });
    },

    /**
     * A leader over the owner organisation directs the document (bút phê) and assigns it: exactly
     * one lead among the top-level assignments, coordinating and informed units or people, each
     * with a deadline. Custody passes from the leader to the assignees.
     * @throws AppError NOT_FOUND, FORBIDDEN, INVALID_STATE, VALIDATION_FAILED
     */
    async assign(p: Principal, documentId: string, body: AssignBody): Promise<{ assignments: AssignmentDto[] }> {
      return db.transaction(async (tx) => {
        const { doc, ownerPath } = await loadDocument(tx, p, documentId);
        if (!hasRoleOver(p, 'leader', ownerPath)) throw new AppError('FORBIDDEN', { message: 'only a leader of the receiving organization may assign it' });
        if (!['registered', 'assigned', 'in_progress'].includes(doc.status)) {
          throw new AppError('INVALID_STATE', { message: doc.status === 'received' ? 'register the document before assigning it' : `the document is ${doc.status}` });
        }
        const newLeads = body.assignees.filter((a) => a.role === 'lead').length;
        const leads = (await handlingRepo.countTopLevelLeads(tx, doc.id)) + newLeads;
        if (leads !== 1) throw new AppError('VALIDATION_FAILED', { message: `a document has exactly one lead (chủ trì); this would make ${leads}` });

        const resolved = await resolveAssignees(tx, body.assignees, { scopePath: ownerPath, maxDue: null });
        await tracking.close(tx, { documentId: doc.id, documentLevel: true });
        const rows = await insertWithCustody(tx, p, doc.id, null, body.comment, resolved);

        const lead = rows.find((r) => r.role === 'lead');
        await handlingRepo.updateDocument(tx, doc.id, {
          status: doc.status === 'registered' ? 'assigned' : doc.status,
          // The lead's deadline becomes the document's when the sender set none.
          dueDate: doc.dueDate ?? lead?.dueDate ?? null,
        });
        await onDocumentEvent(tx, { documentId: doc.id, kind: 'assign' });
        await audit.record(tx, {
          actorId: p.id,
          organizationId: doc.ownerOrganizationId,
          action: 'document.assign',
          subjectType: 'document',
          subjectId: doc.id,
          details: { comment: body.comment ?? null, assignments: rows.map((r) => ({ id: r.id, role: r.role, userId: r.assigneeUserId, unitId: r.assigneeUnitId, dueDate: r.dueDate })) },
        });
        return { assignments: await views(tx, rows.map((r) => r.id)) };
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
        const scope = headedScope(p, ctx);
        if (!scope) throw new AppError('FORBIDDEN', { message: 'only the head of the assigned unit may re-assign it' });
        assertOpen(ctx);
        const parent = ctx.assignment;
        const resolved = await resolveAssignees(tx, body.assignees, { scopePath: scope, maxDue: parent.dueDate });
        if (resolved.some((r) => r.userId === parent.assigneeUserId && r.userId !== null)) throw new AppError('VALIDATION_FAILED', { message: 'an assignment cannot be re-assigned to its own assignee' });

        // A head who got the item back (a child returned it) hands it on again.
        await tracking.close(tx, { documentId: doc.id, assignmentIds: [parent.id], holderUserId: p.id });
        const rows = await insertWithCustody(tx, p, doc.id, parent.id, body.comment, resolved);
        await audit.record(tx, {
          actorId: p.id,
          organizationId: doc.ownerOrganizationId,
          action: 'assignment.reassign',
          subjectType: 'document',
          subjectId: doc.id,
          details: { parentId: parent.id, comment: body.comment ?? null, assignments: rows.map((r) => ({ id: r.id, role: r.role, userId: r.assigneeUserId, unitId: r.assigneeUnitId, dueDate: r.dueDate })) },
        });
        return { assignments: await views(tx, rows.map((r) => r.id)) };
      });
    },

    /** A progress note (with files of the same document); the document is then in progress. @throws AppError NOT_FOUND, FORBIDDEN, INVALID_STATE, VALIDATION_FAILED */
    async addNote(p: Principal, assignmentId: string, body: NoteBody): Promise<NoteDto> {
      return db.transaction(async (tx) => {
        const { ctx, doc } = await loadAssignment(tx, p, assignmentId);
        assertActor(p, ctx);
        assertOpen(ctx);
        const fileIds = body.fileIds ?? [];
        if ((await handlingRepo.countDocumentFiles(tx, doc.id, fileIds)) !== fileIds.length) throw new AppError('VALIDATION_FAILED', { message: 'fileIds must be files of this document' });

        const note = await handlingRepo.insertNote(tx, { assignmentId, authorId: p.id, text: body.text, fileIds, createdAt: calendar.now() });
        if (doc.status === 'assigned') {
          await handlingRepo.updateDocument(tx, doc.id, { status: 'in_progress' });
          await onDocumentEvent(tx, { documentId: doc.id, kind: 'progress' });
        }
        await audit.record(tx, { actorId: p.id, organizationId: doc.ownerOrganizationId, action: 'assignment.note', subjectType: 'document', subjectId: doc.id, details: { assignmentId, noteId: note.id, fileIds } });
        return { id: note.id, assignmentId, authorId: p.id, authorName: p.fullName, text: note.text, fileIds: note.fileIds, createdAt: note.createdAt.toISOString() };
      });
    },

    /** The assignee asks for a later deadline. @throws AppError NOT_FOUND, FORBIDDEN, INVALID_STATE, VALIDATION_FAILED */
    async requestExtension(p: Principal, assignmentId: string, body: ExtensionBody): Promise<AssignmentDto> {
      return db.transaction(async (tx) => {
        const { ctx, doc } = await loadAssignment(tx, p, assignmentId);
        assertActor(p, ctx);
        assertOpen(ctx);
        const a = ctx.assignment;
        if (a.extensionStatus === 'requested') throw new AppError('INVALID_STATE', { message: 'an extension request is already pending' });
        if (a.dueDate !== null && body.requestedDueDate <= a.dueDate) throw new AppError('VALIDATION_FAILED', { message: `the requested deadline must be after the current one (${a.dueDate})` });
        if (body.requestedDueDate < calendar.today()) throw new AppError('VALIDATION_FAILED', { message: 'the requested deadline is already past' });

        await handlingRepo.updateAssignment(tx, a.id, { extensionRequestedDueDate: body.requestedDueDate, extensionReason: body.reason, extensionStatus: 'requested' });
        await audit.record(tx, { actorId: p.id, organizationId: doc.ownerOrganizationId, action: 'assignment.extension-request', subjectType: 'document', subjectId: doc.id, details: { assignmentId, currentDueDate: a.dueDate, requestedDueDate: body.requestedDueDate, reason: body.reason } });
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
        const a = ctx.assignment;
        if (a.assignerId !== p.id && !hasRoleOver(p, 'leader', ctx.assignerOrgPath)) throw new AppError('FORBIDDEN', { message: 'only the assigner may decide on the extension' });
        assertOpen(ctx);
        if (a.extensionStatus !== 'requested') throw new AppError('INVALID_STATE', { message: 'no extension request is pending' });

        if (!body.grant) {
          await handlingRepo.updateAssignment(tx, a.id, { extensionStatus: 'refused' });
          await audit.record(tx, { actorId: p.id, organizationId: doc.ownerOrganizationId, action: 'assignment.extension-refuse', subjectType: 'document', subjectId: doc.id, details: { assignmentId } });
          return (await views(tx, [a.id]))[0];
        }

        const today = calendar.today();
        const dueDate = body.dueDate ?? a.extensionRequestedDueDate!;
        if (dueDate < today) throw new AppError('VALIDATION_FAILED', { message: 'the granted deadline is already past' });
        if (a.parentId) {
          const parent = await handlingRepo.findAssignmentContext(tx, a.parentId);
          const parentDue = parent?.assignment.dueDate ?? null;
          if (parentDue !== null && dueDate > parentDue) throw new AppError('VALIDATION_FAILED', { message: `the deadline may not pass the parent assignment's (${parentDue})` });
        }
        const allotted = a.allottedWorkingDays === null || a.dueDate === null ? null : a.allottedWorkingDays + (await calendar.workingDaysBetween(a.dueDate, dueDate));
        await handlingRepo.updateAssignment(tx, a.id, { dueDate, allottedWorkingDays: allotted, extensionStatus: 'granted', overdueSince: dueDate >= today ? null : a.overdueSince });
        await tracking.moveDue(tx, a.id, dueDate, allotted);
        if (a.parentId === null && a.role === 'lead' && doc.dueDate === a.dueDate) {
          await handlingRepo.updateDocument(tx, doc.id, { dueDate, overdueSince: dueDate >= today ? null : doc.overdueSince });
        }
        await audit.record(tx, { actorId: p.id, organizationId: doc.ownerOrganizationId, action: 'assignment.extension-grant', subjectType: 'document', subjectId: doc.id, details: { assignmentId, fromDueDate: a.dueDate, dueDate } });
        return (await views(tx, [a.id]))[0];
      });
    },

    /** The assignee gives the item back to the assigner; open re-assignments below it are cancelled. @throws AppError NOT_FOUND, FORBIDDEN, INVALID_STATE */
    async returnAssignment(p: Principal, assignmentId: string, reason: string): Promise<AssignmentDto> {
      return db.transaction(async (tx) => {
        const { ctx, doc } = await loadAssignment(tx, p, assignmentId);
        assertActor(p, ctx);
        assertOpen(ctx);
        const a = ctx.assignment;
        const below = await handlingRepo.openDescendants(tx, a.id);
        await handlingRepo.cancelAssignments(tx, below);
        await handlingRepo.updateAssignment(tx, a.id, { status: 'returned', returnReason: reason });
        await tracking.close(tx, { documentId: doc.id, assignmentIds: [a.id, ...below] });
        await tracking.open(tx, [{ documentId: doc.id, assignmentId: a.parentId, holderUserId: a.assignerId, role: 'leader' }]);
        await audit.record(tx, { actorId: p.id, organizationId: doc.ownerOrganizationId, action: 'assignment.return', subjectType: 'document', subjectId: doc.id, details: { assignmentId, reason, cancelled: below } });
        return (await views(tx, [a.id]))[0];
      });
    },

    /**
     * The assignee reports the result; open re-assignments below it are closed as cancelled. The
     * document is completed when its top-level lead assignment is.
     * @throws AppError NOT_FOUND, FORBIDDEN, INVALID_STATE, VALIDATION_FAILED (reply document not visible)
     */
    async complete(p: Principal, assignmentId: string, body: CompleteBody): Promise<{ assignment: AssignmentDto; document: DocumentStateDto }> {
      return db.transaction(async (tx) => {
        const { ctx, doc } = await loadAssignment(tx, p, assignmentId);
        assertActor(p, ctx);
        assertOpen(ctx);
        const a = ctx.assignment;
        if (body.replyDocumentId && !(await handlingRepo.findVisibleDocument(tx, p, body.replyDocumentId))) throw new AppError('VALIDATION_FAILED', { message: 'replyDocumentId is not a document you can see' });

        const now = calendar.now();
        const below = await handlingRepo.openDescendants(tx, a.id);
        await handlingRepo.cancelAssignments(tx, below);
        await handlingRepo.updateAssignment(tx, a.id, { status: 'done', result: body.result, replyDocumentId: body.replyDocumentId ?? null, completedAt: now });
        await tracking.close(tx, { documentId: doc.id, assignmentIds: [a.id, ...below] });

        let updated = doc;
        if (a.parentId === null && a.role === 'lead') {
          await tracking.close(tx, { documentId: doc.id, documentLevel: true });
          updated = await handlingRepo.updateDocument(tx, doc.id, { status: 'completed', completedAt: now });
          await onDocumentEvent(tx, { documentId: doc.id, kind: 'complete' });
        } else if (doc.status === 'assigned') {
          updated = await handlingRepo.updateDocument(tx, doc.id, { status: 'in_progress' });
          await onDocumentEvent(tx, { documentId: doc.id, kind: 'progress' });
        }
        await audit.record(tx, {
          actorId: p.id,
          organizationId: doc.ownerOrganizationId,
          action: 'assignment.complete',
          subjectType: 'document',
          subjectId: doc.id,
          details: { assignmentId, role: a.role, result: body.result, replyDocumentId: body.replyDocumentId ?? null, documentCompleted: updated.status === 'completed', cancelled: below },
        });
        return { assignment: (await views(tx, [a.id]))[0], document: toDocumentStateDto(updated) };
      });
    },

    /**
     * A recall the clerk of this incoming document agreed to (called by the exchange module in its
     * transaction, the document locked): the copy is withdrawn (thu hồi), not deleted: status
     * recalled, every open assignment closed as recalled with the sender's reason, every open
     * custody interval ended; Decree 30/2020 Art. 18.4 has the receiver cancel it and keep it.
     */
    async withdraw(tx: Tx, { documentId, actorId, reason }: { documentId: string; actorId: string; reason: string | null }): Promise<void> {
      const doc = await handlingRepo.updateDocument(tx, documentId, { status: 'recalled' });
      const closed = await handlingRepo.recallOpenAssignments(tx, documentId, reason);
      await tracking.close(tx, { documentId, documentLevel: true, assignmentIds: await handlingRepo.assignmentIdsOf(tx, documentId) });
      await audit.record(tx, { actorId, organizationId: doc.ownerOrganizationId, action: 'document.recalled', subjectType: 'document', subjectId: documentId, details: { reason, assignmentsClosed: closed } });
    },

    /** Every assignment of a document (the tree by parentId). @throws AppError NOT_FOUND */
    async listForDocument(p: Principal, documentId: string): Promise<{ items: AssignmentDto[] }> {
      if (!(await handlingRepo.findVisibleDocument(db, p, documentId))) throw new AppError('NOT_FOUND', { message: 'document not found' });
      return { items: (await handlingRepo.viewsOfDocument(db, documentId)).map(toAssignmentDto) };
    },

    /** One assignment with its document, children and notes. @throws AppError NOT_FOUND */
    async get(p: Principal, assignmentId: string) {
      const ctx = await handlingRepo.findAssignmentContext(db, assignmentId);
      const found = ctx ? await handlingRepo.findVisibleDocument(db, p, ctx.assignment.documentId) : undefined;
      if (!ctx || !found) throw new AppError('NOT_FOUND', { message: 'assignment not found' });
      const all = await handlingRepo.viewsOfDocument(db, found.doc.id);
      const self = all.find((a) => a.id === assignmentId)!;
      const notes = await handlingRepo.notesOf(db, assignmentId);
      const doc = found.doc;
      return {
        ...toAssignmentDto(self),
        document: { id: doc.id, number: doc.number, notation: doc.notation, subject: doc.subject, urgency: doc.urgency, status: doc.status, incomingNumber: doc.incomingNumber },
        children: all.filter((a) => a.parentId === assignmentId).map(toAssignmentDto),
        notes: notes.map(({ note, authorName }) => ({ id: note.id, assignmentId: note.assignmentId, authorId: note.authorId, authorName, text: note.text, fileIds: note.fileIds, createdAt: note.createdAt.toISOString() })),
      };
    },

    /**
     * The caller's work list: `mine` (assigned to the caller) or `unit` (assigned to units where
     * the caller is leader or clerk), open / overdue / done, newest first, keyset-paginated.
     * @throws AppError VALIDATION_FAILED on a bad cursor
     */
    async workList(p: Principal, q: WorkListQuery): Promise<{ items: WorkItem[]; nextCursor: string | null }> {
      const limit = q.limit ?? 50;
      let after: { createdAt: string; id: string } | undefined;
      if (q.cursor) {
        // The created_at text keeps its microseconds: the keyset compares exactly.
        const [createdAt, id] = decodeCursor(q.cursor, ['timestamp', 'uuid']);
        after = { createdAt, id };
      }
      const unitIds = q.scope === 'unit' ? [...new Set(p.grants.filter((g) => g.role === 'leader' || g.role === 'clerk').map((g) => g.organizationId))] : undefined;
      const rows = await handlingRepo.workList(db, { userId: q.scope === 'mine' ? p.id : undefined, unitIds, status: q.status, limit: limit + 1, after, principal: p });
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return {
        items: page.map((r) => ({ ...toAssignmentDto(r), document: r.document })),
        nextCursor: rows.length > limit && last ? encodeCursor([last.cursorKey, last.id]) : null,
      };
    },
  };
}

export type HandlingService = ReturnType<typeof createHandlingService>;
