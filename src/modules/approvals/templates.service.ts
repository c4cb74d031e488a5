import { randomUUID } from 'node:crypto';
import type { Db, DbOrTx } from '../../db/client.js';
import type { ApproverSpec, StepSpec } from '../../db/schema/approvals.js';
import { AppError } from '../../lib/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import { hasRoleOver, isWithin, type Principal } from '../auth/principal.js';
import { canonicalDocumentType } from '../documents/document-types.js';
import type { ApprovalsRepo, TemplateRow } from './approvals.repo.js';
import type { CreateTemplateBody, ListTemplatesQuery, StepSpecBody, TemplateDto, UpdateTemplateBody } from './approvals.schemas.js';
import { validateSteps } from './workflow-rules.js';

export type TemplatesServiceDeps = {
  db: Db;
  approvalsRepo: ApprovalsRepo;
  audit: Pick<AuditService, 'record'>;
};

/** Who may see an organisation's approval templates: its managers and the people working in it. */
const mayReadTemplatesOf = (p: Principal, org: { path: string }): boolean =>
  hasRoleOver(p, 'admin', org.path) ||
  hasRoleOver(p, 'leader', org.path) ||
  isWithin(p.organizationPath, org.path) ||
  p.grants.some((g) => isWithin(g.organizationPath, org.path));

/** The steps as a template stores them: by order, names trimmed, steps sharing an order parallel. */
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

/**
 * Approval workflow templates of an organisation: versioned (an edit adds a version; running
 * instances keep the snapshot they started on), managed by its administrators and leaders.
 */
export function createTemplatesService({ db, approvalsRepo: repo, audit }: TemplatesServiceDeps) {
  function assertManages(p: Principal, org: { path: string }): void {
    if (!hasRoleOver(p, 'admin', org.path) && !hasRoleOver(p, 'leader', org.path)) {
      throw new AppError('FORBIDDEN', { message: 'only administrators or leaders of the organization manage its approval templates' });
    }
  }

  /**
   * Every user and unit a template names must be one the template's organisation may name (an
   * active member, a current unit of its subtree: auth/reach.ts): an unknown id is a typo, not an
   * empty step, and a commune's template cannot put the province's Chairman on its steps.
   */
  async function checkReferences(dbx: DbOrTx, steps: readonly StepSpec[], orgPath: string): Promise<void> {
    const userIds = new Set<string>();
    const unitIds = new Set<string>();
    for (const s of steps) {
      for (const a of s.approvers) {
        if ('userId' in a) userIds.add(a.userId);
        else if ('unitHeadOf' in a) unitIds.add(a.unitHeadOf);
        else unitIds.add(a.unitId);
      }
    }
    const found = await repo.nameableInTemplate(dbx, orgPath, { userIds: [...userIds], unitIds: [...unitIds] });
    const missingUsers = [...userIds].filter((id) => !found.users.has(id));
    const missingUnits = [...unitIds].filter((id) => !found.units.has(id));
    if (missingUsers.length > 0 || missingUnits.length > 0) {
      throw new AppError('VALIDATION_FAILED', {
        message: 'a step names a user or unit that does not exist or is not an active member or current unit of the organization',
        details: { missingUsers, missingUnits },
      });
    }
  }

  return {
    /** @throws AppError VALIDATION_FAILED, FORBIDDEN */
    async createTemplate(p: Principal, body: CreateTemplateBody): Promise<TemplateDto> {
      const org = await repo.findOrganization(db, body.organizationId);
      if (!org || org.validTo !== null)
        throw new AppError('VALIDATION_FAILED', { message: 'the organization does not exist or is no longer current' });
      assertManages(p, org);
      const typeName = body.typeName == null ? null : canonicalDocumentType(body.typeName);
      const steps = normaliseSteps(body.steps);
      validateSteps(steps);
      await checkReferences(db, steps, org.path);
      return db.transaction(async (tx) => {
        const id = randomUUID();
        const row = await repo.insertTemplate(tx, {
          id,
          familyId: id,
          version: 1,
          current: true,
          organizationId: org.id,
          typeName,
          name: body.name.trim(),
          steps,
          createdBy: p.id,
        });
        await audit.record(tx, {
          actorId: p.id,
          organizationId: org.id,
          action: 'approval.template.create',
          subjectType: 'approval_template',
          subjectId: id,
          details: { typeName, name: row.name, steps: steps.length },
        });
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
      return db.transaction(async (tx) => {
        const old = await repo.findTemplate(tx, id, { forUpdate: true });
        const org = old ? await repo.findOrganization(tx, old.organizationId) : undefined;
        // Whoever may not read the template gets the same 404 as GET gives them: a 403 would reveal it exists.
        if (!old || !org || !mayReadTemplatesOf(p, org)) throw new AppError('NOT_FOUND', { message: 'template not found' });
        assertManages(p, org);
        await checkReferences(tx, steps, org.path);
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
        await audit.record(tx, {
          actorId: p.id,
          organizationId: old.organizationId,
          action: 'approval.template.update',
          subjectType: 'approval_template',
          subjectId: row.id,
          details: { familyId: old.familyId, previousId: old.id, version: row.version },
        });
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
  };
}

export type TemplatesService = ReturnType<typeof createTemplatesService>;
