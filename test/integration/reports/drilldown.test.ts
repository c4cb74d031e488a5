import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_PERSON } from '../../../src/db/schema/reports.js';
import { okJson as ok, onDay, type ClockedApp } from '../../helpers/clock.js';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { userId } from '../../helpers/documents.js';
import { seedHandlingScenario, type HandlingScenario } from './handling-scenario.js';

/**
 * The drill-downs: for every row of the handling report (several subtrees, groupings and periods,
 * some cutting through open items), the documents listed per category are as many as the row's
 * figure, each one satisfies the category's definition for that row, and the scenario's known
 * documents are where they belong. The accountability drill-down lists the intervals the ranking
 * row summed.
 */

let ctx: TestContext;
let s: HandlingScenario;
const docs: Record<string, string> = {};
const TODAY = '2026-11-20';

const CATEGORIES = ['carriedOver', 'received', 'doneOnTime', 'doneLate', 'openInTime', 'openOverdue'] as const;
type Category = (typeof CATEGORIES)[number];
type Row = Record<Category, number> & { organization?: { id: string }; person?: { id: string } | null };
type Item = {
  documentId: string;
  restricted: boolean;
  subject: string | null;
  receivedOn: string;
  dueOn: string | null;
  doneOn: string | null;
  doneLate: boolean | null;
  unit: { id: string };
  person: { id: string } | null;
};

const on = (steps: (app: ClockedApp) => Promise<void>) => onDay(ctx, TODAY, steps);

/** Every page of a drill-down (small pages, so paging is exercised): the items and the total each page gave. */
async function all<T>(app: ClockedApp, url: string, as: string): Promise<{ items: T[]; totals: number[] }> {
  const items: T[] = [];
  const totals: number[] = [];
  let cursor: string | null = null;
  do {
    const page = (await ok(app, 'GET', `${url}&limit=2${cursor ? `&cursor=${cursor}` : ''}`, as)) as {
      items: T[];
      nextCursor: string | null;
      total: number;
    };
    items.push(...page.items);
    totals.push(page.total);
    cursor = page.nextCursor;
  } while (cursor);
  return { items, totals };
}

/** Whether an item's facts meet a category's definition (reports.service.ts) for the period. */
function meets(i: Item, c: Category, from: string, to: string, asOf: string): boolean {
  const open = i.receivedOn <= to && (i.doneOn === null || i.doneOn > to);
  switch (c) {
    case 'carriedOver':
      return i.receivedOn < from && (i.doneOn === null || i.doneOn >= from);
    case 'received':
      return i.receivedOn >= from && i.receivedOn <= to;
    case 'doneOnTime':
      return i.doneOn !== null && i.doneOn >= from && i.doneOn <= to && i.doneLate === false;
    case 'doneLate':
      return i.doneOn !== null && i.doneOn >= from && i.doneOn <= to && i.doneLate === true;
    case 'openOverdue':
      return open && i.dueOn !== null && i.dueOn < asOf;
    case 'openInTime':
      return open && (i.dueOn === null || i.dueOn >= asOf);
  }
}

const CASES: { as: string; root: () => string; groupBy: 'child' | 'unit' | 'person'; from: string; to: string }[] = [
  { as: 'province.leader', root: () => s.province, groupBy: 'child', from: '2026-11-01', to: '2026-11-30' },
  { as: 'province.leader', root: () => s.province, groupBy: 'person', from: '2026-11-01', to: '2026-11-30' },
  // Cutting through open items: five are carried over into the 5th, d2 is overdue at the 12th.
  { as: 'province.leader', root: () => s.province, groupBy: 'unit', from: '2026-11-05', to: '2026-11-12' },
  { as: 'admin', root: () => s.province, groupBy: 'child', from: '2026-11-03', to: '2026-11-09' },
  { as: 'u02.leader', root: () => s.snv, groupBy: 'person', from: '2026-11-01', to: '2026-11-15' },
  { as: 'district.leader', root: () => s.vinh, groupBy: 'child', from: '2026-11-01', to: '2026-12-31' },
  { as: 'commune.leader', root: () => s.benThuy, groupBy: 'unit', from: '2026-10-01', to: '2026-11-03' },
];

/** The drill-down query of a report row: a child's subtree, a unit itself, or a person. */
function narrowing(root: string, groupBy: string, row: Row): string {
  if (groupBy === 'person') return `organizationId=${root}&personId=${row.person?.id ?? NO_PERSON}`;
  const unit = row.organization!.id;
  return groupBy === 'child' && unit !== root ? `organizationId=${unit}` : `organizationId=${root}&unitId=${unit}`;
}

beforeAll(async () => {
  ctx = await createTestContext();
  s = await seedHandlingScenario(ctx, docs);
}, 120_000);
afterAll(() => ctx?.close());

describe('GET /reports/handling/documents', () => {
  it('lists, for every row and category, as many documents as the report counts, each meeting the definition', async () => {
    await on(async (app) => {
      for (const c of CASES) {
        const base = `organizationId=${c.root()}&from=${c.from}&to=${c.to}`;
        const report = (await ok(app, 'GET', `/reports/handling?${base}&groupBy=${c.groupBy}`, c.as)) as { rows: Row[] };
        const asOf = c.to < TODAY ? c.to : TODAY;
        for (const row of report.rows) {
          const seen = new Set<string>();
          for (const cat of CATEGORIES) {
            const url = `/reports/handling/documents?${narrowing(c.root(), c.groupBy, row)}&from=${c.from}&to=${c.to}&category=${cat}`;
            const { items, totals } = await all<Item>(app, url, c.as);
            const what = `${c.as} ${c.groupBy} ${c.from}..${c.to} ${JSON.stringify(row.organization ?? row.person)} ${cat}`;
            expect(items.length, what).toBe(row[cat]);
            expect(
              totals.every((t) => t === row[cat]),
              what,
            ).toBe(true);
            expect(new Set(items.map((i) => i.documentId)).size, what).toBe(items.length);
            for (const i of items) {
              expect(meets(i, cat, c.from, c.to, asOf), `${what} ${JSON.stringify(i)}`).toBe(true);
              if (c.groupBy === 'person') expect(i.person?.id ?? null, what).toBe(row.person?.id ?? null);
              if (c.groupBy === 'unit') expect(i.unit.id, what).toBe(row.organization!.id);
              // The categories that partition what is to handle never list a document twice.
              if (cat !== 'carriedOver' && cat !== 'received') {
                expect(seen.has(i.documentId), what).toBe(false);
                seen.add(i.documentId);
              }
            }
          }
        }
      }
    });
  });

  it('lists the scenario’s documents where they belong, in order, with their number, subject, dates and holder', async () => {
    await on(async (app) => {
      const list = async (q: string, cat: Category) =>
        (await all<Item>(app, `/reports/handling/documents?${q}&category=${cat}`, 'province.leader')).items;
      const month = `from=2026-11-01&to=2026-11-30`;
      // d1 done late at SNV (its specialist led it), d2 overdue at STC.
      const late = await list(`organizationId=${s.snv}&${month}`, 'doneLate');
      expect(late.map((i) => i.documentId)).toEqual([docs.d1]);
      expect(late[0]).toMatchObject({
        doneOn: '2026-11-10',
        doneLate: true,
        unit: { id: expect.any(String) },
        person: { id: s.specialist },
      });
      expect((await list(`organizationId=${s.stc}&${month}`, 'openOverdue')).map((i) => i.documentId)).toEqual([docs.d2]);
      // The province's own row: d6, its lead given back.
      expect((await list(`organizationId=${s.province}&unitId=${s.province}&${month}`, 'openInTime')).map((i) => i.documentId)).toEqual([
        docs.d6,
      ]);
      // Carried over into the 5th: d1, d2, d4, d8 (registered on the 2nd), d5 (the 4th); d3 was done on the 4th.
      const carried = await list(`organizationId=${s.province}&from=2026-11-05&to=2026-11-12`, 'carriedOver');
      expect(carried.map((i) => i.documentId).sort()).toEqual([docs.d1, docs.d2, docs.d4, docs.d5, docs.d8].sort());
      // By registration date, then id.
      expect(carried.at(-1)!.documentId).toBe(docs.d5);
      expect(carried.slice(0, 4).map((i) => i.documentId)).toEqual(
        carried
          .slice(0, 4)
          .map((i) => i.documentId)
          .sort(),
      );
      const [d1] = await ctx.sql<{ number: string; subject: string }[]>`select number, subject from documents where id = ${docs.d1}`;
      expect(late[0]).toMatchObject({ restricted: false, number: d1.number, subject: d1.subject, receivedOn: '2026-11-02' });
    });
  });

  it('counts a confidential document but shows its details only to a user granted it', async () => {
    await ctx.sql`update documents set confidentiality = 'secret' where id = ${docs.d2}`;
    try {
      await on(async (app) => {
        const url = `/reports/handling/documents?organizationId=${s.stc}&from=2026-11-01&to=2026-11-30&category=openOverdue`;
        const hidden = (await ok(app, 'GET', url, 'province.leader')) as { items: Item[]; total: number };
        expect(hidden.total).toBe(1);
        expect(hidden.items[0]).toMatchObject({ documentId: docs.d2, restricted: true, subject: null, dueOn: expect.any(String) });
        await ctx.sql`insert into document_access_grants (document_id, user_id) values (${docs.d2}, ${await userId(ctx.sql, 'province.leader')})`;
        const shown = (await ok(app, 'GET', url, 'province.leader')) as { items: Item[] };
        expect(shown.items[0]).toMatchObject({ documentId: docs.d2, restricted: false, subject: expect.any(String) });
      });
    } finally {
      await ctx.sql`delete from document_access_grants where document_id = ${docs.d2}`;
      await ctx.sql`update documents set confidentiality = 'normal' where id = ${docs.d2}`;
    }
  });

  it('answers 404 outside the caller’s subtree or for a unit outside the organisation, 400 to a bad category or cursor', async () => {
    await on(async (app) => {
      const q = (org: string, extra = '') =>
        `/api/v1/reports/handling/documents?organizationId=${org}&from=2026-11-01&to=2026-11-30${extra}`;
      for (const [as, url] of [
        ['u02.leader', q(s.province, '&category=received')],
        ['commune.leader', q(s.vinh, '&category=received')],
        ['province.clerk', q(s.province, '&category=received')],
        ['district.leader', q(s.vinh, `&category=received&unitId=${s.snv}`)],
        ['u02.leader', `/api/v1/reports/accountability/items?organizationId=${s.province}&from=2026-11-01&to=2026-11-30`],
      ]) {
        const res = await app.request({ method: 'GET', url, as });
        expect(res.statusCode, `${as} ${url} ${res.body}`).toBe(404);
      }
      for (const extra of ['&category=late', '&category=received&cursor=bm9wZQ', '']) {
        const res = await app.request({ method: 'GET', url: q(s.province, extra), as: 'province.leader' });
        expect(res.statusCode, extra).toBe(400);
        expect(res.json<{ error: { code: string } }>().error.code).toBe('VALIDATION_FAILED');
      }
    });
  });
});

describe('GET /reports/accountability/items', () => {
  type Late = {
    intervalId: string;
    documentId: string;
    role: string;
    overrunWorkingDays: number;
    holder: { person: { id: string } | null };
  };

  it('lists the late custody behind every ranking row, as many intervals and days as the row sums, most days first', async () => {
    await on(async (app) => {
      const base = `organizationId=${s.province}&from=2026-11-01&to=2026-11-30`;
      for (const groupBy of ['person', 'child', 'unit'] as const) {
        const ranking = (await ok(app, 'GET', `/reports/accountability?${base}&groupBy=${groupBy}`, 'province.leader')) as {
          rows: (Row & { documents: number; intervals: number; overrunWorkingDays: number })[];
        };
        expect(ranking.rows.length).toBeGreaterThan(0);
        for (const row of ranking.rows) {
          const url = `/reports/accountability/items?${narrowing(s.province, groupBy, row)}&from=2026-11-01&to=2026-11-30`;
          const { items, totals } = await all<Late>(app, url, 'province.leader');
          expect(items.length).toBe(row.intervals);
          expect(totals.every((t) => t === row.intervals)).toBe(true);
          expect(new Set(items.map((i) => i.documentId)).size).toBe(row.documents);
          expect(items.reduce((a, i) => a + i.overrunWorkingDays, 0)).toBe(row.overrunWorkingDays);
          const days = items.map((i) => i.overrunWorkingDays);
          expect(days).toEqual([...days].sort((a, b) => b - a));
          if (groupBy === 'person') for (const i of items) expect(i.holder.person?.id ?? null).toBe(row.person?.id ?? null);
        }
      }
      // d8: the province's leader took up a presented document two working days late.
      const leader = await userId(ctx.sql, 'province.leader');
      const mine = await all<Late>(app, `/reports/accountability/items?${base}&personId=${leader}`, 'province.leader');
      expect(mine.items).toEqual([expect.objectContaining({ documentId: docs.d8, role: 'leader', overrunWorkingDays: 2 })]);
    });
  });
});
