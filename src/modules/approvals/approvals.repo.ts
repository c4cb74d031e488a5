import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client.js';
import { memberOf, unitWithin } from '../auth/reach.js';
import {
  approvalInstances,
  approvalStepApprovers,
  approvalSteps,
  approvalTemplates,
  delegations,
  documentFiles,
  documents,
  draftComments,
  draftVersions,
  drafts,
  organizations,
  roleGrants,
  users,
  type Role,
} from '../../db/schema/index.js';
import type { Principal } from '../auth/principal.js';
import { visibleDocumentCondition } from '../documents/documents.policy.js';
import { uuidArray } from '../../db/sql-arrays.js';

export type DraftDocumentRow = typeof documents.$inferSelect;
export type DraftRow = typeof drafts.$inferSelect;
export type DraftVersionRow = typeof draftVersions.$inferSelect;
export type DraftCommentRow = typeof draftComments.$inferSelect;
export type FileRow = typeof documentFiles.$inferSelect;
export type TemplateRow = typeof approvalTemplates.$inferSelect;
export type InstanceRow = typeof approvalInstances.$inferSelect;
export type StepRow = typeof approvalSteps.$inferSelect;
export type ApproverRow = typeof approvalStepApprovers.$inferSelect;
export type DelegationRow = typeof delegations.$inferSelect;

/** The drafts' visibility condition below is written over this alias (and hands it to visibleDocumentCondition). */
const d = alias(documents, 'd');

/**
 * Who may see an outgoing draft: whoever sees the document under the shared documents policy
 * (clerks and leaders of the owner organisation, explicit grants), the drafter, and the approvers
 * of any of its workflow rounds, directly or through a delegation (`actsFor`: the caller and the
 * users whose steps the caller may act on). Kept here rather than in documents.policy.ts so that
 * the incoming documents' rule stays exactly as it is.
 */
function visibleDraftCondition(p: Principal, actsFor: readonly string[]): SQL {
  return sql`(d.direction = 'outgoing' and exists (select 1 from drafts dr where dr.document_id = d.id) and (
    ${visibleDocumentCondition(p, d)}
    or d.created_by = ${p.id}::uuid
    or exists (
      select 1 from approval_instances i
        join approval_steps s on s.instance_id = i.id
        join approval_step_approvers a on a.step_id = s.id
       where i.document_id = d.id and a.user_id = any(${uuidArray(actsFor)})
    )
  ))`;
}

export type WorkListRow = {
  stepId: string;
  stepName: string;
  stepStatus: StepRow['status'];
  draftId: string;
  subject: string;
  typeName: string;
  dueDate: string | null;
  activatedAt: Date | null;
  isSigningStep: boolean;
  approverUserId: string;
  decision: ApproverRow['decision'];
};

/** Pending: the active steps awaiting the approvers (the caller and those they act for); done: what the caller decided. */
function workListCondition(q: { approverIds: readonly string[]; status: 'pending' | 'done'; actedBy: string }): SQL {
  return q.status === 'pending'
    ? sql`a.user_id = any(${uuidArray(q.approverIds)}) and a.decision is null and s.status = 'active' and i.status = 'running'`
    : sql`a.acted_by = ${q.actedBy}::uuid`;
}

export function createApprovalsRepo() {
  return {
    // ---- drafts --------------------------------------------------------------------------------

    /** The draft's document row when `p` may see it (see visibleDraftCondition). */
    async findVisibleDraft(db: DbOrTx, p: Principal, actsFor: readonly string[], id: string): Promise<DraftDocumentRow | undefined> {
      const [row] = await db
        .select()
        .from(d)
        .where(and(eq(d.id, id), visibleDraftCondition(p, actsFor)));
      return row;
    },

    async findDocument(db: DbOrTx, id: string): Promise<DraftDocumentRow | undefined> {
      const [row] = await db.select().from(documents).where(eq(documents.id, id));
      return row;
    },

    async filesOf(db: DbOrTx, documentId: string): Promise<FileRow[]> {
      return db.select().from(documentFiles).where(eq(documentFiles.documentId, documentId));
    },

    async findFile(db: DbOrTx, documentId: string, fileId: string): Promise<FileRow | undefined> {
      const [row] = await db
        .select()
        .from(documentFiles)
        .where(and(eq(documentFiles.id, fileId), eq(documentFiles.documentId, documentId)));
      return row;
    },

    async insertDraft(db: DbOrTx, row: typeof drafts.$inferInsert): Promise<DraftRow> {
      const [inserted] = await db.insert(drafts).values(row).returning();
      return inserted;
    },

    async findDraft(db: DbOrTx, documentId: string, { forUpdate = false }: { forUpdate?: boolean } = {}): Promise<DraftRow | undefined> {
      const query = db.select().from(drafts).where(eq(drafts.documentId, documentId));
      const [row] = forUpdate ? await query.for('update') : await query;
      return row;
    },

    async updateDraft(db: DbOrTx, documentId: string, patch: Partial<typeof drafts.$inferInsert>): Promise<DraftRow> {
      const [row] = await db.update(drafts).set(patch).where(eq(drafts.documentId, documentId)).returning();
      return row;
    },

    async insertVersion(db: DbOrTx, row: typeof draftVersions.$inferInsert): Promise<DraftVersionRow> {
      const [inserted] = await db.insert(draftVersions).values(row).returning();
      return inserted;
    },

    async versionsOf(db: DbOrTx, documentId: string): Promise<DraftVersionRow[]> {
      return db.select().from(draftVersions).where(eq(draftVersions.documentId, documentId)).orderBy(asc(draftVersions.version));
    },

    async findVersion(db: DbOrTx, documentId: string, version: number): Promise<DraftVersionRow | undefined> {
      const [row] = await db
        .select()
        .from(draftVersions)
        .where(and(eq(draftVersions.documentId, documentId), eq(draftVersions.version, version)));
      return row;
    },

    async insertComment(db: DbOrTx, row: typeof draftComments.$inferInsert): Promise<DraftCommentRow> {
      const [inserted] = await db.insert(draftComments).values(row).returning();
      return inserted;
    },

    async commentsOf(db: DbOrTx, versionIds: readonly string[]): Promise<DraftCommentRow[]> {
      if (versionIds.length === 0) return [];
      return db
        .select()
        .from(draftComments)
        .where(inArray(draftComments.versionId, [...versionIds]))
        .orderBy(asc(draftComments.createdAt), asc(draftComments.id));
    },

    // ---- organisations and people ----------------------------------------------------------------

    async findOrganization(db: DbOrTx, id: string): Promise<{ id: string; path: string; validTo: string | null } | undefined> {
      const [row] = await db
        .select({ id: organizations.id, path: organizations.path, validTo: organizations.validTo })
        .from(organizations)
        .where(eq(organizations.id, id));
      return row;
    },

    /**
     * Which of the named users and units a template of the organisation at `orgPath` may name
     * (auth/reach.ts memberOf, unitWithin: the conditions the pickers list).
     */
    async nameableInTemplate(
      db: DbOrTx,
      orgPath: string,
      { userIds, unitIds }: { userIds: readonly string[]; unitIds: readonly string[] },
    ): Promise<{ users: Set<string>; units: Set<string> }> {
      const ids = (list: readonly string[]) =>
        sql.join(
          list.map((id) => sql`${id}::uuid`),
          sql`, `,
        );
      const [people, units] = await Promise.all([
        userIds.length === 0
          ? []
          : db.execute<{ id: string }>(
              sql`select u.id from users u join organizations uo on uo.id = u.organization_id where u.id in (${ids(userIds)}) and ${memberOf(orgPath)}`,
            ),
        unitIds.length === 0
          ? []
          : db.execute<{ id: string }>(sql`select o.id from organizations o where o.id in (${ids(unitIds)}) and ${unitWithin(orgPath)}`),
      ]);
      return { users: new Set([...people].map((r) => r.id)), units: new Set([...units].map((r) => r.id)) };
    },

    /** The active users among `ids`. */
    async activeUsers(db: DbOrTx, ids: readonly string[]): Promise<{ id: string; fullName: string; position: string | null }[]> {
      if (ids.length === 0) return [];
      return db
        .select({ id: users.id, fullName: users.fullName, position: users.position })
        .from(users)
        .where(and(inArray(users.id, [...ids]), eq(users.active, true)));
    },

    async usersByIds(
      db: DbOrTx,
      ids: readonly string[],
    ): Promise<{ id: string; fullName: string; position: string | null; active: boolean }[]> {
      if (ids.length === 0) return [];
      return db
        .select({ id: users.id, fullName: users.fullName, position: users.position, active: users.active })
        .from(users)
        .where(inArray(users.id, [...ids]));
    },

    /** Active holders of `role` granted exactly at `unitId`, in a stable order. */
    async holdersOf(db: DbOrTx, unitId: string, role: Role): Promise<string[]> {
      const rows = await db
        .select({ id: users.id })
        .from(roleGrants)
        .innerJoin(users, eq(users.id, roleGrants.userId))
        .where(and(eq(roleGrants.organizationId, unitId), eq(roleGrants.role, role), eq(users.active, true)))
        .orderBy(asc(users.username));
      return rows.map((r) => r.id);
    },

    // ---- templates -----------------------------------------------------------------------------

    async insertTemplate(db: DbOrTx, row: typeof approvalTemplates.$inferInsert): Promise<TemplateRow> {
      const [inserted] = await db.insert(approvalTemplates).values(row).returning();
      return inserted;
    },

    async findTemplate(db: DbOrTx, id: string, { forUpdate = false }: { forUpdate?: boolean } = {}): Promise<TemplateRow | undefined> {
      const query = db.select().from(approvalTemplates).where(eq(approvalTemplates.id, id));
      const [row] = forUpdate ? await query.for('update') : await query;
      return row;
    },

    async supersede(db: DbOrTx, id: string): Promise<void> {
      await db.update(approvalTemplates).set({ current: false }).where(eq(approvalTemplates.id, id));
    },

    async listTemplates(db: DbOrTx, q: { organizationId: string; typeName?: string; all: boolean }): Promise<TemplateRow[]> {
      const conds: SQL[] = [eq(approvalTemplates.organizationId, q.organizationId)];
      if (q.typeName !== undefined) conds.push(eq(approvalTemplates.typeName, q.typeName));
      if (!q.all) conds.push(eq(approvalTemplates.current, true));
      return db
        .select()
        .from(approvalTemplates)
        .where(and(...conds))
        .orderBy(desc(approvalTemplates.createdAt), desc(approvalTemplates.version));
    },

    /** The newest current template of the organisation for the type, a type-specific one before an any-type one. */
    async findTemplateFor(db: DbOrTx, organizationId: string, typeName: string): Promise<TemplateRow | undefined> {
      const [row] = await db
        .select()
        .from(approvalTemplates)
        .where(
          and(
            eq(approvalTemplates.organizationId, organizationId),
            eq(approvalTemplates.current, true),
            sql`(${approvalTemplates.typeName} = ${typeName} or ${approvalTemplates.typeName} is null)`,
          ),
        )
        .orderBy(sql`${approvalTemplates.typeName} is null`, desc(approvalTemplates.createdAt))
        .limit(1);
      return row;
    },

    // ---- instances and steps -------------------------------------------------------------------

    async insertInstance(db: DbOrTx, row: typeof approvalInstances.$inferInsert): Promise<InstanceRow> {
      const [inserted] = await db.insert(approvalInstances).values(row).returning();
      return inserted;
    },

    async latestInstance(
      db: DbOrTx,
      documentId: string,
      { forUpdate = false }: { forUpdate?: boolean } = {},
    ): Promise<InstanceRow | undefined> {
      const query = db
        .select()
        .from(approvalInstances)
        .where(eq(approvalInstances.documentId, documentId))
        .orderBy(desc(approvalInstances.startedAt))
        .limit(1);
      const [row] = forUpdate ? await query.for('update') : await query;
      return row;
    },

    async findInstance(db: DbOrTx, id: string, { forUpdate = false }: { forUpdate?: boolean } = {}): Promise<InstanceRow | undefined> {
      const query = db.select().from(approvalInstances).where(eq(approvalInstances.id, id));
      const [row] = forUpdate ? await query.for('update') : await query;
      return row;
    },

    async updateInstance(db: DbOrTx, id: string, patch: Partial<typeof approvalInstances.$inferInsert>): Promise<InstanceRow> {
      const [row] = await db.update(approvalInstances).set(patch).where(eq(approvalInstances.id, id)).returning();
      return row;
    },

    async insertSteps(db: DbOrTx, rows: (typeof approvalSteps.$inferInsert)[]): Promise<StepRow[]> {
      if (rows.length === 0) return [];
      return db.insert(approvalSteps).values(rows).returning();
    },

    async findStep(db: DbOrTx, id: string): Promise<StepRow | undefined> {
      const [row] = await db.select().from(approvalSteps).where(eq(approvalSteps.id, id));
      return row;
    },

    async stepsOf(db: DbOrTx, instanceId: string, round: number): Promise<StepRow[]> {
      return db
        .select()
        .from(approvalSteps)
        .where(and(eq(approvalSteps.instanceId, instanceId), eq(approvalSteps.round, round)))
        .orderBy(asc(approvalSteps.order), asc(approvalSteps.stepIndex));
    },

    async updateStep(db: DbOrTx, id: string, patch: Partial<typeof approvalSteps.$inferInsert>): Promise<StepRow> {
      const [row] = await db.update(approvalSteps).set(patch).where(eq(approvalSteps.id, id)).returning();
      return row;
    },

    async insertApprovers(db: DbOrTx, rows: (typeof approvalStepApprovers.$inferInsert)[]): Promise<void> {
      if (rows.length > 0) await db.insert(approvalStepApprovers).values(rows);
    },

    async approversOf(db: DbOrTx, stepIds: readonly string[]): Promise<(ApproverRow & { fullName: string })[]> {
      if (stepIds.length === 0) return [];
      const rows = await db
        .select({ a: approvalStepApprovers, fullName: users.fullName })
        .from(approvalStepApprovers)
        .innerJoin(users, eq(users.id, approvalStepApprovers.userId))
        .where(inArray(approvalStepApprovers.stepId, [...stepIds]))
        .orderBy(asc(users.username));
      return rows.map((r) => ({ ...r.a, fullName: r.fullName }));
    },

    async decide(db: DbOrTx, approverId: string, patch: Partial<typeof approvalStepApprovers.$inferInsert>): Promise<void> {
      await db.update(approvalStepApprovers).set(patch).where(eq(approvalStepApprovers.id, approverId));
    },

    /** Pending (active step, running instance, no decision yet) or done (decided) rows of the given approvers. */
    /** The approver rows the work list reads, every one (for its total). */
    workListMatches(q: { approverIds: readonly string[]; status: 'pending' | 'done'; actedBy: string }): SQL {
      return sql`select a.step_id from approval_step_approvers a
        join approval_steps s on s.id = a.step_id join approval_instances i on i.id = s.instance_id where ${workListCondition(q)}`;
    },

    async workList(
      db: DbOrTx,
      q: { approverIds: readonly string[]; status: 'pending' | 'done'; actedBy: string; limit: number },
    ): Promise<WorkListRow[]> {
      const where = workListCondition(q);
      const order = q.status === 'pending' ? sql`s.due_date asc nulls last, s.activated_at asc` : sql`a.decided_at desc`;
      const rows = await db.execute<{
        step_id: string;
        step_name: string;
        step_status: StepRow['status'];
        draft_id: string;
        subject: string;
        type_name: string;
        due_date: string | null;
        activated_at: string | null;
        is_signing_step: boolean;
        approver_user_id: string;
        decision: ApproverRow['decision'];
      }>(sql`
        select s.id as step_id, s.name as step_name, s.status as step_status, doc.id as draft_id, doc.subject, doc.type_name,
               s.due_date::text as due_date, s.activated_at::text as activated_at, s.is_signing_step, a.user_id as approver_user_id, a.decision
          from approval_step_approvers a
          join approval_steps s on s.id = a.step_id
          join approval_instances i on i.id = s.instance_id
          join documents doc on doc.id = i.document_id
         where ${where}
         order by ${order}
         limit ${q.limit}`);
      return rows.map((r) => ({
        stepId: r.step_id,
        stepName: r.step_name,
        stepStatus: r.step_status,
        draftId: r.draft_id,
        subject: r.subject,
        typeName: r.type_name,
        dueDate: r.due_date,
        activatedAt: r.activated_at === null ? null : new Date(r.activated_at),
        isSigningStep: r.is_signing_step,
        approverUserId: r.approver_user_id,
        decision: r.decision,
      }));
    },

    // ---- delegations ---------------------------------------------------------------------------

    async insertDelegation(db: DbOrTx, row: typeof delegations.$inferInsert): Promise<DelegationRow> {
      const [inserted] = await db.insert(delegations).values(row).returning();
      return inserted;
    },

    async findDelegation(db: DbOrTx, id: string, { forUpdate = false }: { forUpdate?: boolean } = {}): Promise<DelegationRow | undefined> {
      const query = db.select().from(delegations).where(eq(delegations.id, id));
      const [row] = forUpdate ? await query.for('update') : await query;
      return row;
    },

    async revokeDelegation(db: DbOrTx, id: string, by: string): Promise<DelegationRow> {
      const [row] = await db.update(delegations).set({ revokedAt: new Date(), revokedBy: by }).where(eq(delegations.id, id)).returning();
      return row;
    },

    async delegationsGivenBy(db: DbOrTx, userId: string): Promise<DelegationRow[]> {
      return db.select().from(delegations).where(eq(delegations.delegatorId, userId)).orderBy(desc(delegations.createdAt));
    },

    async delegationsReceivedBy(db: DbOrTx, userId: string): Promise<DelegationRow[]> {
      return db.select().from(delegations).where(eq(delegations.delegateId, userId)).orderBy(desc(delegations.createdAt));
    },

    /** Unrevoked delegations to `userId` whose period contains `today`. */
    async validDelegationsTo(db: DbOrTx, userId: string, today: string): Promise<DelegationRow[]> {
      return db
        .select()
        .from(delegations)
        .where(
          and(
            eq(delegations.delegateId, userId),
            isNull(delegations.revokedAt),
            sql`${delegations.validFrom} <= ${today}::date`,
            sql`${delegations.validTo} >= ${today}::date`,
          ),
        );
    },
  };
}

export type ApprovalsRepo = ReturnType<typeof createApprovalsRepo>;
