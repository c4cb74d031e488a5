import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/context.js';

// The API keeps each caller's principal while the principal epoch is unchanged (users.service
// authenticate); every change to users, grants or organisation paths raises the epoch in its own
// transaction (migration 0033). The changes below are made straight in the database, as another
// process or an operator would make them: the very next request must see each.
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx?.close());

const epoch = async () => (await ctx.sql<{ value: string }[]>`select value::text from principal_epoch`)[0].value;

describe('a principal kept between requests', () => {
  it('sees a grant given, a user deactivated and a token revoked by the very next request', async () => {
    const token = await ctx.login('district.clerk');
    const [{ id: clerkId }] = await ctx.sql<{ id: string }[]>`select id from users where username = 'district.clerk'`;
    const [{ id: colleagueId, orgId }] = await ctx.sql<{ id: string; orgId: string }[]>`
      select u.id, u.organization_id as "orgId" from users u where u.username = 'district.leader'`;
    const colleague = () =>
      ctx.app.inject({ method: 'GET', url: `/api/v1/users/${colleagueId}`, headers: { authorization: `Bearer ${token}` } });

    // Twice: the second answer comes from the kept principal.
    expect((await colleague()).statusCode).toBe(404);
    expect((await colleague()).statusCode).toBe(404);

    await ctx.sql`insert into role_grants (user_id, organization_id, role) values (${clerkId}, ${orgId}, 'admin')`;
    expect((await colleague()).statusCode).toBe(200);

    await ctx.sql`delete from role_grants where user_id = ${clerkId} and role = 'admin'`;
    expect((await colleague()).statusCode).toBe(404);

    await ctx.sql`update users set active = false where id = ${clerkId}`;
    expect((await colleague()).statusCode).toBe(401);
    await ctx.sql`update users set active = true where id = ${clerkId}`;
    expect((await colleague()).statusCode).toBe(404);

    await ctx.sql`update users set token_version = token_version + 1 where id = ${clerkId}`;
    const revoked = await colleague();
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('is kept only because of the epoch: a change that does not raise it goes unseen, and the next raise makes it seen', async () => {
    const token = await ctx.login('commune.clerk');
    const me = () => ctx.app.inject({ method: 'GET', url: '/api/v1/documents?limit=1', headers: { authorization: `Bearer ${token}` } });
    expect((await me()).statusCode).toBe(200);

    // Without its trigger (the table's owner may switch it off; nothing in the product does), a
    // deactivation does not raise the epoch, and the kept principal still answers.
    await ctx.sql.begin(async (tx) => {
      await tx`alter table users disable trigger principal_epoch_users`;
      await tx`update users set active = false where username = 'commune.clerk'`;
      await tx`alter table users enable trigger principal_epoch_users`;
    });
    expect((await me()).statusCode).toBe(200);

    // Any raise (here an organisation path rewritten to itself) makes every kept principal reload.
    const before = await epoch();
    await ctx.sql`update organizations set path = path where id = (select organization_id from users where username = 'commune.clerk')`;
    expect(BigInt(await epoch())).toBe(BigInt(before) + 1n);
    expect((await me()).statusCode).toBe(401);
  });

  it('raises the epoch once per statement on users, role grants and organisation paths, never for other writes', async () => {
    const e0 = BigInt(await epoch());
    await ctx.sql`update users set full_name = full_name where username like 'province.%'`;
    expect(BigInt(await epoch())).toBe(e0 + 1n);
    await ctx.sql`update organizations set name = name where code is not null`;
    expect(BigInt(await epoch())).toBe(e0 + 1n);
    await ctx.sql`update role_grants set role = role where false`;
    expect(BigInt(await epoch())).toBe(e0 + 2n);
  });
});
