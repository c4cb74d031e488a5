/**
 * `npm run -s cli -- reports:rebuild`: recomputes the handling report's aggregates (report_items,
 * report_daily, report_totals) from documents and assignments, in one transaction; handling steps
 * committed meanwhile wait for it and apply their change on top. Prints the counts; exit 0.
 */
import { loadConfig } from '../../src/config.js';
import { createContainer } from '../../src/container.js';

export async function runReportsRebuild(argv: string[]): Promise<number> {
  if (argv.length > 0) {
    process.stderr.write('usage: cli reports:rebuild\n');
    return 2;
  }
  const container = createContainer(loadConfig(), { applicationName: 'vanthu-reports-rebuild' });
  try {
    const started = performance.now();
    const result = await container.services.reports.rebuild();
    const ms = Math.round(performance.now() - started);
    process.stdout.write(
      `report aggregates rebuilt: ${result.items} items, ${result.dailyRows} daily rows, ${result.totalRows} totals (${ms} ms)\n`,
    );
    return 0;
  } finally {
    await container.close();
  }
}
