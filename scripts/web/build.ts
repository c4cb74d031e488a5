// Builds the web app (src/web, Vite) into dist/web when its sources changed since the last build:
// `npm start` and the browser tests call it, so nobody has to remember. The stamp is a hash of the
// sources, the server files they import and package-lock.json, kept in dist/web/.source-hash.
//   tsx scripts/web/build.ts [--force]
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const WEB_OUT = path.join(ROOT, 'dist', 'web');
const STAMP = '.source-hash';
// Besides src/web: what the bundle imports from the server's sources, and the dependency versions.
const ALSO_HASHED = ['src/modules/documents/document-types.ts', 'src/lib/errors.ts', 'package-lock.json'];

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await filesUnder(p)));
    else out.push(p);
  }
  return out;
}

export async function webSourceHash(): Promise<string> {
  const files = [...(await filesUnder(path.join(ROOT, 'src/web'))), ...ALSO_HASHED.map((f) => path.join(ROOT, f))].sort();
  const h = createHash('sha256');
  for (const f of files)
    h.update(path.relative(ROOT, f))
      .update('\0')
      .update(await readFile(f))
      .update('\0');
  return h.digest('hex');
}

async function builtHash(): Promise<string | null> {
  return readFile(path.join(WEB_OUT, STAMP), 'utf8').catch(() => null);
}

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (b) => (output += b));
    child.stderr.on('data', (b) => (output += b));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}\n${output}`))));
  });
}

/**
 * Builds into a fresh directory and swaps it in, so a concurrent reader (another test run) never sees
 * a half-written build. Returns whether a build ran.
 */
export async function ensureWebBuilt({ force = false }: { force?: boolean } = {}): Promise<boolean> {
  const hash = await webSourceHash();
  if (!force && (await builtHash()) === hash) return false;
  const tag = `${process.pid}-${randomBytes(3).toString('hex')}`;
  const tmp = `${WEB_OUT}-tmp-${tag}`;
  try {
    await run(path.join(ROOT, 'node_modules/.bin/vite'), [
      'build',
      '--config',
      'src/web/vite.config.ts',
      '--outDir',
      tmp,
      '--logLevel',
      'warn',
    ]);
    await writeFile(path.join(tmp, STAMP), hash);
    const old = `${WEB_OUT}-old-${tag}`;
    await rename(WEB_OUT, old).catch(() => undefined);
    await rename(tmp, WEB_OUT).catch(async (err) => {
      // Another process swapped in its build meanwhile: keep it if it is the same sources.
      if ((await builtHash()) !== hash) throw err;
    });
    await rm(old, { recursive: true, force: true });
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  const built = await ensureWebBuilt({ force: process.argv.includes('--force') });
  process.stdout.write(
    built ? `[web] built dist/web in ${((Date.now() - started) / 1000).toFixed(1)} s\n` : '[web] dist/web is up to date\n',
  );
}
