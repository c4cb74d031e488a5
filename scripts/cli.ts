/**
 * Command-line entry: `npm run -s cli -- <command> ...`. Each command lives in scripts/cli/ and
 * calls the same module code as the API; this file only dispatches. A command returns its exit status.
 */
type Command = (argv: string[]) => Promise<number>;

const commands: Record<string, () => Promise<Command>> = {
  sign: async () => (await import('./cli/signing.js')).runSignCommand,
  verify: async () => (await import('./cli/signing.js')).runVerifyCommand,
  edxml: async () => (await import('./cli/edxml.js')).runEdxmlCommand,
  'reports:rebuild': async () => (await import('./cli/reports.js')).runReportsRebuild,
};

async function main(): Promise<number> {
  const [name, ...rest] = process.argv.slice(2);
  const load = name ? commands[name] : undefined;
  if (!load) {
    process.stderr.write(`usage: cli <${Object.keys(commands).join('|')}> ...\n`);
    return 2;
  }
  const run = await load();
  return run(rest);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`.replace(/\n(?=.)/g, ' '));
    process.exitCode = 1;
  },
);
