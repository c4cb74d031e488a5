import { createHmac } from 'node:crypto';
import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { loggerOptions } from '../../../src/lib/logger.js';
import { AppError } from '../../../src/lib/errors.js';
import { errorHandlerPlugin } from '../../../src/plugins/error-handler.js';
import { createTokenSigner } from '../../../src/modules/auth/tokens.js';
import { hashPassword } from '../../../src/modules/auth/passwords.js';
import { users } from '../../../src/db/schema/index.js';

let ctx: TestContext;
let provinceId: string;
let vinhId: string;
let benThuyId: string;
let dienChauId: string;

const orgId = async (name: string) => (await ctx.sql<{ id: string }[]>`select id from organizations where name = ${name}`)[0].id;

beforeAll(async () => {
  ctx = await createTestContext({ env: { LOGIN_MAX_FAILURES: '5' } });
  [provinceId] = (await ctx.sql<{ id: string }[]>`select id from organizations where parent_id is null`).map((r) => r.id);
  vinhId = await orgId('Ủy ban nhân dân thành phố Vinh');
  benThuyId = await orgId('Ủy ban nhân dân phường Bến Thủy');
  dienChauId = await orgId('Ủy ban nhân dân huyện Diễn Châu');
});
afterAll(() => ctx?.close());

const login = (username: string, password: string, remoteAddress = '127.0.0.1') =>
  ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress, payload: { username, password } });

async function createUser(
  username: string,
  organizationId: string,
  roles: { organizationId: string; role: string }[],
  password = 'original-pass-1',
) {
  const res = await ctx.request({
    method: 'POST',
    url: '/api/v1/users',
    as: 'admin',
    payload: { username, password, fullName: username, organizationId, roles },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>().id;
}

describe('users: an admin manages only users wholly inside their subtree', () => {
  it('refuses a district admin resetting the password of a district user who leads the province; the password is unchanged', async () => {
    const id = await createUser('vinh.province.leader', vinhId, [{ organizationId: provinceId, role: 'leader' }]);
    const [before] = await ctx.sql<
      { passwordHash: string; tokenVersion: number }[]
    >`select password_hash as "passwordHash", token_version as "tokenVersion" from users where id = ${id}`;

    const reset = await ctx.request({
      method: 'PATCH',
      url: `/api/v1/users/${id}`,
      as: 'district.admin',
      payload: { password: 'taken-over-1' },
    });
    expect(reset.statusCode, reset.body).toBe(403);
    expect(reset.json().error.code).toBe('FORBIDDEN');

    const [after] = await ctx.sql<
      { passwordHash: string; tokenVersion: number }[]
    >`select password_hash as "passwordHash", token_version as "tokenVersion" from users where id = ${id}`;
    expect(after).toEqual(before);
    expect((await login('vinh.province.leader', 'taken-over-1', '10.9.0.1')).statusCode).toBe(401);
    expect((await login('vinh.province.leader', 'original-pass-1', '10.9.0.1')).statusCode).toBe(200);
  });

  it('refuses every other way of managing that user (read, change, disable, roles) with 403, and writes nothing', async () => {
    const id = await createUser('vinh.also.province', benThuyId, [
      { organizationId: benThuyId, role: 'clerk' },
      { organizationId: provinceId, role: 'leader' },
    ]);
    const [{ n: auditBefore }] = await ctx.sql<{ n: number }[]>`select count(*)::int as n from audit_events`;
    const attempts = [
      { method: 'GET' as const, url: `/api/v1/users/${id}` },
      { method: 'PATCH' as const, url: `/api/v1/users/${id}`, payload: { fullName: 'Renamed' } },
      { method: 'PATCH' as const, url: `/api/v1/users/${id}`, payload: { active: false } },
      { method: 'PUT' as const, url: `/api/v1/users/${id}/roles`, payload: { roles: [{ organizationId: benThuyId, role: 'clerk' }] } },
      { method: 'PUT' as const, url: `/api/v1/users/${id}/roles`, payload: { roles: [] } },
    ];
    for (const a of attempts) {
      const res = await ctx.request({ ...a, as: 'district.admin' });
      expect(res.statusCode, `${a.method} ${a.url} ${JSON.stringify(a.payload)}: ${res.body}`).toBe(403);
    }
    const [{ n: auditAfter }] = await ctx.sql<{ n: number }[]>`select count(*)::int as n from audit_events`;
    expect(auditAfter).toBe(auditBefore);
    const roles = await ctx.sql`select role from role_grants where user_id = ${id} order by role`;
    expect(roles.map((r) => r.role)).toEqual(['clerk', 'leader']);
    const [{ active, fullName }] = await ctx.sql`select active, full_name as "fullName" from users where id = ${id}`;
    expect({ active, fullName }).toEqual({ active: true, fullName: 'vinh.also.province' });
    // The province admin, whose subtree holds every grant, still manages them.
    expect(
      (await ctx.request({ method: 'PATCH', url: `/api/v1/users/${id}`, as: 'admin', payload: { fullName: 'Renamed' } })).statusCode,
    ).toBe(200);
  });

  it('answers 404 for a user whose unit is outside the subtree, even when their roles are inside it', async () => {
    const id = await createUser('dienchau.helps.vinh', dienChauId, [{ organizationId: vinhId, role: 'specialist' }]);
    for (const a of [
      { method: 'GET' as const, url: `/api/v1/users/${id}` },
      { method: 'PATCH' as const, url: `/api/v1/users/${id}`, payload: { password: 'taken-over-1' } },
      { method: 'PUT' as const, url: `/api/v1/users/${id}/roles`, payload: { roles: [] } },
    ]) {
      const res = await ctx.request({ ...a, as: 'district.admin' });
      expect(res.statusCode, `${a.method} ${a.url}`).toBe(404);
    }
  });

  it('refuses granting a role in a unit outside the subtree, on create and on a change of roles', async () => {
    const created = await ctx.request({
      method: 'POST',
      url: '/api/v1/users',
      as: 'district.admin',
      payload: {
        username: 'vinh.wants.more',
        password: 'original-pass-1',
        fullName: 'X',
        organizationId: vinhId,
        roles: [{ organizationId: provinceId, role: 'leader' }],
      },
    });
    expect(created.statusCode).toBe(403);
    expect(await ctx.sql`select 1 from users where username = 'vinh.wants.more'`).toHaveLength(0);

    const id = await createUser('vinh.inside', benThuyId, [{ organizationId: benThuyId, role: 'clerk' }]);
    const raised = await ctx.request({
      method: 'PUT',
      url: `/api/v1/users/${id}/roles`,
      as: 'district.admin',
      payload: { roles: [{ organizationId: provinceId, role: 'leader' }] },
    });
    expect(raised.statusCode).toBe(403);
    expect((await ctx.sql`select role from role_grants where user_id = ${id}`).map((r) => r.role)).toEqual(['clerk']);

    // A user wholly inside the district stays the district admin's to manage.
    const reset = await ctx.request({
      method: 'PATCH',
      url: `/api/v1/users/${id}`,
      as: 'district.admin',
      payload: { password: 'new-password-1' },
    });
    expect(reset.statusCode, reset.body).toBe(200);
    expect((await login('vinh.inside', 'new-password-1', '10.9.0.2')).statusCode).toBe(200);
  });
});

describe('users: concurrent creation', () => {
  it('answers 409 CONFLICT, not 500, when a concurrent create takes the username between the check and the insert', async () => {
    // The other create: its row inserted but not committed, so the API's check does not see it and
    // its insert waits on the unique index until this commits.
    const other = await ctx.sql.reserve();
    try {
      await other`begin`;
      await other`insert into users (username, full_name, organization_id, password_hash) values ('race.user', 'Other', ${vinhId}, 'x')`;
      const pending = ctx.request({
        method: 'POST',
        url: '/api/v1/users',
        as: 'admin',
        payload: { username: 'race.user', password: 'original-pass-1', fullName: 'Race', organizationId: vinhId },
      });
      await expect
        .poll(
          async () =>
            (await ctx.sql`select 1 from pg_stat_activity where wait_event_type = 'Lock' and query ilike 'insert into "users"%'`).length,
          { timeout: 10_000 },
        )
        .toBe(1);
      await other`commit`;
      const res = await pending;
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json().error.code).toBe('CONFLICT');
    } finally {
      other.release();
    }
    expect(await ctx.sql`select full_name from users where username = 'race.user'`).toEqual([{ full_name: 'Other' }]);
  });

  it('keeps one grant when the same role in the same unit is named twice', async () => {
    const res = await ctx.request({
      method: 'POST',
      url: '/api/v1/users',
      as: 'admin',
      payload: {
        username: 'twice.granted',
        password: 'original-pass-1',
        fullName: 'X',
        organizationId: vinhId,
        roles: [
          { organizationId: vinhId, role: 'clerk' },
          { organizationId: vinhId, role: 'clerk' },
        ],
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().roles).toHaveLength(1);
    const again = await ctx.request({
      method: 'PUT',
      url: `/api/v1/users/${res.json().id}/roles`,
      as: 'admin',
      payload: {
        roles: [
          { organizationId: vinhId, role: 'leader' },
          { organizationId: vinhId, role: 'leader' },
        ],
      },
    });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().roles).toHaveLength(1);
  });
});

describe('login throttle', () => {
  it('lets at most LOGIN_MAX_FAILURES of 30 concurrent wrong passwords be checked; the rest get 429 with Retry-After', async () => {
    await createUser('throttle.parallel', vinhId, []);
    const answers = await Promise.all(Array.from({ length: 30 }, () => login('throttle.parallel', 'wrong-password', '10.1.0.1')));
    const count = (s: number) => answers.filter((r) => r.statusCode === s).length;
    expect(count(401)).toBe(5);
    expect(count(429)).toBe(25);
    const refused = answers.find((r) => r.statusCode === 429)!;
    expect(refused.json().error.code).toBe('TOO_MANY_REQUESTS');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('does not let an attacker at another address lock the owner out of their own address', async () => {
    await createUser('throttle.owner', vinhId, []);
    for (let i = 0; i < 30; i++) await login('throttle.owner', `guess-${i}`, '10.2.0.66');
    expect((await login('throttle.owner', 'guess-x', '10.2.0.66')).statusCode).toBe(429);
    const owner = await login('throttle.owner', 'original-pass-1', '10.2.0.7');
    expect(owner.statusCode, owner.body).toBe(200);
  });

  it('slows a many-address attack on one username for new addresses only; the owner at a known address logs in', async () => {
    await createUser('throttle.botnet', vinhId, []);
    expect((await login('throttle.botnet', 'original-pass-1', '10.3.0.7')).statusCode).toBe(200);
    // 12 addresses x 5 guesses: well past the per-username slow-down threshold (4 x 5).
    for (let a = 1; a <= 12; a++) {
      await Promise.all(Array.from({ length: 5 }, (_, i) => login('throttle.botnet', `guess-${a}-${i}`, `10.3.1.${a}`)));
    }
    const fresh = await login('throttle.botnet', 'original-pass-1', '10.3.2.1');
    expect(fresh.statusCode).toBe(429);
    expect(Number(fresh.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(fresh.headers['retry-after'])).toBeLessThanOrEqual(60);
    const owner = await login('throttle.botnet', 'original-pass-1', '10.3.0.7');
    expect(owner.statusCode, owner.body).toBe(200);
  });
});

describe('bearer tokens: hostile tokens', () => {
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const header = b64({ alg: 'HS256', typ: 'JWT' });
  /** A token over any claims, signed with the real secret (as a leaked or misused secret would allow). */
  const signed = (claims: unknown) => {
    const body = `${header}.${b64(claims)}`;
    return `${body}.${createHmac('sha256', ctx.config.auth.tokenSecret).update(body).digest('base64url')}`;
  };
  const me = (token: string) => ctx.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });

  it('answers 401 UNAUTHENTICATED, not 500, for a correctly signed token whose subject is not a UUID', async () => {
    const exp = Math.floor(Date.now() / 1000) + 600;
    for (const claims of [
      { sub: 'not-a-uuid', ver: 0, iat: 0, exp },
      { sub: 42, ver: 0, iat: 0, exp },
      { sub: "' or 1=1 --", ver: 0, iat: 0, exp },
      null,
      [1, 2],
    ]) {
      const res = await me(signed(claims));
      expect(res.statusCode, JSON.stringify(claims)).toBe(401);
      expect(res.json().error.code).toBe('UNAUTHENTICATED');
    }
  });

  it('refuses a valid token written with base64 padding, the non-URL alphabet or non-canonical trailing bits', async () => {
    const [{ id, tokenVersion }] = await ctx.sql<
      { id: string; tokenVersion: number }[]
    >`select id, token_version as "tokenVersion" from users where username = 'province.leader'`;
    const signer = createTokenSigner({ secret: ctx.config.auth.tokenSecret, ttlSeconds: 600 });
    // Issue until the payload or signature holds a character that has another spelling in plain base64.
    let token = '';
    for (let i = 0; !/[-_]/.test(token.split('.').slice(1).join('.')); i++)
      token = signer.issue(id, tokenVersion, Date.now() - i * 1000).token;
    expect((await me(token)).statusCode).toBe(200);

    const [h, p, s] = token.split('.');
    const plain = (part: string) => part.replace(/-/g, '+').replace(/_/g, '/');
    // 32 bytes are 43 characters whose last one carries 2 unused bits: flipping one decodes the same.
    const last = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const sibling = last[last.indexOf(s.at(-1)!) ^ 1];
    for (const variant of [`${h}.${p}.${s}=`, `${h}.${p}=.${s}`, `${h}.${plain(p)}.${plain(s)}`, `${h}.${p}.${s.slice(0, -1)}${sibling}`]) {
      expect(variant).not.toBe(token);
      const res = await me(variant);
      expect(res.statusCode, variant).toBe(401);
      expect(res.json().error.code).toBe('UNAUTHENTICATED');
    }
  });
});

describe('logs: no SQL parameters', () => {
  it('logs a failed statement without its parameters, its failing row or the secrets in them', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const app = Fastify({ logger: { ...loggerOptions('info'), stream } });
    await app.register(errorHandlerPlugin);
    const secretHash = await hashPassword('the-secret-password');
    const secret = 'PEER-SECRET-0f1e2d3c4b5a';
    const [{ orgId }] = await ctx.sql<{ orgId: string }[]>`select organization_id as "orgId" from users where username = 'admin'`;
    // A unique violation carrying a password hash (the statement of a racing POST /users).
    app.get('/duplicate', async () =>
      ctx.container.db.insert(users).values({ username: 'admin', fullName: 'x', organizationId: orgId, passwordHash: secretHash }),
    );
    // A NOT NULL violation: the server's detail lists the whole failing row.
    app.get('/null', async () =>
      ctx.container.db.execute(
        sql`insert into users (username, full_name, organization_id, password_hash) values (${secret}, 'x', null, ${secretHash})`,
      ),
    );
    // The same failure as the cause of an AppError (how a service reports a broken dependency).
    app.get('/wrapped', async () => {
      try {
        await ctx.container.db.execute(sql`select ${secret}::uuid`);
      } catch (cause) {
        throw new AppError('SERVICE_UNAVAILABLE', { message: 'dependency failed', cause });
      }
    });
    // The unique violation is the caller's conflict (409, logged as a warning with the error); the others are 5xx.
    const statuses = [];
    for (const url of ['/duplicate', '/null', '/wrapped']) statuses.push((await app.inject({ method: 'GET', url })).statusCode);
    expect(statuses).toEqual([409, 500, 503]);
    await app.close();

    const errors = lines.map((l) => JSON.parse(l)).filter((l) => l.err);
    expect(errors).toHaveLength(3);
    // The errors are still useful: the statement text and the server's error code stay.
    expect(JSON.stringify(errors[0])).toContain('users_username_uq');
    expect(JSON.stringify(errors[0])).toContain('insert into \\"users\\"');
    expect(JSON.stringify(errors[1])).toContain('23502');
    const all = lines.join('\n');
    for (const s of [secretHash, secretHash.split('$')[5], secret, 'the-secret-password']) expect(all).not.toContain(s);
  });
});
