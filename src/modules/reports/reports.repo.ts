import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { NO_PERSON } from '../../db/schema/reports.js';

export type GroupBy = 'child' | 'unit' | 'person';

/** The handling counts of one group (definitions in reports.service.ts). */
export type HandlingCounts = {
  carriedOver: number;
  received: number;
  doneOnTime: number;
  doneLate: number;
  openOverdue: number;
};

export type HandlingGroupRow = HandlingCounts & { groupId: string; name: string | null };

export type Period = { from: string; to: string; asOf: string };

export type OrgRow = { id: string; name: string; path: string };

/**
 * The units of the subtree at `path`, each with its group: for `child`, the direct child of the
 * root that contains it (the root's own items group under the root).
 */
function scope(path: string): SQL {
  return sql`
    select o.id, g.id as group_id
      from organizations o
      join organizations g on g.path = subpath(o.path, 0, least(nlevel(o.path), nlevel(${path}::ltree) + 1))
     where o.path <@ ${path}::ltree`;
}

const int = (v: unknown) => Number(v ?? 0);

const COUNT_KEYS = ['carriedOver', 'received', 'doneOnTime', 'doneLate', 'openOverdue'] as const;

/**
 * Sums over daily counter rows `d` from the earlier of `from` and `asOf` on, per group: with the
 * totals they give every figure, since a sum over the days before a date is the total minus the
 * sum from that date on (so no row before the period is read).
 */
function dailySums(d: SQL, { from, to, asOf }: Period): SQL {
  return sql`
    sum(${d}.received) filter (where ${d}.day >= ${from}::date) as received_from,
    sum(${d}.done_on_time + ${d}.done_late) filter (where ${d}.day >= ${from}::date) as done_from,
    sum(${d}.received) filter (where ${d}.day between ${from}::date and ${to}::date) as received_in,
    sum(${d}.done_on_time) filter (where ${d}.day between ${from}::date and ${to}::date) as on_time_in,
    sum(${d}.done_late) filter (where ${d}.day between ${from}::date and ${to}::date) as late_in,
    sum(${d}.due) filter (where ${d}.day >= ${asOf}::date) as due_from_as_of,
    sum(${d}.due_done_on_time) filter (where ${d}.day >= ${asOf}::date) as due_on_time_from_as_of,
    sum(${d}.done_late) filter (where ${d}.day > ${to}::date) as late_after_to`;
}

/** The handling figures of a group from its totals rows `t` and their dailySums `s` (definitions in reports.service.ts). */
function handlingCounts(t: SQL, s: SQL): SQL {
  return sql`
    sum(${t}.received - coalesce(${s}.received_from, 0) - (${t}.done_on_time + ${t}.done_late - coalesce(${s}.done_from, 0))) as carried_over,
    sum(coalesce(${s}.received_in, 0)) as received,
    sum(coalesce(${s}.on_time_in, 0)) as done_on_time,
    sum(coalesce(${s}.late_in, 0)) as done_late,
    sum((${t}.due - coalesce(${s}.due_from_as_of, 0)) - (${t}.due_done_on_time - coalesce(${s}.due_on_time_from_as_of, 0))
        - (${t}.done_late - coalesce(${s}.late_after_to, 0))) as open_overdue`;
}

const toGroupRow = (r: Record<string, string | null>): HandlingGroupRow => ({
  groupId: r.group_id!,
  name: r.group_id === NO_PERSON ? null : r.name,
  carriedOver: int(r.carried_over),
  received: int(r.received),
  doneOnTime: int(r.done_on_time),
  doneLate: int(r.done_late),
  openOverdue: int(r.open_overdue),
});

/** SQL of the reports: the handling report from the aggregates, accountability from custody. */
export function createReportsRepo() {
  return {
    async findOrganization(db: DbOrTx, id: string): Promise<OrgRow | undefined> {
      const rows = await db.execute<OrgRow>(sql`select id, name, path::text as path from organizations where id = ${id}`);
      return rows[0];
    },

    /** The current direct children of an organisation, by name. */
    async children(db: DbOrTx, id: string): Promise<{ id: string; name: string }[]> {
      const rows = await db.execute<{ id: string; name: string }>(
        sql`select id, name from organizations where parent_id = ${id} and valid_to is null order by name, id`,
      );
      return [...rows];
    },

    /**
     * The handling counts per group, from report_totals and the report_daily rows on or after the
     * earlier of `from` and `asOf` only: a sum over the days before a date is the total minus the
     * sum from that date on, so no row before the period is read.
     */
    async handling(db: DbOrTx, root: OrgRow, groupBy: GroupBy, period: Period): Promise<HandlingGroupRow[]> {
      const { from, asOf } = period;
      const lower = from < asOf ? from : asOf;
      const name = (id: SQL) =>
        groupBy === 'person' ? sql`(select full_name from users where id = ${id})` : sql`(select name from organizations where id = ${id})`;
      if (groupBy === 'child') {
        // The subtree rollup holds each child's whole subtree in one row per day; the root's own
        // items are its subtree less its children's.
        const rows = await db.execute<Record<string, string | null>>(sql`
          with g as (select id from organizations where id = ${root.id}::uuid or parent_id = ${root.id}::uuid),
          s as (
            select d.organization_id, ${dailySums(sql`d`, period)}
              from report_subtree_daily d join g on g.id = d.organization_id
             where d.day >= ${lower}::date
             group by d.organization_id
          )
          select t.organization_id::text as group_id, ${name(sql`t.organization_id`)} as name, ${handlingCounts(sql`t`, sql`s`)}
            from report_subtree_totals t
            join g on g.id = t.organization_id
            left join s on s.organization_id = t.organization_id
           group by t.organization_id`);
        const groups = [...rows].map(toGroupRow);
        const own = groups.find((g) => g.groupId === root.id);
        const children = groups.filter((g) => g.groupId !== root.id);
        if (own) for (const k of COUNT_KEYS) own[k] -= children.reduce((sum, c) => sum + c[k], 0);
        return groups;
      }
      const key = groupBy === 'unit' ? sql`t.unit_id` : sql`t.person_id`;
      const rows = await db.execute<Record<string, string | null>>(sql`
        with sc as (select id from organizations where path <@ ${root.path}::ltree),
        s as (
          select d.unit_id, d.person_id, ${dailySums(sql`d`, period)}
            from report_daily d join sc on sc.id = d.unit_id
           where d.day >= ${lower}::date
           group by d.unit_id, d.person_id
        )
        select ${key}::text as group_id, ${name(key)} as name, ${handlingCounts(sql`t`, sql`s`)}
          from report_totals t
          join sc on sc.id = t.unit_id
          left join s on s.unit_id = t.unit_id and s.person_id = t.person_id
         group by ${key}`);
      return [...rows].map(toGroupRow);
    },

    /**
     * The units of the subtree holding the most items overdue today (openOverdue with
     * from = to = asOf = today), most first. No item is done after today, so only the daily rows of
     * deadlines from today on are read (a few days' worth), not the year.
     */
    async overdueUnits(
      db: DbOrTx,
      root: OrgRow,
      today: string,
      limit: number,
    ): Promise<{ id: string; name: string; openOverdue: number }[]> {
      const rows = await db.execute<{ id: string; name: string; open_overdue: string }>(sql`
        with sc as (select id from organizations where path <@ ${root.path}::ltree),
        t as (
          select t.unit_id, sum(t.due - t.due_done_on_time - t.done_late) as overdue
            from report_totals t join sc on sc.id = t.unit_id
           group by t.unit_id
        ), s as (
          select d.unit_id, sum(d.due - d.due_done_on_time) as not_yet_due
            from report_daily d join sc on sc.id = d.unit_id
           where d.day >= ${today}::date
           group by d.unit_id
        )
        select t.unit_id::text as id, o.name, t.overdue - coalesce(s.not_yet_due, 0) as open_overdue
          from t join organizations o on o.id = t.unit_id left join s on s.unit_id = t.unit_id
         where t.overdue - coalesce(s.not_yet_due, 0) > 0
         order by 3 desc, o.name, o.id
         limit ${limit}`);
      return [...rows].map((r) => ({ id: r.id, name: r.name, openOverdue: int(r.open_overdue) }));
    },

    /**
     * Holders of late custody (intervals that overran their allowance) whose deadline falls in the
     * period, in the subtree, ranked by working days beyond their allowance. Reads only late
     * intervals of the period (index custody_intervals_late_due_idx).
     */
    async accountability(
      db: DbOrTx,
      root: OrgRow,
      groupBy: GroupBy,
      { from, to }: Pick<Period, 'from' | 'to'>,
      limit: number,
    ): Promise<{ groupId: string | null; name: string | null; documents: number; intervals: number; overrunWorkingDays: number }[]> {
      const key = groupBy === 'child' ? sql`sc.group_id` : groupBy === 'unit' ? sql`late.unit_id` : sql`late.holder_user_id`;
      const name =
        groupBy === 'person'
          ? sql`(select full_name from users where id = r.group_id)`
          : sql`(select name from organizations where id = r.group_id)`;
      const rows = await db.execute<Record<string, string | null>>(sql`
        with sc as (${scope(root.path)}),
        late as (
          select ci.document_id, ci.holder_user_id, coalesce(ci.holder_unit_id, u.organization_id) as unit_id, ci.overrun_working_days
            from custody_intervals ci left join users u on u.id = ci.holder_user_id
           where ci.overrun_working_days > 0 and ci.due_date between ${from}::date and ${to}::date and ci.role <> 'inform'
        ), r as (
          select ${key} as group_id, count(distinct late.document_id) as documents, count(*) as intervals,
                 sum(late.overrun_working_days) as overrun
            from late join sc on sc.id = late.unit_id
           group by 1
        )
        select r.group_id::text as group_id, ${name} as name, r.documents, r.intervals, r.overrun from r
         order by r.overrun desc, r.documents desc, r.group_id
         limit ${limit}`);
      return [...rows].map((r) => ({
        groupId: r.group_id,
        name: r.name,
        documents: int(r.documents),
        intervals: int(r.intervals),
        overrunWorkingDays: int(r.overrun),
      }));
    },
  };
}

export type ReportsRepo = ReturnType<typeof createReportsRepo>;
