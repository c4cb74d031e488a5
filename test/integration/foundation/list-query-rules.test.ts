import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { createDocumentRow, orgOf } from '../../helpers/documents.js';

/**
 * Lists accept only the filters they document, refuse from > to, and say how many items match
 * (issue 12, item 12).
 */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx?.close());

const get = (url: string, as = 'admin') => ctx.request({ method: 'GET', url: `/api/v1${url}`, as });

describe('list query rules', () => {
  it('an unknown query parameter is a 400 UNKNOWN_QUERY_PARAMETER naming it, on every list', async () => {
    const lists: [string, string][] = [
      ['/assignments?stauts=done', 'province.leader'],
      ['/documents?direction=incoming&sender=x', 'province.clerk'],
      ['/users?name=Vinh', 'province.clerk'],
      ['/organizations?search=Vinh', 'province.clerk'],
      ['/organizations/00000000-0000-4000-8000-000000000000/subtree?x=1', 'admin'],
      ['/approvals?stat=done', 'province.leader'],
      ['/exchange/dead-letters?state=dead', 'admin'],
      ['/delegations?x=1', 'province.leader'],
      ['/me/work?x=1', 'province.leader'],
      ['/me/work/presented?stauts=open', 'province.leader'],
      ['/documents/00000000-0000-4000-8000-000000000000/deliveries?x=1', 'province.clerk'],
    ];
    for (const [url, as] of lists) {
      const res = await get(url, as);
      expect(res.statusCode, `${url}: ${res.body}`).toBe(400);
      const { error } = res.json();
      const parameter = [...new URL(url, 'http://x').searchParams.keys()].at(-1);
      expect(error.code, url).toBe('UNKNOWN_QUERY_PARAMETER');
      expect(error.details.parameter, url).toBe(parameter);
      expect(error.message, url).toContain(`'${parameter}'`);
    }
    const res = await get('/assignments?stauts=done', 'province.leader');
    expect(res.json().error.details.accepted).toEqual(['scope', 'status', 'organizationId', 'limit', 'cursor']);
  });

  it('documented parameters still work', async () => {
    expect((await get('/assignments?scope=mine&status=open&limit=5', 'province.leader')).statusCode).toBe(200);
    expect((await get('/documents?direction=incoming&limit=5', 'province.clerk')).statusCode).toBe(200);
  });

  it('refuses from after to', async () => {
    const res = await get('/documents?from=2026-05-02&to=2026-05-01', 'province.clerk');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(res.json().error.message).toContain('from');
    expect((await get('/documents?from=2026-05-01&to=2026-05-01', 'province.clerk')).statusCode).toBe(200);
  });

  it('says how many documents match: counted when one page holds them, else estimated and flagged', async () => {
    const commune = await orgOf(ctx.sql, 'commune.clerk', 'clerk');
    for (let i = 0; i < 3; i++) await createDocumentRow(ctx.sql, { ownerOrganizationId: commune, subject: `Tờ trình số ${i}` });
    const whole = (await get('/documents', 'commune.clerk')).json();
    expect(whole).toMatchObject({ total: 3, totalIsEstimate: false, nextCursor: null });
    const first = (await get('/documents?limit=2', 'commune.clerk')).json();
    expect(first.items).toHaveLength(2);
    expect(first.totalIsEstimate).toBe(true);
    expect(first.total).toBeGreaterThanOrEqual(3);
  });
});
