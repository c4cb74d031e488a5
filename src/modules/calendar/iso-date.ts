import { AppError } from '../../lib/errors.js';
import type { IsoDate, SolarDate } from './calendar.types.js';

/**
 * Day arithmetic on Julian day numbers (JDN): integers, one per civil day, so adding days and
 * finding weekdays never touch `Date` or a time zone.
 */

/** Vietnam has used UTC+7 since 1975; deadlines are counted on its civil dates. */
export const VN_UTC_OFFSET_HOURS = 7;

const MS_PER_HOUR = 3_600_000;

/**
 * Julian day number of a calendar date (Hồ Ngọc Đức's `jdFromDate`): Gregorian from 15 Oct 1582,
 * Julian calendar before, as the lunar algorithm's astronomy expects.
 */
export function jdFromDate({ year, month, day }: SolarDate): number {
  const a = Math.floor((14 - month) / 12);
  const y = year + 4800 - a;
  const m = month + 12 * a - 3;
  const jd = day + Math.floor((153 * m + 2) / 5) + 365 * y + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400) - 32045;
  if (jd < 2299161) return day + Math.floor((153 * m + 2) / 5) + 365 * y + Math.floor(y / 4) - 32083;
  return jd;
}

/** Inverse of {@link jdFromDate} (Hồ Ngọc Đức's `jdToDate`). */
export function jdToDate(jd: number): SolarDate {
  let b: number;
  let c: number;
  if (jd > 2299160) {
    const a = jd + 32044;
    b = Math.floor((4 * a + 3) / 146097);
    c = a - Math.floor((b * 146097) / 4);
  } else {
    b = 0;
    c = jd + 32082;
  }
  const d = Math.floor((4 * c + 3) / 1461);
  const e = c - Math.floor((1461 * d) / 4);
  const m = Math.floor((5 * e + 2) / 153);
  return {
    day: e - Math.floor((153 * m + 2) / 5) + 1,
    month: m + 3 - 12 * Math.floor(m / 10),
    year: b * 100 + d - 4800 + Math.floor(m / 10),
  };
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOfJd(jd: number): number {
  return (jd + 1) % 7;
}

/** State agencies rest on Saturday and Sunday (40-hour week, QĐ 188/1999/QĐ-TTg). */
export function isWeekendJd(jd: number): boolean {
  const w = weekdayOfJd(jd);
  return w === 0 || w === 6;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const ZERO = 48;

function digitsAt(s: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const d = s.charCodeAt(i) - ZERO;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/**
 * Parses a strict 'YYYY-MM-DD' string (no time, no offset) without allocating, because the
 * working-day lookups sit on hot paths (overdue scans over many documents).
 * @throws AppError VALIDATION_FAILED when the string is not an existing calendar date.
 */
export function parseIsoDate(date: IsoDate): SolarDate {
  const year = typeof date === 'string' && date.length === 10 ? digitsAt(date, 0, 4) : -1;
  const month = year >= 0 && date.charCodeAt(4) === 45 && date.charCodeAt(7) === 45 ? digitsAt(date, 5, 2) : -1;
  const day = month >= 1 && month <= 12 ? digitsAt(date, 8, 2) : -1;
  if (day < 1 || day > daysInMonth(year, month)) {
    throw new AppError('VALIDATION_FAILED', { message: `Not a date in YYYY-MM-DD form: ${String(date)}`, details: { date } });
  }
  return { year, month, day };
}

/** Formats a calendar date as 'YYYY-MM-DD'. */
export function formatIsoDate({ year, month, day }: SolarDate): IsoDate {
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/** JDN of a 'YYYY-MM-DD' string. @throws AppError VALIDATION_FAILED on a malformed date. */
export function isoToJd(date: IsoDate): number {
  return jdFromDate(parseIsoDate(date));
}

/** 'YYYY-MM-DD' of a JDN. */
export function jdToIso(jd: number): IsoDate {
  return formatIsoDate(jdToDate(jd));
}

/**
 * The Vietnamese civil date (UTC+7) of an instant: a document received at 23:30 UTC on 1 March
 * was received on 2 March in Hà Nội, and its deadline counts from 2 March.
 * @throws AppError VALIDATION_FAILED on an invalid Date.
 */
export function vnDateOf(instant: Date): IsoDate {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new AppError('VALIDATION_FAILED', { message: 'Invalid timestamp' });
  return new Date(ms + VN_UTC_OFFSET_HOURS * MS_PER_HOUR).toISOString().slice(0, 10);
}
