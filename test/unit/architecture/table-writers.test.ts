import { describe, expect, it } from 'vitest';
import { sourcesUnder } from './sources.js';

/**
 * One writer per table (docs/ARCHITECTURE.md, "Who writes which table"): a write statement to a
 * table appears only in the module that owns it. Other modules call the owner's service, in their
 * own transaction. The dependency rules (.dependency-cruiser.cjs) cannot tell a read of a table from
 * a write, so this test reads the sources for the statements themselves: SQL (`insert into t`,
 * `update t`, `delete from t`) and drizzle (`.insert(t)`, `.update(t)`, `.delete(t)`).
 */
const OWNERS: Record<string, { owner: string; sqlName: string; drizzleName: string }[]> = {
  documents: [
    { owner: 'documents', sqlName: 'documents', drizzleName: 'documents' },
    { owner: 'documents', sqlName: 'document_files', drizzleName: 'documentFiles' },
    { owner: 'documents', sqlName: 'document_access_grants', drizzleName: 'documentAccessGrants' },
  ],
  tracking: [
    { owner: 'tracking', sqlName: 'custody_intervals', drizzleName: 'custodyIntervals' },
    { owner: 'tracking', sqlName: 'overdue_records', drizzleName: 'overdueRecords' },
  ],
  users: [
    { owner: 'users', sqlName: 'users', drizzleName: 'users' },
    { owner: 'users', sqlName: 'role_grants', drizzleName: 'roleGrants' },
  ],
};

const TABLES = Object.values(OWNERS).flat();

/** Every write statement to `table` in `text`, as the matched snippets. */
function writesTo(text: string, t: (typeof TABLES)[number]): string[] {
  const patterns = [
    new RegExp(`\\binsert\\s+into\\s+${t.sqlName}\\b`, 'gi'),
    new RegExp(`\\bupdate\\s+${t.sqlName}\\b(?=\\s+(\\w+\\s+)?set\\b)`, 'gi'),
    new RegExp(`\\bdelete\\s+from\\s+${t.sqlName}\\b`, 'gi'),
    new RegExp(`\\.(insert|update|delete)\\(${t.drizzleName}\\)`, 'g'),
  ];
  return patterns.flatMap((p) => [...text.matchAll(p)].map((m) => m[0]));
}

const sources = [...sourcesUnder('src'), ...sourcesUnder('workers')].filter(([path]) => !path.startsWith('src/web/'));

describe('one writer per table', () => {
  it('finds the owners’ own write statements (the check reads what it should)', () => {
    for (const t of TABLES.filter((x) => x.sqlName !== 'overdue_records')) {
      const own = sources.filter(([path, text]) => path.startsWith(`src/modules/${t.owner}/`) && writesTo(text, t).length > 0);
      expect(
        own.map(([path]) => path),
        t.sqlName,
      ).not.toEqual([]);
    }
  });

  for (const t of TABLES) {
    it(`${t.sqlName} is written only by src/modules/${t.owner}/`, () => {
      const foreign = sources
        .filter(([path]) => !path.startsWith(`src/modules/${t.owner}/`))
        .flatMap(([path, text]) => writesTo(text, t).map((statement) => `${path}: ${statement}`));
      expect(foreign).toEqual([]);
    });
  }
});
