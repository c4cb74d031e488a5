import { spawn, execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/context.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx?.close());

function runAuditVerify(databaseUrl: string): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn('node_modules/.bin/tsx', ['scripts/audit-verify.ts'], { env: { ...ctx.env, DATABASE_URL: databaseUrl } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => resolve({ code: code ?? -1, out }));
  });
}

describe('audit chain', () => {
  it('records state changes in the same transaction and audit:verify catches a row altered in the database', async () => {
    const created = await ctx.request({
      method: 'POST',
      url: '/api/v1/users',
      as: 'admin',
      payload: {
        username: 'audited.user',
        password: 'password-123',
        fullName: 'Người Được Ghi',
        organizationId: (await ctx.request({ method: 'GET', url: '/api/v1/me', as: 'admin' })).json().organizationId,
      },
    });
    expect(created.statusCode).toBe(201);
    const [event] = await ctx.sql<
      { id: number; action: string; actor_id: string }[]
    >`select id, action, actor_id from audit_events where subject_id = ${created.json().id}`;
    expect(event.action).toBe('user.create');

    const intact = await runAuditVerify(ctx.databaseUrl);
    expect(intact.code).toBe(0);
    expect(intact.out).toMatch(/intact: \d+ events/);

    // The append-only trigger stops an accidental update...
    await expect(ctx.sql`update audit_events set action = 'x' where id = ${event.id}`).rejects.toThrow(/append-only/);
    // ...and a deliberate tamperer who disables it is caught by the chain.
    await ctx.sql.begin(async (tx) => {
      await tx`alter table audit_events disable trigger audit_events_no_update_delete`;
      await tx`update audit_events set details = '{"username":"someone.else"}' where id = ${event.id}`;
      await tx`alter table audit_events enable trigger audit_events_no_update_delete`;
    });
    const broken = await runAuditVerify(ctx.databaseUrl);
    expect(broken.code).toBe(1);
    expect(broken.out).toContain(`BROKEN at event id ${event.id}`);
  });

  it('rolls back the audit event with a refused change (nothing half-written)', async () => {
    const [{ n: before }] = await ctx.sql<{ n: number }[]>`select count(*)::int as n from audit_events`;
    const dup = await ctx.request({
      method: 'POST',
      url: '/api/v1/users',
      as: 'admin',
      payload: {
        username: 'province.clerk',
        password: 'password-123',
        fullName: 'Dup',
        organizationId: (await ctx.request({ method: 'GET', url: '/api/v1/me', as: 'admin' })).json().organizationId,
      },
    });
    expect(dup.statusCode).toBe(409);
    const [{ n: after }] = await ctx.sql<{ n: number }[]>`select count(*)::int as n from audit_events`;
    expect(after).toBe(before);
  });
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

describe('/healthz and /readyz', () => {
  it('answers ready when PostgreSQL, Redis and S3 are reachable, and 503 naming Redis when Redis stops', async () => {
    const port = await freePort();
    const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    try {
      for (let i = 0; i < 50; i++) {
        try {
          execFileSync('redis-cli', ['-p', String(port), 'ping'], { stdio: 'ignore' });
          break;
        } catch {
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      const own = await createTestContext({ env: { REDIS_URL: `redis://127.0.0.1:${port}` } });
      try {
        expect((await own.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
        const ready = await own.app.inject({ method: 'GET', url: '/readyz' });
        expect(ready.statusCode).toBe(200);
        expect(ready.json().checks).toMatchObject({ postgres: { ok: true }, redis: { ok: true }, s3: { ok: true } });

        redis.kill('SIGTERM');
        await new Promise((r) => redis.once('exit', r));
        const down = await own.app.inject({ method: 'GET', url: '/readyz' });
        expect(down.statusCode).toBe(503);
        expect(down.json()).toMatchObject({
          status: 'unavailable',
          checks: { redis: { ok: false }, postgres: { ok: true }, s3: { ok: true } },
        });
      } finally {
        await own.close();
      }
    } finally {
      if (redis.exitCode === null) redis.kill('SIGKILL');
    }
  });
});
