import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorHandlerPlugin } from '../../../src/plugins/error-handler.js';
import { createTestContext, type TestContext } from '../../helpers/context.js';

/**
 * The error handler's safety net for refusals PostgreSQL makes when a service's own check lost a
 * race or was missing: real statements against the test database, through the production plugin.
 */
let ctx: TestContext;
let app: FastifyInstance;

beforeAll(async () => {
  ctx = await createTestContext();
  app = Fastify();
  await app.register(errorHandlerPlugin);
  // Each route runs real statements in a transaction that is rolled back by the error.
  const run = (statements: string[]) => async () => {
    await ctx.sql.begin(async (tx) => {
      await tx.unsafe('create temp table parent (id int primary key) on commit drop');
      await tx.unsafe('create temp table child (id int, parent_id int references parent(id)) on commit drop');
      for (const s of statements) await tx.unsafe(s);
    });
    return { ok: true };
  };
  app.get('/unique', run(['insert into parent values (1)', 'insert into parent values (1)']));
  app.get('/missing-reference', run(['insert into child values (1, 42)']));
  app.get(
    '/still-referenced',
    run(['insert into parent values (1)', 'insert into child values (1, 1)', 'delete from parent where id = 1']),
  );
  app.get('/data', run(["select 'a\\u0001'::text, 1/0"]));
  app.get('/other', run(['select * from no_such_table']));
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

const answer = async (url: string) => {
  const res = await app.inject({ method: 'GET', url });
  return [res.statusCode, res.json<{ error: { code: string } }>().error.code];
};

describe('PostgreSQL refusals answer as the caller’s errors', () => {
  it('maps a unique violation to 409 CONFLICT', async () => expect(await answer('/unique')).toEqual([409, 'CONFLICT']));
  it('maps a reference to a missing row to 400 and deleting a referenced row to 409', async () => {
    expect(await answer('/missing-reference')).toEqual([400, 'VALIDATION_FAILED']);
    expect(await answer('/still-referenced')).toEqual([409, 'INVALID_STATE']);
  });
  it('maps a data exception to 400', async () => expect(await answer('/data')).toEqual([400, 'VALIDATION_FAILED']));
  it('keeps any other database failure a 500 that shows nothing', async () => {
    const res = await app.inject({ method: 'GET', url: '/other' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toMatchObject({ error: { code: 'INTERNAL', message: 'internal error' } });
  });
});
