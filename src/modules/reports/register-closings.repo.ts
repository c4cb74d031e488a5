import { and, desc, eq, gte, lte, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client.js';
import { registerClosings, users, type RegisterKind } from '../../db/schema/index.js';

export type RegisterClosingRow = typeof registerClosings.$inferSelect & { closedByName: string | null };

const columns = {
  id: registerClosings.id,
  organizationId: registerClosings.organizationId,
  kind: registerClosings.kind,
  periodFrom: registerClosings.periodFrom,
  periodTo: registerClosings.periodTo,
  rowCount: registerClosings.rowCount,
  fileName: registerClosings.fileName,
  storageKey: registerClosings.storageKey,
  size: registerClosings.size,
  sha256: registerClosings.sha256,
  certificateId: registerClosings.certificateId,
  closedBy: registerClosings.closedBy,
  closedAt: registerClosings.closedAt,
  closedByName: users.fullName,
};

/** SQL of closed registers (register_closings; the reports module is its only writer). */
export function createRegisterClosingsRepo() {
  return {
    /** Serialises closings of one organisation's register, so the overlap check and the insert cannot race. */
    async lock(tx: Tx, organizationId: string, kind: RegisterKind): Promise<void> {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`register-closing:${organizationId}:${kind}`}, 0))`);
    },

    /** A closing of this register whose period shares a day with [from, to]. */
    async findOverlapping(db: DbOrTx, organizationId: string, kind: RegisterKind, from: string, to: string) {
      const [row] = await db
        .select({ id: registerClosings.id, periodFrom: registerClosings.periodFrom, periodTo: registerClosings.periodTo })
        .from(registerClosings)
        .where(
          and(
            eq(registerClosings.organizationId, organizationId),
            eq(registerClosings.kind, kind),
            lte(registerClosings.periodFrom, to),
            gte(registerClosings.periodTo, from),
          ),
        )
        .limit(1);
      return row;
    },

    async insert(tx: Tx, row: typeof registerClosings.$inferInsert): Promise<typeof registerClosings.$inferSelect> {
      const [inserted] = await tx.insert(registerClosings).values(row).returning();
      return inserted;
    },

    /** The organisation's closings, latest period first (index register_closings_org_idx). */
    async list(db: DbOrTx, organizationId: string, kind?: RegisterKind): Promise<RegisterClosingRow[]> {
      return db
        .select(columns)
        .from(registerClosings)
        .leftJoin(users, eq(users.id, registerClosings.closedBy))
        .where(and(eq(registerClosings.organizationId, organizationId), kind ? eq(registerClosings.kind, kind) : undefined))
        .orderBy(desc(registerClosings.periodFrom), registerClosings.kind)
        .limit(1000);
    },

    async find(db: DbOrTx, id: string): Promise<RegisterClosingRow | undefined> {
      const [row] = await db
        .select(columns)
        .from(registerClosings)
        .leftJoin(users, eq(users.id, registerClosings.closedBy))
        .where(eq(registerClosings.id, id));
      return row;
    },
  };
}

export type RegisterClosingsRepo = ReturnType<typeof createRegisterClosingsRepo>;
