import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { ensureWebBuilt } from '../../../scripts/web/build.js';

// The web app is served by the same application: / and client routes load index.html, hashed assets
// are cached for a year, and nothing of the API, its documentation or the probes changes.
describe('web app serving', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    await ensureWebBuilt();
    ctx = await createTestContext();
  });
  afterAll(() => ctx?.close());

  it('serves index.html at / and at client routes, never cached, with the CSP', async () => {
    for (const url of ['/', '/van-ban-den', '/van-ban/3f1f3d1e-0000-4000-8000-000000000000', '/dang-nhap?tiep=%2Fvan-ban-den']) {
      const res = await ctx.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.body).toContain('<div id="root">');
    }
  });

  it('serves hashed assets with long cache headers, and 404 for a missing one', async () => {
    const index = (await ctx.app.inject({ method: 'GET', url: '/' })).body;
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(index)?.[1];
    expect(script).toBeDefined();
    const res = await ctx.app.inject({ method: 'GET', url: script! });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toContain('immutable');
    expect(res.headers['cache-control']).toContain('max-age=31536000');
    expect((await ctx.app.inject({ method: 'GET', url: '/assets/nope-123.js' })).statusCode).toBe(404);
    expect((await ctx.app.inject({ method: 'GET', url: '/favicon.ico' })).statusCode).toBe(404);
  });

  it('leaves the API, the documentation and the probes untouched', async () => {
    const unknown = await ctx.app.inject({ method: 'GET', url: '/api/v1/no/such/thing' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('ROUTE_NOT_FOUND');
    expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
    expect((await ctx.app.inject({ method: 'GET', url: '/healthz' })).json()).toBeTypeOf('object');
    const docs = await ctx.app.inject({ method: 'GET', url: '/docs/json' });
    expect(docs.statusCode).toBe(200);
    expect(Object.keys(docs.json().paths)).not.toContain('/');
    expect((await ctx.app.inject({ method: 'GET', url: '/docs' })).statusCode).not.toBe(404);
    expect((await ctx.app.inject({ method: 'GET', url: '/docs/no-such-page' })).headers['content-type'] ?? '').not.toMatch(
      /^text\/html; charset=utf-8$/,
    );
  });
});
