import { describe, expect, it } from 'vitest';
import type { DocumentStatus } from '../../../src/db/schema/documents.js';
import type { AssignmentStatus } from '../../../src/db/schema/handling.js';
import { AppError } from '../../../src/lib/errors.js';
import type { Principal } from '../../../src/modules/auth/principal.js';
import type { AssignmentContext, AssignmentRow } from '../../../src/modules/handling/handling.repo.js';
import {
  checkAssignmentAction,
  checkDirection,
  checkExtensionRequest,
  checkIntakeStep,
  checkOneLead,
  completion,
  directedDocument,
  extensionGrant,
  grantedDueDate,
  presentationAllowance,
  progressed,
  reassignScope,
  type AssignmentAction,
} from '../../../src/modules/handling/handling-transitions.js';

/** The error code a call throws ('none' when it returns). */
function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    return err instanceof AppError ? err.code : 'not an AppError';
  }
  return 'none';
}

// A province (p) with its office (p.o), a department (p.d) and the department's unit (p.d.u).
type Role = Principal['grants'][number]['role'];
const ORGS = { p: 'province', 'p.o': 'office', 'p.d': 'department', 'p.d.u': 'unit', 'p.x': 'other-department' } as const;
function person(id: string, ...grants: [keyof typeof ORGS, Role][]): Principal {
  return {
    id,
    username: id,
    fullName: id,
    position: null,
    organizationId: grants[0] ? ORGS[grants[0][0]] : 'unit',
    organizationPath: grants[0]?.[0] ?? 'p.d.u',
    grants: grants.map(([path, role]) => ({ organizationId: ORGS[path], organizationPath: path, role })),
  };
}

const provinceClerk = person('province-clerk', ['p', 'clerk']);
const provinceLeader = person('province-leader', ['p', 'leader']);
const departmentLeader = person('department-leader', ['p.d', 'leader']);
const departmentClerk = person('department-clerk', ['p.d', 'clerk']);
const unitLeader = person('unit-leader', ['p.d.u', 'leader']);
const unitClerk = person('unit-clerk', ['p.d.u', 'clerk']);
const specialist = person('specialist', ['p.d.u', 'specialist']);
const otherLeader = person('other-leader', ['p.x', 'leader']);

const NOW = new Date('2026-05-04T03:00:00Z');

function assignment(o: Partial<AssignmentRow> = {}): AssignmentRow {
  return {
    id: 'a-1',
    documentId: 'doc-1',
    parentId: null,
    assignerId: provinceLeader.id,
    assigneeUserId: null,
    assigneeUnitId: ORGS['p.d'],
    role: 'lead',
    comment: null,
    dueDate: '2026-05-11',
    allottedWorkingDays: 5,
    status: 'open',
    overdueSince: null,
    result: null,
    replyDocumentId: null,
    returnReason: null,
    recallReason: null,
    extensionRequestedDueDate: null,
    extensionReason: null,
    extensionStatus: null,
    completedAt: null,
    readAt: null,
    readBy: null,
    createdAt: NOW,
    updatedAt: NOW,
    documentCreatedAt: NOW,
    ...o,
  };
}

/** The department's top-level assignment, from the province leader. */
const toDepartment = (o: Partial<AssignmentRow> = {}): AssignmentContext => ({
  assignment: assignment(o),
  unitPath: 'p.d',
  userOrgPath: null,
  assignerOrgPath: 'p',
});
/** A specialist's part, divided by the department leader. */
const toSpecialist = (o: Partial<AssignmentRow> = {}): AssignmentContext => ({
  assignment: assignment({
    id: 'a-2',
    parentId: 'a-1',
    assignerId: departmentLeader.id,
    assigneeUnitId: null,
    assigneeUserId: specialist.id,
    ...o,
  }),
  unitPath: null,
  userOrgPath: 'p.d.u',
  assignerOrgPath: 'p.d',
});

describe('checkIntakeStep', () => {
  const doc = (status: DocumentStatus, direction: 'incoming' | 'outgoing' = 'incoming') => ({
    ownerOrganizationId: ORGS.p,
    direction,
    status,
  });

  it('lets only a clerk of the receiving organisation take the intake steps (not a leader over it, not a clerk above it)', () => {
    expect(codeOf(() => checkIntakeStep('register', provinceClerk, doc('received')))).toBe('none');
    expect(codeOf(() => checkIntakeStep('refuse', provinceClerk, doc('received')))).toBe('none');
    expect(codeOf(() => checkIntakeStep('present', provinceClerk, doc('registered')))).toBe('none');
    for (const step of ['register', 'refuse', 'present'] as const) {
      expect(codeOf(() => checkIntakeStep(step, provinceLeader, doc('received')))).toBe('FORBIDDEN');
      expect(codeOf(() => checkIntakeStep(step, departmentClerk, doc('received')))).toBe('FORBIDDEN');
    }
    const departmentDoc = { ...doc('received'), ownerOrganizationId: ORGS['p.d'] };
    expect(codeOf(() => checkIntakeStep('register', provinceClerk, departmentDoc))).toBe('FORBIDDEN');
  });

  it('registers and refuses only a received document, registers only incoming ones, and presents only a registered one', () => {
    expect(codeOf(() => checkIntakeStep('register', provinceClerk, doc('received', 'outgoing')))).toBe('INVALID_STATE');
    for (const status of ['registered', 'assigned', 'refused', 'recalled'] as const) {
      expect(codeOf(() => checkIntakeStep('register', provinceClerk, doc(status)))).toBe('INVALID_STATE');
      expect(codeOf(() => checkIntakeStep('refuse', provinceClerk, doc(status)))).toBe('INVALID_STATE');
    }
    expect(() => checkIntakeStep('present', provinceClerk, doc('received'))).toThrow('register the document before presenting it');
    expect(() => checkIntakeStep('present', provinceClerk, doc('assigned'))).toThrow('the document is already assigned');
  });

  it('answers FORBIDDEN before INVALID_STATE', () => {
    expect(codeOf(() => checkIntakeStep('register', provinceLeader, doc('completed', 'outgoing')))).toBe('FORBIDDEN');
  });

  it('gives a leader the same working day for urgent documents, the next one otherwise', () => {
    expect(['urgent', 'very_urgent', 'flash', 'normal'].map(presentationAllowance)).toEqual([0, 0, 0, 1]);
  });
});

describe('direction (bút phê)', () => {
  it('is for a leader of the receiving organisation or above it, from registration until the document is done', () => {
    for (const status of ['registered', 'assigned', 'in_progress'] as const)
      expect(codeOf(() => checkDirection(departmentLeader, 'p.d', status))).toBe('none');
    expect(codeOf(() => checkDirection(provinceLeader, 'p.d', 'registered'))).toBe('none');
    expect(codeOf(() => checkDirection(unitLeader, 'p.d', 'registered'))).toBe('FORBIDDEN');
    expect(codeOf(() => checkDirection(departmentClerk, 'p.d', 'registered'))).toBe('FORBIDDEN');
    expect(codeOf(() => checkDirection(otherLeader, 'p.d', 'registered'))).toBe('FORBIDDEN');
    expect(() => checkDirection(departmentLeader, 'p.d', 'received')).toThrow('register the document before assigning it');
    for (const status of ['completed', 'refused', 'recalled'] as const)
      expect(codeOf(() => checkDirection(departmentLeader, 'p.d', status))).toBe('INVALID_STATE');
    expect(codeOf(() => checkDirection(unitLeader, 'p.d', 'completed'))).toBe('FORBIDDEN');
  });

  it('keeps exactly one lead among the top-level assignments that count', () => {
    expect(codeOf(() => checkOneLead(0, 1))).toBe('none');
    // Adding coordinators later, with the lead still open or done.
    expect(codeOf(() => checkOneLead(1, 0))).toBe('none');
    expect(() => checkOneLead(0, 0)).toThrow('this would make 0');
    expect(() => checkOneLead(0, 2)).toThrow('this would make 2');
    expect(() => checkOneLead(1, 1)).toThrow('this would make 2');
  });

  it('moves a registered document to assigned, and gives it its lead’s deadline when the sender set none', () => {
    expect(directedDocument({ status: 'registered', dueDate: null }, '2026-05-11')).toEqual({ status: 'assigned', dueDate: '2026-05-11' });
    expect(directedDocument({ status: 'registered', dueDate: '2026-05-08' }, '2026-05-11')).toEqual({
      status: 'assigned',
      dueDate: '2026-05-08',
    });
    expect(directedDocument({ status: 'in_progress', dueDate: null }, null)).toEqual({ status: 'in_progress', dueDate: null });
  });
});

describe('checkAssignmentAction', () => {
  const assigneeActions: AssignmentAction[] = ['note', 'request-extension', 'return', 'complete'];

  it('lets the assignee act: the assigned user; for a unit, its leaders, leaders above it and its clerks', () => {
    for (const action of assigneeActions) {
      for (const p of [departmentLeader, provinceLeader, departmentClerk])
        expect(
          codeOf(() => checkAssignmentAction(action, p, toDepartment())),
          `${p.id} ${action}`,
        ).toBe('none');
      for (const p of [unitLeader, unitClerk, provinceClerk, otherLeader, specialist])
        expect(
          codeOf(() => checkAssignmentAction(action, p, toDepartment())),
          `${p.id} ${action}`,
        ).toBe('FORBIDDEN');
      expect(codeOf(() => checkAssignmentAction(action, specialist, toSpecialist()))).toBe('none');
      // A user's assignment is theirs alone, not their head's.
      for (const p of [unitLeader, departmentLeader, unitClerk])
        expect(
          codeOf(() => checkAssignmentAction(action, p, toSpecialist())),
          `${p.id} ${action}`,
        ).toBe('FORBIDDEN');
    }
  });

  it('lets the assigner, or a leader over the assigner’s unit, decide a pending extension', () => {
    const pending = { extensionStatus: 'requested' as const, extensionRequestedDueDate: '2026-05-15' };
    expect(codeOf(() => checkAssignmentAction('decide-extension', departmentLeader, toSpecialist(pending)))).toBe('none');
    expect(codeOf(() => checkAssignmentAction('decide-extension', provinceLeader, toSpecialist(pending)))).toBe('none');
    expect(codeOf(() => checkAssignmentAction('decide-extension', specialist, toSpecialist(pending)))).toBe('FORBIDDEN');
    expect(codeOf(() => checkAssignmentAction('decide-extension', unitLeader, toSpecialist(pending)))).toBe('FORBIDDEN');
    // The assigner decides even without a leader grant today (it may have been revoked since).
    expect(
      codeOf(() =>
        checkAssignmentAction('decide-extension', person('former-leader'), toSpecialist({ ...pending, assignerId: 'former-leader' })),
      ),
    ).toBe('none');
    // The department acts on its assignment but does not decide its own extension.
    expect(codeOf(() => checkAssignmentAction('decide-extension', departmentLeader, toDepartment(pending)))).toBe('FORBIDDEN');
  });

  it('refuses work on an item to inform (a read receipt, read by opening the document): its recipient gets INVALID_STATE, anyone else FORBIDDEN', () => {
    for (const status of ['unread', 'read'] as const)
      for (const action of assigneeActions) {
        const inform = { role: 'inform' as const, status, dueDate: null, allottedWorkingDays: null };
        expect(
          codeOf(() => checkAssignmentAction(action, specialist, toSpecialist(inform))),
          action,
        ).toBe('INVALID_STATE');
        expect(
          codeOf(() => checkAssignmentAction(action, unitLeader, toSpecialist(inform))),
          action,
        ).toBe('FORBIDDEN');
      }
  });

  it('acts only on an open assignment, and answers FORBIDDEN first to whoever may not act at all', () => {
    const closed: AssignmentStatus[] = ['done', 'returned', 'cancelled', 'recalled'];
    for (const status of closed) {
      for (const action of assigneeActions) {
        expect(codeOf(() => checkAssignmentAction(action, departmentLeader, toDepartment({ status })))).toBe('INVALID_STATE');
        expect(codeOf(() => checkAssignmentAction(action, otherLeader, toDepartment({ status })))).toBe('FORBIDDEN');
      }
      expect(
        codeOf(() => checkAssignmentAction('decide-extension', provinceLeader, toDepartment({ status, extensionStatus: 'requested' }))),
      ).toBe('INVALID_STATE');
    }
  });

  it('keeps one extension request pending at a time, and decides only a pending one', () => {
    expect(() => checkAssignmentAction('request-extension', departmentLeader, toDepartment({ extensionStatus: 'requested' }))).toThrow(
      'already pending',
    );
    for (const extensionStatus of ['granted', 'refused'] as const) {
      expect(codeOf(() => checkAssignmentAction('request-extension', departmentLeader, toDepartment({ extensionStatus })))).toBe('none');
      expect(() => checkAssignmentAction('decide-extension', provinceLeader, toDepartment({ extensionStatus }))).toThrow(
        'no extension request is pending',
      );
    }
    expect(codeOf(() => checkAssignmentAction('decide-extension', provinceLeader, toDepartment()))).toBe('INVALID_STATE');
  });
});

describe('reassignScope', () => {
  it('lets the head of the assigned unit, or of the assigned user’s unit, divide the work inside that unit', () => {
    expect(reassignScope(departmentLeader, toDepartment())).toBe('p.d');
    expect(reassignScope(provinceLeader, toDepartment())).toBe('p.d');
    expect(reassignScope(unitLeader, toSpecialist())).toBe('p.d.u');
    expect(reassignScope(departmentLeader, toSpecialist())).toBe('p.d.u');
  });

  it('refuses clerks, the assigned user, heads of other units, and closed assignments', () => {
    for (const p of [departmentClerk, unitLeader, otherLeader])
      expect(
        codeOf(() => reassignScope(p, toDepartment())),
        p.id,
      ).toBe('FORBIDDEN');
    for (const p of [specialist, unitClerk, otherLeader])
      expect(
        codeOf(() => reassignScope(p, toSpecialist())),
        p.id,
      ).toBe('FORBIDDEN');
    // A unit that no longer resolves to a path (no head can be found).
    expect(codeOf(() => reassignScope(provinceLeader, { ...toDepartment(), unitPath: null }))).toBe('FORBIDDEN');
    expect(codeOf(() => reassignScope(departmentLeader, toDepartment({ status: 'done' })))).toBe('INVALID_STATE');
    expect(codeOf(() => reassignScope(otherLeader, toDepartment({ status: 'done' })))).toBe('FORBIDDEN');
  });
});

describe('completion', () => {
  const complete = (a: Partial<AssignmentRow>, documentStatus: DocumentStatus) =>
    completion({ assignment: assignment(a), documentStatus, result: 'Đã báo cáo.', replyDocumentId: null, now: NOW });

  it('records the result on the assignment', () => {
    expect(
      completion({ assignment: assignment(), documentStatus: 'in_progress', result: 'Xong.', replyDocumentId: 'reply-1', now: NOW })
        .assignment,
    ).toEqual({ status: 'done', result: 'Xong.', replyDocumentId: 'reply-1', completedAt: NOW });
  });

  it('completes the document with its top-level lead, even while coordinators are still open; their later completions leave the document as it is', () => {
    // One document held in memory: a lead (chủ trì) and a coordinator (phối hợp), both open.
    let status: DocumentStatus = 'in_progress';
    const lead = complete({ id: 'lead', role: 'lead' }, status);
    expect(lead).toMatchObject({ document: { status: 'completed', completedAt: NOW }, closeDocumentCustody: true, event: 'complete' });
    status = lead.document!.status;

    const coordinator = complete({ id: 'coordinator', role: 'coordinate' }, status);
    expect(coordinator).toMatchObject({ document: null, closeDocumentCustody: false, event: null });
  });

  it('completes the document with a lead even straight from assigned', () => {
    expect(complete({ role: 'lead' }, 'assigned')).toMatchObject({ document: { status: 'completed' }, event: 'complete' });
  });

  it('treats any other completion as progress: an assigned document is now in progress, once', () => {
    // A divided part (a child lead) does not complete the document.
    expect(complete({ parentId: 'a-1', role: 'lead' }, 'assigned')).toMatchObject({
      document: { status: 'in_progress' },
      closeDocumentCustody: false,
      event: 'progress',
    });
    expect(complete({ parentId: 'a-1', role: 'lead' }, 'in_progress')).toMatchObject({ document: null, event: null });
    expect(complete({ role: 'coordinate' }, 'assigned')).toMatchObject({ document: { status: 'in_progress' }, event: 'progress' });
  });

  it('puts an assigned document in progress on the first note, and leaves other states alone', () => {
    expect(progressed('assigned')).toEqual({ status: 'in_progress' });
    for (const status of ['in_progress', 'completed', 'registered'] as const) expect(progressed(status)).toBeNull();
  });
});

describe('extensions', () => {
  const TODAY = '2026-05-04';

  it('asks for a deadline after the current one and not already past', () => {
    expect(codeOf(() => checkExtensionRequest({ dueDate: '2026-05-11' }, '2026-05-12', TODAY))).toBe('none');
    expect(() => checkExtensionRequest({ dueDate: '2026-05-11' }, '2026-05-11', TODAY)).toThrow(
      'must be after the current one (2026-05-11)',
    );
    expect(codeOf(() => checkExtensionRequest({ dueDate: '2026-05-11' }, '2026-05-10', TODAY))).toBe('VALIDATION_FAILED');
    // An assignment without a deadline (inform) may ask for one, not in the past.
    expect(codeOf(() => checkExtensionRequest({ dueDate: null }, TODAY, TODAY))).toBe('none');
    expect(() => checkExtensionRequest({ dueDate: null }, '2026-05-03', TODAY)).toThrow('already past');
  });

  it('grants the deadline the assigner names, else the one requested; never past, never after the parent’s', () => {
    const base = { requestedDueDate: '2026-05-15', namedDueDate: undefined, parentDueDate: null, today: TODAY };
    expect(grantedDueDate(base)).toBe('2026-05-15');
    expect(grantedDueDate({ ...base, namedDueDate: '2026-05-13' })).toBe('2026-05-13');
    expect(() => grantedDueDate({ ...base, namedDueDate: '2026-05-01' })).toThrow('the granted deadline is already past');
    expect(grantedDueDate({ ...base, parentDueDate: '2026-05-15' })).toBe('2026-05-15');
    expect(() => grantedDueDate({ ...base, parentDueDate: '2026-05-14' })).toThrow("may not pass the parent assignment's (2026-05-14)");
    // Past is checked first.
    expect(() => grantedDueDate({ ...base, namedDueDate: '2026-05-01', parentDueDate: '2026-04-30' })).toThrow('already past');
  });

  it('moves the deadline, adds the working days to a counted allowance, and clears the overdue flag', () => {
    const grant = extensionGrant({
      assignment: assignment({ parentId: 'a-1', allottedWorkingDays: 5 }),
      documentDueDate: '2026-05-11',
      dueDate: '2026-05-13',
      addedWorkingDays: 2,
    });
    expect(grant).toEqual({
      assignment: { dueDate: '2026-05-13', allottedWorkingDays: 7, extensionStatus: 'granted', overdueSince: null },
      custody: { dueDate: '2026-05-13', allottedWorkingDays: 7 },
      document: null,
    });
    const uncounted = extensionGrant({
      assignment: assignment({ parentId: 'a-1', allottedWorkingDays: null }),
      documentDueDate: null,
      dueDate: '2026-05-13',
      addedWorkingDays: null,
    });
    expect(uncounted.custody).toEqual({ dueDate: '2026-05-13', allottedWorkingDays: null });
  });

  it('moves the document’s deadline with its top-level lead’s: when they were the same, or when the grant passes it', () => {
    const lead = assignment({ role: 'lead', dueDate: '2026-05-11' });
    // The sender's deadline was later than the lead's; the grant goes past it: the document follows.
    expect(
      extensionGrant({ assignment: lead, documentDueDate: '2026-05-12', dueDate: '2026-05-15', addedWorkingDays: 4 }).document,
    ).toEqual({ dueDate: '2026-05-15', overdueSince: null });
    expect(
      extensionGrant({ assignment: lead, documentDueDate: '2026-05-11', dueDate: '2026-05-13', addedWorkingDays: 2 }).document,
    ).toEqual({ dueDate: '2026-05-13', overdueSince: null });
    expect(
      extensionGrant({ assignment: lead, documentDueDate: '2026-05-20', dueDate: '2026-05-13', addedWorkingDays: 2 }).document,
    ).toBeNull();
    expect(
      extensionGrant({
        assignment: assignment({ role: 'coordinate', dueDate: '2026-05-11' }),
        documentDueDate: '2026-05-11',
        dueDate: '2026-05-13',
        addedWorkingDays: 2,
      }).document,
    ).toBeNull();
  });
});
