import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { deliveriesOf, issuedDocument, orgByCode, post } from '../exchange-dispatch/helpers.js';
import { parsed, startFakePeer, type FakePeer } from './fake-peer.js';
import { createPeer, postInbound, startExchangeWorkers, waitFor, type Peer } from './helpers.js';

/**
 * The edXML wire form real peers and the official VPCP/VNPT reader use, against a peer province
 * (Hà Tĩnh, H42): status packages as real agencies send them (DOMAIN.md §1.5: the fields in a
 * MessageHeader with a StatusCode and no To), and the document packages we send it.
 */
let ctx: TestContext;
let fake: FakePeer;
let peer: Peer;
let workers: ReturnType<typeof startExchangeWorkers>;
let province: string;

beforeAll(async () => {
  fake = await startFakePeer();
  ctx = await createTestContext();
  peer = await createPeer(ctx, {
    name: 'UBND tỉnh Hà Tĩnh',
    organId: '000.00.00.H42',
    agencyCodes: ['*.H42'],
    baseUrl: fake.url,
    remotePeerId: 'peer-h41',
  });
  workers = startExchangeWorkers(ctx);
  province = await orgByCode(ctx, '000.00.00.H41');
});
afterAll(async () => {
  await workers?.close();
  await ctx?.close();
  await fake?.close();
});

/** A hand-written fixture (answering 1250/UBND-KT of 2026/03/16) made to answer our document `edxmlDocumentId` instead. */
function realStatus(file: string, edxmlDocumentId: string): Buffer {
  const [, date, code] = edxmlDocumentId.split(',');
  const xml = readFileSync(new URL(`../../fixtures/edxml/${file}`, import.meta.url), 'utf8')
    .replaceAll('000.00.00.H41,2026/03/16,1250/UBND-KT', edxmlDocumentId)
    .replaceAll('<edXML:Code>1250/UBND-KT</edXML:Code>', `<edXML:Code>${code}</edXML:Code>`)
    .replaceAll('<edXML:PromulgationDate>2026/03/16</edXML:PromulgationDate>', `<edXML:PromulgationDate>${date}</edXML:PromulgationDate>`);
  // The shape is the real one: no To, the status fields in the MessageHeader, no Status element.
  expect(xml).not.toMatch(/<edXML:To>|<edXML:Status>/);
  return Buffer.from(xml, 'utf8');
}

describe('POST /exchange/inbound: status packages in the real MessageHeader shape', () => {
  it('updates the deliveries: 01, 03, 04, 05, 06 from the province, 02 with its reason from a department', async () => {
    const doc = await issuedDocument(ctx, { ownerOrganizationId: province, number: '1250', subject: 'Về việc phối hợp ứng phó mưa lũ' });
    const res = await post(ctx, `/documents/${doc.id}/dispatch`, 'province.clerk', {
      recipients: [
        { organId: '000.00.00.H42', name: 'UBND tỉnh Hà Tĩnh' },
        { organId: '000.00.07.H42', name: 'Sở Tài chính tỉnh Hà Tĩnh' },
      ],
    });
    expect(res.statusCode, res.body).toBe(202);
    const { edxmlDocumentId } = res.json<{ edxmlDocumentId: string }>();
    await waitFor(async () => (await deliveriesOf(ctx, doc.id)).every((d) => d.history.some((h) => h.event === 'sent')), {
      what: 'both sent',
    }).catch(async (e) => {
      console.log(JSON.stringify(await deliveriesOf(ctx, doc.id), null, 1), workers.errors);
      throw e;
    });

    const files = [
      'status-01-inbox.edxml',
      'status-03-acceptance.edxml',
      'status-04-assignment.edxml',
      'status-05-processing.edxml',
      'status-06-finish.edxml',
      'status-02-rejection.edxml',
    ];
    for (const [i, file] of files.entries()) {
      const answer = await postInbound(ctx, peer, realStatus(file, edxmlDocumentId));
      expect(answer.statusCode, `${file}: ${answer.body}`).toBe(202);
      // One at a time, so the history is in this order.
      await waitFor(async () => (await ctx.sql`select 1 from inbound_statuses where document_id = ${edxmlDocumentId}`).length === i + 1, {
        what: `${file} recorded`,
      });
    }
    const byOrgan = async () => new Map((await deliveriesOf(ctx, doc.id)).map((d) => [d.recipientOrganId, d]));
    await waitFor(
      async () =>
        (await byOrgan()).get('000.00.00.H42')?.statusCode === '06' && (await byOrgan()).get('000.00.07.H42')?.statusCode === '02',
      { what: 'statuses applied' },
    );

    const deliveries = await byOrgan();
    const provinceH42 = deliveries.get('000.00.00.H42')!;
    expect(provinceH42).toMatchObject({
      state: 'delivered',
      statusCode: '06',
      statusDescription: 'Hoàn thành xử lý: đã có Công văn số 812/UBND-NL2 trả lời',
    });
    expect(provinceH42.history.map((h) => [h.code ?? h.event, h.description ?? null])).toEqual([
      ['sent', null],
      ['01', 'Văn bản điện tử đã đến hệ thống quản lý văn bản và điều hành của UBND tỉnh Hà Tĩnh'],
      ['03', 'Tiếp nhận văn bản điện tử, vào sổ văn bản đến của đơn vị'],
      ['04', 'Đã phân công: giao Sở Nông nghiệp và Môi trường chủ trì, Sở Tài chính phối hợp tham mưu'],
      ['05', 'Đang xử lý văn bản'],
      ['06', 'Hoàn thành xử lý: đã có Công văn số 812/UBND-NL2 trả lời'],
    ]);
    expect(deliveries.get('000.00.07.H42')).toMatchObject({
      statusCode: '02',
      statusDescription: 'Từ chối tiếp nhận: văn bản gửi không đúng thẩm quyền, đề nghị gửi Sở Nông nghiệp và Môi trường tỉnh Hà Tĩnh',
    });

    // Each was kept as a status receipt with the time and text the package states.
    const receipts = await ctx.sql<{ status_code: string; status_timestamp: string }[]>`
      select status_code, status_timestamp from inbound_statuses where document_id = ${edxmlDocumentId} order by status_timestamp`;
    expect(receipts.map((r) => r.status_code)).toEqual(['01', '02', '03', '04', '05', '06']);
    expect(receipts[0].status_timestamp).toBe('2026-03-16T09:02:11');
    expect(workers.errors).toEqual([]);
  });

  it('still refuses a document package without To (400, nothing kept)', async () => {
    const noTo = readFileSync(new URL('../../fixtures/edxml/sample-domain-1.7.edxml', import.meta.url), 'utf8')
      .replace(/<edXML:To>.*?<\/edXML:To>/s, '')
      .replaceAll('000.00.00.H99', '000.00.00.H42');
    const [{ before }] = await ctx.sql<{ before: number }[]>`select count(*)::int as before from inbound_packages`;
    const res = await postInbound(ctx, peer, Buffer.from(noTo, 'utf8'));
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(/no To/) });
    const [{ after }] = await ctx.sql<{ after: number }[]>`select count(*)::int as after from inbound_packages`;
    expect(after).toBe(before);
  });
});

describe('document packages we send a peer', () => {
  it('carry DocumentType/Type, SteeringType and PageAmount (a reader of the official library defaults absent ones to 2, 0 and 1)', async () => {
    const doc = await issuedDocument(ctx, {
      ownerOrganizationId: province,
      number: '1251',
      subject: 'Về việc báo cáo thiệt hại do mưa lũ',
    });
    await ctx.sql`update documents set page_count = 3 where id = ${doc.id}`;
    const res = await post(ctx, `/documents/${doc.id}/dispatch`, 'province.clerk', {
      recipients: [{ organId: '000.00.09.H42', name: 'Sở Xây dựng tỉnh Hà Tĩnh' }],
    });
    expect(res.statusCode, res.body).toBe(202);
    await waitFor(async () => fake.sentTo('000.00.09.H42').length === 1, { what: 'package sent' });
    const [request] = fake.sentTo('000.00.09.H42');
    const xml = request.body.toString('utf8');
    expect(xml).toContain('<edXML:DocumentType><edXML:Type>1</edXML:Type><edXML:TypeName>Công văn</edXML:TypeName></edXML:DocumentType>');
    expect(xml).toContain('<edXML:SteeringType>0</edXML:SteeringType>');
    expect(xml).toContain('<edXML:PageAmount>3</edXML:PageAmount>');
    const pkg = await parsed(request);
    expect(pkg.kind === 'edoc' && pkg.header).toMatchObject({
      documentType: { type: 1, typeName: 'Công văn' },
      steeringType: 0,
      otherInfo: { pageAmount: 3 },
    });
  });
});
