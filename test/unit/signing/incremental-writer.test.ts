import { describe, expect, it } from 'vitest';

import { appendIncrement, contiguousRuns, readLastSection } from '../../../src/modules/signing/pdf/incremental-writer.js';
import { parsePdfDate, pdfDate, pdfTextString } from '../../../src/modules/signing/pdf/pdf-text.js';

const minimal = (trailerExtra = ''): Buffer => {
  const head = '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n';
  const xref = head.length;
  return Buffer.from(
    `${head}xref\n0 3\n0000000000 65535 f\r\n0000000009 00000 n\r\n0000000059 00000 n\r\ntrailer\n<< /Size 3 /Root 1 0 R ${trailerExtra}>>\nstartxref\n${xref}\n%%EOF\n`,
    'latin1',
  );
};

describe('contiguousRuns', () => {
  it('splits object numbers into xref subsections', () => {
    expect(contiguousRuns([1, 2, 3, 7, 9, 10])).toEqual([[1, 2, 3], [7], [9, 10]]);
    expect(contiguousRuns([])).toEqual([]);
  });
});

describe('readLastSection', () => {
  it('reads kind, /Size and startxref of a classic table', () => {
    const pdf = minimal();
    expect(readLastSection(pdf)).toEqual({ kind: 'table', size: 3, startxref: pdf.indexOf('xref\n0 3') });
  });

  it('refuses a hybrid-reference trailer and a file without startxref', () => {
    expect(() => readLastSection(minimal('/XRefStm 40 '))).toThrow(/hybrid-reference/);
    expect(() => readLastSection(Buffer.from('%PDF-1.4\n'))).toThrow(/no startxref/);
  });
});

describe('appendIncrement', () => {
  it('appends objects and a table whose offsets point at them, leaving the prefix untouched', () => {
    const pdf = minimal();
    const previous = readLastSection(pdf);
    const { pdf: out, bodyOffsets } = appendIncrement(pdf, {
      previous,
      objects: [{ objectNumber: 3, generation: 0, body: Buffer.from('<< /Hello 1 >>') }],
      root: '1 0 R',
      idSecond: '<AB>',
      largestObjectNumber: 3,
    });
    expect(out.subarray(0, pdf.length).equals(pdf)).toBe(true);
    const text = out.toString('latin1');
    const offset = Number(/xref\n3 1\n(\d{10}) 00000 n/.exec(text.slice(pdf.length))![1]);
    expect(text.slice(offset, offset + 8)).toBe('3 0 obj\n');
    expect(bodyOffsets.get(3)).toBe(offset + 8);
    expect(text).toMatch(new RegExp(`/Size 4 /Root 1 0 R /ID \\[<AB> <AB>\\] /Prev ${previous.startxref} >>`));
    expect(readLastSection(out)).toMatchObject({ kind: 'table', size: 4 });
  });
});

describe('PDF text and dates', () => {
  it('writes Vietnamese as UTF-16BE with BOM and escapes ASCII literals', () => {
    expect(pdfTextString('a(b)')).toBe('(a\\(b\\))');
    expect(pdfTextString('Đ')).toBe('<FEFF0110>');
  });

  it('formats /M in Vietnam time and parses it back', () => {
    const d = new Date('2025-03-15T02:30:05Z');
    expect(pdfDate(d, 420)).toBe("D:20250315093005+07'00'");
    expect(parsePdfDate("D:20250315093005+07'00'")?.toISOString()).toBe('2025-03-15T02:30:05.000Z');
    expect(parsePdfDate('D:20250315')?.toISOString()).toBe('2025-03-15T00:00:00.000Z');
  });
});
