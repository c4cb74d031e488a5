import type { Db, Tx } from '../../db/client.js';
import type { SQL } from 'drizzle-orm';
import { vnDate } from '../../lib/dates.js';
import { AppError } from '../../lib/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import type { CalendarService } from '../calendar/calendar.service.js';
import type { DocumentRecords } from '../documents/document-records.service.js';
import type { CustodyIntervalRow, OpenIntervalFilter, TrackingRepo } from './tracking.repo.js';
import type { CustodyDto, EventDto, OverdueDto, SweepResult, TimelineDto, TimelineEntry } from './tracking.schemas.js';

/** A custody interval to open at a hand-over. */
export type OpenCustody = {
  documentId: string;
  assignmentId: string | null;
  holderUserId?: string | null;
  holderUnitId?: string | null;
  /** clerk, leader, lead, coordinate, inform */
  role: string;
  dueDate?: string | null;
  allottedWorkingDays?: number | null;
};

export type TrackingServiceDeps = {
  db: Db;
  trackingRepo: TrackingRepo;
  calendar: Pick<CalendarService, 'today' | 'now' | 'workingDaysBetween'>;
  audit: Pick<AuditService, 'record'>;
  /** The overdue mark of documents is a column of `documents`, written by the documents module. */
  documents: Pick<DocumentRecords, 'markOverdue'>;
  /** Assignments flagged per transaction by the sweep. */
  sweepBatchSize?: number;
};

const iso = (d: Date | null) => (d === null ? null : new Date(d).toISOString());

/**
 * The day from which an interval counts as late: its due date, or the day it started when that is
 * later. A holder answers only for the working days late while they held the item: an interval
 * handed over after the deadline (a reorganisation carried it to a successor) leaves the days before
 * to the interval that ended then.
 */
export function overrunStart(i: Pick<CustodyIntervalRow, 'dueDate' | 'startedAt'>): string | null {
  if (i.dueDate === null) return null;
  const started = vnDate(i.startedAt);
  return started > i.dueDate ? started : i.dueDate;
}

/**
 * Custody (who held a document or an assignment, from when to when, with what allowance) and
 * overdue detection: the accountability half of the incoming flow (ARCHITECTURE.md).
 */
export function createTrackingService({ db, trackingRepo, calendar, audit, documents, sweepBatchSize = 1000 }: TrackingServiceDeps) {
  /** Working days past `dueDate` as of `today`, counted from `since` (default: the due date); null when there is no deadline. */
  async function overrun(dueDate: string | null, today: string, since: string | null = dueDate): Promise<number | null> {
    if (!dueDate || !since || since >= today) return dueDate ? 0 : null;
    return Math.max(0, await calendar.workingDaysBetween(since, today));
  }

  return {
    /**
     * Ends the open intervals matching `filter` (inside the caller's transaction), recording the
     * overrun of any that end after their due date. Returns the closed intervals.
     */
    async close(tx: Tx, filter: OpenIntervalFilter): Promise<CustodyIntervalRow[]> {
      const open = await trackingRepo.lockOpen(tx, filter);
      const today = calendar.today();
      const closing = [];
      for (const i of open) closing.push({ id: i.id, overrunWorkingDays: await overrun(i.dueDate, today, overrunStart(i)) });
      await trackingRepo.close(tx, closing, calendar.now());
      return open;
    },

    /** Opens intervals for the new holders (inside the caller's transaction). */
    async open(tx: Tx, intervals: OpenCustody[]): Promise<CustodyIntervalRow[]> {
      const startedAt = calendar.now();
      return trackingRepo.insertIntervals(
        tx,
        intervals.map((i) => ({
          documentId: i.documentId,
          assignmentId: i.assignmentId,
          holderUserId: i.holderUserId ?? null,
          holderUnitId: i.holderUnitId ?? null,
          role: i.role,
          startedAt,
          dueDate: i.dueDate ?? null,
          allottedWorkingDays: i.allottedWorkingDays ?? null,
        })),
      );
    },

    /**
     * Part of a reorganisation (orgs/reorganisation.service.ts, in its transaction): what the closed
     * units held passes to the successor. Each open interval of theirs ends now, keeping the working
     * days it was late (the predecessor's share of a delay), and the successor's interval opens with
     * the same document, assignment, role, deadline and allowance; it counts as late only from the day
     * it started (overrunStart). Returns the documents whose custody moved.
     */
    async handOverUnits(tx: Tx, fromIds: string[], toId: string): Promise<string[]> {
      const open = await trackingRepo.lockOpenHeldByUnits(tx, fromIds);
      if (open.length === 0) return [];
      const today = calendar.today();
      const now = calendar.now();
      const closing = [];
      for (const i of open) closing.push({ id: i.id, overrunWorkingDays: await overrun(i.dueDate, today, overrunStart(i)) });
      await trackingRepo.closeMany(tx, closing, now);
      await trackingRepo.insertIntervals(
        tx,
        open.map((i) => ({
          documentId: i.documentId,
          assignmentId: i.assignmentId,
          holderUserId: i.holderUserId,
          holderUnitId: toId,
          role: i.role,
          startedAt: now,
          dueDate: i.dueDate,
          allottedWorkingDays: i.allottedWorkingDays,
        })),
      );
      return [...new Set(open.map((i) => i.documentId))];
    },

    /**
     * Opens the custody chain of newly received documents (an upload, a copy taken in from a package
     * or delivered by a fan-out), inside the caller's transaction: each sits with its owner's clerks
     * until it is handed on, from the transaction's start. One statement for any number.
     */
    async openReceived(tx: Tx, entries: readonly { documentId: string; holderUnitId: string }[]): Promise<void> {
      await trackingRepo.insertClerkIntervals(tx, entries);
    },

    /** `openReceived` as an INSERT the caller runs inside its own statement (an upload's one statement). */
    openReceivedInsert(entries: readonly { documentId: string; holderUnitId: string }[]): SQL {
      return trackingRepo.clerkIntervalsInsert(entries);
    },

    /** Moves the deadline of an assignment's open intervals (a granted extension), resetting their running overrun. */
    async moveDue(tx: Tx, assignmentId: string, dueDate: string, allottedWorkingDays: number | null): Promise<void> {
      const late = await overrun(dueDate, calendar.today());
      await trackingRepo.updateOpenDue(tx, assignmentId, { dueDate, allottedWorkingDays, overrunWorkingDays: late === 0 ? null : late });
    },

    /**
     * The scheduled overdue sweep (job tracking.sweep-overdue). Idempotent: flags each open
     * assignment whose due date has passed once (the due date itself is still on time), names who
     * held it, refreshes the running overrun of open intervals and flags overdue documents, naming
     * who held each (trackingRepo.recordDocumentHolders).
     */
    async sweepOverdue(): Promise<SweepResult> {
      const today = calendar.today();
      const detectedAt = calendar.now();
      const result: SweepResult = { today, assignmentsFlagged: 0, overdueRecords: 0, intervalsUpdated: 0, documentsFlagged: 0 };

      for (;;) {
        const batch = await db.transaction(async (tx) => {
          const swept = await trackingRepo.flagOverdueAssignments(tx, today, detectedAt, sweepBatchSize);
          if (swept.length === 0) return swept;
          const assignmentIds = [...new Set(swept.map((s) => s.assignmentId))];
          await audit.record(tx, {
            actorId: null,
            organizationId: null,
            action: 'tracking.assignments-overdue',
            subjectType: 'assignment',
            subjectId: null,
            details: { today, count: assignmentIds.length, holders: swept.slice(0, 200) },
          });
          result.assignmentsFlagged += assignmentIds.length;
          result.overdueRecords += swept.length;
          return swept;
        });
        if (batch.length === 0) break;
      }

      const starts = await trackingRepo.openOverrunStarts(db, today);
      const overruns: { since: string; days: number }[] = [];
      for (const since of starts) overruns.push({ since, days: Math.max(0, await calendar.workingDaysBetween(since, today)) });

      // Separate transactions: each holds one kind of row lock only, so none waits on a handling step in a cycle.
      result.intervalsUpdated = await db.transaction((tx) => trackingRepo.setOpenOverruns(tx, overruns));
      await db.transaction(async (tx) => {
        const flagged = await documents.markOverdue(tx, today, detectedAt);
        result.documentsFlagged = flagged.length;
        if (flagged.length > 0) {
          // Never overdue "with no holder named": who held each document is recorded with its mark.
          const holders = await trackingRepo.recordDocumentHolders(tx, flagged, detectedAt);
          result.overdueRecords += holders.length;
          await audit.record(tx, {
            actorId: null,
            organizationId: null,
            action: 'tracking.documents-overdue',
            subjectType: 'document',
            subjectId: null,
            details: { today, count: flagged.length, documentIds: flagged.slice(0, 200), holders: holders.slice(0, 200) },
          });
        }
      });
      return result;
    },

    /**
     * The document's custody intervals, overdue records and audit events, in time order.
     * @throws AppError NOT_FOUND when the caller may not see the document.
     */
    async timeline(p: Principal, documentId: string): Promise<TimelineDto> {
      if (!(await trackingRepo.isDocumentVisible(db, p, documentId))) throw new AppError('NOT_FOUND', { message: 'document not found' });
      const [custodyRows, overdueRows, eventRows] = await Promise.all([
        trackingRepo.custodyOf(db, documentId),
        trackingRepo.overdueOf(db, documentId),
        trackingRepo.eventsOf(db, documentId),
      ]);

      const custody: CustodyDto[] = custodyRows.map((r) => ({
        id: r.id,
        assignmentId: r.assignment_id,
        holderUserId: r.holder_user_id,
        holderUserName: r.holder_user_name,
        holderUnitId: r.holder_unit_id,
        holderUnitName: r.holder_unit_name,
        role: r.role,
        startedAt: iso(r.started_at)!,
        endedAt: iso(r.ended_at),
        dueDate: r.due_date,
        allottedWorkingDays: r.allotted_working_days,
        overrunWorkingDays: r.overrun_working_days,
      }));
      const overdue: OverdueDto[] = overdueRows.map((r) => ({
        id: r.id,
        assignmentId: r.assignment_id,
        deadline: r.deadline,
        holderUserId: r.holder_user_id,
        holderUserName: r.holder_user_name,
        holderUnitId: r.holder_unit_id,
        holderUnitName: r.holder_unit_name,
        detectedAt: iso(r.detected_at)!,
      }));
      const events: EventDto[] = eventRows.map((r) => ({
        id: Number(r.id),
        occurredAt: iso(r.occurred_at)!,
        actorId: r.actor_id,
        actorName: r.actor_name,
        action: r.action,
        details: r.details,
      }));

      const entries: TimelineEntry[] = [
        ...custody.map((c) => ({ kind: 'custody' as const, at: c.startedAt, custody: c })),
        ...overdue.map((o) => ({ kind: 'overdue' as const, at: o.detectedAt, overdue: o })),
        ...events.map((e) => ({ kind: 'event' as const, at: e.occurredAt, event: e })),
      ];
      // Stable sort: within one instant, custody before overdue before events (the order above).
      entries.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
      return { documentId, entries, custody, overdue, events };
    },
  };
}

export type TrackingService = ReturnType<typeof createTrackingService>;
