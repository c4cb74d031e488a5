/**
 * `npm run -s cli -- edxml parse <file> [--json] [--max-bytes N]`: parses a package and prints
 * ONLY its JSON view on stdout (exit 0); a refused package prints a one-line reason on stderr and
 * exits 1; bad usage exits 2.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { isAppError } from '../../src/lib/errors.js';
import { toCliJson } from '../../src/modules/exchange/edxml/cli-json.js';
import { DEFAULT_EDXML_LIMITS, parseEdxml } from '../../src/modules/exchange/edxml/parse.js';

const USAGE = 'usage: cli edxml parse <file> [--json] [--max-bytes N] [--max-depth N]\n';

const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim();

function readNumberFlag(argv: string[], flag: string): number | undefined | null {
  const i = argv.indexOf(flag);
  if (i === -1) return undefined;
  const n = Number(argv[i + 1]);
  return Number.isInteger(n) && n > 0 ? n : null;
}

/** Runs `edxml <subcommand>`; returns the process exit status. */
export async function runEdxmlCommand(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'parse') {
    process.stderr.write(USAGE);
    return 2;
  }
  const maxBytes = readNumberFlag(rest, '--max-bytes');
  const maxDepth = readNumberFlag(rest, '--max-depth');
  const valued = new Set(['--max-bytes', '--max-depth']);
  const file = rest.find((a, i) => !a.startsWith('--') && !valued.has(rest[i - 1] ?? ''));
  if (!file || maxBytes === null || maxDepth === null) {
    process.stderr.write(USAGE);
    return 2;
  }

  try {
    await stat(file);
  } catch (err) {
    process.stderr.write(`cannot read ${file}: ${oneLine(err instanceof Error ? err.message : String(err))}\n`);
    return 1;
  }

  try {
    const parsed = await parseEdxml(createReadStream(file), {
      maxBytes: maxBytes ?? DEFAULT_EDXML_LIMITS.maxBytes,
      maxDepth: maxDepth ?? DEFAULT_EDXML_LIMITS.maxDepth,
      maxTextLength: DEFAULT_EDXML_LIMITS.maxTextLength,
    });
    process.stdout.write(`${JSON.stringify(toCliJson(parsed), null, 2)}\n`);
    return 0;
  } catch (err) {
    if (isAppError(err)) {
      process.stderr.write(`refused: ${oneLine(err.message)}\n`);
      return 1;
    }
    throw err;
  }
}
