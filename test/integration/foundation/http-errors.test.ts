import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/context.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ env: { BODY_LIMIT_BYTES: '2048' } });
});
afterAll(() => ctx?.close());

function expectErrorShape(res: { statusCode: number; json: () => unknown; headers: Record<string, unknown> }, status: number, code: string) {
  expect(res.statusCode).toBe(status);
  const body = res.json() as { error: { code: string; message: string; requestId: string } };
  expect(body.error.code).toBe(code);
  expect(body.error.message).toEqual(expect.any(String));
  expect(body.error.requestId).toBe(res.headers['x-request-id']);
}

describe('the error shape', () => {
  it('answers malformed JSON with 400 MALFORMED_JSON', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username": "admin", ' });
    expectErrorShape(res, 400, 'MALFORMED_JSON');
  });

  it('answers a wrong type with 400 VALIDATION_FAILED naming the field', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: { first: 'admin' }, password: 'x' } });
    expectErrorShape(res, 400, 'VALIDATION_FAILED');
    const token = await ctx.login('admin');
    const bad = await ctx.app.inject({ method: 'GET', url: '/api/v1/organizations/not-a-uuid', headers: { authorization: `Bearer ${token}` } });
    expectErrorShape(bad, 400, 'VALIDATION_FAILED');
    expect(bad.json().error.message).toContain('uuid');
  });

  it('answers an unknown route with 404 ROUTE_NOT_FOUND, with or without a token', async () => {
    expectErrorShape(await ctx.app.inject({ method: 'GET', url: '/api/v1/no/such/thing' }), 404, 'ROUTE_NOT_FOUND');
    expectErrorShape(await ctx.app.inject({ method: 'DELETE', url: '/nowhere' }), 404, 'ROUTE_NOT_FOUND');
  });

  it('answers an oversize body with 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: 'x'.repeat(5000) } });
    expectErrorShape(res, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('answers an unsupported content type with 415', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'text/csv' }, payload: 'a,b' });
    expectErrorShape(res, 415, 'UNSUPPORTED_CONTENT_TYPE');
  });

  it('echoes a sane caller request id', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/v1/me', headers: { 'x-request-id': 'gw-123' } });
    expectErrorShape(res, 401, 'UNAUTHENTICATED');
    expect(res.json().error.requestId).toBe('gw-123');
  });
});

describe('OpenAPI', () => {
  it('serves the OpenAPI 3 document at /docs/json and the UI at /docs', async () => {
    const doc = await ctx.app.inject({ method: 'GET', url: '/docs/json' });
    expect(doc.statusCode).toBe(200);
    expect(doc.json().openapi).toMatch(/^3\./);
    expect(Object.keys(doc.json().paths)).toEqual(expect.arrayContaining(['/api/v1/auth/login', '/api/v1/organizations/{id}/subtree', '/api/v1/users']));
    const ui = await ctx.app.inject({ method: 'GET', url: '/docs' });
    expect([200, 302]).toContain(ui.statusCode);
  });
});
