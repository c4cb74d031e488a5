import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { PDFDocument, rgb } from 'pdf-lib';
import fontkit from '@pdf-lib/fontkit';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { DEMO_PASSWORD } from '../../scripts/seed/demo-province.js';

/** Screenshots of every story step (ignored by git). */
export const OUTPUT_DIR = path.resolve('test/e2e/output');
/** Debian's chromium (scripts/services.sh installs it); the browsers some tools download cannot be fetched here. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export type E2E = {
  ctx: TestContext;
  baseUrl: string;
  browser: Browser;
  /** A fresh browser context (its own session storage) with a page, at the given viewport. */
  newPage(viewport?: { width: number; height: number }): Promise<Page>;
  /** Screenshots of every page still open, named `<prefix>-<n>` (what a failed step left on screen). */
  shootAll(prefix: string): Promise<void>;
  close(): Promise<void>;
};

/**
 * The real application (a test context: its own clone of the demo database, bucket and queues)
 * listening on a free port, and Chromium driven by playwright-core.
 */
export async function startE2E(): Promise<E2E> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run the suite with \`npm test\` (it installs Debian's chromium)`);
  await mkdir(OUTPUT_DIR, { recursive: true });
  const ctx = await createTestContext();
  await ctx.app.listen({ host: '127.0.0.1', port: 0 });
  const address = ctx.app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  const contexts: BrowserContext[] = [];
  const pages: Page[] = [];
  return {
    ctx,
    baseUrl,
    browser,
    async newPage(viewport = { width: 1366, height: 900 }) {
      const context = await browser.newContext({ viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', baseURL: baseUrl });
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(30_000);
      pages.push(page);
      return page;
    },
    async shootAll(prefix) {
      for (const [i, page] of pages.entries()) if (!page.isClosed()) await shot(page, `${prefix}-${i + 1}`).catch(() => {});
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close();
      await ctx.close();
    },
  };
}

export async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

/**
 * Types `name` into a people picker and picks the option matching `option` once the search for it
 * has answered: the picker shows the previous answer while it searches, and an option clicked as
 * the list is replaced under a loaded machine selects nothing.
 */
export async function pickPerson(page: Page, picker: Locator, name: string, option: RegExp): Promise<void> {
  const searched = page.waitForResponse(
    (r) => new URL(r.url()).pathname === '/api/v1/users' && new URL(r.url()).searchParams.get('q') === name,
  );
  await picker.fill(name);
  await searched;
  await page.getByText(option).click();
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(OUTPUT_DIR, `${name}.png`), fullPage: true });
}

/** Whether the page is wider than the window: a table or a line that a phone would have to scroll sideways to read. */
export const overflowsSideways = (page: Page): Promise<boolean> =>
  page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

let axeSource: string | undefined;
export type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };

/**
 * Waits until every Ant Design select list and date picker has finished its closing animation: a
 * closing list still shows its options (its search cleared, so the whole tree) beside the next one.
 */
export async function untilDropdownsClosed(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      !document.querySelector(
        '.ant-select-dropdown:not(.ant-select-dropdown-hidden), .ant-picker-dropdown:not(.ant-picker-dropdown-hidden)',
      ),
  );
}

/**
 * axe-core's serious and critical violations on the page as it is now. The script is evaluated
 * through the DevTools protocol, which the app's CSP (script-src 'self') does not apply to.
 */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= await readFile(path.resolve('node_modules/axe-core/axe.min.js'), 'utf8');
  // An Ant Design suggestion list keeps a 0×0 listbox without a name of its own until its closing animation ends
  // (Playwright already calls it hidden; axe does not), and a date picker's calendar fades out with its cells at
  // falling contrast, so axe reads the page once every list and calendar has finished closing.
  await untilDropdownsClosed(page);
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** A one-page PDF with Vietnamese text (DejaVu Sans embedded), as an official letter would be. */
export async function vietnamesePdf(lines: string[]): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const font = await pdf.embedFont(await readFile('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'), { subset: true });
  const page = pdf.addPage([595, 842]);
  lines.forEach((line, i) => page.drawText(line, { x: 60, y: 760 - i * 28, size: i === 0 ? 18 : 13, font, color: rgb(0, 0, 0) }));
  return Buffer.from(await pdf.save());
}
