import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { okJson, onDay, type ClockedApp } from '../../helpers/clock.js';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { userId } from '../../helpers/documents.js';
import { seedHandlingScenario } from './handling-scenario.js';
import { run } from '../signing/tools.js';

/**
 * The handling report against the source tables. Documents go through the real handling steps on
 * several days of November 2026 (each day its own clock); the report, read from the aggregates the
 * steps kept, must equal a literal SQL over documents and assignments for every figure, subtree and
 * period, and equal itself after a rebuild.
 */

let ctx: TestContext;
let province: string;
let snv: string;
let stc: string;
let vinh: string;
let benThuy: string;
const docs: Record<string, string> = {};

type Counts = {
  carriedOver: number;
  received: number;
  toHandle: number;
  doneOnTime: number;
  doneLate: number;
  openInTime: number;
  openOverdue: number;
  lateRate: number;
};
type Row = Counts & { organization?: { id: string; name: string }; person?: { id: string; fullName: string } | null };
type Report = { rows: Row[]; total: Counts };

const on = (day: string, steps: (app: ClockedApp) => Promise<void>) => onDay(ctx, day, steps);
const ok = okJson;

/** The period's figures per group, straight from documents and assignments (the report's definitions, literally). */
async function expected(root: string, groupBy: 'child' | 'unit' | 'person', from: string, to: string, asOf: string) {
  const rows = await ctx.sql<(Counts & { key: string | null })[]>`
    with recursive items as (
      select d.id, d.owner_organization_id as owner, (d.registered_at at time zone 'Asia/Ho_Chi_Minh')::date as r
        from documents d where d.direction = 'incoming' and d.registered_at is not null and d.status <> 'recalled'
    ), leads as (
      select a.id, a.document_id, a.parent_id, a.assignee_user_id, coalesce(a.assignee_unit_id, u.organization_id) as unit_id,
             a.due_date, a.status, a.completed_at, a.created_at
        from assignments a left join users u on u.id = a.assignee_user_id
       where a.role = 'lead' and a.status in ('open', 'done')
    ), chain as (
      select l.*, 0 as depth from leads l where l.parent_id is null
      union all
      select l.*, c.depth + 1 from chain c join leads l on l.parent_id = c.id
       where l.id = (select x.id from leads x where x.parent_id = c.id order by x.created_at, x.id limit 1)
    ), facts as (
      select i.id, i.r,
             coalesce((select c.unit_id from chain c where c.document_id = i.id order by c.depth desc limit 1), i.owner) as unit_id,
             (select c.assignee_user_id from chain c where c.document_id = i.id and c.assignee_user_id is not null order by c.depth desc limit 1) as person_id,
             t.due_date as d,
             case when t.status = 'done' then (t.completed_at at time zone 'Asia/Ho_Chi_Minh')::date end as c
        from items i left join chain t on t.document_id = i.id and t.depth = 0
    ), scoped as (
      select f.*, g.id as child_id from facts f
        join organizations o on o.id = f.unit_id
        join organizations root on root.id = ${root} and o.path <@ root.path
        join organizations g on g.path = subpath(o.path, 0, least(nlevel(o.path), nlevel(root.path) + 1))
    )
    select (case ${groupBy} when 'child' then child_id when 'unit' then unit_id else person_id end)::text as key,
           count(*) filter (where r < ${from}::date and (c is null or c >= ${from}::date))::int as "carriedOver",
           count(*) filter (where r between ${from}::date and ${to}::date)::int as received,
           count(*) filter (where c between ${from}::date and ${to}::date and (d is null or c <= d))::int as "doneOnTime",
           count(*) filter (where c between ${from}::date and ${to}::date and c > d)::int as "doneLate",
           count(*) filter (where r <= ${to}::date and (c is null or c > ${to}::date) and d < ${asOf}::date)::int as "openOverdue",
           count(*) filter (where r <= ${to}::date and (c is null or c > ${to}::date) and (d is null or d >= ${asOf}::date))::int as "openInTime"
      from scoped group by 1`;
  return new Map(rows.map((r) => [r.key, r]));
}

async function report(app: ClockedApp, as: string, root: string, groupBy: string, from: string, to: string): Promise<Report> {
  return (await ok(
    app,
    'GET',
    `/reports/handling?organizationId=${root}&from=${from}&to=${to}&groupBy=${groupBy}`,
    as,
  )) as unknown as Report;
}

const FIELDS = ['carriedOver', 'received', 'doneOnTime', 'doneLate', 'openInTime', 'openOverdue'] as const;

function expectSameFigures(got: Report, want: Map<string | null, Counts>, groupBy: string) {
  const sum = Object.fromEntries(FIELDS.map((f) => [f, 0])) as Record<(typeof FIELDS)[number], number>;
  for (const row of got.rows) {
    const key = groupBy === 'person' ? (row.person?.id ?? null) : row.organization!.id;
    const w = want.get(key);
    for (const f of FIELDS) {
      expect(row[f], `${groupBy} ${key} ${f}`).toBe(w?.[f] ?? 0);
      sum[f] += row[f];
    }
    expect(row.toHandle).toBe(row.carriedOver + row.received);
    expect(row.toHandle).toBe(row.doneOnTime + row.doneLate + row.openInTime + row.openOverdue);
  }
  // Every group the SQL finds with something to count is a row.
  const shown = new Set(got.rows.map((r) => (groupBy === 'person' ? (r.person?.id ?? null) : r.organization!.id)));
  for (const [key, w] of want) if (FIELDS.some((f) => w[f] !== 0)) expect(shown.has(key), `row for ${key}`).toBe(true);
  for (const f of FIELDS) expect(got.total[f], `total ${f}`).toBe(sum[f]);
}

beforeAll(async () => {
  ctx = await createTestContext();
  ({ province, snv, stc, vinh, benThuy } = await seedHandlingScenario(ctx, docs));
}, 120_000);
afterAll(() => ctx?.close());

const TODAY = '2026-11-20';
const CASES: { as: string; root: () => string; groupBy: 'child' | 'unit' | 'person'; from: string; to: string }[] = [
  { as: 'province.leader', root: () => province, groupBy: 'child', from: '2026-11-01', to: '2026-11-30' },
  { as: 'province.leader', root: () => province, groupBy: 'unit', from: '2026-11-01', to: '2026-11-30' },
  { as: 'province.leader', root: () => province, groupBy: 'person', from: '2026-11-01', to: '2026-11-30' },
  // Cutting through open items: d1, d2, d5 are open at the start; d2 is overdue at the end.
  { as: 'province.leader', root: () => province, groupBy: 'child', from: '2026-11-05', to: '2026-11-12' },
  { as: 'province.leader', root: () => province, groupBy: 'child', from: '2026-11-03', to: '2026-11-03' },
  // Before the extension was granted d5 was past its first deadline; the granted one counts.
  { as: 'admin', root: () => province, groupBy: 'unit', from: '2026-11-09', to: '2026-11-09' },
  { as: 'u02.leader', root: () => snv, groupBy: 'person', from: '2026-11-01', to: '2026-11-15' },
  { as: 'district.leader', root: () => vinh, groupBy: 'child', from: '2026-11-01', to: '2026-12-31' },
  { as: 'commune.leader', root: () => benThuy, groupBy: 'unit', from: '2026-10-01', to: '2026-11-03' },
  { as: 'province.leader', root: () => province, groupBy: 'child', from: '2026-12-01', to: '2026-12-31' },
];

describe('GET /reports/handling', () => {
  async function expectEveryCase(app: ClockedApp, as?: string) {
    for (const c of CASES) {
      const got = await report(app, as ?? c.as, c.root(), c.groupBy, c.from, c.to);
      const asOf = c.to < TODAY ? c.to : TODAY;
      expectSameFigures(got, await expected(c.root(), c.groupBy, c.from, c.to, asOf), c.groupBy);
    }
  }

  it('agrees with a literal SQL over documents and assignments, for every figure, subtree and period', async () => {
    await on(TODAY, (app) => expectEveryCase(app));
  });

  it("names the units holding the most items overdue today as the unit report ending today counts them (the leader's home)", async () => {
    await on(TODAY, async (app) => {
      for (const [as, root] of [
        ['province.leader', province],
        ['u03.leader', stc],
      ] as const) {
        const byUnit = await report(app, as, root, 'unit', '2026-01-01', TODAY);
        const want = byUnit.rows
          .filter((r) => r.openOverdue > 0)
          .map((r) => ({ organization: r.organization, openOverdue: r.openOverdue }))
          .sort((a, b) => b.openOverdue - a.openOverdue || a.organization!.name.localeCompare(b.organization!.name));
        expect(want.length).toBeGreaterThan(0);
        const got = await ok(app, 'GET', `/reports/overdue-units?organizationId=${root}&limit=100`, as);
        expect(got).toEqual({ organization: expect.objectContaining({ id: root }), asOf: TODAY, rows: want });
        const top = await ok(app, 'GET', `/reports/overdue-units?organizationId=${root}&limit=1`, as);
        expect(top.rows).toEqual(want.slice(0, 1));
      }
      const outsider = await app.request({
        method: 'GET',
        url: `/api/v1/reports/overdue-units?organizationId=${province}`,
        as: 'u02.leader',
      });
      expect(outsider.statusCode).toBe(404);
    });
  });

  it('counts each case as the definitions say (a spot check of the scenario)', async () => {
    await on(TODAY, async (app) => {
      const month = await report(app, 'province.leader', province, 'child', '2026-11-01', '2026-11-30');
      // d1..d8 without the recalled d7: seven items registered in November.
      expect(month.total).toMatchObject({ carriedOver: 0, received: 7, toHandle: 7, doneOnTime: 3, doneLate: 1, openOverdue: 1 });
      expect(month.total.openInTime).toBe(2); // d4 (no deadline) and d6 (its lead given back)
      expect(month.total.lateRate).toBeCloseTo((2 / 7) * 100, 2);
      const row = (id: string) => month.rows.find((r) => r.organization!.id === id)!;
      expect(row(province)).toMatchObject({ received: 1, openInTime: 1 }); // d6 returned to the province
      expect(row(snv)).toMatchObject({ received: 3, doneLate: 1, doneOnTime: 2 }); // d1 late; d5 extended, d8 on time
      expect(row(stc)).toMatchObject({ received: 1, openOverdue: 1 }); // d2
      expect(row(vinh)).toMatchObject({ received: 2, doneOnTime: 1, openInTime: 1 }); // d3 in the commune, d4
      const cut = await report(app, 'province.leader', province, 'child', '2026-11-05', '2026-11-12');
      expect(cut.total).toMatchObject({ carriedOver: 5, received: 0, doneLate: 1, doneOnTime: 1 });
    });
  });

  it('equals itself after a rebuild from the source tables, row for row', async () => {
    const counters = ['received', 'done_on_time', 'done_late', 'due', 'due_done_on_time'];
    // Upkeep may leave rows whose counters went back to zero; the rebuild writes none.
    const nonZero = (rows: Record<string, unknown>[]) => rows.filter((r) => counters.some((c) => Number(r[c]) !== 0));
    const read = async () => ({
      daily: nonZero(await ctx.sql`select * from report_daily order by unit_id, person_id, day`),
      totals: nonZero(await ctx.sql`select * from report_totals order by unit_id, person_id`),
      subtreeDaily: nonZero(await ctx.sql`select * from report_subtree_daily order by organization_id, day`),
      subtreeTotals: nonZero(await ctx.sql`select * from report_subtree_totals order by organization_id`),
      items: [...(await ctx.sql`select * from report_items order by document_id`)],
    });
    const before = await read();
    expect(before.items.length).toBe(7);
    // d2's items to inform changed state (one read) without counting: d2 is STC's item alone.
    const informs =
      await ctx.sql`select status from assignments where id in ${ctx.sql([docs.informUnit2, docs.informPerson2])} order by status`;
    expect(informs.map((r) => r.status)).toEqual(['read', 'unread']);
    expect(before.items.filter((i) => i.document_id === docs.d2).map((i) => i.unit_id)).toEqual([stc]);
    const result = await ctx.container.services.reports.rebuild();
    expect(result.items).toBe(7);
    expect(await read()).toEqual(before);
  });

  it('stays exact when a unit moves with its subtree (the per-subtree rollup follows it), and after it moves back', async () => {
    const subtree = async () => [...(await ctx.sql`select * from report_subtree_totals order by organization_id`)];
    const before = await subtree();
    await on(TODAY, async (app) => {
      // Bến Thủy leaves Vinh for the province itself: what Vinh's row held of it becomes a row of its own.
      const received = async (org: string) =>
        (await report(app, 'admin', province, 'child', '2026-11-01', '2026-11-30')).rows.find((r) => r.organization?.id === org)?.received;
      const vinhBefore = (await received(vinh))!;
      await ok(app, 'POST', `/organizations/${benThuy}/move`, 'admin', { newParentId: province });
      await expectEveryCase(app, 'admin');
      const own = (await received(benThuy))!;
      expect(own).toBeGreaterThan(0);
      expect(await received(vinh)).toBe(vinhBefore - own);
      await ok(app, 'POST', `/organizations/${benThuy}/move`, 'admin', { newParentId: vinh });
      await expectEveryCase(app, 'admin');
    });
    expect(await subtree()).toEqual(before);
  });

  it('answers 404 to a caller outside the subtree or without a leader or admin role over it, 400 to a reversed period', async () => {
    await on(TODAY, async (app) => {
      const q = (org: string, from = '2026-11-01', to = '2026-11-30') =>
        `/api/v1/reports/handling?organizationId=${org}&from=${from}&to=${to}`;
      for (const [as, org] of [
        ['u02.leader', province],
        ['commune.leader', vinh],
        ['district.leader', snv],
        ['province.clerk', province],
        ['province.specialist', province],
      ]) {
        const res = await app.request({ method: 'GET', url: q(org), as });
        expect(res.statusCode, `${as} ${res.body}`).toBe(404);
      }
      const unknown = await app.request({ method: 'GET', url: q('00000000-0000-4000-8000-000000000000'), as: 'admin' });
      expect(unknown.statusCode).toBe(404);
      const reversed = await app.request({ method: 'GET', url: q(province, '2026-11-30', '2026-11-01'), as: 'province.leader' });
      expect(reversed.statusCode).toBe(400);
      expect(reversed.json<{ error: { code: string } }>().error.code).toBe('VALIDATION_FAILED');
    });
  });
});

describe('GET /reports/accountability', () => {
  it('attributes a late item to the holder who kept it past their allowance, not to the next one who handled it in time', async () => {
    await on(TODAY, async (app) => {
      const leader = await userId(ctx.sql, 'province.leader');
      const res = (await ok(
        app,
        'GET',
        `/reports/accountability?organizationId=${province}&from=2026-11-01&to=2026-11-30&groupBy=person`,
        'province.leader',
      )) as { rows: { person: { id: string } | null; documents: number; overrunWorkingDays: number }[] };
      // d8: presented Monday 2nd, due Tuesday 3rd, directed Thursday 5th: two working days beyond.
      const lateD8 = await ctx.sql<{ holder_user_id: string | null; overrun_working_days: number }[]>`
        select holder_user_id, overrun_working_days from custody_intervals where document_id = ${docs.d8} and overrun_working_days > 0`;
      expect(lateD8).toEqual([{ holder_user_id: leader, overrun_working_days: 2 }]);
      const leaderRow = res.rows.find((r) => r.person?.id === leader);
      expect(leaderRow).toMatchObject({ documents: 1, overrunWorkingDays: 2 });
      // Ranked by working days beyond the allowance.
      const days = res.rows.map((r) => r.overrunWorkingDays);
      expect(days).toEqual([...days].sort((a, b) => b - a));
      // The figures are the custody intervals' own.
      const [sum] = await ctx.sql<{ days: number }[]>`
        select coalesce(sum(overrun_working_days), 0)::int as days from custody_intervals
         where overrun_working_days > 0 and due_date between '2026-11-01' and '2026-11-30' and role <> 'inform'`;
      expect(days.reduce((a, b) => a + b, 0)).toBe(sum.days);
    });
  });
});

describe('report exports (format=xlsx|pdf)', () => {
  const HEADINGS = [
    'Tồn kỳ trước',
    'Tiếp nhận trong kỳ',
    'Tổng số phải giải quyết',
    'Đã giải quyết: đúng hạn',
    'Đã giải quyết: trễ hạn',
    'Đã giải quyết: tỷ lệ đúng hạn %',
    'Đang giải quyết: trong hạn',
    'Đang giải quyết: quá hạn',
    'Đang giải quyết: tỷ lệ quá hạn %',
    'Tỷ lệ trễ hạn %',
  ];
  const KEYS = [
    'carriedOver',
    'received',
    'toHandle',
    'doneOnTime',
    'doneLate',
    'onTimeRate',
    'openInTime',
    'openOverdue',
    'overdueRate',
    'lateRate',
  ] as const;
  const cells = (sheet: ExcelJS.Worksheet, r: number) => (sheet.getRow(r).values as unknown[]).slice(1);

  async function download(app: ClockedApp, url: string, as: string) {
    const res = await app.request({ method: 'GET', url: `/api/v1${url}`, as });
    expect(res.statusCode, res.body).toBe(200);
    return res;
  }

  function pdfText(pdf: Buffer): string {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'report-')), 'report.pdf');
    writeFileSync(file, pdf);
    const r = run('pdftotext', ['-layout', file, '-']);
    expect(r.status, r.stderr).toBe(0);
    return r.stdout;
  }

  it('exports the handling report as XLSX holding the JSON report’s rows, figures and total', async () => {
    await on(TODAY, async (app) => {
      for (const groupBy of ['child', 'person'] as const) {
        const url = `/reports/handling?organizationId=${province}&from=2026-11-01&to=2026-11-30&groupBy=${groupBy}`;
        const json = await report(app, 'province.leader', province, groupBy, '2026-11-01', '2026-11-30');
        const res = await download(app, `${url}&format=xlsx`, 'province.leader');
        expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
        expect(String(res.headers['content-disposition'])).toMatch(
          /^attachment; filename="Bao cao tinh hinh giai quyet van ban den - .* - 2026-11-01 den 2026-11-30\.xlsx"; filename\*=UTF-8''B%C3%A1o%20c%C3%A1o/,
        );
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
        const sheet = workbook.worksheets[0];
        const [{ name }] = await ctx.sql<{ name: string }[]>`select name from organizations where id = ${province}`;
        expect(cells(sheet, 1)).toEqual([name]);
        expect(cells(sheet, 2)).toEqual(['BÁO CÁO TÌNH HÌNH GIẢI QUYẾT VĂN BẢN ĐẾN']);
        expect(cells(sheet, 3)).toEqual(['Từ ngày 01/11/2026 đến ngày 30/11/2026']);
        expect(cells(sheet, 4)).toEqual([groupBy === 'person' ? 'Cá nhân' : 'Đơn vị', ...HEADINGS]);
        expect(sheet.actualRowCount).toBe(4 + json.rows.length + 1);
        json.rows.forEach((row, i) => {
          const label = row.organization?.name ?? row.person?.fullName ?? 'Chưa giao cá nhân chủ trì';
          expect(cells(sheet, 5 + i)).toEqual([label, ...KEYS.map((k) => (row as unknown as Record<string, number>)[k])]);
        });
        const total = json.total as unknown as Record<string, number>;
        expect(cells(sheet, 5 + json.rows.length)).toEqual(['Tổng cộng', ...KEYS.map((k) => total[k])]);
      }
    });
  });

  it('exports the handling report as a PDF with the Vietnamese headings, organisation, period and rows', async () => {
    await on(TODAY, async (app) => {
      const url = `/reports/handling?organizationId=${province}&from=2026-11-01&to=2026-11-30&groupBy=child&format=pdf`;
      const res = await download(app, url, 'province.leader');
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(String(res.headers['content-disposition'])).toMatch(
        /^attachment; filename="Bao cao tinh hinh giai quyet van ban den - .*\.pdf"/,
      );
      const text = pdfText(res.rawPayload);
      const names = await ctx.sql<{ name: string }[]>`select name from organizations where id in ${ctx.sql([province, snv, stc])}`;
      for (const s of [
        'BÁO CÁO TÌNH HÌNH GIẢI QUYẾT VĂN BẢN ĐẾN',
        'Từ ngày 01/11/2026 đến ngày 30/11/2026',
        'Tồn kỳ trước',
        'Tiếp nhận',
        'Tổng cộng',
        ...names.map((n) => n.name),
      ])
        expect(text).toContain(s);
    });
  });

  it('exports the accountability ranking as XLSX and PDF with the JSON’s rows; 404 and 400 as for JSON', async () => {
    await on(TODAY, async (app) => {
      const url = `/reports/accountability?organizationId=${province}&from=2026-11-01&to=2026-11-30&groupBy=person`;
      const json = (await ok(app, 'GET', url, 'province.leader')) as {
        rows: { person: { fullName: string } | null; documents: number; intervals: number; overrunWorkingDays: number }[];
      };
      expect(json.rows.length).toBeGreaterThan(0);
      const res = await download(app, `${url}&format=xlsx`, 'province.leader');
      expect(String(res.headers['content-disposition'])).toMatch(/^attachment; filename="Bao cao trach nhiem giai quyet tre han - /);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0];
      expect(cells(sheet, 2)).toEqual(['BÁO CÁO TRÁCH NHIỆM GIẢI QUYẾT VĂN BẢN TRỄ HẠN']);
      expect(cells(sheet, 4)).toEqual(['Người giữ văn bản', 'Số văn bản trễ hạn', 'Số lượt giữ quá hạn', 'Số ngày làm việc quá hạn']);
      expect(sheet.actualRowCount).toBe(4 + json.rows.length);
      json.rows.forEach((r, i) =>
        expect(cells(sheet, 5 + i)).toEqual([
          r.person?.fullName ?? 'Chưa giao cá nhân chủ trì',
          r.documents,
          r.intervals,
          r.overrunWorkingDays,
        ]),
      );
      const pdf = await download(app, `${url}&format=pdf`, 'province.leader');
      const text = pdfText(pdf.rawPayload);
      for (const s of ['BÁO CÁO TRÁCH NHIỆM GIẢI QUYẾT VĂN BẢN TRỄ HẠN', 'Người giữ văn bản', json.rows[0].person!.fullName])
        expect(text).toContain(s);

      for (const format of ['xlsx', 'pdf']) {
        const hidden = await app.request({ method: 'GET', url: `/api/v1${url}&format=${format}`, as: 'commune.leader' });
        expect(hidden.statusCode).toBe(404);
        const handling = `/api/v1/reports/handling?organizationId=${province}&from=2026-11-01&to=2026-11-30&format=${format}`;
        expect((await app.request({ method: 'GET', url: handling, as: 'u02.leader' })).statusCode).toBe(404);
      }
      const bad = await app.request({ method: 'GET', url: `/api/v1${url}&format=docx`, as: 'province.leader' });
      expect(bad.statusCode).toBe(400);
    });
  });
});
