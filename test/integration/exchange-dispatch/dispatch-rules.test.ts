import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buffer } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { orgOf } from '../../helpers/documents.js';
import { createPeer, startExchangeWorkers, waitFor } from '../exchange/helpers.js';
import { deliveriesOf, get, issuedDocument, orgByCode, post } from './helpers.js';

/** The remote province's inbound endpoint: records every package it is sent. */
let server: Server;
const received: Buffer[] = [];

let ctx: TestContext;
let workers: ReturnType<typeof startExchangeWorkers>;
let province: string;
let vinh: string; // Thành phố Vinh: its communes are all wards (phường)
let benThuy: string; // a ward of Vinh, commune.clerk's

beforeAll(async () => {
  server = createServer(async (req, res) => {
    received.push(await buffer(req));
    res
      .writeHead(202, { 'content-type': 'application/json' })
      .end(JSON.stringify({ receiptId: '00000000-0000-4000-8000-000000000000', status: 'accepted' }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  ctx = await createTestContext();
  await createPeer(ctx, { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, remotePeerId: 'peer-h41' });
  workers = startExchangeWorkers(ctx);
  province = await orgByCode(ctx, '000.00.00.H41');
  vinh = await orgOf(ctx.sql, 'district.clerk', 'clerk');
  benThuy = await orgOf(ctx.sql, 'commune.clerk', 'clerk');
});
afterAll(async () => {
  await workers?.close();
  await ctx?.close();
  await new Promise((r) => server?.close(r));
});

const REMOTE = { organId: '000.00.00.H99', name: 'UBND tỉnh Thử Nghiệm' };
const REMOTE_DISTRICT = { organId: '000.00.30.H99', name: 'UBND huyện Thử Nghiệm' };

/** What a refused request must not have left behind: a delivery, an outbox row, a dispatch event. */
async function writtenSince(documentId: string, outboxMark: number) {
  const [{ deliveries }] = await ctx.sql<
    { deliveries: number }[]
  >`select count(*)::int as deliveries from deliveries where document_id = ${documentId}`;
  const [{ outbox }] = await ctx.sql<{ outbox: number }[]>`select count(*)::int as outbox from outbox where id > ${outboxMark}`;
  const [{ audit }] = await ctx.sql<
    { audit: number }[]
  >`select count(*)::int as audit from audit_events where subject_id = ${documentId} and action like 'document.%'`;
  return { deliveries, outbox, audit };
}
const outboxMark = async () => (await ctx.sql<{ id: number }[]>`select coalesce(max(id), 0)::int as id from outbox`)[0].id;

describe('dispatch of a secret document (mật, tối mật, tuyệt mật)', () => {
  it('reaches recipients inside this deployment, whose copy stays secret and is seen by their clerks only', async () => {
    const doc = await issuedDocument(ctx, {
      ownerOrganizationId: province,
      confidentiality: 'top_secret',
      subject: 'Kế hoạch bảo vệ mục tiêu trọng yếu',
    });
    const res = await post(ctx, `/documents/${doc.id}/dispatch`, 'province.clerk', { recipients: [{ organizationId: benThuy }] });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({ internal: 1, remote: 0 });

    await waitFor(async () => (await deliveriesOf(ctx, doc.id))[0]?.state === 'delivered', { what: 'the internal copy delivered' });
    const [copy] = await deliveriesOf(ctx, doc.id);
    const [row] = await ctx.sql`select confidentiality from documents where id = ${copy.recipientDocumentId}`;
    expect(row.confidentiality).toBe('top_secret');
    // The receiving văn thư gets it (to register it in the secret series and hand it on); nobody else
    // of the unit sees it until granted.
    const asClerk = await get(ctx, `/documents/${copy.recipientDocumentId}`, 'commune.clerk');
    expect(asClerk.statusCode, asClerk.body).toBe(200);
    expect(asClerk.json()).toMatchObject({ confidentiality: 'top_secret', subject: 'Kế hoạch bảo vệ mục tiêu trọng yếu' });
    expect((await get(ctx, `/documents/${copy.recipientDocumentId}`, 'commune.leader')).statusCode).toBe(404);
    expect(workers.errors).toEqual([]);
  });

  it.each(['secret', 'top_secret', 'absolute_secret'] as const)(
    'is refused whole with 409 when a recipient is remote (%s): nothing written, nothing sent',
    async (confidentiality) => {
      const doc = await issuedDocument(ctx, { ownerOrganizationId: province, confidentiality });
      const mark = await outboxMark();
      const before = received.length;

      const res = await post(ctx, `/documents/${doc.id}/dispatch`, 'province.clerk', { recipients: [REMOTE] });
      expect(res.statusCode, res.body).toBe(409);
      const { error } = res.json();
      expect(error.code).toBe('SECRET_DOCUMENT_NOT_EXCHANGEABLE');
      // The message names the rule, not only the refusal.
      expect(error.message).toMatch(/state secret/);
      expect(error.message).toMatch(/28\/2018\/QĐ-TTg/);
      expect(error.message).toMatch(/Law on Protection of State Secrets/);

      expect(await writtenSince(doc.id, mark)).toEqual({ deliveries: 0, outbox: 0, audit: 0 });
      await new Promise((r) => setTimeout(r, 300));
      expect(received.length).toBe(before);
    },
  );

  it('refuses a mixed selection whole, naming the remote recipients; the internal ones get nothing either', async () => {
    const doc = await issuedDocument(ctx, { ownerOrganizationId: province, confidentiality: 'secret' });
    const mark = await outboxMark();
    const res = await post(ctx, `/documents/${doc.id}/dispatch`, 'province.clerk', {
      recipients: [{ organizationId: benThuy }, REMOTE, REMOTE_DISTRICT],
      selector: { underOrganizationId: vinh, tier: 'commune' },
    });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().error).toMatchObject({
      code: 'SECRET_DOCUMENT_NOT_EXCHANGEABLE',
      details: { remoteRecipients: [REMOTE.organId, REMOTE_DISTRICT.organId] },
    });
    expect(await writtenSince(doc.id, mark)).toEqual({ deliveries: 0, outbox: 0, audit: 0 });
  });

  it('is refused as the replacement of a document that went to a remote peer; the earlier copies are left as they were', async () => {
    const old = await issuedDocument(ctx, { ownerOrganizationId: province });
    expect((await post(ctx, `/documents/${old.id}/dispatch`, 'province.clerk', { recipients: [REMOTE] })).statusCode).toBe(202);
    await waitFor(async () => (await deliveriesOf(ctx, old.id))[0].history.some((h) => h.event === 'sent'), {
      what: 'the earlier document sent',
    });
    const earlier = await deliveriesOf(ctx, old.id);

    const doc = await issuedDocument(ctx, { ownerOrganizationId: province, confidentiality: 'secret' });
    const mark = await outboxMark();
    const res = await post(ctx, `/documents/${doc.id}/dispatch`, 'province.clerk', {
      replaces: { documentId: old.id, reason: 'Thay thế' },
    });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'SECRET_DOCUMENT_NOT_EXCHANGEABLE', details: { remoteRecipients: [REMOTE.organId] } });
    expect(await writtenSince(doc.id, mark)).toEqual({ deliveries: 0, outbox: 0, audit: 0 });
    expect(await deliveriesOf(ctx, old.id)).toEqual(earlier);
  });

  it('cannot leave through an update, a dead-letter replay or the send job either (a copy sent before it was classified)', async () => {
    // A copy that reached the remote peer while the document was normal, then classified secret
    // (the only way a secret document can have a remote delivery once dispatch refuses it).
    const doc = await issuedDocument(ctx, { ownerOrganizationId: province });
    expect((await post(ctx, `/documents/${doc.id}/dispatch`, 'province.clerk', { recipients: [REMOTE] })).statusCode).toBe(202);
    await waitFor(async () => (await deliveriesOf(ctx, doc.id))[0].history.some((h) => h.event === 'sent'), { what: 'the document sent' });
    await ctx.sql`update documents set confidentiality = 'secret' where id = ${doc.id}`;
    await ctx.sql`insert into document_access_grants (document_id, user_id) select ${doc.id}, id from users where username = 'province.clerk'`;
    const [delivery] = await deliveriesOf(ctx, doc.id);
    const before = received.length;

    // An update would carry the document's files to the peer.
    let mark = await outboxMark();
    const update = await post(ctx, `/documents/${doc.id}/update`, 'province.clerk', { reason: 'Sửa đổi phụ lục' });
    expect(update.statusCode, update.body).toBe(409);
    expect(update.json().error.code).toBe('SECRET_DOCUMENT_NOT_EXCHANGEABLE');
    expect(await deliveriesOf(ctx, doc.id)).toEqual([delivery]);
    expect((await ctx.sql`select 1 from outbox where id > ${mark}`).length).toBe(0);

    // A dead-lettered send is not replayed.
    await ctx.sql`update deliveries set state = 'dead', dead_send = ${ctx.sql.json({ businessType: 0 })} where id = ${delivery.id}`;
    mark = await outboxMark();
    const replay = await post(ctx, `/exchange/dead-letters/${delivery.id}/replay`, 'admin');
    expect(replay.statusCode, replay.body).toBe(409);
    expect(replay.json().error.code).toBe('SECRET_DOCUMENT_NOT_EXCHANGEABLE');
    const [{ state }] = await ctx.sql`select state from deliveries where id = ${delivery.id}`;
    expect(state).toBe('dead');
    expect((await ctx.sql`select 1 from outbox where id > ${mark}`).length).toBe(0);

    // And the send job itself (whatever queued it) refuses to POST the package.
    await ctx.sql`update deliveries set state = 'pending' where id = ${delivery.id}`;
    for (const businessType of [0, 2, 3]) {
      const requestIndex = (await ctx.sql`select jsonb_array_length(history) as n from deliveries where id = ${delivery.id}`)[0].n;
      const outcome = await ctx.container.services.exchange.remoteSend.sendDocument(
        { deliveryId: delivery.id, businessType, requestIndex },
        { jobId: undefined, lastAttempt: false },
      );
      expect(outcome).toMatchObject({ outcome: 'refused', detail: expect.stringMatching(/state secret/) });
    }
    expect(received.length).toBe(before);
  });
});

describe('dispatch selectors', () => {
  it('refuses a selector that reaches nobody with 400 naming it (level "commune" under a city of wards)', async () => {
    const doc = await issuedDocument(ctx, { ownerOrganizationId: province });
    const mark = await outboxMark();
    const res = await post(ctx, `/documents/${doc.id}/dispatch`, 'province.clerk', {
      selector: { underOrganizationId: vinh, level: 'commune' },
    });
    expect(res.statusCode, res.body).toBe(400);
    const { error } = res.json();
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', details: { selector: { underOrganizationId: vinh, level: 'commune' } } });
    expect(error.message).toMatch(/level "commune"/);
    expect(error.message).toMatch(/Ủy ban nhân dân thành phố Vinh/);
    expect(error.message).toMatch(/tier/);
    expect(await writtenSince(doc.id, mark)).toEqual({ deliveries: 0, outbox: 0, audit: 0 });

    // Also with named recipients beside it: the selector was meant to reach someone.
    const mixed = await post(ctx, `/documents/${doc.id}/dispatch`, 'province.clerk', {
      recipients: [{ organizationId: benThuy }],
      selector: { underOrganizationId: vinh, level: 'commune' },
    });
    expect(mixed.statusCode, mixed.body).toBe(400);
    expect(await writtenSince(doc.id, mark)).toEqual({ deliveries: 0, outbox: 0, audit: 0 });
  });

  it('tier "commune" reaches every commune-level unit (xã, phường, thị trấn, đặc khu) under a unit, and no internal division', async () => {
    // A unit with one of each kind, and an internal division.
    const mk = async (parentId: string, name: string, level: string) => {
      const res = await post(ctx, '/organizations', 'admin', { parentId, name, level, abbreviation: 'UBND' });
      expect(res.statusCode, res.body).toBe(201);
      return res.json<{ id: string }>().id;
    };
    const root = await mk(province, 'Ủy ban nhân dân khu vực Thử Tầng Xã', 'district');
    const kinds = [
      await mk(root, 'Ủy ban nhân dân xã Thử Một', 'commune'),
      await mk(root, 'Ủy ban nhân dân phường Thử Hai', 'ward'),
      await mk(root, 'Ủy ban nhân dân thị trấn Thử Ba', 'township'),
      await mk(root, 'Ủy ban nhân dân đặc khu Thử Bốn', 'special_zone'),
    ];
    await mk(root, 'Văn phòng HĐND và UBND', 'division');

    const doc = await issuedDocument(ctx, { ownerOrganizationId: province });
    const res = await post(ctx, `/documents/${doc.id}/dispatch`, 'province.clerk', {
      selector: { underOrganizationId: root, tier: 'commune' },
    });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({ internal: 4, remote: 0 });
    expect(new Set((await deliveriesOf(ctx, doc.id)).map((d) => d.recipientOrganizationId))).toEqual(new Set(kinds));

    // Under a city: its wards, not the divisions of its People's Committee.
    const wards = await ctx.sql<
      { id: string }[]
    >`select id from organizations where parent_id = ${vinh} and level = 'ward' and valid_to is null`;
    expect(wards.length).toBeGreaterThan(0);
    const doc2 = await issuedDocument(ctx, { ownerOrganizationId: province });
    const res2 = await post(ctx, `/documents/${doc2.id}/dispatch`, 'province.clerk', {
      selector: { underOrganizationId: vinh, tier: 'commune' },
    });
    expect(res2.statusCode, res2.body).toBe(202);
    expect(new Set((await deliveriesOf(ctx, doc2.id)).map((d) => d.recipientOrganizationId))).toEqual(new Set(wards.map((w) => w.id)));

    // The audit event keeps the selector as given.
    const [event] = await ctx.sql`select details from audit_events where action = 'document.dispatch' and subject_id = ${doc2.id}`;
    expect(event.details).toMatchObject({ selector: { underOrganizationId: vinh, tier: 'commune' }, internal: wards.length });
  });

  it('refuses a selector naming both a level and a tier, or an unknown tier', async () => {
    const doc = await issuedDocument(ctx, { ownerOrganizationId: province });
    const both = await post(ctx, `/documents/${doc.id}/dispatch`, 'province.clerk', {
      selector: { underOrganizationId: vinh, level: 'ward', tier: 'commune' },
    });
    expect(both.statusCode, both.body).toBe(400);
    expect(both.json().error.code).toBe('VALIDATION_FAILED');
    const unknown = await post(ctx, `/documents/${doc.id}/dispatch`, 'province.clerk', {
      selector: { underOrganizationId: vinh, tier: 'district' },
    });
    expect(unknown.statusCode, unknown.body).toBe(400);
    expect((await ctx.sql`select 1 from deliveries where document_id = ${doc.id}`).length).toBe(0);
  });
});
