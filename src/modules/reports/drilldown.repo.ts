import { sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client.js';
import { documents } from '../../db/schema/index.js';
import { NO_PERSON } from '../../db/schema/reports.js';
import type { Principal } from '../auth/principal.js';
import { visibleDocumentCondition } from '../documents/documents.policy.js';
import type { HandlingCategory } from './drilldown.schemas.js';
import type { OrgRow, Period } from './reports.repo.js';

/** The statements below read `documents d` and hand this alias to the document rule. */
const d = alias(documents, 'd');

/** Which items a drill-down lists: a subtree, optionally one unit of it itself, optionally one person. */
export type Narrowing = { root: OrgRow; unitId?: string; personId?: string };

/**
 * The items of report_items (alias `ri`) a figure of the handling report counts, with the report's
 * definitions (reports.service.ts), R = received_on, C = done_on, D = due_on; and the date the list
 * is ordered by (the deadline for open items, the completion for done ones, else the registration).
 */
function category(c: HandlingCategory, { from, to, asOf }: Period): { where: SQL; sortDate: SQL } {
  const open = sql`ri.received_on <= ${to}::date and (ri.done_on is null or ri.done_on > ${to}::date)`;
  const byDue = sql`coalesce(ri.due_on, '9999-12-31'::date)`;
  switch (c) {
    case 'carriedOver':
      return {
        where: sql`ri.received_on < ${from}::date and (ri.done_on is null or ri.done_on >= ${from}::date)`,
        sortDate: sql`ri.received_on`,
      };
    case 'received':
      return { where: sql`ri.received_on between ${from}::date and ${to}::date`, sortDate: sql`ri.received_on` };
    case 'doneOnTime':
      return { where: sql`ri.done_on between ${from}::date and ${to}::date and not ri.done_late`, sortDate: sql`ri.done_on` };
    case 'doneLate':
      return { where: sql`ri.done_on between ${from}::date and ${to}::date and ri.done_late`, sortDate: sql`ri.done_on` };
    case 'openOverdue':
      return { where: sql`${open} and ri.due_on < ${asOf}::date`, sortDate: byDue };
    case 'openInTime':
      return { where: sql`${open} and (ri.due_on is null or ri.due_on >= ${asOf}::date)`, sortDate: byDue };
  }
}

export type HandlingDocumentRow = {
  documentId: string;
  sortDate: string;
  visible: boolean;
  typeName: string;
  number: string | null;
  notation: string | null;
  subject: string;
  issuerName: string | null;
  incomingNumber: number | null;
  receivedOn: string;
  dueOn: string | null;
  doneOn: string | null;
  doneLate: boolean | null;
  unitId: string;
  unitName: string;
  personId: string | null;
  personName: string | null;
};

export type AccountabilityItemRow = {
  intervalId: string;
  documentId: string;
  visible: boolean;
  number: string | null;
  notation: string | null;
  subject: string;
  holderUserId: string | null;
  holderName: string | null;
  unitId: string | null;
  unitName: string | null;
  role: string;
  startedAt: string;
  endedAt: string | null;
  dueOn: string;
  allottedWorkingDays: number | null;
  overrunWorkingDays: number;
};

const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
const int = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** SQL of the drill-downs: the documents behind a handling figure, the late custody behind an accountability row. */
export function createDrilldownRepo() {
  /** Items of report_items in the narrowing (a subtree through index report_items_unit_person_idx). */
  const itemScope = ({ root, unitId, personId }: Narrowing) => sql`
    from report_items ri
    join organizations uo on uo.id = ri.unit_id and uo.path <@ ${root.path}::ltree
    ${unitId ? sql`and ri.unit_id = ${unitId}::uuid` : sql``}
    ${personId ? sql`and ri.person_id = ${personId}::uuid` : sql``}`;

  /** Late custody intervals of the period in the narrowing, as the accountability report counts them. */
  const lateScope = ({ root, unitId, personId }: Narrowing, { from, to }: Pick<Period, 'from' | 'to'>) => sql`
    from custody_intervals ci
    left join users hu on hu.id = ci.holder_user_id
    join organizations uo on uo.id = coalesce(ci.holder_unit_id, hu.organization_id) and uo.path <@ ${root.path}::ltree
    where ci.overrun_working_days > 0 and ci.due_date between ${from}::date and ${to}::date and ci.role <> 'inform'
    ${unitId ? sql`and uo.id = ${unitId}::uuid` : sql``}
    ${personId === NO_PERSON ? sql`and ci.holder_user_id is null` : personId ? sql`and ci.holder_user_id = ${personId}::uuid` : sql``}`;

  return {
    async countHandlingDocuments(db: DbOrTx, n: Narrowing, c: HandlingCategory, period: Period): Promise<number> {
      const [row] = await db.execute<{ n: string }>(sql`select count(*) as n ${itemScope(n)} where ${category(c, period).where}`);
      return Number(row.n);
    },

    /** One page of the documents behind a figure, ordered by (sort date, document id), after `after`. */
    async handlingDocuments(
      db: DbOrTx,
      p: Principal,
      n: Narrowing,
      c: HandlingCategory,
      period: Period,
      page: { limit: number; after?: [string, string] },
    ): Promise<HandlingDocumentRow[]> {
      const { where, sortDate } = category(c, period);
      const after = page.after ? sql`and (${sortDate}, ri.document_id) > (${page.after[0]}::date, ${page.after[1]}::uuid)` : sql``;
      const rows = await db.execute<Record<string, unknown>>(sql`
        with pg as (
          select ri.*, ${sortDate}::text as sort_date, uo.name as unit_name ${itemScope(n)}
           where ${where} ${after}
           order by ${sortDate}, ri.document_id
           limit ${page.limit}
        )
        select pg.document_id, pg.sort_date, pg.unit_id, pg.unit_name, pg.received_on::text as received_on, pg.due_on::text as due_on,
               pg.done_on::text as done_on, pg.done_late, nullif(pg.person_id, ${NO_PERSON}::uuid) as person_id, pu.full_name as person_name,
               d.type_name, d.number, d.notation, d.subject, d.incoming_number, coalesce(io.name, d.issuer_name) as issuer_name,
               ${visibleDocumentCondition(p, d)} as visible
          from pg
          join documents d on d.id = pg.document_id
          left join organizations io on io.id = d.issuer_organization_id
          left join users pu on pu.id = pg.person_id
         order by pg.sort_date, pg.document_id`);
      return [...rows].map((r) => ({
        documentId: String(r.document_id),
        sortDate: String(r.sort_date),
        visible: r.visible === true,
        typeName: String(r.type_name),
        number: str(r.number),
        notation: str(r.notation),
        subject: String(r.subject),
        issuerName: str(r.issuer_name),
        incomingNumber: int(r.incoming_number),
        receivedOn: String(r.received_on),
        dueOn: str(r.due_on),
        doneOn: str(r.done_on),
        doneLate: r.done_late === null ? null : r.done_late === true,
        unitId: String(r.unit_id),
        unitName: String(r.unit_name),
        personId: str(r.person_id),
        personName: str(r.person_name),
      }));
    },

    async countLateCustody(db: DbOrTx, n: Narrowing, period: Pick<Period, 'from' | 'to'>): Promise<number> {
      const [row] = await db.execute<{ n: string }>(sql`select count(*) as n ${lateScope(n, period)}`);
      return Number(row.n);
    },

    /** One page of the late custody intervals, most working days beyond the allowance first, then by id. */
    async lateCustody(
      db: DbOrTx,
      p: Principal,
      n: Narrowing,
      period: Pick<Period, 'from' | 'to'>,
      page: { limit: number; after?: [number, string] },
    ): Promise<AccountabilityItemRow[]> {
      const after = page.after
        ? sql`and (ci.overrun_working_days < ${page.after[0]} or (ci.overrun_working_days = ${page.after[0]} and ci.id > ${page.after[1]}::uuid))`
        : sql``;
      const rows = await db.execute<Record<string, unknown>>(sql`
        with pg as (
          select ci.*, uo.id as unit_id, uo.name as unit_name, hu.full_name as holder_name ${lateScope(n, period)} ${after}
           order by ci.overrun_working_days desc, ci.id
           limit ${page.limit}
        )
        select pg.id, pg.document_id, pg.holder_user_id, pg.holder_name, pg.unit_id, pg.unit_name, pg.role,
               to_json(pg.started_at) #>> '{}' as started_at, to_json(pg.ended_at) #>> '{}' as ended_at, pg.due_date::text as due_on,
               pg.allotted_working_days, pg.overrun_working_days, d.number, d.notation, d.subject,
               ${visibleDocumentCondition(p, d)} as visible
          from pg join documents d on d.id = pg.document_id
         order by pg.overrun_working_days desc, pg.id`);
      return [...rows].map((r) => ({
        intervalId: String(r.id),
        documentId: String(r.document_id),
        visible: r.visible === true,
        number: str(r.number),
        notation: str(r.notation),
        subject: String(r.subject),
        holderUserId: str(r.holder_user_id),
        holderName: str(r.holder_name),
        unitId: str(r.unit_id),
        unitName: str(r.unit_name),
        role: String(r.role),
        startedAt: String(r.started_at),
        endedAt: str(r.ended_at),
        dueOn: String(r.due_on),
        allottedWorkingDays: int(r.allotted_working_days),
        overrunWorkingDays: Number(r.overrun_working_days),
      }));
    },
  };
}

export type DrilldownRepo = ReturnType<typeof createDrilldownRepo>;
