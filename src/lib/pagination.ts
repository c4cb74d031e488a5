import { AppError } from './errors.js';

/**
 * What one position of a keyset cursor holds. A cursor comes back from the client, so each value is
 * checked here before it reaches SQL: a forged or damaged cursor is a 400, never a database error.
 * - `timestamp`: a PostgreSQL timestamptz text (`2024-05-01 10:00:00.123456+07`) or an ISO instant;
 *   returned as an ISO 8601 string both PostgreSQL and `new Date` read;
 * - `uuid`: a row id;
 * - `text`: a short string without control characters (e.g. a username);
 * - `ltree`: an organisation path.
 */
export type CursorField = 'timestamp' | 'uuid' | 'text' | 'ltree';

/** Opaque keyset cursors: base64url of a JSON array of the sort key values of the last row. */
export function encodeCursor(values: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

const MAX_CURSOR_CHARS = 4096;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LTREE = /^[A-Za-z0-9_]{1,255}(\.[A-Za-z0-9_]{1,255})*$/;
// eslint-disable-next-line no-control-regex -- finding control characters is this pattern's purpose
const TEXT = /^[^\u0000-\u001F\u007F]{1,1000}$/;
const TIMESTAMP = /^(\d{4})-(\d\d)-(\d\d)[ T](\d\d):(\d\d):(\d\d)(\.\d{1,6})?(Z|[+-]\d\d(?::?\d\d)?)$/;

const daysIn = (year: number, month: number): number =>
  month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;

/** The ISO form of a timestamp inside the range both PostgreSQL and JavaScript dates hold; undefined otherwise. */
function timestampOf(value: string): string | undefined {
  const m = TIMESTAMP.exec(value);
  if (!m) return undefined;
  const [, yyyy, mo, dd, hh, mi, ss, fraction = '', zone] = m;
  const [year, month, day] = [Number(yyyy), Number(mo), Number(dd)];
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
  if (Number(hh) > 23 || Number(mi) > 59 || Number(ss) > 59) return undefined;
  let offset = 'Z';
  if (zone !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    const [oh, om] = [Number(digits.slice(0, 2)), Number(digits.slice(2) || '0')];
    if (oh > 15 || om > 59) return undefined;
    offset = `${zone[0]}${digits.slice(0, 2)}:${String(om).padStart(2, '0')}`;
  }
  return `${yyyy}-${mo}-${dd}T${hh}:${mi}:${ss}${fraction}${offset}`;
}

function fieldOf(value: unknown, kind: CursorField): string | undefined {
  if (typeof value !== 'string') return undefined;
  switch (kind) {
    case 'timestamp':
      return timestampOf(value);
    case 'uuid':
      return UUID.test(value) ? value : undefined;
    case 'ltree':
      return LTREE.test(value) ? value : undefined;
    case 'text':
      return TEXT.test(value) ? value : undefined;
  }
}

/**
 * The values of a cursor made by encodeCursor, one per field, each checked as its kind says; a
 * count instead of fields means that many `text` values (the caller checks them further).
 * @throws AppError VALIDATION_FAILED when the cursor was not produced by encodeCursor for these fields.
 */
export function decodeCursor(cursor: string, shape: readonly CursorField[] | number): string[] {
  const fields: readonly CursorField[] = typeof shape === 'number' ? Array<CursorField>(shape).fill('text') : shape;
  let values: unknown;
  try {
    if (cursor.length <= MAX_CURSOR_CHARS) values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    // refused below
  }
  if (Array.isArray(values) && values.length === fields.length) {
    const decoded = fields.map((kind, i) => fieldOf(values[i], kind));
    if (decoded.every((v): v is string => v !== undefined)) return decoded;
  }
  throw new AppError('VALIDATION_FAILED', { message: 'invalid cursor' });
}
