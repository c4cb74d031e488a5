import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { okJson, onDay, type ClockedApp } from '../../helpers/clock.js';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { createDocumentRow, orgOf } from '../../helpers/documents.js';
import { run } from '../signing/tools.js';

/**
 * The sender's view against seeded sends: the province's documents of November 2026 to units here
 * (a district, a commune, a department) and to remote organs (central bodies, another province, an
 * unknown code), one internal copy taken through registration, assignment and late completion by
 * the API (its status and deadline come from the recipient's own handling), plus copies that must
 * not count (sent in October, recalled). Every figure is checked against the facts seeded.
 */

let ctx: TestContext;
let province: string;
let snv: string;
let stc: string;
let vinh: string;
let benThuy: string;

type Counts = { sent: number; notRegistered: number; inProgress: number; finished: number; refused: number; late: number };
type Row = Counts & { level: string; recipient?: { organizationId: string | null; code: string | null; name: string } };
type Report = { rows: Row[]; total: Counts };

/** An issued document of `owner` (due date optional). */
async function issued(owner: string, dueDate: string | null = null) {
  return createDocumentRow(ctx.sql, { ownerOrganizationId: owner, direction: 'outgoing', status: 'issued', dueDate });
}

/** A copy of `doc` as dispatch leaves it, with the recipient's latest status as given. */
async function copy(
  doc: string,
  sender: string,
  to: { org?: string; code?: string; name?: string },
  o: { status?: string | null; statusAt?: string; state?: string; createdAt?: string; recipientDocument?: string } = {},
) {
  await ctx.sql`
    insert into deliveries (document_id, sender_organization_id, kind, recipient_organization_id, recipient_organ_id, recipient_name,
                            edxml_document_id, state, status_code, status_at, recipient_document_id, created_at)
    values (${doc}, ${sender}, ${to.org ? 'internal' : 'remote'}, ${to.org ?? null}, ${to.code ?? null}, ${to.name ?? to.code ?? 'đơn vị'},
            ${`${doc}-edxml`}, ${o.state ?? 'delivered'}, ${o.status ?? null}, ${o.statusAt ?? null}, ${o.recipientDocument ?? null},
            ${o.createdAt ?? '2026-11-02T02:00:00Z'})`;
}

const report = (app: ClockedApp, as: string, org: string, groupBy: string, from = '2026-11-01', to = '2026-11-30') =>
  okJson(
    app,
    'GET',
    `/reports/sent?organizationId=${org}&from=${from}&to=${to}&groupBy=${groupBy}`,
    as,
  ) as Promise<unknown> as Promise<Report>;

const TODAY = '2026-11-20';

beforeAll(async () => {
  ctx = await createTestContext();
  province = await orgOf(ctx.sql, 'province.clerk', 'clerk');
  snv = await orgOf(ctx.sql, 'u02.leader', 'leader');
  stc = await orgOf(ctx.sql, 'u03.leader', 'leader');
  vinh = await orgOf(ctx.sql, 'district.leader', 'leader');
  benThuy = await orgOf(ctx.sql, 'commune.leader', 'leader');

  const a = await issued(province, '2026-11-10');
  const b = await issued(province);
  // A's copy for the district arrives as its incoming document, handled through the API below.
  const received = await createDocumentRow(ctx.sql, { ownerOrganizationId: vinh });
  await copy(a, province, { org: vinh }, { status: '01', recipientDocument: received });
  await copy(a, province, { org: benThuy }, { status: '01' }); // not registered, past A's deadline: late
  await copy(a, province, { org: snv }, { status: '06', statusAt: '2026-11-06T03:00:00Z' }); // finished in time
  await copy(a, province, { code: '000.00.00.G22', name: 'Văn phòng Chính phủ' }, { status: '02' }); // refused: never late
  await copy(a, province, { code: '000.00.05.H42', name: 'Sở Nội vụ tỉnh Hà Tĩnh' }, { state: 'pending' }); // late
  await copy(b, province, { code: '000.00.00.G01', name: 'Bộ Công an' }, { status: '05' });
  await copy(b, province, { code: 'vxp.saas.03', name: 'Hệ thống khác' }, { status: '03' });
  await copy(b, province, { org: vinh }, { status: '04' });
  // Sent by the district (in the province's subtree).
  await copy(await issued(vinh), vinh, { org: benThuy }, { status: '03' });
  // Not counted: sent in October; recalled before it reached the recipient; recalled by agreement.
  await copy(await issued(province), province, { org: vinh }, { status: '03', createdAt: '2026-10-15T02:00:00Z' });
  await copy(b, province, { org: stc }, { state: 'recalled' });
  const c = await issued(province);
  await copy(c, province, { org: stc }, { status: '03' });
  await ctx.sql`update deliveries set recall_state = 'agreed' where document_id = ${c}`;

  // The district registers A on Monday 2nd, gives it to the commune for one working day (due
  // Tuesday 3rd); the commune finishes on Thursday 5th: late, by the recipient's own deadline.
  await onDay(ctx, '2026-11-02', async (app) => {
    await okJson(app, 'POST', `/documents/${received}/register`, 'district.clerk');
    const body = await okJson(app, 'POST', `/documents/${received}/assignments`, 'district.leader', {
      assignees: [{ unitId: benThuy, role: 'lead', dueInWorkingDays: 1 }],
    });
    const lead = (body.assignments as { id: string }[])[0].id;
    await onDay(ctx, '2026-11-05', (later) =>
      okJson(later, 'POST', `/assignments/${lead}/complete`, 'commune.leader', { result: 'Xong' }).then(() => undefined),
    );
  });
}, 120_000);
afterAll(() => ctx?.close());

const counts = (sent: number, notRegistered: number, inProgress: number, finished: number, refused: number, late: number): Counts => ({
  sent,
  notRegistered,
  inProgress,
  finished,
  refused,
  late,
});

describe('GET /reports/sent', () => {
  it('counts the subtree’s copies of the period per recipient level, by where each stands', async () => {
    await onDay(ctx, TODAY, async (app) => {
      const [{ code }] = await ctx.sql<
        { code: string }[]
      >`select status_code as code from deliveries where recipient_organization_id = ${vinh} and recipient_document_id is not null`;
      expect(code).toBe('06'); // the district's handling reported back to the sender's copy
      const r = await report(app, 'province.leader', province, 'level');
      const level = (l: string) => r.rows.find((row) => row.level === l);
      expect(r.rows.map((row) => row.level)).toEqual(['central', 'province', 'district', 'commune', 'other']);
      expect(level('central')).toMatchObject(counts(2, 0, 1, 0, 1, 0));
      // The department counts with its province; the other province's body by its code.
      expect(level('province')).toMatchObject(counts(2, 1, 0, 1, 0, 1));
      expect(level('district')).toMatchObject(counts(2, 0, 1, 1, 0, 1));
      expect(level('commune')).toMatchObject(counts(2, 1, 1, 0, 0, 1));
      expect(level('other')).toMatchObject(counts(1, 0, 1, 0, 0, 0));
      expect(r.total).toEqual(counts(9, 2, 4, 2, 1, 3));
    });
  });

  it('lists each recipient (a unit here, or a remote organ code) with its counts, adding up to the total', async () => {
    await onDay(ctx, TODAY, async (app) => {
      const r = await report(app, 'province.leader', province, 'recipient');
      expect(r.rows).toHaveLength(7);
      const of = (key: string) => r.rows.find((row) => row.recipient!.organizationId === key || row.recipient!.code === key)!;
      const [{ name }] = await ctx.sql<{ name: string }[]>`select name from organizations where id = ${vinh}`;
      expect(of(vinh)).toMatchObject({
        level: 'district',
        recipient: { organizationId: vinh, code: null, name },
        ...counts(2, 0, 1, 1, 0, 1),
      });
      expect(of(benThuy)).toMatchObject({ level: 'commune', ...counts(2, 1, 1, 0, 0, 1) });
      expect(of('000.00.05.H42')).toMatchObject({
        level: 'province',
        recipient: { organizationId: null, code: '000.00.05.H42', name: 'Sở Nội vụ tỉnh Hà Tĩnh' },
        ...counts(1, 1, 0, 0, 0, 1),
      });
      expect(of('000.00.00.G22')).toMatchObject(counts(1, 0, 0, 0, 1, 0));
      for (const f of ['sent', 'notRegistered', 'inProgress', 'finished', 'refused', 'late'] as const)
        expect(r.rows.reduce((s, row) => s + row[f], 0)).toBe(r.total[f]);
      expect(r.total).toEqual(counts(9, 2, 4, 2, 1, 3));
    });
  });

  it('covers only the organisation’s subtree and the period', async () => {
    await onDay(ctx, TODAY, async (app) => {
      expect((await report(app, 'district.leader', vinh, 'level')).total).toEqual(counts(1, 0, 1, 0, 0, 0));
      expect((await report(app, 'province.leader', province, 'level', '2026-10-01', '2026-10-31')).total).toEqual(counts(1, 0, 1, 0, 0, 0));
    });
  });

  it('answers 404 outside the subtree or without a leader or admin role over it, 400 to a reversed period or unknown grouping', async () => {
    await onDay(ctx, TODAY, async (app) => {
      const url = (org: string, extra = '') => `/api/v1/reports/sent?organizationId=${org}&from=2026-11-01&to=2026-11-30${extra}`;
      for (const [as, org] of [
        ['commune.leader', province],
        ['u02.leader', province],
        ['district.leader', snv],
        ['province.clerk', province],
      ]) {
        const res = await app.request({ method: 'GET', url: url(org), as });
        expect(res.statusCode, as).toBe(404);
        expect(res.json<{ error: { code: string } }>().error.code).toBe('NOT_FOUND');
      }
      const reversed = await app.request({
        method: 'GET',
        url: `/api/v1/reports/sent?organizationId=${province}&from=2026-11-30&to=2026-11-01`,
        as: 'province.leader',
      });
      expect(reversed.statusCode).toBe(400);
      expect((await app.request({ method: 'GET', url: url(province, '&groupBy=person'), as: 'province.leader' })).statusCode).toBe(400);
    });
  });

  it('exports the report as XLSX (read back: the JSON’s rows and total) and PDF (pdftotext: the Vietnamese headings); 404 as for JSON', async () => {
    await onDay(ctx, TODAY, async (app) => {
      const levels: Record<string, string> = {
        central: 'Trung ương',
        province: 'Cấp tỉnh',
        district: 'Cấp huyện',
        commune: 'Cấp xã',
        other: 'Khác',
      };
      const figures = (c: Counts) => [c.sent, c.notRegistered, c.inProgress, c.finished, c.refused, c.late];
      const cells = (sheet: ExcelJS.Worksheet, r: number) => (sheet.getRow(r).values as unknown[]).slice(1);
      const [{ name }] = await ctx.sql<{ name: string }[]>`select name from organizations where id = ${province}`;
      for (const groupBy of ['level', 'recipient'] as const) {
        const json = await report(app, 'province.leader', province, groupBy);
        const url = `/api/v1/reports/sent?organizationId=${province}&from=2026-11-01&to=2026-11-30&groupBy=${groupBy}`;
        const res = await app.request({ method: 'GET', url: `${url}&format=xlsx`, as: 'province.leader' });
        expect(res.statusCode, res.body).toBe(200);
        expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
        expect(String(res.headers['content-disposition'])).toMatch(
          /^attachment; filename="Bao cao tinh hinh giai quyet van ban di - .* - 2026-11-01 den 2026-11-30\.xlsx"/,
        );
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
        const sheet = workbook.worksheets[0];
        expect(cells(sheet, 1)).toEqual([name]);
        expect(cells(sheet, 2)).toEqual(['BÁO CÁO TÌNH HÌNH GIẢI QUYẾT VĂN BẢN ĐI']);
        expect(cells(sheet, 3)).toEqual(['Từ ngày 01/11/2026 đến ngày 30/11/2026']);
        const heads = ['Số văn bản đã gửi', 'Chưa vào sổ', 'Đang giải quyết', 'Đã giải quyết', 'Từ chối nhận', 'Trễ hạn'];
        expect(cells(sheet, 4)).toEqual(groupBy === 'level' ? ['Cấp nhận', ...heads] : ['Cấp nhận', 'Nơi nhận', ...heads]);
        expect(sheet.actualRowCount).toBe(4 + json.rows.length + 1);
        json.rows.forEach((row, i) =>
          expect(cells(sheet, 5 + i)).toEqual([
            levels[row.level],
            ...(groupBy === 'recipient' ? [row.recipient!.name] : []),
            ...figures(row),
          ]),
        );
        // exceljs reads an empty cell back as a gap in the row's values.
        const total = cells(sheet, 5 + json.rows.length).filter((v) => v !== undefined && v !== '');
        expect(total).toEqual(['Tổng cộng', ...figures(json.total)]);
      }
      const pdf = await app.request({
        method: 'GET',
        url: `/api/v1/reports/sent?organizationId=${province}&from=2026-11-01&to=2026-11-30&groupBy=recipient&format=pdf`,
        as: 'province.leader',
      });
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      const file = path.join(mkdtempSync(path.join(tmpdir(), 'sent-')), 'sent.pdf');
      writeFileSync(file, pdf.rawPayload);
      const text = run('pdftotext', ['-layout', file, '-']);
      expect(text.status, text.stderr).toBe(0);
      for (const s of [
        'BÁO CÁO TÌNH HÌNH GIẢI QUYẾT VĂN BẢN ĐI',
        'Từ ngày 01/11/2026 đến ngày 30/11/2026',
        'Nơi nhận',
        'Cấp huyện',
        'Sở Nội vụ tỉnh Hà Tĩnh',
        'Tổng cộng',
        name,
      ])
        expect(text.stdout).toContain(s);
      for (const format of ['xlsx', 'pdf']) {
        const hidden = await app.request({
          method: 'GET',
          url: `/api/v1/reports/sent?organizationId=${province}&from=2026-11-01&to=2026-11-30&format=${format}`,
          as: 'commune.leader',
        });
        expect(hidden.statusCode).toBe(404);
      }
    });
  });
});
