// `npm run bench -- <name> [args]`: runs scripts/bench/<name>.ts. Benchmarks are scripts, never timed
// tests; each prints its figures with a baseline measured in the same run.
import { readdirSync } from 'node:fs';

const here = new URL('.', import.meta.url);
const available = readdirSync(here)
  .filter(
    (f) =>
      f.endsWith('.ts') &&
      !['index.ts', 'lib.ts', 'api-thread.ts', 'minimal-server.ts', 'minimal-inbound.ts', 'burst-inbound.ts'].includes(f),
  )
  .map((f) => f.slice(0, -3));

const [name, ...args] = process.argv.slice(2);
if (!name || !available.includes(name)) {
  process.stderr.write(`usage: npm run bench -- <${available.join('|')}> [args]\n`);
  process.exit(2);
}
const bench = (await import(new URL(`./${name}.ts`, here).href)) as { run: (args: string[]) => Promise<void> };
await bench.run(args);
process.exit(0);
