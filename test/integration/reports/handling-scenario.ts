import type { TestContext } from '../../helpers/context.js';
import { okJson as ok, onDay, type ClockedApp } from '../../helpers/clock.js';
import { createDocumentRow, orgOf, userId } from '../../helpers/documents.js';

/**
 * The handling reports' scenario (handling-report.test.ts, drilldown.test.ts): documents go through
 * the real handling steps on several days of November 2026 (each day its own clock), in the
 * province, two of its departments (SNV, STC), a district (Vinh) and one of its communes (Bến Thủy).
 * `docs` receives the documents (d1..d8) and the assignments the tests refer to.
 */
export type HandlingScenario = { province: string; snv: string; stc: string; vinh: string; benThuy: string; specialist: string };

export async function seedHandlingScenario(ctx: TestContext, docs: Record<string, string>): Promise<HandlingScenario> {
  const on = (day: string, steps: (app: ClockedApp) => Promise<void>) => onDay(ctx, day, steps);
  async function receive(app: ClockedApp, key: string, owner: string, clerk: string): Promise<string> {
    docs[key] = await createDocumentRow(ctx.sql, { ownerOrganizationId: owner });
    await ok(app, 'POST', `/documents/${docs[key]}/register`, clerk);
    return docs[key];
  }

  async function assign(app: ClockedApp, doc: string, leader: string, assignees: Record<string, unknown>[]) {
    const body = await ok(app, 'POST', `/documents/${doc}/assignments`, leader, { assignees });
    return (body.assignments as { id: string }[]).map((a) => a.id);
  }
  async function userName(id: string): Promise<string | undefined> {
    const [row] = await ctx.sql<{ username: string }[]>`select username from users where id = ${id}`;
    return row?.username;
  }

  const province = await orgOf(ctx.sql, 'province.clerk', 'clerk');
  const snv = await orgOf(ctx.sql, 'u02.leader', 'leader');
  const stc = await orgOf(ctx.sql, 'u03.leader', 'leader');
  const vinh = await orgOf(ctx.sql, 'district.leader', 'leader');
  const benThuy = await orgOf(ctx.sql, 'commune.leader', 'leader');
  const [{ id: specialist }] = await ctx.sql<{ id: string }[]>`
    select u.id from users u join organizations o on o.id = u.organization_id where o.parent_id = ${snv} order by u.username limit 1`;
  const provinceLeader = await userId(ctx.sql, 'province.leader');

  // Monday 2 November.
  await on('2026-11-02', async (app) => {
    const d1 = await receive(app, 'd1', province, 'province.clerk');
    const [lead1] = await assign(app, d1, 'province.leader', [
      { unitId: snv, role: 'lead', dueInWorkingDays: 3 },
      { unitId: stc, role: 'coordinate', dueInWorkingDays: 3 },
    ]);
    docs.lead1 = lead1;
    const divided = await ok(app, 'POST', `/assignments/${lead1}/assignments`, 'u02.leader', {
      assignees: [{ userId: specialist, role: 'lead', dueInWorkingDays: 2 }],
    });
    docs.child1 = (divided.assignments as { id: string }[])[0].id;
    const d2 = await receive(app, 'd2', province, 'province.clerk');
    // Items to inform on d2 (a unit, a person): read receipts, never work the report counts.
    [docs.lead2, docs.informUnit2, docs.informPerson2] = await assign(app, d2, 'province.leader', [
      { unitId: stc, role: 'lead', dueInWorkingDays: 5 },
      { unitId: snv, role: 'inform' },
      { userId: specialist, role: 'inform' },
    ]);
    const d3 = await receive(app, 'd3', vinh, 'district.clerk');
    docs.lead3 = (await assign(app, d3, 'district.leader', [{ unitId: benThuy, role: 'lead', dueInWorkingDays: 2 }]))[0];
    await receive(app, 'd4', benThuy, 'commune.clerk');
    // Presented to the province's leader, due the next working day: the leader takes it up late.
    const d8 = await receive(app, 'd8', province, 'province.clerk');
    await ok(app, 'POST', `/documents/${d8}/present`, 'province.clerk', { leaderUserId: provinceLeader });
  });
  // Wednesday 4 November.
  await on('2026-11-04', async (app) => {
    const d5 = await receive(app, 'd5', province, 'province.clerk');
    docs.lead5 = (await assign(app, d5, 'province.leader', [{ unitId: snv, role: 'lead', dueInWorkingDays: 2 }]))[0];
    await ok(app, 'POST', `/assignments/${docs.lead3}/complete`, 'commune.leader', { result: 'Đã báo cáo' });
    // The specialist opens d2: the item to inform is read, through the same upkeep hook as every step.
    await ok(app, 'GET', `/documents/${docs.d2}`, (await userName(specialist))!);
  });
  // Thursday 5 November: the leader directs d8 two working days after its presentation was due.
  await on('2026-11-05', async (app) => {
    docs.lead8 = (await assign(app, docs.d8, 'province.leader', [{ unitId: snv, role: 'lead', dueInWorkingDays: 3 }]))[0];
  });
  // Monday 9 November: the next holder finishes d8 in time.
  await on('2026-11-09', async (app) => {
    await ok(app, 'POST', `/assignments/${docs.lead8}/complete`, 'u02.leader', { result: 'Xong' });
  });
  // Tuesday 10 November: d1 finished late; d5's deadline extended to the 20th.
  await on('2026-11-10', async (app) => {
    await ok(app, 'POST', `/assignments/${docs.child1}/complete`, (await userName(specialist))!, { result: 'Đã rà soát' });
    await ok(app, 'POST', `/assignments/${docs.lead1}/complete`, 'u02.leader', { result: 'Đã trả lời' });
    await ok(app, 'POST', `/assignments/${docs.lead5}/extension`, 'u02.leader', { requestedDueDate: '2026-11-20', reason: 'Chờ số liệu' });
    await ok(app, 'POST', `/assignments/${docs.lead5}/extension/decision`, 'province.leader', { grant: true });
  });
  // Monday 16 November: d5 done in its extended time; d6 given back (no lead any more); d7 recalled.
  await on('2026-11-16', async (app) => {
    await ok(app, 'POST', `/assignments/${docs.lead5}/complete`, 'u02.leader', { result: 'Xong' });
    const d6 = await receive(app, 'd6', province, 'province.clerk');
    const [lead6] = await assign(app, d6, 'province.leader', [{ unitId: snv, role: 'lead', dueInWorkingDays: 2 }]);
    await ok(app, 'POST', `/assignments/${lead6}/return`, 'u02.leader', { reason: 'Không thuộc thẩm quyền' });
    const d7 = await receive(app, 'd7', vinh, 'district.clerk');
    await assign(app, d7, 'district.leader', [{ unitId: benThuy, role: 'lead', dueInWorkingDays: 2 }]);
    await app.container.db.transaction((tx) =>
      app.container.services.handling.assignments.withdraw(tx, { documentId: d7, actorId: provinceLeader, reason: 'Thu hồi' }),
    );
  });
  return { province, snv, stc, vinh, benThuy, specialist };
}
