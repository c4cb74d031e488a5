import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client.js';
import { assignments } from '../../db/schema/index.js';
import type { Principal } from '../auth/principal.js';

/** SQL of the items to inform (nhận để biết): who they are unread for, and their reading. */
export function createInformsRepo() {
  return {
    /**
     * The unread items to inform of a document addressed to the caller: to the caller in person, or
     * to a unit the caller heads or clerks for (a grant on that very unit). A unit is informed when
     * its head or its văn thư has read the document, as a paper copy "để biết" is taken in at the
     * unit's desk and handed round from there; a leader above the unit who reads it has not informed
     * the unit, and other staff of the unit do not see unit items (documents.policy.ts).
     */
    async unreadFor(db: DbOrTx, p: Principal, documentId: string): Promise<string[]> {
      const units = [...new Set(p.grants.filter((g) => g.role === 'leader' || g.role === 'clerk').map((g) => g.organizationId))];
      const forUnits =
        units.length === 0
          ? sql``
          : sql` or a.assignee_unit_id in (${sql.join(
              units.map((u) => sql`${u}::uuid`),
              sql`, `,
            )})`;
      const rows = await db.execute<{ id: string }>(sql`
        select a.id from assignments a
         where a.document_id = ${documentId}::uuid and a.role = 'inform' and a.status = 'unread'
           and (a.assignee_user_id = ${p.id}::uuid${forUnits})
         order by a.id`);
      return [...rows].map((r) => r.id);
    },

    /**
     * Marks the items read, those still unread only: a second reader, or the same one again, changes
     * nothing (the update waits for a concurrent reader's row lock and then finds the item read).
     * Returns the items this call marked.
     */
    async markRead(tx: Tx, ids: string[], readBy: string, readAt: Date): Promise<string[]> {
      if (ids.length === 0) return [];
      const rows = await tx
        .update(assignments)
        .set({ status: 'read', readAt, readBy, updatedAt: readAt })
        .where(and(inArray(assignments.id, ids), eq(assignments.status, 'unread')))
        .returning({ id: assignments.id });
      return rows.map((r) => r.id);
    },
  };
}

export type InformsRepo = ReturnType<typeof createInformsRepo>;
