import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Db, DbOrTx, Tx } from '../../db/client.js';
import type { ApproverSpec, Decision, StepSpec } from '../../db/schema/approvals.js';
import { AppError } from '../../lib/errors.js';
import { foldVietnamese } from '../../lib/text.js';
import type { ObjectStorage } from '../../storage/object-storage.js';
import type { AuditService } from '../audit/audit.service.js';
import { hasRoleAnywhere, hasRoleOver, isWithin, type Principal } from '../auth/principal.js';
import { canonicalDocumentType } from '../documents/document-types.js';
import { parseJsonField, type UploadPart } from '../../lib/multipart.js';
import { receiveMetadataUpload, receiveUpload, type StoredFile } from '../documents/upload.js';
import type { ApprovalsRepo, ApproverRow, DelegationRow, DraftDocumentRow, DraftRow, FileRow, InstanceRow, StepRow, TemplateRow } from './approvals.repo.js';
import {
  DraftMetadata,
  VersionMetadata,
  type ApproverDto,
  type CommentBody,
  type CreateDelegationBody,
  type CreateTemplateBody,
  type DelegationDto,
  type DelegationListDto,
  type DraftCommentDto,
  type DraftDto,
  type DraftFileDto,
  type InstanceDto,
  type ListTemplatesQuery,
  type StepActionResult,
  type StepDto,
  type StepSpecBody,
  type SubmitBody,
  type TemplateDto,
  type UpdateTemplateBody,
  type WorkItemDto,
  type WorkListQuery,
} from './approvals.schemas.js';
import { requiredApprovals, resolveAuthorities, validateSteps, type Authority } from './workflow-rules.js';
import { chooseTemplate, decideStep, planSubmission, roundStart, type DecisionOutcome } from './workflow-transitions.js';

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

export type ApprovalsServiceDeps = {
  db: Db;
  approvalsRepo: ApprovalsRepo;
  storage: Pick<ObjectStorage, 'putStream' | 'deleteMany' | 'getStream'>;
  uploads: { maxFileBytes: number };
  calendar: WorkingDayCalendar;
  audit: Pick<AuditService, 'record'>;
};

const DRAFTER_ROLES = ['specialist', 'leader', 'clerk'] as const;

/** Who may see an organisation's approval templates: its managers and the people working in it. */
const mayReadTemplatesOf = (p: Principal, org: { path: string }): boolean =>
  hasRoleOver(p, 'admin', org.path) || hasRoleOver(p, 'leader', org.path) || isWithin(p.organizationPath, org.path) || p.grants.some((g) => isWithin(g.organizationPath, org.path));

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

function fileDto(f: FileRow): DraftFileDto {
  return { id: f.id, name: f.name, contentType: f.contentType, size: f.size, sha256: f.sha256, kind: f.kind };
}

function normaliseSteps(steps: readonly StepSpecBody[]): StepSpec[] {
  const counts = new Map<number, number>();
  for (const s of steps) counts.set(s.order, (counts.get(s.order) ?? 0) + 1);
  return [...steps]
    .sort((a, b) => a.order - b.order)
    .map((s) => ({
      order: s.order,
      name: s.name.trim(),
      approvers: s.approvers as ApproverSpec[],
      quorum: s.quorum,
      // Steps sharing an order run together whatever the flag says (consultation).
      parallel: s.parallel ?? (counts.get(s.order) ?? 0) > 1,
      dueInWorkingDays: s.dueInWorkingDays,
      isSigningStep: s.isSigningStep ?? false,
    }));
}

function templateDto(t: TemplateRow): TemplateDto {
  return {
    id: t.id,
    familyId: t.familyId,
    version: t.version,
    current: t.current,
    organizationId: t.organizationId,
    typeName: t.typeName,
    name: t.name,
    steps: t.steps,
    createdBy: t.createdBy,
    createdAt: t.createdAt.toISOString(),
  };
}

function delegationDto(r: DelegationRow): DelegationDto {
  return {
    id: r.id,
    delegatorId: r.delegatorId,
    delegateId: r.delegateId,
    scope: r.scope,
    from: r.validFrom,
    to: r.validTo,
    authorityPrefix: r.authorityPrefix,
    note: r.note,
    parentDelegationId: r.parentDelegationId,
    revokedAt: iso(r.revokedAt),
    createdAt: r.createdAt.toISOString(),
  };
}

function stepDto(s: StepRow, approvers: (ApproverRow & { fullName: string })[]): StepDto {
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
      .map(
        (a): ApproverDto => ({
          userId: a.userId,
          fullName: a.fullName,
          decision: a.decision,
          comment: a.comment,
          decidedAt: iso(a.decidedAt),
          actedBy: a.actedBy,
          actingForId: a.actingForId,
          authorityPrefix: a.authorityPrefix,
        }),
      ),
  };
}

/**
 * Outgoing drafts (versions, comments), approval workflow templates and instances, and delegation
 * (ủy quyền). Every state change runs in one transaction ending with its audit event; the
 * instance row is locked first so that concurrent decisions on one draft are serialised.
 */
export function createApprovalsService({ db, approvalsRepo: repo, storage, uploads, calendar, audit }: ApprovalsServiceDeps) {
  // ---- delegation authority -----------------------------------------------------------------

  /** The authorities `p` holds today from delegations (see resolveAuthorities). */
  async function authoritiesOf(dbx: DbOrTx, p: Principal): Promise<Authority[]> {
    const today = calendar.today();
    const received = await repo.validDelegationsTo(dbx, p.id, today);
    if (received.length === 0) return [];
    return resolveAuthorities(received, async (id) => {
      const parent = await repo.findDelegation(dbx, id);
      const valid = parent && parent.revokedAt === null && parent.validFrom <= today && parent.validTo >= today;
      return valid ? parent : undefined;
    });
  }

  async function actsForOf(dbx: DbOrTx, p: Principal): Promise<{ authorities: Authority[]; actsFor: string[] }> {
    const authorities = await authoritiesOf(dbx, p);
    return { authorities, actsFor: [p.id, ...new Set(authorities.map((a) => a.forUserId))] };
  }

  /** @throws AppError NOT_FOUND when the draft does not exist or `p` may not see it. */
  async function loadVisibleDraft(dbx: DbOrTx, p: Principal, id: string): Promise<{ doc: DraftDocumentRow; draft: DraftRow; authorities: Authority[] }> {
    const { authorities, actsFor } = await actsForOf(dbx, p);
    const doc = await repo.findVisibleDraft(dbx, p, actsFor, id);
    const draft = doc ? await repo.findDraft(dbx, id) : undefined;
    if (!doc || !draft) throw new AppError('NOT_FOUND', { message: 'draft not found' });
    return { doc, draft, authorities };
  }

  // ---- drafts ---------------------------------------------------------------------------------

  /** The owner organisation of a new draft and the caller's drafting unit in it. */
  async function prepareDraft(p: Principal, m: DraftMetadata): Promise<{ typeName: string; owner: { id: string; path: string }; draftingUnitId: string }> {
    const typeName = canonicalDocumentType(m.type);
    const owner = await repo.findOrganization(db, m.organizationId ?? p.organizationId);
    if (!owner || owner.validTo !== null) throw new AppError('VALIDATION_FAILED', { message: 'the organization does not exist or is no longer current' });
    const grant = p.grants.find((g) => (DRAFTER_ROLES as readonly string[]).includes(g.role) && isWithin(g.organizationPath, owner.path));
    if (!grant) throw new AppError('FORBIDDEN', { message: 'only a specialist, leader or clerk of the organization (or one of its units) may draft its documents' });
    // The drafting unit is where the caller works, when that is inside the organisation; else the grant's unit.
    const draftingUnitId = isWithin(p.organizationPath, owner.path) ? p.organizationId : grant.organizationId;
    return { typeName, owner, draftingUnitId };
  }

  function splitFiles(files: readonly StoredFile[]): { main: StoredFile; attachments: StoredFile[] } {
    if (files.length === 0) throw new AppError('VALIDATION_FAILED', { message: 'a main file (PDF) is required' });
    const [main, ...attachments] = files;
    if (main.contentType !== 'application/pdf') {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', { message: 'the main file of a draft must be a PDF (attachments follow it)', details: { fileName: main.name, contentType: main.contentType } });
    }
    return { main, attachments };
  }

  function fileRows(files: readonly StoredFile[], documentId: string, authorId: string, version: number, kind: 'main' | 'attachment') {
    return files.map((f) => ({
      id: randomUUID(),
      documentId,
      name: f.name,
      contentType: f.contentType,
      size: f.size,
      sha256: f.sha256,
      storageKey: f.storageKey,
      kind,
      version,
      createdBy: authorId,
    }));
  }

  async function draftDto(dbx: DbOrTx, doc: DraftDocumentRow, draft: DraftRow): Promise<DraftDto> {
    const [versions, files, instance] = await Promise.all([repo.versionsOf(dbx, doc.id), repo.filesOf(dbx, doc.id), repo.latestInstance(dbx, doc.id)]);
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
        attachments: v.attachmentFileIds.map((fid) => byId.get(fid)).filter((f): f is FileRow => f !== undefined).map(fileDto),
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

  // ---- workflow engine ------------------------------------------------------------------------

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
      const outcome = decideStep({ document: doc, instance, step, steps, approvers, authorities }, { actorId: p.id, decision, text, now: new Date() });
      await applyDecision(tx, instance, steps, outcome);
      return { step: stepDto(outcome.step, outcome.stepApprovers), instanceStatus: outcome.instanceStatus, draftStatus: outcome.draftStatus };
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
      await repo.updateDocument(tx, documentId, { status: 'approved', signerName: signerUser?.fullName ?? null, signerPosition: signerUser?.position ?? null, signerAuthority: signer?.prefix ?? null });
    } else if (outcome.document) {
      await repo.updateDocument(tx, documentId, { status: outcome.document.status });
    }
    if (outcome.instancePatch) await repo.updateInstance(tx, instance.id, outcome.instancePatch);
    await audit.record(tx, outcome.audit);
  }

  // ---- templates ------------------------------------------------------------------------------

  function assertManages(p: Principal, org: { path: string }): void {
    if (!hasRoleOver(p, 'admin', org.path) && !hasRoleOver(p, 'leader', org.path)) {
      throw new AppError('FORBIDDEN', { message: 'only administrators or leaders of the organization manage its approval templates' });
    }
  }

  /** Every user and unit a template names must exist (an unknown id is a typo, not an empty step). */
  async function checkReferences(dbx: DbOrTx, steps: readonly StepSpec[]): Promise<void> {
    const userIds = new Set<string>();
    const unitIds = new Set<string>();
    for (const s of steps) {
      for (const a of s.approvers) {
        if ('userId' in a) userIds.add(a.userId);
        else if ('unitHeadOf' in a) unitIds.add(a.unitHeadOf);
        else unitIds.add(a.unitId);
      }
    }
    const foundUsers = new Set((await repo.usersByIds(dbx, [...userIds])).map((u) => u.id));
    const missingUsers = [...userIds].filter((id) => !foundUsers.has(id));
    const foundUnits = await repo.existingOrganizationIds(dbx, [...unitIds]);
    const missingUnits = [...unitIds].filter((id) => !foundUnits.has(id));
    if (missingUsers.length > 0 || missingUnits.length > 0) {
      throw new AppError('VALIDATION_FAILED', { message: 'a step names a user or unit that does not exist', details: { missingUsers, missingUnits } });
    }
  }

  return {
    // ---- drafts -------------------------------------------------------------------------------

    /**
     * Creates an outgoing draft from a multipart upload: `metadata` JSON and the files (the first,
     * a PDF, is the main file; the others are attachments) as version 1.
     * @throws AppError VALIDATION_FAILED, FORBIDDEN, UNSUPPORTED_MEDIA_TYPE, PAYLOAD_TOO_LARGE, SERVICE_UNAVAILABLE
     */
    async createDraft(p: Principal, parts: AsyncIterable<UploadPart>): Promise<DraftDto> {
      const received = await receiveMetadataUpload(parts, {
        storage,
        maxFileBytes: uploads.maxFileBytes,
        parse: (value) => parseJsonField(DraftMetadata, value, 'metadata'),
        prepare: (m) => prepareDraft(p, m),
      });
      try {
        const { main, attachments } = splitFiles(received.files);
        const m = received.metadata;
        const { typeName, owner, draftingUnitId } = received.prepared;
        const id = randomUUID();
        return await db.transaction(async (tx) => {
          const doc = await repo.insertDocument(tx, {
            id,
            direction: 'outgoing',
            ownerOrganizationId: owner.id,
            issuerOrganizationId: owner.id,
            typeName,
            subject: m.subject,
            urgency: m.urgency ?? 'normal',
            confidentiality: m.confidentiality ?? 'normal',
            status: 'draft',
            searchText: foldVietnamese(m.subject),
            createdBy: p.id,
          });
          const [mainRow] = await repo.insertFiles(tx, fileRows([main], id, p.id, 1, 'main'));
          const attachmentRows = await repo.insertFiles(tx, fileRows(attachments, id, p.id, 1, 'attachment'));
          const draft = await repo.insertDraft(tx, { documentId: id, draftingUnitId, drafterId: p.id, currentVersion: 1 });
          await repo.insertVersion(tx, { documentId: id, version: 1, mainFileId: mainRow.id, attachmentFileIds: attachmentRows.map((f) => f.id), note: m.note ?? null, authorId: p.id });
          await audit.record(tx, {
            actorId: p.id,
            organizationId: owner.id,
            action: 'draft.create',
            subjectType: 'document',
            subjectId: id,
            details: { type: typeName, version: 1, files: [mainRow, ...attachmentRows].map((f) => ({ id: f.id, name: f.name, sha256: f.sha256 })) },
          });
          return draftDto(tx, doc, draft);
        });
      } catch (err) {
        await received.discard();
        throw err;
      }
    },

    /**
     * Adds a version (a new main PDF and its attachments) while the draft is with its drafter
     * (draft or returned).
     * @throws AppError NOT_FOUND, FORBIDDEN (not the drafter), INVALID_STATE, VALIDATION_FAILED, UNSUPPORTED_MEDIA_TYPE, PAYLOAD_TOO_LARGE
     */
    async addVersion(p: Principal, id: string, parts: AsyncIterable<UploadPart>): Promise<DraftDto> {
      const { doc, draft } = await loadVisibleDraft(db, p, id);
      const assertEditable = (d: DraftDocumentRow, dr: DraftRow): void => {
        if (dr.drafterId !== p.id) throw new AppError('FORBIDDEN', { message: 'only the drafter adds versions' });
        if (d.status !== 'draft' && d.status !== 'returned') throw new AppError('INVALID_STATE', { message: `a ${d.status} draft cannot get a new version`, details: { status: d.status } });
      };
      assertEditable(doc, draft);

      let metadata: VersionMetadata = {};
      const received = await receiveUpload(parts, {
        storage,
        maxFileBytes: uploads.maxFileBytes,
        onField: (name, value) => {
          if (name === 'metadata') metadata = parseJsonField(VersionMetadata, value, 'metadata');
        },
      });
      try {
        const { main, attachments } = splitFiles(received.files);
        return await db.transaction(async (tx) => {
          const locked = (await repo.findDraft(tx, id, { forUpdate: true }))!;
          const current = (await repo.findDocument(tx, id))!;
          assertEditable(current, locked);
          const version = locked.currentVersion + 1;
          const [mainRow] = await repo.insertFiles(tx, fileRows([main], id, p.id, version, 'main'));
          const attachmentRows = await repo.insertFiles(tx, fileRows(attachments, id, p.id, version, 'attachment'));
          await repo.insertVersion(tx, { documentId: id, version, mainFileId: mainRow.id, attachmentFileIds: attachmentRows.map((f) => f.id), note: metadata.note ?? null, authorId: p.id });
          const updated = await repo.updateDraft(tx, id, { currentVersion: version });
          const touched = await repo.updateDocument(tx, id, {});
          await audit.record(tx, {
            actorId: p.id,
            organizationId: current.ownerOrganizationId,
            action: 'draft.version.add',
            subjectType: 'document',
            subjectId: id,
            details: { version, files: [mainRow, ...attachmentRows].map((f) => ({ id: f.id, name: f.name, sha256: f.sha256 })) },
          });
          return draftDto(tx, touched, updated);
        });
      } catch (err) {
        await received.discard();
        throw err;
      }
    },

    /** The draft with its versions, comments and current workflow round. @throws AppError NOT_FOUND */
    async getDraft(p: Principal, id: string): Promise<DraftDto> {
      const { doc, draft } = await loadVisibleDraft(db, p, id);
      return draftDto(db, doc, draft);
    },

    /** A comment on version `n` by anyone who sees the draft. @throws AppError NOT_FOUND */
    async addComment(p: Principal, id: string, n: number, body: CommentBody): Promise<DraftCommentDto> {
      const { doc } = await loadVisibleDraft(db, p, id);
      const version = await repo.findVersion(db, id, n);
      if (!version) throw new AppError('NOT_FOUND', { message: `version ${n} not found` });
      return db.transaction(async (tx) => {
        const c = await repo.insertComment(tx, { versionId: version.id, authorId: p.id, text: body.text, page: body.page ?? null });
        await audit.record(tx, { actorId: p.id, organizationId: doc.ownerOrganizationId, action: 'draft.comment', subjectType: 'document', subjectId: id, details: { version: n, commentId: c.id, page: c.page } });
        return { id: c.id, version: n, authorId: c.authorId, text: c.text, page: c.page, createdAt: c.createdAt.toISOString() };
      });
    },

    /** The bytes of a file of the draft (any version). @throws AppError NOT_FOUND */
    async fileContent(p: Principal, id: string, fileId: string): Promise<{ file: FileRow; stream: Readable }> {
      await loadVisibleDraft(db, p, id);
      const file = await repo.findFile(db, id, fileId);
      if (!file) throw new AppError('NOT_FOUND', { message: 'file not found' });
      return { file, stream: await storage.getStream(file.storageKey) };
    },

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
        const previous = await repo.latestInstance(tx, id, { forUpdate: true });
        const plan = planSubmission({ actorId: p.id, status: doc.status, draft, previous, templateId: body.templateId });

        let instance: InstanceRow;
        if (plan.kind === 'start') {
          const found = body.templateId !== undefined ? await repo.findTemplate(tx, body.templateId) : await repo.findTemplateFor(tx, doc.ownerOrganizationId, doc.typeName);
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
          await checkStaffed(tx, plan.instance.steps);
          instance = await repo.updateInstance(tx, plan.instance.id, plan.patch);
        }

        await startRound(tx, instance);
        const updatedDoc = await repo.updateDocument(tx, id, { status: 'in_approval' });
        await audit.record(tx, {
          actorId: p.id,
          organizationId: doc.ownerOrganizationId,
          action: 'draft.submit',
          subjectType: 'document',
          subjectId: id,
          details: { instanceId: instance.id, templateId: instance.templateId, templateVersion: instance.templateVersion, round: instance.round, version: draft.currentVersion },
        });
        return draftDto(tx, updatedDoc, draft);
      });
    },

    /**
     * For the signing service: the approved draft's signer (who must sign, for whom, with which
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
    async workList(p: Principal, q: WorkListQuery): Promise<{ items: WorkItemDto[] }> {
      const authorities = await authoritiesOf(db, p);
      const status = q.status ?? 'pending';
      const rows = await repo.workList(db, { approverIds: [p.id, ...authorities.map((a) => a.forUserId)], status, actedBy: p.id, limit: q.limit ?? 50 });
      const items: WorkItemDto[] = [];
      for (const r of rows) {
        const delegated = r.approverUserId !== p.id;
        // A delegated step shows only when the delegation's scope covers its kind.
        if (status === 'pending' && delegated && !authorities.some((a) => a.forUserId === r.approverUserId && (r.isSigningStep ? a.sign : a.approve))) continue;
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
      return { items };
    },

    // ---- templates ----------------------------------------------------------------------------

    /** @throws AppError VALIDATION_FAILED, FORBIDDEN */
    async createTemplate(p: Principal, body: CreateTemplateBody): Promise<TemplateDto> {
      const org = await repo.findOrganization(db, body.organizationId);
      if (!org || org.validTo !== null) throw new AppError('VALIDATION_FAILED', { message: 'the organization does not exist or is no longer current' });
      assertManages(p, org);
      const typeName = body.typeName == null ? null : canonicalDocumentType(body.typeName);
      const steps = normaliseSteps(body.steps);
      validateSteps(steps);
      await checkReferences(db, steps);
      return db.transaction(async (tx) => {
        const id = randomUUID();
        const row = await repo.insertTemplate(tx, { id, familyId: id, version: 1, current: true, organizationId: org.id, typeName, name: body.name.trim(), steps, createdBy: p.id });
        await audit.record(tx, { actorId: p.id, organizationId: org.id, action: 'approval.template.create', subjectType: 'approval_template', subjectId: id, details: { typeName, name: row.name, steps: steps.length } });
        return templateDto(row);
      });
    },

    /**
     * Edits a template by adding a new version (the old one stays, unchanged, for the instances running on it).
     * @throws AppError NOT_FOUND, FORBIDDEN, INVALID_STATE (not the current version), VALIDATION_FAILED
     */
    async updateTemplate(p: Principal, id: string, body: UpdateTemplateBody): Promise<TemplateDto> {
      const steps = normaliseSteps(body.steps);
      validateSteps(steps);
      await checkReferences(db, steps);
      return db.transaction(async (tx) => {
        const old = await repo.findTemplate(tx, id, { forUpdate: true });
        const org = old ? await repo.findOrganization(tx, old.organizationId) : undefined;
        // Whoever may not read the template gets the same 404 as GET gives them: a 403 would reveal it exists.
        if (!old || !org || !mayReadTemplatesOf(p, org)) throw new AppError('NOT_FOUND', { message: 'template not found' });
        assertManages(p, org);
        if (!old.current) throw new AppError('INVALID_STATE', { message: 'only the current version of a template can be edited' });
        await repo.supersede(tx, old.id);
        const row = await repo.insertTemplate(tx, {
          id: randomUUID(),
          familyId: old.familyId,
          version: old.version + 1,
          current: true,
          organizationId: old.organizationId,
          typeName: old.typeName,
          name: body.name?.trim() ?? old.name,
          steps,
          createdBy: p.id,
        });
        await audit.record(tx, { actorId: p.id, organizationId: old.organizationId, action: 'approval.template.update', subjectType: 'approval_template', subjectId: row.id, details: { familyId: old.familyId, previousId: old.id, version: row.version } });
        return templateDto(row);
      });
    },

    /** Templates of an organisation, for its managers and the people working in it. @throws AppError NOT_FOUND */
    async listTemplates(p: Principal, q: ListTemplatesQuery): Promise<{ items: TemplateDto[] }> {
      const org = await repo.findOrganization(db, q.organizationId);
      if (!org || !mayReadTemplatesOf(p, org)) throw new AppError('NOT_FOUND', { message: 'organization not found' });
      const typeName = q.typeName === undefined ? undefined : canonicalDocumentType(q.typeName);
      const rows = await repo.listTemplates(db, { organizationId: org.id, typeName, all: q.all ?? false });
      return { items: rows.map(templateDto) };
    },

    /** @throws AppError NOT_FOUND */
    async getTemplate(p: Principal, id: string): Promise<TemplateDto> {
      const row = await repo.findTemplate(db, id);
      const org = row ? await repo.findOrganization(db, row.organizationId) : undefined;
      if (!row || !org || !mayReadTemplatesOf(p, org)) throw new AppError('NOT_FOUND', { message: 'template not found' });
      return templateDto(row);
    },

    // ---- delegations --------------------------------------------------------------------------

    /**
     * A leader delegates approving and/or signing for a period; or a delegate passes on a delegation
     * they received (`parentDelegationId`, within its scope and period, never a TUQ. one).
     * @throws AppError FORBIDDEN, VALIDATION_FAILED, UNPROCESSABLE (re-delegating a TUQ.), NOT_FOUND (parent)
     */
    async createDelegation(p: Principal, body: CreateDelegationBody): Promise<DelegationDto> {
      if (body.from > body.to) throw new AppError('VALIDATION_FAILED', { message: 'from must not be after to' });
      if (body.delegateUserId === p.id) throw new AppError('VALIDATION_FAILED', { message: 'a delegation goes to another user' });
      const [delegate] = await repo.activeUsers(db, [body.delegateUserId]);
      if (!delegate) throw new AppError('VALIDATION_FAILED', { message: 'the delegate does not exist or is inactive' });
      if (body.to < calendar.today()) throw new AppError('VALIDATION_FAILED', { message: 'the period is already over' });

      if (body.parentDelegationId !== undefined) {
        const parent = await repo.findDelegation(db, body.parentDelegationId);
        if (!parent || parent.delegateId !== p.id) throw new AppError('NOT_FOUND', { message: 'delegation not found' });
        if (parent.authorityPrefix === 'TUQ.') throw new AppError('UNPROCESSABLE', { message: 'a TUQ. (authorisation) delegation cannot be delegated further' });
        if (parent.revokedAt !== null) throw new AppError('INVALID_STATE', { message: 'the delegation was revoked' });
        if (body.from < parent.validFrom || body.to > parent.validTo) throw new AppError('VALIDATION_FAILED', { message: 'the period must lie within the delegation received' });
        if (parent.scope !== 'both' && body.scope !== parent.scope) throw new AppError('VALIDATION_FAILED', { message: `the scope must lie within the delegation received (${parent.scope})` });
      } else if (!hasRoleAnywhere(p, 'leader')) {
        throw new AppError('FORBIDDEN', { message: 'only a leader delegates' });
      }

      return db.transaction(async (tx) => {
        const row = await repo.insertDelegation(tx, {
          delegatorId: p.id,
          delegateId: body.delegateUserId,
          scope: body.scope,
          validFrom: body.from,
          validTo: body.to,
          authorityPrefix: body.authorityPrefix,
          note: body.note ?? null,
          parentDelegationId: body.parentDelegationId ?? null,
        });
        await audit.record(tx, {
          actorId: p.id,
          organizationId: p.organizationId,
          action: 'delegation.create',
          subjectType: 'delegation',
          subjectId: row.id,
          details: { delegateId: row.delegateId, scope: row.scope, from: row.validFrom, to: row.validTo, authorityPrefix: row.authorityPrefix, parentDelegationId: row.parentDelegationId },
        });
        return delegationDto(row);
      });
    },

    /** Delegations the caller gave and received (revoked and expired ones included). */
    async listDelegations(p: Principal): Promise<DelegationListDto> {
      const [given, received] = await Promise.all([repo.delegationsGivenBy(db, p.id), repo.delegationsReceivedBy(db, p.id)]);
      return { given: given.map(delegationDto), received: received.map(delegationDto) };
    },

    /** Revokes a delegation the caller gave. @throws AppError NOT_FOUND, FORBIDDEN (the delegate), INVALID_STATE (already revoked) */
    async revokeDelegation(p: Principal, id: string): Promise<DelegationDto> {
      return db.transaction(async (tx) => {
        const row = await repo.findDelegation(tx, id, { forUpdate: true });
        if (!row || (row.delegatorId !== p.id && row.delegateId !== p.id)) throw new AppError('NOT_FOUND', { message: 'delegation not found' });
        if (row.delegatorId !== p.id) throw new AppError('FORBIDDEN', { message: 'only the delegator revokes a delegation' });
        if (row.revokedAt !== null) throw new AppError('INVALID_STATE', { message: 'the delegation is already revoked' });
        const revoked = await repo.revokeDelegation(tx, id, p.id);
        await audit.record(tx, { actorId: p.id, organizationId: p.organizationId, action: 'delegation.revoke', subjectType: 'delegation', subjectId: id, details: { delegateId: row.delegateId } });
        return delegationDto(revoked);
      });
    },
  };
}

export type ApprovalsService = ReturnType<typeof createApprovalsService>;
