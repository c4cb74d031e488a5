import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vnDate } from '../../../src/lib/dates.js';
import { createDocumentRecords } from '../../../src/modules/documents/document-records.service.js';
import { createDocumentWritesRepo } from '../../../src/modules/documents/document-writes.repo.js';
import { createDocumentsRepo } from '../../../src/modules/documents/documents.repo.js';
import { createApprovalsModule } from '../../../src/modules/approvals/approvals.module.js';
import { createCalendarRepo } from '../../../src/modules/calendar/calendar.repo.js';
import { createCalendarService } from '../../../src/modules/calendar/calendar.service.js';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { approvalsApi, fakePdf, multipart, type Draft } from './helpers.js';

/**
 * The outgoing approval workflow end to end, as demo users and users made here:
 * Văn phòng UBND tỉnh drafts, a head of division checks, consultation in parallel, the Chairman signs.
 */
describe('approvals', () => {
  let ctx: TestContext;
  let api: ReturnType<typeof approvalsApi>;
  let province: string;
  let specialistUnit: string;
  let noiChinh: string;
  let leader: string;
  let truongPhong: string;
  const consultants: string[] = [];
  let pho: string;

  beforeAll(async () => {
    ctx = await createTestContext();
    api = approvalsApi(ctx);
    province = await api.provinceId();
    specialistUnit = await api.orgIdOf('province.specialist');
    [{ id: noiChinh }] = await ctx.sql<{ id: string }[]>`select id from organizations where name = 'Phòng Nội chính'`;
    leader = await api.userId('province.leader');
    // The head of the drafting division (its leader), three consultants, two specialists of Phòng Nội chính, a vice-chairman.
    truongPhong = await api.createUser('tp.ktth', specialistUnit, [{ organizationId: specialistUnit, role: 'leader' }], 'Trưởng phòng');
    for (const n of [1, 2, 3])
      consultants.push(await api.createUser(`gopy.${n}`, specialistUnit, [{ organizationId: specialistUnit, role: 'specialist' }]));
    await api.createUser('nc.cv1', noiChinh, [{ organizationId: noiChinh, role: 'specialist' }]);
    await api.createUser('nc.cv2', noiChinh, [{ organizationId: noiChinh, role: 'specialist' }]);
    pho = await api.createUser('pho.chutich', province, [{ organizationId: province, role: 'leader' }], 'Phó Chủ tịch');
  });

  afterAll(async () => {
    await ctx?.close();
  });

  /** Two sequential steps around a parallel consultation (quorum N and any), the last one signing. */
  const fullSteps = () => [
    { order: 1, name: 'Trưởng phòng kiểm tra', approvers: [{ unitHeadOf: specialistUnit }], quorum: 'all', dueInWorkingDays: 2 },
    {
      order: 2,
      name: 'Góp ý chuyên viên',
      approvers: consultants.map((userId) => ({ userId })),
      quorum: { n: 2 },
      parallel: true,
      dueInWorkingDays: 3,
    },
    {
      order: 2,
      name: 'Góp ý Phòng Nội chính',
      approvers: [{ role: 'specialist', unitId: noiChinh }],
      quorum: 'any',
      parallel: true,
      dueInWorkingDays: 3,
    },
    { order: 3, name: 'Chủ tịch ký', approvers: [{ userId: leader }], quorum: 'all', dueInWorkingDays: 1, isSigningStep: true },
  ];

  const draftOf = (type: string, subject = `Dự thảo ${type}`) => ({ type, subject, organizationId: province });

  it('runs sequential steps, a parallel consultation with quorum N and any, then the signing step', async () => {
    await api.createTemplate('province.leader', {
      organizationId: province,
      typeName: 'Tờ trình',
      name: 'Trình ký Tờ trình',
      steps: fullSteps(),
    });
    const created = await api.createDraft('province.specialist', draftOf('Tờ trình'), 2);
    expect(created).toMatchObject({
      status: 'draft',
      currentVersion: 1,
      organizationId: province,
      draftingUnitId: specialistUnit,
      workflow: null,
    });
    expect(created.versions[0].attachments).toHaveLength(2);

    let d = await api.submitOk('province.specialist', created.id);
    expect(d.status).toBe('in_approval');
    expect(d.workflow).toMatchObject({ status: 'running', round: 1, templateVersion: 1, currentOrder: 1 });
    const check = api.step(d, 'Trưởng phòng kiểm tra');
    expect(check).toMatchObject({ status: 'active', required: 1 });
    expect(check.approvers.map((a) => a.userId)).toEqual([truongPhong]);
    expect(api.step(d, 'Góp ý chuyên viên').status).toBe('waiting');
    // The deadline comes from the working-day calendar.
    expect(check.dueDate).toBe(await ctx.container.services.calendar.addWorkingDays(vnDate(), 2));

    // The signer may not act before their step is active; the head of division approves.
    expect((await api.act('province.leader', api.step(d, 'Chủ tịch ký').id, 'approve')).statusCode).toBe(409);
    const r1 = await api.act('tp.ktth', check.id, 'approve', { comment: 'Đạt' });
    expect(r1.statusCode, r1.body).toBe(200);

    d = await api.get('province.specialist', created.id);
    const gopY = api.step(d, 'Góp ý chuyên viên');
    const noiChinhStep = api.step(d, 'Góp ý Phòng Nội chính');
    expect(d.workflow!.currentOrder).toBe(2);
    expect(gopY).toMatchObject({ status: 'active', required: 2 });
    expect(noiChinhStep).toMatchObject({ status: 'active', required: 1 });
    expect(noiChinhStep.approvers.map((a) => a.userId)).toEqual(
      expect.arrayContaining([await api.userId('nc.cv1'), await api.userId('nc.cv2')]),
    );

    // The consultation's work lists.
    const work = await ctx.request({ method: 'GET', url: '/api/v1/approvals?status=pending', as: 'gopy.1' });
    expect(work.json<{ items: { stepId: string; draftId: string }[] }>().items).toEqual([
      expect.objectContaining({ stepId: gopY.id, draftId: created.id }),
    ]);

    expect((await api.act('gopy.1', gopY.id, 'approve')).json()).toMatchObject({ step: { status: 'active' }, instanceStatus: 'running' });
    // Deciding twice is refused; a consultant of one step is not an approver of the other.
    expect((await api.act('gopy.1', gopY.id, 'approve')).statusCode).toBe(409);
    expect((await api.act('gopy.1', noiChinhStep.id, 'approve')).statusCode).toBe(403);
    expect((await api.act('nc.cv2', noiChinhStep.id, 'approve')).json()).toMatchObject({ step: { status: 'approved' } });
    // Quorum any: the other specialist of the unit is no longer needed.
    expect((await api.act('nc.cv1', noiChinhStep.id, 'approve')).statusCode).toBe(409);

    d = await api.get('province.specialist', created.id);
    expect(d.workflow!.currentOrder).toBe(2);
    expect(api.step(d, 'Chủ tịch ký').status).toBe('waiting');
    expect((await api.act('gopy.3', gopY.id, 'approve')).json()).toMatchObject({ step: { status: 'approved' } });
    // Quorum 2 of 3 reached: the third consultant is too late.
    expect((await api.act('gopy.2', gopY.id, 'approve')).statusCode).toBe(409);

    d = await api.get('province.specialist', created.id);
    const sign = api.step(d, 'Chủ tịch ký');
    expect(sign.status).toBe('active');
    // The owner's clerk sees the draft but is not an approver.
    expect((await api.act('province.clerk', sign.id, 'approve')).statusCode).toBe(403);
    const leaderWork = await ctx.request({ method: 'GET', url: '/api/v1/approvals', as: 'province.leader' });
    expect(leaderWork.json<{ items: { stepId: string; isSigningStep: boolean }[] }>().items).toContainEqual(
      expect.objectContaining({ stepId: sign.id, isSigningStep: true }),
    );

    const done = await api.act('province.leader', sign.id, 'approve');
    expect(done.json()).toMatchObject({ instanceStatus: 'approved', draftStatus: 'approved' });
    d = await api.get('province.specialist', created.id);
    expect(d).toMatchObject({
      status: 'approved',
      signerUserId: leader,
      signerActingForId: null,
      signerAuthority: null,
      workflow: { status: 'approved', currentOrder: null },
    });
    const [doc] = await ctx.sql<
      { status: string; signer_name: string }[]
    >`select status, signer_name from documents where id = ${created.id}`;
    expect(doc).toEqual({ status: 'approved', signer_name: 'Lê Hồng Vinh' });
    // Every action left an audit event.
    const actions = await ctx.sql<{ action: string }[]>`select action from audit_events where subject_id = ${created.id} order by id`;
    expect(actions.map((a) => a.action)).toEqual(['draft.create', 'draft.submit', ...Array(5).fill('approval.step.approve')]);
    // Nothing left to do, and a finished workflow cannot be resubmitted.
    expect((await api.submit('province.specialist', created.id)).statusCode).toBe(409);
  });

  it('keeps the template version an instance started with after the template is edited', async () => {
    const v1 = await api.createTemplate('admin', {
      organizationId: province,
      typeName: 'Kế hoạch',
      name: 'Kế hoạch',
      steps: [
        { order: 1, name: 'Chủ tịch duyệt', approvers: [{ userId: leader }], quorum: 'all', dueInWorkingDays: 1, isSigningStep: true },
      ],
    });
    const first = await api.createDraft('province.specialist', draftOf('Kế hoạch'), 0);
    let d1 = await api.submitOk('province.specialist', first.id);
    expect(d1.workflow).toMatchObject({ templateId: v1.id, templateVersion: 1 });

    const edited = await ctx.request({
      method: 'PUT',
      url: `/api/v1/approval-templates/${v1.id}`,
      as: 'province.leader',
      payload: { steps: fullSteps() },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const v2 = edited.json<{ id: string; familyId: string; version: number; current: boolean }>();
    expect(v2).toMatchObject({ familyId: v1.id, version: 2, current: true });
    // The old version cannot be edited again (only the current one).
    expect(
      (await ctx.request({ method: 'PUT', url: `/api/v1/approval-templates/${v1.id}`, as: 'admin', payload: { steps: fullSteps() } }))
        .statusCode,
    ).toBe(409);

    const list = await ctx.request({
      method: 'GET',
      url: `/api/v1/approval-templates?organizationId=${province}&typeName=K%E1%BA%BF%20ho%E1%BA%A1ch`,
      as: 'province.specialist',
    });
    expect(list.json<{ items: { id: string }[] }>().items.map((t) => t.id)).toEqual([v2.id]);
    const all = await ctx.request({
      method: 'GET',
      url: `/api/v1/approval-templates?organizationId=${province}&typeName=K%E1%BA%BF%20ho%E1%BA%A1ch&all=true`,
      as: 'province.leader',
    });
    expect(all.json<{ items: { version: number }[] }>().items.map((t) => t.version)).toEqual([2, 1]);

    // The running instance still has one step (version 1) and finishes on it.
    d1 = await api.get('province.specialist', first.id);
    expect(d1.workflow!.steps.map((s) => s.name)).toEqual(['Chủ tịch duyệt']);
    expect((await api.act('province.leader', d1.workflow!.steps[0].id, 'approve')).json()).toMatchObject({ draftStatus: 'approved' });

    // A new draft starts on version 2; a superseded version cannot be chosen.
    const second = await api.createDraft('province.specialist', draftOf('Kế hoạch'), 0);
    expect((await api.submit('province.specialist', second.id, { templateId: v1.id })).statusCode).toBe(409);
    const d2 = await api.submitOk('province.specialist', second.id);
    expect(d2.workflow).toMatchObject({ templateId: v2.id, templateVersion: 2 });
    expect(d2.workflow!.steps).toHaveLength(4);
  });

  it('returns a draft for revision, then restarts from the first step on the same template version after a new version', async () => {
    const t = await api.createTemplate('province.leader', {
      organizationId: province,
      typeName: 'Báo cáo',
      name: 'Báo cáo',
      steps: [
        { order: 1, name: 'Kiểm tra', approvers: [{ unitHeadOf: specialistUnit }], quorum: 'any', dueInWorkingDays: 2 },
        { order: 2, name: 'Ký', approvers: [{ userId: leader }], quorum: 'all', dueInWorkingDays: 2, isSigningStep: true },
      ],
    });
    const created = await api.createDraft('province.specialist', draftOf('Báo cáo'));
    let d = await api.submitOk('province.specialist', created.id);
    expect((await api.act('tp.ktth', api.step(d, 'Kiểm tra').id, 'approve')).statusCode).toBe(200);
    d = await api.get('province.specialist', created.id);
    const sign1 = api.step(d, 'Ký');

    // Comments on version 1, by the signer; then the signer returns it.
    const comment = await ctx.request({
      method: 'POST',
      url: `/api/v1/drafts/${created.id}/versions/1/comments`,
      as: 'province.leader',
      payload: { text: 'Sửa số liệu ở trang 2', page: 2 },
    });
    expect(comment.statusCode, comment.body).toBe(201);
    expect(
      (
        await ctx.request({
          method: 'POST',
          url: `/api/v1/drafts/${created.id}/versions/9/comments`,
          as: 'province.leader',
          payload: { text: 'x' },
        })
      ).statusCode,
    ).toBe(404);
    expect((await api.act('province.leader', sign1.id, 'return', {})).statusCode).toBe(400);
    expect((await api.act('province.leader', sign1.id, 'return', { comment: 'Bổ sung số liệu quý III' })).json()).toMatchObject({
      instanceStatus: 'returned',
      draftStatus: 'returned',
      step: { status: 'returned' },
    });

    d = await api.get('province.specialist', created.id);
    expect(d.status).toBe('returned');
    expect(d.versions[0].comments).toEqual([expect.objectContaining({ text: 'Sửa số liệu ở trang 2', page: 2, version: 1 })]);
    expect(api.step(d, 'Ký').approvers[0]).toMatchObject({ decision: 'returned', comment: 'Bổ sung số liệu quý III' });

    // The template changes meanwhile; a resubmission without a new version is refused.
    const edit = await ctx.request({
      method: 'PUT',
      url: `/api/v1/approval-templates/${t.id}`,
      as: 'province.leader',
      payload: { steps: [{ order: 1, name: 'Ký mới', approvers: [{ userId: leader }], quorum: 'all', dueInWorkingDays: 1 }] },
    });
    expect(edit.statusCode).toBe(200);
    expect((await api.submit('province.specialist', created.id)).statusCode).toBe(409);
    // Only the drafter adds versions.
    expect((await api.addVersion('province.clerk', created.id)).statusCode).toBe(403);
    const v2 = await api.addVersion('province.specialist', created.id, 'Đã bổ sung số liệu');
    expect(v2.statusCode, v2.body).toBe(201);
    expect(v2.json<Draft>()).toMatchObject({ currentVersion: 2, status: 'returned' });

    d = await api.submitOk('province.specialist', created.id);
    expect(d.workflow).toMatchObject({
      id: d.workflow!.id,
      templateId: t.id,
      templateVersion: 1,
      round: 2,
      draftVersion: 2,
      status: 'running',
      currentOrder: 1,
    });
    expect(d.workflow!.steps.map((s) => [s.name, s.status])).toEqual([
      ['Kiểm tra', 'active'],
      ['Ký', 'waiting'],
    ]);
    // Versions may not change while the draft is in approval.
    expect((await api.addVersion('province.specialist', created.id)).statusCode).toBe(409);
    // The round-1 step is over.
    expect((await api.act('province.leader', sign1.id, 'approve')).statusCode).toBe(409);
  });

  it('rejects a draft for good', async () => {
    await api.createTemplate('province.leader', {
      organizationId: province,
      typeName: 'Thông báo',
      name: 'Thông báo',
      steps: [{ order: 1, name: 'Ký', approvers: [{ userId: leader }], quorum: 'all', dueInWorkingDays: 1, isSigningStep: true }],
    });
    const created = await api.createDraft('province.specialist', draftOf('Thông báo'));
    const d = await api.submitOk('province.specialist', created.id);
    const step = api.step(d, 'Ký');
    expect((await api.act('province.leader', step.id, 'reject', { reason: 'Không thuộc thẩm quyền' })).json()).toMatchObject({
      instanceStatus: 'rejected',
      draftStatus: 'rejected',
    });
    expect(await api.get('province.specialist', created.id)).toMatchObject({
      status: 'rejected',
      rejectedReason: 'Không thuộc thẩm quyền',
      workflow: { status: 'rejected' },
    });
    expect((await api.act('province.leader', step.id, 'approve')).statusCode).toBe(409);
    expect((await api.submit('province.specialist', created.id)).statusCode).toBe(409);
    expect((await api.addVersion('province.specialist', created.id)).statusCode).toBe(409);
  });

  it('counts the work list past its limit (issue 12, item 12)', async () => {
    await api.createTemplate('province.leader', {
      organizationId: province,
      typeName: 'Phương án',
      name: 'Phương án',
      steps: [{ order: 1, name: 'Kiểm tra', approvers: [{ userId: truongPhong }], quorum: 'all', dueInWorkingDays: 1 }],
    });
    const work = async (query: string) =>
      (await ctx.request({ method: 'GET', url: `/api/v1/approvals?${query}`, as: 'tp.ktth' })).json<{
        items: unknown[];
        total: number;
        totalIsEstimate: boolean;
      }>();
    const before = (await work('status=pending')).total;
    for (let i = 0; i < 3; i++)
      await api.submitOk('province.specialist', (await api.createDraft('province.specialist', draftOf('Phương án'))).id);
    expect(await work('status=pending')).toMatchObject({ total: before + 3, totalIsEstimate: false });
    const cut = await work('status=pending&limit=2');
    expect(cut.items).toHaveLength(2);
    // No delegation to check: the database's count is exact.
    expect(cut).toMatchObject({ total: before + 3, totalIsEstimate: false });
  });

  it('lets a delegate act on the leader’s steps and records the authority prefix', async () => {
    await api.createTemplate('province.leader', {
      organizationId: province,
      typeName: 'Quyết định',
      name: 'Quyết định',
      steps: [
        { order: 1, name: 'Duyệt nội dung', approvers: [{ userId: leader }], quorum: 'all', dueInWorkingDays: 1 },
        { order: 2, name: 'Ký', approvers: [{ userId: leader }], quorum: 'all', dueInWorkingDays: 1, isSigningStep: true },
      ],
    });
    const today = vnDate();
    const later = await ctx.container.services.calendar.addWorkingDays(today, 10);

    // Only leaders delegate; an approve-only delegation does not cover signing.
    expect(
      (
        await ctx.request({
          method: 'POST',
          url: '/api/v1/delegations',
          as: 'province.specialist',
          payload: { delegateUserId: pho, scope: 'both', from: today, to: later, authorityPrefix: 'KT.' },
        })
      ).statusCode,
    ).toBe(403);
    const approveOnly = await ctx.request({
      method: 'POST',
      url: '/api/v1/delegations',
      as: 'province.leader',
      payload: { delegateUserId: pho, scope: 'approve', from: today, to: later, authorityPrefix: 'KT.', note: 'Đi công tác' },
    });
    expect(approveOnly.statusCode, approveOnly.body).toBe(201);

    const created = await api.createDraft('province.specialist', draftOf('Quyết định'));
    let d = await api.submitOk('province.specialist', created.id);
    // The delegate sees the draft (as a delegate of its approver) and the step in their work list.
    const work = await ctx.request({ method: 'GET', url: '/api/v1/approvals', as: 'pho.chutich' });
    expect(work.json<{ items: unknown[] }>().items).toEqual([
      expect.objectContaining({ draftId: created.id, actingForId: leader, stepName: 'Duyệt nội dung' }),
    ]);
    const r = await api.act('pho.chutich', api.step(d, 'Duyệt nội dung').id, 'approve');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json<{ step: { approvers: unknown[] } }>().step.approvers[0]).toMatchObject({
      userId: leader,
      decision: 'approved',
      actedBy: pho,
      actingForId: leader,
      authorityPrefix: 'KT.',
    });

    d = await api.get('pho.chutich', created.id);
    const sign = api.step(d, 'Ký');
    expect((await api.act('pho.chutich', sign.id, 'approve')).statusCode).toBe(403);

    // Revoked, then replaced by one that covers signing.
    const revoke = await ctx.request({
      method: 'DELETE',
      url: `/api/v1/delegations/${approveOnly.json<{ id: string }>().id}`,
      as: 'province.leader',
    });
    expect(revoke.statusCode).toBe(200);
    expect(revoke.json()).toMatchObject({ revokedAt: expect.any(String) });
    expect((await ctx.request({ method: 'GET', url: '/api/v1/approvals', as: 'pho.chutich' })).json<{ items: unknown[] }>().items).toEqual(
      [],
    );
    const both = await ctx.request({
      method: 'POST',
      url: '/api/v1/delegations',
      as: 'province.leader',
      payload: { delegateUserId: pho, scope: 'both', from: today, to: later, authorityPrefix: 'KT.' },
    });
    expect(both.statusCode).toBe(201);

    const signed = await api.act('pho.chutich', sign.id, 'approve', { comment: 'KT. Chủ tịch' });
    expect(signed.json()).toMatchObject({ draftStatus: 'approved' });
    d = await api.get('province.specialist', created.id);
    expect(d).toMatchObject({ status: 'approved', signerUserId: pho, signerActingForId: leader, signerAuthority: 'KT.' });
    const [doc] = await ctx.sql<
      { signer_name: string; signer_position: string; signer_authority: string }[]
    >`select signer_name, signer_position, signer_authority from documents where id = ${created.id}`;
    expect(doc).toEqual({ signer_name: 'Người dùng pho.chutich', signer_position: 'Phó Chủ tịch', signer_authority: 'KT.' });

    const listed = await ctx.request({ method: 'GET', url: '/api/v1/delegations', as: 'pho.chutich' });
    expect(listed.json<{ given: unknown[]; received: unknown[] }>()).toMatchObject({
      given: [],
      received: [expect.objectContaining({ scope: 'both' }), expect.objectContaining({ scope: 'approve' })],
    });
    // The delegate cannot revoke; others do not see it.
    const bothId = both.json<{ id: string }>().id;
    expect((await ctx.request({ method: 'DELETE', url: `/api/v1/delegations/${bothId}`, as: 'pho.chutich' })).statusCode).toBe(403);
    expect((await ctx.request({ method: 'DELETE', url: `/api/v1/delegations/${bothId}`, as: 'district.leader' })).statusCode).toBe(404);
  });

  it('never re-delegates a TUQ. delegation, while a KT. one may be passed on', async () => {
    const today = vnDate();
    const tuq = await ctx.request({
      method: 'POST',
      url: '/api/v1/delegations',
      as: 'province.leader',
      payload: { delegateUserId: truongPhong, scope: 'approve', from: today, to: today, authorityPrefix: 'TUQ.' },
    });
    expect(tuq.statusCode).toBe(201);
    const again = await ctx.request({
      method: 'POST',
      url: '/api/v1/delegations',
      as: 'tp.ktth',
      payload: {
        delegateUserId: consultants[0],
        scope: 'approve',
        from: today,
        to: today,
        authorityPrefix: 'TUQ.',
        parentDelegationId: tuq.json<{ id: string }>().id,
      },
    });
    expect(again.statusCode).toBe(422);
    expect(again.json()).toMatchObject({ error: { code: 'UNPROCESSABLE' } });

    const kt = await ctx.request({
      method: 'POST',
      url: '/api/v1/delegations',
      as: 'district.leader',
      payload: { delegateUserId: truongPhong, scope: 'both', from: today, to: today, authorityPrefix: 'TL.' },
    });
    const passed = await ctx.request({
      method: 'POST',
      url: '/api/v1/delegations',
      as: 'tp.ktth',
      payload: {
        delegateUserId: consultants[0],
        scope: 'approve',
        from: today,
        to: today,
        authorityPrefix: 'TL.',
        parentDelegationId: kt.json<{ id: string }>().id,
      },
    });
    expect(passed.statusCode, passed.body).toBe(201);
    // Wider than what was received: refused.
    const wider = await ctx.request({
      method: 'POST',
      url: '/api/v1/delegations',
      as: 'tp.ktth',
      payload: {
        delegateUserId: consultants[1],
        scope: 'both',
        from: today,
        to: await ctx.container.services.calendar.addWorkingDays(today, 3),
        authorityPrefix: 'TL.',
        parentDelegationId: kt.json<{ id: string }>().id,
      },
    });
    expect(wider.statusCode).toBe(400);
  });

  it('answers 404 to users of another organisation and 403 to non-drafters', async () => {
    await api.createTemplate('province.leader', {
      organizationId: province,
      typeName: 'Hướng dẫn',
      name: 'Hướng dẫn',
      steps: [{ order: 1, name: 'Ký', approvers: [{ userId: leader }], quorum: 'all', dueInWorkingDays: 1, isSigningStep: true }],
    });
    const created = await api.createDraft('province.specialist', draftOf('Hướng dẫn'));
    const main = created.versions[0].mainFile;

    const [{ username: someSpecialist }] = await ctx.sql<
      { username: string }[]
    >`select username from users where username like 'cv%' order by username limit 1`;
    for (const as of ['district.clerk', 'district.leader', 'commune.leader', someSpecialist]) {
      expect((await ctx.request({ method: 'GET', url: `/api/v1/drafts/${created.id}`, as })).statusCode, as).toBe(404);
      expect((await ctx.request({ method: 'GET', url: `/api/v1/drafts/${created.id}/files/${main.id}`, as })).statusCode, as).toBe(404);
    }
    expect(
      (
        await ctx.request({
          method: 'POST',
          url: `/api/v1/drafts/${created.id}/versions/1/comments`,
          as: 'district.leader',
          payload: { text: 'x' },
        })
      ).statusCode,
    ).toBe(404);
    // The owner's clerk sees it but only the drafter submits.
    expect((await ctx.request({ method: 'GET', url: `/api/v1/drafts/${created.id}`, as: 'province.clerk' })).statusCode).toBe(200);
    expect((await api.submit('province.clerk', created.id)).statusCode).toBe(403);

    const d = await api.submitOk('province.specialist', created.id);
    const step = api.step(d, 'Ký');
    expect((await api.act('district.leader', step.id, 'approve')).statusCode).toBe(404);
    expect((await api.act('district.leader', step.id, 'reject', { reason: 'x' })).statusCode).toBe(404);

    // The drafter downloads the main file as stored.
    const file = await ctx.request({ method: 'GET', url: `/api/v1/drafts/${created.id}/files/${main.id}`, as: 'province.specialist' });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    // Drafting for another organisation, or templates of an organisation one does not lead, is refused.
    const { payload, headers } = multipart([
      { name: 'metadata', value: JSON.stringify({ type: 'Công văn', subject: 'x', organizationId: await api.orgIdOf('district.clerk') }) },
      { name: 'file', filename: 'a.pdf', content: fakePdf(), contentType: 'application/pdf' },
    ]);
    expect((await ctx.request({ method: 'POST', url: '/api/v1/drafts', payload, headers, as: 'province.specialist' })).statusCode).toBe(
      403,
    );
    expect(
      (
        await ctx.request({
          method: 'POST',
          url: '/api/v1/approval-templates',
          as: 'district.leader',
          payload: { organizationId: province, name: 'x', steps: fullSteps() },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('refuses bad drafts and templates without leaving anything behind', async () => {
    const before = await ctx.sql<{ n: number }[]>`select count(*)::int as n from documents`;
    // A main file that is not a PDF.
    const { payload, headers } = multipart([
      { name: 'metadata', value: JSON.stringify({ type: 'Công văn', subject: 'x', organizationId: province }) },
      { name: 'file', filename: 'a.txt', content: Buffer.from('hello world, plain text'), contentType: 'text/plain' },
    ]);
    expect((await ctx.request({ method: 'POST', url: '/api/v1/drafts', payload, headers, as: 'province.specialist' })).statusCode).toBe(
      415,
    );
    const after = await ctx.sql<{ n: number }[]>`select count(*)::int as n from documents`;
    expect(after[0].n).toBe(before[0].n);

    const bad = (steps: unknown[]) =>
      ctx.request({
        method: 'POST',
        url: '/api/v1/approval-templates',
        as: 'province.leader',
        payload: { organizationId: province, typeName: 'Công văn', name: 'x', steps },
      });
    // Two signing steps; a signing step before the end; an unknown user; an unknown type.
    const signing = { order: 2, name: 'Ký', approvers: [{ userId: leader }], quorum: 'all', dueInWorkingDays: 1, isSigningStep: true };
    expect((await bad([{ ...signing, order: 1, name: 'Ký 1' }, signing])).statusCode).toBe(400);
    expect(
      (
        await bad([
          { ...signing, order: 1 },
          { order: 2, name: 'Sau', approvers: [{ userId: leader }], quorum: 'any', dueInWorkingDays: 1 },
        ])
      ).statusCode,
    ).toBe(400);
    expect((await bad([{ ...signing, approvers: [{ userId: '00000000-0000-4000-8000-000000000000' }] }])).statusCode).toBe(400);
    expect(
      (
        await ctx.request({
          method: 'POST',
          url: '/api/v1/approval-templates',
          as: 'province.leader',
          payload: { organizationId: province, typeName: 'Không có', name: 'x', steps: [signing] },
        })
      ).statusCode,
    ).toBe(400);

    // No template for the type: submission is refused with a reason.
    const created = await api.createDraft('province.specialist', draftOf('Giấy mời'));
    const noTemplate = await api.submit('province.specialist', created.id);
    expect(noTemplate.statusCode).toBe(422);
    // A step nobody can staff (quorum 2 in a unit with no leader... here: a unit without specialists).
    await api.createTemplate('province.leader', {
      organizationId: province,
      typeName: 'Giấy mời',
      name: 'Giấy mời',
      steps: [{ order: 1, name: 'Trống', approvers: [{ role: 'clerk', unitId: noiChinh }], quorum: 'all', dueInWorkingDays: 1 }],
    });
    expect((await api.submit('province.specialist', created.id)).statusCode).toBe(422);
    expect((await api.get('province.specialist', created.id)).status).toBe('draft');
  });

  it('serialises concurrent decisions: a quorum-all step completes once and the next order activates once', async () => {
    await api.createTemplate('province.leader', {
      organizationId: province,
      typeName: 'Đề án',
      name: 'Đề án',
      steps: [
        { order: 1, name: 'Góp ý', approvers: consultants.map((userId) => ({ userId })), quorum: 'all', dueInWorkingDays: 2 },
        { order: 2, name: 'Ký', approvers: [{ userId: leader }], quorum: 'all', dueInWorkingDays: 1, isSigningStep: true },
      ],
    });
    const created = await api.createDraft('province.specialist', draftOf('Đề án'));
    let d = await api.submitOk('province.specialist', created.id);
    const step = api.step(d, 'Góp ý');
    const results = await Promise.all(['gopy.1', 'gopy.2', 'gopy.3'].map((as) => api.act(as, step.id, 'approve')));
    expect(results.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    d = await api.get('province.specialist', created.id);
    expect(d.workflow!.steps.map((s) => [s.name, s.status, s.approvers.length])).toEqual([
      ['Góp ý', 'approved', 3],
      ['Ký', 'active', 1],
    ]);
    const [{ n }] = await ctx.sql<
      { n: number }[]
    >`select count(*)::int as n from approval_step_approvers a join approval_steps s on s.id = a.step_id where s.instance_id = ${d.workflow!.id}`;
    expect(n).toBe(4);

    // Approved: the signing service reads who must sign and which file.
    expect(await ctx.container.services.approvals.workflow.readyToSign(ctx.container.db, created.id)).toBeUndefined();
    await api.act('province.leader', api.step(d, 'Ký').id, 'approve');
    expect(await ctx.container.services.approvals.workflow.readyToSign(ctx.container.db, created.id)).toMatchObject({
      documentId: created.id,
      organizationId: province,
      draftVersion: 1,
      mainFileId: created.versions[0].mainFile.id,
      signerUserId: leader,
      signerActingForId: null,
    });
  });

  it('documents every route in the OpenAPI document', async () => {
    const doc = await ctx.app.inject({ method: 'GET', url: '/docs/json' });
    const paths = Object.keys(doc.json<{ paths: Record<string, unknown> }>().paths);
    for (const p of [
      '/api/v1/drafts',
      '/api/v1/drafts/{id}/versions',
      '/api/v1/drafts/{id}/submit',
      '/api/v1/drafts/{id}/versions/{n}/comments',
      '/api/v1/approval-steps/{id}/return',
      '/api/v1/approvals',
      '/api/v1/approval-templates',
      '/api/v1/delegations/{id}',
    ]) {
      expect(paths).toContain(p);
    }
  });

  it('sets deadlines in working days from the calendar (Giỗ Tổ, 30/4 and 1/5 skipped)', async () => {
    await api.createTemplate('province.leader', {
      organizationId: province,
      typeName: 'Chương trình',
      name: 'Chương trình',
      steps: [
        { order: 1, name: 'Một ngày', approvers: [{ userId: leader }], quorum: 'all', dueInWorkingDays: 1 },
        { order: 1, name: 'Ba ngày', approvers: [{ unitHeadOf: specialistUnit }], quorum: 'all', parallel: true, dueInWorkingDays: 3 },
      ],
    });
    const created = await api.createDraft('province.specialist', draftOf('Chương trình'));
    // The same service on a clock fixed at Friday 24 April 2026, 10:00 in Vietnam.
    const { db, storage, config, services } = ctx.container;
    const calendar = createCalendarService({
      db,
      calendarRepo: createCalendarRepo(),
      audit: services.audit,
      now: () => new Date('2026-04-24T03:00:00Z'),
    });
    const documents = createDocumentRecords({ documentsRepo: createDocumentsRepo(), writesRepo: createDocumentWritesRepo() });
    const sut = createApprovalsModule({ db, storage, uploads: config.uploads, calendar, audit: services.audit, documents }).workflow;
    const principal = await services.users.authenticate(await ctx.login('province.specialist'));
    const d = await sut.submit(principal, created.id, {});
    const due = Object.fromEntries(d.workflow!.steps.map((s) => [s.name, s.dueDate]));
    // Mon 27/4 is the day off for Giỗ Tổ (Sun 26/4); Thu 30/4 and Fri 1/5 are holidays.
    expect(due).toEqual({ 'Một ngày': '2026-04-28', 'Ba ngày': '2026-05-04' });
  });
});
