import { Readable, Writable } from 'node:stream';
import { readFileSync } from 'node:fs';
import { AppError } from '../../../../src/lib/errors.js';

export const FIXTURES = new URL('../../../fixtures/edxml/', import.meta.url);

export const fixture = (name: string): Buffer => readFileSync(new URL(name, FIXTURES));

export const LIMITS = { maxBytes: 64 * 1024 * 1024, maxDepth: 32, maxTextLength: 16 * 1024 };

/** A readable that hands out `data` in chunks of `size` bytes (to cross every boundary). */
export function chunked(data: Buffer | string, size: number): Readable {
  const buf = Buffer.isBuffer(data) ? data : Buffer.from(data, 'utf8');
  const parts: Buffer[] = [];
  for (let i = 0; i < buf.length; i += size) parts.push(buf.subarray(i, i + size));
  return Readable.from(parts, { objectMode: false });
}

/** Collects a stream into one Buffer. */
export async function collect(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of stream) parts.push(Buffer.isBuffer(c) ? c : Buffer.from(c as string));
  return Buffer.concat(parts);
}

/** A writable sink that keeps what it receives (optionally slowly, to exercise backpressure). */
export function memorySink(delayMs = 0): { sink: Writable; bytes: () => Buffer; writes: () => number } {
  const parts: Buffer[] = [];
  const sink = new Writable({
    highWaterMark: 16 * 1024,
    write(chunk: Buffer, _enc, cb) {
      parts.push(chunk);
      if (delayMs) setTimeout(cb, delayMs);
      else cb();
    },
  });
  return { sink, bytes: () => Buffer.concat(parts), writes: () => parts.length };
}

/** Awaits a refusal and returns its one-line reason. */
export async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    if (err.code !== 'VALIDATION_FAILED') throw err;
    return err.message;
  }
  throw new Error('expected the package to be refused');
}

/** Minimal QCVN package around a MessageHeader body (no namespace prefixes needed). */
export function edocXml(headerInner: string, tail = ''): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n<edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016">' +
    `<edXMLEnvelope><edXMLHeader><MessageHeader>${headerInner}</MessageHeader></edXMLHeader></edXMLEnvelope>${tail}</edXML>`
  );
}

export const MANDATORY =
  '<From><OrganId>000.00.00.H99</OrganId><OrganName>UBND tỉnh Thử Nghiệm</OrganName></From>' +
  '<To><OrganId>000.00.05.H99</OrganId></To>' +
  '<Code><CodeNumber>15</CodeNumber><CodeNotation>QĐ-UBND</CodeNotation></Code>' +
  '<PromulgationInfo><PromulgationDate>2026/03/02</PromulgationDate></PromulgationInfo>' +
  '<Subject>Về việc thử</Subject>';
