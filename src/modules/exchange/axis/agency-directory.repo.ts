import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.js';
import { axisDirectorySync, externalAgencies } from '../../../db/schema/index.js';
import { escapeLike } from '../../../lib/text.js';
import { textArray } from '../exchange-rows.js';

export type ExternalAgencyRow = typeof externalAgencies.$inferSelect;
export type AgencySnapshotRow = {
  code: string;
  name: string;
  axisId: string | null;
  parentAxisId: string | null;
  parentCode: string | null;
  mail: string | null;
  active: boolean;
};

/** SQL of the external agency directory (external_agencies). */
export function createAgencyDirectoryRepo() {
  return {
    /**
     * Writes the axis's snapshot: new agencies inserted, changed ones updated, unchanged ones not
     * touched at all (a second identical sync writes nothing). Returns how many were inserted and updated.
     */
    async upsert(tx: DbOrTx, rows: AgencySnapshotRow[]): Promise<{ inserted: number; updated: number }> {
      let inserted = 0;
      let updated = 0;
      for (let i = 0; i < rows.length; i += 1000) {
        const written = await tx
          .insert(externalAgencies)
          .values(rows.slice(i, i + 1000))
          .onConflictDoUpdate({
            target: externalAgencies.code,
            set: {
              name: sql`excluded.name`,
              axisId: sql`excluded.axis_id`,
              parentAxisId: sql`excluded.parent_axis_id`,
              parentCode: sql`excluded.parent_code`,
              mail: sql`excluded.mail`,
              active: sql`excluded.active`,
              updatedAt: sql`now()`,
            },
            setWhere: sql`(${externalAgencies.name}, ${externalAgencies.axisId}, ${externalAgencies.parentAxisId}, ${externalAgencies.parentCode},
                           ${externalAgencies.mail}, ${externalAgencies.active})
                is distinct from (excluded.name, excluded.axis_id, excluded.parent_axis_id, excluded.parent_code, excluded.mail, excluded.active)`,
          })
          .returning({ inserted: sql<boolean>`xmax = 0` });
        inserted += written.filter((w) => w.inserted).length;
        updated += written.filter((w) => !w.inserted).length;
      }
      return { inserted, updated };
    },

    /** Active agencies the snapshot no longer lists: kept (old deliveries name them), inactive. */
    async deactivateMissing(tx: DbOrTx, listed: string[]): Promise<number> {
      const rows = await tx.execute<{ code: string }>(sql`
        update external_agencies set active = false, updated_at = now()
         where active and not (code = any(${textArray(listed)})) returning code`);
      return rows.length;
    },

    /** Makes the given agencies inactive (reported deleted, or one of ours removed from the axis); returns how many changed. */
    async deactivate(tx: DbOrTx, codes: string[]): Promise<number> {
      if (codes.length === 0) return 0;
      const rows = await tx.execute<{ code: string }>(sql`
        update external_agencies set active = false, updated_at = now() where active and code = any(${textArray(codes)}) returning code`);
      return rows.length;
    },

    /** The codes of the agencies with these axis ids (to name the parent of a unit synchronised alone). */
    async codesByAxisId(db: DbOrTx, axisIds: string[]): Promise<Map<string, string>> {
      if (axisIds.length === 0) return new Map();
      const rows = await db.execute<{ axis_id: string; code: string }>(sql`
        select axis_id, code from external_agencies where axis_id = any(${textArray(axisIds)})`);
      return new Map(rows.map((r) => [r.axis_id, r.code]));
    },

    /** Where synchronisation stands (null: never synchronised). */
    async syncState(db: DbOrTx): Promise<typeof axisDirectorySync.$inferSelect | null> {
      const [row] = await db.select().from(axisDirectorySync);
      return row ?? null;
    },

    /** Notes a synchronisation: its time, whether it was full, and the latest change it applied (never moved back). */
    async recordSync(tx: DbOrTx, { full, changedUpTo }: { full: boolean; changedUpTo: Date | null }): Promise<void> {
      await tx
        .insert(axisDirectorySync)
        .values({ id: 1, changedUpTo, lastFullAt: sql`now()`, lastSyncAt: sql`now()` })
        .onConflictDoUpdate({
          target: axisDirectorySync.id,
          set: {
            changedUpTo: sql`greatest(${axisDirectorySync.changedUpTo}, excluded.changed_up_to)`,
            lastSyncAt: sql`now()`,
            ...(full ? { lastFullAt: sql`now()` } : {}),
          },
        });
    },

    /** The agencies search pages through (for its total). */
    searchMatches(words: string[]): SQL {
      return sql`select a.code from external_agencies a where a.active ${sql.join(
        words.map((w) => sql` and a.search_text like ${`%${escapeLike(w)}%`}`),
        sql``,
      )}`;
    },

    /** Active agencies whose name or code holds every folded word, in folded-name order, keyset after (search_text, code). */
    async search(
      db: DbOrTx,
      q: { words: string[]; limit: number; after?: { searchText: string; code: string } },
    ): Promise<(ExternalAgencyRow & { parentName: string | null })[]> {
      const rows = await db.execute<{
        code: string;
        name: string;
        axis_id: string | null;
        parent_axis_id: string | null;
        parent_code: string | null;
        mail: string | null;
        active: boolean;
        search_text: string;
        created_at: Date;
        updated_at: Date;
        parent_name: string | null;
      }>(sql`
        select a.*, p.name as parent_name from external_agencies a left join external_agencies p on p.code = a.parent_code
         where a.active ${sql.join(
           q.words.map((w) => sql` and a.search_text like ${`%${escapeLike(w)}%`}`),
           sql``,
         )}
           ${q.after ? sql`and (a.search_text, a.code) > (${q.after.searchText}, ${q.after.code})` : sql``}
         order by a.search_text, a.code limit ${q.limit}`);
      return rows.map((r) => ({
        code: r.code,
        name: r.name,
        axisId: r.axis_id,
        parentAxisId: r.parent_axis_id,
        parentCode: r.parent_code,
        mail: r.mail,
        active: r.active,
        searchText: r.search_text,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
        parentName: r.parent_name,
      }));
    },
  };
}

export type AgencyDirectoryRepo = ReturnType<typeof createAgencyDirectoryRepo>;
