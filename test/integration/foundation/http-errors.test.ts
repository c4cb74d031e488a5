import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/context.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ env: { BODY_LIMIT_BYTES: '2048' } });
});
afterAll(() => ctx?.close());

function expectErrorShape(
  res: { statusCode: number; json: () => unknown; headers: Record<string, unknown> },
  status: number,
  code: string,
) {
  expect(res.statusCode).toBe(status);
  const body = res.json() as { error: { code: string; message: string; requestId: string } };
  expect(body.error.code).toBe(code);
  expect(body.error.message).toEqual(expect.any(String));
  expect(body.error.requestId).toBe(res.headers['x-request-id']);
}

describe('the error shape', () => {
  it('answers malformed JSON with 400 MALFORMED_JSON', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": "admin", ',
    });
    expectErrorShape(res, 400, 'MALFORMED_JSON');
  });

  it('answers a wrong type with 400 VALIDATION_FAILED naming the field', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: { first: 'admin' }, password: 'x' },
    });
    expectErrorShape(res, 400, 'VALIDATION_FAILED');
    const token = await ctx.login('admin');
    const bad = await ctx.app.inject({
      method: 'GET',
      url: '/api/v1/organizations/not-a-uuid',
      headers: { authorization: `Bearer ${token}` },
    });
    expectErrorShape(bad, 400, 'VALIDATION_FAILED');
    expect(bad.json().error.message).toContain('uuid');
  });

  it('answers an unknown route with 404 ROUTE_NOT_FOUND, with or without a token', async () => {
    expectErrorShape(await ctx.app.inject({ method: 'GET', url: '/api/v1/no/such/thing' }), 404, 'ROUTE_NOT_FOUND');
    expectErrorShape(await ctx.app.inject({ method: 'DELETE', url: '/nowhere' }), 404, 'ROUTE_NOT_FOUND');
  });

  it('answers an oversize body with 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'admin', password: 'x'.repeat(5000) },
    });
    expectErrorShape(res, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('answers an unsupported content type with 415', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'text/csv' },
      payload: 'a,b',
    });
    expectErrorShape(res, 415, 'UNSUPPORTED_CONTENT_TYPE');
  });

  it('echoes a sane caller request id', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/v1/me', headers: { 'x-request-id': 'gw-123' } });
    expectErrorShape(res, 401, 'UNAUTHENTICATED');
    expect(res.json().error.requestId).toBe('gw-123');
  });
});

/** Sends raw bytes to the listening app and returns everything it answers before closing. */
async function rawExchange(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    let answer = '';
    socket.on('data', (d) => (answer += d.toString('utf8')));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe('refusals before any route runs keep the error shape', () => {
  it('answers oversized headers with 431 HEADERS_TOO_LARGE and malformed HTTP with 400, as JSON in our shape', async () => {
    await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = ctx.app.server.address() as { port: number };
    const big = await rawExchange(port, `GET /api/v1/me HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(big).toMatch(/^HTTP\/1\.1 431 /);
    const bigBody = JSON.parse(big.slice(big.indexOf('\r\n\r\n') + 4)) as { error: { code: string; message: string; requestId: string } };
    expect(bigBody.error).toMatchObject({ code: 'HEADERS_TOO_LARGE', message: expect.any(String), requestId: expect.any(String) });
    const garbage = await rawExchange(port, 'NOT HTTP AT ALL\r\n\r\n');
    expect(garbage).toMatch(/^HTTP\/1\.1 400 /);
    expect(JSON.parse(garbage.slice(garbage.indexOf('\r\n\r\n') + 4)).error.code).toBe('VALIDATION_FAILED');
  });

  it('answers a malformed URL with 400 and an over-long path segment as no route, with the request id', async () => {
    const bad = await ctx.app.inject({ method: 'GET', url: '/api/v1/users/%E0%A4%A' });
    expectErrorShape(bad, 400, 'VALIDATION_FAILED');
    // A segment over the router's limit matches no API route; the web app's catch-all answers it as one.
    const long = await ctx.app.inject({ method: 'GET', url: `/api/v1/users/${'a'.repeat(500)}` });
    expectErrorShape(long, 404, 'ROUTE_NOT_FOUND');
  });
});

describe('OpenAPI', () => {
  it('serves the OpenAPI 3 document at /docs/json and the UI at /docs', async () => {
    const doc = await ctx.app.inject({ method: 'GET', url: '/docs/json' });
    expect(doc.statusCode).toBe(200);
    expect(doc.json().openapi).toMatch(/^3\./);
    expect(Object.keys(doc.json().paths)).toEqual(
      expect.arrayContaining(['/api/v1/auth/login', '/api/v1/organizations/{id}/subtree', '/api/v1/users']),
    );
    const ui = await ctx.app.inject({ method: 'GET', url: '/docs' });
    expect([200, 302]).toContain(ui.statusCode);
  });
});
