import { describe, expect, it } from 'vitest';
import type { Decision, StepSpec } from '../../../src/db/schema/approvals.js';
import { isAppError } from '../../../src/lib/errors.js';
import type { ApproverRow, InstanceRow, StepRow, TemplateRow } from '../../../src/modules/approvals/approvals.repo.js';
import { requiredApprovals, type Authority } from '../../../src/modules/approvals/workflow-rules.js';
import {
  chooseTemplate,
  decideStep,
  planSubmission,
  resumeRound,
  roundStart,
  type DecisionOutcome,
} from '../../../src/modules/approvals/workflow-transitions.js';

const NOW = new Date('2026-05-04T03:00:00Z');
const DOC = { id: 'doc-1', ownerOrganizationId: 'org-1', status: 'in_approval' as const };

function step(id: string, order: number, o: Partial<StepRow> = {}): StepRow {
  return {
    id,
    instanceId: 'inst-1',
    round: 1,
    stepIndex: 0,
    order,
    name: id,
    required: 1,
    isSigningStep: false,
    status: 'waiting',
    activatedAt: null,
    dueDate: null,
    completedAt: null,
    ...o,
  };
}

function approver(stepId: string, userId: string, o: Partial<ApproverRow> = {}): ApproverRow {
  return {
    id: `${stepId}/${userId}`,
    stepId,
    userId,
    decision: null,
    comment: null,
    decidedAt: null,
    actedBy: null,
    actingForId: null,
    authorityPrefix: null,
    delegationId: null,
    ...o,
  };
}

function authority(forUserId: string, o: Partial<Authority> = {}): Authority {
  return { forUserId, delegationId: `del-${forUserId}`, approve: true, sign: true, prefix: 'KT.', ...o };
}

/**
 * One running round held in memory: decisions are taken with decideStep on what it holds, and their
 * effects written back as the workflow service writes them (an activated order's steps turn active;
 * their approvers and quorum are given up front here, where the service resolves them at activation).
 */
function round(steps: StepRow[], approvers: ApproverRow[]) {
  const state = {
    steps,
    approvers,
    instanceStatus: 'running' as InstanceRow['status'],
    draftStatus: DOC.status as string,
    outcomes: [] as DecisionOutcome[],
  };
  function decide(
    stepId: string,
    actorId: string,
    decision: Decision = 'approved',
    o: { authorities?: Authority[]; text?: string | null } = {},
  ): DecisionOutcome {
    const target = state.steps.find((s) => s.id === stepId)!;
    const outcome = decideStep(
      {
        document: { ...DOC, status: state.draftStatus as typeof DOC.status },
        instance: { id: 'inst-1', status: state.instanceStatus, round: 1 },
        step: target,
        steps: state.steps,
        approvers: state.approvers.filter((a) => a.stepId === stepId),
        authorities: o.authorities ?? [],
      },
      { actorId, decision, text: o.text ?? null, now: NOW },
    );
    state.approvers = state.approvers.map((a) => (a.id === outcome.approver.id ? { ...a, ...outcome.approver.patch } : a));
    state.steps = state.steps.map((s) => {
      const patch = outcome.stepPatches.find((u) => u.id === s.id)?.patch;
      if (patch) return { ...s, ...patch };
      return outcome.activateOrder === s.order ? { ...s, status: 'active' as const, activatedAt: NOW } : s;
    });
    if (outcome.instancePatch) state.instanceStatus = outcome.instancePatch.status;
    if (outcome.document) state.draftStatus = outcome.document.status;
    state.outcomes.push(outcome);
    return outcome;
  }
  const statuses = () => Object.fromEntries(state.steps.map((s) => [s.id, s.status]));
  return { state, decide, statuses };
}

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (isAppError(e)) return e.code;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('decideStep', () => {
  it('runs sequential steps: each approval activates the next order, the last one approves the draft', () => {
    const r = round(
      [step('check', 1, { status: 'active' }), step('review', 2), step('sign', 3, { isSigningStep: true })],
      [approver('check', 'head'), approver('review', 'deputy'), approver('sign', 'chair')],
    );

    const first = r.decide('check', 'head');
    expect(first).toMatchObject({
      activateOrder: 2,
      instancePatch: null,
      document: null,
      draftPatch: null,
      instanceStatus: 'running',
      draftStatus: 'in_approval',
    });
    expect(first.stepPatches).toEqual([{ id: 'check', patch: { status: 'approved', completedAt: NOW } }]);
    expect(r.statuses()).toEqual({ check: 'approved', review: 'active', sign: 'waiting' });

    expect(r.decide('review', 'deputy').activateOrder).toBe(3);
    const last = r.decide('sign', 'chair', 'approved', { text: 'Ký' });
    expect(last).toMatchObject({ activateOrder: null, instanceStatus: 'approved', draftStatus: 'approved' });
    expect(last.instancePatch).toEqual({ status: 'approved', currentOrder: null, finishedAt: NOW });
    expect(r.statuses()).toEqual({ check: 'approved', review: 'approved', sign: 'approved' });
  });

  it('waits for every parallel step of an order before activating the next', () => {
    const r = round(
      [step('legal', 1, { status: 'active' }), step('finance', 1, { status: 'active' }), step('sign', 2, { isSigningStep: true })],
      [approver('legal', 'l1'), approver('finance', 'f1'), approver('sign', 'chair')],
    );
    const one = r.decide('finance', 'f1');
    expect(one.stepPatches).toEqual([{ id: 'finance', patch: { status: 'approved', completedAt: NOW } }]);
    expect(one.activateOrder).toBeNull();
    expect(r.statuses()).toEqual({ legal: 'active', finance: 'approved', sign: 'waiting' });
    expect(r.decide('legal', 'l1').activateOrder).toBe(2);
  });

  it.each([
    ['all', 3, 3],
    ['any', 1, 1],
    ['N = 2', 2, 2],
  ])('completes a step on its quorum (%s): %i of 3 approvals', (_name, required, needed) => {
    const r = round(
      [step('consult', 1, { status: 'active', required }), step('next', 2)],
      ['a', 'b', 'c'].map((u) => approver('consult', u)).concat(approver('next', 'z')),
    );
    const users = ['a', 'b', 'c'];
    for (let i = 0; i < needed - 1; i++) {
      const o = r.decide('consult', users[i]);
      expect(o.stepPatches, `approval ${i + 1}`).toEqual([]);
      expect(o.step.status).toBe('active');
    }
    const done = r.decide('consult', users[needed - 1]);
    expect(done.step.status).toBe('approved');
    expect(done.activateOrder).toBe(2);
    expect(done.stepApprovers.filter((a) => a.decision === 'approved').map((a) => a.userId)).toEqual(users.slice(0, needed));
    // Once complete the step takes no more decisions.
    if (needed < 3) expect(refusal(() => r.decide('consult', users[needed]))).toBe('INVALID_STATE');
  });

  it('quorum fixed at activation: all = every approver, any = one, N = N; never more than there are approvers', () => {
    expect(requiredApprovals('all', 3, 's')).toBe(3);
    expect(requiredApprovals('any', 3, 's')).toBe(1);
    expect(requiredApprovals({ n: 2 }, 3, 's')).toBe(2);
    expect(refusal(() => requiredApprovals({ n: 4 }, 3, 's'))).toBe('UNPROCESSABLE');
    expect(refusal(() => requiredApprovals('any', 0, 's'))).toBe('UNPROCESSABLE');
  });

  it('a return closes the other open steps and leaves the instance to resume on resubmission', () => {
    const r = round(
      [
        step('done', 1, { status: 'approved' }),
        step('legal', 2, { status: 'active' }),
        step('finance', 2, { status: 'active' }),
        step('sign', 3, { isSigningStep: true }),
      ],
      [approver('legal', 'l1'), approver('finance', 'f1')],
    );
    const o = r.decide('legal', 'l1', 'returned', { text: 'Sửa mục 2' });
    expect(o.stepPatches).toEqual([
      { id: 'finance', patch: { status: 'closed', completedAt: NOW } },
      { id: 'legal', patch: { status: 'returned', completedAt: NOW } },
    ]);
    expect(o).toMatchObject({
      activateOrder: null,
      draftPatch: null,
      document: { status: 'returned' },
      instanceStatus: 'returned',
      draftStatus: 'returned',
    });
    expect(o.instancePatch).toEqual({ status: 'returned', currentOrder: null, finishedAt: null });
    expect(o.audit).toMatchObject({
      action: 'approval.step.return',
      details: { comment: 'Sửa mục 2', stepStatus: 'returned', instanceStatus: 'returned', draftStatus: 'returned' },
    });
    expect(r.statuses()).toEqual({ done: 'approved', legal: 'returned', finance: 'closed', sign: 'waiting' });
  });

  it('a rejection ends the instance for good and keeps the reason on the draft', () => {
    const r = round(
      [step('check', 1, { status: 'active', required: 2 }), step('sign', 2, { isSigningStep: true })],
      [approver('check', 'a'), approver('check', 'b')],
    );
    r.decide('check', 'a');
    const o = r.decide('check', 'b', 'rejected', { text: 'Không phù hợp' });
    expect(o.stepPatches).toEqual([{ id: 'check', patch: { status: 'rejected', completedAt: NOW } }]);
    expect(o).toMatchObject({
      draftPatch: { rejectedReason: 'Không phù hợp' },
      document: { status: 'rejected' },
      instanceStatus: 'rejected',
      draftStatus: 'rejected',
    });
    expect(o.instancePatch).toEqual({ status: 'rejected', currentOrder: null, finishedAt: NOW });
    expect(o.audit.action).toBe('approval.step.reject');
  });

  it('names the approver of the signing step as the signer; without a signing step the draft has none', () => {
    const signed = round([step('sign', 1, { status: 'active', isSigningStep: true })], [approver('sign', 'chair')]).decide('sign', 'chair');
    expect(signed.document).toEqual({ status: 'approved', signer: { userId: 'chair', actingForId: null, prefix: null } });
    expect(signed.draftPatch).toEqual({ approvedAt: NOW, signerUserId: 'chair', signerActingForId: null, signerAuthority: null });

    const unsigned = round([step('check', 1, { status: 'active' })], [approver('check', 'head')]).decide('check', 'head');
    expect(unsigned.document).toEqual({ status: 'approved', signer: null });
    expect(unsigned.draftPatch).toEqual({ approvedAt: NOW, signerUserId: null, signerActingForId: null, signerAuthority: null });
  });

  it('lets a delegate decide for the approver: records who acted, for whom, under which delegation, and makes the delegate the signer', () => {
    const r = round(
      [step('check', 1, { status: 'active' }), step('sign', 2, { isSigningStep: true })],
      [approver('check', 'chair'), approver('sign', 'chair')],
    );
    const authorities = [authority('chair', { prefix: 'KT.' })];
    const checked = r.decide('check', 'vice', 'approved', { authorities, text: 'Đồng ý' });
    expect(checked.approver).toEqual({
      id: 'check/chair',
      patch: {
        decision: 'approved',
        comment: 'Đồng ý',
        decidedAt: NOW,
        actedBy: 'vice',
        actingForId: 'chair',
        authorityPrefix: 'KT.',
        delegationId: 'del-chair',
      },
    });
    expect(checked.audit).toMatchObject({ actorId: 'vice', details: { actingForId: 'chair', authorityPrefix: 'KT.' } });

    const signed = r.decide('sign', 'vice', 'approved', { authorities });
    expect(signed.document).toEqual({ status: 'approved', signer: { userId: 'vice', actingForId: 'chair', prefix: 'KT.' } });
    expect(signed.draftPatch).toMatchObject({ signerUserId: 'vice', signerActingForId: 'chair', signerAuthority: 'KT.' });
  });

  it('uses a delegation only within its scope, and the actor’s own row before a delegated one', () => {
    const signing = [step('sign', 1, { status: 'active', isSigningStep: true })];
    const approveOnly = [authority('chair', { sign: false })];
    expect(
      refusal(() => round(signing, [approver('sign', 'chair')]).decide('sign', 'vice', 'approved', { authorities: approveOnly })),
    ).toBe('FORBIDDEN');
    const plain = [step('check', 1, { status: 'active' })];
    const signOnly = [authority('chair', { approve: false })];
    expect(refusal(() => round(plain, [approver('check', 'chair')]).decide('check', 'vice', 'approved', { authorities: signOnly }))).toBe(
      'FORBIDDEN',
    );

    const both = round([step('check', 1, { status: 'active', required: 2 })], [approver('check', 'chair'), approver('check', 'vice')]);
    expect(both.decide('check', 'vice', 'approved', { authorities: [authority('chair')] }).approver).toMatchObject({
      id: 'check/vice',
      patch: { actingForId: null },
    });
    const second = both.decide('check', 'vice', 'approved', { authorities: [authority('chair')] });
    expect(second.approver).toMatchObject({ id: 'check/chair', patch: { actedBy: 'vice', actingForId: 'chair' } });
    expect(second.step.status).toBe('approved');
  });

  it('refuses a step that is not active in the running round, a non-approver and a second decision', () => {
    const approvers = [approver('check', 'head'), approver('check', 'deputy')];
    const base = { document: DOC, instance: { id: 'inst-1', status: 'running' as const, round: 2 }, steps: [], approvers, authorities: [] };
    const cmd = { actorId: 'head', decision: 'approved' as const, text: null, now: NOW };
    expect(refusal(() => decideStep({ ...base, step: step('check', 1, { status: 'waiting', round: 2 }) }, cmd))).toBe('INVALID_STATE');
    expect(refusal(() => decideStep({ ...base, step: step('check', 1, { status: 'active', round: 1 }) }, cmd))).toBe('INVALID_STATE');
    expect(
      refusal(() =>
        decideStep(
          { ...base, instance: { ...base.instance, status: 'returned' }, step: step('check', 1, { status: 'active', round: 2 }) },
          cmd,
        ),
      ),
    ).toBe('INVALID_STATE');
    expect(
      refusal(() => decideStep({ ...base, step: step('check', 1, { status: 'active', round: 2 }) }, { ...cmd, actorId: 'stranger' })),
    ).toBe('FORBIDDEN');

    const r = round([step('check', 1, { status: 'active', required: 2 })], [approver('check', 'head'), approver('check', 'deputy')]);
    r.decide('check', 'head');
    expect(refusal(() => r.decide('check', 'head'))).toBe('INVALID_STATE');
    // Nor again through a delegation from someone who already decided.
    expect(refusal(() => r.decide('check', 'vice', 'approved', { authorities: [authority('head')] }))).toBe('INVALID_STATE');
  });

  it('returns the audit event of the decision with the new statuses', () => {
    const o = round(
      [step('check', 1, { status: 'active', name: 'Trưởng phòng kiểm tra' }), step('sign', 2)],
      [approver('check', 'head')],
    ).decide('check', 'head', 'approved', { text: 'Đạt' });
    expect(o.audit).toEqual({
      actorId: 'head',
      organizationId: 'org-1',
      action: 'approval.step.approve',
      subjectType: 'document',
      subjectId: 'doc-1',
      details: {
        stepId: 'check',
        step: 'Trưởng phòng kiểm tra',
        round: 1,
        comment: 'Đạt',
        actingForId: null,
        authorityPrefix: null,
        stepStatus: 'approved',
        instanceStatus: 'running',
        draftStatus: 'in_approval',
      },
    });
  });
});

const spec = (order: number, name: string, o: Partial<StepSpec> = {}): StepSpec => ({
  order,
  name,
  approvers: [{ userId: 'u' }],
  quorum: 'all',
  parallel: false,
  dueInWorkingDays: 2,
  isSigningStep: false,
  ...o,
});

function instance(o: Partial<InstanceRow> = {}): InstanceRow {
  return {
    id: 'inst-1',
    documentId: 'doc-1',
    templateId: 'tpl-1',
    templateVersion: 1,
    steps: [spec(1, 'a')],
    status: 'returned',
    round: 1,
    draftVersion: 1,
    currentOrder: null,
    startedBy: 'drafter',
    startedAt: NOW,
    finishedAt: null,
    ...o,
  };
}

describe('planSubmission', () => {
  const draft = { drafterId: 'drafter', currentVersion: 2 };

  it('starts a first instance from a draft and resumes a returned one; refuses others than the drafter and any other state', () => {
    expect(planSubmission({ actorId: 'drafter', status: 'draft', draft })).toBe('start');
    expect(planSubmission({ actorId: 'drafter', status: 'returned', draft })).toBe('resume');
    expect(refusal(() => planSubmission({ actorId: 'clerk', status: 'draft', draft }))).toBe('FORBIDDEN');
    for (const status of ['in_approval', 'approved', 'rejected'] as const) {
      expect(
        refusal(() => planSubmission({ actorId: 'drafter', status, draft })),
        status,
      ).toBe('INVALID_STATE');
    }
  });
});

describe('resumeRound', () => {
  it('runs the next round of the returned instance with the new version', () => {
    expect(resumeRound(instance(), { currentVersion: 2 }, 'tpl-1')).toEqual({
      status: 'running',
      round: 2,
      draftVersion: 2,
      finishedAt: null,
    });
    expect(resumeRound(instance({ round: 3, draftVersion: 4 }), { currentVersion: 5 }, undefined)).toEqual({
      status: 'running',
      round: 4,
      draftVersion: 5,
      finishedAt: null,
    });
  });

  it('refuses a returned draft without a new version or on another template', () => {
    expect(refusal(() => resumeRound(instance({ draftVersion: 2 }), { currentVersion: 2 }, undefined))).toBe('INVALID_STATE');
    expect(refusal(() => resumeRound(instance(), { currentVersion: 2 }, 'tpl-2'))).toBe('INVALID_STATE');
  });
});

describe('chooseTemplate', () => {
  const doc = { ownerOrganizationId: 'org-1', typeName: 'Tờ trình' };
  const template = (o: Partial<TemplateRow> = {}): TemplateRow => ({
    id: 'tpl-1',
    familyId: 'tpl-1',
    version: 1,
    current: true,
    organizationId: 'org-1',
    typeName: 'Tờ trình',
    name: 't',
    steps: [],
    createdBy: 'u',
    createdAt: NOW,
    ...o,
  });

  it('takes a named template of the organisation and type (or any type) while it is current', () => {
    expect(chooseTemplate(template(), doc, true).id).toBe('tpl-1');
    expect(chooseTemplate(template({ typeName: null }), doc, true).id).toBe('tpl-1');
    expect(refusal(() => chooseTemplate(undefined, doc, true))).toBe('VALIDATION_FAILED');
    expect(refusal(() => chooseTemplate(template({ organizationId: 'org-2' }), doc, true))).toBe('VALIDATION_FAILED');
    expect(refusal(() => chooseTemplate(template({ typeName: 'Quyết định' }), doc, true))).toBe('VALIDATION_FAILED');
    expect(refusal(() => chooseTemplate(template({ current: false }), doc, true))).toBe('INVALID_STATE');
  });

  it('needs a default template when none is named', () => {
    expect(chooseTemplate(template(), doc, false).id).toBe('tpl-1');
    expect(refusal(() => chooseTemplate(undefined, doc, false))).toBe('UNPROCESSABLE');
  });
});

describe('roundStart', () => {
  it('creates every step of the snapshot waiting in the round and activates the lowest order first', () => {
    const i = instance({
      round: 3,
      steps: [spec(2, 'b'), spec(1, 'a'), spec(2, 'c', { parallel: true }), spec(5, 'sign', { isSigningStep: true })],
    });
    expect(roundStart(i)).toEqual({
      steps: [
        { instanceId: 'inst-1', round: 3, stepIndex: 0, order: 2, name: 'b', isSigningStep: false },
        { instanceId: 'inst-1', round: 3, stepIndex: 1, order: 1, name: 'a', isSigningStep: false },
        { instanceId: 'inst-1', round: 3, stepIndex: 2, order: 2, name: 'c', isSigningStep: false },
        { instanceId: 'inst-1', round: 3, stepIndex: 3, order: 5, name: 'sign', isSigningStep: true },
      ],
      firstOrder: 1,
    });
  });
});
