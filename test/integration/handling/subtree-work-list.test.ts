import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { createDocumentRow, orgOf, userId } from '../../helpers/documents.js';

/**
 * GET /assignments?scope=subtree (issue 12, item 10): a leader follows the work of every unit and
 * person under the organisation they lead, including work the province gave their units.
 */
let ctx: TestContext;
let province: string;
let district: string;
let commune: string;
let department: string;
const ids: Record<string, string> = {};

type Item = {
  id: string;
  role: string;
  status: string;
  overdue: boolean;
  dueDate: string | null;
  assigneeUnitId: string | null;
  assigneeUnitName: string | null;
  assigneeUserId: string | null;
  assigneeUserName: string | null;
  document: { id: string; code: string | null; subject: string; urgency: string };
};
type Page = { items: Item[]; nextCursor: string | null; total: number; totalIsEstimate: boolean };

async function assign(doc: string, assignees: Record<string, unknown>[]) {
  const res = await ctx.request({
    method: 'POST',
    url: `/api/v1/documents/${doc}/assignments`,
    as: 'province.leader',
    payload: { assignees },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ assignments: { id: string }[] }>().assignments.map((a) => a.id);
}

async function list(as: string, query: string): Promise<Page> {
  const res = await ctx.request({ method: 'GET', url: `/api/v1/assignments?${query}`, as });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Page>();
}

beforeAll(async () => {
  ctx = await createTestContext();
  province = await orgOf(ctx.sql, 'province.clerk', 'clerk');
  district = await orgOf(ctx.sql, 'district.leader', 'leader');
  commune = await orgOf(ctx.sql, 'commune.leader', 'leader');
  department = await orgOf(ctx.sql, 'u02.leader', 'leader');
  const communeClerk = await userId(ctx.sql, 'commune.clerk');

  const plan = await createDocumentRow(ctx.sql, {
    ownerOrganizationId: province,
    status: 'registered',
    number: '15',
    notation: 'KH-UBND',
    subject: 'Kế hoạch phòng chống lụt bão',
    urgency: 'urgent',
  });
  [ids.districtLead, ids.communeCoordinate, ids.departmentInform] = await assign(plan, [
    { unitId: district, role: 'lead', dueInWorkingDays: 5 },
    { unitId: commune, role: 'coordinate', dueInWorkingDays: 5 },
    { unitId: department, role: 'inform' },
  ]);
  const report = await createDocumentRow(ctx.sql, { ownerOrganizationId: province, status: 'registered', subject: 'Báo cáo dân số' });
  [ids.communeClerkLead] = await assign(report, [{ userId: communeClerk, role: 'lead', dueInWorkingDays: 2 }]);
  // A secret document given to the commune: only people granted it see it, in lists too.
  const secret = await createDocumentRow(ctx.sql, {
    ownerOrganizationId: province,
    status: 'registered',
    subject: 'Tài liệu mật',
    confidentiality: 'secret',
  });
  await ctx.sql`insert into document_access_grants (document_id, user_id) values (${secret}, ${await userId(ctx.sql, 'province.leader')})`;
  [ids.secret] = await assign(secret, [{ unitId: commune, role: 'lead', dueInWorkingDays: 5 }]);
  // The overdue sweep's mark, as it leaves it when the deadline has passed.
  await ctx.sql`update assignments set overdue_since = now() where id = ${ids.communeClerkLead}`;
});
afterAll(() => ctx?.close());

describe('GET /assignments?scope=subtree', () => {
  it('gives a district leader the work of the district and the communes under it, whoever assigned it', async () => {
    const page = await list('district.leader', 'scope=subtree&status=open');
    expect(page.items.map((i) => i.id).sort()).toEqual([ids.districtLead, ids.communeCoordinate, ids.communeClerkLead].sort());
    expect(page.total).toBe(3);
    expect(page.totalIsEstimate).toBe(false);
    const lead = page.items.find((i) => i.id === ids.districtLead)!;
    expect(lead).toMatchObject({
      role: 'lead',
      status: 'open',
      overdue: false,
      assigneeUnitId: district,
      assigneeUnitName: 'Ủy ban nhân dân thành phố Vinh',
      document: { code: '15/KH-UBND', subject: 'Kế hoạch phòng chống lụt bão', urgency: 'urgent' },
    });
    expect(lead.dueDate).toMatch(/^\d{4}-\d\d-\d\d$/);
    const person = page.items.find((i) => i.id === ids.communeClerkLead)!;
    expect(person).toMatchObject({ assigneeUserName: 'Võ Thị Mai', overdue: true });
  });

  it('gives a commune leader only the commune’s work, and the province leader everything (secret only with the grant)', async () => {
    const communePage = await list('commune.leader', 'scope=subtree');
    expect(communePage.items.map((i) => i.id).sort()).toEqual([ids.communeCoordinate, ids.communeClerkLead].sort());
    const provincePage = await list('province.leader', 'scope=subtree&limit=200');
    const { departmentInform, ...work } = ids;
    expect(provincePage.items.map((i) => i.id)).toEqual(expect.arrayContaining(Object.values(work)));
    expect(provincePage.total).toBe(provincePage.items.length);
    // The item to inform is a read receipt, not open work: it is among the unread ones.
    expect(provincePage.items.map((i) => i.id)).not.toContain(departmentInform);
    const unread = await list('province.leader', 'scope=subtree&status=unread');
    expect(unread.items.map((i) => i.id)).toEqual([departmentInform]);
  });

  it('filters overdue work and one unit of the subtree; a unit outside it is 404', async () => {
    const overdue = await list('district.leader', 'scope=subtree&status=overdue');
    expect(overdue.items.map((i) => i.id)).toEqual([ids.communeClerkLead]);
    expect(overdue.total).toBe(1);
    const ofCommune = await list('district.leader', `scope=subtree&organizationId=${commune}`);
    expect(ofCommune.items.map((i) => i.id).sort()).toEqual([ids.communeCoordinate, ids.communeClerkLead].sort());
    const outside = await ctx.request({
      method: 'GET',
      url: `/api/v1/assignments?scope=subtree&organizationId=${department}`,
      as: 'district.leader',
    });
    expect(outside.statusCode).toBe(404);
    expect(outside.json().error.code).toBe('NOT_FOUND');
  });

  it('pages with a cursor, the total the same on every page', async () => {
    const first = await list('district.leader', 'scope=subtree&limit=2');
    expect(first.items).toHaveLength(2);
    const second = await list('district.leader', `scope=subtree&limit=2&cursor=${first.nextCursor}`);
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect([first.total, second.total]).toEqual([3, 3]);
    expect(new Set([...first.items, ...second.items].map((i) => i.id)).size).toBe(3);
  });

  it('moves completed work to status=done', async () => {
    const res = await ctx.request({
      method: 'POST',
      url: `/api/v1/assignments/${ids.districtLead}/complete`,
      as: 'district.leader',
      payload: { result: 'Đã triển khai.' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const done = await list('district.leader', 'scope=subtree&status=done');
    expect(done.items.map((i) => i.id)).toEqual([ids.districtLead]);
  });

  it('refuses scope=subtree to a caller who leads nothing with NOT_A_LEADER, and organizationId without it', async () => {
    for (const as of ['province.clerk', 'province.specialist', 'commune.clerk']) {
      const res = await ctx.request({ method: 'GET', url: '/api/v1/assignments?scope=subtree', as });
      expect(res.statusCode, as).toBe(403);
      expect(res.json().error.code).toBe('NOT_A_LEADER');
    }
    const res = await ctx.request({
      method: 'GET',
      url: `/api/v1/assignments?scope=unit&organizationId=${commune}`,
      as: 'district.leader',
    });
    expect(res.statusCode).toBe(400);
  });
});
