import { AppError } from '../../lib/errors.js';
import type { CalendarOverride, Holiday, HolidayDecisions, IsoDate, WorkingDaySwap } from './calendar.types.js';
import { isWeekendJd, isoToJd, jdFromDate, jdToDate, jdToIso, parseIsoDate, weekdayOfJd } from './iso-date.js';
import { lunarToSolar, solarToLunar, tetJd } from './lunar.js';

/**
 * Public holidays of Labour Code 2019 (45/2019/QH14) Art. 112, 11 days a year, and the
 * compensatory days of Art. 111.3. The law fixes how many days each holiday has; the Government's
 * yearly notice picks the exact Tết days and the day next to 2 September, so those two are
 * parameters (`HolidayDecisions`) with a default rule for years not yet announced.
 *
 * Scope: the rules are those in force since 2021. Earlier years (Labour Code 2012: one day for
 * Quốc khánh) and the pending 24 November "Ngày Văn hóa Việt Nam" (not yet law when this was
 * written) are left to overrides.
 */

export const TET_HOLIDAY_DAYS = 5;

const NAMES = {
  newYear: 'Tết Dương lịch',
  tet: 'Tết Âm lịch',
  hungKings: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)',
  victory: 'Ngày Chiến thắng (30/4)',
  labour: 'Ngày Quốc tế Lao động (1/5)',
  nationalDay: 'Quốc khánh (2/9)',
  nationalDayAdjacent: 'Quốc khánh (ngày liền kề)',
} as const;

/**
 * Default day next to 2 September, by weekday of 2 September (0 = Sunday). It reproduces every
 * choice published since the second day was introduced (2021: Thu → 3/9, 2022: Fri → 1/9,
 * 2023: Sat → 1/9, 2024: Mon → 3/9, 2025: Tue → 1/9): the adjacent day is a weekday that joins
 * the weekend where possible. Wednesday and Sunday have no precedent yet (Sunday gives the same
 * days off either way because of the compensatory day).
 */
const NATIONAL_DAY_ADJACENT_BY_WEEKDAY: readonly (1 | 3)[] = [3, 3, 1, 1, 3, 1, 1];

function assertYear(year: number): void {
  if (!Number.isInteger(year)) {
    throw new AppError('VALIDATION_FAILED', { message: 'Year must be an integer', details: { year } });
  }
}

/** 'd/m/yyyy', the way Vietnamese notices write dates. */
function viDate(jd: number): string {
  const { year, month, day } = jdToDate(jd);
  return `${day}/${month}/${year}`;
}

/** Vietnamese label of a lunar day around Tết: "29 tháng Chạp", "mùng 1 Tết". */
function tetDayLabel(jd: number): string {
  const lunar = solarToLunar(jdToDate(jd));
  if (lunar.month === 12) return `${lunar.day} tháng Chạp`;
  if (lunar.month === 1 && lunar.day <= 10) return `mùng ${lunar.day} Tết`;
  return `${lunar.day}/${lunar.month}${lunar.leap ? ' nhuận' : ''} âm lịch`;
}

/**
 * The default 5 Tết days: lunar New Year's Eve (the last day of the 12th lunar month, 29 or 30
 * Chạp) and the first 4 days of the new year, the rule recorded in domain-data.json. The
 * Government often starts a day earlier (29 Chạp when Chạp has 30 days, as in 2023 and 2024), so
 * announced years should be entered as decisions.
 */
export function defaultTetDays(year: number): IsoDate[] {
  assertYear(year);
  const newYear = tetJd(year);
  return Array.from({ length: TET_HOLIDAY_DAYS }, (_, i) => jdToIso(newYear - 1 + i));
}

/** The default day next to 2 September (see NATIONAL_DAY_ADJACENT_BY_WEEKDAY). */
export function defaultNationalDayAdjacent(year: number): IsoDate {
  assertYear(year);
  const weekday = weekdayOfJd(jdFromDate({ year, month: 9, day: 2 }));
  return jdToIso(jdFromDate({ year, month: 9, day: NATIONAL_DAY_ADJACENT_BY_WEEKDAY[weekday] }));
}

function checkDecisions(year: number, decisions: HolidayDecisions): void {
  const { tetDays, nationalDayAdjacent } = decisions;
  if (tetDays !== undefined) {
    const inYear = tetDays.every((d) => parseIsoDate(d).year === year);
    if (tetDays.length !== TET_HOLIDAY_DAYS || new Set(tetDays).size !== TET_HOLIDAY_DAYS || !inYear) {
      throw new AppError('VALIDATION_FAILED', {
        message: `Tết must be ${TET_HOLIDAY_DAYS} distinct days of ${year}`,
        details: { year, tetDays },
      });
    }
  }
  if (nationalDayAdjacent !== undefined && nationalDayAdjacent !== `${year}-09-01` && nationalDayAdjacent !== `${year}-09-03`) {
    throw new AppError('VALIDATION_FAILED', {
      message: 'The day next to Quốc khánh must be 1 or 3 September of the same year',
      details: { year, nationalDayAdjacent },
    });
  }
}

/**
 * The year's public holidays (Art. 112) and compensatory days (Art. 111.3), sorted by date.
 *
 * Compensatory rule: every holiday falling on Saturday or Sunday gives one day off on the next
 * working day, i.e. the next weekday that is neither a holiday nor an already granted
 * compensatory day. Holidays are processed in date order, so a Tết block with a weekend inside
 * gets its compensatory days after the block, and two weekend holidays in a row (Giỗ Tổ on
 * Saturday 29/4/2023, 30/4 on Sunday) give two consecutive compensatory days. Two holidays on the
 * same date (Giỗ Tổ on 30 April, last in 1947) are assumed to owe a compensatory day for the
 * clash as well; the law is silent, so the Government's notice should be entered as an override.
 *
 * @param decisions the Government's choices for this year; defaults apply to what is omitted.
 * @throws AppError VALIDATION_FAILED on a non-integer year, a year outside the lunar range
 *   (1800–2199) or inconsistent decisions.
 */
export function defaultHolidays(year: number, decisions: HolidayDecisions = {}): Holiday[] {
  assertYear(year);
  checkDecisions(year, decisions);

  const tetDays = decisions.tetDays ?? defaultTetDays(year);
  const adjacent = decisions.nationalDayAdjacent ?? defaultNationalDayAdjacent(year);
  // Giỗ Tổ is 10 of the ordinary third month; in a year with a leap third month (2031) the leap
  // one comes after it, so leap: false is the right month.
  const hungKings = jdFromDate(lunarToSolar({ year, month: 3, day: 10, leap: false }));

  const raw: Array<{ jd: number; name: string }> = [
    { jd: jdFromDate({ year, month: 1, day: 1 }), name: NAMES.newYear },
    ...tetDays.map((d) => {
      const jd = isoToJd(d);
      return { jd, name: `${NAMES.tet} (${tetDayLabel(jd)})` };
    }),
    { jd: hungKings, name: NAMES.hungKings },
    { jd: jdFromDate({ year, month: 4, day: 30 }), name: NAMES.victory },
    { jd: jdFromDate({ year, month: 5, day: 1 }), name: NAMES.labour },
    { jd: jdFromDate({ year, month: 9, day: 2 }), name: NAMES.nationalDay },
    { jd: isoToJd(adjacent), name: NAMES.nationalDayAdjacent },
  ];

  // Group same-date holidays so a clash is one listed day with both names.
  const byJd = new Map<number, string[]>();
  for (const { jd, name } of raw) byJd.set(jd, [...(byJd.get(jd) ?? []), name]);
  const holidayJds = [...byJd.keys()].sort((a, b) => a - b);

  const result: Holiday[] = [];
  const compensatory = new Map<number, string>();
  for (const jd of holidayJds) {
    const names = byJd.get(jd) as string[];
    const name = names.join('; ');
    result.push({ date: jdToIso(jd), name, kind: 'holiday' });

    const owed = isWeekendJd(jd) ? names.length : names.length - 1;
    for (let i = 0; i < owed; i++) {
      let next = jd + 1;
      while (isWeekendJd(next) || byJd.has(next) || compensatory.has(next)) next++;
      compensatory.set(next, `Nghỉ bù cho ${names[Math.min(i, names.length - 1)]}, ngày ${viDate(jd)}`);
    }
  }
  for (const [jd, name] of compensatory) result.push({ date: jdToIso(jd), name, kind: 'compensatory' });

  return result.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/**
 * The two overrides of each announced swap: the bridged weekday off, the Saturday worked.
 * @throws AppError VALIDATION_FAILED when a swap date is malformed or outside `year`.
 */
export function swapOverrides(year: number, swaps: readonly WorkingDaySwap[]): CalendarOverride[] {
  return swaps.flatMap(({ dayOff, workingDay }) => {
    if (parseIsoDate(dayOff).year !== year || parseIsoDate(workingDay).year !== year) {
      throw new AppError('VALIDATION_FAILED', { message: `Swap outside ${year}`, details: { dayOff, workingDay } });
    }
    return [
      { date: dayOff, kind: 'day_off', name: `Nghỉ hoán đổi (làm bù ngày ${workingDay})` },
      { date: workingDay, kind: 'working_day', name: `Làm bù cho ngày nghỉ ${dayOff}` },
    ] satisfies CalendarOverride[];
  });
}
