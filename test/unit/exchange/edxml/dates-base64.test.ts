import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createBase64Decoder, encodeBase64Stream } from '../../../../src/modules/exchange/edxml/base64.js';
import { formatQcvnDate, formatQcvnTimestamp, parseEdxmlDate, parseEdxmlTimestamp } from '../../../../src/modules/exchange/edxml/dates.js';

describe('edXML dates', () => {
  it.each([
    ['2026/03/02', '2026-03-02'],
    ['02/03/2026', '2026-03-02'],
    ['2-3-2026', '2026-03-02'],
    ['2026-03-02', '2026-03-02'],
    ['2026.03.02', '2026-03-02'],
    ['20260302', '2026-03-02'],
    ['2026-03-02T08:00:00+07:00', '2026-03-02'],
    ['2026-03-02T23:59:59.123Z', '2026-03-02'],
    ['02/03/2026 23:05', '2026-03-02'],
    [' 2024/02/29 ', '2024-02-29'],
  ])('parseEdxmlDate(%j) = %s', (raw, iso) => {
    expect(parseEdxmlDate(raw)).toBe(iso);
  });

  it.each(['', 'hôm nay', '2023/02/29', '31/04/2026', '2026/13/01', '2026-03-02T25:00', '03/2026', null])(
    'parseEdxmlDate(%j) = null',
    (raw) => {
      expect(parseEdxmlDate(raw)).toBeNull();
    },
  );

  it('reads timestamps in every form and keeps an explicit offset', () => {
    expect(parseEdxmlTimestamp('2026/03/02 09:15:00')).toBe('2026-03-02T09:15:00');
    expect(parseEdxmlTimestamp('02/03/2026 9:15:00')).toBe('2026-03-02T09:15:00');
    expect(parseEdxmlTimestamp('2026-03-02T09:15:00+0700')).toBe('2026-03-02T09:15:00+07:00');
    expect(parseEdxmlTimestamp('2026-03-02')).toBe('2026-03-02T00:00:00');
    expect(parseEdxmlTimestamp('later')).toBeNull();
  });

  it('formats QCVN style, Date objects in Vietnam time', () => {
    expect(formatQcvnDate('2026-03-02')).toBe('2026/03/02');
    expect(formatQcvnDate('2/3/2026')).toBe('2026/03/02');
    expect(() => formatQcvnDate('soon')).toThrow(/not a date/);
    expect(formatQcvnTimestamp(new Date('2026-12-31T17:00:01Z'))).toBe('2027/01/01 00:00:01');
    expect(formatQcvnTimestamp('2026-03-02T09:15:00')).toBe('2026/03/02 09:15:00');
  });
});

describe('streaming base64', () => {
  const fail = (reason: string): never => {
    throw new Error(reason);
  };

  it('decodes any split of the text with leftovers carried between pieces', () => {
    const data = randomBytes(1000);
    const text = data.toString('base64').replace(/(.{76})/g, '$1\r\n');
    for (const step of [1, 2, 3, 5, 77, 4096]) {
      const sut = createBase64Decoder(fail);
      const out: Buffer[] = [];
      for (let i = 0; i < text.length; i += step) out.push(...sut.push(text.slice(i, i + step)));
      out.push(...sut.end());
      expect(Buffer.concat(out).equals(data)).toBe(true);
    }
  });

  it('accepts unpadded tails and character references split across pieces', () => {
    const sut = createBase64Decoder(fail);
    const out = [...sut.push('QUJ'), ...sut.push('DRA&#1'), ...sut.push('3;&#xA;'), ...sut.end()];
    expect(Buffer.concat(out).toString()).toBe('ABCD');
  });

  it('encodes a stream with odd chunk sizes exactly like Buffer#toString("base64")', async () => {
    const data = randomBytes(100_003);
    const parts = [1, 2, 4, 7, 65536, 5].reduce<Buffer[]>((acc, n) => {
      const used = acc.reduce((s, b) => s + b.length, 0);
      acc.push(data.subarray(used, used + n));
      return acc;
    }, []);
    parts.push(data.subarray(parts.reduce((s, b) => s + b.length, 0)));
    let text = '';
    for await (const piece of encodeBase64Stream(Readable.from(parts))) text += piece;
    expect(text).toBe(data.toString('base64'));
    text = '';
    for await (const piece of encodeBase64Stream(data)) text += piece;
    expect(text).toBe(data.toString('base64'));
  });
});
