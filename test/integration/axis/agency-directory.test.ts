import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgOf } from '../../helpers/documents.js';
import { waitFor } from '../exchange/helpers.js';
import { deliveriesOf, issuedDocument, orgByCode, post } from '../exchange-dispatch/helpers.js';
import { startAxisEmulator, type AxisEmulator } from './emulator.js';
import { startAxisDeployment, type AxisDeployment } from './helpers.js';

/**
 * Issue 15, item 4: the axis's agency directory synchronised into external_agencies (idempotent;
 * renamed agencies updated, removed ones deactivated), searched without diacritics for the dispatch
 * picker, a dispatch to one of its agencies sent through sendEdoc; registerAgency for one of our
 * units. Sync and register are a deployment administrator's, audited.
 */
let emulator: AxisEmulator;
let A: AxisDeployment;
const MINISTRY = '000.00.00.G12';
const DEPARTMENT = '000.01.00.G12';

beforeAll(async () => {
  emulator = await startAxisEmulator({
    agencies: [
      { code: MINISTRY, name: 'Bộ Tài chính', id: 'g12' },
      { code: DEPARTMENT, name: 'Cục Quản lý giá', id: 'g12-01', pid: 'g12' },
      { code: '000.00.00.G09', name: 'Bộ Nội vụ', id: 'g09' },
    ],
  });
  emulator.register({ systemId: 'vxp.bo.g12', secret: 'g12-secret-0123456789', agencyCodes: [MINISTRY, DEPARTMENT] });
  A = await startAxisDeployment(emulator, { systemId: 'vxp.saas.41', poller: false });
});

afterAll(async () => {
  await A?.stop();
  await emulator?.close();
});

const request = (method: 'GET' | 'POST', url: string, as?: string, payload?: unknown) =>
  A.ctx.request({ method, url: `/api/v1${url}`, as, ...(payload ? { payload } : {}) });
const rows = () => A.ctx.sql`select code, name, parent_code, active, updated_at from external_agencies order by code`;
const audits = async (action: string) =>
  (await A.ctx.sql<{ n: number }[]>`select count(*)::int as n from audit_events where action = ${action}`)[0].n;

describe('the axis agency directory', () => {
  it('only a deployment administrator may sync or register: 403 for others, 401 without a token', async () => {
    for (const as of ['province.clerk', 'province.leader']) {
      expect((await request('POST', '/exchange/agencies/sync', as)).statusCode).toBe(403);
    }
    // An administrator of a unit (Vinh), not of the whole deployment.
    expect((await request('POST', '/exchange/agencies/sync', 'district.admin')).statusCode).toBe(403);
    const province = await orgByCode(A.ctx, '000.00.00.H41');
    for (const as of ['province.clerk', 'district.admin'])
      expect((await request('POST', '/exchange/agencies/register', as, { organizationId: province })).statusCode).toBe(403);
    expect((await request('POST', '/exchange/agencies/sync')).statusCode).toBe(401);
    expect(await rows()).toHaveLength(0);
    expect(emulator.registrations).toHaveLength(0);
  });

  it('sync twice gives the same rows (the second writes nothing); a rename is updated, a removal deactivated', async () => {
    const first = await request('POST', '/exchange/agencies/sync', 'admin');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ mode: 'full', listed: 3, inserted: 3, updated: 0, deactivated: 0 });
    const after1 = await rows();
    expect(after1.map((r) => [r.code, r.name, r.parent_code, r.active])).toEqual([
      ['000.00.00.G09', 'Bộ Nội vụ', null, true],
      [MINISTRY, 'Bộ Tài chính', null, true],
      [DEPARTMENT, 'Cục Quản lý giá', MINISTRY, true],
    ]);
    // The scheduled job asks only what changed since (nothing), without the full list.
    const listsBefore = emulator.requests.filter((r) => r.operation === 'getAgenciesList').length;
    expect(await A.ctx.container.services.exchange.agencies.sync()).toMatchObject({
      mode: 'incremental',
      inserted: 0,
      updated: 0,
      deactivated: 0,
    });
    expect(emulator.requests.filter((r) => r.operation === 'getAgenciesList')).toHaveLength(listsBefore);
    expect(await rows()).toEqual(after1);
    expect(await audits('exchange.agencies.synced')).toBe(1);

    emulator.setAgency({ code: DEPARTMENT, name: 'Cục Quản lý giá và Thẩm định', pid: 'g12' });
    emulator.removeAgency('000.00.00.G09');
    const third = await request('POST', '/exchange/agencies/sync', 'admin');
    expect(third.json()).toEqual({ mode: 'full', listed: 3, inserted: 0, updated: 2, deactivated: 0 });
    expect((await rows()).map((r) => [r.code, r.name, r.active])).toEqual([
      ['000.00.00.G09', 'Bộ Nội vụ', false],
      [MINISTRY, 'Bộ Tài chính', true],
      [DEPARTMENT, 'Cục Quản lý giá và Thẩm định', true],
    ]);
    expect(await audits('exchange.agencies.synced')).toBe(2);
  });

  it('the axis failing to list answers 502 AXIS_UNAVAILABLE and changes nothing', async () => {
    emulator.inject('getAgenciesList', { kind: 'FAIL', errorCode: '500', errorDesc: 'Loi he thong' });
    const failed = await request('POST', '/exchange/agencies/sync', 'admin');
    expect(failed.statusCode).toBe(502);
    expect(failed.json().error.code).toBe('AXIS_UNAVAILABLE');
    expect((await rows()).filter((r) => r.active)).toHaveLength(2);
  });

  it('searches active agencies without diacritics, words in any order; a directory agency is dispatched through sendEdoc', async () => {
    const search = async (q: string) =>
      (await request('GET', `/exchange/agencies?q=${encodeURIComponent(q)}`, 'province.clerk')).json<{
        items: { code: string; name: string; parentName: string | null }[];
      }>().items;
    expect((await search('cuc quan ly gia')).map((a) => a.code)).toEqual([DEPARTMENT]);
    expect((await search('gia quan ly'))[0]).toMatchObject({ code: DEPARTMENT, parentName: 'Bộ Tài chính' });
    expect((await search('Bộ TÀI chính')).map((a) => a.code)).toEqual([MINISTRY]);
    // Deactivated: not offered.
    expect(await search('noi vu')).toEqual([]);
    expect((await search('')).map((a) => a.code)).toEqual([MINISTRY, DEPARTMENT]);
    expect((await request('GET', '/exchange/agencies?cursor=forged', 'province.clerk')).statusCode).toBe(400);
    // One at a time: the cursor of the first page leads to the second, and its last page says so.
    const first = (await request('GET', '/exchange/agencies?limit=1', 'province.clerk')).json<{
      items: { code: string }[];
      nextCursor: string;
    }>();
    const second = (
      await request('GET', `/exchange/agencies?limit=1&cursor=${encodeURIComponent(first.nextCursor)}`, 'province.clerk')
    ).json<{ items: { code: string }[]; nextCursor: string | null }>();
    expect([first.items[0].code, second.items[0].code, second.nextCursor]).toEqual([MINISTRY, DEPARTMENT, null]);

    const [picked] = await search('bo tai chinh');
    const province = await orgByCode(A.ctx, '000.00.00.H41');
    const doc = await issuedDocument(A.ctx, { ownerOrganizationId: province, subject: 'Về việc báo cáo quyết toán gửi Bộ Tài chính' });
    const res = await post(A.ctx, `/documents/${doc.id}/dispatch`, 'province.clerk', {
      recipients: [{ organId: picked.code, name: picked.name }],
    });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({ remote: 1 });
    await waitFor(async () => (await deliveriesOf(A.ctx, doc.id))[0].state !== 'pending' || emulator.waiting('vxp.bo.g12').length > 0, {
      what: 'the package at the ministry',
    });
    const [item] = emulator.waiting('vxp.bo.g12');
    expect(item).toMatchObject({ to: MINISTRY, from: '000.00.00.H41', messageType: 'edoc' });
    expect(emulator.sent.get(item.senderDocId)).toMatchObject({ from: '000.00.00.H41', messageType: 'edoc' });
  });

  it('registers one of our units at the axis when a deployment administrator asks (audited); it then appears in the directory', async () => {
    const vinh = await orgOf(A.ctx.sql, 'district.clerk', 'clerk');
    const [{ code: vinhCode, name: vinhName }] = await A.ctx.sql<{ code: string; name: string }[]>`
      select code, name from organizations where id = ${vinh}`;
    const res = await request('POST', '/exchange/agencies/register', 'admin', { organizationId: vinh });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ code: vinhCode, name: vinhName, parentCode: '000.00.00.H41' });
    expect(emulator.registrations.at(-1)).toMatchObject({
      systemId: 'vxp.saas.41',
      body: { id: vinh, pcode: '000.00.00.H41', code: vinhCode, name: vinhName },
    });
    expect(await audits('exchange.agency.registered')).toBe(1);
    expect(emulator.agency(vinhCode)).toMatchObject({ name: vinhName });
    // Unknown organisation: 404; malformed id: 400.
    expect(
      (await request('POST', '/exchange/agencies/register', 'admin', { organizationId: '6f1c2a36-2f6c-4c4a-9a9e-000000000000' }))
        .statusCode,
    ).toBe(404);
    expect((await request('POST', '/exchange/agencies/register', 'admin', { organizationId: 'x' })).statusCode).toBe(400);
    expect(await audits('exchange.agency.registered')).toBe(1);
    expect(emulator.rejected()).toEqual([]);
  });

  it('the nightly sync applies only what changed since the last one (getSynchronizeUnit alone), parents found in the directory', async () => {
    const vinh = await orgOf(A.ctx.sql, 'district.clerk', 'clerk');
    const [{ code: vinhCode }] = await A.ctx.sql<{ code: string }[]>`select code from organizations where id = ${vinh}`;
    const from = emulator.requests.length;
    emulator.setAgency({ code: '000.00.00.G15', name: 'Bộ Y tế', id: 'g15' });
    emulator.setAgency({ code: DEPARTMENT, name: 'Cục Quản lý giá và Thẩm định giá', pid: 'g12' });
    const sync = () => A.ctx.container.services.exchange.agencies.sync();
    // New: Bộ Y tế and the unit registered above; changed: the department (its parent, unchanged, is only in our directory).
    expect(await sync()).toMatchObject({ mode: 'incremental', inserted: 2, updated: 1, deactivated: 0 });
    const asked = emulator.requests.slice(from).map((r) => r.operation);
    expect(asked).toEqual(['getSynchronizeUnit']);
    expect((await rows()).map((r) => [r.code, r.name, r.parent_code, r.active])).toEqual([
      ['000.00.00.G09', 'Bộ Nội vụ', null, false],
      [MINISTRY, 'Bộ Tài chính', null, true],
      ['000.00.00.G15', 'Bộ Y tế', null, true],
      // Registered under the province, which the axis's directory does not hold: no parent here.
      [vinhCode, expect.any(String), null, true],
      [DEPARTMENT, 'Cục Quản lý giá và Thẩm định giá', MINISTRY, true],
    ]);
    // The last change applied is kept (the axis's own time), and the last full synchronisation stays the admin's.
    const [state] = await A.ctx.sql`select changed_up_to, last_full_at, last_sync_at from axis_directory_sync`;
    expect(state.changed_up_to.getTime()).toBe(emulator.agency(DEPARTMENT)!.modifyDate.getTime());
    expect(state.last_sync_at.getTime()).toBeGreaterThan(state.last_full_at.getTime());
    expect(await sync()).toMatchObject({ mode: 'incremental', inserted: 0, updated: 0, deactivated: 0 });

    // A gateway without getSynchronizeUnit: the nightly run falls back to the full list.
    emulator.inject('getSynchronizeUnit', { kind: 'FAIL', errorCode: '404', errorDesc: 'unknown operation' }, { times: 2 });
    expect(await sync()).toMatchObject({ mode: 'full', inserted: 0, updated: 0, deactivated: 0 });
    expect(emulator.rejected()).toEqual([]);
  });

  it('removes one of our units from the axis (deleteAgency) when a deployment administrator asks: audited, its directory entry inactive', async () => {
    const vinh = await orgOf(A.ctx.sql, 'district.clerk', 'clerk');
    const [{ code: vinhCode }] = await A.ctx.sql<{ code: string }[]>`select code from organizations where id = ${vinh}`;
    for (const as of ['province.clerk', 'district.admin'])
      expect((await request('POST', '/exchange/agencies/unregister', as, { organizationId: vinh })).statusCode).toBe(403);
    expect(emulator.unregistrations).toHaveLength(0);

    const res = await request('POST', '/exchange/agencies/unregister', 'admin', { organizationId: vinh });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ code: vinhCode, parentCode: '000.00.00.H41' });
    expect(emulator.unregistrations).toEqual([{ systemId: 'vxp.saas.41', code: vinhCode }]);
    expect(emulator.agency(vinhCode)).toMatchObject({ deleted: true });
    expect((await rows()).find((r) => r.code === vinhCode)).toMatchObject({ active: false });
    expect(await audits('exchange.agency.unregistered')).toBe(1);
    // The next nightly sync sees it deleted and leaves it so.
    expect(await A.ctx.container.services.exchange.agencies.sync()).toMatchObject({ mode: 'incremental', inserted: 0, updated: 0 });

    // Removing it again: the axis refuses (no longer ours), 502 with its words, nothing audited.
    const again = await request('POST', '/exchange/agencies/unregister', 'admin', { organizationId: vinh });
    expect(again.statusCode).toBe(502);
    expect(again.json().error.code).toBe('AXIS_UNAVAILABLE');
    expect(await audits('exchange.agency.unregistered')).toBe(1);
    expect((await request('POST', '/exchange/agencies/unregister', 'admin', { organizationId: 'x' })).statusCode).toBe(400);
    expect(emulator.rejected()).toEqual([]);
  });
});
