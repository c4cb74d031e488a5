import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { createDocumentRow, orgOf, userId } from '../../helpers/documents.js';

let ctx: TestContext;
let docId: string;
let leadId: string;
let childId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  const province = await orgOf(ctx.sql, 'province.clerk', 'clerk');
  const snv = await orgOf(ctx.sql, 'u02.leader', 'leader');
  docId = await createDocumentRow(ctx.sql, { ownerOrganizationId: province });
  expect((await ctx.request({ method: 'POST', url: `/api/v1/documents/${docId}/register`, as: 'province.clerk' })).statusCode).toBe(200);
  const assigned = await ctx.request({
    method: 'POST',
    url: `/api/v1/documents/${docId}/assignments`,
    as: 'province.leader',
    payload: { assignees: [{ unitId: snv, role: 'lead', dueInWorkingDays: 5 }] },
  });
  leadId = assigned.json().assignments[0].id;
  const [cv] = await ctx.sql<
    { id: string }[]
  >`select u.id from users u join organizations o on o.id = u.organization_id where o.parent_id = ${snv} limit 1`;
  const divided = await ctx.request({
    method: 'POST',
    url: `/api/v1/assignments/${leadId}/assignments`,
    as: 'u02.leader',
    payload: { assignees: [{ userId: cv.id, role: 'lead', dueInWorkingDays: 2 }] },
  });
  childId = divided.json().assignments[0].id;
});
afterAll(() => ctx?.close());

function endpoints(doc: string, assignment: string, leader: string) {
  const due = { requestedDueDate: '2199-01-01', reason: 'x' };
  return [
    ['POST', `/documents/${doc}/register`, undefined],
    ['POST', `/documents/${doc}/refuse`, { reason: 'x' }],
    ['POST', `/documents/${doc}/present`, { leaderUserId: leader }],
    ['POST', `/documents/${doc}/assignments`, { assignees: [{ userId: leader, role: 'lead', dueInWorkingDays: 1 }] }],
    ['GET', `/documents/${doc}/assignments`, undefined],
    ['GET', `/documents/${doc}/timeline`, undefined],
    ['GET', `/assignments/${assignment}`, undefined],
    ['POST', `/assignments/${assignment}/assignments`, { assignees: [{ userId: leader, role: 'lead', dueInWorkingDays: 1 }] }],
    ['POST', `/assignments/${assignment}/notes`, { text: 'x' }],
    ['POST', `/assignments/${assignment}/extension`, due],
    ['POST', `/assignments/${assignment}/extension/decision`, { grant: true }],
    ['POST', `/assignments/${assignment}/return`, { reason: 'x' }],
    ['POST', `/assignments/${assignment}/complete`, { result: 'x' }],
  ] as const;
}

describe('handling: access', () => {
  it("answers 404 on every endpoint for another organisation's document, and changes nothing", async () => {
    const leader = await userId(ctx.sql, 'district.leader');
    const [{ n: before }] = await ctx.sql<{ n: number }[]>`select count(*)::int as n from audit_events`;
    for (const as of ['district.clerk', 'district.leader', 'commune.leader', 'u03.leader']) {
      for (const assignment of [leadId, childId]) {
        for (const [method, url, payload] of endpoints(docId, assignment, leader)) {
          const res = await ctx.request({ method, url: `/api/v1${url}`, as, ...(payload ? { payload } : {}) });
          expect(res.statusCode, `${as} ${method} ${url}: ${res.body}`).toBe(404);
          expect(res.json().error.code).toBe('NOT_FOUND');
        }
      }
    }
    for (const [method, url, payload] of endpoints(randomUUID(), randomUUID(), leader)) {
      const res = await ctx.request({ method, url: `/api/v1${url}`, as: 'province.leader', ...(payload ? { payload } : {}) });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    const [{ n: after }] = await ctx.sql<{ n: number }[]>`select count(*)::int as n from audit_events`;
    expect(after).toBe(before);
    const list = (await ctx.request({ method: 'GET', url: '/api/v1/assignments?scope=unit', as: 'district.leader' })).json();
    expect(list.items.map((i: { documentId: string }) => i.documentId)).not.toContain(docId);
  });

  it('answers 403 to those who see the document but lack the role', async () => {
    // The province leader sees everything of the province but is not its clerk, nor the assignee.
    expect(
      (await ctx.request({ method: 'POST', url: `/api/v1/documents/${docId}/refuse`, as: 'province.leader', payload: { reason: 'x' } }))
        .statusCode,
    ).toBe(403);
    // The clerk of the receiving organisation sees it too, but does not handle it.
    expect(
      (await ctx.request({ method: 'POST', url: `/api/v1/assignments/${leadId}/complete`, as: 'province.clerk', payload: { result: 'x' } }))
        .statusCode,
    ).toBe(403);
    expect(
      (await ctx.request({ method: 'POST', url: `/api/v1/assignments/${childId}/notes`, as: 'u02.clerk', payload: { text: 'x' } }))
        .statusCode,
    ).toBe(403);
    expect(
      (
        await ctx.request({
          method: 'POST',
          url: `/api/v1/assignments/${leadId}/extension/decision`,
          as: 'u02.leader',
          payload: { grant: true },
        })
      ).statusCode,
    ).toBe(403);
    // The unit's clerk acts for the unit, but only the head divides the work.
    expect(
      (await ctx.request({ method: 'POST', url: `/api/v1/assignments/${leadId}/notes`, as: 'u02.clerk', payload: { text: 'Đã nhận.' } }))
        .statusCode,
    ).toBe(201);
    const byClerk = await ctx.request({
      method: 'POST',
      url: `/api/v1/assignments/${leadId}/assignments`,
      as: 'u02.clerk',
      payload: { assignees: [{ userId: await userId(ctx.sql, 'u02.clerk'), role: 'lead', dueInWorkingDays: 1 }] },
    });
    expect(byClerk.statusCode).toBe(403);
  });

  it('answers 409 INVALID_STATE on a wrong state', async () => {
    expect((await ctx.request({ method: 'POST', url: `/api/v1/documents/${docId}/register`, as: 'province.clerk' })).statusCode).toBe(409);
    expect(
      (
        await ctx.request({
          method: 'POST',
          url: `/api/v1/documents/${docId}/present`,
          as: 'province.clerk',
          payload: { leaderUserId: await userId(ctx.sql, 'province.leader') },
        })
      ).statusCode,
    ).toBe(409);
    expect(
      (
        await ctx.request({
          method: 'POST',
          url: `/api/v1/assignments/${leadId}/extension/decision`,
          as: 'province.leader',
          payload: { grant: true },
        })
      ).statusCode,
    ).toBe(409);
    const received = await createDocumentRow(ctx.sql, { ownerOrganizationId: await orgOf(ctx.sql, 'province.clerk', 'clerk') });
    const early = await ctx.request({
      method: 'POST',
      url: `/api/v1/documents/${received}/assignments`,
      as: 'province.leader',
      payload: { assignees: [{ userId: await userId(ctx.sql, 'province.specialist'), role: 'lead', dueInWorkingDays: 1 }] },
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('INVALID_STATE');
  });

  it('hides confidential documents from everyone without a grant', async () => {
    const secret = await createDocumentRow(ctx.sql, {
      ownerOrganizationId: await orgOf(ctx.sql, 'province.clerk', 'clerk'),
      confidentiality: 'top_secret',
    });
    expect((await ctx.request({ method: 'POST', url: `/api/v1/documents/${secret}/register`, as: 'province.clerk' })).statusCode).toBe(404);
    expect((await ctx.request({ method: 'GET', url: `/api/v1/documents/${secret}/timeline`, as: 'province.leader' })).statusCode).toBe(404);
  });
});
