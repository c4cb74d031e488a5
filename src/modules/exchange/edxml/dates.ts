/**
 * Date handling for edXML. Implementations disagree on formats (`yyyy/MM/dd` in QCVN samples,
 * `dd/MM/yyyy` in the Bkav validator, ISO elsewhere, each with an optional time), so input is read
 * leniently and output is always QCVN style.
 */
import { AppError } from '../../../lib/errors.js';

const TIME = String.raw`(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?`;
const YEAR_FIRST = new RegExp(String.raw`^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})${TIME}$`);
const DAY_FIRST = new RegExp(String.raw`^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})${TIME}$`);
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;

/** Vietnam has kept UTC+7 without daylight saving since 1975; QCVN timestamps are in that time. */
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

type DateParts = {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  offset: string | null;
  hasTime: boolean;
};

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function isValidDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

function splitDate(raw: string): DateParts | null {
  const s = raw.trim();
  let m = YEAR_FIRST.exec(s);
  let year: number, month: number, day: number;
  if (m) {
    [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  } else {
    m = DAY_FIRST.exec(s);
    if (m) {
      // Vietnamese convention: day before month; MM/dd/yyyy is not seen on the axis.
      [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
    } else {
      const c = COMPACT.exec(s);
      if (!c) return null;
      [year, month, day] = [Number(c[1]), Number(c[2]), Number(c[3])];
      m = null;
    }
  }
  if (!isValidDate(year, month, day)) return null;

  const hasTime = m !== null && m[4] !== undefined;
  const hour = hasTime ? Number(m![4]) : 0;
  const minute = hasTime ? Number(m![5]) : 0;
  const second = hasTime && m![6] !== undefined ? Number(m![6]) : 0;
  if (hour > 23 || minute > 59 || second > 60) return null;

  let offset: string | null = null;
  const zone = m?.[7];
  if (zone) offset = zone === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  return { year, month, day, hour, minute, second, offset, hasTime };
}

/**
 * Reads a date in any of the formats seen on the axis (`yyyy/MM/dd`, `dd/MM/yyyy`, ISO, with `-`,
 * `/` or `.` separators and an optional time) and returns `YYYY-MM-DD`, or null when it is not a
 * real calendar date. The date is the one written, never shifted to UTC.
 */
export function parseEdxmlDate(raw: string | null | undefined): string | null {
  if (raw == null) return null;
  const p = splitDate(raw);
  return p ? `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}` : null;
}

/**
 * Reads a timestamp (same formats as `parseEdxmlDate`) and returns `YYYY-MM-DDTHH:mm:ss`, with the
 * offset appended only when the input had one; null when unreadable.
 */
export function parseEdxmlTimestamp(raw: string | null | undefined): string | null {
  if (raw == null) return null;
  const p = splitDate(raw);
  if (!p) return null;
  const base = `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
  return p.offset ? `${base}${p.offset}` : base;
}

/**
 * Formats a date (`YYYY-MM-DD` or any format `parseEdxmlDate` reads) as QCVN `yyyy/MM/dd`.
 * @throws AppError VALIDATION_FAILED when the value is not a date.
 */
export function formatQcvnDate(value: string): string {
  const iso = parseEdxmlDate(value);
  if (!iso) throw new AppError('VALIDATION_FAILED', { message: `not a date: ${JSON.stringify(value)}` });
  return iso.replaceAll('-', '/');
}

/**
 * Formats a timestamp as QCVN `yyyy/MM/dd HH:mm:ss`. A `Date` is rendered in Vietnam time (UTC+7);
 * a string keeps the wall-clock time it carries (its offset, if any, is dropped as QCVN has none).
 * @throws AppError VALIDATION_FAILED when the string is not a timestamp.
 */
export function formatQcvnTimestamp(value: Date | string): string {
  if (value instanceof Date) {
    const t = new Date(value.getTime() + VIETNAM_OFFSET_MS);
    return (
      `${pad(t.getUTCFullYear(), 4)}/${pad(t.getUTCMonth() + 1)}/${pad(t.getUTCDate())} ` +
      `${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`
    );
  }
  const p = splitDate(value);
  if (!p) throw new AppError('VALIDATION_FAILED', { message: `not a timestamp: ${JSON.stringify(value)}` });
  return `${pad(p.year, 4)}/${pad(p.month)}/${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}
