import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENESIS_HASH, legacyRowHash } from '../../../src/modules/audit/audit.hash.js';
import { createTestContext, type TestContext } from '../../helpers/context.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx?.close());

const event = (i: number) => ({
  actorId: null,
  organizationId: null,
  action: 'test.concurrent',
  subjectType: 'test',
  subjectId: String(i),
  details: { i },
});

/** Runs `fn` with the chain trigger disabled (a tamperer with owner rights), then restores it. */
async function aroundTheTrigger(fn: (tx: postgres.TransactionSql) => Promise<unknown>): Promise<void> {
  await ctx.sql.begin(async (tx) => {
    await tx`alter table audit_events disable trigger user`;
    await tx`alter table audit_chain disable trigger user`;
    await fn(tx);
    await tx`alter table audit_events enable trigger user`;
    await tx`alter table audit_chain enable trigger user`;
  });
}

describe('audit chain linked at commit', () => {
  it('chains events committed concurrently from many connections, spread over stripes, each stripe gapless', async () => {
    const { db, services } = ctx.container;
    await Promise.all(Array.from({ length: 120 }, (_, i) => db.transaction((tx) => services.audit.record(tx, event(i)))));

    const links = await ctx.sql<{ stripe: number; seq: string; subject_id: string }[]>`
      select c.stripe, c.seq, e.subject_id from audit_chain c join audit_events e on e.id = c.event_id where e.action = 'test.concurrent'`;
    expect(links).toHaveLength(120);
    expect(new Set(links.map((l) => l.stripe)).size).toBeGreaterThan(1);
    const perStripe = await ctx.sql<{ stripe: number; n: number; first: string; last: string }[]>`
      select stripe, count(*)::int as n, min(seq) as first, max(seq) as last from audit_chain where event_id > (select min(id) from audit_events where action = 'test.concurrent') - 1 group by stripe`;
    for (const s of perStripe) expect(Number(s.last) - Number(s.first) + 1).toBe(s.n);

    expect(await services.audit.verifyChain()).toEqual({ ok: true, checked: expect.any(Number) });
  });

  it('writes no chain row for a rolled-back transaction', async () => {
    const { db, services } = ctx.container;
    const [{ n: before }] = await ctx.sql<{ n: number }[]>`select count(*)::int as n from audit_chain`;
    await expect(
      db.transaction(async (tx) => {
        await services.audit.record(tx, event(-1));
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    const [{ n: after }] = await ctx.sql<{ n: number }[]>`select count(*)::int as n from audit_chain`;
    expect(after).toBe(before);
  });

  it('refuses an audited write under REPEATABLE READ, whose snapshot would fork the chain', async () => {
    await expect(
      ctx.sql.begin('isolation level repeatable read', async (tx) => {
        await tx`insert into audit_events (occurred_at, action, subject_type, details, content_hash) values (now(), 'test.rr', 'test', '{}', ${'a'.repeat(64)})`;
      }),
    ).rejects.toThrow(/READ COMMITTED/);
  });

  it('still verifies rows chained before the chain moved to commit time (content hash null)', async () => {
    // A row as the application chained it before migration 0011, appended to a stripe of its own.
    await aroundTheTrigger(async (tx) => {
      const occurredAt = new Date('2026-01-05T01:02:03.004Z');
      const [row] = await tx<{ id: string }[]>`
        insert into audit_events (occurred_at, action, subject_type, subject_id, details) values (${occurredAt}, 'test.legacy', 'test', 'x', ${tx.json({ a: 1 })}) returning id`;
      const id = Number(row.id);
      const hash = legacyRowHash(GENESIS_HASH, {
        id,
        occurredAt,
        actorId: null,
        organizationId: null,
        action: 'test.legacy',
        subjectType: 'test',
        subjectId: 'x',
        details: { a: 1 },
      });
      await tx`insert into audit_chain (stripe, seq, event_id, prev_hash, hash) values (99, 1, ${id}, ${GENESIS_HASH}, ${hash})`;
    });
    expect((await ctx.container.services.audit.verifyChain()).ok).toBe(true);
  });

  it('names an event removed from its chain, and an event written around the trigger', async () => {
    const { db, services } = ctx.container;
    for (let i = 0; i < 3; i++) await db.transaction((tx) => services.audit.record(tx, event(1000 + i)));
    const [victim] = await ctx.sql<{ stripe: number; seq: string; event_id: string }[]>`
      select c.stripe, c.seq, c.event_id from audit_chain c
       where exists (select 1 from audit_chain n where n.stripe = c.stripe and n.seq = c.seq + 1) order by c.event_id desc limit 1`;
    const [next] = await ctx.sql<
      { event_id: string }[]
    >`select event_id from audit_chain where stripe = ${victim.stripe} and seq = ${Number(victim.seq) + 1}`;
    await aroundTheTrigger(async (tx) => {
      await tx`delete from audit_chain where event_id = ${victim.event_id}`;
      await tx`delete from audit_events where id = ${victim.event_id}`;
    });
    expect(await services.audit.verifyChain()).toMatchObject({
      ok: false,
      firstBrokenId: Number(next.event_id),
      reason: expect.stringContaining('previous-hash link'),
    });
  });
});

describe('audit chain: an event outside every chain', () => {
  let other: TestContext;
  beforeAll(async () => {
    other = await createTestContext();
  });
  afterAll(() => other?.close());

  it('is named by the verifier', async () => {
    let id = 0;
    await other.sql.begin(async (tx) => {
      await tx`alter table audit_events disable trigger user`;
      const [row] = await tx<{ id: string }[]>`
        insert into audit_events (occurred_at, action, subject_type, details, content_hash) values (now(), 'test.sneaked', 'test', '{}', ${'b'.repeat(64)}) returning id`;
      id = Number(row.id);
      await tx`alter table audit_events enable trigger user`;
    });
    expect(await other.container.services.audit.verifyChain()).toMatchObject({
      ok: false,
      firstBrokenId: id,
      reason: expect.stringContaining('in no chain'),
    });
  });
});
