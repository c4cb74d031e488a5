import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLAN_PER_CALL } from '../../../src/db/client.js';
import { createTestContext, type TestContext } from '../../helpers/context.js';

// Statements run through the application's client are named (prepared once per connection) unless
// their text starts with PLAN_PER_CALL: those stay unnamed, so PostgreSQL plans each call with its
// values and never falls back to a generic plan (the people picker's commune leader after a
// province leader: 100–158 ms generic, 3–9 ms planned per call).
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx?.close());

describe('PLAN_PER_CALL', () => {
  it('keeps a marked statement unnamed on its connection while an unmarked one is prepared', async () => {
    const prepared = await ctx.container.db.transaction(async (tx) => {
      for (let i = 0; i < 6; i++) {
        await tx.execute(sql`select count(*) from organizations where code = ${`probe-named-${i}`}`);
        await tx.execute(sql`${sql.raw(PLAN_PER_CALL)} select count(*) from organizations where code = ${`probe-unnamed-${i}`}`);
      }
      return tx.execute<{ statement: string }>(
        sql`select statement from pg_prepared_statements where statement like '%organizations where code%'`,
      );
    });
    const texts = [...prepared].map((r) => r.statement);
    expect(texts.some((t) => t.startsWith('select count(*) from organizations where code'))).toBe(true);
    expect(texts.some((t) => t.includes(PLAN_PER_CALL))).toBe(false);
  });
});
