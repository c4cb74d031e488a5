import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { createDocumentRow, orgOf } from '../../helpers/documents.js';
import { encodeCursor } from '../../../src/lib/pagination.js';

/**
 * Lists accept only the filters they document, refuse from > to, and say how many items match
 * (issue 12, item 12).
 */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx?.close());

const withQuery = (url: string, query: string) => `${url}${url.includes('?') ? '&' : '?'}${query}`;
const get = (url: string, as = 'admin') => ctx.request({ method: 'GET', url: `/api/v1${url}`, as });

/**
 * Every list of the API, with a query it documents and who may read it. `paged`: keyset pages
 * (limit, cursor) walked here; the work lists' pages are walked where their items are made
 * (handling/subtree-work-list, worklists/personal-lists).
 */
type ListCase = { name: string; url: () => string; as: string; paged?: boolean };
const ZERO = '00000000-0000-4000-8000-000000000000';
let province: string;
let commune: string;
let documentId: string;
const lists: ListCase[] = [
  { name: 'documents', url: () => '/documents?direction=incoming', as: 'commune.clerk', paged: true },
  { name: 'assignments', url: () => '/assignments?scope=mine&status=open', as: 'province.leader' },
  { name: 'personal list', url: () => '/me/work/assigned-by-me?status=open', as: 'province.leader' },
  { name: 'people picker', url: () => '/users?q=chuyen vien', as: 'province.leader', paged: true },
  { name: 'users (admin)', url: () => '/users?q=giam doc', as: 'admin', paged: true },
  { name: 'unit picker', url: () => '/organizations?q=so', as: 'province.clerk', paged: true },
  { name: 'subtree', url: () => `/organizations/${province}/subtree?depth=1`, as: 'admin', paged: true },
  { name: 'dead letters', url: () => '/exchange/dead-letters', as: 'admin', paged: true },
  { name: 'axis agencies', url: () => '/exchange/agencies?q=bo', as: 'province.clerk', paged: true },
  { name: 'approvals', url: () => '/approvals?status=pending', as: 'province.leader' },
  { name: 'templates', url: () => `/approval-templates?organizationId=${province}`, as: 'province.leader' },
  { name: 'certificates', url: () => '/certificates?mine=true', as: 'province.leader' },
  { name: 'registers', url: () => `/registers?organizationId=${commune}`, as: 'commune.clerk' },
  { name: 'register closings', url: () => `/reports/register-closings?organizationId=${commune}`, as: 'commune.clerk' },
  { name: 'deliveries', url: () => `/documents/${documentId}/deliveries`, as: 'commune.clerk' },
  { name: 'document assignments', url: () => `/documents/${documentId}/assignments`, as: 'commune.clerk' },
  { name: 'exchange peers', url: () => '/exchange/peers', as: 'admin' },
];

describe('list query rules', () => {
  beforeAll(async () => {
    province = await orgOf(ctx.sql, 'province.clerk', 'clerk');
    commune = await orgOf(ctx.sql, 'commune.clerk', 'clerk');
    documentId = await createDocumentRow(ctx.sql, { ownerOrganizationId: commune });
    for (let i = 0; i < 3; i++) await createDocumentRow(ctx.sql, { ownerOrganizationId: commune });
    // Three agencies of the axis directory, whose folded names hold "bo".
    for (const [code, name] of [
      ['G01.A01', 'Bộ Nội vụ'],
      ['G01.A02', 'Bộ Tài chính'],
      ['G01.A03', 'Bộ Tư pháp'],
    ])
      await ctx.sql`insert into external_agencies (code, name) values (${code}, ${name})`;
  });

  it.each(lists)('$name: says how many items match, and refuses a filter it does not document', async ({ url, as }) => {
    const res = await get(url(), as);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(Number.isInteger(body.total)).toBe(true);
    expect(body.totalIsEstimate).toBe(false);
    // Each list here fits in its first page, so the total is the page.
    expect(body.nextCursor ?? null).toBeNull();
    expect(body.total).toBe(body.items.length);

    const unknown = await get(withQuery(url(), 'sortBy=name'), as);
    expect(unknown.statusCode, unknown.body).toBe(400);
    expect(unknown.json().error).toMatchObject({ code: 'UNKNOWN_QUERY_PARAMETER', details: { parameter: 'sortBy' } });
    expect(unknown.json().error.message).toContain("'sortBy'");
  });

  // Dead letters: none in the demo data (their count is reached through a cursor, below).
  it.each(lists.filter((l) => l.paged && l.name !== 'dead letters'))(
    '$name: every page carries the total of all pages',
    async ({ url, as }) => {
      const limit = 2;
      const whole = (await get(url(), as)).json();
      const seen: unknown[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: unknown[]; nextCursor: string | null; total: number; totalIsEstimate: boolean } = (
          await get(withQuery(url(), `limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`), as)
        ).json();
        seen.push(...page.items);
        if (url().startsWith('/documents')) {
          // Documents past one page are the planner's estimate (see the test below).
          expect(page.total).toBeGreaterThanOrEqual(page.items.length);
        } else {
          expect(page, `page after ${cursor}`).toMatchObject({ total: whole.total, totalIsEstimate: false });
        }
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(whole.total);
      expect(seen.length, 'the list spans several pages').toBeGreaterThan(limit);
    },
  );

  it('a cursor past the last item still counts every match', async () => {
    // A later page counts in the database (the first page cannot count itself); dead letters are
    // none in the demo data, so this is the only way to reach their count.
    const cursor = encodeCursor(['2000-01-01T00:00:00.000Z', ZERO]);
    expect((await get(`/exchange/dead-letters?cursor=${cursor}`, 'admin')).json()).toMatchObject({
      items: [],
      total: 0,
      totalIsEstimate: false,
    });
  });

  it('lists with no query still refuse one, and the refusal names what the list accepts', async () => {
    for (const [url, as] of [
      ['/delegations?x=1', 'province.leader'],
      ['/me/work?x=1', 'province.leader'],
      [`/organizations/${ZERO}/subtree?x=1`, 'admin'],
    ]) {
      const res = await get(url, as);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.details.parameter, url).toBe('x');
    }
    const res = await get('/assignments?stauts=done', 'province.leader');
    expect(res.json().error.details.accepted).toEqual(['scope', 'status', 'organizationId', 'limit', 'cursor']);
  });

  it('documented parameters still work', async () => {
    expect((await get('/assignments?scope=mine&status=open&limit=5', 'province.leader')).statusCode).toBe(200);
    expect((await get('/documents?direction=incoming&limit=5', 'province.clerk')).statusCode).toBe(200);
  });

  it('refuses from after to, on every list and report with a date range', async () => {
    const ranged = [
      ['/documents?', 'province.clerk'],
      [`/reports/registers/incoming?organizationId=${commune}&`, 'commune.clerk'],
      [`/reports/registers/outgoing?organizationId=${commune}&`, 'commune.clerk'],
      [`/reports/registers/incoming-tracking?organizationId=${commune}&`, 'commune.clerk'],
      [`/reports/handling?organizationId=${province}&`, 'province.leader'],
    ];
    for (const [url, as] of ranged) {
      const res = await get(`${url}from=2026-05-02&to=2026-05-01`, as);
      expect(res.statusCode, `${url}: ${res.body}`).toBe(400);
      expect(res.json().error.code, url).toBe('VALIDATION_FAILED');
      expect(res.json().error.message, url).toContain('from');
      expect((await get(`${url}from=2026-05-01&to=2026-05-01`, as)).statusCode, url).toBe(200);
    }
  });

  it('says how many documents match: counted when one page holds them, else estimated and flagged', async () => {
    const before = (await get('/documents', 'commune.clerk')).json().total;
    for (let i = 0; i < 3; i++) await createDocumentRow(ctx.sql, { ownerOrganizationId: commune, subject: `Tờ trình số ${i}` });
    const whole = (await get('/documents', 'commune.clerk')).json();
    expect(whole).toMatchObject({ total: before + 3, totalIsEstimate: false, nextCursor: null });
    const first = (await get('/documents?limit=2', 'commune.clerk')).json();
    expect(first.items).toHaveLength(2);
    expect(first.totalIsEstimate).toBe(true);
    expect(first.total).toBeGreaterThanOrEqual(3);
  });
});
