import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import type { OrgRow } from './reports.repo.js';

export type SentGroupBy = 'level' | 'recipient';
export type RecipientLevel = 'central' | 'province' | 'district' | 'commune' | 'other';

export type SentCounts = { sent: number; notRegistered: number; inProgress: number; finished: number; refused: number; late: number };
export type SentGroupRow = SentCounts & {
  level: RecipientLevel;
  recipientOrganizationId: string | null;
  recipientCode: string | null;
  recipientName: string | null;
};

const int = (v: unknown) => Number(v ?? 0);

/**
 * The sender's view (reports.service.ts `sent`): the copies the subtree at `root` sent in the
 * period, counted per recipient level or per recipient, from deliveries, the recipient's item in
 * the handling aggregates (report_items: its lead deadline and completion) and the sent document.
 */
export function createSentReportRepo() {
  return {
    async sent(
      db: DbOrTx,
      root: OrgRow,
      groupBy: SentGroupBy,
      { from, to, today }: { from: string; to: string; today: string },
    ): Promise<SentGroupRow[]> {
      // A recipient: an organisation of this deployment, else a remote organ code.
      const code = sql`case when f.recipient_organization_id is null then f.recipient_organ_id end`;
      const byRecipient = groupBy === 'recipient';
      const rows = await db.execute<Record<string, string | null>>(sql`
        with copies as (
          select dl.kind, dl.recipient_organization_id, dl.recipient_organ_id, dl.recipient_name, dl.status_code,
                 coalesce(ri.due_on, doc.due_date) as due_on,
                 coalesce(ri.done_on, case when dl.status_code = '06' then (dl.status_at at time zone 'Asia/Ho_Chi_Minh')::date end) as done_on,
                 ro.name as recipient_org_name,
                 case when dl.kind = 'internal' then
                   (select case a.level when 'ward' then 'commune' else a.level end
                      from organizations a
                     where a.path @> ro.path and a.level in ('province', 'district', 'commune', 'ward')
                     order by nlevel(a.path) desc limit 1)
                 when upper(dl.recipient_organ_id) ~ '(^|[.])G[0-9]{2}$' then 'central'
                 when upper(dl.recipient_organ_id) ~ '(^|[.])H[0-9]{2}$' then 'province'
                 end as level
            from deliveries dl
            join organizations s on s.id = dl.sender_organization_id and s.path <@ ${root.path}::ltree
            join documents doc on doc.id = dl.document_id
            left join organizations ro on ro.id = dl.recipient_organization_id
            left join report_items ri on ri.document_id = dl.recipient_document_id
           where dl.created_at >= (${from}::date)::timestamp at time zone 'Asia/Ho_Chi_Minh'
             and dl.created_at < (${to}::date + 1)::timestamp at time zone 'Asia/Ho_Chi_Minh'
             and dl.state <> 'recalled' and dl.recall_state is distinct from 'agreed'
        ), f as (
          select c.*, coalesce(c.level, 'other') as level_key from copies c
        )
        select f.level_key as level,
               ${byRecipient ? sql`f.recipient_organization_id::text` : sql`null::text`} as organization_id,
               ${byRecipient ? code : sql`null::text`} as code,
               ${byRecipient ? sql`min(coalesce(f.recipient_org_name, f.recipient_name))` : sql`null::text`} as name,
               count(*) as sent,
               count(*) filter (where f.status_code is null or f.status_code not in ('02', '03', '04', '05', '06')) as not_registered,
               count(*) filter (where f.status_code in ('03', '04', '05')) as in_progress,
               count(*) filter (where f.status_code = '06') as finished,
               count(*) filter (where f.status_code = '02') as refused,
               count(*) filter (where f.status_code is distinct from '02' and f.due_on is not null
                                  and (f.done_on > f.due_on or (f.done_on is null and f.due_on < ${today}::date))) as late
          from f
         group by ${byRecipient ? sql`f.level_key, f.recipient_organization_id, ${code}` : sql`f.level_key`}`);
      return [...rows].map((r) => ({
        level: r.level as RecipientLevel,
        recipientOrganizationId: r.organization_id,
        recipientCode: r.code,
        recipientName: r.name,
        sent: int(r.sent),
        notRegistered: int(r.not_registered),
        inProgress: int(r.in_progress),
        finished: int(r.finished),
        refused: int(r.refused),
        late: int(r.late),
      }));
    },
  };
}

export type SentReportRepo = ReturnType<typeof createSentReportRepo>;
