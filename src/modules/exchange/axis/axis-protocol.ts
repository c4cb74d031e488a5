import { createHash, createHmac } from 'node:crypto';

/**
 * The request form of the national document axis (VXP / LGSP) as the official Java SDK speaks it
 * (shared/design/AXIS.md §2): every parameter travels as a header `XroadVnpt-<name>`, the names are
 * listed in `XroadVnpt-sign-header-key`, the entries again as a compact JSON object in
 * `XroadVnpt-sign-header`, and `XroadVnpt-hash-header` is the lowercase hex HMAC-SHA256 of that
 * JSON string under the system's secret. The server verifies over the string as sent.
 */
export const AXIS_HEADER_PREFIX = 'XroadVnpt-';
export const AXIS_USER_AGENT = 'JAVASDKAgent/1.0.0 XRoad/VPCP';
export const AXIS_VERSION = '3.0.201608';

/** `ddMMyyyy'T'HHmmss+SSSS`: the SDK's timestamp (the last part is milliseconds, not a zone). */
export function axisTimestamp(d: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getDate())}${p(d.getMonth() + 1)}${d.getFullYear()}T${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}+${p(d.getMilliseconds(), 4)}`;
}

/** HMAC-SHA256(secret, sign-header) as lowercase hex. */
export const axisHmac = (secret: string, signHeader: string): string =>
  createHmac('sha256', Buffer.from(secret, 'utf8')).update(Buffer.from(signHeader, 'utf8')).digest('hex');

/** The SDK's `hash-file`: SHA-256 of the file with each byte written by Integer.toHexString (no zero padding). */
export function axisFileHash(file: Buffer): string {
  return [...createHash('sha256').update(file).digest()].map((b) => b.toString(16)).join('');
}

/** Whether every character is printable ASCII: the SDK's HttpClient garbles anything else in a header (AXIS.md §2). */
export const isAsciiHeaderValue = (v: string): boolean => /^[\x20-\x7e]*$/.test(v);

/**
 * The headers of one request: the parameters (`entries`, in order; the SDK's order comes from a
 * HashMap and the server must not depend on it), their signature, and the unsigned extras.
 * @throws Error when a value is not printable ASCII (it would not verify at the axis).
 */
export function axisRequestHeaders(secret: string, entries: [string, string][]): Record<string, string> {
  const headers: Record<string, string> = {};
  const signed: Record<string, string> = {};
  for (const [k, v] of entries) {
    if (!isAsciiHeaderValue(v)) throw new Error(`axis parameter ${k} is not printable ASCII`);
    signed[`${AXIS_HEADER_PREFIX}${k}`] = v;
    headers[`${AXIS_HEADER_PREFIX}${k}`] = v;
    // Content-Type is also sent as the plain header.
    if (k === 'Content-Type') headers['Content-Type'] = v;
  }
  const signHeader = JSON.stringify(signed);
  headers[`${AXIS_HEADER_PREFIX}sign-header-key`] = entries.map(([k]) => k).join(';');
  headers[`${AXIS_HEADER_PREFIX}sign-header`] = signHeader;
  headers[`${AXIS_HEADER_PREFIX}hash-header`] = axisHmac(secret, signHeader);
  headers['User-Agent'] = AXIS_USER_AGENT;
  headers[`${AXIS_HEADER_PREFIX}version`] = AXIS_VERSION;
  return headers;
}
