import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client.js';
import { NO_PERSON } from '../../db/schema/reports.js';

/** The Vietnamese date of a timestamp column (deadlines and periods are Vietnamese dates). */
const vnDate = (column: SQL) => sql`(${column} at time zone 'Asia/Ho_Chi_Minh')::date`;

/** What an item is counted as (one report_items row). */
export type ItemFacts = {
  documentId: string;
  unitId: string;
  personId: string;
  receivedOn: string;
  dueOn: string | null;
  doneOn: string | null;
  doneLate: boolean | null;
};

type FactRow = {
  document_id: string;
  unit_id: string;
  person_id: string;
  received_on: string;
  due_on: string | null;
  done_on: string | null;
  done_late: boolean | null;
};

const toFacts = (r: FactRow): ItemFacts => ({
  documentId: r.document_id,
  unitId: r.unit_id,
  personId: r.person_id,
  receivedOn: r.received_on,
  dueOn: r.due_on,
  doneOn: r.done_on,
  doneLate: r.done_late,
});

/**
 * The facts of every item matching `documentFilter` (a condition on `d`), straight from documents
 * and assignments. An item is a registered incoming document that was not recalled:
 * - receivedOn: the Vietnamese date it was registered;
 * - the lead chain: its top-level lead assignment (chủ trì; open or done: a returned lead no longer
 *   counts, see handlingRepo.countTopLevelLeads), then, level by level, the first open or done lead
 *   re-assignment below it (the head of a unit hands the lead to a division or a person);
 * - unitId: the unit of the deepest link (its unit, or the organisation of its person), else the
 *   owner organisation while nobody leads it; personId: the deepest person of the chain, else NO_PERSON;
 * - dueOn: the top-level lead's deadline, after granted extensions (REPORTS.md: the lead's deadline
 *   counts; re-assignments never pass it); null without a lead;
 * - doneOn: the Vietnamese date the top-level lead was completed (which completes the document);
 *   doneLate: doneOn after dueOn (the due date itself is on time).
 */
function factsQuery(documentFilter: SQL): SQL {
  return sql`
    with recursive items as (
      select d.id as document_id, d.owner_organization_id, ${vnDate(sql`d.registered_at`)} as received_on
        from documents d
       where d.direction = 'incoming' and d.registered_at is not null and d.status <> 'recalled' and ${documentFilter}
    ), top as (
      select distinct on (a.document_id) a.document_id, a.id, a.due_date, a.status, a.completed_at
        from assignments a join items i on i.document_id = a.document_id
       where a.parent_id is null and a.role = 'lead' and a.status in ('open', 'done')
       order by a.document_id, a.created_at, a.id
    ), chain as (
      select t.document_id, a.id, 0 as depth, a.assignee_user_id, coalesce(a.assignee_unit_id, u.organization_id) as unit_id
        from top t join assignments a on a.id = t.id left join users u on u.id = a.assignee_user_id
      union all
      select c.document_id, n.id, c.depth + 1, n.assignee_user_id, n.unit_id
        from chain c cross join lateral (
          select a.id, a.assignee_user_id, coalesce(a.assignee_unit_id, u.organization_id) as unit_id
            from assignments a left join users u on u.id = a.assignee_user_id
           where a.parent_id = c.id and a.role = 'lead' and a.status in ('open', 'done')
           order by a.created_at, a.id
           limit 1) n
    ), deepest_unit as (
      select distinct on (document_id) document_id, unit_id from chain order by document_id, depth desc
    ), deepest_person as (
      select distinct on (document_id) document_id, assignee_user_id from chain
       where assignee_user_id is not null order by document_id, depth desc
    )
    select i.document_id, coalesce(du.unit_id, i.owner_organization_id) as unit_id,
           coalesce(dp.assignee_user_id, ${NO_PERSON}::uuid) as person_id,
           i.received_on::text as received_on, t.due_date::text as due_on,
           case when t.status = 'done' then ${vnDate(sql`t.completed_at`)}::text end as done_on,
           case when t.status = 'done' then t.due_date is not null and ${vnDate(sql`t.completed_at`)} > t.due_date end as done_late
      from items i
      left join top t on t.document_id = i.document_id
      left join deepest_unit du on du.document_id = i.document_id
      left join deepest_person dp on dp.document_id = i.document_id`;
}

/** The per-day counters of report_daily and report_totals, in column order. */
const COUNTERS = ['received', 'done_on_time', 'done_late', 'due', 'due_done_on_time'] as const;
type Counters = [number, number, number, number, number];
/** The counter columns, in order. */
const cols = sql.raw(COUNTERS.join(', '));
/** `sum(<alias>.received), …` in counter order. */
const sumsOf = (alias: string) => sql.raw(COUNTERS.map((k) => `sum(${alias}.${k})`).join(', '));
/** The upsert's `received = <table>.received + excluded.received, …`. */
const addExcluded = (table: string) => sql.raw(COUNTERS.map((k) => `${k} = ${table}.${k} + excluded.${k}`).join(', '));
/** `sum(<alias>.received) as received, …` in counter order. */
const sumsAs = (alias: string) => sql.raw(COUNTERS.map((k) => `sum(${alias}.${k}) as ${k}`).join(', '));

/** The counters an item adds, per day (see reportDaily in db/schema/reports.ts). */
function contributions(f: ItemFacts, sign: 1 | -1): { day: string; c: Counters }[] {
  const out: { day: string; c: Counters }[] = [{ day: f.receivedOn, c: [sign, 0, 0, 0, 0] }];
  if (f.doneOn !== null) out.push({ day: f.doneOn, c: f.doneLate ? [0, 0, sign, 0, 0] : [0, sign, 0, 0, 0] });
  if (f.dueOn !== null) out.push({ day: f.dueOn, c: [0, 0, 0, sign, f.doneOn !== null && !f.doneLate ? sign : 0] });
  return out;
}

const sameFacts = (a: ItemFacts | undefined, b: ItemFacts | undefined) =>
  a === b || (a !== undefined && b !== undefined && JSON.stringify(a) === JSON.stringify(b));

/** SQL of the report aggregates: the facts of items, their upkeep and the rebuild. */
export function createAggregatesRepo() {
  return {
    /** The facts of one document from the source tables (undefined when it is not an item). */
    async sourceFacts(db: DbOrTx, documentId: string): Promise<ItemFacts | undefined> {
      const rows = await db.execute<FactRow>(factsQuery(sql`d.id = ${documentId}`));
      return rows.length === 0 ? undefined : toFacts(rows[0]);
    },

    /** The facts the aggregates hold for one document, locked until the transaction ends. */
    async storedFacts(tx: Tx, documentId: string): Promise<ItemFacts | undefined> {
      const rows = await tx.execute<FactRow>(sql`
        select document_id, unit_id, person_id, received_on::text as received_on, due_on::text as due_on, done_on::text as done_on, done_late
          from report_items where document_id = ${documentId} for update`);
      return rows.length === 0 ? undefined : toFacts(rows[0]);
    },

    /**
     * Replaces an item's stored facts and moves its contributions: the old ones out, the new ones
     * in, in one statement per table, keys in a fixed order (two transactions touching the same
     * counter rows take their locks in the same order). Returns whether anything changed.
     */
    async replaceFacts(tx: Tx, documentId: string, before: ItemFacts | undefined, after: ItemFacts | undefined): Promise<boolean> {
      if (sameFacts(before, after)) return false;
      const daily = new Map<string, { unitId: string; personId: string; day: string; c: Counters }>();
      const totals = new Map<string, { unitId: string; personId: string; c: Counters }>();
      const add = (f: ItemFacts | undefined, sign: 1 | -1) => {
        if (!f) return;
        for (const { day, c } of contributions(f, sign)) {
          const dk = `${f.unitId}|${f.personId}|${day}`;
          const d = daily.get(dk) ?? { unitId: f.unitId, personId: f.personId, day, c: [0, 0, 0, 0, 0] };
          const tk = `${f.unitId}|${f.personId}`;
          const t = totals.get(tk) ?? { unitId: f.unitId, personId: f.personId, c: [0, 0, 0, 0, 0] };
          c.forEach((v, i) => {
            d.c[i] += v;
            t.c[i] += v;
          });
          daily.set(dk, d);
          totals.set(tk, t);
        }
      };
      add(before, -1);
      add(after, 1);
      const changed = <T extends { c: Counters }>(m: Map<string, T>) =>
        [...m.entries()]
          .filter(([, v]) => v.c.some((x) => x !== 0))
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([, v]) => v);
      const dailyRows = changed(daily);
      if (dailyRows.length > 0) {
        await tx.execute(sql`
          insert into report_daily (unit_id, person_id, day, ${cols})
          values ${sql.join(
            dailyRows.map((r) => sql`(${r.unitId}::uuid, ${r.personId}::uuid, ${r.day}::date, ${sql.join(r.c, sql`, `)})`),
            sql`, `,
          )}
          on conflict (unit_id, person_id, day) do update set ${addExcluded('report_daily')}`);
      }
      const totalRows = changed(totals);
      if (totalRows.length > 0) {
        await tx.execute(sql`
          insert into report_totals (unit_id, person_id, ${cols})
          values ${sql.join(
            totalRows.map((r) => sql`(${r.unitId}::uuid, ${r.personId}::uuid, ${sql.join(r.c, sql`, `)})`),
            sql`, `,
          )}
          on conflict (unit_id, person_id) do update set ${addExcluded('report_totals')}`);
      }
      // The same change per unit and day, added to the unit and every ancestor (report_subtree_*).
      const perUnit = (rows: { unitId: string; day?: string; c: Counters }[]) => {
        const m = new Map<string, { unitId: string; day?: string; c: Counters }>();
        for (const r of rows) {
          const k = `${r.unitId}|${r.day ?? ''}`;
          const u = m.get(k) ?? { unitId: r.unitId, day: r.day, c: [0, 0, 0, 0, 0] };
          r.c.forEach((v, i) => (u.c[i] += v));
          m.set(k, u);
        }
        return [...m.values()].filter((u) => u.c.some((x) => x !== 0));
      };
      const subtreeDaily = perUnit(dailyRows);
      if (subtreeDaily.length > 0) {
        await tx.execute(sql`
          insert into report_subtree_daily (organization_id, day, ${cols})
          select a.id, v.day, ${sumsOf('v')}
            from (values ${sql.join(
              subtreeDaily.map(
                (r) =>
                  sql`(${r.unitId}::uuid, ${r.day}::date, ${sql.join(
                    r.c.map((x) => sql`${x}::int`),
                    sql`, `,
                  )})`,
              ),
              sql`, `,
            )}) as v (unit_id, day, ${cols})
            join organizations u on u.id = v.unit_id
            join organizations a on a.path @> u.path
           group by a.id, v.day
           order by a.id, v.day
          on conflict (organization_id, day) do update set ${addExcluded('report_subtree_daily')}`);
      }
      const subtreeTotals = perUnit(totalRows);
      if (subtreeTotals.length > 0) {
        await tx.execute(sql`
          insert into report_subtree_totals (organization_id, ${cols})
          select a.id, ${sumsOf('v')}
            from (values ${sql.join(
              subtreeTotals.map(
                (r) =>
                  sql`(${r.unitId}::uuid, ${sql.join(
                    r.c.map((x) => sql`${x}::int`),
                    sql`, `,
                  )})`,
              ),
              sql`, `,
            )}) as v (unit_id, ${cols})
            join organizations u on u.id = v.unit_id
            join organizations a on a.path @> u.path
           group by a.id
           order by a.id
          on conflict (organization_id) do update set ${addExcluded('report_subtree_totals')}`);
      }
      if (!after) {
        await tx.execute(sql`delete from report_items where document_id = ${documentId}`);
      } else {
        await tx.execute(sql`
          insert into report_items (document_id, unit_id, person_id, received_on, due_on, done_on, done_late)
          values (${after.documentId}, ${after.unitId}, ${after.personId}, ${after.receivedOn}, ${after.dueOn}, ${after.doneOn}, ${after.doneLate})
          on conflict (document_id) do update set unit_id = excluded.unit_id, person_id = excluded.person_id, received_on = excluded.received_on,
            due_on = excluded.due_on, done_on = excluded.done_on, done_late = excluded.done_late`);
      }
      return true;
    },

    /**
     * Recomputes the three tables from the source tables, set-based, holding them locked so a
     * handling step's upkeep waits and then applies its change on top of the rebuilt facts.
     */
    async rebuild(tx: Tx): Promise<{ items: number; dailyRows: number; totalRows: number }> {
      await tx.execute(
        sql`lock table report_items, report_daily, report_totals, report_subtree_daily, report_subtree_totals in access exclusive mode`,
      );
      await tx.execute(sql`delete from report_subtree_daily`);
      await tx.execute(sql`delete from report_subtree_totals`);
      await tx.execute(sql`delete from report_daily`);
      await tx.execute(sql`delete from report_totals`);
      await tx.execute(sql`delete from report_items`);
      const items = await tx.execute(sql`
        insert into report_items (document_id, unit_id, person_id, received_on, due_on, done_on, done_late)
        select document_id, unit_id, person_id, received_on::date, due_on::date, done_on::date, done_late from (${factsQuery(sql`true`)}) f`);
      const daily = await tx.execute(sql`
        insert into report_daily (unit_id, person_id, day, received, done_on_time, done_late, due, due_done_on_time)
        select unit_id, person_id, day, sum(received), sum(done_on_time), sum(done_late), sum(due), sum(due_done_on_time)
          from (
            select unit_id, person_id, received_on as day, 1 as received, 0 as done_on_time, 0 as done_late, 0 as due, 0 as due_done_on_time from report_items
            union all
            select unit_id, person_id, done_on, 0, (not done_late)::int, done_late::int, 0, 0 from report_items where done_on is not null
            union all
            select unit_id, person_id, due_on, 0, 0, 0, 1, (done_on is not null and not done_late)::int from report_items where due_on is not null
          ) c
         group by unit_id, person_id, day`);
      const totals = await tx.execute(sql`
        insert into report_totals (unit_id, person_id, received, done_on_time, done_late, due, due_done_on_time)
        select unit_id, person_id, sum(received), sum(done_on_time), sum(done_late), sum(due), sum(due_done_on_time)
          from report_daily group by unit_id, person_id`);
      // Each unit's days added to itself and every ancestor, by the current paths.
      await tx.execute(sql`
        insert into report_subtree_daily (organization_id, day, ${cols})
        select a.id, d.day, ${sumsOf('d')}
          from (select unit_id, day, ${sumsAs('report_daily')} from report_daily group by unit_id, day) d
          join organizations u on u.id = d.unit_id
          join organizations a on a.path @> u.path
         group by a.id, d.day`);
      await tx.execute(sql`
        insert into report_subtree_totals (organization_id, ${cols})
        select organization_id, ${sumsAs('report_subtree_daily')} from report_subtree_daily group by organization_id`);
      return { items: items.count, dailyRows: daily.count, totalRows: totals.count };
    },

    /**
     * A subtree moved from under `oldPath`'s parent to under `newParentPath`: its rollup (the
     * subtree root's rows, which hold the whole subtree) leaves the old ancestors and joins the new
     * ones; shared ancestors net to nothing. Locks the rollup tables against concurrent upkeep first,
     * so no change of a unit in the subtree lands on ancestors the move has already settled.
     */
    async moveSubtree(
      tx: Tx,
      { organizationId, oldPath, newParentPath }: { organizationId: string; oldPath: string; newParentPath: string },
    ) {
      await tx.execute(sql`lock table report_subtree_daily, report_subtree_totals in share row exclusive mode`);
      const ancestors = sql`
        select id, -1 as sign from organizations where path @> subpath(${oldPath}::ltree, 0, nlevel(${oldPath}::ltree) - 1)
        union all
        select id, 1 from organizations where path @> ${newParentPath}::ltree`;
      const shifted = sql.raw(COUNTERS.map((k) => `sum(a.sign * r.${k})`).join(', '));
      const nonZero = sql.raw(COUNTERS.map((k) => `sum(a.sign * r.${k}) <> 0`).join(' or '));
      await tx.execute(sql`
        insert into report_subtree_daily (organization_id, day, ${cols})
        select a.id, r.day, ${shifted}
          from report_subtree_daily r cross join (${ancestors}) a
         where r.organization_id = ${organizationId}
         group by a.id, r.day
        having ${nonZero}
         order by a.id, r.day
        on conflict (organization_id, day) do update set ${addExcluded('report_subtree_daily')}`);
      await tx.execute(sql`
        insert into report_subtree_totals (organization_id, ${cols})
        select a.id, ${shifted}
          from report_subtree_totals r cross join (${ancestors}) a
         where r.organization_id = ${organizationId}
         group by a.id
        having ${nonZero}
         order by a.id
        on conflict (organization_id) do update set ${addExcluded('report_subtree_totals')}`);
    },
  };
}

export type AggregatesRepo = ReturnType<typeof createAggregatesRepo>;
