import { performance } from 'node:perf_hooks';
import type { Db } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import type { CalendarOverride, IsoDate } from './calendar.types.js';
import type { CalendarOverrideRow, CalendarRepo } from './calendar.repo.js';
import { parseIsoDate, vnDateOf } from './iso-date.js';
import { createWorkingCalendar, type WorkingCalendar } from './working-days.js';
import type { CalendarYearDto, OverrideBody, OverrideDto } from './calendar.schemas.js';

export type CalendarServiceDeps = {
  db: Db;
  calendarRepo: CalendarRepo;
  audit: Pick<AuditService, 'record'>;
  /** The current instant; "today" for deadlines is its Vietnamese date. Injected so a deployment (or a test) can fix the clock. */
  now?: () => Date;
  /**
   * How long overrides loaded from PostgreSQL are trusted. Other API and worker replicas edit the
   * same table, so a process re-reads it at least this often; its own edits reload at once.
   */
  reloadIntervalMs?: number;
};

const toDto = (row: CalendarOverrideRow): OverrideDto => ({
  date: row.date,
  kind: row.kind,
  name: row.name,
  createdBy: row.createdBy,
  createdAt: row.createdAt.toISOString(),
});

/** Admins of a root organisation (the province) decide the deployment's calendar. */
function assertRootAdmin(p: Principal): void {
  if (!p.grants.some((g) => g.role === 'admin' && !g.organizationPath.includes('.'))) {
    throw new AppError('FORBIDDEN', { message: 'only an administrator of a root organisation may edit the calendar' });
  }
}

/**
 * The working-day calendar backed by `calendar_overrides`: the pure calendar (generated holidays,
 * published schedules) with the admin's per-date decisions on top. All deadline arithmetic of the
 * system goes through here, so every process agrees on the same days within `reloadIntervalMs`.
 */
export function createCalendarService({ db, calendarRepo, audit, now = () => new Date(), reloadIntervalMs = 60_000 }: CalendarServiceDeps) {
  let byYear = new Map<number, CalendarOverride[]>();
  let loadedAt = -Infinity;
  let loading: Promise<void> | null = null;
  const calendar: WorkingCalendar = createWorkingCalendar({ overridesFor: (year) => byYear.get(year) ?? [] });

  async function reload(): Promise<void> {
    const rows = await calendarRepo.listAll(db);
    const next = new Map<number, CalendarOverride[]>();
    for (const r of rows) {
      const year = Number(r.date.slice(0, 4));
      next.set(year, [...(next.get(year) ?? []), { date: r.date, kind: r.kind, name: r.name }]);
    }
    byYear = next;
    calendar.invalidate();
    loadedAt = performance.now();
  }

  /** The calendar with overrides no older than reloadIntervalMs (one shared reload when stale). */
  async function fresh(): Promise<WorkingCalendar> {
    if (performance.now() - loadedAt > reloadIntervalMs) {
      loading ??= reload().finally(() => {
        loading = null;
      });
      await loading;
    }
    return calendar;
  }

  function yearOf(date: string): number {
    return parseIsoDate(date).year;
  }

  return {
    /** Today's date in Vietnam (UTC+7), from the injected clock. */
    today(): IsoDate {
      return vnDateOf(now());
    },

    /** The current instant of the injected clock. */
    now(): Date {
      return now();
    },

    /** The date `n` working days after `start` (start not counted; see working-days.ts). @throws AppError VALIDATION_FAILED */
    async addWorkingDays(start: IsoDate, n: number): Promise<IsoDate> {
      return (await fresh()).addWorkingDays(start, n);
    },

    /** Working days after `from` up to and including `to` (negative when to < from). @throws AppError VALIDATION_FAILED */
    async workingDaysBetween(from: IsoDate, to: IsoDate): Promise<number> {
      return (await fresh()).workingDaysBetween(from, to);
    },

    async isWorkingDay(date: IsoDate): Promise<boolean> {
      return (await fresh()).isWorkingDay(date);
    },

    /** The effective year: every day off or worked that differs from a plain Mon–Fri week, with its source. */
    async year(year: number): Promise<CalendarYearDto> {
      const y = (await fresh()).yearCalendar(year);
      return { year, workingDayCount: y.workingDayCount, days: y.days.map((d) => ({ ...d })) };
    },

    /**
     * Sets the decision for one date (audited); effective at once in this process.
     * @throws AppError FORBIDDEN unless the caller administers a root organisation; VALIDATION_FAILED on a bad date.
     */
    async putOverride(p: Principal, date: IsoDate, body: OverrideBody): Promise<OverrideDto> {
      assertRootAdmin(p);
      yearOf(date);
      const saved = await db.transaction(async (tx) => {
        const before = await calendarRepo.find(tx, date);
        const row = await calendarRepo.upsert(tx, { date, kind: body.kind, name: body.name, createdBy: p.id });
        await audit.record(tx, {
          actorId: p.id,
          organizationId: p.organizationId,
          action: 'calendar.override.put',
          subjectType: 'calendar',
          subjectId: date,
          details: { kind: row.kind, name: row.name, before: before ? { kind: before.kind, name: before.name } : null },
        });
        return row;
      });
      await reload();
      return toDto(saved);
    },

    /** @throws AppError FORBIDDEN (see putOverride), NOT_FOUND when the date has no override. */
    async deleteOverride(p: Principal, date: IsoDate): Promise<void> {
      assertRootAdmin(p);
      yearOf(date);
      await db.transaction(async (tx) => {
        const removed = await calendarRepo.delete(tx, date);
        if (!removed) throw new AppError('NOT_FOUND', { message: `no calendar override on ${date}` });
        await audit.record(tx, {
          actorId: p.id,
          organizationId: p.organizationId,
          action: 'calendar.override.delete',
          subjectType: 'calendar',
          subjectId: date,
          details: { kind: removed.kind, name: removed.name },
        });
      });
      await reload();
    },

    /** The overrides stored for a year (the admin's own entries, without the generated days). */
    async overrides(year: number): Promise<OverrideDto[]> {
      const rows = await calendarRepo.listAll(db);
      return rows.filter((r) => r.date.startsWith(`${year}-`)).map(toDto);
    },
  };
}

export type CalendarService = ReturnType<typeof createCalendarService>;
