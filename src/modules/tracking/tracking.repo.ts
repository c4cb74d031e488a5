import { and, asc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client.js';
import { custodyIntervals, documents } from '../../db/schema/index.js';
import { uuidArray } from '../../db/sql-arrays.js';
import type { Principal } from '../auth/principal.js';
import { visibleDocumentCondition } from '../documents/documents.policy.js';

export type CustodyIntervalRow = typeof custodyIntervals.$inferSelect;
export type NewCustodyInterval = typeof custodyIntervals.$inferInsert;

/** Which open intervals a hand-over ends. */
export type OpenIntervalFilter = {
  documentId: string;
  /** Intervals of these assignments. */
  assignmentIds?: string[];
  /** Intervals held for the document itself (registration, presentation: no assignment). */
  documentLevel?: boolean;
  /** Only those held by this user. */
  holderUserId?: string;
};

export type SweptAssignment = { assignmentId: string; documentId: string; holderUserId: string | null; holderUnitId: string | null };
/** A document flagged overdue and one who held it then. */
export type SweptDocument = Omit<SweptAssignment, 'assignmentId'> & { assignmentId: null };

/** overrunStart (tracking.service.ts) in SQL, over `custody_intervals ci`: Vietnam is UTC+7 all year. */
const OVERRUN_START = sql`greatest(ci.due_date, (ci.started_at at time zone 'Asia/Ho_Chi_Minh')::date)`;

/** SQL of custody intervals, overdue records and the timeline. */
/**
 * The INSERT of clerk intervals, for a caller that runs it as a part of its own statement (an
 * upload writes everything in one); two array parameters, whatever the batch size.
 */
const clerkIntervalsInsert = (entries: readonly { documentId: string; holderUnitId: string }[]): SQL => sql`
  insert into custody_intervals (document_id, holder_unit_id, role)
  select e.document_id, e.holder_unit_id, 'clerk'
    from unnest(${uuidArray(entries.map((e) => e.documentId))}, ${uuidArray(entries.map((e) => e.holderUnitId))}) as e(document_id, holder_unit_id)`;

export function createTrackingRepo() {
  return {
    clerkIntervalsInsert,

    async insertIntervals(tx: Tx, rows: NewCustodyInterval[]): Promise<CustodyIntervalRow[]> {
      const inserted: CustodyIntervalRow[] = [];
      // Statements of at most 1,000 rows: a reorganisation hands over thousands at once.
      for (let i = 0; i < rows.length; i += 1000)
        inserted.push(
          ...(await tx
            .insert(custodyIntervals)
            .values(rows.slice(i, i + 1000))
            .returning()),
        );
      return inserted;
    },

    /** The clerks' first intervals, started at the transaction's start (the received document's created_at). */
    async insertClerkIntervals(tx: Tx, entries: readonly { documentId: string; holderUnitId: string }[]): Promise<void> {
      // A fan-out writes a hundred at once.
      if (entries.length > 0) await tx.execute(clerkIntervalsInsert(entries));
    },

    /** Open intervals matching the filter, locked until the caller's transaction ends. */
    async lockOpen(tx: Tx, f: OpenIntervalFilter): Promise<CustodyIntervalRow[]> {
      const scope: SQL[] = [];
      if (f.assignmentIds && f.assignmentIds.length > 0) scope.push(inArray(custodyIntervals.assignmentId, f.assignmentIds));
      if (f.documentLevel) scope.push(isNull(custodyIntervals.assignmentId));
      if (scope.length === 0) return [];
      const conditions = [
        eq(custodyIntervals.documentId, f.documentId),
        isNull(custodyIntervals.endedAt),
        sql`(${sql.join(scope, sql` or `)})`,
      ];
      if (f.holderUserId) conditions.push(eq(custodyIntervals.holderUserId, f.holderUserId));
      return tx
        .select()
        .from(custodyIntervals)
        .where(and(...conditions))
        .orderBy(asc(custodyIntervals.startedAt))
        .for('update');
    },

    /** Open intervals held by one of the units, locked until the caller's transaction ends. */
    async lockOpenHeldByUnits(tx: Tx, unitIds: string[]): Promise<CustodyIntervalRow[]> {
      if (unitIds.length === 0) return [];
      return tx
        .select()
        .from(custodyIntervals)
        .where(and(inArray(custodyIntervals.holderUnitId, unitIds), isNull(custodyIntervals.endedAt)))
        .orderBy(asc(custodyIntervals.documentId), asc(custodyIntervals.startedAt))
        .for('update');
    },

    /** Ends many intervals in statements of at most 5,000 (a reorganisation's hand-over). */
    async closeMany(tx: Tx, closing: { id: string; overrunWorkingDays: number | null }[], endedAt: Date): Promise<void> {
      for (let i = 0; i < closing.length; i += 5000) {
        const values = sql.join(
          closing.slice(i, i + 5000).map((c) => sql`(${c.id}::uuid, ${c.overrunWorkingDays}::int)`),
          sql`, `,
        );
        await tx.execute(sql`
          update custody_intervals ci set ended_at = ${endedAt.toISOString()}::timestamptz, overrun_working_days = v.overrun
            from (values ${values}) as v(id, overrun) where ci.id = v.id`);
      }
    },

    async close(tx: Tx, closing: { id: string; overrunWorkingDays: number | null }[], endedAt: Date): Promise<void> {
      for (const c of closing) {
        await tx.update(custodyIntervals).set({ endedAt, overrunWorkingDays: c.overrunWorkingDays }).where(eq(custodyIntervals.id, c.id));
      }
    },

    /** Moves the deadline of an assignment's open intervals (an extension was granted). */
    async updateOpenDue(
      tx: Tx,
      assignmentId: string,
      fields: { dueDate: string; allottedWorkingDays: number | null; overrunWorkingDays: number | null },
    ): Promise<void> {
      await tx
        .update(custodyIntervals)
        .set(fields)
        .where(and(eq(custodyIntervals.assignmentId, assignmentId), isNull(custodyIntervals.endedAt)));
    },

    /**
     * Flags up to `limit` open assignments whose due date is before `today` and not yet flagged,
     * and records who holds each: the open custody intervals of the assignment and of its open
     * descendants (re-assignments inside the unit), or the assignee when none is open. One
     * statement, so a crash leaves nothing half-done; SKIP LOCKED lets replicas share the work and
     * `overdue_since is null` makes a second run a no-op.
     */
    async flagOverdueAssignments(tx: Tx, today: string, detectedAt: Date, limit: number): Promise<SweptAssignment[]> {
      const at = detectedAt.toISOString();
      const rows = await tx.execute<{
        assignment_id: string;
        document_id: string;
        holder_user_id: string | null;
        holder_unit_id: string | null;
      }>(sql`
        with recursive due as (
          select a.id, a.document_id, a.due_date, a.assignee_user_id, a.assignee_unit_id
            from assignments a
            join documents d on d.id = a.document_id
           where a.status = 'open' and a.due_date < ${today}::date and a.overdue_since is null
           order by a.due_date, a.id
           limit ${limit}
           -- Skip items whose document a handling step holds (it locks the document, then its
           -- assignments): waiting here for the document while holding its assignments could deadlock.
           -- The next sweep, a minute later, takes them.
           for update of a skip locked
           for key share of d skip locked
        ), tree (root_id, id) as (
          select id, id from due
          union all
          select t.root_id, c.id from tree t join assignments c on c.parent_id = t.id and c.status = 'open'
        ), marked as (
          update assignments a set overdue_since = ${at}::timestamptz, updated_at = now() from due where a.id = due.id returning a.id
        ), holders as (
          select distinct due.id as assignment_id, due.document_id, due.due_date, ci.holder_user_id, ci.holder_unit_id
            from due
            join tree on tree.root_id = due.id
            join custody_intervals ci on ci.assignment_id = tree.id and ci.ended_at is null
        )
        insert into overdue_records (document_id, assignment_id, deadline, holder_user_id, holder_unit_id, detected_at)
        select document_id, assignment_id, due_date, holder_user_id, holder_unit_id, ${at}::timestamptz from holders
        union all
        select due.document_id, due.id, due.due_date, due.assignee_user_id, due.assignee_unit_id, ${at}::timestamptz
          from due where not exists (select 1 from holders h where h.assignment_id = due.id)
        returning assignment_id, document_id, holder_user_id, holder_unit_id`);
      return [...rows].map((r) => ({
        assignmentId: r.assignment_id,
        documentId: r.document_id,
        holderUserId: r.holder_user_id,
        holderUnitId: r.holder_unit_id,
      }));
    },

    /**
     * Records who holds each document just flagged overdue (one overdue record per holder, no
     * assignment): the open document-level intervals (the clerks, the leader it was presented to),
     * else those of its lead chain, else any open one; a document nobody holds is its owner
     * organisation's. So an overdue document always names a holder. One statement.
     */
    async recordDocumentHolders(tx: Tx, documentIds: string[], detectedAt: Date): Promise<SweptDocument[]> {
      if (documentIds.length === 0) return [];
      const ids = sql.join(
        documentIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      );
      const at = detectedAt.toISOString();
      const rows = await tx.execute<{ document_id: string; holder_user_id: string | null; holder_unit_id: string | null }>(sql`
        with docs as (
          select d.id, d.due_date, d.owner_organization_id from documents d where d.id in (${ids})
        ), open_ci as (
          select ci.document_id, ci.holder_user_id, ci.holder_unit_id,
                 case when ci.assignment_id is null then 0 when ci.role = 'lead' then 1 else 2 end as rank
            from custody_intervals ci join docs on docs.id = ci.document_id where ci.ended_at is null
        ), chosen as (
          select distinct o.document_id, o.holder_user_id, o.holder_unit_id from open_ci o
           where o.rank = (select min(x.rank) from open_ci x where x.document_id = o.document_id)
        )
        insert into overdue_records (document_id, assignment_id, deadline, holder_user_id, holder_unit_id, detected_at)
        select docs.id, null::uuid, docs.due_date, c.holder_user_id, c.holder_unit_id, ${at}::timestamptz from docs join chosen c on c.document_id = docs.id
        union all
        select docs.id, null::uuid, docs.due_date, null::uuid, docs.owner_organization_id, ${at}::timestamptz
          from docs where not exists (select 1 from open_ci o where o.document_id = docs.id)
        returning document_id, holder_user_id, holder_unit_id`);
      return [...rows].map((r) => ({
        assignmentId: null,
        documentId: r.document_id,
        holderUserId: r.holder_user_id,
        holderUnitId: r.holder_unit_id,
      }));
    },

    /**
     * Distinct days from which open intervals past their due date count as late (a handful): the due
     * date, or the day the interval started when that is later (overrunStart in tracking.service.ts).
     */
    async openOverrunStarts(db: DbOrTx, today: string): Promise<string[]> {
      const rows = await db.execute<{ since: string }>(sql`
        select distinct ${OVERRUN_START}::text as since from custody_intervals ci where ci.ended_at is null and ci.due_date < ${today}::date`);
      return [...rows].map((r) => r.since);
    },

    /** Sets the running overrun of open intervals, set-based, from (day late from → working days late). */
    async setOpenOverruns(tx: Tx, overruns: { since: string; days: number }[]): Promise<number> {
      if (overruns.length === 0) return 0;
      const values = sql.join(
        overruns.map((o) => sql`(${o.since}::date, ${o.days}::int)`),
        sql`, `,
      );
      const rows = await tx.execute(sql`
        update custody_intervals ci set overrun_working_days = v.days
          from (values ${values}) as v(since, days)
         where ci.ended_at is null and ci.due_date is not null and ${OVERRUN_START} = v.since
           and ci.overrun_working_days is distinct from v.days
        returning ci.id`);
      return rows.length;
    },

    async isDocumentVisible(db: DbOrTx, p: Principal, documentId: string): Promise<{ ownerOrganizationId: string } | undefined> {
      const [row] = await db.execute<{ owner_organization_id: string }>(sql`
        select owner_organization_id from documents where documents.id = ${documentId}::uuid and ${visibleDocumentCondition(p, documents)}`);
      return row ? { ownerOrganizationId: row.owner_organization_id } : undefined;
    },

    async custodyOf(db: DbOrTx, documentId: string) {
      const rows = await db.execute<{
        id: string;
        assignment_id: string | null;
        holder_user_id: string | null;
        holder_user_name: string | null;
        holder_unit_id: string | null;
        holder_unit_name: string | null;
        role: string;
        started_at: Date;
        ended_at: Date | null;
        due_date: string | null;
        allotted_working_days: number | null;
        overrun_working_days: number | null;
      }>(sql`
        select ci.id, ci.assignment_id, ci.holder_user_id, u.full_name as holder_user_name, ci.holder_unit_id, o.name as holder_unit_name,
               ci.role, ci.started_at, ci.ended_at, ci.due_date::text as due_date, ci.allotted_working_days, ci.overrun_working_days
          from custody_intervals ci
          left join users u on u.id = ci.holder_user_id
          left join organizations o on o.id = ci.holder_unit_id
         where ci.document_id = ${documentId}::uuid
         order by ci.started_at, case ci.role when 'clerk' then 0 when 'leader' then 1 when 'lead' then 2 when 'coordinate' then 3 else 4 end, ci.id`);
      return [...rows];
    },

    async overdueOf(db: DbOrTx, documentId: string) {
      const rows = await db.execute<{
        id: string;
        assignment_id: string | null;
        deadline: string;
        holder_user_id: string | null;
        holder_user_name: string | null;
        holder_unit_id: string | null;
        holder_unit_name: string | null;
        detected_at: Date;
      }>(sql`
        select r.id, r.assignment_id, r.deadline::text as deadline, r.holder_user_id, u.full_name as holder_user_name, r.holder_unit_id, o.name as holder_unit_name, r.detected_at
          from overdue_records r
          left join users u on u.id = r.holder_user_id
          left join organizations o on o.id = r.holder_unit_id
         where r.document_id = ${documentId}::uuid
         order by r.detected_at, r.id`);
      return [...rows];
    },

    async eventsOf(db: DbOrTx, documentId: string) {
      const rows = await db.execute<{
        id: number;
        occurred_at: Date;
        actor_id: string | null;
        actor_name: string | null;
        action: string;
        details: Record<string, unknown>;
      }>(sql`
        select e.id, e.occurred_at, e.actor_id, u.full_name as actor_name, e.action, e.details
          from audit_events e
          left join users u on u.id = e.actor_id
         where e.subject_type = 'document' and e.subject_id = ${documentId}
         order by e.id`);
      return [...rows];
    },
  };
}

export type TrackingRepo = ReturnType<typeof createTrackingRepo>;
