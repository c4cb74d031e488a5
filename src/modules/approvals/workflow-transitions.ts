import type { Decision } from '../../db/schema/approvals.js';
import type { DocumentStatus } from '../../db/schema/documents.js';
import { AppError } from '../../lib/errors.js';
import type { AuditEventInput } from '../audit/audit.service.js';
import type { ApproverRow, DraftRow, InstanceRow, StepRow, TemplateRow } from './approvals.repo.js';
import { ordersOf, type Authority } from './workflow-rules.js';

/**
 * The state transitions of an approval workflow as pure functions: they take what was read under
 * the instance lock and return the new state and the effects to write (no I/O). The workflow
 * service reads the state, calls them, then applies the effects in the same transaction.
 */

// ---- submission -----------------------------------------------------------------------------

/**
 * Who may submit and from which state: the drafter, a draft (a first instance starts) or a returned
 * draft (its instance resumes, see resumeRound).
 * @throws AppError FORBIDDEN (not the drafter), INVALID_STATE
 */
export function planSubmission(s: { actorId: string; status: DocumentStatus; draft: Pick<DraftRow, 'drafterId'> }): 'start' | 'resume' {
  if (s.draft.drafterId !== s.actorId) throw new AppError('FORBIDDEN', { message: 'only the drafter submits the draft' });
  if (s.status === 'draft') return 'start';
  if (s.status === 'returned') return 'resume';
  throw new AppError('INVALID_STATE', { message: `a ${s.status} draft cannot be submitted`, details: { status: s.status } });
}

/**
 * The next round of a returned instance: on the template version it started with, for a newer
 * version of the draft.
 * @throws AppError INVALID_STATE (another template asked for, or no new version)
 */
export function resumeRound(
  previous: InstanceRow,
  draft: Pick<DraftRow, 'currentVersion'>,
  templateId: string | undefined,
): Pick<InstanceRow, 'status' | 'round' | 'draftVersion' | 'finishedAt'> {
  if (templateId !== undefined && templateId !== previous.templateId) {
    throw new AppError('INVALID_STATE', { message: 'a returned draft resumes on the template version it started with' });
  }
  if (draft.currentVersion <= previous.draftVersion)
    throw new AppError('INVALID_STATE', { message: 'add a new version before resubmitting a returned draft' });
  return { status: 'running', round: previous.round + 1, draftVersion: draft.currentVersion, finishedAt: null };
}

/**
 * The template a first submission starts on: the one the caller named (current, of the draft's
 * organisation and of its type or any type), else the default found for the organisation and type.
 * @throws AppError VALIDATION_FAILED (named template does not apply), INVALID_STATE (superseded), UNPROCESSABLE (no default)
 */
export function chooseTemplate(
  template: TemplateRow | undefined,
  doc: { ownerOrganizationId: string; typeName: string },
  named: boolean,
): TemplateRow {
  if (named) {
    if (
      !template ||
      template.organizationId !== doc.ownerOrganizationId ||
      (template.typeName !== null && template.typeName !== doc.typeName)
    ) {
      throw new AppError('VALIDATION_FAILED', { message: 'the template does not apply to this organization and document type' });
    }
    if (!template.current) throw new AppError('INVALID_STATE', { message: 'the template version was superseded; use the current one' });
    return template;
  }
  if (!template) throw new AppError('UNPROCESSABLE', { message: `no approval template for ${doc.typeName} in this organization` });
  return template;
}

/** A step row of a new round, before it is written (every step waits until its order activates). */
export type NewStepRow = Pick<StepRow, 'instanceId' | 'round' | 'stepIndex' | 'order' | 'name' | 'isSigningStep'>;

/** The step rows of the instance's current round, from its snapshot, and the order that activates first. */
export function roundStart(instance: Pick<InstanceRow, 'id' | 'round' | 'steps'>): { steps: NewStepRow[]; firstOrder: number } {
  return {
    steps: instance.steps.map((s, i) => ({
      instanceId: instance.id,
      round: instance.round,
      stepIndex: i,
      order: s.order,
      name: s.name,
      isSigningStep: s.isSigningStep,
    })),
    firstOrder: ordersOf(instance.steps)[0],
  };
}

// ---- decisions ------------------------------------------------------------------------------

/** The approver row a decision is recorded on, and under which delegation when it is someone else's. */
export type ActingAs<A extends ApproverRow = ApproverRow> = {
  approver: A;
  actingForId: string | null;
  prefix: Authority['prefix'] | null;
  delegationId: string | null;
};

/**
 * The approver row the actor decides on: their own, else one of an approver whose delegation they
 * hold for this kind of step. 'decided' when they (or the approvers they act for) already decided;
 * null when they are no approver of the step at all.
 */
export function actingAs<A extends ApproverRow>(
  actorId: string,
  step: Pick<StepRow, 'isSigningStep'>,
  approvers: readonly A[],
  authorities: readonly Authority[],
): ActingAs<A> | 'decided' | null {
  const own = approvers.find((a) => a.userId === actorId);
  if (own && own.decision === null) return { approver: own, actingForId: null, prefix: null, delegationId: null };
  for (const auth of authorities) {
    if (!(step.isSigningStep ? auth.sign : auth.approve)) continue;
    const theirs = approvers.find((a) => a.userId === auth.forUserId && a.decision === null);
    if (theirs) return { approver: theirs, actingForId: auth.forUserId, prefix: auth.prefix, delegationId: auth.delegationId };
  }
  const delegatedDecided = authorities.some(
    (auth) => (step.isSigningStep ? auth.sign : auth.approve) && approvers.some((a) => a.userId === auth.forUserId),
  );
  return own || delegatedDecided ? 'decided' : null;
}

/** What a decision is taken on, read under the instance lock. */
export type DecisionState<A extends ApproverRow = ApproverRow> = {
  document: { id: string; ownerOrganizationId: string; status: DocumentStatus };
  instance: Pick<InstanceRow, 'id' | 'status' | 'round'>;
  /** The step decided on (it may belong to an earlier round). */
  step: StepRow;
  /** The steps of the instance's current round. */
  steps: readonly StepRow[];
  /** The approvers of the decided step. */
  approvers: readonly A[];
  /** What the actor may do for others today (their delegations, see resolveAuthorities). */
  authorities: readonly Authority[];
};

export type DecisionCommand = { actorId: string; decision: Decision; text: string | null; now: Date };

/** Who must sign an approved draft: whoever approved its signing step, for whom and with which prefix. */
export type Signer = { userId: string; actingForId: string | null; prefix: Authority['prefix'] | null };

type ApproverDecision = Pick<
  ApproverRow,
  'decision' | 'comment' | 'decidedAt' | 'actedBy' | 'actingForId' | 'authorityPrefix' | 'delegationId'
>;
type StepPatch = Pick<StepRow, 'status' | 'completedAt'>;

/** The new state after a decision and the effects that get there (written in one transaction, in this order). */
export type DecisionOutcome<A extends ApproverRow = ApproverRow> = {
  /** The decided step and its approvers, as they are once the effects are written. */
  step: StepRow;
  stepApprovers: A[];
  instanceStatus: InstanceRow['status'];
  draftStatus: DocumentStatus;

  approver: { id: string; patch: ApproverDecision };
  stepPatches: { id: string; patch: StepPatch }[];
  /** The next order to activate (its approvers are resolved when it activates), if the decision opened one. */
  activateOrder: number | null;
  draftPatch: Partial<Pick<DraftRow, 'approvedAt' | 'signerUserId' | 'signerActingForId' | 'signerAuthority' | 'rejectedReason'>> | null;
  /** The document's new status; an approved draft carries its signer, whose name and position go on the document. */
  document: { status: 'approved'; signer: Signer | null } | { status: 'returned' | 'rejected' } | null;
  instancePatch: Pick<InstanceRow, 'status' | 'currentOrder' | 'finishedAt'> | null;
  audit: AuditEventInput;
};

/** How a decision moves the steps, and how the round ends when it does. */
type StepEffects = {
  stepPatches: DecisionOutcome['stepPatches'];
  activateOrder: number | null;
  end: (Pick<DecisionOutcome, 'draftPatch' | 'document' | 'instancePatch'> & { status: 'approved' | 'returned' | 'rejected' }) | null;
};

/**
 * An approval: the step completes once its quorum is met; when it was the last open step of its
 * order, the next order activates, or after the last order the draft is approved.
 */
function approval(state: DecisionState, stepApprovers: readonly ApproverRow[], actor: Signer, now: Date): StepEffects {
  const { step, steps } = state;
  const approvals = stepApprovers.filter((a) => a.decision === 'approved').length;
  if (approvals < (step.required ?? 1)) return { stepPatches: [], activateOrder: null, end: null };
  const stepPatches = [{ id: step.id, patch: { status: 'approved' as const, completedAt: now } }];
  const sameOrder = steps.filter((s) => s.order === step.order && s.id !== step.id);
  if (!sameOrder.every((s) => s.status === 'approved')) return { stepPatches, activateOrder: null, end: null };
  const next = ordersOf(steps.filter((s) => s.status === 'waiting'))[0];
  if (next !== undefined) return { stepPatches, activateOrder: next, end: null };

  // The signing step is alone in the last order (validateSteps): when it completes the draft, it is this step.
  const signer = step.isSigningStep ? actor : null;
  return {
    stepPatches,
    activateOrder: null,
    end: {
      status: 'approved',
      draftPatch: {
        approvedAt: now,
        signerUserId: signer?.userId ?? null,
        signerActingForId: signer?.actingForId ?? null,
        signerAuthority: signer?.prefix ?? null,
      },
      document: { status: 'approved', signer },
      instancePatch: { status: 'approved', currentOrder: null, finishedAt: now },
    },
  };
}

/** A return or a rejection by any approver ends the round: the other open steps close. */
function endOfRound(
  steps: readonly StepRow[],
  step: StepRow,
  decision: 'returned' | 'rejected',
  text: string | null,
  now: Date,
): StepEffects {
  const stepPatches: DecisionOutcome['stepPatches'] = steps
    .filter((s) => s.status === 'active' && s.id !== step.id)
    .map((s) => ({ id: s.id, patch: { status: 'closed', completedAt: now } }));
  stepPatches.push({ id: step.id, patch: { status: decision, completedAt: now } });
  return {
    stepPatches,
    activateOrder: null,
    end: {
      status: decision,
      draftPatch: decision === 'rejected' ? { rejectedReason: text } : null,
      document: { status: decision },
      // A returned instance resumes on resubmission; a rejected one is over.
      instancePatch: { status: decision, currentOrder: null, finishedAt: decision === 'rejected' ? now : null },
    },
  };
}

const AUDIT_VERB: Record<Decision, string> = { approved: 'approve', returned: 'return', rejected: 'reject' };

/**
 * One decision on a step: the step must be active in the running round (409) and the actor one of
 * its approvers or their delegate (403). An approval completes the step once its quorum is met; the
 * last step of an order opens the next order, and the last order approves the draft (the signer is
 * whoever approved the signing step). A return or a rejection by any approver ends the round and
 * closes the other open steps.
 * @throws AppError INVALID_STATE, FORBIDDEN
 */
export function decideStep<A extends ApproverRow>(state: DecisionState<A>, command: DecisionCommand): DecisionOutcome<A> {
  const { document, instance, step, steps } = state;
  const { actorId, decision, text, now } = command;
  if (instance.status !== 'running' || step.round !== instance.round || step.status !== 'active') {
    throw new AppError('INVALID_STATE', {
      message: `the step is ${step.status} and the workflow ${instance.status}`,
      details: { stepStatus: step.status, instanceStatus: instance.status },
    });
  }
  const acting = actingAs(actorId, step, state.approvers, state.authorities);
  if (acting === null) throw new AppError('FORBIDDEN', { message: 'you are not an approver of this step' });
  if (acting === 'decided') throw new AppError('INVALID_STATE', { message: 'you have already decided on this step' });

  const approverPatch: ApproverDecision = {
    decision,
    comment: text,
    decidedAt: now,
    actedBy: actorId,
    actingForId: acting.actingForId,
    authorityPrefix: acting.prefix,
    delegationId: acting.delegationId,
  };
  const stepApprovers = state.approvers.map((a) => (a.id === acting.approver.id ? { ...a, ...approverPatch } : a));
  const { stepPatches, activateOrder, end } =
    decision === 'approved'
      ? approval(state, stepApprovers, { userId: actorId, actingForId: acting.actingForId, prefix: acting.prefix }, now)
      : endOfRound(steps, step, decision, text, now);

  const own = stepPatches.find((u) => u.id === step.id);
  const updated: StepRow = own ? { ...step, ...own.patch } : step;
  const instanceStatus = end?.status ?? instance.status;
  const draftStatus = end?.status ?? document.status;
  return {
    step: updated,
    stepApprovers,
    instanceStatus,
    draftStatus,
    approver: { id: acting.approver.id, patch: approverPatch },
    stepPatches,
    activateOrder,
    draftPatch: end?.draftPatch ?? null,
    document: end?.document ?? null,
    instancePatch: end?.instancePatch ?? null,
    audit: {
      actorId,
      organizationId: document.ownerOrganizationId,
      action: `approval.step.${AUDIT_VERB[decision]}`,
      subjectType: 'document',
      subjectId: document.id,
      details: {
        stepId: step.id,
        step: step.name,
        round: instance.round,
        comment: text,
        actingForId: acting.actingForId,
        authorityPrefix: acting.prefix,
        stepStatus: updated.status,
        instanceStatus,
        draftStatus,
      },
    },
  };
}
