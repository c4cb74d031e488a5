import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/context.js';

let ctx: TestContext;
let provinceId: string;
let vinhId: string;
let otherDistrictId: string;

type Org = { id: string; name: string; level: string; depth: number; parentId: string | null; validTo: string | null; code: string | null };

beforeAll(async () => {
  ctx = await createTestContext();
  const [province] = await ctx.sql<{ id: string }[]>`select id from organizations where parent_id is null`;
  provinceId = province.id;
  const [vinh] = await ctx.sql<{ id: string }[]>`select id from organizations where name = 'Ủy ban nhân dân thành phố Vinh'`;
  vinhId = vinh.id;
  const [other] = await ctx.sql<{ id: string }[]>`select id from organizations where name = 'Ủy ban nhân dân huyện Diễn Châu'`;
  otherDistrictId = other.id;
});
afterAll(() => ctx?.close());

const subtree = async (id: string, query = '') => {
  const items: Org[] = [];
  let cursor: string | null = null;
  do {
    const res = await ctx.request({
      method: 'GET',
      url: `/api/v1/organizations/${id}/subtree?limit=40${query}${cursor ? `&cursor=${cursor}` : ''}`,
      as: 'province.clerk',
    });
    expect(res.statusCode).toBe(200);
    items.push(...res.json().items);
    cursor = res.json().nextCursor;
  } while (cursor);
  return items;
};

describe('organisation tree', () => {
  it('lists a whole subtree depth-first across pages, and only it', async () => {
    const all = await subtree(provinceId);
    const [{ n }] = await ctx.sql<{ n: number }[]>`select count(*)::int as n from organizations where valid_to is null`;
    expect(all).toHaveLength(n);
    expect(all[0].id).toBe(provinceId);

    const vinh = await subtree(vinhId);
    expect(vinh[0].id).toBe(vinhId);
    expect(vinh.length).toBeGreaterThan(6);
    expect(vinh.slice(1).every((o) => o.depth > vinh[0].depth)).toBe(true);
    expect(vinh.some((o) => o.id === otherDistrictId)).toBe(false);

    const direct = await subtree(provinceId, '&depth=1');
    expect(direct.every((o) => o.depth <= 1)).toBe(true);
    expect(direct.filter((o) => o.level === 'district')).toHaveLength(18);
  });

  it('answers a unit with its ancestors, root first', async () => {
    const [ward] = await ctx.sql<{ id: string }[]>`select id from organizations where name = 'Ủy ban nhân dân phường Bến Thủy'`;
    const res = await ctx.request({ method: 'GET', url: `/api/v1/organizations/${ward.id}`, as: 'commune.clerk' });
    expect(res.statusCode).toBe(200);
    expect(res.json().ancestors.map((a: Org) => a.id)).toEqual([provinceId, vinhId]);
    expect(res.json().codeIsStandard).toBe(true);
  });

  it('merges two communes into a new ward, keeping predecessors, moving staff and sub-units', async () => {
    const communes = (await subtree(otherDistrictId, '&depth=1')).filter((o) => o.level === 'commune');
    const [a, b] = communes;
    const staff = await ctx.request({
      method: 'POST',
      url: '/api/v1/users',
      as: 'admin',
      payload: {
        username: 'staff.of.a',
        password: 'password-123',
        fullName: 'Cán bộ Xã A',
        organizationId: a.id,
        roles: [{ organizationId: a.id, role: 'clerk' }],
      },
    });
    expect(staff.statusCode).toBe(201);
    const sub = await ctx.request({
      method: 'POST',
      url: '/api/v1/organizations',
      as: 'admin',
      payload: { parentId: b.id, name: 'Bộ phận một cửa', level: 'division' },
    });
    expect(sub.statusCode).toBe(201);

    const merged = await ctx.request({
      method: 'POST',
      url: '/api/v1/organizations/merge',
      as: 'admin',
      payload: {
        sourceIds: [a.id, b.id],
        into: { parentId: otherDistrictId, name: 'Ủy ban nhân dân xã Diễn Hợp Nhất', level: 'commune', code: '000.99.31.H41' },
        effectiveDate: '2025-07-01',
      },
    });
    expect(merged.statusCode).toBe(200);
    const target = merged.json();

    const detail = (await ctx.request({ method: 'GET', url: `/api/v1/organizations/${target.id}`, as: 'admin' })).json();
    expect(detail.predecessors.map((p: { id: string }) => p.id).sort()).toEqual([a.id, b.id].sort());
    expect(
      detail.predecessors.every((p: { kind: string; effectiveDate: string }) => p.kind === 'merge' && p.effectiveDate === '2025-07-01'),
    ).toBe(true);

    const oldA = (await ctx.request({ method: 'GET', url: `/api/v1/organizations/${a.id}`, as: 'admin' })).json();
    expect(oldA.validTo).toBe('2025-07-01');
    expect(oldA.successors.map((s: { id: string }) => s.id)).toEqual([target.id]);

    const user = (await ctx.request({ method: 'GET', url: `/api/v1/users/${staff.json().id}`, as: 'admin' })).json();
    expect(user.organizationId).toBe(target.id);
    expect(user.roles).toEqual([expect.objectContaining({ organizationId: target.id, role: 'clerk' })]);

    const below = await subtree(target.id);
    expect(below.map((o) => o.id)).toContain(sub.json().id);
    // Historical units are out of the current tree, but listed on request.
    expect((await subtree(otherDistrictId)).some((o) => o.id === a.id)).toBe(false);
    expect((await subtree(otherDistrictId, '&includeHistorical=true')).some((o) => o.id === a.id)).toBe(true);
  });

  it('renames in place with history, and moves a subtree', async () => {
    const created = await ctx.request({
      method: 'POST',
      url: '/api/v1/organizations',
      as: 'admin',
      payload: { parentId: provinceId, name: 'Sở Thử nghiệm', abbreviation: 'STN', level: 'department', code: 'odd-code-1' },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().codeIsStandard).toBe(false);
    const id = created.json().id;
    const child = await ctx.request({
      method: 'POST',
      url: '/api/v1/organizations',
      as: 'admin',
      payload: { parentId: id, name: 'Phòng Một', level: 'division' },
    });

    const renamed = await ctx.request({
      method: 'PATCH',
      url: `/api/v1/organizations/${id}`,
      as: 'admin',
      payload: { name: 'Sở Thử nghiệm và Đổi mới', abbreviation: 'STNĐM' },
    });
    expect(renamed.statusCode).toBe(200);
    const detail = (await ctx.request({ method: 'GET', url: `/api/v1/organizations/${id}`, as: 'admin' })).json();
    expect(detail.nameHistory).toEqual([expect.objectContaining({ name: 'Sở Thử nghiệm', abbreviation: 'STN' })]);

    const moved = await ctx.request({
      method: 'POST',
      url: `/api/v1/organizations/${id}/move`,
      as: 'admin',
      payload: { newParentId: vinhId },
    });
    expect(moved.statusCode).toBe(200);
    const childNow = (await ctx.request({ method: 'GET', url: `/api/v1/organizations/${child.json().id}`, as: 'admin' })).json();
    expect(childNow.ancestors.map((a: Org) => a.id)).toEqual([provinceId, vinhId, id]);

    const cycle = await ctx.request({
      method: 'POST',
      url: `/api/v1/organizations/${id}/move`,
      as: 'admin',
      payload: { newParentId: child.json().id },
    });
    expect(cycle.statusCode).toBe(400);
  });

  it('refuses organisation changes to non-admins and outside the admin subtree', async () => {
    const byClerk = await ctx.request({
      method: 'POST',
      url: '/api/v1/organizations',
      as: 'province.clerk',
      payload: { parentId: provinceId, name: 'X', level: 'department' },
    });
    expect(byClerk.statusCode).toBe(403);
    const byDistrictAdmin = await ctx.request({
      method: 'POST',
      url: '/api/v1/organizations',
      as: 'district.admin',
      payload: { parentId: otherDistrictId, name: 'X', level: 'division' },
    });
    expect(byDistrictAdmin.statusCode).toBe(403);
    const inOwn = await ctx.request({
      method: 'POST',
      url: '/api/v1/organizations',
      as: 'district.admin',
      payload: { parentId: vinhId, name: 'Phòng Văn hóa', level: 'division' },
    });
    expect(inOwn.statusCode).toBe(201);
  });
});

describe('users administered within a subtree', () => {
  it("refuses a district admin on another district's users (404) and on creating there (403)", async () => {
    const [otherUser] = await ctx.sql<
      { id: string }[]
    >`select u.id from users u join organizations o on o.id = u.organization_id where o.id = ${otherDistrictId} limit 1`;
    const get = await ctx.request({ method: 'GET', url: `/api/v1/users/${otherUser.id}`, as: 'district.admin' });
    expect(get.statusCode).toBe(404);
    expect(get.json().error.code).toBe('NOT_FOUND');
    const patch = await ctx.request({
      method: 'PATCH',
      url: `/api/v1/users/${otherUser.id}`,
      as: 'district.admin',
      payload: { fullName: 'Hacked' },
    });
    expect(patch.statusCode).toBe(404);
    const roles = await ctx.request({
      method: 'PUT',
      url: `/api/v1/users/${otherUser.id}/roles`,
      as: 'district.admin',
      payload: { roles: [] },
    });
    expect(roles.statusCode).toBe(404);
    const create = await ctx.request({
      method: 'POST',
      url: '/api/v1/users',
      as: 'district.admin',
      payload: { username: 'intruder', password: 'password-123', fullName: 'X', organizationId: otherDistrictId },
    });
    expect(create.statusCode).toBe(403);

    const list = await ctx.request({ method: 'GET', url: '/api/v1/users?limit=1000', as: 'district.admin' });
    expect(list.statusCode).toBe(200);
    const [{ n }] = await ctx.sql<{ n: number }[]>`
      select count(*)::int as n from users u join organizations o on o.id = u.organization_id
       where o.path <@ (select path from organizations where id = ${vinhId})`;
    expect(list.json().items).toHaveLength(n);
  });

  it('lets a district admin manage users inside the district, but not grant roles outside it', async () => {
    const created = await ctx.request({
      method: 'POST',
      url: '/api/v1/users',
      as: 'district.admin',
      payload: {
        username: 'vinh.specialist',
        password: 'password-123',
        fullName: 'Chuyên viên Vinh',
        organizationId: vinhId,
        roles: [{ organizationId: vinhId, role: 'specialist' }],
      },
    });
    expect(created.statusCode).toBe(201);
    const escalate = await ctx.request({
      method: 'PUT',
      url: `/api/v1/users/${created.json().id}/roles`,
      as: 'district.admin',
      payload: { roles: [{ organizationId: provinceId, role: 'leader' }] },
    });
    expect(escalate.statusCode).toBe(403);
    const dup = await ctx.request({
      method: 'POST',
      url: '/api/v1/users',
      as: 'district.admin',
      payload: { username: 'VINH.specialist', password: 'password-123', fullName: 'Dup', organizationId: vinhId },
    });
    expect(dup.statusCode).toBe(409);
  });
});
