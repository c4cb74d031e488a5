import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { orgOf } from '../../helpers/documents.js';
import { deliveriesOf, get, issuedDocument, orgByCode, post, trail } from '../exchange-dispatch/helpers.js';
import { parsed, startFakePeer, type FakePeer } from './fake-peer.js';
import { createPeer, startExchangeWorkers, waitFor } from './helpers.js';

let ctx: TestContext;
let peer: FakePeer;
let workers: ReturnType<typeof startExchangeWorkers>;
let province: string;

beforeAll(async () => {
  peer = await startFakePeer();
  ctx = await createTestContext();
  await createPeer(ctx, { baseUrl: peer.url, remotePeerId: 'peer-h41' });
  workers = startExchangeWorkers(ctx);
  province = await orgByCode(ctx, '000.00.00.H41');
});
afterAll(async () => {
  await workers?.close();
  await ctx?.close();
  await peer?.close();
});

const codesOf = async (documentId: string) => trail((await deliveriesOf(ctx, documentId))[0]);
const hasCode = (documentId: string, code: string) => async () => (await codesOf(documentId)).includes(code);
const deadLetterIds = async () =>
  (await get(ctx, '/exchange/dead-letters?limit=500', 'admin')).json<{ items: { id: string }[] }>().items.map((i) => i.id);

describe('dead-letter replay of remote notices', () => {
  it('replays a dead-lettered replacement as a replacement (BussinessDocType 3) naming the replaced document', async () => {
    peer.mode = { status: 202, delayMs: 0 };
    const organId = '000.00.70.H99';
    const old = await issuedDocument(ctx, { ownerOrganizationId: province, number: '701', subject: 'Kế hoạch liên tỉnh (bản cũ)' });
    const sentOld = await post(ctx, `/documents/${old.id}/dispatch`, 'province.clerk', {
      recipients: [{ organId, name: 'UBND huyện Bảy Mươi' }],
    });
    expect(sentOld.statusCode, sentOld.body).toBe(202);
    const oldEdxmlId = sentOld.json<{ edxmlDocumentId: string }>().edxmlDocumentId;
    await waitFor(hasCode(old.id, 'sent'), { what: 'old document sent' });

    // The peer refuses the replacement for good (4xx): dead-lettered at once.
    peer.mode = { status: 400, delayMs: 0 };
    const replacement = await issuedDocument(ctx, {
      ownerOrganizationId: province,
      number: '702',
      subject: 'Kế hoạch liên tỉnh (bản thay thế)',
    });
    const res = await post(ctx, `/documents/${replacement.id}/dispatch`, 'province.clerk', {
      replaces: { documentId: old.id, reason: 'Thay thế do sai số liệu' },
    });
    expect(res.statusCode, res.body).toBe(202);
    const newEdxmlId = res.json<{ edxmlDocumentId: string }>().edxmlDocumentId;
    await waitFor(async () => (await deliveriesOf(ctx, replacement.id))[0].state === 'dead', { what: 'replacement dead-lettered' });
    const [dead] = await deliveriesOf(ctx, replacement.id);
    expect(await deadLetterIds()).toContain(dead.id);
    const firstTry = await parsed(peer.sentTo(organId).at(-1)!);
    expect(firstTry.business).toMatchObject({ docType: 3 });

    peer.mode = { status: 202, delayMs: 0 };
    const before = peer.sentTo(organId).length;
    const replay = await post(ctx, `/exchange/dead-letters/${dead.id}/replay`, 'admin');
    expect(replay.statusCode, replay.body).toBe(202);
    expect(replay.json()).toMatchObject({ state: 'pending' });
    await waitFor(hasCode(replacement.id, 'sent:3'), { what: 'replacement re-sent as a replacement' });

    const again = peer.sentTo(organId).slice(before);
    expect(again).toHaveLength(1);
    const pkg = await parsed(again[0]);
    expect(pkg.kind).toBe('edoc');
    if (pkg.kind !== 'edoc') return;
    expect(pkg.header.documentId).toBe(newEdxmlId);
    expect(pkg.header.subject).toBe('Kế hoạch liên tỉnh (bản thay thế)');
    expect(pkg.business).toMatchObject({
      docType: 3,
      reason: 'Thay thế do sai số liệu',
      documentId: oldEdxmlId,
      replacementInfoList: [{ documentId: oldEdxmlId, organIds: [organId] }],
    });
    expect(pkg.attachments.map((a) => a.name)).toEqual(['cong-van.pdf']);
    expect(await codesOf(replacement.id)).toEqual(['dead-lettered', 'replayed', 'sent:3']);
    expect(await deadLetterIds()).not.toContain(dead.id);

    // Dead-lettering and the replay are both in the audit chain.
    const audit = await ctx.sql<{ action: string; details: Record<string, unknown> }[]>`
      select action, details from audit_events where subject_id = ${dead.id} order by id`;
    expect(audit.map((a) => a.action)).toEqual(['exchange.delivery.dead-letter', 'exchange.dead-letter.replay']);
    expect(audit[1].details).toMatchObject({ businessType: 3, replaces: { documentId: oldEdxmlId } });
  });

  it('replays a dead-lettered update notice as an update (BussinessDocType 2) of the original', async () => {
    peer.mode = { status: 202, delayMs: 0 };
    const organId = '000.00.71.H99';
    const doc = await issuedDocument(ctx, { ownerOrganizationId: province, number: '711' });
    const res = await post(ctx, `/documents/${doc.id}/dispatch`, 'province.clerk', {
      recipients: [{ organId, name: 'UBND huyện Bảy Mốt' }],
    });
    const edxmlDocumentId = res.json<{ edxmlDocumentId: string }>().edxmlDocumentId;
    await waitFor(hasCode(doc.id, 'sent'), { what: 'sent' });

    peer.mode = { status: 400, delayMs: 0 };
    expect((await post(ctx, `/documents/${doc.id}/update`, 'province.clerk', { reason: 'Bổ sung phụ lục' })).statusCode).toBe(202);
    await waitFor(async () => (await deliveriesOf(ctx, doc.id))[0].state === 'dead', { what: 'update dead-lettered' });

    peer.mode = { status: 202, delayMs: 0 };
    const [dead] = await deliveriesOf(ctx, doc.id);
    expect((await post(ctx, `/exchange/dead-letters/${dead.id}/replay`, 'admin')).statusCode).toBe(202);
    await waitFor(hasCode(doc.id, 'sent:2'), { what: 'update re-sent' });
    const pkg = await parsed(peer.sentTo(organId).at(-1)!);
    expect(pkg.business).toMatchObject({ docType: 2, reason: 'Bổ sung phụ lục', documentId: edxmlDocumentId });
    expect(await codesOf(doc.id)).toEqual(['sent', 'update-requested', 'dead-lettered', 'replayed', 'sent:2']);
    expect((await deliveriesOf(ctx, doc.id))[0]).toMatchObject({
      state: 'pending',
      noticeKind: 'update',
      noticeState: 'requested',
      recallState: null,
    });
  });
});

describe('dead-letter list of internal fan-out', () => {
  it('dead-letters an internal batch that fails beyond the retry budget; the operator lists and replays each copy', async () => {
    const benThuy = await orgOf(ctx.sql, 'commune.clerk', 'clerk');
    const vinh = await orgOf(ctx.sql, 'district.clerk', 'clerk');
    const subject = 'Công văn gửi lúc cơ sở dữ liệu bảo trì';
    // A fault every attempt hits: the incoming copies of this document cannot be written.
    await ctx.sql.unsafe(`
      create function test_refuse_incoming() returns trigger language plpgsql as $$
      begin
        if new.direction = 'incoming' and new.subject = '${subject}' then raise exception 'documents table under maintenance'; end if;
        return new;
      end $$;
      create trigger test_refuse_incoming before insert on documents for each row execute function test_refuse_incoming();`);
    const doc = await issuedDocument(ctx, { ownerOrganizationId: province, subject });
    expect(
      (
        await post(ctx, `/documents/${doc.id}/dispatch`, 'province.clerk', {
          recipients: [{ organizationId: benThuy }, { organizationId: vinh }],
        })
      ).statusCode,
    ).toBe(202);

    // 5 attempts, 1 + 2 + 4 + 8 s apart, then the batch's copies are dead.
    await waitFor(async () => (await deliveriesOf(ctx, doc.id)).every((d) => d.state === 'dead'), {
      what: 'internal copies dead-lettered',
      timeoutMs: 45_000,
      intervalMs: 250,
    });
    const dead = await deliveriesOf(ctx, doc.id);
    expect(dead).toHaveLength(2);
    for (const d of dead) {
      expect(d).toMatchObject({
        kind: 'internal',
        recipientDocumentId: null,
        lastError: expect.stringContaining('documents table under maintenance'),
      });
      expect(trail(d)).toEqual(['dead-lettered']);
    }
    const listed = await get(ctx, '/exchange/dead-letters?limit=500', 'admin');
    expect(listed.statusCode).toBe(200);
    const items = listed.json<{ items: { id: string; kind: string }[] }>().items.filter((i) => dead.some((d) => d.id === i.id));
    expect(items.map((i) => i.kind)).toEqual(['internal', 'internal']);
    // The job is finished (not left failed for the reconciler), and the state change is audited.
    const [job] =
      await ctx.sql`select completed_at from outbox where name = 'exchange.deliver-internal' and payload->>'documentId' = ${doc.id}`;
    expect(job.completed_at).not.toBeNull();
    const [audit] =
      await ctx.sql`select details from audit_events where action = 'exchange.dispatch.dead-letter' and subject_id = ${doc.id}`;
    expect((audit.details as { deliveries: string[] }).deliveries.sort()).toEqual(dead.map((d) => d.id).sort());

    // The fault is repaired; each copy is replayed on its own.
    await ctx.sql.unsafe('drop trigger test_refuse_incoming on documents; drop function test_refuse_incoming();');
    const ward = dead.find((d) => d.recipientOrganizationId === benThuy)!;
    const replay = await post(ctx, `/exchange/dead-letters/${ward.id}/replay`, 'admin');
    expect(replay.statusCode, replay.body).toBe(202);
    expect(replay.json()).toMatchObject({ kind: 'internal', state: 'pending' });
    await waitFor(async () => (await deliveriesOf(ctx, doc.id)).find((d) => d.id === ward.id)!.state === 'delivered', {
      what: 'replayed copy delivered',
    });
    const after = await deliveriesOf(ctx, doc.id);
    expect(after.find((d) => d.id === ward.id)).toMatchObject({
      state: 'delivered',
      statusCode: '01',
      recipientDocumentId: expect.any(String),
    });
    expect(trail(after.find((d) => d.id === ward.id)!)).toEqual(['dead-lettered', 'replayed', '01']);
    expect(after.find((d) => d.recipientOrganizationId === vinh)).toMatchObject({ state: 'dead' });
    const incoming = await ctx.request({
      method: 'GET',
      url: `/api/v1/documents/${after.find((d) => d.id === ward.id)!.recipientDocumentId}`,
      as: 'commune.clerk',
    });
    expect(incoming.json()).toMatchObject({ direction: 'incoming', subject, files: [{ name: 'cong-van.pdf' }] });
    expect(await deadLetterIds()).not.toContain(ward.id);
    expect((await post(ctx, `/exchange/dead-letters/${ward.id}/replay`, 'admin')).statusCode).toBe(409);

    const district = after.find((d) => d.recipientOrganizationId === vinh)!;
    expect((await post(ctx, `/exchange/dead-letters/${district.id}/replay`, 'admin')).statusCode).toBe(202);
    await waitFor(async () => (await deliveriesOf(ctx, doc.id)).every((d) => d.state === 'delivered'), { what: 'every copy delivered' });
    const copies = await ctx.sql<
      { n: number }[]
    >`select count(*)::int as n from deliveries where document_id = ${doc.id} and recipient_document_id is not null`;
    expect(copies[0].n).toBe(2);
  }, 90_000);

  it('dead-letters only the copy whose recipient fails: the rest of its batch is delivered once, without waiting for the retries', async () => {
    const benThuy = await orgOf(ctx.sql, 'commune.clerk', 'clerk');
    const vinh = await orgOf(ctx.sql, 'district.clerk', 'clerk');
    const department = await orgByCode(ctx, '000.00.02.H41');
    const subject = 'Công văn gửi khi một đơn vị nhận gặp lỗi';
    // Only Vinh's copy cannot be written, at every attempt.
    await ctx.sql.unsafe(`
      create function test_refuse_vinh() returns trigger language plpgsql as $$
      begin
        if new.direction = 'incoming' and new.subject = '${subject}' and new.owner_organization_id = '${vinh}' then raise exception 'hộp văn bản đến của đơn vị bị khóa'; end if;
        return new;
      end $$;
      create trigger test_refuse_vinh before insert on documents for each row execute function test_refuse_vinh();`);
    try {
      const doc = await issuedDocument(ctx, { ownerOrganizationId: province, subject });
      const res = await post(ctx, `/documents/${doc.id}/dispatch`, 'province.clerk', {
        recipients: [{ organizationId: benThuy }, { organizationId: vinh }, { organizationId: department }],
      });
      expect(res.statusCode, res.body).toBe(202);
      // One fan-out job carries the three copies.
      const jobs =
        await ctx.sql`select payload from outbox where name = 'exchange.deliver-internal' and payload->>'documentId' = ${doc.id}`;
      expect(jobs).toHaveLength(1);

      // The two healthy recipients have their copy at the first attempt (the retries of Vinh's take 15 s).
      const healthy = (ds: Awaited<ReturnType<typeof deliveriesOf>>) => ds.filter((d) => d.recipientOrganizationId !== vinh);
      await waitFor(async () => healthy(await deliveriesOf(ctx, doc.id)).every((d) => d.state === 'delivered'), {
        what: 'healthy copies delivered',
        timeoutMs: 5_000,
      });
      expect((await deliveriesOf(ctx, doc.id)).find((d) => d.recipientOrganizationId === vinh)!.state).toBe('pending');

      await waitFor(async () => (await deliveriesOf(ctx, doc.id)).find((d) => d.recipientOrganizationId === vinh)!.state === 'dead', {
        what: "Vinh's copy dead-lettered",
        timeoutMs: 45_000,
        intervalMs: 250,
      });
      const after = await deliveriesOf(ctx, doc.id);
      const failing = after.find((d) => d.recipientOrganizationId === vinh)!;
      expect(failing).toMatchObject({
        kind: 'internal',
        recipientDocumentId: null,
        lastError: expect.stringContaining('hộp văn bản đến của đơn vị bị khóa'),
      });
      for (const d of healthy(after))
        expect(d).toMatchObject({ state: 'delivered', statusCode: '01', recipientDocumentId: expect.any(String) });
      // Exactly one incoming document per healthy recipient, none for Vinh.
      const perOrg = await ctx.sql<{ org: string; n: number }[]>`
        select owner_organization_id as org, count(*)::int as n from documents where direction = 'incoming' and subject = ${subject} group by 1`;
      expect(Object.fromEntries(perOrg.map((r) => [r.org, r.n]))).toEqual({ [benThuy]: 1, [department]: 1 });

      // Only the failing copy is on the dead-letter list and in the dead-letter audit event; the job is finished.
      const listed = await deadLetterIds();
      expect(listed).toContain(failing.id);
      for (const d of healthy(after)) expect(listed).not.toContain(d.id);
      const [audit] =
        await ctx.sql`select details from audit_events where action = 'exchange.dispatch.dead-letter' and subject_id = ${doc.id}`;
      expect((audit.details as { deliveries: string[] }).deliveries).toEqual([failing.id]);
      const [job] =
        await ctx.sql`select completed_at from outbox where name = 'exchange.deliver-internal' and payload->>'documentId' = ${doc.id}`;
      expect(job.completed_at).not.toBeNull();
    } finally {
      await ctx.sql.unsafe('drop trigger if exists test_refuse_vinh on documents; drop function if exists test_refuse_vinh();');
    }
  }, 90_000);
});
