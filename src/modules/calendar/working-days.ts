import { AppError } from '../../lib/errors.js';
import type { CalendarDay, CalendarOverride, HolidayDecisions, IsoDate, OfficialSchedule, OverrideKind } from './calendar.types.js';
import { defaultHolidays, swapOverrides } from './holidays.js';
import { isLeapYear, isWeekendJd, jdFromDate, jdToIso, parseIsoDate } from './iso-date.js';
import { LUNAR_MAX_YEAR, LUNAR_MIN_YEAR } from './lunar.js';
import { KNOWN_OFFICIAL_SCHEDULES } from './official-schedules.js';

/**
 * Working-day arithmetic for state agencies (DOMAIN.md §3.2). A year's effective calendar is the
 * generated holidays (holidays.ts) with per-date overrides on top; it is compiled once into a
 * byte per day plus a running count, so "is this a working day" is an array read and "how many
 * working days between" is a subtraction.
 */

const MONTH_START_DAY = [0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
const OVERRIDE_KINDS: ReadonlySet<OverrideKind> = new Set(['holiday', 'day_off', 'working_day']);

/** One year's effective calendar, compiled for constant-time lookups. */
export type YearCalendar = {
  readonly year: number;
  /** Every generated holiday/compensatory day and every override, sorted by date. */
  readonly days: readonly CalendarDay[];
  /** Number of working days in the year. */
  readonly workingDayCount: number;
  /**
   * Whether `date` (in this year) is a working day.
   * @throws AppError VALIDATION_FAILED when `date` is malformed or in another year.
   */
  isWorkingDay(date: IsoDate): boolean;
  /** working[i] is 1 when day i is a working day. */
  readonly working: Uint8Array;
  /** before[i] = working days among days 0..i-1 (length = days in year + 1). */
  readonly before: Int32Array;
};

function dayIndex(year: number, month: number, day: number): number {
  return MONTH_START_DAY[month] + day - 1 + (month > 2 && isLeapYear(year) ? 1 : 0);
}

function assertCalendarYear(year: number): void {
  if (!Number.isInteger(year) || year < LUNAR_MIN_YEAR || year > LUNAR_MAX_YEAR) {
    throw new AppError('VALIDATION_FAILED', {
      message: `Calendar year must be an integer in ${LUNAR_MIN_YEAR}–${LUNAR_MAX_YEAR}`,
      details: { year },
    });
  }
}

function checkOverride(year: number, o: CalendarOverride): void {
  const ok =
    typeof o === 'object' && o !== null && OVERRIDE_KINDS.has(o.kind) && typeof o.name === 'string' && parseIsoDate(o.date).year === year;
  if (!ok) {
    throw new AppError('VALIDATION_FAILED', { message: `Invalid calendar override for ${year}`, details: { override: o } });
  }
}

/**
 * Compiles one year: weekends (Sat, Sun) and the generated holidays/compensatory days (with the
 * Government's `decisions` for the year, if known) are off; then each override sets its date to
 * off (`holiday`, `day_off`) or on (`working_day`), winning over both. When several overrides name the same date the last one wins, so callers can append
 * admin edits after published schedules. Overrides are taken literally: a `holiday` override on
 * a weekend does not create a compensatory day; enter that day as well.
 * @throws AppError VALIDATION_FAILED on a year outside 1800–2199 or an override that is malformed
 *   or dated in another year.
 */
export function buildYearCalendar(
  year: number,
  overrides: readonly CalendarOverride[] = [],
  decisions: HolidayDecisions = {},
): YearCalendar {
  assertCalendarYear(year);
  for (const o of overrides) checkOverride(year, o);

  const listed = new Map<IsoDate, CalendarDay>();
  for (const h of defaultHolidays(year, decisions)) {
    listed.set(h.date, { date: h.date, name: h.name, kind: h.kind, working: false, source: 'rule' });
  }
  for (const o of overrides) {
    listed.set(o.date, { date: o.date, name: o.name, kind: o.kind, working: o.kind === 'working_day', source: 'override' });
  }

  const firstJd = jdFromDate({ year, month: 1, day: 1 });
  const length = isLeapYear(year) ? 366 : 365;
  const working = new Uint8Array(length);
  for (let i = 0; i < length; i++) working[i] = isWeekendJd(firstJd + i) ? 0 : 1;

  const indexOf = (date: IsoDate): number => {
    const { month, day } = parseIsoDate(date);
    return dayIndex(year, month, day);
  };
  for (const d of listed.values()) working[indexOf(d.date)] = d.working ? 1 : 0;

  const before = new Int32Array(length + 1);
  for (let i = 0; i < length; i++) before[i + 1] = before[i] + working[i];

  const days = [...listed.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));

  return {
    year,
    days,
    workingDayCount: before[length],
    working,
    before,
    isWorkingDay(date: IsoDate): boolean {
      const p = parseIsoDate(date);
      if (p.year !== year) {
        throw new AppError('VALIDATION_FAILED', { message: `${date} is not in ${year}`, details: { date, year } });
      }
      return working[dayIndex(year, p.month, p.day)] === 1;
    },
  };
}

export type WorkingCalendarOptions = {
  /**
   * Admin overrides of a year (synchronous: the service preloads them). Called once per year,
   * then cached until `invalidate`.
   */
  overridesFor: (year: number) => readonly CalendarOverride[];
  /**
   * Published schedules: their Tết days and Quốc khánh neighbour replace the default rule and
   * their swaps are applied before `overridesFor` (which wins). Defaults to
   * KNOWN_OFFICIAL_SCHEDULES; pass `{}` for the bare default rules.
   */
  knownSchedules?: Readonly<Record<number, OfficialSchedule>>;
};

/**
 * Creates the working-day calendar used for deadlines. Dates are 'YYYY-MM-DD' civil dates in
 * Vietnam (use `vnDateOf` for instants). All functions throw AppError VALIDATION_FAILED on a
 * malformed date or a year outside 1800–2199.
 */
export function createWorkingCalendar({ overridesFor, knownSchedules = KNOWN_OFFICIAL_SCHEDULES }: WorkingCalendarOptions) {
  const cache = new Map<number, YearCalendar>();

  const yearCalendar = (year: number): YearCalendar => {
    const cached = cache.get(year);
    if (cached) return cached;

    assertCalendarYear(year);
    // A published schedule feeds the rule generator (its Tết days and 2/9 neighbour get the
    // compensatory days the law gives them); its swaps are overrides that admin edits can undo.
    const schedule = knownSchedules[year] ?? { sources: [] };
    const swaps = swapOverrides(year, schedule.swaps ?? []);
    const built = buildYearCalendar(year, [...swaps, ...overridesFor(year)], schedule);
    cache.set(year, built);
    return built;
  };

  /** Whether `date` is a working day (not a weekend, holiday, compensatory or extra day off, or a worked Saturday). */
  const isWorkingDay = (date: IsoDate): boolean => {
    const { year, month, day } = parseIsoDate(date);
    return yearCalendar(year).working[dayIndex(year, month, day)] === 1;
  };

  /**
   * The date on which a period of `n` working days starting on `start` ends (DOMAIN.md §3.2,
   * Civil Code 2015 Art. 147–148):
   * - `start` itself is day 0 and is never counted, whether or not it is a working day;
   * - the following working days are counted 1, 2, … n, skipping Saturdays, Sundays, holidays,
   *   compensatory and other days off, and counting Saturdays made working days by a swap;
   * - the result is the n-th such day (the period ends at the end of it);
   * - n = 0 means "the same day": `start` if it is a working day, else the next working day.
   * Example: addWorkingDays('2026-02-12', 2) = '2026-02-23' (Fri 13/2 is 1; the Tết break
   * 14–22/2 is skipped; Mon 23/2 is 2).
   * @throws AppError VALIDATION_FAILED when `n` is not a non-negative integer or the result
   *   would fall after 2199.
   */
  const addWorkingDays = (start: IsoDate, n: number): IsoDate => {
    if (!Number.isInteger(n) || n < 0) {
      throw new AppError('VALIDATION_FAILED', { message: 'Working days must be a non-negative integer', details: { n } });
    }
    if (n === 0) return isWorkingDay(start) ? start : addWorkingDays(start, 1);

    const { year: startYear, month, day } = parseIsoDate(start);
    let year = startYear;
    let cal = yearCalendar(year);
    // Working days already "used" in the current year: those up to and including the start.
    let used = cal.before[dayIndex(year, month, day) + 1];
    let remaining = n;
    while (used + remaining > cal.workingDayCount) {
      remaining -= cal.workingDayCount - used;
      year += 1;
      cal = yearCalendar(year);
      used = 0;
    }

    // Smallest index i with before[i + 1] === used + remaining (binary search on the running count).
    const target = used + remaining;
    let lo = 0;
    let hi = cal.working.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cal.before[mid + 1] >= target) hi = mid;
      else lo = mid + 1;
    }
    return jdToIso(jdFromDate({ year, month: 1, day: 1 }) + lo);
  };

  /** The first working day strictly after `date`. */
  const nextWorkingDay = (date: IsoDate): IsoDate => addWorkingDays(date, 1);

  /** Working days in (date's year start, date]: a running count within one year. */
  const countThrough = (date: IsoDate): { year: number; count: number } => {
    const { year, month, day } = parseIsoDate(date);
    return { year, count: yearCalendar(year).before[dayIndex(year, month, day) + 1] };
  };

  /**
   * Number of working days after `from` up to and including `to`, i.e. the `n` for which
   * addWorkingDays(from, n) === to when `to` is a working day. 0 when to = from; negative
   * (minus the working days after `to` up to and including `from`) when to < from. Used to say
   * by how many working days a holder overran a deadline: workingDaysBetween(deadline, doneOn).
   */
  const workingDaysBetween = (from: IsoDate, to: IsoDate): number => {
    const a = countThrough(from);
    const b = countThrough(to);
    if (a.year === b.year) return b.count - a.count;
    if (a.year > b.year) return -workingDaysBetween(to, from);

    let total = yearCalendar(a.year).workingDayCount - a.count;
    for (let y = a.year + 1; y < b.year; y++) total += yearCalendar(y).workingDayCount;
    return total + b.count;
  };

  /**
   * Forgets the compiled years (all, or one) so the next lookup re-reads `overridesFor`; call it
   * after an admin edits a year's overrides.
   */
  const invalidate = (year?: number): void => {
    if (year === undefined) cache.clear();
    else cache.delete(year);
  };

  return { isWorkingDay, addWorkingDays, workingDaysBetween, nextWorkingDay, yearCalendar, invalidate };
}

export type WorkingCalendar = ReturnType<typeof createWorkingCalendar>;

/** Re-exported so deadline code needs one import to turn a receipt timestamp into day 0. */
export { vnDateOf } from './iso-date.js';
