import { AppError } from '../../lib/errors.js';
import type { LunarDate, SolarDate } from './calendar.types.js';
import { VN_UTC_OFFSET_HOURS, daysInMonth, jdFromDate, jdToDate } from './iso-date.js';

/**
 * The Vietnamese lunisolar calendar (âm lịch), computed with Hồ Ngọc Đức's published astronomical
 * algorithm ("Âm lịch Việt Nam", https://www.informatik.uni-leipzig.de/~duc/amlich/calrules.html):
 * - a lunar month starts on the local civil day containing the astronomical new moon;
 * - month 11 is the month containing the winter solstice;
 * - a year (from one month 11 to the next) with 13 months has a leap month: the first month after
 *   month 11 that contains no major solar term (trung khí), which takes the previous month's number.
 * Everything is evaluated at UTC+7. Chinese calendars do the same at UTC+8, which moves a new moon
 * falling between 23:00 and 24:00 (Vietnam) to the next day and gives a different Tết in some years
 * (1985, 2007, 2030). The new-moon and sun-longitude series are Meeus' low-precision ones used by
 * Hồ Ngọc Đức, accurate enough for civil dates in 1800–2199.
 */

export const LUNAR_MIN_YEAR = 1800;
export const LUNAR_MAX_YEAR = 2199;

const TIME_ZONE = VN_UTC_OFFSET_HOURS;
const DEG = Math.PI / 180;
const SYNODIC_MONTH = 29.530588853;
/** JDN-based epoch of new moon number 0 (1900-01-01 13:52 UTC), from the algorithm. */
const NEW_MOON_EPOCH = 2415021.076998695;

/** Julian date (UT) of the k-th new moon after 1900-01-01 (Meeus, chapter 49, low precision). */
function newMoonJulianDate(k: number): number {
  const T = k / 1236.85;
  const T2 = T * T;
  const T3 = T2 * T;

  let jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
  jd1 += 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * DEG);

  const M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3; // sun's mean anomaly
  const Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3; // moon's mean anomaly
  const F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3; // moon's argument of latitude

  let c1 = (0.1734 - 0.000393 * T) * Math.sin(M * DEG) + 0.0021 * Math.sin(2 * DEG * M);
  c1 = c1 - 0.4068 * Math.sin(Mpr * DEG) + 0.0161 * Math.sin(DEG * 2 * Mpr);
  c1 -= 0.0004 * Math.sin(DEG * 3 * Mpr);
  c1 = c1 + 0.0104 * Math.sin(DEG * 2 * F) - 0.0051 * Math.sin(DEG * (M + Mpr));
  c1 = c1 - 0.0074 * Math.sin(DEG * (M - Mpr)) + 0.0004 * Math.sin(DEG * (2 * F + M));
  c1 = c1 - 0.0004 * Math.sin(DEG * (2 * F - M)) - 0.0006 * Math.sin(DEG * (2 * F + Mpr));
  c1 = c1 + 0.001 * Math.sin(DEG * (2 * F - Mpr)) + 0.0005 * Math.sin(DEG * (2 * Mpr + M));

  // ΔT (TT − UT) in days: the series gives dynamical time, civil dates need universal time.
  const deltaT =
    T < -11 ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3 : -0.000278 + 0.000265 * T + 0.000262 * T2;

  return jd1 + c1 - deltaT;
}

/** Apparent sun longitude in radians, normalised to [0, 2π), at Julian date `jdn` (UT). */
function sunLongitude(jdn: number): number {
  const T = (jdn - 2451545.0) / 36525;
  const T2 = T * T;
  const M = 357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2; // mean anomaly
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2; // mean longitude
  let DL = (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(DEG * M);
  DL = DL + (0.019993 - 0.000101 * T) * Math.sin(DEG * 2 * M) + 0.00029 * Math.sin(DEG * 3 * M);
  const L = (L0 + DL) * DEG;
  return L - 2 * Math.PI * Math.floor(L / (2 * Math.PI));
}

/** Sector 0–11 (30° each) of the sun at the local midnight starting day `dayNumber`. */
function sunSectorAtLocalMidnight(dayNumber: number): number {
  return Math.floor((sunLongitude(dayNumber - 0.5 - TIME_ZONE / 24) / Math.PI) * 6);
}

/** JDN of the local civil day on which the k-th new moon falls. */
function newMoonDay(k: number): number {
  return Math.floor(newMoonJulianDate(k) + 0.5 + TIME_ZONE / 24);
}

/** JDN of the first day of lunar month 11 (the month of the winter solstice) of solar year `year`. */
function lunarMonth11(year: number): number {
  const off = jdFromDate({ year, month: 12, day: 31 }) - 2415021;
  const k = Math.floor(off / SYNODIC_MONTH);
  const nm = newMoonDay(k);
  // Sector ≥ 9 (longitude ≥ 270°) at the month's start means the solstice is already past, so
  // the solstice month is the previous one.
  return sunSectorAtLocalMidnight(nm) >= 9 ? newMoonDay(k - 1) : nm;
}

/**
 * Offset (in months after month 11 starting at `a11`) of the leap month in a 13-month year: the
 * first month whose start and the next month's start see the sun in the same sector, i.e. a month
 * with no major solar term.
 */
function leapMonthOffset(a11: number): number {
  const k = Math.floor((a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH + 0.5);
  let i = 1;
  let arc = sunSectorAtLocalMidnight(newMoonDay(k + i));
  let last: number;
  do {
    last = arc;
    i++;
    arc = sunSectorAtLocalMidnight(newMoonDay(k + i));
  } while (arc !== last && i < 14);
  return i - 1;
}

function assertSupportedYear(year: number, what: string): void {
  if (!Number.isInteger(year) || year < LUNAR_MIN_YEAR || year > LUNAR_MAX_YEAR) {
    throw new AppError('VALIDATION_FAILED', {
      message: `${what} year must be an integer in ${LUNAR_MIN_YEAR}–${LUNAR_MAX_YEAR}`,
      details: { year },
    });
  }
}

/**
 * Converts a Gregorian date to the Vietnamese lunar date (UTC+7).
 * @throws AppError VALIDATION_FAILED when the date does not exist or lies outside 1800–2199.
 */
export function solarToLunar(date: SolarDate): LunarDate {
  const { year, month, day } = date;
  assertSupportedYear(year, 'Solar');
  if (!Number.isInteger(month) || month < 1 || month > 12 || !Number.isInteger(day) || day < 1 || day > daysInMonth(year, month)) {
    throw new AppError('VALIDATION_FAILED', { message: 'Not an existing solar date', details: { ...date } });
  }

  const dayNumber = jdFromDate(date);
  const k = Math.floor((dayNumber - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  let monthStart = newMoonDay(k + 1);
  if (monthStart > dayNumber) monthStart = newMoonDay(k);
  // The published code stops here, but k comes from the mean lunation while the true new moon
  // can be up to ~14 h late, so new moon k may still fall after the day (1877-04-13,
  // 2054-05-07, 2062-04-09 would get lunar day 0). Step back one more lunation then.
  if (monthStart > dayNumber) monthStart = newMoonDay(k - 1);

  let a11 = lunarMonth11(year);
  let b11 = a11;
  let lunarYear: number;
  if (a11 >= monthStart) {
    lunarYear = year;
    a11 = lunarMonth11(year - 1);
  } else {
    lunarYear = year + 1;
    b11 = lunarMonth11(year + 1);
  }

  const lunarDay = dayNumber - monthStart + 1;
  const diff = Math.floor((monthStart - a11) / 29);
  let leap = false;
  let lunarMonth = diff + 11;
  if (b11 - a11 > 365) {
    const leapDiff = leapMonthOffset(a11);
    if (diff >= leapDiff) {
      lunarMonth = diff + 10;
      leap = diff === leapDiff;
    }
  }
  if (lunarMonth > 12) lunarMonth -= 12;
  if (lunarMonth >= 11 && diff < 4) lunarYear -= 1;

  return { year: lunarYear, month: lunarMonth, day: lunarDay, leap };
}

/** JDN of the first day of a lunar month, or null when that (leap) month does not exist. */
function lunarMonthStartJd(lunarYear: number, lunarMonth: number, leap: boolean): number | null {
  let a11: number;
  let b11: number;
  if (lunarMonth < 11) {
    a11 = lunarMonth11(lunarYear - 1);
    b11 = lunarMonth11(lunarYear);
  } else {
    a11 = lunarMonth11(lunarYear);
    b11 = lunarMonth11(lunarYear + 1);
  }

  const k = Math.floor(0.5 + (a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  let off = lunarMonth - 11;
  if (off < 0) off += 12;

  if (b11 - a11 > 365) {
    const leapOff = leapMonthOffset(a11);
    let leapMonth = leapOff - 2;
    if (leapMonth < 0) leapMonth += 12;
    if (leap && lunarMonth !== leapMonth) return null;
    if (leap || off >= leapOff) off += 1;
  } else if (leap) {
    return null;
  }
  return newMoonDay(k + off);
}

/**
 * Number of days (29 or 30) of a lunar month.
 * @throws AppError VALIDATION_FAILED when the month (or its leap variant) does not exist.
 */
export function lunarMonthLength({ year, month, leap }: Omit<LunarDate, 'day'>): number {
  assertSupportedYear(year, 'Lunar');
  const start = Number.isInteger(month) && month >= 1 && month <= 12 ? lunarMonthStartJd(year, month, leap) : null;
  if (start === null) {
    throw new AppError('VALIDATION_FAILED', { message: 'No such lunar month', details: { year, month, leap } });
  }
  // The next month starts at the first new moon after this one; new moons are 29–30 days apart.
  return newMoonDay(Math.floor((start - NEW_MOON_EPOCH) / SYNODIC_MONTH + 0.5) + 1) - start;
}

/**
 * Converts a Vietnamese lunar date to the Gregorian date.
 * @throws AppError VALIDATION_FAILED when the lunar date does not exist (a leap flag on a month
 *   that is not that year's leap month, day 30 of a 29-day month) or lies outside 1800–2199.
 */
export function lunarToSolar(date: LunarDate): SolarDate {
  const { year, month, day, leap } = date;
  const length = lunarMonthLength({ year, month, leap });
  if (!Number.isInteger(day) || day < 1 || day > length) {
    throw new AppError('VALIDATION_FAILED', { message: 'No such lunar day', details: { ...date } });
  }
  const start = lunarMonthStartJd(year, month, leap) as number;
  return jdToDate(start + day - 1);
}

/** JDN of lunar New Year's day (mùng 1 Tết) of the lunar year starting in solar year `year`. */
export function tetJd(year: number): number {
  assertSupportedYear(year, 'Lunar');
  return lunarMonthStartJd(year, 1, false) as number;
}
