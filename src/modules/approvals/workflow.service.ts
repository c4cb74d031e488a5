import type { Db, DbOrTx, Tx } from '../../db/client.js';
import { countMatches, type ListTotal } from '../../db/count.js';
import type { ApproverSpec, Decision, StepSpec } from '../../db/schema/approvals.js';
import { AppError } from '../../lib/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import type { DocumentRecords } from '../documents/document-records.service.js';
import type { ApprovalsRepo, InstanceRow, StepRow } from './approvals.repo.js';
import type { DraftDto, StepActionResult, SubmitBody, WorkItemDto, WorkListQuery } from './approvals.schemas.js';
import type { DelegationsService } from './delegations.service.js';
import { iso, stepDto, type DraftViews } from './approvals.shared.js';
import { requiredApprovals } from './workflow-rules.js';
import { chooseTemplate, decideStep, planSubmission, resumeRound, roundStart, type DecisionOutcome } from './workflow-transitions.js';

/** The part of the calendar service deadlines need (src/modules/calendar/calendar.service.ts). */
export type WorkingDayCalendar = {
  /** Today's date in Vietnam. */
  today(): string;
  addWorkingDays(start: string, n: number): Promise<string>;
};

/** An approved draft as the issuance module signs it: who must sign, for whom, and the approved main file. */
export type ApprovedDraft = {
  documentId: string;
  organizationId: string;
  instanceId: string;
  draftVersion: number;
  mainFileId: string;
  /** The user who must sign (the one who approved the signing step), or null without a signing step. */
  signerUserId: string | null;
  /** The leader the signer acts for under a delegation. */
  signerActingForId: string | null;
  signerAuthority: string | null;
};

export type WorkflowServiceDeps = {
  db: Db;
  approvalsRepo: ApprovalsRepo;
  /** The draft's document record and files are written by the documents module, in this transaction. */
  documents: Pick<DocumentRecords, 'update'>;
  calendar: WorkingDayCalendar;
  audit: Pick<AuditService, 'record'>;
  views: DraftViews;
  delegations: Pick<DelegationsService, 'authoritiesOf'>;
};

/**
 * The approval workflow of a draft: submission onto a template, step decisions (approve, return,
 * reject; workflow-transitions.ts decides, this service reads and writes), the work list, and the
 * approved draft handed to issuance. Every state change runs in one transaction ending with its
 * audit event; the instance row is locked first so that concurrent decisions on one draft are serialised.
 */
export function createWorkflowService({ db, approvalsRepo: repo, documents, calendar, audit, views, delegations }: WorkflowServiceDeps) {
  const { loadVisibleDraft, draftDto } = views;

  /** The users a step's approver specs designate right now (unit head = the unit's leaders). */
  async function resolveApprovers(dbx: DbOrTx, specs: readonly ApproverSpec[]): Promise<string[]> {
    const ids: string[] = [];
    for (const spec of specs) {
      if ('userId' in spec) {
        const [u] = await repo.activeUsers(dbx, [spec.userId]);
        if (u) ids.push(u.id);
      } else if ('unitHeadOf' in spec) {
        ids.push(...(await repo.holdersOf(dbx, spec.unitHeadOf, 'leader')));
      } else {
        ids.push(...(await repo.holdersOf(dbx, spec.unitId, spec.role)));
      }
    }
    return [...new Set(ids)];
  }

  /**
   * Activates every step of `order` in the round: approvers resolved now, quorum fixed against them,
   * deadline `dueInWorkingDays` working days after today.
   * @throws AppError UNPROCESSABLE when a step has no (or too few) approvers.
   */
  async function activateOrder(tx: Tx, instance: InstanceRow, steps: readonly StepRow[], order: number): Promise<void> {
    const today = calendar.today();
    const now = new Date();
    for (const step of steps.filter((s) => s.order === order)) {
      const spec = instance.steps[step.stepIndex];
      const approverIds = await resolveApprovers(tx, spec.approvers);
      const required = requiredApprovals(spec.quorum, approverIds.length, spec.name);
      const dueDate = await calendar.addWorkingDays(today, spec.dueInWorkingDays);
      await repo.updateStep(tx, step.id, { status: 'active', required, activatedAt: now, dueDate });
      await repo.insertApprovers(
        tx,
        approverIds.map((userId) => ({ stepId: step.id, userId })),
      );
    }
    await repo.updateInstance(tx, instance.id, { currentOrder: order });
  }

  /** Creates the step rows of a round from the instance's snapshot and activates the first order. */
  async function startRound(tx: Tx, instance: InstanceRow): Promise<void> {
    const round = roundStart(instance);
    const steps = await repo.insertSteps(tx, round.steps);
    await activateOrder(tx, instance, steps, round.firstOrder);
  }

  /** Checks every step can be staffed today, so a submission does not stall on a later empty step. */
  async function checkStaffed(dbx: DbOrTx, steps: readonly StepSpec[]): Promise<void> {
    for (const s of steps) requiredApprovals(s.quorum, (await resolveApprovers(dbx, s.approvers)).length, s.name);
  }

  /**
   * One decision on a step, in one transaction: visibility (404), then the decision on the state
   * read under the instance lock (decideStep: 409, 403), then its effects and the audit event.
   */
  async function decide(p: Principal, stepId: string, decision: Decision, text: string | null): Promise<StepActionResult> {
    return db.transaction(async (tx) => {
      const found = await repo.findStep(tx, stepId);
      if (!found) throw new AppError('NOT_FOUND', { message: 'step not found' });
      const instance = await repo.findInstance(tx, found.instanceId, { forUpdate: true });
      if (!instance) throw new AppError('NOT_FOUND', { message: 'step not found' });
      const { doc, authorities } = await loadVisibleDraft(tx, p, instance.documentId).catch((err: unknown) => {
        throw err instanceof AppError && err.code === 'NOT_FOUND' ? new AppError('NOT_FOUND', { message: 'step not found' }) : err;
      });
      // Re-read under the instance lock: a concurrent decision may have completed the step.
      const step = (await repo.findStep(tx, stepId))!;
      const [steps, approvers] = await Promise.all([repo.stepsOf(tx, instance.id, instance.round), repo.approversOf(tx, [step.id])]);
      const outcome = decideStep(
        { document: doc, instance, step, steps, approvers, authorities },
        { actorId: p.id, decision, text, now: new Date() },
      );
      await applyDecision(tx, instance, steps, outcome);
      return {
        step: stepDto(outcome.step, outcome.stepApprovers),
        instanceStatus: outcome.instanceStatus,
        draftStatus: outcome.draftStatus,
      };
    });
  }

  /** Writes the effects of a decision (decideStep), its audit event last. */
  async function applyDecision(tx: Tx, instance: InstanceRow, steps: readonly StepRow[], outcome: DecisionOutcome): Promise<void> {
    const documentId = instance.documentId;
    await repo.decide(tx, outcome.approver.id, outcome.approver.patch);
    for (const { id, patch } of outcome.stepPatches) await repo.updateStep(tx, id, patch);
    if (outcome.activateOrder !== null) await activateOrder(tx, instance, steps, outcome.activateOrder);
    if (outcome.draftPatch) await repo.updateDraft(tx, documentId, outcome.draftPatch);
    if (outcome.document?.status === 'approved') {
      // The signer's name and position are printed on the document.
      const { signer } = outcome.document;
      const [signerUser] = signer ? await repo.usersByIds(tx, [signer.userId]) : [];
      await documents.update(tx, documentId, {
        status: 'approved',
        signerName: signerUser?.fullName ?? null,
        signerPosition: signerUser?.position ?? null,
        signerAuthority: signer?.prefix ?? null,
      });
    } else if (outcome.document) {
      await documents.update(tx, documentId, { status: outcome.document.status });
    }
    if (outcome.instancePatch) await repo.updateInstance(tx, instance.id, outcome.instancePatch);
    await audit.record(tx, outcome.audit);
  }

  return {
    /**
     * Submits the draft for approval: the first submission starts an instance on the newest current
     * template of the organisation and type (or `templateId`), snapshotting its steps; after a return,
     * a new version restarts the same instance (same template version) from its first step.
     * @throws AppError NOT_FOUND, FORBIDDEN (not the drafter), INVALID_STATE, UNPROCESSABLE (no template, unstaffed step)
     */
    async submit(p: Principal, id: string, body: SubmitBody): Promise<DraftDto> {
      await loadVisibleDraft(db, p, id);
      return db.transaction(async (tx) => {
        const draft = (await repo.findDraft(tx, id, { forUpdate: true }))!;
        const doc = (await repo.findDocument(tx, id))!;
        const plan = planSubmission({ actorId: p.id, status: doc.status, draft });

        let instance: InstanceRow;
        if (plan === 'start') {
          const found =
            body.templateId !== undefined
              ? await repo.findTemplate(tx, body.templateId)
              : await repo.findTemplateFor(tx, doc.ownerOrganizationId, doc.typeName);
          const template = chooseTemplate(found, doc, body.templateId !== undefined);
          await checkStaffed(tx, template.steps);
          instance = await repo.insertInstance(tx, {
            documentId: id,
            templateId: template.id,
            templateVersion: template.version,
            steps: template.steps,
            status: 'running',
            round: 1,
            draftVersion: draft.currentVersion,
            startedBy: p.id,
          });
        } else {
          // A returned draft always has an instance. Only this path locks it (after the draft row): a
          // submission refused for its state locks nothing more, so it cannot wait on a decision in progress.
          const previous = (await repo.latestInstance(tx, id, { forUpdate: true }))!;
          const patch = resumeRound(previous, draft, body.templateId);
          await checkStaffed(tx, previous.steps);
          instance = await repo.updateInstance(tx, previous.id, patch);
        }

        await startRound(tx, instance);
        const updatedDoc = await documents.update(tx, id, { status: 'in_approval' });
        await audit.record(tx, {
          actorId: p.id,
          organizationId: doc.ownerOrganizationId,
          action: 'draft.submit',
          subjectType: 'document',
          subjectId: id,
          details: {
            instanceId: instance.id,
            templateId: instance.templateId,
            templateVersion: instance.templateVersion,
            round: instance.round,
            version: draft.currentVersion,
          },
        });
        return draftDto(tx, updatedDoc, draft);
      });
    },

    /**
     * For issuance's signing rules: the approved draft's signer (who must sign, for whom, with which
     * prefix) and the main file of the approved version. Undefined unless the draft is approved.
     */
    async readyToSign(dbx: DbOrTx, documentId: string): Promise<ApprovedDraft | undefined> {
      const doc = await repo.findDocument(dbx, documentId);
      const draft = doc?.status === 'approved' ? await repo.findDraft(dbx, documentId) : undefined;
      const instance = draft ? await repo.latestInstance(dbx, documentId) : undefined;
      if (!doc || !draft || !instance || instance.status !== 'approved') return undefined;
      const version = (await repo.findVersion(dbx, documentId, instance.draftVersion))!;
      return {
        documentId,
        organizationId: doc.ownerOrganizationId,
        instanceId: instance.id,
        draftVersion: instance.draftVersion,
        mainFileId: version.mainFileId,
        signerUserId: draft.signerUserId,
        signerActingForId: draft.signerActingForId,
        signerAuthority: draft.signerAuthority,
      };
    },

    // ---- step actions -------------------------------------------------------------------------

    /** @throws AppError NOT_FOUND, FORBIDDEN, INVALID_STATE, UNPROCESSABLE (the next step cannot be staffed) */
    approve: (p: Principal, stepId: string, comment: string | null) => decide(p, stepId, 'approved', comment),
    /** Back to the drafter for revision. @throws AppError NOT_FOUND, FORBIDDEN, INVALID_STATE */
    returnForRevision: (p: Principal, stepId: string, comment: string) => decide(p, stepId, 'returned', comment),
    /** The draft is rejected for good. @throws AppError NOT_FOUND, FORBIDDEN, INVALID_STATE */
    reject: (p: Principal, stepId: string, reason: string) => decide(p, stepId, 'rejected', reason),

    /** The caller's work list: steps waiting for their decision (own or delegated), or those they decided. */
    async workList(p: Principal, q: WorkListQuery): Promise<{ items: WorkItemDto[] } & ListTotal> {
      const authorities = await delegations.authoritiesOf(db, p);
      const status = q.status ?? 'pending';
      const limit = q.limit ?? 50;
      const who = { approverIds: [p.id, ...authorities.map((a) => a.forUserId)], status, actedBy: p.id };
      const rows = await repo.workList(db, { ...who, limit: limit + 1 });
      const items: WorkItemDto[] = [];
      for (const r of rows.slice(0, limit)) {
        const delegated = r.approverUserId !== p.id;
        // A delegated step shows only when the delegation's scope covers its kind.
        if (
          status === 'pending' &&
          delegated &&
          !authorities.some((a) => a.forUserId === r.approverUserId && (r.isSigningStep ? a.sign : a.approve))
        )
          continue;
        items.push({
          stepId: r.stepId,
          stepName: r.stepName,
          stepStatus: r.stepStatus,
          draftId: r.draftId,
          subject: r.subject,
          type: r.typeName,
          dueDate: r.dueDate,
          activatedAt: iso(r.activatedAt),
          isSigningStep: r.isSigningStep,
          actingForId: delegated ? r.approverUserId : null,
          decision: r.decision,
        });
      }
      if (rows.length <= limit) return { items, total: items.length, totalIsEstimate: false };
      // Past one page the database counts. Pending steps are counted before the delegation scopes are
      // checked: with delegations, a delegated step the caller will not see may be counted (an estimate).
      const counted = await countMatches(db, repo.workListMatches(who));
      const scoped = status === 'pending' && authorities.length > 0;
      return { items, total: Math.max(counted.total, items.length), totalIsEstimate: counted.totalIsEstimate || scoped };
    },
  };
}

export type WorkflowService = ReturnType<typeof createWorkflowService>;
