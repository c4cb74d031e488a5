import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { calendarOverrides } from '../../db/schema/index.js';

export type CalendarOverrideRow = typeof calendarOverrides.$inferSelect;

/** SQL of the calendar overrides (calendar_overrides: one row per date, a few dozen a year). */
export function createCalendarRepo() {
  return {
    /** Every override: the table is small, so the service caches it whole. */
    async listAll(db: DbOrTx): Promise<CalendarOverrideRow[]> {
      return db.select().from(calendarOverrides).orderBy(asc(calendarOverrides.date));
    },

    async find(db: DbOrTx, date: string): Promise<CalendarOverrideRow | undefined> {
      const [row] = await db.select().from(calendarOverrides).where(eq(calendarOverrides.date, date));
      return row;
    },

    async upsert(
      db: DbOrTx,
      row: { date: string; kind: CalendarOverrideRow['kind']; name: string; createdBy: string },
    ): Promise<CalendarOverrideRow> {
      const [saved] = await db
        .insert(calendarOverrides)
        .values(row)
        .onConflictDoUpdate({
          target: calendarOverrides.date,
          set: { kind: row.kind, name: row.name, createdBy: row.createdBy, createdAt: new Date() },
        })
        .returning();
      return saved;
    },

    async delete(db: DbOrTx, date: string): Promise<CalendarOverrideRow | undefined> {
      const [row] = await db.delete(calendarOverrides).where(eq(calendarOverrides.date, date)).returning();
      return row;
    },
  };
}

export type CalendarRepo = ReturnType<typeof createCalendarRepo>;
