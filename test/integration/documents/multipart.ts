import { createHash, randomBytes } from 'node:crypto';

export type FieldPart = { name: string; value: string; contentType?: string };
export type FilePart = { name: string; filename: string; content: Buffer; contentType?: string };
export type Part = FieldPart | FilePart;

export const BOUNDARY = 'vanthu-test-boundary-7d1f0c';

const isFile = (p: Part): p is FilePart => 'content' in p;

/** The head of one part (everything before its content). */
export function partHead(p: Part): Buffer {
  const disposition = isFile(p)
    ? `form-data; name="${p.name}"; filename="${p.filename}"; filename*=UTF-8''${encodeURIComponent(p.filename)}`
    : `form-data; name="${p.name}"`;
  const type = isFile(p)
    ? `\r\nContent-Type: ${p.contentType ?? 'application/octet-stream'}`
    : p.contentType
      ? `\r\nContent-Type: ${p.contentType}`
      : '';
  return Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: ${disposition}${type}\r\n\r\n`);
}

export const multipartTail = (): Buffer => Buffer.from(`--${BOUNDARY}--\r\n`);

/** A multipart/form-data body built by hand, in the given part order. */
export function multipart(parts: Part[]): { payload: Buffer; headers: Record<string, string> } {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    chunks.push(partHead(p), isFile(p) ? p.content : Buffer.from(p.value), Buffer.from('\r\n'));
  }
  chunks.push(multipartTail());
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` } };
}

/** Bytes a sniffer takes for a PDF: a header, random filler and a trailer. */
export function fakePdf(size = 20_000): Buffer {
  const head = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1');
  const tail = Buffer.from('\n%%EOF\n');
  return Buffer.concat([head, randomBytes(Math.max(0, size - head.length - tail.length)), tail]);
}

/** A Linux executable header followed by filler: what a renamed binary looks like. */
export function fakeElf(size = 8_000): Buffer {
  return Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), randomBytes(size - 8)]);
}

export const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

export const metadataPart = (m: Record<string, unknown>): FieldPart => ({ name: 'metadata', value: JSON.stringify(m) });
