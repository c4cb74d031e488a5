import { describe, expect, it } from 'vitest';
import { assertSafeText, findUnsafeText, hasUnsafeText } from '../../../src/lib/input-text.js';

describe('unsafe text', () => {
  it('finds NUL and other C0 controls, bidi controls, non-characters and lone surrogates', () => {
    for (const bad of ['a\u0000b', '\u0007', '\u001B[31m', 'ab\u202Ecd', '\u2066x\u2069', '\uFFFE', 'x\uD800', '\uDC00y'])
      expect(hasUnsafeText(bad), JSON.stringify(bad)).toBe(true);
  });

  it('accepts Vietnamese text, tabs, line breaks and paired surrogates (emoji)', () => {
    for (const good of ['Ủy ban nhân dân tỉnh Nghệ An', 'dòng 1\r\ndòng 2\tcột', 'Số: 12/UBND-VP', '👍', ''])
      expect(hasUnsafeText(good), JSON.stringify(good)).toBe(false);
  });

  it('names the JSON path of the first unsafe string or key, through arrays and objects', () => {
    expect(findUnsafeText({ subject: 'ok', assignees: [{ note: 'ok' }, { note: 'x\u0000' }] })).toBe('/assignees/1/note');
    expect(findUnsafeText({ ['k\u202E']: 1 })).toBe('/k\u202E');
    expect(findUnsafeText('\u0000')).toBe('/');
    expect(findUnsafeText({ n: 1, b: true, z: null })).toBeUndefined();
  });

  it('does not walk buffers or other class instances', () => {
    expect(findUnsafeText({ file: Buffer.from([0, 1, 2]) })).toBeUndefined();
  });

  it('throws VALIDATION_FAILED with the part and path', () => {
    try {
      assertSafeText({ reason: 'a\u0000' }, 'body');
      expect.unreachable();
    } catch (err) {
      expect(err).toMatchObject({ code: 'VALIDATION_FAILED', details: { part: 'body', path: '/reason' } });
    }
  });
});
