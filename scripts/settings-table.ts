// Prints the settings table of README.md from the schema in src/config.ts, so the two stay in step:
// `npx tsx scripts/settings-table.ts`.
import { ENV_SCHEMA } from '../src/config.js';

const rows = Object.entries(ENV_SCHEMA.properties).map(([name, schema]) => {
  const s = schema as { default?: unknown; description?: string };
  const required = (ENV_SCHEMA.required as string[] | undefined)?.includes(name);
  const def = s.default !== undefined ? `\`${String(s.default)}\`` : required ? '(required)' : '(unset)';
  return `| \`${name}\` | ${def} | ${s.description ?? ''} |`;
});
process.stdout.write(['| setting | default | what |', '| --- | --- | --- |', ...rows].join('\n') + '\n');
