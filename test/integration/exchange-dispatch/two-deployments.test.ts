import type { AddressInfo } from 'node:net';
import { buffer } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_EDXML_LIMITS, parseEdxml, toCliJson } from '../../../src/modules/exchange/edxml/index.js';
import { generatePeerSecret } from '../../../src/modules/exchange/peer-auth.js';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { orgOf, userId } from '../../helpers/documents.js';
import { startExchangeWorkers, waitFor } from '../exchange/helpers.js';
import { deliveriesOf, issuedDocument, orgByCode, post, trail } from './helpers.js';

/**
 * Two deployments as two provinces: A (Nghệ An, H41) and B (the same demo data re-coded to H42),
 * each with its own database, bucket, queue prefix, listening port, workers and outbox relay,
 * configured as peers of each other over real HTTP.
 */
type Deployment = { ctx: TestContext; url: string; workers: ReturnType<typeof startExchangeWorkers>; stopRelay: () => Promise<void> };

let A: Deployment;
let B: Deployment;

async function start(recode?: string): Promise<Deployment> {
  const ctx = await createTestContext();
  if (recode) await ctx.sql`update organizations set code = replace(code, '.H41', ${`.${recode}`}) where code like '%.H41'`;
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
  const workers = startExchangeWorkers(ctx);
  const stopRelay = ctx.container.services.outbox.startRelay({ pollMs: 100, reconcileMs: 60_000 });
  return { ctx, url, workers, stopRelay };
}

beforeAll(async () => {
  // One after the other: CREATE DATABASE … TEMPLATE refuses a template with another session on it.
  A = await start();
  B = await start('H42');
  const secret = generatePeerSecret();
  const createPeer = async (at: Deployment, body: Record<string, unknown>) => {
    const res = await post(at.ctx, '/exchange/peers', 'admin', { secret, ...body });
    if (res.statusCode !== 201) throw new Error(`peer: ${res.statusCode} ${res.body}`);
    return res.json<{ peer: { id: string } }>().peer.id;
  };
  // B knows A first (no address yet), then A knows B with B's id for A; B learns A's address and A's id for B.
  const aAtB = await createPeer(B, { name: 'UBND tỉnh Nghệ An', organId: '000.00.00.H41', agencyCodes: ['*.H41'] });
  const bAtA = await createPeer(A, {
    name: 'UBND tỉnh H42',
    organId: '000.00.00.H42',
    agencyCodes: ['*.H42'],
    baseUrl: B.url,
    remotePeerId: aAtB,
  });
  await B.ctx.sql`update exchange_peers set base_url = ${A.url}, remote_peer_id = ${bAtA} where id = ${aAtB}`;
});

afterAll(async () => {
  for (const d of [A, B]) {
    if (!d) continue;
    await d.stopRelay();
    await d.workers.close();
    await d.ctx.close();
  }
});

const codes = trail;

/**
 * The status packages deployment `at` received about `edxmlDocumentId`, as the bytes that came over
 * the wire (stored raw on arrival), each checked to be in the form real peers and the official
 * reader use: the fields in a MessageHeader with a StatusCode, no To, no Status element.
 */
async function statusesOnTheWire(at: Deployment, edxmlDocumentId: string): Promise<{ statusCode: string; description: string | null }[]> {
  const rows = await at.ctx.sql<{ raw_storage_key: string }[]>`
    select raw_storage_key from inbound_packages where kind = 'status' and document_id = ${edxmlDocumentId} order by created_at`;
  const seen = [];
  for (const { raw_storage_key: key } of rows) {
    const bytes = await buffer(await at.ctx.container.storage.getStream(key));
    const xml = bytes.toString('utf8');
    expect(xml).toMatch(
      /<edXML:MessageHeader><edXML:From>.*<edXML:StatusCode>\d\d<\/edXML:StatusCode>.*<edXML:Timestamp>[^<]+<\/edXML:Timestamp><\/edXML:MessageHeader>/s,
    );
    expect(xml).not.toContain('<edXML:Status>');
    expect(xml).not.toContain('<edXML:To>');
    const json = toCliJson(await parseEdxml(bytes, DEFAULT_EDXML_LIMITS));
    if (json.kind !== 'status') throw new Error(`not a status package: ${xml}`);
    expect(json.responseFor.documentId).toBe(edxmlDocumentId);
    seen.push({ statusCode: json.statusCode, description: json.description });
  }
  return seen;
}

/** The incoming document an inbound package from `senderCode` became in `organizationId` of deployment `at`. */
async function incomingAt(at: Deployment, organizationId: string, subject: string): Promise<string> {
  let id = '';
  await waitFor(
    async () => {
      const rows = await at.ctx.sql<
        { id: string }[]
      >`select id from documents where owner_organization_id = ${organizationId} and direction = 'incoming' and subject = ${subject}`;
      id = rows[0]?.id ?? '';
      return rows.length === 1;
    },
    { what: `incoming document "${subject}"` },
  );
  return id;
}

describe('two deployments exchanging documents', () => {
  it('A → B: B receives it, registers, assigns and completes; A sees 01, 03, 04, 06; then A recalls and B agrees', async () => {
    const provinceA = await orgByCode(A.ctx, '000.00.00.H41');
    const provinceB = await orgByCode(B.ctx, '000.00.00.H42');
    const subject = 'Về việc phối hợp phòng chống thiên tai liên tỉnh';
    const doc = await issuedDocument(A.ctx, { ownerOrganizationId: provinceA, urgency: 'urgent', subject });
    const res = await post(A.ctx, `/documents/${doc.id}/dispatch`, 'province.clerk', {
      recipients: [{ organId: '000.00.00.H42', name: 'UBND tỉnh H42' }],
    });
    expect(res.statusCode, res.body).toBe(202);
    const { edxmlDocumentId } = res.json<{ edxmlDocumentId: string }>();

    const atB = await incomingAt(B, provinceB, subject);
    const [bDoc] = await B.ctx.sql`select issuer_code, urgency, status from documents where id = ${atB}`;
    expect(bDoc).toMatchObject({ issuer_code: '000.00.00.H41', urgency: 'urgent', status: 'received' });
    // The bytes arrived: B's copy of the file has the sender's hash.
    const [aFile] = await A.ctx.sql`select sha256 from document_files where id = ${doc.fileId}`;
    const [bFile] = await B.ctx.sql`select sha256 from document_files where document_id = ${atB}`;
    expect(bFile.sha256).toBe(aFile.sha256);
    await waitFor(async () => (await deliveriesOf(A.ctx, doc.id))[0].statusCode === '01', { what: 'A sees 01' });

    expect((await post(B.ctx, `/documents/${atB}/register`, 'province.clerk')).statusCode).toBe(200);
    await waitFor(async () => (await deliveriesOf(A.ctx, doc.id))[0].statusCode === '03', { what: 'A sees 03' });
    const leader = await userId(B.ctx.sql, 'province.leader');
    const assigned = await post(B.ctx, `/documents/${atB}/assignments`, 'province.leader', {
      assignees: [{ userId: leader, role: 'lead', dueInWorkingDays: 5 }],
    });
    expect(assigned.statusCode, assigned.body).toBe(201);
    await waitFor(async () => (await deliveriesOf(A.ctx, doc.id))[0].statusCode === '04', { what: 'A sees 04' });
    const done = await post(B.ctx, `/assignments/${assigned.json().assignments[0].id}/complete`, 'province.leader', {
      result: 'Đã triển khai.',
    });
    expect(done.statusCode, done.body).toBe(200);
    await waitFor(async () => (await deliveriesOf(A.ctx, doc.id))[0].statusCode === '06', { what: 'A sees 06' });
    const [delivery] = await deliveriesOf(A.ctx, doc.id);
    expect(delivery).toMatchObject({ kind: 'remote', recipientOrganId: '000.00.00.H42', state: 'delivered', statusCode: '06' });
    expect(codes(delivery)).toEqual(['sent', '01', '03', '04', '06']);

    // Recall: the package reaches B's copy; B's clerk agrees; A sees 15.
    expect((await post(A.ctx, `/documents/${doc.id}/recall`, 'province.clerk', { reason: 'Ban hành nhầm đối tượng' })).statusCode).toBe(
      202,
    );
    await waitFor(async () => (await B.ctx.sql`select 1 from inbound_recalls where document_id = ${atB}`).length === 1, {
      what: 'recall at B',
    });
    const [recall] = await B.ctx.sql`select business_type, reason from inbound_recalls where document_id = ${atB}`;
    expect(recall).toMatchObject({ business_type: 1, reason: 'Ban hành nhầm đối tượng' });
    const answer = await post(B.ctx, `/documents/${atB}/recall-answer`, 'province.clerk', { accept: true });
    expect(answer.statusCode, answer.body).toBe(200);
    await waitFor(async () => (await deliveriesOf(A.ctx, doc.id))[0].recallState === 'agreed', { what: 'A sees 15' });
    expect(codes((await deliveriesOf(A.ctx, doc.id))[0]).slice(-3)).toEqual(['13', 'sent:1', '15']);

    // B's statuses reached A in the MessageHeader form, each saying what it means.
    expect(await statusesOnTheWire(A, edxmlDocumentId)).toEqual([
      { statusCode: '01', description: 'Văn bản điện tử đã đến hệ thống của đơn vị nhận' },
      { statusCode: '03', description: 'Đã tiếp nhận văn bản, vào sổ văn bản đến' },
      { statusCode: '04', description: 'Đã phân công xử lý văn bản' },
      { statusCode: '06', description: 'Đã hoàn thành xử lý văn bản' },
      { statusCode: '15', description: 'Đồng ý thu hồi, cập nhật hoặc thay thế văn bản' },
    ]);
  });

  it('A replaces a document it sent to B: B gets the new one and a replace notice on the old copy, and agrees', async () => {
    const provinceA = await orgByCode(A.ctx, '000.00.00.H41');
    const provinceB = await orgByCode(B.ctx, '000.00.00.H42');
    const old = await issuedDocument(A.ctx, { ownerOrganizationId: provinceA, subject: 'Kế hoạch liên tỉnh (bản cũ)' });
    expect(
      (
        await post(A.ctx, `/documents/${old.id}/dispatch`, 'province.clerk', {
          recipients: [{ organId: '000.00.00.H42', name: 'UBND tỉnh H42' }],
        })
      ).statusCode,
    ).toBe(202);
    const oldAtB = await incomingAt(B, provinceB, 'Kế hoạch liên tỉnh (bản cũ)');

    const replacement = await issuedDocument(A.ctx, { ownerOrganizationId: provinceA, subject: 'Kế hoạch liên tỉnh (bản thay thế)' });
    const res = await post(A.ctx, `/documents/${replacement.id}/dispatch`, 'province.clerk', {
      replaces: { documentId: old.id, reason: 'Thay thế do thay đổi thời gian' },
    });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({ remote: 1 });
    await incomingAt(B, provinceB, 'Kế hoạch liên tỉnh (bản thay thế)');
    await waitFor(async () => (await B.ctx.sql`select 1 from inbound_recalls where document_id = ${oldAtB}`).length === 1, {
      what: 'replace notice at B',
    });
    const [notice] = await B.ctx.sql`select business_type, reason from inbound_recalls where document_id = ${oldAtB}`;
    expect(notice).toMatchObject({ business_type: 3, reason: 'Thay thế do thay đổi thời gian' });
    expect((await post(B.ctx, `/documents/${oldAtB}/recall-answer`, 'province.clerk', { accept: true })).statusCode).toBe(200);
    await waitFor(async () => (await deliveriesOf(A.ctx, old.id))[0].noticeState === 'agreed', { what: 'A sees 15 on the old document' });
    await waitFor(async () => (await deliveriesOf(A.ctx, replacement.id))[0].statusCode === '01', { what: 'A sees 01 on the replacement' });
  });

  it('B → A: a unit of A receives it and registers it; B sees 01 and 03; a recall refused comes back as 16', async () => {
    const provinceB = await orgByCode(B.ctx, '000.00.00.H42');
    const vinhA = await orgOf(A.ctx.sql, 'district.clerk', 'clerk');
    const [{ code: vinhCode }] = await A.ctx.sql<{ code: string }[]>`select code from organizations where id = ${vinhA}`;
    const subject = 'Về việc trao đổi kinh nghiệm chuyển đổi số';
    const doc = await issuedDocument(B.ctx, { ownerOrganizationId: provinceB, subject });
    const res = await post(B.ctx, `/documents/${doc.id}/dispatch`, 'province.clerk', {
      recipients: [{ organId: vinhCode, name: 'UBND thành phố Vinh' }],
    });
    expect(res.statusCode, res.body).toBe(202);
    const { edxmlDocumentId } = res.json<{ edxmlDocumentId: string }>();

    const atA = await incomingAt(A, vinhA, subject);
    await waitFor(async () => (await deliveriesOf(B.ctx, doc.id))[0].statusCode === '01', { what: 'B sees 01' });
    expect((await post(A.ctx, `/documents/${atA}/register`, 'district.clerk')).statusCode).toBe(200);
    await waitFor(async () => (await deliveriesOf(B.ctx, doc.id))[0].statusCode === '03', { what: 'B sees 03' });
    expect(codes((await deliveriesOf(B.ctx, doc.id))[0])).toEqual(['sent', '01', '03']);

    expect((await post(B.ctx, `/documents/${doc.id}/recall`, 'province.clerk', { reason: 'Cần bổ sung' })).statusCode).toBe(202);
    await waitFor(async () => (await A.ctx.sql`select 1 from inbound_recalls where document_id = ${atA}`).length === 1, {
      what: 'recall at A',
    });
    const refused = await post(A.ctx, `/documents/${atA}/recall-answer`, 'district.clerk', { accept: false, reason: 'Đã phân công xử lý' });
    expect(refused.statusCode, refused.body).toBe(200);
    await waitFor(async () => (await deliveriesOf(B.ctx, doc.id))[0].recallState === 'refused', { what: 'B sees 16' });
    expect((await deliveriesOf(B.ctx, doc.id))[0].history.at(-1)).toMatchObject({ code: '16', description: 'Đã phân công xử lý' });

    // A's statuses reached B in the MessageHeader form; the refusal carries its reason.
    expect(await statusesOnTheWire(B, edxmlDocumentId)).toEqual([
      { statusCode: '01', description: 'Văn bản điện tử đã đến hệ thống của đơn vị nhận' },
      { statusCode: '03', description: 'Đã tiếp nhận văn bản, vào sổ văn bản đến' },
      { statusCode: '16', description: 'Đã phân công xử lý' },
    ]);
  });

  it("A updates a document B holds (a new version of its file), then recalls it before B answers: B has both to answer; agreeing brings the new version into B's copy, then withdraws it; A sees both answers", async () => {
    const provinceA = await orgByCode(A.ctx, '000.00.00.H41');
    const provinceB = await orgByCode(B.ctx, '000.00.00.H42');
    const subject = 'Kế hoạch liên tỉnh được cập nhật rồi thu hồi';
    const doc = await issuedDocument(A.ctx, { ownerOrganizationId: provinceA, subject });
    expect(
      (
        await post(A.ctx, `/documents/${doc.id}/dispatch`, 'province.clerk', {
          recipients: [{ organId: '000.00.00.H42', name: 'UBND tỉnh H42' }],
        })
      ).statusCode,
    ).toBe(202);
    const atB = await incomingAt(B, provinceB, subject);
    await waitFor(async () => (await deliveriesOf(A.ctx, doc.id))[0].statusCode === '01', { what: 'A sees 01' });

    // A's clerk puts a new version of the document in place and sends the update, then the recall.
    const v2 = Buffer.from('%PDF-1.4\n% vanthu: kế hoạch, bản cập nhật\n%%EOF\n');
    const key = `documents/${doc.id}/v2.pdf`;
    const put = await A.ctx.container.storage.putBuffer(key, v2, { contentType: 'application/pdf' });
    await A.ctx.sql`insert into document_files (document_id, name, content_type, size, sha256, storage_key, kind, version, previous_file_id)
                    values (${doc.id}, 'ke-hoach-v2.pdf', 'application/pdf', ${put.size}, ${put.sha256}, ${key}, 'main', 2, ${doc.fileId})`;
    expect((await post(A.ctx, `/documents/${doc.id}/update`, 'province.clerk', { reason: 'Cập nhật thời gian' })).statusCode).toBe(202);
    expect((await post(A.ctx, `/documents/${doc.id}/recall`, 'province.clerk', { reason: 'Hoãn kế hoạch' })).statusCode).toBe(202);
    await waitFor(async () => (await B.ctx.sql`select 1 from inbound_recalls where document_id = ${atB} and answer is null`).length === 2, {
      what: 'update and recall at B',
    });
    expect((await B.ctx.request({ method: 'GET', url: `/api/v1/documents/${atB}`, as: 'province.clerk' })).json().pendingNotices).toEqual([
      'recall',
      'update',
    ]);

    // B agrees to the update first (the oldest, named here all the same), then to the recall: A reads
    // answers that do not say what they answer in the order it asked.
    const updated = await post(B.ctx, `/documents/${atB}/recall-answer`, 'province.clerk', { accept: true, businessType: 2 });
    expect(updated.json()).toMatchObject({ businessType: 2, statusCode: '15' });
    const files = (await B.ctx.request({ method: 'GET', url: `/api/v1/documents/${atB}`, as: 'province.clerk' })).json().files as {
      name: string;
      sha256: string;
      version: number;
      kind: string;
    }[];
    expect(files).toMatchObject([{ name: 'ke-hoach-v2.pdf', sha256: put.sha256, version: 2, kind: 'main' }]);
    await waitFor(async () => (await deliveriesOf(A.ctx, doc.id))[0].noticeState === 'agreed', { what: 'A sees 15 on the update' });
    expect((await post(B.ctx, `/documents/${atB}/recall-answer`, 'province.clerk', { accept: true })).json()).toMatchObject({
      businessType: 1,
      statusCode: '15',
    });
    expect((await B.ctx.request({ method: 'GET', url: `/api/v1/documents/${atB}`, as: 'province.clerk' })).json().status).toBe('recalled');
    await waitFor(async () => (await deliveriesOf(A.ctx, doc.id))[0].recallState === 'agreed', { what: 'A sees 15 on the recall' });

    const d = (await deliveriesOf(A.ctx, doc.id))[0];
    expect(d.history.filter((h) => h.event.endsWith('-answered')).map((h) => [h.event, h.code])).toEqual([
      ['update-answered', '15'],
      ['recall-answered', '15'],
    ]);
    expect((await A.ctx.request({ method: 'GET', url: `/api/v1/documents/${doc.id}`, as: 'province.clerk' })).json().status).toBe(
      'recalled',
    );
  });
});
