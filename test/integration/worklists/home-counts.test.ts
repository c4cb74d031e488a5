import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { createDocumentRow, orgOf, userId } from '../../helpers/documents.js';

/**
 * The home page's counts (issue 13): GET /me/work gives every count of the home page in one call,
 * and each count is the number of rows of the list the card links to (GET /documents, GET /assignments
 * with the same filters): the two share their SQL, and this checks that they agree on real rows.
 */
let ctx: TestContext;
let province: string;
let department: string;

type Count = { total: number; totalIsEstimate: boolean };
type Summary = { lists: Record<string, Count>; counts: Record<string, Count | null> };

async function summary(as: string, query = ''): Promise<Summary> {
  const res = await ctx.request({ method: 'GET', url: `/api/v1/me/work${query}`, as });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Summary>();
}

async function listTotal(as: string, url: string): Promise<number> {
  const res = await ctx.request({ method: 'GET', url, as });
  expect(res.statusCode, res.body).toBe(200);
  const page = res.json<{ items: unknown[]; nextCursor: string | null; total?: number }>();
  expect(page.nextCursor).toBeNull();
  return page.total ?? page.items.length;
}

/** Today in Vietnam plus `days`, as yyyy-mm-dd. */
function vnDay(days: number): string {
  return new Date(Date.now() + 7 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

beforeAll(async () => {
  ctx = await createTestContext();
  province = await orgOf(ctx.sql, 'province.clerk', 'clerk');
  department = await orgOf(ctx.sql, 'u02.leader', 'leader');
});
afterAll(async () => {
  await ctx?.close();
});

describe('home counts in one call (GET /me/work)', () => {
  it('counts the rows of the lists the home cards link to, the subtree only for a leader', async () => {
    for (let i = 0; i < 3; i++) await createDocumentRow(ctx.sql, { ownerOrganizationId: province, status: 'received' });
    const registered = [];
    for (let i = 0; i < 2; i++) registered.push(await createDocumentRow(ctx.sql, { ownerOrganizationId: province, status: 'registered' }));
    // A confidential one the clerk holds no grant for counts nowhere, as it lists nowhere.
    await createDocumentRow(ctx.sql, { ownerOrganizationId: province, status: 'received', confidentiality: 'secret' });

    const specialist = await userId(ctx.sql, 'province.specialist');
    const assign = async (doc: string, dueDate: string) => {
      const res = await ctx.request({
        method: 'POST',
        url: `/api/v1/documents/${doc}/assignments`,
        as: 'province.leader',
        payload: {
          comment: 'Giao xử lý.',
          assignees: [
            { userId: specialist, role: 'lead', dueDate },
            { unitId: department, role: 'coordinate', dueDate },
          ],
        },
      });
      expect(res.statusCode, res.body).toBe(201);
    };
    await assign(registered[0], vnDay(1));
    await assign(registered[1], vnDay(20));
    // The overdue sweep's mark, as tracking sets it when a deadline passes.
    await ctx.sql`update assignments set overdue_since = now(), due_date = ${vnDay(-2)}
                   where document_id = ${registered[1]} and assignee_unit_id = ${department}`;

    const clerk = await summary('province.clerk');
    expect(clerk.counts.incomingReceived).toEqual({ total: 3, totalIsEstimate: false });
    expect(clerk.counts.incomingReceived!.total).toBe(
      await listTotal('province.clerk', '/api/v1/documents?direction=incoming&status=received&limit=200'),
    );
    // Both were directed: the document left "registered" for "in progress".
    expect(clerk.counts.incomingRegistered!.total).toBe(
      await listTotal('province.clerk', '/api/v1/documents?direction=incoming&status=registered&limit=200'),
    );
    expect(clerk.counts.subtreeOpen).toBeNull();

    const mine = await summary('province.specialist');
    expect(mine.counts.assignedOpen!.total).toBe(2);
    expect(mine.counts.assignedDueSoon!.total).toBe(1);
    expect(mine.counts.assignedOverdue!.total).toBe(0);
    expect(mine.counts.assignedOpen!.total).toBe(await listTotal('province.specialist', '/api/v1/assignments?scope=mine&status=open'));

    const unitLeader = await summary('u02.leader');
    expect(unitLeader.counts.unitOpen!.total).toBe(2);
    expect(unitLeader.counts.unitOverdue!.total).toBe(1);
    expect(unitLeader.counts.unitOverdue!.total).toBe(await listTotal('u02.leader', '/api/v1/assignments?scope=unit&status=overdue'));

    const leader = await summary('province.leader', '?scope=subtree');
    expect(leader.counts.subtreeOpen!.total).toBe(4);
    expect(leader.counts.subtreeOverdue!.total).toBe(1);
    for (const status of ['open', 'overdue'] as const) {
      const key = status === 'open' ? 'subtreeOpen' : 'subtreeOverdue';
      expect(leader.counts[key]!.total).toBe(await listTotal('province.leader', `/api/v1/assignments?scope=subtree&status=${status}`));
    }
    expect(leader.lists['assigned-by-me'].total).toBe(4);
  });

  it('refuses scope=subtree to a user who leads nothing, and unknown parameters', async () => {
    const res = await ctx.request({ method: 'GET', url: '/api/v1/me/work?scope=subtree', as: 'province.specialist' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('NOT_A_LEADER');
    const bad = await ctx.request({ method: 'GET', url: '/api/v1/me/work?scope=everyone', as: 'province.leader' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
  });
});
