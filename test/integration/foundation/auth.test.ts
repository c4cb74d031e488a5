import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { createTokenSigner } from '../../../src/modules/auth/tokens.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ env: { LOGIN_MAX_FAILURES: '3' } });
});
afterAll(() => ctx?.close());

describe('POST /api/v1/auth/login', () => {
  it('logs a demo user in and /me answers with the user and roles', async () => {
    const res = await ctx.request({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'province.clerk', password: 'demo12345' },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.accessToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(body.user.username).toBe('province.clerk');
    expect(new Date(body.expiresAt).getTime()).toBeGreaterThan(Date.now());

    const me = await ctx.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${body.accessToken}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json().roles.map((r: { role: string }) => r.role)).toContain('clerk');
    expect(me.json()).not.toHaveProperty('passwordHash');
  });

  it('is case-insensitive on the username', async () => {
    const res = await ctx.request({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'Province.Leader', password: 'demo12345' },
    });
    expect(res.statusCode).toBe(200);
  });

  it('refuses a wrong password and an unknown user with the same 401 answer', async () => {
    const wrong = await ctx.request({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'district.clerk', password: 'nope-nope' },
    });
    const unknown = await ctx.request({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'nobody.here', password: 'nope-nope' },
    });
    for (const res of [wrong, unknown]) {
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('INVALID_CREDENTIALS');
      expect(res.json().error.message).toBe('wrong username or password');
    }
  });

  it('throttles repeated failures, even when the right password comes afterwards', async () => {
    const attempt = (password: string) =>
      ctx.request({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'commune.leader', password } });
    for (let i = 0; i < 3; i++) expect((await attempt('wrong-password')).statusCode).toBe(401);
    const blocked = await attempt('demo12345');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('TOO_MANY_REQUESTS');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // Another user from the same address is not locked out by this user's failures.
    expect(
      (await ctx.request({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'commune.clerk', password: 'demo12345' } }))
        .statusCode,
    ).toBe(200);
  });
});

describe('bearer tokens', () => {
  it('refuses a missing, forged or expired token with 401 UNAUTHENTICATED', async () => {
    const none = await ctx.app.inject({ method: 'GET', url: '/api/v1/me' });
    expect(none.statusCode).toBe(401);
    expect(none.json().error.code).toBe('UNAUTHENTICATED');

    const token = await ctx.login('province.leader');
    const forged = token.slice(0, -4) + (token.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${forged}` } })).statusCode).toBe(
      401,
    );

    // A token signed with the real secret but issued 9 hours ago (TTL 8 h).
    const me = await ctx.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
    const signer = createTokenSigner({ secret: ctx.config.auth.tokenSecret, ttlSeconds: ctx.config.auth.tokenTtlSeconds });
    const expired = signer.issue(me.json().id, 0, Date.now() - 9 * 3600_000).token;
    const res = await ctx.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${expired}` } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.message).toBe('token expired');
  });

  it('revokes earlier tokens when an admin deactivates the user', async () => {
    const adminToken = await ctx.login('admin');
    const create = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { authorization: `Bearer ${adminToken}` },
      payload: {
        username: 'temp.user',
        password: 'temporary-pass',
        fullName: 'Tạm Thời',
        organizationId: (await ctx.request({ method: 'GET', url: '/api/v1/me', as: 'admin' })).json().organizationId,
      },
    });
    expect(create.statusCode).toBe(201);
    const userToken = await ctx.login('temp.user', 'temporary-pass');
    expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${userToken}` } })).statusCode).toBe(
      200,
    );
    const deactivate = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${create.json().id}`,
      headers: { authorization: `Bearer ${adminToken}` },
      payload: { active: false },
    });
    expect(deactivate.statusCode).toBe(200);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${userToken}` } })).statusCode).toBe(
      401,
    );
  });
});
