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
 * resolved are people, who move with the staff; steps decided stay as they were decided.
 */
export function createApprovalsSuccession({ successionRepo }: ApprovalsSuccessionDeps) {
  return {
    /** @returns the documents of the drafts and workflows carried. */
    async carryToSuccessor(tx: Tx, fromIds: string[], toId: string): Promise<string[]> {
      const from = new Set(fromIds);
      const readdress = (a: ApproverSpec): ApproverSpec => {
        if ('unitHeadOf' in a) return from.has(a.unitHeadOf) ? { unitHeadOf: toId } : a;
        if ('unitId' in a) return from.has(a.unitId) ? { ...a, unitId: toId } : a;
        return a;
      };
      const documents = await successionRepo.moveDraftingUnit(tx, fromIds, toId);
      for (const instance of await successionRepo.lockInstancesNaming(tx, fromIds)) {
        const steps = instance.steps.map((s) => ({ ...s, approvers: s.approvers.map(readdress) }));
        await successionRepo.setInstanceSteps(tx, instance.id, steps);
        documents.push(instance.documentId);
      }
      return [...new Set(documents)];
    },
  };
}

export type ApprovalsSuccession = ReturnType<typeof createApprovalsSuccession>;
