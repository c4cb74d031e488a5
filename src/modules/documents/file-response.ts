import { cleanFileName } from './upload.js';

/**
 * The headers of every response that carries stored file bytes (document files, draft files; any
 * route that streams an object from storage uses this, so the rules exist once).
 *
 * Stored files come from clients and from other agencies, so a browser must never treat one as a
 * page of this API's origin:
 * - only types that cannot carry script (PDF and raster images) are shown inline; everything else,
 *   SVG, HTML, XML (which may be XHTML) and text included, is a download (`attachment`);
 * - `X-Content-Type-Options: nosniff` keeps the browser to the type we send;
 * - a sandboxing Content-Security-Policy makes even a file rendered by mistake a unique origin with
 *   no scripts, forms or subresources;
 * - the type sent is the stored one (the upload sniffs it from the bytes), reduced to a plain
 *   `type/subtype`; anything that is not one becomes application/octet-stream.
 */

/** Types a browser may render from our origin: they cannot run script. SVG is an image that can. */
export const INLINE_SAFE_TYPES: ReadonlySet<string> = new Set(['application/pdf', 'image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/** The CSP of file responses: nothing loads, nothing runs, and the document has an opaque origin. */
export const FILE_CSP = "default-src 'none'; sandbox";

const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;

/** The `type/subtype` of a stored content type, lower case without parameters; octet-stream when malformed. */
export function servedContentType(stored: string): string {
  const essence = (stored.split(';')[0] ?? '').trim().toLowerCase();
  return MEDIA_TYPE.test(essence) ? essence : 'application/octet-stream';
}

/**
 * A Content-Disposition value for a possibly non-ASCII file name (RFC 6266): an ASCII fallback
 * (diacritics removed) in `filename` and the exact name in RFC 5987 `filename*`. The name is cleaned
 * again here: names stored before the upload stripped bidirectional controls must not reach the
 * browser's save dialog with them.
 */
export function contentDisposition(fileName: string, disposition: 'inline' | 'attachment'): string {
  const name = cleanFileName(fileName);
  const fallback = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** Type, disposition and the protective headers for serving `file`'s bytes. */
export function fileResponseHeaders(file: { name: string; contentType: string }): Record<string, string> {
  const type = servedContentType(file.contentType);
  return {
    'content-type': type,
    'content-disposition': contentDisposition(file.name, INLINE_SAFE_TYPES.has(type) ? 'inline' : 'attachment'),
    'x-content-type-options': 'nosniff',
    'content-security-policy': FILE_CSP,
    'cache-control': 'private, no-store',
  };
}
