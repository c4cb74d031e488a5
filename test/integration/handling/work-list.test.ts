import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { createDocumentRow, orgOf } from '../../helpers/documents.js';

let ctx: TestContext;
let snv: string;
let specialist: { id: string; username: string };
const leadIds: string[] = [];

beforeAll(async () => {
  ctx = await createTestContext();
  const province = await orgOf(ctx.sql, 'province.clerk', 'clerk');
  snv = await orgOf(ctx.sql, 'u02.leader', 'leader');
  [specialist] = await ctx.sql<
    { id: string; username: string }[]
  >`select u.id, u.username from users u join organizations o on o.id = u.organization_id where o.parent_id = ${snv} order by u.username limit 1`;
  for (let i = 0; i < 7; i++) {
    const doc = await createDocumentRow(ctx.sql, {
      ownerOrganizationId: province,
      status: 'registered',
      subject: `Văn bản số ${i}`,
      urgency: i === 0 ? 'flash' : 'normal',
    });
    const res = await ctx.request({
      method: 'POST',
      url: `/api/v1/documents/${doc}/assignments`,
      as: 'province.leader',
      payload: { assignees: [{ unitId: snv, role: 'lead', dueInWorkingDays: 3 }] },
    });
    const lead = res.json().assignments[0].id;
    leadIds.push(lead);
    await ctx.request({
      method: 'POST',
      url: `/api/v1/assignments/${lead}/assignments`,
      as: 'u02.leader',
      payload: { assignees: [{ userId: specialist.id, role: 'lead', dueInWorkingDays: 1 }] },
    });
  }
});
afterAll(() => ctx?.close());

type Page = {
  items: { id: string; parentId: string | null; status: string; document: { subject: string; urgency: string } }[];
  nextCursor: string | null;
};

describe('GET /assignments (work list)', () => {
  it('pages the caller’s open assignments newest first with a keyset cursor', async () => {
    const seen: Page['items'] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `/api/v1/assignments?scope=mine&status=open&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await ctx.request({ method: 'GET', url, as: specialist.username });
      expect(res.statusCode, res.body).toBe(200);
      const page: Page = res.json();
      seen.push(...page.items);
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(7);
    expect(new Set(seen.map((i) => i.id)).size).toBe(7);
    expect(seen.map((i) => i.document.subject)).toEqual([6, 5, 4, 3, 2, 1, 0].map((i) => `Văn bản số ${i}`));
    expect(seen[6].document.urgency).toBe('flash');
  });

  it('lists the unit’s assignments for its head and its clerk, and moves done ones to status=done', async () => {
    for (const as of ['u02.leader', 'u02.clerk']) {
      const res = await ctx.request({ method: 'GET', url: '/api/v1/assignments?scope=unit&status=open', as });
      expect(
        res
          .json<Page>()
          .items.map((i) => i.id)
          .sort(),
      ).toEqual([...leadIds].sort());
    }
    expect(
      (
        await ctx.request({
          method: 'POST',
          url: `/api/v1/assignments/${leadIds[2]}/complete`,
          as: 'u02.clerk',
          payload: { result: 'Xong.' },
        })
      ).statusCode,
    ).toBe(200);
    const done = (await ctx.request({ method: 'GET', url: '/api/v1/assignments?scope=unit&status=done', as: 'u02.leader' })).json<Page>();
    expect(done.items.map((i) => i.id)).toEqual([leadIds[2]]);
    const mine = (
      await ctx.request({ method: 'GET', url: '/api/v1/assignments?scope=mine&status=open', as: specialist.username })
    ).json<Page>();
    // The child under the completed assignment was closed with it.
    expect(mine.items).toHaveLength(6);
    expect(
      (await ctx.request({ method: 'GET', url: '/api/v1/assignments?scope=mine&status=overdue', as: specialist.username })).json<Page>()
        .items,
    ).toHaveLength(0);
  });

  it('refuses a forged cursor', async () => {
    const res = await ctx.request({ method: 'GET', url: '/api/v1/assignments?scope=mine&cursor=bm9wZQ', as: specialist.username });
    expect(res.statusCode).toBe(400);
    const forged = Buffer.from(JSON.stringify(['not a time', 'x'])).toString('base64url');
    expect((await ctx.request({ method: 'GET', url: `/api/v1/assignments?cursor=${forged}`, as: specialist.username })).statusCode).toBe(
      400,
    );
  });
});
