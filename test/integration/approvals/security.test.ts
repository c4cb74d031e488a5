import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/context.js';

/** Approval templates do not reveal themselves to callers who may not read them (issue 9, item 14). */
describe('approval templates: existence is not revealed', () => {
  let ctx: TestContext;
  let templateId: string;
  const steps = (userId: string) => [
    { order: 1, name: 'Chủ tịch duyệt', approvers: [{ userId }], quorum: 'all', dueInWorkingDays: 1, isSigningStep: true },
  ];

  // A leader of a sibling unit: neither inside the district's subtree nor above it.
  let outsider: string;

  beforeAll(async () => {
    ctx = await createTestContext();
    const [district] = await ctx.sql<
      { id: string; path: string }[]
    >`select o.id, o.path::text from users u join organizations o on o.id = u.organization_id where u.username = 'district.leader'`;
    const [sibling] = await ctx.sql<{ username: string }[]>`
      select u.username from users u join role_grants g on g.user_id = u.id join organizations o on o.id = g.organization_id
       where g.role = 'leader' and not (o.path <@ ${district.path}::ltree) and not (o.path @> ${district.path}::ltree) order by u.username limit 1`;
    outsider = sibling.username;
    const [leader] = await ctx.sql<{ id: string }[]>`select id from users where username = 'district.leader'`;
    const res = await ctx.request({
      method: 'POST',
      url: '/api/v1/approval-templates',
      as: 'district.leader',
      payload: { organizationId: district.id, typeName: 'Kế hoạch', name: 'Kế hoạch của huyện', steps: steps(leader.id) },
    });
    expect(res.statusCode, res.body).toBe(201);
    templateId = res.json<{ id: string }>().id;
  });
  afterAll(() => ctx?.close());

  it('answers a leader of a sibling unit the same 404 for an existing template as for none, on GET and PUT', async () => {
    const [own] = await ctx.sql<{ id: string }[]>`select id from users where username = ${outsider}`;
    const body = { steps: steps(own.id) };
    const cases = [
      await ctx.request({ method: 'GET', url: `/api/v1/approval-templates/${templateId}`, as: outsider }),
      await ctx.request({ method: 'PUT', url: `/api/v1/approval-templates/${templateId}`, as: outsider, payload: body }),
      await ctx.request({ method: 'GET', url: `/api/v1/approval-templates/${randomUUID()}`, as: outsider }),
      await ctx.request({ method: 'PUT', url: `/api/v1/approval-templates/${randomUUID()}`, as: outsider, payload: body }),
    ];
    expect(
      cases.map((r) => [r.statusCode, r.json<{ error?: { code: string } }>().error?.code]),
      cases.map((r) => r.body).join('\n'),
    ).toEqual(Array(4).fill([404, 'NOT_FOUND']));
    const [{ versions }] = await ctx.sql<
      { versions: number }[]
    >`select count(*)::int as versions from approval_templates where family_id = ${templateId}`;
    expect(versions).toBe(1);
  });

  it('still answers 403 to a leader inside the unit, who may read the template but not manage it', async () => {
    const [leader] = await ctx.sql<{ id: string }[]>`select id from users where username = 'district.leader'`;
    const res = await ctx.request({
      method: 'PUT',
      url: `/api/v1/approval-templates/${templateId}`,
      as: 'commune.leader',
      payload: { steps: steps(leader.id) },
    });
    expect(res.statusCode, res.body).toBe(403);
  });
});
