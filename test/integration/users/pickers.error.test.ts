import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from '../../../src/lib/pagination.js';
import { createTestContext, type TestContext } from '../../helpers/context.js';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx?.close();
});

const get = (url: string, as?: string) => ctx.request({ method: 'GET', url, ...(as ? { as } : {}) });

describe('the pickers refuse bad requests with a stable code', () => {
  it.each(['/api/v1/users', '/api/v1/organizations'])('%s answers 401 without a token', async (url) => {
    const res = await get(url);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('UNAUTHENTICATED');
  });

  it.each([
    ['/api/v1/users?q=' + 'a'.repeat(101), 'a q over 100 characters'],
    ['/api/v1/organizations?q=' + 'a'.repeat(101), 'a q over 100 characters'],
    ['/api/v1/users?organizationId=not-a-uuid', 'a malformed organizationId'],
    ['/api/v1/users?limit=0', 'a limit below 1'],
    ['/api/v1/organizations?limit=1001', 'a limit over 1000'],
    ['/api/v1/users?cursor=bm90LWEtY3Vyc29y', 'a cursor it never issued'],
    [`/api/v1/users?cursor=${encodeCursor(['nguyen', 'not-a-uuid'])}`, 'a forged cursor'],
    [`/api/v1/organizations?cursor=${encodeCursor(['ben thuy'])}`, 'a cursor of another shape'],
  ])('%s → 400 VALIDATION_FAILED (%s)', async (url) => {
    const res = await get(url, 'district.leader');
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
  });

  it.each(['/api/v1/users', '/api/v1/organizations'])(
    '%s answers 400 VALIDATION_FAILED to every cursor it could not have issued',
    async (url) => {
      const uuid = '2be5fea3-d3c4-4e5d-8c9f-0f0e87785d75';
      const bad = [
        encodeCursor([]),
        encodeCursor(['nguyen']),
        encodeCursor([{}, uuid]),
        encodeCursor([1, uuid]),
        encodeCursor(['', uuid]),
        encodeCursor(['a\u0000b', uuid]),
        encodeCursor(['x'.repeat(5000), uuid]),
        encodeCursor(['nguyen', uuid, 'extra']),
        'A'.repeat(10_000),
      ];
      for (const cursor of bad) {
        const res = await get(`${url}?cursor=${encodeURIComponent(cursor)}`, 'admin');
        expect(res.statusCode, `${cursor.slice(0, 60)}: ${res.body}`).toBe(400);
        expect(res.json().error.code).toBe('VALIDATION_FAILED');
      }
    },
  );

  it('answers 400 to control characters in q, and an empty page to a q that matches nobody', async () => {
    expect((await get('/api/v1/users?q=%00abc', 'district.leader')).statusCode).toBe(400);
    const none = await get('/api/v1/users?q=khong%20co%20ai%20ten%20nay', 'district.leader');
    expect(none.statusCode).toBe(200);
    expect(none.json()).toEqual({ items: [], nextCursor: null, total: 0, totalIsEstimate: false });
  });
});
