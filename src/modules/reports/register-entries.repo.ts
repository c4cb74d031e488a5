import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';

/** The period and scope of one register read: an organisation's own documents, Vietnamese dates both included. */
export type RegisterScope = { organizationId: string; from: string; to: string; registerId?: string };

/** Raw facts of one incoming register entry (register-columns.ts turns them into the Phụ lục IV columns). */
export type IncomingEntry = {
  id: string;
  registeredAt: string;
  registeredOn: string;
  incomingNumber: number | null;
  issuer: string | null;
  number: string | null;
  notation: string | null;
  promulgationDate: string | null;
  typeName: string;
  subject: string;
  status: string;
  urgency: string;
  recipients: string | null;
  forwardedOn: string | null;
  leadHolder: string | null;
  acknowledgedAt: string | null;
  leadDueDate: string | null;
  leadDoneOn: string | null;
  assigned: boolean;
  replyNumber: string | null;
  replyNotation: string | null;
};

export type OutgoingEntry = {
  id: string;
  number: string | null;
  notation: string | null;
  promulgationDate: string;
  sortNumber: string;
  typeName: string;
  subject: string;
  signerName: string | null;
  status: string;
  urgency: string;
  recipients: string | null;
  copies: number;
  keeper: string | null;
  dispatchedOn: string | null;
  /** The recipients that registered their copy (status 03 or later), with when. */
  acknowledgements: { by: string; at: string }[];
};

const VN = sql.raw(`'Asia/Ho_Chi_Minh'`);
/** An instant as ISO 8601 text (UTC) to the microsecond, so a keyset cursor holding it is exact. */
const isoUs = (col: SQL) => sql`to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
/** An instant as shown to clients: ISO 8601 (UTC) to the millisecond, as `Date.toISOString` writes it. */
const iso = (col: SQL) => sql`to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
/** Register numbers are digit strings ("01", "123"): padded, they sort as numbers (index documents_owner_issued_idx). */
const SORT_NUMBER = sql`lpad(coalesce(d.number, ''), 12, '0')`;

/**
 * SQL of the registers (sổ đăng ký văn bản đến/đi, sổ theo dõi giải quyết văn bản đến): pages of an
 * organisation's documents in register order, read with a keyset cursor so an export of any size
 * holds one page at a time. Only normal documents: secret ones are kept in separate registers
 * (REPORTS.md), not printed here.
 */
export function createRegisterEntriesRepo() {
  return {
    /**
     * Incoming entries registered in the period, in registration order (= số đến order within a
     * register; entries of one instant by số đến), after the entry `after` (registered_at, số đến,
     * id). Index documents_owner_registered_idx.
     */
    async incoming(db: DbOrTx, s: RegisterScope, after: [string, string, string] | null, limit: number): Promise<IncomingEntry[]> {
      const rows = await db.execute<Record<string, unknown>>(sql`
        select d.id::text as id, ${isoUs(sql`d.registered_at`)} as registered_at,
               (d.registered_at at time zone ${VN})::date::text as registered_on,
               d.incoming_number, coalesce(d.issuer_name, io.name) as issuer, d.number, d.notation,
               d.promulgation_date::text as promulgation_date, d.type_name, d.subject, d.status, d.urgency,
               fwd.recipients, (fwd.forwarded_at at time zone ${VN})::date::text as forwarded_on, fwd.assigned,
               lead.holder as lead_holder, ${iso(sql`lead.acknowledged_at`)} as acknowledged_at,
               lead.due_date::text as lead_due_date,
               case when lead.status = 'done' then (lead.completed_at at time zone ${VN})::date::text end as lead_done_on,
               reply.number as reply_number, reply.notation as reply_notation
          from documents d
          left join organizations io on io.id = d.issuer_organization_id
          -- Đơn vị hoặc người nhận, Ngày chuyển: whom the document was forwarded to (top-level assignments), lead first.
          left join lateral (
            select string_agg(coalesce(u.full_name, o.name), '; '
                              order by case a.role when 'lead' then 0 when 'coordinate' then 1 else 2 end, a.created_at, a.id) as recipients,
                   min(a.created_at) as forwarded_at, count(*) > 0 as assigned
              from assignments a
              left join users u on u.id = a.assignee_user_id
              left join organizations o on o.id = a.assignee_unit_id
             where a.document_id = d.id and a.parent_id is null and a.status <> 'cancelled'
          ) fwd on true
          -- Ký nhận: the lead's first act on its assignment in the system (a progress note, a
          -- re-assignment or its completion); the deadline and completion that count (handling report rules).
          left join lateral (
            select coalesce(u.full_name, o.name) as holder, l.due_date, l.status, l.completed_at,
                   least((select min(n.created_at) from progress_notes n where n.assignment_id = l.id),
                         (select min(c.created_at) from assignments c where c.parent_id = l.id),
                         l.completed_at) as acknowledged_at
              from assignments l
              left join users u on u.id = l.assignee_user_id
              left join organizations o on o.id = l.assignee_unit_id
             where l.document_id = d.id and l.parent_id is null and l.role = 'lead' and l.status in ('open', 'done')
             order by l.created_at, l.id
             limit 1
          ) lead on true
          left join lateral (
            select rd.number, rd.notation
              from assignments a join documents rd on rd.id = a.reply_document_id
             where a.document_id = d.id and a.reply_document_id is not null
             order by a.completed_at nulls last, a.id
             limit 1
          ) reply on true
         where d.owner_organization_id = ${s.organizationId}::uuid
           and d.direction = 'incoming' and d.registered_at is not null and d.confidentiality = 'normal'
           and d.registered_at >= (${s.from}::date::timestamp at time zone ${VN})
           and d.registered_at < ((${s.to}::date + 1)::timestamp at time zone ${VN})
           ${s.registerId ? sql`and d.register_id = ${s.registerId}::uuid` : sql``}
           ${after ? sql`and (d.registered_at, coalesce(d.incoming_number, 0), d.id) > (${after[0]}::timestamptz, ${after[1]}::int, ${after[2]}::uuid)` : sql``}
         order by d.registered_at, coalesce(d.incoming_number, 0), d.id
         limit ${limit}`);
      return [...rows].map((r) => ({
        id: String(r.id),
        registeredAt: String(r.registered_at),
        registeredOn: String(r.registered_on),
        incomingNumber: r.incoming_number === null ? null : Number(r.incoming_number),
        issuer: (r.issuer as string | null) ?? null,
        number: (r.number as string | null) ?? null,
        notation: (r.notation as string | null) ?? null,
        promulgationDate: (r.promulgation_date as string | null) ?? null,
        typeName: String(r.type_name),
        subject: String(r.subject),
        status: String(r.status),
        urgency: String(r.urgency),
        recipients: (r.recipients as string | null) ?? null,
        forwardedOn: (r.forwarded_on as string | null) ?? null,
        assigned: r.assigned === true,
        leadHolder: (r.lead_holder as string | null) ?? null,
        acknowledgedAt: (r.acknowledged_at as string | null) ?? null,
        leadDueDate: (r.lead_due_date as string | null) ?? null,
        leadDoneOn: (r.lead_done_on as string | null) ?? null,
        replyNumber: (r.reply_number as string | null) ?? null,
        replyNotation: (r.reply_notation as string | null) ?? null,
      }));
    },

    /**
     * Outgoing entries issued in the period (số, ký hiệu given), in register order (date, then
     * number), after `after` (promulgation date, padded number, id). Index documents_owner_issued_idx.
     */
    async outgoing(db: DbOrTx, s: RegisterScope, after: [string, string, string] | null, limit: number): Promise<OutgoingEntry[]> {
      const rows = await db.execute<Record<string, unknown>>(sql`
        select d.id::text as id, d.number, d.notation, d.promulgation_date::text as promulgation_date,
               ${SORT_NUMBER} as sort_number, d.type_name, d.subject, d.signer_name, d.status, d.urgency,
               coalesce(du.name, owner.name) as keeper,
               dl.recipients, coalesce(dl.copies, 0) as copies, (dl.dispatched_at at time zone ${VN})::date::text as dispatched_on,
               coalesce(dl.acks, '[]'::jsonb) as acks
          from documents d
          join organizations owner on owner.id = d.owner_organization_id
          -- Đơn vị, người nhận bản lưu: the drafting unit keeps the file copy (Decree 30 Art. 19).
          left join drafts dr on dr.document_id = d.id
          left join organizations du on du.id = dr.drafting_unit_id
          left join lateral (
            select string_agg(x.recipient_name, '; ' order by x.created_at, x.recipient_name, x.id) as recipients,
                   count(*) as copies, min(x.created_at) as dispatched_at,
                   jsonb_agg(jsonb_build_object('by', x.recipient_name, 'at', ${iso(sql`x.acknowledged_at`)}) order by x.acknowledged_at, x.id)
                     filter (where x.acknowledged_at is not null) as acks
              from (
                select dv.id, dv.recipient_name, dv.created_at,
                       (select min((e->>'at')::timestamptz) from jsonb_array_elements(dv.history) e
                         where e->>'event' = 'status' and e->>'code' in ('03', '04', '05', '06')) as acknowledged_at
                  from deliveries dv
                 where dv.document_id = d.id and dv.state <> 'recalled'
              ) x
          ) dl on true
         where d.owner_organization_id = ${s.organizationId}::uuid
           and d.direction = 'outgoing' and d.promulgation_date is not null and d.number is not null
           and d.status in ('issued', 'recalled') and d.confidentiality = 'normal'
           and d.promulgation_date between ${s.from}::date and ${s.to}::date
           ${s.registerId ? sql`and d.register_id = ${s.registerId}::uuid` : sql``}
           ${after ? sql`and (d.promulgation_date, ${SORT_NUMBER}, d.id) > (${after[0]}::date, ${after[1]}::text, ${after[2]}::uuid)` : sql``}
         order by d.promulgation_date, ${SORT_NUMBER}, d.id
         limit ${limit}`);
      return [...rows].map((r) => ({
        id: String(r.id),
        number: (r.number as string | null) ?? null,
        notation: (r.notation as string | null) ?? null,
        promulgationDate: String(r.promulgation_date),
        sortNumber: String(r.sort_number),
        typeName: String(r.type_name),
        subject: String(r.subject),
        signerName: (r.signer_name as string | null) ?? null,
        status: String(r.status),
        urgency: String(r.urgency),
        keeper: (r.keeper as string | null) ?? null,
        recipients: (r.recipients as string | null) ?? null,
        copies: Number(r.copies),
        dispatchedOn: (r.dispatched_on as string | null) ?? null,
        acknowledgements: (typeof r.acks === 'string' ? JSON.parse(r.acks) : r.acks) as { by: string; at: string }[],
      }));
    },

    /** A register (sổ) of the organisation, by id: the optional registerId filter must name one of its own. */
    async registerOf(db: DbOrTx, organizationId: string, registerId: string): Promise<{ id: string; name: string } | undefined> {
      const rows = await db.execute<{ id: string; name: string }>(
        sql`select id::text as id, name from registers where id = ${registerId}::uuid and organization_id = ${organizationId}::uuid`,
      );
      return rows[0];
    },
  };
}

export type RegisterEntriesRepo = ReturnType<typeof createRegisterEntriesRepo>;
