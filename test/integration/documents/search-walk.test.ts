import { sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from '../../../src/lib/pagination.js';
import { visibleDocumentCondition } from '../../../src/modules/documents/documents.policy.js';
import { createDocumentsRepo, WALK_ROWS_PER_ITEM } from '../../../src/modules/documents/documents.repo.js';
import { documents } from '../../../src/db/schema/index.js';
import { createTestContext, type TestContext } from '../../helpers/context.js';

/** The statements below name the documents table `d`. */
const d = alias(documents, 'd');

/**
 * GET /documents?q=<common words> walks the caller's documents newest first, checking q on each row,
 * and gives up after `limit` × WALK_ROWS_PER_ITEM rows for the trigram plan. Whichever plan answers
 * a page, the pages must be the ones the rule gives: the visibility policy applied to every match,
 * newest first, cut by the keyset cursor. The data makes the province clerk's second page cross the
 * fallback boundary: its first hits are dense, then come more rows without a hit than the walk reads.
 */
describe('GET /documents?q= (walk plan and its fallback)', () => {
  let ctx: TestContext;
  const sut = createDocumentsRepo();
  const Q = 'tổng hợp khẩn cấp';
  const WORDS = ['tong', 'hop', 'khan', 'cap'];
  const LIMIT = 4;
  const CALLERS = ['province.clerk', 'province.leader', 'district.clerk', 'district.leader', 'commune.clerk'];

  beforeAll(async () => {
    ctx = await createTestContext();
    const [province] = await ctx.sql<{ id: string }[]>`select id from organizations where parent_id is null`;
    const [district] = await ctx.sql<{ id: string }[]>`select organization_id as id from users where username = 'district.clerk'`;
    const [clerk] = await ctx.sql<{ id: string }[]>`select id from users where username = 'province.clerk'`;
    const insert = (
      owner: string,
      rows: { from: number; count: number; every: string; text: string | postgres.Fragment; confidentiality?: string },
    ) => ctx.sql`
      insert into documents (direction, owner_organization_id, type_name, subject, search_text, status, confidentiality, created_at)
      select 'incoming', ${owner}, 'Công văn', 'Báo cáo ' || i, ${typeof rows.text === 'string' ? ctx.sql`${rows.text}::text` : rows.text} || ' so ' || i, 'registered', ${rows.confidentiality ?? 'normal'},
             timestamptz '2025-06-01 08:00:00+07' - make_interval(mins => ${rows.every}::int * i)
        from generate_series(${rows.from}::int, ${rows.from + rows.count - 1}::int) i`;

    // Zone A (newest): the province's documents, a match every 50th (6 in all), the rest half a match.
    await insert(province.id, {
      from: 0,
      count: 300,
      every: '1',
      text: ctx.sql`case when i % 50 = 10 then 'bao cao tong hop khan cap' else 'bao cao tong hop' end`,
    });
    // Zone B: 1,500 more without a match, more than the walk reads for a page of 4 (5 rows asked).
    await insert(province.id, { from: 300, count: 1500, every: '1', text: 'bao cao tong hop' });
    // Zone C: 5 older matches at one instant (the id breaks the tie), one with a text too long for
    // documents_owner_search_idx.
    await ctx.sql`
      insert into documents (direction, owner_organization_id, type_name, subject, search_text, status, created_at)
      select 'incoming', ${province.id}, 'Công văn', 'Khẩn ' || i, 'khan cap tong hop ' || i || case when i = 3 then repeat(' bao cao', 400) else '' end,
             'registered', timestamptz '2025-05-01 08:00:00+07'
        from generate_series(1, 5) i`;
    // Zone D: the district's documents, so that every word is common; every 100th a match.
    await ctx.sql`
      insert into documents (direction, owner_organization_id, type_name, subject, search_text, status, created_at)
      select 'incoming', ${district.id}, 'Công văn', 'Huyện ' || i,
             case when i % 100 = 0 then 'khan cap tong hop' when i % 5 < 3 then 'khan cap' else 'tong hop' end || ' so ' || i,
             'registered', timestamptz '2025-06-01 07:00:00+07' - make_interval(mins => i)
        from generate_series(1, 5000) i`;
    // Matches the province clerk sees other ways: a district document assigned to it, a secret one
    // granted to it; and a secret province one it is not granted.
    const [assigned] = await ctx.sql<{ id: string }[]>`
      select id from documents where owner_organization_id = ${district.id} and search_text like 'khan cap tong hop%' order by created_at desc limit 1 offset 3`;
    await ctx.sql`insert into assignments (document_id, assigner_id, assignee_user_id, role) values (${assigned.id}, ${clerk.id}, ${clerk.id}, 'inform')`;
    await insert(district.id, { from: 1000, count: 1, every: '1', text: 'tong hop khan cap mat', confidentiality: 'secret' });
    await ctx.sql`insert into document_access_grants (document_id, user_id) select id, ${clerk.id} from documents where search_text like 'tong hop khan cap mat%'`;
    await insert(province.id, { from: 20, count: 1, every: '1', text: 'tong hop khan cap khong cap quyen', confidentiality: 'secret' });
    await ctx.sql`analyze documents`;
  });
  afterAll(async () => {
    await ctx?.close();
  });

  /** The pages the rule gives: every match the policy lets `username` see, newest first. */
  async function expectedPages(username: string) {
    const { accessToken } = (
      await ctx.request({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: 'demo12345' } })
    ).json<{ accessToken: string }>();
    const principal = await ctx.container.services.users.authenticate(accessToken);
    const match = sql.join(
      WORDS.map((w) => sql`d.search_text like ${`%${w}%`}`),
      sql` and `,
    );
    const rows = await ctx.container.db.execute<{ id: string; created_at: string }>(
      sql`select d.id, d.created_at::text as created_at from documents d where ${visibleDocumentCondition(principal, d)} and ${match} order by d.created_at desc, d.id desc`,
    );
    const pages: { items: string[]; nextCursor: string | null }[] = [];
    for (let i = 0; i === 0 || i < rows.length; i += LIMIT) {
      const page = rows.slice(i, i + LIMIT);
      const last = page[page.length - 1];
      pages.push({ items: page.map((r) => r.id), nextCursor: i + LIMIT < rows.length ? encodeCursor([last.created_at, last.id]) : null });
    }
    return { principal, rows, pages };
  }

  async function actualPages(username: string) {
    const pages: { items: string[]; nextCursor: string | null }[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/documents?q=${encodeURIComponent(Q)}&limit=${LIMIT}${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await ctx.request({ method: 'GET', url, as: username });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json<{ items: { id: string }[]; nextCursor: string | null }>();
      pages.push({ items: body.items.map((d) => d.id), nextCursor: body.nextCursor });
      cursor = body.nextCursor;
    } while (cursor && pages.length < 200);
    return pages;
  }

  it('takes the walk plan: every word is common', async () => {
    expect(await sut.listPlan(ctx.container.db, { foldedQuery: 'tong hop khan cap' })).toBe('walk');
  });

  it('the province clerk’s second page crosses the fallback boundary and is still exact', async () => {
    const { principal, rows, pages } = await expectedPages('province.clerk');
    // Zone A's 6, the assigned and the granted district ones, zone C's 5; not the secret one.
    expect(rows).toHaveLength(13);
    // Between the 4th match (the first page's cursor) and the 9th (the last row the second page
    // asks for) the clerk sees more documents than the walk reads for that page: it falls back.
    const visibleBetween = async (newer: { created_at: string; id: string } | null, older: { created_at: string; id: string }) => {
      const [{ n }] = await ctx.container.db.execute<{ n: number }>(sql`
        select count(*)::int as n from documents d where ${visibleDocumentCondition(principal, d)}
           and (${newer === null} or (d.created_at, d.id) < (${newer?.created_at ?? null}::timestamptz, ${newer?.id ?? null}::uuid))
           and (d.created_at, d.id) >= (${older.created_at}::timestamptz, ${older.id}::uuid)`);
      return n;
    };
    expect(await visibleBetween(rows[3], rows[8])).toBeGreaterThan((LIMIT + 1) * WALK_ROWS_PER_ITEM);
    // ...while the walk finds the first page itself: its 5 rows lie within fewer rows than that.
    expect(await visibleBetween(null, rows[4])).toBeLessThan((LIMIT + 1) * WALK_ROWS_PER_ITEM);

    expect(await actualPages('province.clerk')).toEqual(pages);
  });

  it.each(CALLERS)('as %s: the same items and cursors as the rule gives', async (username) => {
    const { pages } = await expectedPages(username);
    expect(await actualPages(username)).toEqual(pages);
  });

  it('the repository gives the same page from any cursor, on either side of the boundary', async () => {
    const { principal, rows } = await expectedPages('province.clerk');
    for (let i = 0; i < rows.length; i++) {
      const after = i === 0 ? undefined : { createdAt: rows[i - 1].created_at, id: rows[i - 1].id };
      const page = await sut.listVisible(ctx.container.db, principal, {
        foldedQuery: 'tong hop khan cap',
        limit: LIMIT + 1,
        ...(after ? { after } : {}),
      });
      expect(
        page.map((r) => r.row.id),
        `after #${i}`,
      ).toEqual(rows.slice(i, i + LIMIT + 1).map((r) => r.id));
    }
  });
});
