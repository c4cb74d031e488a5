import { describe, expect, it } from 'vitest';
import { sourcesUnder } from './sources.js';

/**
 * Modules log through contextLogger(logger) (src/lib/logger.ts), never straight through the logger
 * they were built with: that one is the process's root logger, and its lines would not name the
 * request or job they were written for.
 */
describe('module logging', () => {
  it('goes through the context logger', () => {
    const files = sourcesUnder('src/modules');
    const direct = files.flatMap(([path, text]) =>
      [...text.matchAll(/\blogger\??\.(fatal|error|warn|info|debug|trace)\(/g)].map((m) => `${path}: ${m[0]}`),
    );
    expect(direct).toEqual([]);
    // The check reads what it should: the modules do log, through the context logger.
    expect(files.some(([, text]) => /contextLogger\(logger\)\.(warn|info|debug)\(/.test(text))).toBe(true);
  });
});
