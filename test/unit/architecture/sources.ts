import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The repository root (test/unit/architecture → ../../..). */
export const ROOT = new URL('../../..', import.meta.url).pathname;

/** Every .ts file under `dir` (relative to the root), as [path relative to the root, text]. */
export function sourcesUnder(dir: string): [string, string][] {
  const found: [string, string][] = [];
  const walk = (abs: string) => {
    for (const entry of readdirSync(abs, { withFileTypes: true })) {
      const path = join(abs, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) found.push([relative(ROOT, path), readFileSync(path, 'utf8')]);
    }
  };
  walk(join(ROOT, dir));
  return found.sort(([a], [b]) => a.localeCompare(b));
}
