import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentsRepo } from '../../../src/modules/documents/documents.repo.js';
import { createTestContext, type TestContext } from '../../helpers/context.js';

/**
 * GET /documents must list exactly the documents the single-read policy (documents.policy.ts) lets
 * the caller see: every one exactly once across pages, in (created_at desc, id desc) order, and no
 * other. The list is written as per-branch index walks (owned, assigned to a unit, assigned to a
 * user, granted), so this builds documents visible in each of those ways — and in several at once,
 * with ties on created_at and a document assigned twice to the same assignee — and compares every
 * caller's pages with the policy applied document by document.
 */
describe('GET /documents lists exactly the visible documents', () => {
  let ctx: TestContext;
  const CALLERS = [
    'province.clerk',
    'province.leader',
    'province.specialist',
    'district.clerk',
    'district.leader',
    'commune.clerk',
    'commune.leader',
    'u02.leader',
  ];

  beforeAll(async () => {
    ctx = await createTestContext();
    const users = await ctx.sql<{ id: string; username: string; organization_id: string }[]>`
      select id, username, organization_id from users where username in ${ctx.sql([...CALLERS, 'cv001', 'cv002'])} order by username`;
    const orgs = [...new Set(users.map((u) => u.organization_id))];
    const [province] = await ctx.sql<{ id: string }[]>`select id from organizations where parent_id is null`;
    const owners = [province.id, ...orgs];
    const assigner = users.find((u) => u.username === 'province.leader')!.id;

    // 60 documents; every third shares its created_at with the previous ones (a batch import).
    await ctx.sql`
      insert into documents (direction, owner_organization_id, type_name, subject, search_text, status, confidentiality, created_at)
      select 'incoming', (${owners}::uuid[])[1 + (i * 7) % ${owners.length}], 'Công văn', 'Kế hoạch phòng chống ' || i,
             'ke hoach phong chong mocx' || i,
             (array['in_progress', 'completed', 'registered'])[1 + i % 3],
             case when i % 9 = 4 then 'secret' else 'normal' end,
             timestamptz '2025-06-01 08:00:00+07' + make_interval(mins => i / 3)
        from generate_series(0, 59) i`;
    const docs = await ctx.sql<{ id: string }[]>`select id from documents where subject like 'Kế hoạch phòng chống %' order by subject`;
    // Assignments to units and to users, some documents twice to the same assignee (lead, then inform).
    for (const [i, doc] of docs.entries()) {
      if (i % 2 === 0) {
        await ctx.sql`insert into assignments (document_id, assigner_id, assignee_unit_id, role) values (${doc.id}, ${assigner}, ${orgs[i % orgs.length]}, 'lead')`;
      }
      if (i % 3 === 0) {
        const user = users[(i * 5) % users.length].id;
        await ctx.sql`insert into assignments (document_id, assigner_id, assignee_user_id, role) values (${doc.id}, ${assigner}, ${user}, 'coordinate')`;
        if (i % 6 === 0)
          await ctx.sql`insert into assignments (document_id, assigner_id, assignee_user_id, role) values (${doc.id}, ${assigner}, ${user}, 'inform')`;
      }
      if (i % 9 === 4) {
        await ctx.sql`insert into document_access_grants (document_id, user_id) values (${doc.id}, ${users[i % users.length].id})`;
      }
    }
    // A common word: enough matches (of another type) that the list walks the caller's documents and
    // checks the word row by row instead of asking the trigram index.
    await ctx.sql`
      insert into documents (direction, owner_organization_id, type_name, subject, search_text, status, created_at)
      select 'incoming', ${orgs[0]}, 'Báo cáo', 'Báo cáo kế hoạch ' || i, 'bao cao ke hoach ' || i, 'completed', timestamptz '2025-01-01 08:00:00+07' + make_interval(mins => i)
        from generate_series(1, 3000) i`;
    await ctx.sql`analyze documents`;
    await ctx.sql`analyze assignments`;
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('fills the assignments’ copy of the document’s created_at', async () => {
    const [row] = await ctx.sql<{ n: number; wrong: number }[]>`
      select count(*)::int as n, count(*) filter (where a.document_created_at is distinct from d.created_at)::int as wrong
        from assignments a join documents d on d.id = a.document_id`;
    expect(row.n).toBeGreaterThan(30);
    expect(row.wrong).toBe(0);
  });

  it('a frequent word takes the walk plan and a rare one the trigram plan', async () => {
    const repo = createDocumentsRepo();
    expect(await repo.listPlan(ctx.container.db, { foldedQuery: 'ke hoach' })).toBe('walk');
    expect(await repo.listPlan(ctx.container.db, { foldedQuery: 'mocx1' })).toBe('search');
    // Several words: as rare as the rarest.
    expect(await repo.listPlan(ctx.container.db, { foldedQuery: 'hoach mocx1' })).toBe('search');
    expect(await repo.listPlan(ctx.container.db, { foldedQuery: 'bao cao hoach' })).toBe('walk');
  });

  const FILTERS = [
    { query: `type=${encodeURIComponent('Công văn')}`, where: (d: Doc) => d.type_name === 'Công văn' },
    {
      query: `type=${encodeURIComponent('Công văn')}&status=in_progress`,
      where: (d: Doc) => d.type_name === 'Công văn' && d.status === 'in_progress',
    },
    { query: `q=${encodeURIComponent('kế hoạch')}&type=${encodeURIComponent('Công văn')}`, where: (d: Doc) => d.type_name === 'Công văn' },
    { query: `q=mocx1`, where: (d: Doc) => d.search_text.includes('mocx1') },
  ];
  type Doc = { id: string; type_name: string; status: string; search_text: string };

  it.each(CALLERS)('as %s: every visible document exactly once across pages, in order, and no other', async (username) => {
    const { accessToken } = (
      await ctx.request({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: 'demo12345' } })
    ).json<{ accessToken: string }>();
    const principal = await ctx.container.services.users.authenticate(accessToken);
    const repo = createDocumentsRepo();
    const all = await ctx.sql<
      Doc[]
    >`select id, type_name, status, search_text from documents where type_name = 'Công văn' order by created_at desc, id desc`;
    const visible: Doc[] = [];
    for (const d of all) if (await repo.findVisible(ctx.container.db, principal, d.id)) visible.push(d);
    // Everyone sees some (through ownership or assignments) and nobody sees all (other units', secret ones).
    expect(visible.length).toBeGreaterThan(0);
    expect(visible.length).toBeLessThan(all.length);

    for (const filter of FILTERS) {
      const expected = visible.filter(filter.where).map((d) => d.id);
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const url: string = `/api/v1/documents?${filter.query}&limit=4${cursor ? `&cursor=${cursor}` : ''}`;
        const res = await ctx.request({ method: 'GET', url, as: username });
        expect(res.statusCode, res.body).toBe(200);
        const body = res.json<{ items: { id: string }[]; nextCursor: string | null }>();
        seen.push(...body.items.map((d) => d.id));
        cursor = body.nextCursor;
        pages++;
      } while (cursor && pages < 30);
      expect(seen, `${username} ${filter.query}`).toEqual(expected);
    }
  });

  it('the data covers each way of being visible', async () => {
    const [row] = await ctx.sql<{ units: number; users: number; twice: number; grants: number }[]>`
      select (select count(*)::int from assignments where assignee_unit_id is not null) as units,
             (select count(*)::int from assignments where assignee_user_id is not null) as users,
             (select count(*)::int from (select 1 from assignments where assignee_user_id is not null group by document_id, assignee_user_id having count(*) > 1) t) as twice,
             (select count(*)::int from document_access_grants) as grants`;
    expect(row.units).toBeGreaterThan(0);
    expect(row.users).toBeGreaterThan(0);
    expect(row.twice).toBeGreaterThan(0);
    expect(row.grants).toBeGreaterThan(0);
  });
});
