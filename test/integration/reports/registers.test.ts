import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { okJson, onDay, type ClockedApp } from '../../helpers/clock.js';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { createDocumentRow, orgOf, userId } from '../../helpers/documents.js';
import { setupRunCaEnv } from '../signing-service/helpers.js';
import { pdfsig, run, type Env } from '../signing/tools.js';

/**
 * The registers of Decree 30/2020 Phụ lục IV (Sổ đăng ký văn bản đến/đi, Sổ theo dõi giải quyết
 * văn bản đến) against documents made here: incoming ones registered and handled through the API
 * on November days (each day its own clock), issued ones with their deliveries written as issuance
 * and exchange leave them. JSON rows, the XLSX read back, the PDF's text, who may read, and closing
 * a register (sealed PDF checked by pdfsig, audit event).
 */

let ctx: TestContext;
let env: Env;
let province: string;
let provinceName: string;
let snv: string;
let vinh: string;
const docs: Record<string, string> = {};

const on = (day: string, steps: (app: ClockedApp) => Promise<void>) => onDay(ctx, day, steps);
const ok = okJson;

/** An incoming document as received from another agency, then registered by `clerk`. */
async function receive(app: ClockedApp, key: string, owner: string, clerk: string, o: Record<string, string | null> = {}) {
  docs[key] = await createDocumentRow(ctx.sql, {
    ownerOrganizationId: owner,
    subject: o.subject ?? `Về việc ${key}`,
    number: o.number ?? null,
    notation: o.notation ?? null,
    urgency: (o.urgency as 'urgent' | undefined) ?? 'normal',
    confidentiality: (o.confidentiality as 'secret' | undefined) ?? 'normal',
  });
  await ctx.sql`update documents set issuer_name = ${o.issuer ?? 'Bộ Nội vụ'}, promulgation_date = ${o.date ?? '2026-10-30'} where id = ${docs[key]}`;
  // A secret document is seen only by those granted it (the clerk who registers it, here).
  if (o.confidentiality)
    await ctx.sql`insert into document_access_grants (document_id, user_id) select ${docs[key]}, id from users where username = ${clerk}`;
  await ok(app, 'POST', `/documents/${docs[key]}/register`, clerk);
  return docs[key];
}

/** An issued outgoing document of the province with its deliveries (internal ones as fan-out leaves them). */
async function issued(key: string, number: string, date: string, recipients: { name: string; org?: string; registeredAt?: string }[]) {
  docs[key] = await createDocumentRow(ctx.sql, {
    ownerOrganizationId: province,
    direction: 'outgoing',
    status: 'issued',
    typeName: 'Quyết định',
    subject: `Quyết định ${key}`,
    number,
    notation: 'QĐ-UBND',
  });
  await ctx.sql`update documents set promulgation_date = ${date}, signer_name = 'Nguyễn Văn An' where id = ${docs[key]}`;
  let i = 0;
  for (const r of recipients) {
    const history = r.registeredAt ? [{ event: 'status', code: '03', at: r.registeredAt }] : [];
    await ctx.sql`
      insert into deliveries (document_id, sender_organization_id, kind, recipient_organization_id, recipient_organ_id, recipient_name,
                              edxml_document_id, state, status_code, history, created_at)
      values (${docs[key]}, ${province}, ${r.org ? 'internal' : 'remote'}, ${r.org ?? null}, ${r.org ? null : `000.00.0${i++}.H99`},
              ${r.name}, ${`${key}-edxml`}, 'delivered', ${r.registeredAt ? '03' : '01'}, ${ctx.sql.json(history)},
              ${`${date}T04:00:00Z`})`;
  }
}

async function get(as: string, url: string) {
  return ctx.request({ method: 'GET', url: `/api/v1${url}`, as });
}

const NOV = 'from=2026-11-01&to=2026-11-30';

beforeAll(async () => {
  ctx = await createTestContext();
  env = setupRunCaEnv(ctx.env.SIGNING_TRUST_LIST);
  province = await orgOf(ctx.sql, 'province.clerk', 'clerk');
  snv = await orgOf(ctx.sql, 'u02.leader', 'leader');
  vinh = await orgOf(ctx.sql, 'district.leader', 'leader');
  [{ name: provinceName }] = await ctx.sql<{ name: string }[]>`select name from organizations where id = ${province}`;
  const stc = await orgOf(ctx.sql, 'u03.leader', 'leader');

  await on('2026-10-30', async (app) => {
    await receive(app, 'october', province, 'province.clerk');
  });
  await on('2026-11-03', async (app) => {
    const d1 = await receive(app, 'd1', province, 'province.clerk', {
      number: '123',
      notation: 'BNV-TCBC',
      subject: 'Về việc tuyển dụng công chức năm 2026',
    });
    const [lead1] = (
      (
        await ok(app, 'POST', `/documents/${d1}/assignments`, 'province.leader', {
          assignees: [
            { unitId: snv, role: 'lead', dueInWorkingDays: 3 },
            { unitId: stc, role: 'coordinate', dueInWorkingDays: 3 },
          ],
        })
      ).assignments as { id: string }[]
    ).map((a) => a.id);
    docs.lead1 = lead1;
    await receive(app, 'vinh', vinh, 'district.clerk');
  });
  await on('2026-11-04', async (app) => {
    const d2 = await receive(app, 'd2', province, 'province.clerk', {
      number: '45',
      notation: 'STC-NS',
      issuer: 'Sở Tài chính',
      urgency: 'urgent',
    });
    await ok(app, 'POST', `/documents/${d2}/assignments`, 'province.leader', {
      assignees: [{ unitId: stc, role: 'lead', dueInWorkingDays: 1 }],
    });
    await receive(app, 'd3', province, 'province.clerk', { number: '7', notation: 'TTg-KTTH', issuer: 'Thủ tướng Chính phủ' });
    await receive(app, 'secret', province, 'province.clerk', { confidentiality: 'secret' });
  });
  await on('2026-11-05', async (app) => {
    await ok(app, 'POST', `/assignments/${docs.lead1}/complete`, 'u02.leader', { result: 'Đã trả lời' });
  });

  await issued('o12', '12', '2026-11-10', [
    { name: 'UBND huyện Vinh', org: vinh, registeredAt: '2026-11-10T08:30:00.000Z' },
    { name: 'Bộ Nội vụ' },
  ]);
  await issued('o05', '05', '2026-11-10', [{ name: 'Bộ Tài chính' }]);
  await issued('o101', '101', '2026-11-09', []);
  await issued('december', '130', '2026-12-01', []);
}, 120_000);
afterAll(() => ctx?.close());

type Json = Record<string, unknown> & {
  rows: Record<string, unknown>[];
  columns: { key: string; title: string }[];
  nextCursor: string | null;
};

describe('GET /reports/registers/incoming', () => {
  it('lists the period’s registered documents in số đến order with the Phụ lục IV columns', async () => {
    const res = await get('province.clerk', `/reports/registers/incoming?organizationId=${province}&${NOV}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<Json>();
    expect(body.columns.map((c) => c.title)).toEqual([
      'Ngày đến',
      'Số đến',
      'Tác giả',
      'Số, ký hiệu',
      'Ngày tháng văn bản',
      'Tên loại và trích yếu nội dung',
      'Đơn vị hoặc người nhận',
      'Ngày chuyển',
      'Ký nhận',
      'Ghi chú',
    ]);
    // October's entry, the district's and the secret one are not in the province's November register.
    expect(body.rows.map((r) => r.documentId)).toEqual([docs.d1, docs.d2, docs.d3]);
    const numbers = await ctx.sql<
      { id: string; n: number }[]
    >`select id, incoming_number as n from documents where id in ${ctx.sql([docs.d1, docs.d2, docs.d3])}`;
    const numberOf = new Map(numbers.map((r) => [r.id, r.n]));
    const [snvName, stcName, leaderName] = await Promise.all([
      ctx.sql`select name from organizations where id = ${snv}`.then((r) => r[0].name as string),
      ctx.sql`select o.name from organizations o join role_grants g on g.organization_id = o.id join users u on u.id = g.user_id where u.username = 'u03.leader' and g.role = 'leader'`.then(
        (r) => r[0].name as string,
      ),
      userId(ctx.sql, 'u02.leader'),
    ]);
    expect(leaderName).toBeTruthy();
    const [completedAt] = await ctx.sql<{ at: Date }[]>`select completed_at as at from assignments where id = ${docs.lead1}`;
    expect(body.rows[0]).toEqual({
      documentId: docs.d1,
      ngayDen: '2026-11-03',
      soDen: numberOf.get(docs.d1),
      tacGia: 'Bộ Nội vụ',
      soKyHieu: '123/BNV-TCBC',
      ngayThangVanBan: '2026-10-30',
      tenLoaiTrichYeu: 'Công văn: Về việc tuyển dụng công chức năm 2026',
      donViNguoiNhan: `${snvName}; ${stcName}`,
      ngayChuyen: '2026-11-03',
      kyNhan: { by: snvName, at: completedAt.at.toISOString() },
      ghiChu: null,
    });
    expect(body.rows[1]).toMatchObject({
      soDen: numberOf.get(docs.d2),
      tacGia: 'Sở Tài chính',
      soKyHieu: '45/STC-NS',
      donViNguoiNhan: stcName,
      kyNhan: null,
      ghiChu: 'Khẩn',
    });
    expect(body.rows[2]).toMatchObject({ soKyHieu: '7/TTg-KTTH', donViNguoiNhan: null, ngayChuyen: null, kyNhan: null });
    expect(numberOf.get(docs.d2)).toBe(numberOf.get(docs.d1)! + 1);
  });

  it('pages with a keyset cursor: one row at a time gives the same rows', async () => {
    const seen: unknown[] = [];
    let cursor: string | null = null;
    do {
      const res = await get(
        'province.leader',
        `/reports/registers/incoming?organizationId=${province}&${NOV}&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json<Json>();
      seen.push(...body.rows.map((r) => r.documentId));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([docs.d1, docs.d2, docs.d3]);
    expect(
      (await get('province.clerk', `/reports/registers/incoming?organizationId=${province}&${NOV}&cursor=bm90LWEtY3Vyc29y`)).statusCode,
    ).toBe(400);
  });

  it('exports XLSX (attachment, Vietnamese-safe file name) that exceljs reads back with the rows', async () => {
    const res = await get('province.clerk', `/reports/registers/incoming?organizationId=${province}&${NOV}&format=xlsx`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const disposition = String(res.headers['content-disposition']);
    expect(disposition).toMatch(
      /^attachment; filename="So dang ky van ban den - .*\.xlsx"; filename\*=UTF-8''S%E1%BB%95%20%C4%91%C4%83ng%20k%C3%BD/,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const text = (r: number) => (sheet.getRow(r).values as unknown[]).slice(1).map((v) => (v === undefined || v === null ? '' : String(v)));
    expect(text(1)).toEqual([provinceName]);
    expect(text(2)).toEqual(['SỔ ĐĂNG KÝ VĂN BẢN ĐẾN']);
    expect(text(3)).toEqual(['Từ ngày 01/11/2026 đến ngày 30/11/2026']);
    expect(text(4)[0]).toBe('Ngày đến');
    expect(text(4)[5]).toBe('Tên loại và trích yếu nội dung');
    expect(sheet.actualRowCount).toBe(7);
    expect(text(5).slice(0, 6)).toEqual([
      '03/11/2026',
      text(5)[1],
      'Bộ Nội vụ',
      '123/BNV-TCBC',
      '30/10/2026',
      'Công văn: Về việc tuyển dụng công chức năm 2026',
    ]);
    expect(text(6)[3]).toBe('45/STC-NS');
    expect(text(6)[9]).toBe('Khẩn');
    expect(text(7)[3]).toBe('7/TTg-KTTH');
  });

  it('exports a PDF whose text holds the heading, the column headings and the rows', async () => {
    const res = await get('province.leader', `/reports/registers/incoming?organizationId=${province}&${NOV}&format=pdf`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(String(res.headers['content-disposition'])).toMatch(/^attachment; filename="So dang ky van ban den - .*\.pdf"/);
    const text = pdfText(res.rawPayload);
    for (const s of [
      provinceName,
      'SỔ ĐĂNG KÝ VĂN BẢN ĐẾN',
      'Từ ngày 01/11/2026 đến ngày 30/11/2026',
      'Ngày đến',
      'Tác giả',
      'Ghi chú',
      '123/BNV-TCBC',
      '45/STC-NS',
      'Bộ Nội vụ',
      'Trang 1/1',
    ])
      expect(text).toContain(s);
  });

  it('repeats the table header on every page of a long register', async () => {
    await on('2026-11-20', async (app) => {
      for (let i = 0; i < 40; i++) await receive(app, `bulk${i}`, vinh, 'district.clerk', { number: String(200 + i), notation: 'UBND-VP' });
    });
    const res = await get('district.leader', `/reports/registers/incoming?organizationId=${vinh}&${NOV}&format=pdf`);
    expect(res.statusCode).toBe(200);
    const pages = pdfText(res.rawPayload)
      .split('\f')
      .filter((p) => p.trim());
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(page).toContain('Tên loại và trích yếu nội dung');
    expect(pages.at(-1)).toContain('239/UBND-VP');
  });

  it('is read by the organisation’s clerks and the leaders over it; anyone else gets 404', async () => {
    const url = `/reports/registers/incoming?organizationId=${province}&${NOV}`;
    for (const as of ['province.clerk', 'province.leader']) expect((await get(as, url)).statusCode).toBe(200);
    // A province leader reads a district's register; the district's clerk not the province's.
    expect((await get('province.leader', `/reports/registers/incoming?organizationId=${vinh}&${NOV}`)).statusCode).toBe(200);
    for (const as of ['commune.leader', 'district.clerk', 'district.leader', 'province.specialist', 'admin']) {
      const res = await get(as, url);
      expect(res.statusCode, as).toBe(404);
      expect(res.json<{ error: { code: string } }>().error.code).toBe('NOT_FOUND');
    }
    for (const format of ['xlsx', 'pdf']) expect((await get('commune.leader', `${url}&format=${format}`)).statusCode).toBe(404);
  });

  it('refuses a reversed period and an unknown format with 400', async () => {
    const reversed = await get('province.clerk', `/reports/registers/incoming?organizationId=${province}&from=2026-11-30&to=2026-11-01`);
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json<{ error: { code: string } }>().error.code).toBe('VALIDATION_FAILED');
    for (const format of ['docx', 'csv']) {
      const res = await get('province.clerk', `/reports/registers/incoming?organizationId=${province}&${NOV}&format=${format}`);
      expect(res.statusCode).toBe(400);
    }
    expect(
      (await get('province.clerk', `/reports/registers/outgoing?organizationId=${province}&from=2026-13-01&to=2026-11-01`)).statusCode,
    ).toBe(400);
  });
});

describe('GET /reports/registers/outgoing', () => {
  it('lists the documents issued in the period in number order with recipients, copies and acknowledgements', async () => {
    const res = await get('province.leader', `/reports/registers/outgoing?organizationId=${province}&${NOV}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<Json>();
    expect(body.columns.map((c) => c.title)).toEqual([
      'Số, ký hiệu văn bản',
      'Ngày tháng văn bản',
      'Tên loại và trích yếu nội dung',
      'Người ký',
      'Nơi nhận văn bản',
      'Đơn vị, người nhận bản lưu',
      'Số lượng bản',
      'Ngày chuyển',
      'Ký nhận',
      'Ghi chú',
    ]);
    expect(body.rows.map((r) => r.soKyHieu)).toEqual(['101/QĐ-UBND', '05/QĐ-UBND', '12/QĐ-UBND']);
    expect(body.rows[2]).toEqual({
      documentId: docs.o12,
      soKyHieu: '12/QĐ-UBND',
      ngayThangVanBan: '2026-11-10',
      tenLoaiTrichYeu: 'Quyết định: Quyết định o12',
      nguoiKy: 'Nguyễn Văn An',
      noiNhan: 'Bộ Nội vụ; UBND huyện Vinh',
      donViLuuBan: provinceName,
      soLuongBan: 2,
      ngayChuyen: '2026-11-10',
      kyNhan: [{ by: 'UBND huyện Vinh', at: '2026-11-10T08:30:00.000Z' }],
      ghiChu: null,
    });
    expect(body.rows[0]).toMatchObject({ soLuongBan: 0, noiNhan: null, kyNhan: [] });
    const page1 = (await get('province.leader', `/reports/registers/outgoing?organizationId=${province}&${NOV}&limit=2`)).json<Json>();
    expect(page1.rows).toHaveLength(2);
    const page2 = (
      await get('province.leader', `/reports/registers/outgoing?organizationId=${province}&${NOV}&limit=2&cursor=${page1.nextCursor}`)
    ).json<Json>();
    expect(page2.rows.map((r) => r.soKyHieu)).toEqual(['12/QĐ-UBND']);
    expect(page2.nextCursor).toBeNull();
  });

  it('exports XLSX and PDF', async () => {
    const xlsx = await get('province.clerk', `/reports/registers/outgoing?organizationId=${province}&${NOV}&format=xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.actualRowCount).toBe(7);
    expect(sheet.getRow(4).getCell(1).value).toBe('Số, ký hiệu văn bản');
    expect([5, 6, 7].map((r) => sheet.getRow(r).getCell(1).value)).toEqual(['101/QĐ-UBND', '05/QĐ-UBND', '12/QĐ-UBND']);
    expect(sheet.getRow(7).getCell(9).value).toBe('UBND huyện Vinh, 10/11/2026 15:30');
    const pdf = await get('province.clerk', `/reports/registers/outgoing?organizationId=${province}&${NOV}&format=pdf`);
    const text = pdfText(pdf.rawPayload);
    for (const s of ['SỔ ĐĂNG KÝ VĂN BẢN ĐI', 'Nơi nhận văn bản', 'Người ký', '12/QĐ-UBND', 'Nguyễn Văn An']) expect(text).toContain(s);
  });
});

describe('GET /reports/registers/incoming-tracking', () => {
  it('shows each incoming document’s deadline, progress and reply as the handling report judges them', async () => {
    const res = await get('province.clerk', `/reports/registers/incoming-tracking?organizationId=${province}&${NOV}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<Json>();
    expect(body.columns.map((c) => c.title)).toEqual([
      'Số đến',
      'Tên loại, số, ký hiệu, ngày tháng văn bản, cơ quan ban hành',
      'Đơn vị hoặc người nhận',
      'Thời hạn giải quyết',
      'Tiến độ giải quyết',
      'Số, ký hiệu văn bản trả lời',
      'Ghi chú',
    ]);
    const [due1] = await ctx.sql<{ d: string }[]>`select due_date::text as d from assignments where id = ${docs.lead1}`;
    expect(body.rows.map((r) => [r.documentId, r.vanBan, r.thoiHan, r.tienDo])).toEqual([
      [docs.d1, 'Công văn, số 123/BNV-TCBC, ngày 30/10/2026, Bộ Nội vụ', due1.d, 'Đã giải quyết ngày 05/11/2026 (đúng hạn)'],
      [docs.d2, 'Công văn, số 45/STC-NS, ngày 30/10/2026, Sở Tài chính', '2026-11-05', 'Đang giải quyết, quá hạn'],
      [docs.d3, 'Công văn, số 7/TTg-KTTH, ngày 30/10/2026, Thủ tướng Chính phủ', null, 'Chưa phân công'],
    ]);
    const pdf = await get('province.clerk', `/reports/registers/incoming-tracking?organizationId=${province}&${NOV}&format=pdf`);
    expect(pdfText(pdf.rawPayload)).toContain('SỔ THEO DÕI GIẢI QUYẾT VĂN BẢN ĐẾN');
  });
});

describe('closing a register (đóng sổ)', () => {
  it('seals the register’s PDF with the agency seal, stores, lists and serves it; the same period again is 409', async () => {
    const res = await ctx.request({
      method: 'POST',
      url: '/api/v1/reports/registers/incoming/closings',
      as: 'province.clerk',
      payload: { organizationId: province, from: '2026-11-01', to: '2026-11-30' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const closing = res.json<{ id: string; rowCount: number; sha256: string; size: number; fileName: string; register: string }>();
    expect(closing).toMatchObject({
      register: 'incoming',
      rowCount: 3,
      fileName: `Sổ đăng ký văn bản đến - ${provinceName} - 2026-11-01 đến 2026-11-30.pdf`,
    });

    const list = await get('province.leader', `/reports/register-closings?organizationId=${province}`);
    expect(list.json<{ items: { id: string }[] }>().items.map((i) => i.id)).toEqual([closing.id]);

    const file = await get('province.leader', `/reports/register-closings/${closing.id}/file`);
    expect(file.statusCode).toBe(200);
    expect(String(file.headers['content-disposition'])).toMatch(/^attachment; filename="So dang ky van ban den/);
    expect(createHash('sha256').update(file.rawPayload).digest('hex')).toBe(closing.sha256);
    expect(file.rawPayload.length).toBe(closing.size);
    const signatures = pdfsig(env, file.rawPayload);
    expect(signatures.map((s) => [s.field, s.valid, s.trusted, s.digestMismatch])).toEqual([['DauCoQuan', true, true, false]]);
    const text = pdfText(file.rawPayload);
    for (const s of ['SỔ ĐĂNG KÝ VĂN BẢN ĐẾN', '123/BNV-TCBC', 'Sổ gồm 3 văn bản']) expect(text).toContain(s);

    const [event] = await ctx.sql<{ actor: string; details: Record<string, unknown> }[]>`
      select actor_id as actor, details from audit_events where action = 'register.close' and subject_id = ${closing.id}`;
    expect(event.actor).toBe(await userId(ctx.sql, 'province.clerk'));
    expect(event.details).toMatchObject({
      register: 'incoming',
      from: '2026-11-01',
      to: '2026-11-30',
      rowCount: 3,
      sha256: closing.sha256,
    });

    for (const period of [
      { from: '2026-11-01', to: '2026-11-30' },
      { from: '2026-11-15', to: '2026-11-20' },
    ]) {
      const again = await ctx.request({
        method: 'POST',
        url: '/api/v1/reports/registers/incoming/closings',
        as: 'province.clerk',
        payload: { organizationId: province, ...period },
      });
      expect(again.statusCode, again.body).toBe(409);
    }
    const [{ n }] = await ctx.sql<{ n: number }[]>`select count(*)::int as n from register_closings`;
    expect(n).toBe(1);
  });

  it('is the clerk’s act: a leader gets 403, an outsider 404, a period not yet ended 409', async () => {
    const post = (as: string, organizationId: string, from: string, to: string) =>
      ctx.request({ method: 'POST', url: '/api/v1/reports/registers/outgoing/closings', as, payload: { organizationId, from, to } });
    expect((await post('province.leader', province, '2026-11-01', '2026-11-30')).statusCode).toBe(403);
    expect((await post('commune.leader', province, '2026-11-01', '2026-11-30')).statusCode).toBe(404);
    const today = ctx.container.services.calendar.today();
    expect((await post('province.clerk', province, '2026-11-01', today)).statusCode).toBe(409);
    expect((await get('commune.leader', `/reports/register-closings?organizationId=${province}`)).statusCode).toBe(404);
    const [{ id }] = await ctx.sql<{ id: string }[]>`select id from register_closings limit 1`;
    expect((await get('commune.leader', `/reports/register-closings/${id}/file`)).statusCode).toBe(404);
    const [{ n }] = await ctx.sql<{ n: number }[]>`select count(*)::int as n from register_closings where kind = 'outgoing'`;
    expect(n).toBe(0);
  });
});

function pdfText(pdf: Buffer): string {
  const file = path.join(env.dir, `register-${process.hrtime.bigint()}.pdf`);
  writeFileSync(file, pdf);
  const r = run('pdftotext', ['-layout', file, '-']);
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}
