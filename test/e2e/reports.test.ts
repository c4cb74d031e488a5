import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { seriousA11yViolations, shot, signIn, startE2E, type E2E } from './browser.js';
import { uploadDocument, userId } from '../helpers/documents.js';
import { appAt, type ClockedApp } from '../helpers/clock.js';

// Issue 14, item 6: province.leader follows late handling from the province down to a commune's
// official and the document, in Báo cáo (GET /reports/handling per child unit, then per person).
describe('web app: Báo cáo, the handling report and its drill-down', () => {
  let e2e: E2E;
  const late = ['Báo cáo kết quả chuyển đổi số cấp xã năm 2026', 'Rà soát hộ nghèo, hộ cận nghèo cuối năm 2026'];
  const elsewhere = 'Kiểm tra công tác phòng cháy chữa cháy';

  beforeAll(async () => {
    e2e = await startE2E();
    const { ctx } = e2e;
    const org = async (name: string) =>
      (await ctx.sql<{ id: string }[]>`select id from organizations where name = ${name} and valid_to is null`)[0].id;
    const provinceLeader = await userId(ctx.sql, 'province.leader');
    const communeOfficial = await userId(ctx.sql, 'commune.clerk');
    const vinh = await org('Ủy ban nhân dân thành phố Vinh');
    const benThuy = await org('Ủy ban nhân dân phường Bến Thủy');
    const cuaLo = await org('Ủy ban nhân dân thị xã Cửa Lò');

    // Directed a month ago (the business clock of a second app on the same database): late by now.
    const past = await appAt(ctx, '2026-11-02T09:00:00+07:00');
    const post = async (app: ClockedApp, url: string, as: string, payload?: object) => {
      const res = await app.request({ method: 'POST', url: `/api/v1${url}`, as, ...(payload ? { payload } : {}) });
      expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(300);
      return res.json<{ assignments: { id: string }[] }>();
    };
    const direct = async (subject: string, unitId: string) => {
      const id = (await uploadDocument(ctx, 'province.clerk', { direction: 'incoming', type: 'Công văn', subject })).json<{ id: string }>()
        .id;
      await post(past, `/documents/${id}/register`, 'province.clerk');
      await post(past, `/documents/${id}/present`, 'province.clerk', { leaderUserId: provinceLeader });
      return (
        await post(past, `/documents/${id}/assignments`, 'province.leader', { assignees: [{ unitId, role: 'lead', dueInWorkingDays: 3 }] })
      ).assignments[0].id;
    };
    try {
      // Two items go down to the ward of Bến Thủy and its official (thành phố Vinh: 2 overdue)…
      for (const subject of late) {
        const toDistrict = await direct(subject, vinh);
        const [toWard] = (
          await post(past, `/assignments/${toDistrict}/assignments`, 'district.leader', {
            assignees: [{ unitId: benThuy, role: 'lead', dueInWorkingDays: 2 }],
          })
        ).assignments;
        await post(past, `/assignments/${toWard.id}/assignments`, 'commune.leader', {
          assignees: [{ userId: communeOfficial, role: 'lead', dueInWorkingDays: 2 }],
        });
      }
      // …one stays with thị xã Cửa Lò (1 overdue).
      await direct(elsewhere, cuaLo);
    } finally {
      await past.close();
    }
    await ctx.container.services.tracking.sweepOverdue();
  }, 300_000);
  afterAll(() => e2e?.close());

  it('province.leader: home (tỷ lệ trễ hạn, five units) → Báo cáo → the district with most overdue → the ward → its official → the document and its timeline; export', async () => {
    onTestFailed(() => e2e.shootAll('failed-reports'));
    const page = await e2e.newPage();
    await page.goto('/');
    await signIn(page, 'province.leader');

    // Home: the subtree's late rate and the units holding the most overdue items, most first.
    const worst = page.locator('.ant-card', { hasText: 'Đơn vị có nhiều văn bản quá hạn nhất' });
    await worst.getByText('2 quá hạn').waitFor();
    const listed = await worst.locator('li').allTextContents();
    expect(listed[0]).toContain('Ủy ban nhân dân phường Bến Thủy');
    expect(listed[1]).toContain('Ủy ban nhân dân thị xã Cửa Lò');
    await expect(
      page
        .getByText(/^Tỷ lệ trễ hạn: /)
        .first()
        .isVisible(),
    ).resolves.toBe(true);
    await shot(page, '60-trang-chu-ty-le-tre-han');

    await page.getByRole('navigation', { name: 'Chức năng chính' }).getByRole('link', { name: 'Báo cáo' }).click();
    await page.getByRole('heading', { name: 'Báo cáo', level: 1 }).waitFor();
    const table = page.locator('.ant-table').first();
    // The province's districts and departments, the most overdue first: thành phố Vinh (2), then thị xã Cửa Lò (1).
    await table.getByRole('columnheader', { name: 'Tồn kỳ trước' }).waitFor();
    await table.getByRole('columnheader', { name: 'Tỷ lệ trễ hạn' }).waitFor();
    const first = table.locator('tbody tr.ant-table-row').first();
    await first.getByText('Ủy ban nhân dân thành phố Vinh').waitFor();
    await table.locator('tbody tr.ant-table-row').nth(1).getByText('Ủy ban nhân dân thị xã Cửa Lò').waitFor();
    await page.getByText('Tổng cộng').waitFor();
    await page.locator('canvas').first().waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, '61-bao-cao-cac-huyen');

    // A click on the row (not only on its name) goes one level down.
    await first.locator('td').nth(5).click();
    await page.getByRole('navigation').getByText('Ủy ban nhân dân thành phố Vinh').waitFor();
    const ward = table.locator('tbody tr.ant-table-row', { hasText: 'Ủy ban nhân dân phường Bến Thủy' });
    await ward.waitFor();
    await shot(page, '62-bao-cao-cac-xa');
    await ward.getByRole('link').click();

    // The ward has no units under it: its people, the official leading both late items.
    await page.getByRole('columnheader', { name: 'Người chủ trì' }).waitFor();
    const person = table.locator('tbody tr.ant-table-row', { hasText: 'Võ Thị Mai' });
    await person.waitFor();
    await shot(page, '63-bao-cao-nguoi-chu-tri');
    await person.click();
    await page.getByRole('heading', { name: 'Văn bản do Võ Thị Mai chủ trì' }).waitFor();
    // The documents behind the report's figures (GET /reports/handling/documents): both late items,
    // open past their deadline, and both received in the period.
    await page.getByText('Đang giải quyết quá hạn: 2 văn bản', { exact: false }).waitFor();
    for (const subject of late) await page.getByRole('link', { name: subject }).waitFor();
    await expect(page.getByRole('link', { name: elsewhere }).count()).resolves.toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, '64-bao-cao-van-ban');
    await page.locator('.ant-segmented').getByText('Tiếp nhận trong kỳ').click();
    await page.getByText('Tiếp nhận trong kỳ: 2 văn bản', { exact: false }).waitFor();
    for (const subject of late) await page.getByRole('link', { name: subject }).waitFor();
    await page.locator('.ant-segmented').getByText('Đã giải quyết đúng hạn').click();
    await page.getByText('Không có văn bản nào ở chỉ tiêu này.').waitFor();
    await page.locator('.ant-segmented').getByText('Đang giải quyết quá hạn').click();

    await page.getByRole('link', { name: late[0] }).click();
    await page.getByRole('heading', { name: late[0] }).waitFor();
    await page
      .locator('.overrun', { hasText: /^Quá hạn \d+ ngày làm việc$/ })
      .first()
      .waitFor();
    await page.getByRole('region', { name: 'Bảng người giữ văn bản' }).getByText('Võ Thị Mai').first().waitFor();
    await shot(page, '65-bao-cao-dong-thoi-gian');

    // Back at the province's table: its export buttons.
    await page.getByRole('navigation', { name: 'Chức năng chính' }).getByRole('link', { name: 'Báo cáo' }).click();
    await first.getByText('Ủy ban nhân dân thành phố Vinh').waitFor();
    await page.getByRole('button', { name: 'Xuất PDF' }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Xuất Excel' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const bytes = await readFile((await download.path())!);
    // An XLSX is a ZIP archive: it starts with the local file header PK\x03\x04.
    expect(bytes.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    expect(bytes.length).toBeGreaterThan(1000);

    // Accountability: who held the late items, ranked.
    await page.getByRole('tab', { name: 'Trách nhiệm chậm trễ' }).click();
    await page.getByRole('columnheader', { name: 'Số ngày làm việc vượt hạn' }).waitFor();
    await page.locator('.ant-table').last().locator('tbody tr.ant-table-row').first().waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, '66-bao-cao-trach-nhiem');
    // A ranking row lists the late custody it sums (GET /reports/accountability/items).
    await page.getByRole('button', { name: 'Võ Thị Mai' }).click();
    const lateItems = page.getByRole('region', { name: 'Các lượt giữ văn bản quá hạn: Võ Thị Mai' });
    for (const subject of late) await lateItems.getByRole('link', { name: subject }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The sender's view, with its export buttons.
    await page.getByRole('tab', { name: 'Văn bản đã gửi' }).click();
    await page.getByRole('columnheader', { name: 'Số văn bản đã gửi' }).waitFor();
    await page.getByRole('tabpanel').getByRole('button', { name: 'Xuất Excel' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
  }, 300_000);

  it('on a phone (390 px) the report table scrolls inside its box, the page does not', async () => {
    onTestFailed(() => e2e.shootAll('failed-reports-390'));
    const page = await e2e.newPage({ width: 390, height: 844 });
    await page.goto('/bao-cao');
    await signIn(page, 'province.leader');
    await page.getByRole('heading', { name: 'Báo cáo', level: 1 }).waitFor();
    await page.locator('.ant-table tbody tr.ant-table-row').first().getByText('Ủy ban nhân dân thành phố Vinh').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const scroller = page.locator('.ant-table-content, .ant-table-body').first();
    expect(await scroller.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, '67-bao-cao-390');
  }, 120_000);
});
