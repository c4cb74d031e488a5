import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vnDate } from '../../../src/lib/dates.js';
import { appAt } from '../../helpers/clock.js';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { createDocumentRow, orgOf } from '../../helpers/documents.js';

let ctx: TestContext;
let district: string;

beforeAll(async () => {
  // 50 registrations at once need more than the default 10 connections to really overlap.
  ctx = await createTestContext({ env: { DATABASE_POOL_MAX: '20' } });
  district = await orgOf(ctx.sql, 'district.clerk', 'clerk');
});
afterAll(() => ctx?.close());

const register = (id: string, as = 'district.clerk') => ctx.request({ method: 'POST', url: `/api/v1/documents/${id}/register`, as });
const thisYear = Number(vnDate().slice(0, 4));

describe('registers: gapless yearly numbering', () => {
  it('gives 50 concurrent registrations in one register exactly the numbers 1..50', async () => {
    const ids = await Promise.all(Array.from({ length: 50 }, () => createDocumentRow(ctx.sql, { ownerOrganizationId: district })));
    await ctx.login('district.clerk');
    const results = await Promise.all(ids.map((id) => register(id)));
    expect(results.map((r) => r.statusCode)).toEqual(Array(50).fill(200));
    const numbers = results.map((r) => r.json<{ incomingNumber: number }>().incomingNumber).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    const registerIds = new Set(results.map((r) => r.json<{ registerId: string }>().registerId));
    expect(registerIds.size).toBe(1);
    const [reg] = await ctx.sql<
      { name: string; next_number: number; year: number }[]
    >`select name, next_number, year from registers where id = ${[...registerIds][0]}`;
    expect(reg).toEqual({ name: `Sổ văn bản đến ${thisYear}`, next_number: 51, year: thisYear });
  });

  it('burns no number when registering twice (409) or when the transaction fails after allocation', async () => {
    const [a, b, c] = await Promise.all([0, 1, 2].map(() => createDocumentRow(ctx.sql, { ownerOrganizationId: district })));
    const first = (await register(a)).json<{ incomingNumber: number }>().incomingNumber;

    const twice = await register(a);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('INVALID_STATE');

    // A trigger in this test's own database makes the document update fail after the number was taken.
    await ctx.sql.unsafe(`
      create function fail_registration() returns trigger language plpgsql as $$
      begin
        if new.subject = 'FAIL ME' and new.status = 'registered' then raise exception 'simulated failure after allocation'; end if;
        return new;
      end $$;
      create trigger fail_registration before update on documents for each row execute function fail_registration();`);
    await ctx.sql`update documents set subject = 'FAIL ME' where id = ${b}`;
    const failed = await register(b);
    expect(failed.statusCode).toBe(500);
    const [{ status }] = await ctx.sql<{ status: string }[]>`select status from documents where id = ${b}`;
    expect(status).toBe('received');

    const next = await register(c);
    expect(next.statusCode).toBe(200);
    expect(next.json().incomingNumber).toBe(first + 1);
    await ctx.sql.unsafe('drop trigger fail_registration on documents; drop function fail_registration();');
  });

  it('restarts at 1 in a new year, the year being the Vietnamese date of registration', async () => {
    // Last year's register ran to 56; this year's must start at 1, whatever the old one says.
    await ctx.sql`insert into registers (organization_id, direction, year, name, next_number) values (${district}, 'incoming', 2026, 'Sổ văn bản đến 2026', 57)
                  on conflict (organization_id, direction, year, name) do update set next_number = 57`;
    // 17:30 UTC on 31 December 2026 is already 1 January 2027 in Hà Nội.
    const newYear = await appAt(ctx, '2026-12-31T17:30:00Z');
    try {
      const id = await createDocumentRow(ctx.sql, { ownerOrganizationId: district });
      const res = await newYear.request({ method: 'POST', url: `/api/v1/documents/${id}/register`, as: 'district.clerk' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ incomingNumber: 1, registerName: 'Sổ văn bản đến 2027' });
      const id2 = await createDocumentRow(ctx.sql, { ownerOrganizationId: district });
      expect(
        (await newYear.request({ method: 'POST', url: `/api/v1/documents/${id2}/register`, as: 'district.clerk' })).json().incomingNumber,
      ).toBe(2);
    } finally {
      await newYear.close();
    }
    // Just before midnight in Hà Nội it is still 2026: the old register continues.
    const lastDay = await appAt(ctx, '2026-12-31T16:30:00Z');
    try {
      const id = await createDocumentRow(ctx.sql, { ownerOrganizationId: district });
      const res = await lastDay.request({ method: 'POST', url: `/api/v1/documents/${id}/register`, as: 'district.clerk' });
      expect(res.json()).toMatchObject({ incomingNumber: 57, registerName: 'Sổ văn bản đến 2026' });
    } finally {
      await lastDay.close();
    }
  });

  it('puts secret documents in their own series, created on first use, and prefers a register restricted to the type', async () => {
    const secret = await createDocumentRow(ctx.sql, { ownerOrganizationId: district, confidentiality: 'secret' });
    // The clerk needs an explicit grant to see a secret document at all.
    const clerkId = (await ctx.sql<{ id: string }[]>`select id from users where username = 'district.clerk'`)[0].id;
    await ctx.sql`insert into document_access_grants (document_id, user_id) values (${secret}, ${clerkId})`;
    const res = await register(secret);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ incomingNumber: 1, registerName: 'Sổ văn bản mật' });

    const created = await ctx.request({
      method: 'POST',
      url: '/api/v1/registers',
      as: 'district.clerk',
      payload: {
        organizationId: district,
        direction: 'incoming',
        year: thisYear,
        name: `Sổ quyết định đến ${thisYear}`,
        typeNames: ['Quyết định'],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const decision = await createDocumentRow(ctx.sql, { ownerOrganizationId: district, typeName: 'Quyết định' });
    expect((await register(decision)).json()).toMatchObject({ incomingNumber: 1, registerName: `Sổ quyết định đến ${thisYear}` });

    const dup = await ctx.request({
      method: 'POST',
      url: '/api/v1/registers',
      as: 'district.clerk',
      payload: { organizationId: district, direction: 'incoming', year: thisYear, name: `Sổ quyết định đến ${thisYear}` },
    });
    expect(dup.statusCode).toBe(409);
    const foreign = await ctx.request({
      method: 'POST',
      url: '/api/v1/registers',
      as: 'commune.clerk',
      payload: { organizationId: district, direction: 'incoming', year: thisYear, name: 'Sổ lạ' },
    });
    expect(foreign.statusCode).toBe(403);

    const list = await ctx.request({
      method: 'GET',
      url: `/api/v1/registers?organizationId=${district}&year=${thisYear}&direction=incoming`,
      as: 'district.leader',
    });
    expect(list.statusCode).toBe(200);
    expect(
      list
        .json()
        .items.map((r: { name: string }) => r.name)
        .sort(),
    ).toEqual([`Sổ quyết định đến ${thisYear}`, `Sổ văn bản đến ${thisYear}`, 'Sổ văn bản mật'].sort());
    expect(
      (await ctx.request({ method: 'GET', url: `/api/v1/registers?organizationId=${district}`, as: 'commune.leader' })).statusCode,
    ).toBe(403);
  });

  it('lets only a clerk of the receiving organisation register: a leader who sees it gets 403, a specialist who cannot see it 404', async () => {
    const province = await orgOf(ctx.sql, 'province.clerk', 'clerk');
    const doc = await createDocumentRow(ctx.sql, { ownerOrganizationId: province });
    expect((await register(doc, 'province.leader')).statusCode).toBe(403);
    expect((await register(doc, 'province.specialist')).statusCode).toBe(404);
    expect((await register(doc, 'district.clerk')).statusCode).toBe(404);
    const [{ n }] = await ctx.sql<{ n: number }[]>`select count(*)::int as n from registers where organization_id = ${province}`;
    expect(n).toBe(0);
  });
});
