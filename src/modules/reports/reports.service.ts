import type { Db, Tx } from '../../db/client.js';
import type { Principal } from '../auth/principal.js';
import type { AuditService } from '../audit/audit.service.js';
import type { CalendarService } from '../calendar/calendar.service.js';
import type { AggregatesRepo } from './aggregates.repo.js';
import { createReportScope } from './report-scope.js';
import type { GroupBy, HandlingCounts, ReportsRepo } from './reports.repo.js';
import type {
  AccountabilityDto,
  HandlingCountsDto,
  HandlingReportDto,
  OverdueUnitsDto,
  OverdueUnitsQuery,
  ReportQuery,
  SentReportDto,
} from './reports.schemas.js';
import type { SentCounts, SentGroupBy, SentReportRepo } from './sent-report.repo.js';

export type ReportsServiceDeps = {
  db: Db;
  reportsRepo: ReportsRepo;
  aggregatesRepo: AggregatesRepo;
  sentRepo: SentReportRepo;
  calendar: Pick<CalendarService, 'today'>;
  audit: Pick<AuditService, 'record'>;
};

/**
 * The handling report (báo cáo tình hình giải quyết văn bản đến, REPORTS.md) over any subtree.
 *
 * Items. An item is an incoming document its organisation registered (vào sổ) and that was not
 * recalled (a recalled copy leaves every count, as if never received). Refused documents were never
 * registered. Each item counts once, for its accountable unit and person (aggregates.repo.ts
 * factsQuery): the deepest unit and person of its lead (chủ trì) chain, else the owner organisation
 * while no lead is named. Its deadline is the top-level lead's, after granted extensions (coordinating
 * and informed assignments never make an item late); it is done when that lead is completed.
 * An item with no deadline is never late.
 *
 * Period [from, to]: Vietnamese calendar dates, both included. asOf = min(to, today): an open item is
 * judged overdue only against days that have passed. With R the registration date, C the completion
 * date (none while open) and D the deadline (possibly none):
 * - carriedOver (tồn kỳ trước): R < from and not done before from (C null or C ≥ from);
 * - received (tiếp nhận trong kỳ): from ≤ R ≤ to;
 * - toHandle (tổng số phải giải quyết) = carriedOver + received;
 * - doneOnTime: from ≤ C ≤ to and (D null or C ≤ D); doneLate: from ≤ C ≤ to and C > D;
 * - openOverdue: R ≤ to, not done by the end of `to` (C null or C > to), and D < asOf;
 * - openInTime: the other items open at the end of `to`; so
 *   toHandle = doneOnTime + doneLate + openInTime + openOverdue;
 * - lateRate (tỷ lệ trễ hạn) = (doneLate + openOverdue) / toHandle, a percentage rounded to 0.01
 *   (0 when toHandle is 0); onTimeRate = doneOnTime / (doneOnTime + doneLate); overdueRate =
 *   openOverdue / (openInTime + openOverdue), likewise.
 *
 * Grouping: `child` gives one row per current direct child of the organisation (its whole subtree)
 * and one for the organisation itself when it holds items directly; `unit` one row per unit of the
 * subtree holding items; `person` one row per accountable person (person null: items no named person
 * leads). Rows add up to the total, which covers the whole subtree.
 *
 * Who may see it: a leader or an administrator of the organisation or of an organisation above it;
 * anyone else gets 404, as if the organisation did not exist.
 *
 * The figures come from aggregates kept per unit, person and day (db/schema/reports.ts), updated in
 * the transaction of every handling step that changes an item (upkeep) and recomputable from the
 * source tables (rebuild): the report reads no document or assignment.
 */
export function createReportsService({ db, reportsRepo, aggregatesRepo, sentRepo, calendar, audit }: ReportsServiceDeps) {
  const scope = createReportScope({ db, reportsRepo, calendar });

  const rate = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 100);

  function withRates(c: HandlingCounts): HandlingCountsDto {
    const toHandle = c.carriedOver + c.received;
    const open = toHandle - c.doneOnTime - c.doneLate;
    const openInTime = open - c.openOverdue;
    return {
      carriedOver: c.carriedOver,
      received: c.received,
      toHandle,
      doneOnTime: c.doneOnTime,
      doneLate: c.doneLate,
      onTimeRate: rate(c.doneOnTime, c.doneOnTime + c.doneLate),
      openInTime,
      openOverdue: c.openOverdue,
      overdueRate: rate(c.openOverdue, open),
      lateRate: rate(c.doneLate + c.openOverdue, toHandle),
    };
  }

  const ZERO: HandlingCounts = { carriedOver: 0, received: 0, doneOnTime: 0, doneLate: 0, openOverdue: 0 };
  const isZero = (c: HandlingCounts) => Object.values(c).every((v) => v === 0);

  return {
    /**
     * Brings one document's contribution to the aggregates up to date, in the caller's transaction
     * (a handling step, holding the document's row lock, after its changes). Idempotent: it compares
     * the stored facts with the source tables and moves only the difference.
     */
    async upkeep(tx: Tx, documentId: string): Promise<void> {
      const before = await aggregatesRepo.storedFacts(tx, documentId);
      const after = await aggregatesRepo.sourceFacts(tx, documentId);
      await aggregatesRepo.replaceFacts(tx, documentId, before, after);
    },

    /**
     * Keeps the subtree rollup true when a unit moves to another parent, in the move's transaction
     * (before or after the paths are rewritten: it is given both places).
     */
    async subtreeMoved(tx: Tx, move: { organizationId: string; oldPath: string; newParentPath: string }): Promise<void> {
      await aggregatesRepo.moveSubtree(tx, move);
    },

    /** Recomputes every aggregate from documents and assignments (`npm run cli -- reports:rebuild`). */
    async rebuild(): Promise<{ items: number; dailyRows: number; totalRows: number }> {
      return db.transaction(async (tx) => {
        const result = await aggregatesRepo.rebuild(tx);
        await audit.record(tx, {
          actorId: null,
          organizationId: null,
          action: 'reports.rebuild',
          subjectType: 'report',
          subjectId: null,
          details: result,
        });
        return result;
      });
    },

    /** @throws AppError NOT_FOUND, VALIDATION_FAILED */
    async handling(p: Principal, q: ReportQuery & { groupBy: GroupBy }): Promise<HandlingReportDto> {
      const root = await scope.root(p, q.organizationId);
      const rows = await reportsRepo.handling(db, root, q.groupBy, scope.period(q));
      const byId = new Map(rows.map((r) => [r.groupId, r]));
      const total = rows.reduce<HandlingCounts>(
        (t, r) => ({
          carriedOver: t.carriedOver + r.carriedOver,
          received: t.received + r.received,
          doneOnTime: t.doneOnTime + r.doneOnTime,
          doneLate: t.doneLate + r.doneLate,
          openOverdue: t.openOverdue + r.openOverdue,
        }),
        ZERO,
      );
      const pick = ({ carriedOver, received, doneOnTime, doneLate, openOverdue }: HandlingCounts) => ({
        carriedOver,
        received,
        doneOnTime,
        doneLate,
        openOverdue,
      });

      if (q.groupBy === 'person') {
        const people = rows
          .filter((r) => !isZero(pick(r)))
          .sort((a, b) =>
            a.name === null ? 1 : b.name === null ? -1 : a.name.localeCompare(b.name, 'vi') || (a.groupId < b.groupId ? -1 : 1),
          );
        return {
          organization: { id: root.id, name: root.name },
          from: q.from,
          to: q.to,
          groupBy: q.groupBy,
          rows: people.map((r) => ({ person: r.name === null ? null : { id: r.groupId, fullName: r.name }, ...withRates(r) })),
          total: withRates(total),
        };
      }
      // Every current child is listed (an empty one shows it has nothing); the root's own items first.
      const groups: { id: string; name: string }[] = [];
      if (q.groupBy === 'child') {
        const own = byId.get(root.id);
        if (own && !isZero(pick(own))) groups.push({ id: root.id, name: root.name });
        const children = await reportsRepo.children(db, root.id);
        groups.push(...children);
        const listed = new Set(groups.map((g) => g.id));
        // A child merged away (no longer current) that still holds counts keeps its row.
        for (const r of rows) if (!listed.has(r.groupId) && !isZero(pick(r))) groups.push({ id: r.groupId, name: r.name ?? '' });
      } else {
        for (const r of rows) if (!isZero(pick(r))) groups.push({ id: r.groupId, name: r.name ?? '' });
        groups.sort((a, b) => a.name.localeCompare(b.name, 'vi') || (a.id < b.id ? -1 : 1));
      }
      return {
        organization: { id: root.id, name: root.name },
        from: q.from,
        to: q.to,
        groupBy: q.groupBy,
        rows: groups.map((g) => ({ organization: g, ...withRates(byId.get(g.id) ?? ZERO) })),
        total: withRates(total),
      };
    },

    /**
     * Who held late items up (Decree 30 accountability): the holders of custody intervals (the
     * clerk registering, the leader taking up a presented document, each assignee and re-assignee)
     * whose own deadline fell in the period and that ended, or are still open, past it, ranked by
     * the working days beyond their allowance (custody_intervals.overrun_working_days: for open
     * intervals as of the last overdue sweep). Each holder answers only for its own interval: a
     * document one holder kept late and the next handled in time counts against the first only.
     * Informed holders (nhận để biết) owe nothing and are left out.
     * @throws AppError NOT_FOUND, VALIDATION_FAILED
     */
    async accountability(p: Principal, q: ReportQuery & { groupBy: GroupBy; limit?: number }): Promise<AccountabilityDto> {
      const root = await scope.root(p, q.organizationId);
      const { from, to } = scope.period(q);
      const rows = await reportsRepo.accountability(db, root, q.groupBy, { from, to }, q.limit ?? 100);
      return {
        organization: { id: root.id, name: root.name },
        from,
        to,
        groupBy: q.groupBy,
        rows: rows.map((r) => ({
          ...(q.groupBy === 'person'
            ? { person: r.groupId === null ? null : { id: r.groupId, fullName: r.name ?? '' } }
            : { organization: { id: r.groupId!, name: r.name ?? '' } }),
          documents: r.documents,
          intervals: r.intervals,
          overrunWorkingDays: r.overrunWorkingDays,
        })),
      };
    },

    /**
     * The units of the organisation's subtree holding the most items overdue today, most first (the
     * leader's home): the handling report's openOverdue per unit for today, without reading the year.
     * Who may see it, as for the handling report. @throws AppError NOT_FOUND
     */
    async overdueUnits(p: Principal, q: OverdueUnitsQuery): Promise<OverdueUnitsDto> {
      const root = await scope.root(p, q.organizationId);
      const today = calendar.today();
      const rows = await reportsRepo.overdueUnits(db, root, today, q.limit ?? 5);
      return {
        organization: { id: root.id, name: root.name },
        asOf: today,
        rows: rows.map((r) => ({ organization: { id: r.id, name: r.name }, openOverdue: r.openOverdue })),
      };
    },

    /**
     * The sender's view: the copies the organisation and its subtree sent in the period (deliveries
     * queued from `from` to `to`, to units here and to remote organs, recalled copies left out), per
     * recipient level or recipient, by where each copy stands today (its latest status):
     * notRegistered (no answer yet, or 01 arrived), inProgress (03 registered, 04, 05), finished (06),
     * refused (02). Late, among the copies not refused: the deadline passed before the recipient
     * finished, or passed while it has not. The deadline is the recipient's lead (chủ trì) deadline as
     * the handling report counts it (for a unit here, once registered), else the sent document's
     * requested one; the finish is that lead's completion, else the day of status 06. Levels of units
     * here are their administrative level (a department counts with its province, a ward as a
     * commune); of remote organs, what their code tells (G.. central, H.. province).
     * Who may see it, as for the handling report. @throws AppError NOT_FOUND, VALIDATION_FAILED
     */
    async sent(p: Principal, q: ReportQuery & { groupBy: SentGroupBy }): Promise<SentReportDto> {
      const root = await scope.root(p, q.organizationId);
      const { from, to } = scope.period(q);
      const rows = await sentRepo.sent(db, root, q.groupBy, { from, to, today: calendar.today() });
      const counts = ({ sent, notRegistered, inProgress, finished, refused, late }: SentCounts): SentCounts => ({
        sent,
        notRegistered,
        inProgress,
        finished,
        refused,
        late,
      });
      const total = rows.reduce<SentCounts>(
        (t, r) => ({
          sent: t.sent + r.sent,
          notRegistered: t.notRegistered + r.notRegistered,
          inProgress: t.inProgress + r.inProgress,
          finished: t.finished + r.finished,
          refused: t.refused + r.refused,
          late: t.late + r.late,
        }),
        NO_COPIES,
      );
      const order = LEVELS as readonly string[];
      let out: SentReportDto['rows'];
      if (q.groupBy === 'level') {
        // The four levels always (a zero shows nothing went there); `other` when something did.
        const byLevel = new Map(rows.map((r) => [r.level, r]));
        out = LEVELS.filter((l) => l !== 'other' || byLevel.has(l)).map((level) => ({
          level,
          ...counts(byLevel.get(level) ?? NO_COPIES),
        }));
      } else {
        out = rows
          .map((r) => ({
            level: r.level,
            recipient: { organizationId: r.recipientOrganizationId, code: r.recipientCode, name: r.recipientName ?? '' },
            ...counts(r),
          }))
          .sort(
            (a, b) =>
              order.indexOf(a.level) - order.indexOf(b.level) ||
              a.recipient.name.localeCompare(b.recipient.name, 'vi') ||
              String(a.recipient.organizationId ?? a.recipient.code).localeCompare(String(b.recipient.organizationId ?? b.recipient.code)),
          );
      }
      return { organization: { id: root.id, name: root.name }, from, to, groupBy: q.groupBy, rows: out, total };
    },
  };
}

const LEVELS = ['central', 'province', 'district', 'commune', 'other'] as const;
const NO_COPIES: SentCounts = { sent: 0, notRegistered: 0, inProgress: 0, finished: 0, refused: 0, late: 0 };

export type ReportsService = ReturnType<typeof createReportsService>;
