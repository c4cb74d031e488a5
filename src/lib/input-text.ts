import { AppError } from './errors.js';

/**
 * Characters no text given to the API may hold:
 * - C0 controls except tab, line feed and carriage return: PostgreSQL refuses NUL in text, and XML 1.0
 *   (edXML) cannot carry any of them, so a subject holding one could never be sent to another agency;
 * - bidirectional embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069): Vietnamese
 *   is written left to right, and these only serve to make a name or number read as something else;
 * - U+FFFE and U+FFFF, which are not characters (XML refuses them too);
 * - unpaired surrogates, which are not Unicode text at all.
 */
const UNSAFE_TEXT =
  // eslint-disable-next-line no-control-regex -- finding control characters is this pattern's purpose
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u202A-\u202E\u2066-\u2069\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when `s` holds a character of UNSAFE_TEXT. */
export const hasUnsafeText = (s: string): boolean => UNSAFE_TEXT.test(s);

function isPlainContainer(v: object): boolean {
  if (Array.isArray(v)) return true;
  // Parsed JSON has Object.prototype; Fastify's query object is built on a prototype that itself has
  // none (fast-querystring). Streams, buffers and other class instances are not walked.
  const proto = Object.getPrototypeOf(v) as object | null;
  return proto === null || proto === Object.prototype || Object.getPrototypeOf(proto) === null;
}

/**
 * The JSON path (`/subject`, `/assignees/0/note`) of the first string, or object key, in `value`
 * that holds an unsafe character; undefined when there is none.
 */
export function findUnsafeText(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') return hasUnsafeText(value) ? path || '/' : undefined;
  if (value === null || typeof value !== 'object' || !isPlainContainer(value)) return undefined;
  for (const [key, child] of Object.entries(value)) {
    const childPath = `${path}/${key}`;
    if (hasUnsafeText(key)) return childPath;
    const found = findUnsafeText(child, childPath);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** @throws AppError VALIDATION_FAILED naming where in `part` the unsafe character is. */
export function assertSafeText(value: unknown, part: string): void {
  const where = findUnsafeText(value);
  if (where !== undefined) {
    throw new AppError('VALIDATION_FAILED', {
      message: `${part}${where === '/' ? '' : where} contains a control or bidirectional-override character, which is not allowed`,
      details: { part, path: where },
    });
  }
}
