import { randomUUID } from 'node:crypto';
import type { Tx } from '../../db/client.js';
import type { ApproverSpec } from '../../db/schema/index.js';
import type { SuccessionRepo } from './succession.repo.js';

export type ApprovalsSuccessionDeps = { successionRepo: SuccessionRepo };

/**
 * Approvals in a reorganisation (orgs/reorganisation.service.ts calls this in its transaction).
 * A draft in flight of a closed unit goes on in its successor: it is drafted there (a Công văn's
 * notation takes the successor's abbreviation when it is issued), and the steps still to come of its
 * running or returned workflow name the successor where they named the closed unit ("the head of
 * unit X", "the clerks of unit X"), so they find approvers when they activate. Approvers already
 * resolved are people, who move with the staff; steps decided stay as they were decided. Templates
 * follow for the document types the successor has none of (carryTemplates).
 */
export function createApprovalsSuccession({ successionRepo }: ApprovalsSuccessionDeps) {
  /** An approver spec naming a closed unit names its successor instead. */
  function readdresser(fromIds: string[], toId: string) {
    const from = new Set(fromIds);
    return (a: ApproverSpec): ApproverSpec => {
      if ('unitHeadOf' in a) return from.has(a.unitHeadOf) ? { unitHeadOf: toId } : a;
      if ('unitId' in a) return from.has(a.unitId) ? { ...a, unitId: toId } : a;
      return a;
    };
  }

  return {
    /** @returns the documents of the drafts and workflows carried. */
    async carryToSuccessor(tx: Tx, fromIds: string[], toId: string): Promise<string[]> {
      const readdress = readdresser(fromIds, toId);
      const documents = await successionRepo.moveDraftingUnit(tx, fromIds, toId);
      for (const instance of await successionRepo.lockInstancesNaming(tx, fromIds)) {
        const steps = instance.steps.map((s) => ({ ...s, approvers: s.approvers.map(readdress) }));
        await successionRepo.setInstanceSteps(tx, instance.id, steps);
        documents.push(instance.documentId);
      }
      return [...new Set(documents)];
    },

    /**
     * The successor gets a copy of each current template of the closed units for a document type it
     * has no template of (new family, version 1, the closed units named as the successor), so its staff
     * can submit the drafts they used to; its own templates are left as they are, and the first
     * predecessor's template wins a type two of them had. The closed units' templates stay theirs.
     * @returns the templates created.
     */
    async carryTemplates(tx: Tx, fromIds: string[], toId: string, actorId: string): Promise<{ id: string; typeName: string | null }[]> {
      const readdress = readdresser(fromIds, toId);
      const covered = new Set((await successionRepo.currentTemplatesOf(tx, [toId])).map((t) => t.typeName));
      const created: { id: string; typeName: string | null }[] = [];
      for (const t of await successionRepo.currentTemplatesOf(tx, fromIds)) {
        if (covered.has(t.typeName)) continue;
        covered.add(t.typeName);
        const id = randomUUID();
        await successionRepo.insertTemplate(tx, {
          id,
          familyId: id,
          version: 1,
          current: true,
          organizationId: toId,
          typeName: t.typeName,
          name: t.name,
          steps: t.steps.map((s) => ({ ...s, approvers: s.approvers.map(readdress) })),
          createdBy: actorId,
        });
        created.push({ id, typeName: t.typeName });
      }
      return created;
    },
  };
}

export type ApprovalsSuccession = ReturnType<typeof createApprovalsSuccession>;
