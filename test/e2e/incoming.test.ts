import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OUTPUT_DIR, seriousA11yViolations, shot, signIn, startE2E, vietnamesePdf, type E2E } from './browser.js';
import { uploadDocument } from '../helpers/documents.js';

// Stories of issue 13 in a real browser against the real API and the demo province. Assertions are on
// what a person reads (Vietnamese text), not only on requests.
describe('web app: incoming documents', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  }, 120_000);
  afterAll(() => e2e?.close());

  it('signs in with the contract form: province.clerk sees "Văn bản đến"; accessible sign-in and home', async () => {
    const page = await e2e.newPage();
    await page.goto('/');
    await expect.poll(() => page.url()).toContain('/dang-nhap');
    await page.getByLabel('Tên đăng nhập').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, '01-dang-nhap');

    await signIn(page, 'province.clerk', 'sai-mat-khau');
    await page.getByText('Tên đăng nhập hoặc mật khẩu không đúng.').waitFor();

    await signIn(page, 'province.clerk');
    await page.getByRole('heading', { name: 'Văn bản đến' }).waitFor();
    await page.getByText('Chờ vào sổ').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, '02-trang-chu-van-thu');

    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.getByRole('button', { name: 'Đăng nhập' }).waitFor();
  });

  it('an expired session goes back to sign-in, then back where the user was', async () => {
    const page = await e2e.newPage();
    await page.goto('/dang-nhap');
    await signIn(page, 'province.clerk');
    await page.getByText('Chờ vào sổ').waitFor();
    // The server no longer accepts the token (as after expiry or revocation): the next API call answers 401.
    await page.evaluate(() => {
      const s = JSON.parse(sessionStorage.getItem('vanthu.session')!);
      sessionStorage.setItem('vanthu.session', JSON.stringify({ ...s, token: `${s.token.slice(0, -4)}AAAA` }));
    });
    await page.goto('/van-ban-den?status=received');
    await page.getByText('Vui lòng đăng nhập để tiếp tục.').waitFor();
    expect(new URL(page.url()).searchParams.get('tiep')).toBe('/van-ban-den?status=received');
    await signIn(page, 'province.clerk');
    await page.getByRole('heading', { name: 'Văn bản đến' }).waitFor();
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/van-ban-den?status=received');
  });

  it('province.clerk receives a PDF (file input, Decree 30 type), previews it, registers it and sees its số đến', async () => {
    const page = await e2e.newPage();
    await page.goto('/van-ban-den/tiep-nhan');
    await signIn(page, 'province.clerk');
    await page.getByRole('heading', { name: 'Tiếp nhận văn bản đến' }).waitFor();

    const file = path.join(OUTPUT_DIR, 'cong-van-den.pdf');
    await writeFile(
      file,
      await vietnamesePdf(['CÔNG VĂN', 'V/v triển khai chuyển đổi số năm 2026', 'Kính gửi: Ủy ban nhân dân tỉnh Nghệ An']),
    );
    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByText('cong-van-den.pdf').waitFor();
    await page.getByLabel('Loại văn bản').click();
    await page.getByLabel('Loại văn bản').fill('Kế hoạch');
    await page.getByTitle('Kế hoạch', { exact: true }).click();
    await page.getByLabel('Số', { exact: true }).fill('125');
    await page.getByLabel('Ký hiệu').fill('KH-BTTTT');
    await page.getByLabel('Trích yếu').fill('Triển khai chuyển đổi số năm 2026');
    // The issuer picked from the organisation tree, found without diacritics (typing a name freely works too).
    await page.getByLabel('Cơ quan ban hành').fill('so tai chinh');
    await page.locator('.ant-select-item-option', { hasText: /^Sở Tài chính/ }).click();
    await expect.poll(() => page.getByLabel('Cơ quan ban hành').inputValue()).toBe('Sở Tài chính');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, '03-tiep-nhan');
    await page.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();

    // The document page, or (a failure worth reading) the form's error.
    const heading = page.getByRole('heading', { name: 'Triển khai chuyển đổi số năm 2026' });
    const formError = page.locator('.ant-alert-error');
    await heading.or(formError).first().waitFor();
    expect(await formError.allTextContents()).toEqual([]);
    await heading.waitFor();
    await page.getByText('Chưa vào sổ').waitFor();
    const issuer = page.locator('.ant-descriptions-item-label', { hasText: 'Cơ quan ban hành' }).locator('xpath=following-sibling::td[1]');
    expect((await issuer.textContent())?.trim()).toBe('Sở Tài chính');
    await page.locator('canvas[data-rendered=true]').waitFor();
    await page.getByText('Tệp không có chữ ký số.').waitFor();
    // Vào sổ asks for the Hạn xử lý as the clerk reads it (none was entered at reception): a date typed dd/MM/yyyy.
    await page.getByRole('button', { name: 'Vào sổ' }).click();
    const dialog = page.getByRole('dialog', { name: 'Vào sổ văn bản đến' });
    await dialog.getByText('Để trống nếu văn bản không có hạn xử lý.').waitFor();
    const due = new Date(Date.now() + 20 * 86_400_000);
    const dueText = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Ho_Chi_Minh',
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
    }).format(due);
    await dialog.getByLabel('Hạn xử lý', { exact: true }).fill(dueText);
    await dialog.getByLabel('Hạn xử lý', { exact: true }).press('Enter');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, '04a-vao-so-han-xu-ly');
    await dialog.getByRole('button', { name: 'Vào sổ', exact: true }).click();
    await page.getByText(/Đã vào sổ .*, số đến \d+\./).waitFor();
    await dialog.waitFor({ state: 'hidden' });
    const row = page.locator('.ant-descriptions-item-label', { hasText: 'Số đến' }).locator('xpath=following-sibling::td[1]');
    await expect.poll(async () => (await row.textContent())?.trim()).toMatch(/^\d+$/);
    const dueRow = page.locator('.ant-descriptions-item-label', { hasText: 'Hạn xử lý' }).locator('xpath=following-sibling::td[1]');
    await expect.poll(async () => (await dueRow.textContent())?.trim()).toBe(dueText);
    await page.getByText('Vào sổ', { exact: true }).first().waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, '04-van-ban-da-vao-so');
  });

  it('a search without diacritics finds a document whose subject has them', async () => {
    const created = await uploadDocument(e2e.ctx, 'province.clerk', {
      direction: 'incoming',
      type: 'Công văn',
      subject: 'Phòng chống lụt bão và giảm nhẹ thiên tai mùa mưa lũ',
    });
    expect(created.statusCode).toBe(201);
    const page = await e2e.newPage();
    await page.goto('/van-ban-den');
    await signIn(page, 'province.clerk');
    await page.getByRole('heading', { name: 'Văn bản đến' }).waitFor();
    await page.getByLabel('Tìm kiếm').fill('phong chong lut bao');
    await page.getByLabel('Tìm kiếm').press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('phong chong lut bao');
    await page.getByRole('link', { name: 'Phòng chống lụt bão và giảm nhẹ thiên tai mùa mưa lũ' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, '05-tim-khong-dau');
  });

  it('a confidential document stays invisible to a user without a grant: the page says "không tìm thấy"', async () => {
    const created = await uploadDocument(e2e.ctx, 'province.clerk', {
      direction: 'incoming',
      type: 'Công văn',
      subject: 'Văn bản mật về an ninh',
      confidentiality: 'secret',
    });
    expect(created.statusCode).toBe(201);
    const id = created.json<{ id: string }>().id;
    const page = await e2e.newPage();
    await page.goto(`/van-ban/${id}`);
    await signIn(page, 'province.specialist');
    await page
      .getByText(/không tìm thấy/i)
      .first()
      .waitFor();
    expect(await page.getByText('Văn bản mật về an ninh').count()).toBe(0);
    await shot(page, '06-van-ban-mat-khong-tim-thay');
  });
});
