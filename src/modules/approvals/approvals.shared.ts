import type { DbOrTx } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import type { Principal } from '../auth/principal.js';
import type { ApprovalsRepo, ApproverRow, DraftDocumentRow, DraftRow, FileRow, InstanceRow, StepRow } from './approvals.repo.js';
import type { ApproverDto, DraftCommentDto, DraftDto, DraftFileDto, InstanceDto, StepDto } from './approvals.schemas.js';
import type { DelegationsService } from './delegations.service.js';
import type { Authority } from './workflow-rules.js';

/**
 * What the approvals services share: who sees a draft (the documents policy, its drafter, the
 * approvers of its workflow and their delegates) and how a draft, its workflow and dates are shown.
 */

export const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

function fileDto(f: FileRow): DraftFileDto {
  return { id: f.id, name: f.name, contentType: f.contentType, size: f.size, sha256: f.sha256, kind: f.kind };
}

/** A step of a round with its approvers (as approversOf reads them, with their names). */
export function stepDto(s: StepRow, approvers: (ApproverRow & { fullName: string })[]): StepDto {
  return {
    id: s.id,
    round: s.round,
    order: s.order,
    name: s.name,
    status: s.status,
    required: s.required,
    isSigningStep: s.isSigningStep,
    activatedAt: iso(s.activatedAt),
    dueDate: s.dueDate,
    completedAt: iso(s.completedAt),
    approvers: approvers
      .filter((a) => a.stepId === s.id)
      .map((a): ApproverDto => ({
        userId: a.userId,
        fullName: a.fullName,
        decision: a.decision,
        comment: a.comment,
        decidedAt: iso(a.decidedAt),
        actedBy: a.actedBy,
        actingForId: a.actingForId,
        authorityPrefix: a.authorityPrefix,
      })),
  };
}

export type DraftViewsDeps = {
  approvalsRepo: ApprovalsRepo;
  delegations: Pick<DelegationsService, 'authoritiesOf'>;
};

/** Visibility and DTOs of drafts, for the drafts and workflow services (built once by approvals.module.ts). */
export function createDraftViews({ approvalsRepo: repo, delegations }: DraftViewsDeps) {
  async function actsForOf(dbx: DbOrTx, p: Principal): Promise<{ authorities: Authority[]; actsFor: string[] }> {
    const authorities = await delegations.authoritiesOf(dbx, p);
    return { authorities, actsFor: [p.id, ...new Set(authorities.map((a) => a.forUserId))] };
  }

  /** @throws AppError NOT_FOUND when the draft does not exist or `p` may not see it. */
  async function loadVisibleDraft(
    dbx: DbOrTx,
    p: Principal,
    id: string,
  ): Promise<{ doc: DraftDocumentRow; draft: DraftRow; authorities: Authority[] }> {
    const { authorities, actsFor } = await actsForOf(dbx, p);
    const doc = await repo.findVisibleDraft(dbx, p, actsFor, id);
    const draft = doc ? await repo.findDraft(dbx, id) : undefined;
    if (!doc || !draft) throw new AppError('NOT_FOUND', { message: 'draft not found' });
    return { doc, draft, authorities };
  }

  async function draftDto(dbx: DbOrTx, doc: DraftDocumentRow, draft: DraftRow): Promise<DraftDto> {
    const [versions, files, instance] = await Promise.all([
      repo.versionsOf(dbx, doc.id),
      repo.filesOf(dbx, doc.id),
      repo.latestInstance(dbx, doc.id),
    ]);
    const comments = await repo.commentsOf(
      dbx,
      versions.map((v) => v.id),
    );
    const byId = new Map(files.map((f) => [f.id, f]));
    const versionOf = new Map(versions.map((v) => [v.id, v.version]));
    const commentDtos: DraftCommentDto[] = comments.map((c) => ({
      id: c.id,
      version: versionOf.get(c.versionId) ?? 0,
      authorId: c.authorId,
      text: c.text,
      page: c.page,
      createdAt: c.createdAt.toISOString(),
    }));
    return {
      id: doc.id,
      organizationId: doc.ownerOrganizationId,
      draftingUnitId: draft.draftingUnitId,
      drafterId: draft.drafterId,
      type: doc.typeName,
      subject: doc.subject,
      urgency: doc.urgency,
      confidentiality: doc.confidentiality,
      status: doc.status,
      currentVersion: draft.currentVersion,
      approvedAt: iso(draft.approvedAt),
      signerUserId: draft.signerUserId,
      signerActingForId: draft.signerActingForId,
      signerAuthority: draft.signerAuthority,
      rejectedReason: draft.rejectedReason,
      createdAt: doc.createdAt.toISOString(),
      versions: versions.map((v) => ({
        version: v.version,
        authorId: v.authorId,
        note: v.note,
        createdAt: v.createdAt.toISOString(),
        mainFile: fileDto(byId.get(v.mainFileId)!),
        attachments: v.attachmentFileIds
          .map((fid) => byId.get(fid))
          .filter((f): f is FileRow => f !== undefined)
          .map(fileDto),
        comments: commentDtos.filter((c) => c.version === v.version),
      })),
      workflow: instance ? await instanceDto(dbx, instance) : null,
    };
  }

  async function instanceDto(dbx: DbOrTx, instance: InstanceRow): Promise<InstanceDto> {
    const steps = await repo.stepsOf(dbx, instance.id, instance.round);
    const approvers = await repo.approversOf(
      dbx,
      steps.map((s) => s.id),
    );
    return {
      id: instance.id,
      templateId: instance.templateId,
      templateVersion: instance.templateVersion,
      status: instance.status,
      round: instance.round,
      draftVersion: instance.draftVersion,
      currentOrder: instance.currentOrder,
      startedAt: instance.startedAt.toISOString(),
      finishedAt: iso(instance.finishedAt),
      steps: steps.map((s) => stepDto(s, approvers)),
    };
  }

  return { loadVisibleDraft, draftDto };
}

export type DraftViews = ReturnType<typeof createDraftViews>;
