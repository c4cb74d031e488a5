import { describe, expect, it } from 'vitest';
import { sourcesUnder } from './sources.js';

/** STYLE.md: no source file over 450 lines in src/modules. */
const MAX_LINES = 450;

/**
 * Generated files and data tables are aside from the rule: such a file is named `*.generated.ts` or
 * `*.data.ts` (none today).
 */
const exempt = (path: string) => /\.(generated|data)\.ts$/.test(path);

describe('module source files', () => {
  it(`are at most ${MAX_LINES} lines each`, () => {
    const files = sourcesUnder('src/modules').filter(([path]) => !exempt(path));
    expect(files.length).toBeGreaterThan(100);
    const tooLong = files
      .map(([path, text]) => ({ path, lines: text.split('\n').length - (text.endsWith('\n') ? 1 : 0) }))
      .filter((f) => f.lines > MAX_LINES);
    expect(tooLong).toEqual([]);
  });
});
