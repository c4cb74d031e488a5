import { documents } from '../../db/schema/index.js';
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { EXACT_TOTAL_CAP, countMatches, type ListTotal } from '../../db/count.js';
import type { Principal } from '../auth/principal.js';
import { documentCodeSql } from '../documents/document-code.js';
import { visibleDocumentCondition } from '../documents/documents.policy.js';
import type { WorkListName } from './worklists.schemas.js';
import { uuidArray } from '../../db/sql-arrays.js';

/** Who the caller is for the lists: themselves, the organisations they clerk or lead, whom they act for by delegation. */
export type ListOwner = {
  principal: Principal;
  clerkOrgs: string[];
  /** Organisations whose sent documents the caller follows (clerk or leader there). */
  senderOrgs: string[];
  approveFor: string[];
  signFor: string[];
};

export type EntryRow = {
  entry_id: string;
  at: string;
  document_id: string;
  direction: string;
  code: string | null;
  subject: string;
  type_name: string;
  issuer_name: string | null;
  urgency: string;
  document_status: string;
  document_due: string | null;
  presentation_due: string | null;
  assignment_id: string | null;
  role: string | null;
  assignment_status: string | null;
  overdue_since: string | null;
  assignment_due: string | null;
  assignee_user_id: string | null;
  assignee_user_name: string | null;
  assignee_unit_id: string | null;
  assignee_unit_name: string | null;
  extension_status: string | null;
  extension_due: string | null;
  extension_reason: string | null;
  step_id: string | null;
  step_name: string | null;
  step_due: string | null;
  is_signing_step: boolean | null;
  acting_for_id: string | null;
  drafter_id: string | null;
  drafter_name: string | null;
  notice_type: number | null;
  notice_reason: string | null;
  pending_recipients: number | null;
};

/** Columns every branch yields, null where a list has nothing to say. */
type Branch = {
  entryId: SQL;
  at: SQL;
  documentId: SQL;
  from: SQL;
  assignmentId?: SQL;
  stepApproverId?: SQL;
  presentationDue?: SQL;
  noticeKey?: SQL;
  pendingRecipients?: SQL;
};

const branchSql = (b: Branch): SQL => sql`select ${b.entryId} as entry_id, ${b.at} as at, ${b.documentId} as document_id,
    ${b.assignmentId ?? sql`null::uuid`} as assignment_id, ${b.stepApproverId ?? sql`null::uuid`} as step_approver_id,
    ${b.presentationDue ?? sql`null::date`} as presentation_due, ${b.noticeKey ?? sql`null::text`} as notice_kind,
    ${b.pendingRecipients ?? sql`null::int`} as pending_recipients
  ${b.from}`;

/**
 * Each personal list as the rows that make it up, one statement each, served by an index on the
 * caller's key (assigner, holder, drafter, signer, approver, owner organisation, sender organisation).
 */
function listSql(name: WorkListName, o: ListOwner, status: 'open' | 'overdue' | 'done' = 'open'): SQL {
  const me = sql`${o.principal.id}::uuid`;
  switch (name) {
    case 'presented':
      // The clerk's presentation opens the leader's document-level custody; directing (or a return) closes it.
      return branchSql({
        entryId: sql`ci.id`,
        at: sql`ci.started_at`,
        documentId: sql`ci.document_id`,
        presentationDue: sql`ci.due_date`,
        from: sql`from custody_intervals ci
          where ci.holder_user_id = ${me} and ci.ended_at is null and ci.role = 'leader' and ci.assignment_id is null`,
      });
    case 'extension-requests':
      return branchSql({
        entryId: sql`a.id`,
        at: sql`a.updated_at`,
        documentId: sql`a.document_id`,
        assignmentId: sql`a.id`,
        from: sql`from assignments a where a.assigner_id = ${me} and a.status = 'open' and a.extension_status = 'requested'`,
      });
    case 'assigned-by-me': {
      const cond =
        status === 'done'
          ? sql`a.status = 'done'`
          : status === 'overdue'
            ? sql`a.status = 'open' and a.overdue_since is not null`
            : sql`a.status = 'open'`;
      return branchSql({
        entryId: sql`a.id`,
        at: sql`a.created_at`,
        documentId: sql`a.document_id`,
        assignmentId: sql`a.id`,
        from: sql`from assignments a where a.assigner_id = ${me} and ${cond}`,
      });
    }
    case 'drafts':
      return branchSql({
        entryId: sql`dr.document_id`,
        at: sql`dd.updated_at`,
        documentId: sql`dr.document_id`,
        from: sql`from drafts dr join documents dd on dd.id = dr.document_id
          where dr.drafter_id = ${me} and dd.status in ('draft', 'in_approval', 'returned')`,
      });
    case 'approvals':
      // As GET /approvals: the caller's own seats, and a delegator's when the delegation covers the step's kind.
      return branchSql({
        entryId: sql`ap.id`,
        at: sql`coalesce(s.activated_at, i.started_at)`,
        documentId: sql`i.document_id`,
        stepApproverId: sql`ap.id`,
        from: sql`from approval_step_approvers ap join approval_steps s on s.id = ap.step_id join approval_instances i on i.id = s.instance_id
          where (ap.user_id = ${me} or (ap.user_id = any(${uuidArray(o.approveFor)}) and not s.is_signing_step)
                 or (ap.user_id = any(${uuidArray(o.signFor)}) and s.is_signing_step))
            and ap.decision is null and s.status = 'active' and i.status = 'running'`,
      });
    case 'to-sign':
      return branchSql({
        entryId: sql`dr.document_id`,
        at: sql`coalesce(dr.approved_at, dd.updated_at)`,
        documentId: sql`dr.document_id`,
        from: sql`from drafts dr join documents dd on dd.id = dr.document_id
          where (dr.signer_user_id = ${me} or dr.signer_user_id = any(${uuidArray(o.signFor)})) and dd.status = 'approved'`,
      });
    case 'to-issue':
      return branchSql({
        entryId: sql`dd.id`,
        at: sql`dd.updated_at`,
        documentId: sql`dd.id`,
        from: sql`from documents dd where dd.owner_organization_id = any(${uuidArray(o.clerkOrgs)}) and dd.status = 'signed'`,
      });
    case 'notices':
      return branchSql({
        // One of each kind per document (the table's key): the pair named as one id.
        entryId: sql`md5(ir.document_id::text || ir.kind)::uuid`,
        at: sql`ir.created_at`,
        documentId: sql`ir.document_id`,
        noticeKey: sql`ir.kind`,
        from: sql`from inbound_recalls ir join documents dd on dd.id = ir.document_id
          where ir.answer is null and dd.owner_organization_id = any(${uuidArray(o.clerkOrgs)})`,
      });
    case 'unregistered-recipients':
      // Not registered nor refused yet: queued, or arrived (01) and waiting for the recipient's clerk.
      return sql`select dl.document_id as entry_id, max(dl.created_at) as at, dl.document_id, null::uuid as assignment_id,
          null::uuid as step_approver_id, null::date as presentation_due, null::text as notice_kind, count(*)::int as pending_recipients
        from deliveries dl
       where dl.sender_organization_id = any(${uuidArray(o.senderOrgs)}) and dl.state in ('pending', 'delivered')
         and (dl.status_code is null or dl.status_code = '01')
       group by dl.document_id`;
  }
}

/** Lists whose relation is itself the right to see the draft (approvals' rule: its drafter, its approvers, its signer). */
const DRAFT_LISTS: readonly WorkListName[] = ['drafts', 'approvals', 'to-sign'];

/** The list's rows the caller may see: documents.policy.ts, the rule of every read, for documents other than drafts. */
const visibleRows = (name: WorkListName, o: ListOwner, status?: 'open' | 'overdue' | 'done'): SQL =>
  DRAFT_LISTS.includes(name)
    ? listSql(name, o, status)
    : sql`select e.* from (${listSql(name, o, status)}) e join documents on documents.id = e.document_id where ${visibleDocumentCondition(o.principal, documents)}`;

/** SQL of the personal work lists: reads across the tables of handling, tracking, approvals, documents and exchange (owning none). */
export function createWorklistsRepo() {
  return {
    async page(
      db: DbOrTx,
      name: WorkListName,
      o: ListOwner,
      q: { status?: 'open' | 'overdue' | 'done'; limit: number; after?: { at: string; id: string } },
    ): Promise<EntryRow[]> {
      const after = q.after ? sql`where (v.at, v.entry_id) < (${q.after.at}::timestamptz, ${q.after.id}::uuid)` : sql``;
      const rows = await db.execute<EntryRow>(sql`
        with e as (select * from (${visibleRows(name, o, q.status)}) v ${after} order by v.at desc, v.entry_id desc limit ${q.limit})
        select e.entry_id, e.at::text as at, d.id as document_id, d.direction, ${documentCodeSql('d')} as code, d.subject, d.type_name,
               d.issuer_name, d.urgency, d.status as document_status, d.due_date::text as document_due, e.presentation_due::text as presentation_due,
               a.id as assignment_id, a.role, a.status as assignment_status, a.overdue_since::text as overdue_since,
               a.due_date::text as assignment_due, a.assignee_user_id, au.full_name as assignee_user_name, a.assignee_unit_id,
               ao.name as assignee_unit_name, a.extension_status, a.extension_requested_due_date::text as extension_due,
               a.extension_reason, s.id as step_id, s.name as step_name, s.due_date::text as step_due, s.is_signing_step,
               case when ap.user_id <> ${o.principal.id}::uuid then ap.user_id end as acting_for_id,
               dr.drafter_id, du.full_name as drafter_name,
               case e.notice_kind when 'recall' then 1 when 'notice' then ir.business_type end as notice_type,
               ir.reason as notice_reason, e.pending_recipients
          from e join documents d on d.id = e.document_id
          left join assignments a on a.id = e.assignment_id
          left join users au on au.id = a.assignee_user_id
          left join organizations ao on ao.id = a.assignee_unit_id
          left join approval_step_approvers ap on ap.id = e.step_approver_id
          left join approval_steps s on s.id = ap.step_id
          left join drafts dr on dr.document_id = d.id
          left join users du on du.id = dr.drafter_id
          left join inbound_recalls ir on ir.document_id = e.document_id and ir.kind = e.notice_kind
         order by e.at desc, e.entry_id desc`);
      return [...rows];
    },

    async count(db: DbOrTx, name: WorkListName, o: ListOwner, status?: 'open' | 'overdue' | 'done'): Promise<ListTotal> {
      return countMatches(db, visibleRows(name, o, status));
    },

    /**
     * Every list's count, and the `extra` counts (each the SELECT of its matching rows), in one
     * statement; each capped at EXACT_TOTAL_CAP + 1: a count past it is a lower bound.
     */
    async countAll(
      db: DbOrTx,
      names: readonly WorkListName[],
      o: ListOwner,
      extra: Partial<Record<string, SQL>> = {},
    ): Promise<Record<string, number>> {
      const capped = (name: string, matches: SQL) =>
        sql`(select count(*)::int from (${matches} limit ${EXACT_TOTAL_CAP + 1}) c) as ${sql.identifier(name)}`;
      const columns = [
        ...names.map((name) => capped(name, visibleRows(name, o))),
        ...Object.entries(extra).flatMap(([name, matches]) => (matches ? [capped(name, matches)] : [])),
      ];
      const [row] = await db.execute<Record<string, number>>(sql`select ${sql.join(columns, sql`, `)}`);
      return row;
    },

    /** The incoming documents of the organisations the caller clerks in `status`, as GET /documents lists them (visible to the caller). */
    incomingOfClerk(o: ListOwner, status: 'received' | 'registered'): SQL {
      return sql`select documents.id from documents where documents.owner_organization_id = any(${uuidArray(o.clerkOrgs)})
        and documents.direction = 'incoming' and documents.status = ${status} and ${visibleDocumentCondition(o.principal, documents)}`;
    },
  };
}

export type WorklistsRepo = ReturnType<typeof createWorklistsRepo>;
