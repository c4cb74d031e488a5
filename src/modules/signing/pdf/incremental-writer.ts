/**
 * Appends one incremental update (ISO 32000 §7.5.6) to a PDF without touching its earlier bytes.
 * pdf-lib can only rewrite whole files, which would break every existing signature, so the
 * objects, the cross-reference section and the trailer of the update are written here.
 */
import { deflateSync } from 'node:zlib';

import { AppError } from '../../../lib/errors.js';

export type XrefKind = 'table' | 'stream';

export type LastSection = {
  /** Offset given by the final `startxref`. */
  startxref: number;
  kind: XrefKind;
  /** `/Size` of the last section: new object numbers must start at or above it. */
  size: number;
};

const WHITESPACE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);

const unprocessable = (message: string, details?: Record<string, unknown>): AppError => new AppError('UNPROCESSABLE', { message, details });

/** The dictionary text of the trailer (table) or xref stream header at `offset`. */
function sectionDictionary(pdf: Buffer, offset: number): { kind: XrefKind; dict: string } {
  let p = offset;
  while (p < pdf.length && WHITESPACE.has(pdf[p])) p++; // some writers point startxref at the EOL before 'xref'
  if (pdf.toString('latin1', p, p + 4) === 'xref') {
    const t = pdf.indexOf('trailer', p, 'latin1');
    if (t < 0) throw unprocessable('the PDF cross-reference table has no trailer');
    return { kind: 'table', dict: pdf.toString('latin1', t, Math.min(pdf.length, t + 4096)) };
  }
  const head = pdf.toString('latin1', p, Math.min(pdf.length, p + 4096));
  if (!/^\d+\s+\d+\s+obj/.test(head) || !/\/Type\s*\/XRef/.test(head.split('stream')[0])) {
    throw unprocessable('the PDF startxref does not point at a cross-reference section');
  }
  return { kind: 'stream', dict: head.split(/stream\r?\n/)[0] };
}

/**
 * Locate and describe the last cross-reference section; walk the /Prev chain to refuse
 * hybrid-reference files, whose /XRefStm sections a table-only update would orphan.
 * @throws AppError UNPROCESSABLE for a missing startxref, a broken chain or a hybrid file.
 */
export function readLastSection(pdf: Buffer): LastSection {
  const tail = pdf.toString('latin1', Math.max(0, pdf.length - 2048));
  const matches = [...tail.matchAll(/startxref\s+(\d+)/g)];
  const last = matches.at(-1);
  if (!last) throw unprocessable('not a PDF file or the PDF is damaged: no startxref found');
  const startxref = Number(last[1]);
  if (startxref >= pdf.length) throw unprocessable('the PDF is damaged: startxref points past the end of the file');

  const first = sectionDictionary(pdf, startxref);
  const size = Number(/\/Size\s+(\d+)/.exec(first.dict)?.[1]);
  if (!Number.isFinite(size)) throw unprocessable('the PDF is damaged: the last trailer has no /Size');

  const seen = new Set<number>();
  let offset: number | undefined = startxref;
  let section = first;
  while (offset !== undefined && !seen.has(offset)) {
    seen.add(offset);
    if (section.kind === 'table' && /\/XRefStm\s+\d+/.test(section.dict.split('startxref')[0])) {
      throw unprocessable('hybrid-reference PDF (/XRefStm in a table trailer) is not supported; rewrite it first (e.g. qpdf)', {
        reason: 'HYBRID_XREF',
      });
    }
    const prev = /\/Prev\s+(\d+)/.exec(section.dict.split('startxref')[0])?.[1];
    offset = prev === undefined ? undefined : Number(prev);
    if (offset !== undefined) {
      if (offset >= pdf.length) throw unprocessable('the PDF is damaged: /Prev points past the end of the file');
      section = sectionDictionary(pdf, offset);
    }
  }
  return { startxref, kind: first.kind, size };
}

export type IncrementObject = { objectNumber: number; generation: number; body: Buffer };

export type AppendIncrementOptions = {
  previous: LastSection;
  /** Written in this order; the xref lists them sorted. */
  objects: IncrementObject[];
  /** Serialised trailer values, e.g. `12 0 R`; `idFirst` is the original first /ID string. */
  root: string;
  info?: string;
  idFirst?: string;
  idSecond: string;
  /** Object number for the xref stream (only when previous.kind is 'stream'). */
  xrefStreamObjectNumber?: number;
  /** Largest object number in use after the update. */
  largestObjectNumber: number;
};

/**
 * Build the new file: original bytes, the objects, and an xref section of the same kind as the
 * previous one (Acrobat mishandles a table appended after a stream, SIGNING.md §4.1.2).
 * Returns the new buffer and the offset of each object's body (after `N G obj\n`).
 */
export function appendIncrement(pdf: Buffer, options: AppendIncrementOptions): { pdf: Buffer; bodyOffsets: Map<number, number> } {
  const { previous, objects, root, info, idFirst, idSecond, xrefStreamObjectNumber, largestObjectNumber } = options;
  const parts: Buffer[] = [];
  let pos = pdf.length;
  const push = (b: Buffer): void => {
    parts.push(b);
    pos += b.length;
  };
  const ascii = (s: string): Buffer => Buffer.from(s, 'latin1');

  const lastByte = pdf[pdf.length - 1];
  if (lastByte !== 0x0a && lastByte !== 0x0d) push(ascii('\n'));

  const entries = new Map<number, { offset: number; generation: number }>();
  const bodyOffsets = new Map<number, number>();
  for (const { objectNumber, generation, body } of objects) {
    entries.set(objectNumber, { offset: pos, generation });
    push(ascii(`${objectNumber} ${generation} obj\n`));
    bodyOffsets.set(objectNumber, pos);
    push(body);
    push(ascii('\nendobj\n'));
  }

  const xrefOffset = pos;
  const trailer = `/Root ${root}${info ? ` /Info ${info}` : ''} /ID [${idFirst ?? idSecond} ${idSecond}] /Prev ${previous.startxref}`;
  if (previous.kind === 'stream') {
    if (xrefStreamObjectNumber === undefined) throw new Error('xref stream object number missing');
    entries.set(xrefStreamObjectNumber, { offset: xrefOffset, generation: 0 });
  }
  const size = Math.max(largestObjectNumber + 1, previous.size);
  const runs = contiguousRuns([...entries.keys()].sort((a, b) => a - b));

  if (previous.kind === 'table') {
    let s = 'xref\n';
    for (const run of runs) {
      s += `${run[0]} ${run.length}\n`;
      for (const n of run) {
        const e = entries.get(n)!;
        s += `${String(e.offset).padStart(10, '0')} ${String(e.generation).padStart(5, '0')} n\r\n`;
      }
    }
    s += `trailer\n<< /Size ${size} ${trailer} >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
    push(ascii(s));
  } else {
    const rows = Buffer.alloc(entries.size * 7);
    let r = 0;
    for (const run of runs) {
      for (const n of run) {
        const e = entries.get(n)!;
        rows[r] = 1;
        rows.writeUInt32BE(e.offset, r + 1);
        rows.writeUInt16BE(e.generation, r + 5);
        r += 7;
      }
    }
    const data = deflateSync(rows);
    const index = runs.map((run) => `${run[0]} ${run.length}`).join(' ');
    push(
      ascii(
        `${xrefStreamObjectNumber} 0 obj\n<< /Type /XRef /Size ${size} /W [1 4 2] /Index [${index}] ${trailer} /Filter /FlateDecode /Length ${data.length} >>\nstream\n`,
      ),
    );
    push(data);
    push(ascii(`\nendstream\nendobj\nstartxref\n${xrefOffset}\n%%EOF\n`));
  }
  return { pdf: Buffer.concat([pdf, ...parts], pos), bodyOffsets };
}

/** Split sorted object numbers into runs of consecutive numbers (one xref subsection each). */
export function contiguousRuns(sorted: number[]): number[][] {
  const runs: number[][] = [];
  for (const n of sorted) {
    const run = runs.at(-1);
    if (run && run[run.length - 1] === n - 1) run.push(n);
    else runs.push([n]);
  }
  return runs;
}
