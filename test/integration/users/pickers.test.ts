import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { CODES, pickers } from './pickers.js';

let ctx: TestContext;
let api: ReturnType<typeof pickers>;

beforeAll(async () => {
  ctx = await createTestContext();
  api = pickers(ctx);
});
afterAll(async () => {
  await ctx?.close();
});

describe('GET /users: the people picker', () => {
  it('finds the leader a clerk presents to by name without diacritics, with title, unit and roles', async () => {
    const province = await api.orgByCode(CODES.province);
    const found = await api.people('province.clerk', 'le hong vinh');
    expect(found).toEqual([
      {
        id: await api.userId('province.leader'),
        fullName: 'Lê Hồng Vinh',
        title: 'Chủ tịch',
        organization: { id: province, name: 'Ủy ban nhân dân tỉnh Nghệ An' },
        roles: [{ organizationId: province, organizationName: 'Ủy ban nhân dân tỉnh Nghệ An', role: 'leader' }],
      },
    ]);
  });

  it('lists, without q, exactly the leaders over the clerk’s unit (a commune clerk: the ward, the city and the province)', async () => {
    expect(await api.usernames(await api.people('commune.clerk'))).toEqual(['commune.leader', 'district.leader', 'province.leader']);
    expect(await api.usernames(await api.people('district.clerk'))).toEqual(['district.leader', 'province.leader']);
  });

  it('matches every word of q in any order, in the name or the title', async () => {
    const mai = await api.people('district.leader', 'mai vo');
    expect(mai.map((p) => p.fullName)).toEqual(['Võ Thị Mai']);
    const chairs = await api.people('district.leader', 'chủ tịch');
    expect(await api.usernames(chairs)).toEqual(['commune.leader', 'district.leader']);
    expect(chairs.every((p) => p.title === 'Chủ tịch')).toBe(true);
  });

  it('gives a leader the members of their subtree in name order, page by page with no repeats', async () => {
    const vinh = await api.orgByCode(CODES.vinh);
    const expected = await ctx.sql<{ id: string }[]>`
      select u.id from users u join organizations o on o.id = u.organization_id
       where u.active and o.path <@ (select path from organizations where id = ${vinh}) order by u.search_text, u.id`;
    const paged = await api.people('district.leader', undefined, 2);
    expect(paged.map((p) => p.id)).toEqual(expected.map((r) => r.id));
    expect(paged.length).toBeGreaterThan(4);
    const names = paged.map((p) => p.fullName);
    expect(names).toContain('Võ Thị Mai');
  });

  it('finds a name that sorts after more people than a page’s walk reads, and pages through many matches', async () => {
    // 400 people whose names sort first, then one who sorts late: a page of 1 walks 200 people in name
    // order, finds no "zuy", and looks every match up instead.
    const vinh = await api.orgByCode(CODES.vinh);
    await ctx.sql`
      insert into users (username, full_name, position, organization_id, password_hash)
      select 'an.' || i, 'An Văn Số ' || i, 'Chuyên viên', ${vinh}, 'x' from generate_series(1, 400) i`;
    await ctx.sql`insert into users (username, full_name, position, organization_id, password_hash) values ('ong.zuy', 'Ông Xuân Zuy', 'Chuyên viên', ${vinh}, 'x')`;

    for (const limit of [1, 20])
      expect(
        (await api.people('district.leader', 'zuy', limit)).map((p) => p.fullName),
        `limit ${limit}`,
      ).toEqual(['Ông Xuân Zuy']);
    const many = await api.people('district.leader', 'an van so', 37);
    expect(many).toHaveLength(400);
    expect(new Set(many.map((p) => p.id)).size).toBe(400);
    expect(many.map((p) => p.fullName)).toEqual([...many.map((p) => p.fullName)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('keeps an administrator’s view: their whole subtree, inactive people included, with usernames and e-mails, and q on usernames', async () => {
    const vinh = await api.orgByCode(CODES.vinh);
    const created = await ctx.request({
      method: 'POST',
      url: '/api/v1/users',
      as: 'district.admin',
      payload: {
        username: 'vinh.retired',
        password: 'password-123',
        fullName: 'Cán bộ Nghỉ Hưu',
        email: 'nghi.huu@vinh.gov.vn',
        organizationId: vinh,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(
      (await ctx.request({ method: 'PATCH', url: `/api/v1/users/${created.json().id}`, as: 'district.admin', payload: { active: false } }))
        .statusCode,
    ).toBe(200);

    const [retired] = await api.people('district.admin', 'nghi huu');
    expect(retired).toMatchObject({
      id: created.json().id,
      fullName: 'Cán bộ Nghỉ Hưu',
      username: 'vinh.retired',
      email: 'nghi.huu@vinh.gov.vn',
      active: false,
      organizationId: vinh,
      organization: { id: vinh },
    });
    const byUsername = await api.people('district.admin', 'district.clerk');
    expect(byUsername.map((p) => p.username)).toEqual(['district.clerk']);
    // An administrator sees administrator grants of the people they administer.
    const [self] = await api.people('district.admin', 'district.admin');
    expect(self.roles).toEqual([expect.objectContaining({ role: 'admin', organizationId: vinh })]);
  });
});

describe('GET /organizations: the unit picker', () => {
  it('finds a ward by name without diacritics for the leader above it and for a clerk (who sends to any unit)', async () => {
    const benThuy = await api.orgByCode(CODES.benThuy);
    // Thị xã Hoàng Mai has a phường Bến Thủy too: the city's leader does not get it, the province does.
    const both = await ctx.sql<
      { id: string }[]
    >`select id from organizations where name = 'Ủy ban nhân dân phường Bến Thủy' order by search_text, id`;
    expect(both).toHaveLength(2);
    const found = await api.units('district.leader', 'ben thuy');
    expect(found.map((u) => u.id)).toEqual([benThuy]);
    expect(found[0]).toMatchObject({ name: 'Ủy ban nhân dân phường Bến Thủy', code: CODES.benThuy, level: 'ward', validTo: null });
    for (const as of ['province.clerk', 'province.leader', 'commune.clerk'])
      expect(
        (await api.units(as, 'ben thuy')).map((u) => u.id),
        as,
      ).toEqual(both.map((r) => r.id));
  });

  it('gives a leader every current unit of their subtree, page by page, and matches a code', async () => {
    const vinh = await api.orgByCode(CODES.vinh);
    const expected = await ctx.sql<{ id: string }[]>`
      select o.id from organizations o where o.valid_to is null and o.path <@ (select path from organizations where id = ${vinh}) order by o.search_text, o.id`;
    expect((await api.units('district.leader', undefined, 3)).map((u) => u.id)).toEqual(expected.map((r) => r.id));
    expect((await api.units('district.leader', CODES.benThuy)).map((u) => u.code)).toEqual([CODES.benThuy]);
  });
});
