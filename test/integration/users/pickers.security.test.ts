import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { uploadDocument } from '../../helpers/documents.js';
import { CODES, pickers, type Person } from './pickers.js';

let ctx: TestContext;
let api: ReturnType<typeof pickers>;

beforeAll(async () => {
  ctx = await createTestContext();
  api = pickers(ctx);
});
afterAll(async () => {
  await ctx?.close();
});

/** A registered incoming document of the caller's organisation. */
async function registeredDocument(as: string): Promise<string> {
  const up = await uploadDocument(ctx, as, {
    direction: 'incoming',
    type: 'Công văn',
    subject: 'Về việc kiểm tra quyền chọn người',
    number: '45',
    notation: 'SNV-TCBC',
    issuerName: 'Sở Nội vụ',
  });
  expect(up.statusCode, up.body).toBe(201);
  const reg = await ctx.request({ method: 'POST', url: `/api/v1/documents/${up.json().id}/register`, as });
  expect(reg.statusCode, reg.body).toBe(200);
  return up.json().id;
}

describe('GET /users: nobody finds people they may not name', () => {
  it('hides the neighbouring district from a clerk: its leader and clerk are not found by name', async () => {
    const [cuaLoLeader] = await ctx.sql<{ full_name: string }[]>`select full_name from users where username = 'u31.leader'`;
    const [cuaLoClerk] = await ctx.sql<{ full_name: string }[]>`select full_name from users where username = 'u31.clerk'`;
    for (const as of ['district.clerk', 'commune.clerk']) {
      expect(await api.people(as, cuaLoLeader.full_name), as).toEqual([]);
      expect(await api.people(as, cuaLoClerk.full_name), as).toEqual([]);
    }
    // The clerk's own colleagues are not people they present to either.
    expect(await api.people('commune.clerk', 'Võ Thị Mai')).toEqual([]);
  });

  it('hides people outside a leader’s subtree (the province’s clerk, another district)', async () => {
    expect(await api.people('district.leader', 'Nguyễn Thị Hồng')).toEqual([]);
    const listed = await api.usernames(await api.people('district.leader'));
    expect(listed).not.toContain('province.clerk');
    expect(listed).not.toContain('u31.leader');
    expect(listed).toEqual(expect.arrayContaining(['commune.clerk', 'commune.leader', 'district.clerk']));
  });

  it('gives a specialist, who presents, assigns and names no one, an empty list (200), whatever q', async () => {
    const res = await ctx.request({ method: 'GET', url: '/api/v1/users', as: 'province.specialist' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ items: [], nextCursor: null, total: 0, totalIsEstimate: false });
    expect(await api.people('province.specialist', 'Lê Hồng Vinh')).toEqual([]);
    expect(await api.people('province.specialist', 'Trần Minh Quân')).toEqual([]);
    expect(await api.units('province.specialist')).toEqual([]);
  });

  it('shows non-administrators no administrator-only field and no administrator grant; never a password or token field', async () => {
    const everyone = await api.people('province.leader');
    expect(everyone.length).toBeGreaterThan(80);
    for (const p of everyone) {
      expect(Object.keys(p).sort()).toEqual(['fullName', 'id', 'organization', 'roles', 'title']);
      expect(p.roles.some((r) => r.role === 'admin')).toBe(false);
    }
    const admin = everyone.find((p) => p.fullName === 'Quản trị hệ thống') as Person;
    expect(admin.roles).toEqual([]);
    const raw = (await ctx.request({ method: 'GET', url: '/api/v1/users?q=quan', as: 'admin' })).body;
    expect(raw).not.toMatch(/password|token|hash/i);
  });

  it('lists inactive people to nobody but their administrators', async () => {
    const id = await api.userId('commune.leader');
    await ctx.sql`update users set active = false where id = ${id}`;
    try {
      expect(await api.usernames(await api.people('commune.clerk'))).toEqual(['district.leader', 'province.leader']);
      expect((await api.people('district.admin', 'Đặng Quang Hải')).map((p) => p.active)).toEqual([false]);
    } finally {
      await ctx.sql`update users set active = true where id = ${id}`;
    }
  });

  it('q cannot widen the list: LIKE wildcards are literal', async () => {
    expect(await api.people('district.clerk', '%')).toEqual([]);
    expect(await api.people('district.clerk', '_')).toEqual([]);
  });
});

describe('the pickers list exactly whom the steps accept', () => {
  it('a clerk presents to every leader the picker lists and to nobody else', async () => {
    const documentId = await registeredDocument('district.clerk');
    const listed = new Set((await api.people('district.clerk')).map((p) => p.id));
    const everyone = await ctx.sql<
      { id: string; username: string }[]
    >`select id, username from users where username not like 'cv%' or username in ('cv000', 'cv010')`;
    for (const u of everyone) {
      const res = await ctx.request({
        method: 'POST',
        url: `/api/v1/documents/${documentId}/present`,
        as: 'district.clerk',
        payload: { leaderUserId: u.id },
      });
      expect(res.statusCode, `${u.username}: ${res.body}`).toBe(listed.has(u.id) ? 200 : 400);
    }
  });

  it('a leader assigns to the people and units the pickers list, and is refused the ones they do not', async () => {
    const documentId = await registeredDocument('district.clerk');
    const people = await api.people('district.leader');
    const assign = (assignee: Record<string, string>, role: string) =>
      ctx.request({
        method: 'POST',
        url: `/api/v1/documents/${documentId}/assignments`,
        as: 'district.leader',
        payload: { assignees: [{ ...assignee, role, dueInWorkingDays: 5 }] },
      });

    const [lead, ...others] = people;
    expect((await assign({ userId: lead.id }, 'lead')).statusCode).toBe(201);
    for (const p of others.slice(0, 5)) expect((await assign({ userId: p.id }, 'coordinate')).statusCode, p.fullName).toBe(201);
    for (const username of ['province.clerk', 'u31.leader', 'province.specialist']) {
      const res = await assign({ userId: await api.userId(username) }, 'coordinate');
      expect(res.statusCode, username).toBe(400);
    }

    const vinh = await api.orgByCode(CODES.vinh);
    const units = (await api.units('district.leader')).filter((u) => u.id !== vinh);
    for (const u of units.slice(0, 3)) expect((await assign({ unitId: u.id }, 'coordinate')).statusCode, u.name).toBe(201);
    expect((await assign({ unitId: await api.orgByCode(CODES.cuaLo) }, 'coordinate')).statusCode).toBe(400);
  });

  it('an approval template names only the people and units its organisation’s picker lists (a district cannot put the province’s Chairman on its steps)', async () => {
    const vinh = await api.orgByCode(CODES.vinh);
    const template = (approvers: Record<string, string>[]) =>
      ctx.request({
        method: 'POST',
        url: '/api/v1/approval-templates',
        as: 'district.leader',
        payload: {
          organizationId: vinh,
          name: 'Trình ký',
          steps: [{ order: 1, name: 'Ký', approvers, quorum: 'any', dueInWorkingDays: 1, isSigningStep: true }],
        },
      });
    const outsider = await template([{ userId: await api.userId('province.leader') }]);
    expect(outsider.statusCode, outsider.body).toBe(400);
    expect(outsider.json().error.details).toEqual({ missingUsers: [await api.userId('province.leader')], missingUnits: [] });
    const cuaLo = await api.orgByCode(CODES.cuaLo);
    expect((await template([{ unitHeadOf: cuaLo }])).json().error.details).toEqual({ missingUsers: [], missingUnits: [cuaLo] });

    const listed = await api.people('district.leader', 'Đặng Quang Hải');
    expect(listed).toHaveLength(1);
    const [benThuy] = await api.units('district.leader', 'ben thuy');
    const ok = await template([{ userId: listed[0].id }, { unitHeadOf: benThuy.id }, { unitHeadOf: vinh }]);
    expect(ok.statusCode, ok.body).toBe(201);
  });
});
