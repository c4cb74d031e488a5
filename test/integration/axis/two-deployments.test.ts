import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgOf, userId } from '../../helpers/documents.js';
import { waitFor } from '../exchange/helpers.js';
import { deliveriesOf, issuedDocument, orgByCode, post, trail } from '../exchange-dispatch/helpers.js';
import { startAxisEmulator, type AxisEmulator } from './emulator.js';
import { startAxisDeployment, type AxisDeployment } from './helpers.js';

/**
 * Two deployments as two provinces that know nothing of each other (no exchange peers at all):
 * A (Nghệ An, H41) and B (the demo data re-coded to H42), each registered at the axis emulator
 * under its own systemId and secret. Everything between them goes through the emulator, which
 * verifies every request's HMAC and hash-file.
 */
let emulator: AxisEmulator;
let A: AxisDeployment;
let B: AxisDeployment;

beforeAll(async () => {
  emulator = await startAxisEmulator();
  // One after the other: CREATE DATABASE … TEMPLATE refuses a template with another session on it.
  A = await startAxisDeployment(emulator, { systemId: 'vxp.saas.41' });
  B = await startAxisDeployment(emulator, { systemId: 'vxp.saas.42', recode: 'H42' });
});

afterAll(async () => {
  for (const d of [A, B]) await d?.stop();
  await emulator?.close();
});

async function incomingAt(at: AxisDeployment, organizationId: string, subject: string): Promise<string> {
  let id = '';
  await waitFor(
    async () => {
      const rows = await at.ctx.sql<{ id: string }[]>`
        select id from documents where owner_organization_id = ${organizationId} and direction = 'incoming' and subject = ${subject}`;
      id = rows[0]?.id ?? '';
      return rows.length === 1;
    },
    { what: `incoming document "${subject}"` },
  );
  return id;
}

const dispatchTo = (at: AxisDeployment, documentId: string, organId: string, name: string) =>
  post(at.ctx, `/documents/${documentId}/dispatch`, 'province.clerk', { recipients: [{ organId, name }] });

describe('two deployments exchanging only through the national axis', () => {
  it('A → B: the document travels by sendEdoc, B takes it in and answers 01, 03, 04, 06 by status packages; A recalls, B agrees (15)', async () => {
    const provinceA = await orgByCode(A.ctx, '000.00.00.H41');
    const provinceB = await orgByCode(B.ctx, '000.00.00.H42');
    expect(await A.ctx.sql`select 1 from exchange_peers where transport = 'vanthu'`).toHaveLength(0);
    const subject = 'Về việc phối hợp phòng chống thiên tai qua trục liên thông';
    const doc = await issuedDocument(A.ctx, { ownerOrganizationId: provinceA, urgency: 'urgent', subject });
    const res = await dispatchTo(A, doc.id, '000.00.00.H42', 'UBND tỉnh H42');
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({ remote: 1 });

    const atB = await incomingAt(B, provinceB, subject);
    const [bDoc] = await B.ctx.sql`select issuer_code, urgency, status from documents where id = ${atB}`;
    expect(bDoc).toMatchObject({ issuer_code: '000.00.00.H41', urgency: 'urgent', status: 'received' });
    const [aFile] = await A.ctx.sql`select sha256 from document_files where id = ${doc.fileId}`;
    const [bFile] = await B.ctx.sql`select sha256 from document_files where document_id = ${atB}`;
    expect(bFile.sha256).toBe(aFile.sha256);
    // B stored the raw package and acknowledged it done after its receipt committed.
    const [received] = await B.ctx.sql`
      select r.state, r.acknowledged, p.raw_storage_key from axis_received r join inbound_packages p on p.id = r.receipt_id
       where r.message_type = 'edoc'`;
    expect(received).toMatchObject({ state: 'accepted', acknowledged: 'done' });
    expect(received.raw_storage_key).toMatch(/^exchange\/inbound\//);

    await waitFor(async () => (await deliveriesOf(A.ctx, doc.id))[0].statusCode === '01', { what: 'A sees 01' });
    // The axis DocId of the document's package is kept with the delivery.
    const [sent] = await A.ctx.sql<{ axis_doc_id: string }[]>`select axis_doc_id from deliveries where document_id = ${doc.id}`;
    expect(sent.axis_doc_id).toMatch(/^[0-9a-f]{24}$/);
    expect(emulator.sent.get(sent.axis_doc_id)).toMatchObject({ from: '000.00.00.H41', messageType: 'edoc' });

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
    expect(trail(delivery)).toEqual(['sent', '01', '03', '04', '06']);

    expect((await post(A.ctx, `/documents/${doc.id}/recall`, 'province.clerk', { reason: 'Ban hành nhầm đối tượng' })).statusCode).toBe(
      202,
    );
    await waitFor(async () => (await B.ctx.sql`select 1 from inbound_recalls where document_id = ${atB}`).length === 1, {
      what: 'recall at B',
    });
    expect((await post(B.ctx, `/documents/${atB}/recall-answer`, 'province.clerk', { accept: true })).statusCode).toBe(200);
    await waitFor(async () => (await deliveriesOf(A.ctx, doc.id))[0].recallState === 'agreed', { what: 'A sees 15' });
    expect(trail((await deliveriesOf(A.ctx, doc.id))[0]).slice(-3)).toEqual(['13', 'sent:1', '15']);

    // Every status went back as its own status package (messagetype=status) through sendEdoc from B's agency.
    const statusSends = [...emulator.sent.values()].filter((s) => s.systemId === 'vxp.saas.42' && s.messageType === 'status');
    expect(statusSends.map((s) => s.from)).toEqual(Array(5).fill('000.00.00.H42'));
    const [{ n }] = await B.ctx.sql`select count(*)::int as n from outbound_statuses where axis_doc_id is not null and state = 'sent'`;
    expect(n).toBe(5);
  });

  it('B → a unit of A: A registers it, B sees 01 and 03; B updates it (a new file version) and A agrees (15)', async () => {
    const provinceB = await orgByCode(B.ctx, '000.00.00.H42');
    const vinhA = await orgOf(A.ctx.sql, 'district.clerk', 'clerk');
    const [{ code: vinhCode }] = await A.ctx.sql<{ code: string }[]>`select code from organizations where id = ${vinhA}`;
    const subject = 'Về việc trao đổi kinh nghiệm chuyển đổi số qua trục';
    const doc = await issuedDocument(B.ctx, { ownerOrganizationId: provinceB, subject });
    const res = await dispatchTo(B, doc.id, vinhCode, 'UBND thành phố Vinh');
    expect(res.statusCode, res.body).toBe(202);

    const atA = await incomingAt(A, vinhA, subject);
    await waitFor(async () => (await deliveriesOf(B.ctx, doc.id))[0].statusCode === '01', { what: 'B sees 01' });
    expect((await post(A.ctx, `/documents/${atA}/register`, 'district.clerk')).statusCode).toBe(200);
    await waitFor(async () => (await deliveriesOf(B.ctx, doc.id))[0].statusCode === '03', { what: 'B sees 03' });

    const v2 = Buffer.from('%PDF-1.4\n% vanthu: bản cập nhật qua trục\n%%EOF\n');
    const key = `documents/${doc.id}/v2.pdf`;
    const put = await B.ctx.container.storage.putBuffer(key, v2, { contentType: 'application/pdf' });
    await B.ctx.sql`insert into document_files (document_id, name, content_type, size, sha256, storage_key, kind, version, previous_file_id)
                    values (${doc.id}, 'trao-doi-v2.pdf', 'application/pdf', ${put.size}, ${put.sha256}, ${key}, 'main', 2, ${doc.fileId})`;
    expect((await post(B.ctx, `/documents/${doc.id}/update`, 'province.clerk', { reason: 'Cập nhật phụ lục' })).statusCode).toBe(202);
    await waitFor(async () => (await A.ctx.sql`select 1 from inbound_recalls where document_id = ${atA} and answer is null`).length === 1, {
      what: 'update at A',
    });
    const agreed = await post(A.ctx, `/documents/${atA}/recall-answer`, 'district.clerk', { accept: true });
    expect(agreed.json()).toMatchObject({ businessType: 2, statusCode: '15' });
    const files = (await A.ctx.request({ method: 'GET', url: `/api/v1/documents/${atA}`, as: 'district.clerk' })).json().files;
    expect(files).toMatchObject([{ name: 'trao-doi-v2.pdf', sha256: put.sha256, version: 2 }]);
    await waitFor(async () => (await deliveriesOf(B.ctx, doc.id))[0].noticeState === 'agreed', { what: 'B sees 15 on the update' });
    expect(trail((await deliveriesOf(B.ctx, doc.id))[0])).toEqual(['sent', '01', '03', 'update-requested', 'sent:2', '15']);
  });

  it('the emulator verified every request of both deployments (HMAC over the sign-header, hash-file) and refused none', () => {
    expect(emulator.requests.length).toBeGreaterThan(20);
    expect(emulator.rejected()).toEqual([]);
    expect(emulator.requests.filter((r) => r.error)).toEqual([]);
    expect(emulator.waiting('vxp.saas.41')).toEqual([]);
    expect(emulator.waiting('vxp.saas.42')).toEqual([]);
  });
});
