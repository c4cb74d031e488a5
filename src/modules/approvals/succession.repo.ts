import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { approvalInstances, approvalTemplates, drafts, type StepSpec } from '../../db/schema/index.js';

export type TemplateRow = typeof approvalTemplates.$inferSelect;

/** The statuses of a draft still being written, approved or signed: work in flight, not a document issued or rejected. */
const IN_FLIGHT = ['draft', 'in_approval', 'returned', 'approved', 'signed'];

/** SQL of a reorganisation's share of the approvals module (succession.service.ts). */
export function createSuccessionRepo() {
  return {
    /** Drafts in flight drafted in one of `fromIds` are drafted in `toId`; returns their documents. */
    async moveDraftingUnit(tx: Tx, fromIds: string[], toId: string): Promise<string[]> {
      if (fromIds.length === 0) return [];
      const rows = await tx
        .update(drafts)
        .set({ draftingUnitId: toId })
        .where(
          and(
            inArray(drafts.draftingUnitId, fromIds),
            sql`exists (select 1 from documents d where d.id = ${drafts.documentId} and d.status in (${sql.join(
              IN_FLIGHT.map((s) => sql`${s}`),
              sql`, `,
            )}))`,
          ),
        )
        .returning({ documentId: drafts.documentId });
      return rows.map((r) => r.documentId);
    },

    /** Running or returned instances whose step snapshot names one of the units (locked). */
    async lockInstancesNaming(tx: Tx, unitIds: string[]): Promise<{ id: string; documentId: string; steps: StepSpec[] }[]> {
      if (unitIds.length === 0) return [];
      const text = sql.join(
        unitIds.map((id) => sql`${id}`),
        sql`, `,
      );
      return tx
        .select({ id: approvalInstances.id, documentId: approvalInstances.documentId, steps: approvalInstances.steps })
        .from(approvalInstances)
        .where(
          and(
            inArray(approvalInstances.status, ['running', 'returned']),
            sql`exists (select 1 from jsonb_array_elements(${approvalInstances.steps}) s, jsonb_array_elements(s -> 'approvers') a
                         where a ->> 'unitId' in (${text}) or a ->> 'unitHeadOf' in (${text}))`,
          ),
        )
        .orderBy(approvalInstances.id)
        .for('update');
    },

    /** The current templates of the units, oldest first. */
    async currentTemplatesOf(tx: Tx, organizationIds: string[]): Promise<TemplateRow[]> {
      if (organizationIds.length === 0) return [];
      return tx
        .select()
        .from(approvalTemplates)
        .where(and(inArray(approvalTemplates.organizationId, organizationIds), eq(approvalTemplates.current, true)))
        .orderBy(asc(approvalTemplates.createdAt), asc(approvalTemplates.id));
    },

    async insertTemplate(tx: Tx, row: typeof approvalTemplates.$inferInsert): Promise<TemplateRow> {
      const [inserted] = await tx.insert(approvalTemplates).values(row).returning();
      return inserted;
    },

    async setInstanceSteps(tx: Tx, id: string, steps: StepSpec[]): Promise<void> {
      await tx.update(approvalInstances).set({ steps }).where(eq(approvalInstances.id, id));
    },
  };
}

export type SuccessionRepo = ReturnType<typeof createSuccessionRepo>;
