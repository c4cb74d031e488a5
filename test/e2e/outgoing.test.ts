import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { OUTPUT_DIR, seriousA11yViolations, shot, signIn, startE2E, vietnamesePdf, type E2E } from './browser.js';
import { userId } from '../helpers/documents.js';
import { runQueueWorker } from '../helpers/workers.js';

// Issue 13, the outgoing story in the browser: the chuyên viên drafts and submits, the Chairman
// approves and signs on a phone (the real signing worker applies the signature), the clerk issues it
// (number from the outgoing register, seal queued) and sends it to two departments, whose copies
// arrive (the real fan-out worker), and to a ministry of the axis directory through its exchange peer.
describe('web app: outgoing documents', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  }, 120_000);
  afterAll(() => e2e?.close());

  it('draft → Trình duyệt → Duyệt and Ký số at 390 px → Phát hành → Gửi; recipients show "Đã đến"', async () => {
    onTestFailed(() => e2e.shootAll('failed-outgoing'));
    const { ctx } = e2e;
    const subject = 'Về việc tăng cường công tác phòng cháy, chữa cháy mùa khô 2026';
    const [province] = await ctx.sql<{ id: string }[]>`select id from organizations where code = '000.00.00.H41'`;
    const template = await ctx.request({
      method: 'POST',
      url: '/api/v1/approval-templates',
      as: 'province.leader',
      payload: {
        organizationId: province.id,
        name: 'Lãnh đạo ký ban hành',
        steps: [
          {
            order: 1,
            name: 'Lãnh đạo ký',
            approvers: [{ userId: await userId(ctx.sql, 'province.leader') }],
            quorum: 'any',
            dueInWorkingDays: 2,
            isSigningStep: true,
          },
        ],
      },
    });
    expect(template.statusCode, template.body).toBe(201);
    const statusOf = async (id: string) => (await ctx.sql<{ status: string }[]>`select status from documents where id = ${id}`)[0].status;

    // 1. The chuyên viên drafts for UBND tỉnh and submits it.
    const cv = await e2e.newPage();
    await cv.goto('/van-ban-di');
    await signIn(cv, 'province.specialist');
    await cv.getByRole('heading', { name: 'Văn bản đi', exact: true }).waitFor();
    await cv.getByRole('button', { name: 'Soạn dự thảo' }).click();
    await cv.getByRole('heading', { name: 'Soạn dự thảo văn bản đi' }).waitFor();
    const file = path.join(OUTPUT_DIR, 'du-thao-cong-van.pdf');
    await writeFile(file, await vietnamesePdf(['ỦY BAN NHÂN DÂN TỈNH NGHỆ AN', 'CÔNG VĂN', subject]));
    await cv.locator('input[type=file]').setInputFiles(file);
    await cv.getByText('du-thao-cong-van.pdf').waitFor();
    await cv.getByLabel('Cơ quan ban hành').click();
    await cv.getByTitle('Ủy ban nhân dân tỉnh Nghệ An', { exact: true }).click();
    await cv.getByLabel('Trích yếu').fill(subject);
    expect(await seriousA11yViolations(cv)).toEqual([]);
    await shot(cv, '40-soan-du-thao');
    await cv.getByRole('button', { name: 'Tạo dự thảo' }).click();
    await cv.getByRole('heading', { name: subject }).or(cv.locator('.ant-alert-error')).first().waitFor();
    expect(await cv.locator('.ant-alert-error').allTextContents()).toEqual([]);
    const id = new URL(cv.url()).pathname.split('/').pop()!;
    await cv.locator('canvas[data-rendered=true]').waitFor();
    await cv.getByRole('button', { name: 'Trình duyệt' }).click();
    const [owner] = await ctx.sql<{ owner_organization_id: string }[]>`select owner_organization_id from documents where id = ${id}`;
    expect(owner.owner_organization_id).toBe(province.id);
    const submitted = cv.getByText('Lê Hồng Vinh: Chờ duyệt');
    await submitted.or(cv.locator('.ant-alert-error')).first().waitFor();
    expect(await cv.locator('.ant-alert-error').allTextContents()).toEqual([]);

    // 2. The Chairman, on a phone, finds it waiting, approves and signs it.
    const leader = await e2e.newPage({ width: 390, height: 844 });
    await leader.goto('/van-ban-di');
    await signIn(leader, 'province.leader');
    await leader.getByRole('heading', { name: 'Chờ tôi duyệt (1)' }).waitFor();
    expect(await seriousA11yViolations(leader)).toEqual([]);
    await shot(leader, '41-cho-toi-duyet-390');
    await leader.getByRole('link', { name: subject }).first().click();
    await leader.getByText('Chờ bạn duyệt: Lãnh đạo ký').waitFor();
    await leader.getByRole('button', { name: 'Duyệt', exact: true }).click();
    await leader.getByRole('dialog').getByLabel('Ý kiến (không bắt buộc)').fill('Đồng ý ban hành.');
    await leader.getByRole('dialog').getByRole('button', { name: 'Duyệt', exact: true }).click();
    await leader.getByText('Đã duyệt dự thảo.').waitFor();
    await leader.getByRole('button', { name: 'Ký số' }).click();
    // The signature is a job: the real signing worker of this test's queues applies it.
    const signed = await runQueueWorker(ctx, 'signing', async () => (await statusOf(id)) === 'signed');
    expect(signed.failed).toEqual([]);
    await leader.locator('.ant-tag', { hasText: /^Đã ký số$/ }).waitFor();
    expect(await seriousA11yViolations(leader)).toEqual([]);
    await shot(leader, '42-da-ky-so-390');

    // 3. The clerk issues it (the dialog says what will happen) and sends it to two departments.
    const clerk = await e2e.newPage();
    await clerk.goto(`/du-thao/${id}`);
    await signIn(clerk, 'province.clerk');
    await clerk.getByRole('button', { name: 'Phát hành' }).click();
    const confirm = clerk.getByRole('dialog');
    await confirm.getByText(/lấy số tiếp theo của sổ văn bản đi/).waitFor();
    await shot(clerk, '43-xac-nhan-phat-hanh');
    await confirm.getByRole('button', { name: 'Phát hành' }).click();
    await clerk.getByText(/^Đã phát hành: số \d+\/[^,]+, ngày \d{2}\/\d{2}\/\d{4}/).waitFor();
    await clerk.locator('.ant-tag', { hasText: /^Đã ban hành$/ }).waitFor();
    // The recipient picker offers our units and the agencies of the axis directory. A ministry the
    // directory lists (as its synchronisation writes it) and an exchange peer that reaches it.
    const ministry = { code: '000.00.00.G09', name: 'Bộ Nội vụ' };
    await ctx.sql`insert into external_agencies (code, name) values (${ministry.code}, ${ministry.name})`;
    const peer = await ctx.request({
      method: 'POST',
      url: '/api/v1/exchange/peers',
      as: 'admin',
      payload: { name: 'Hệ thống văn bản Bộ Nội vụ', organId: ministry.code, agencyCodes: [ministry.code] },
    });
    expect(peer.statusCode, peer.body).toBe(201);
    await clerk.getByRole('button', { name: 'Gửi', exact: true }).click();
    const send = clerk.getByRole('dialog');
    const option = (label: string) =>
      clerk.locator('.ant-select-item-option', { hasText: new RegExp(`^${label}$`) }).filter({ visible: true });
    // Typed without diacritics, words in any order: the server's folded search.
    for (const [typed, unit] of [
      ['tai chinh so', 'Sở Tài chính'],
      ['Sở Nội vụ', 'Sở Nội vụ'],
    ]) {
      await send.getByLabel('Nơi nhận').fill(typed);
      await option(unit).click();
    }
    await send.getByLabel('Nơi nhận').fill('bo noi vu');
    const external = clerk.locator('.ant-select-item-group', { hasText: 'Cơ quan ngoài (qua Trục liên thông)' }).filter({ visible: true });
    await external.waitFor();
    await shot(clerk, '44-chon-noi-nhan');
    await option(ministry.name).click();
    for (const picked of ['Sở Tài chính', 'Sở Nội vụ', ministry.name])
      await send.locator('.ant-select-selection-item', { hasText: new RegExp(`^${picked}$`) }).waitFor();
    // The list stays open in multiple mode; a mouse press outside the field closes it. Dispatched on the
    // dialog's title: a real click there lands on the list when it has opened upwards over the title.
    await send.getByText('Gửi văn bản', { exact: true }).dispatchEvent('mousedown');
    await external.waitFor({ state: 'hidden' });
    await send.getByRole('button', { name: 'Gửi tới 3 đơn vị' }).click();
    await clerk.getByText('Đã gửi tới 3 nơi nhận.').waitFor();
    const delivered = await runQueueWorker(ctx, 'exchange-fanout', async () => {
      const [row] = await ctx.sql<
        { n: number }[]
      >`select count(*)::int as n from deliveries where document_id = ${id} and state = 'delivered'`;
      return row.n === 2;
    });
    expect(delivered.failed).toEqual([]);
    const recipients = clerk.getByRole('region', { name: 'Bảng nơi nhận' });
    for (const unit of ['Sở Tài chính', 'Sở Nội vụ'])
      await recipients.locator('tr', { hasText: unit }).getByText('Đã đến').waitFor({ timeout: 30_000 });
    // The ministry's copy is an edXML package for its peer (the outbound queue, not run here): on its way.
    await recipients.locator('tr', { hasText: ministry.name }).getByText('Đang gửi').waitFor();
    const [remote] = await ctx.sql<{ kind: string; recipient_organ_id: string }[]>`
      select kind, recipient_organ_id from deliveries where document_id = ${id} and kind = 'remote'`;
    expect(remote).toEqual({ kind: 'remote', recipient_organ_id: ministry.code });
    expect(await seriousA11yViolations(clerk)).toEqual([]);
    await shot(clerk, '45-da-gui');
  }, 400_000);
});
