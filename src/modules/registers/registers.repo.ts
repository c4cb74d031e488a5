import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client.js';
import { registers, type Direction } from '../../db/schema/index.js';

export type RegisterRow = typeof registers.$inferSelect;
export type NewRegister = typeof registers.$inferInsert;

export type RegisterMatch = { organizationId: string; direction: Direction; year: number; typeName: string; confidentiality: string };

/** SQL of registers (sổ văn bản). */
export function createRegistersRepo() {
  return {
    async list(db: DbOrTx, q: { organizationId: string; year?: number; direction?: Direction }): Promise<RegisterRow[]> {
      const conditions = [eq(registers.organizationId, q.organizationId)];
      if (q.year !== undefined) conditions.push(eq(registers.year, q.year));
      if (q.direction) conditions.push(eq(registers.direction, q.direction));
      return db
        .select()
        .from(registers)
        .where(and(...conditions))
        .orderBy(asc(registers.year), asc(registers.direction), asc(registers.name));
    },

    async findById(db: DbOrTx, id: string): Promise<RegisterRow | undefined> {
      const [row] = await db.select().from(registers).where(eq(registers.id, id));
      return row;
    },

    /** Inserts a register; undefined when one with the same (organisation, direction, year, name) exists. */
    async insertIfAbsent(db: DbOrTx, row: NewRegister): Promise<RegisterRow | undefined> {
      const [saved] = await db.insert(registers).values(row).onConflictDoNothing().returning();
      return saved;
    },

    /**
     * The register a document goes to: among the organisation's registers of that direction and
     * year, those of its confidentiality series (secret levels only in a register listing the
     * level; normal documents only in a register without levels), a register restricted to the
     * document's type beats a general one; the oldest wins a tie.
     */
    async findMatching(db: DbOrTx, m: RegisterMatch): Promise<RegisterRow | undefined> {
      const series =
        m.confidentiality === 'normal'
          ? sql`${registers.confidentialities} is null`
          : sql`${m.confidentiality} = any(${registers.confidentialities})`;
      const [row] = await db
        .select()
        .from(registers)
        .where(
          and(
            eq(registers.organizationId, m.organizationId),
            eq(registers.direction, m.direction),
            eq(registers.year, m.year),
            series,
            sql`(${registers.typeNames} is null or ${m.typeName} = any(${registers.typeNames}))`,
          ),
        )
        .orderBy(sql`${registers.typeNames} is null`, asc(registers.createdAt), asc(registers.id))
        .limit(1);
      return row;
    },

    /**
     * Takes the next number of a register. The UPDATE locks the register row until the caller's
     * transaction ends, so concurrent registrations queue on it: numbers are unique and gapless,
     * and a rolled-back transaction gives its number back.
     */
    async takeNumber(tx: Tx, registerId: string): Promise<number> {
      const [row] = await tx
        .update(registers)
        .set({ nextNumber: sql`${registers.nextNumber} + 1`, updatedAt: sql`now()` })
        .where(eq(registers.id, registerId))
        .returning({ taken: sql<number>`${registers.nextNumber} - 1` });
      return Number(row.taken);
    },
  };
}

export type RegistersRepo = ReturnType<typeof createRegistersRepo>;
