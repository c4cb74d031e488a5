import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedScale } from '../../../scripts/seed/scale.js';
import { JOBS } from '../../../src/jobs/catalog.js';
import { startQueueWorker } from '../../../workers/runtime.js';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { waitFor } from '../exchange/helpers.js';
import { issuedDocument, orgByCode, post } from './helpers.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx?.close());

const here = path.dirname(fileURLToPath(import.meta.url));

describe('a worker killed in the middle of a fan-out', () => {
  it('leaves exactly one incoming document per recipient once a new worker finishes the job', async () => {
    const scale = await seedScale({ db: ctx.container.db, audit: ctx.container.services.audit }, { units: 301, users: 0 });
    const province = await orgByCode(ctx, '000.00.00.H41');
    const doc = await issuedDocument(ctx, { ownerOrganizationId: province, urgency: 'very_urgent' });
    const res = await post(ctx, `/documents/${doc.id}/dispatch`, 'province.clerk', { selector: { underOrganizationId: scale.rootId } });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json().internal).toBe(300);

    const delivered = async () =>
      (await ctx.sql<{ n: number }[]>`select count(*)::int as n from deliveries where document_id = ${doc.id} and state = 'delivered'`)[0]
        .n;

    // A separate OS process, killed with SIGKILL right after its first batch committed.
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'fanout-worker.ts')], {
      env: { ...process.env, ...ctx.env, LOG_LEVEL: 'error' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise((r) => child.once('exit', r));
    let committed = 0;
    child.stdout!.on('data', (chunk: Buffer) => {
      committed += (chunk.toString().match(/committed /g) ?? []).length;
      if (committed >= 1) child.kill('SIGKILL');
    });
    await exited;
    const partial = await delivered();
    expect(partial).toBeGreaterThanOrEqual(100);
    expect(partial).toBeLessThan(300);

    // A fresh worker: the killed job is found stalled (its lock expired) and runs again, as do the rest.
    const worker = startQueueWorker(ctx.container, JOBS['exchange.deliver-internal'].queue, {
      concurrency: 2,
      worker: { stalledInterval: 500 },
    });
    try {
      await waitFor(async () => (await delivered()) === 300, { what: 'every delivery', timeoutMs: 30_000 });
      await waitFor(
        async () => (await ctx.sql`select 1 from outbox where name = 'exchange.deliver-internal' and completed_at is null`).length === 0,
        { what: 'outbox rows completed' },
      );
    } finally {
      await worker.close();
    }

    const perRecipient = await ctx.sql<{ n: number }[]>`
      select count(*)::int as n from documents d where d.direction = 'incoming' and d.issuer_organization_id = ${province} and d.subject = (select subject from documents where id = ${doc.id})
       group by d.owner_organization_id`;
    expect(perRecipient).toHaveLength(300);
    expect(perRecipient.every((r) => r.n === 1)).toBe(true);
    const files = await ctx.sql<{ n: number }[]>`select count(*)::int as n from document_files where storage_key = ${doc.storageKey}`;
    expect(files[0].n).toBe(301);
  });
});
