import { randomUUID } from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitEdocPackage, emitStatusPackage, type EmitAttachment } from '../../../src/modules/exchange/edxml/index.js';
import { encodeCursor } from '../../../src/lib/pagination.js';
import { peerRequestHeaders } from '../../../src/modules/exchange/peer-auth.js';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { createDocumentRow, TINY_PDF } from '../../helpers/documents.js';
import { get, issuedDocument, orgByCode, post } from '../exchange-dispatch/helpers.js';
import {
  DISTRICT,
  PROVINCE,
  createPeer,
  edocPackage,
  postInbound,
  startExchangeWorkers,
  storedKeys,
  waitFor,
  type Peer,
} from './helpers.js';

/**
 * Security of the exchange module (issue 9): a peer speaks only for its agencies, inbound requests
 * are authenticated before their body is read, exchange attachments pass the upload file-type
 * check, hostile package fields answer 400, and dead letters stay within the admin's subtree.
 */

let ctx: TestContext;
/** Peer A: the remote province H99 (every `*.H99` agency). */
let peerA: Peer;
/** Peer B: the remote province H77. */
let peerB: Peer;
const H77 = '000.00.00.H77';

beforeAll(async () => {
  ctx = await createTestContext();
  peerA = await createPeer(ctx);
  peerB = await createPeer(ctx, { name: 'UBND tỉnh H77', organId: H77, agencyCodes: ['*.H77'] });
});
afterAll(() => ctx?.close());

async function counts() {
  const [row] = await ctx.sql<{ packages: number; outbox: number }[]>`
    select (select count(*)::int from inbound_packages) as packages, (select count(*)::int from outbox) as outbox`;
  return { ...row, objects: (await storedKeys(ctx)).length };
}

const refusals = async (peerId: string) =>
  ctx.sql<
    { details: Record<string, unknown> }[]
  >`select details from audit_events where action = 'exchange.inbound.refuse' and subject_id = ${peerId} order by id`;

/** A document package from `from` to the province with `attachments`. */
async function edocFrom(
  from: string,
  number: string,
  {
    attachments = [{ name: `${number}.pdf`, contentType: 'application/pdf', stream: TINY_PDF }],
    business,
    documentId,
  }: { attachments?: EmitAttachment[]; business?: Record<string, unknown>; documentId?: string } = {},
) {
  return buffer(
    emitEdocPackage(
      {
        from: { organId: from, organName: 'Cơ quan gửi' },
        to: [{ organId: PROVINCE }],
        ...(documentId ? { documentId } : {}),
        code: { number, notation: 'QĐ-UBND' },
        promulgation: { place: 'Thử Nghiệm', date: '2026-03-02' },
        documentType: { type: 1, typeName: 'Quyết định' },
        subject: `Về việc kiểm tra an ninh liên thông số ${number}`,
        ...(business ? { business } : {}),
      },
      attachments,
    ),
  );
}

const statusFrom = (from: string, documentId: string, statusCode: '03' | '06' | '15' | '16', timestamp = '2026-03-03T08:00:00') =>
  buffer(
    emitStatusPackage({
      responseFor: { organId: PROVINCE, code: '7/UBND-VP', promulgationDate: '2026-03-01', documentId },
      from: { organId: from, organName: 'Cơ quan trả lời' },
      statusCode,
      description: 'x',
      timestamp,
    }),
  );

describe('security: a peer speaks only for its registered agencies (item 1)', () => {
  it("refuses (403, audited, nothing kept) a document whose From is not one of the peer's agencies, or is a unit of this deployment", async () => {
    const before = await counts();
    for (const [from, number] of [
      [PROVINCE, '901'],
      [DISTRICT, '902'],
      [H77, '903'],
    ] as const) {
      const res = await postInbound(ctx, peerA, await edocFrom(from, number));
      expect(res.statusCode, from).toBe(403);
      expect(res.json().error.code).toBe('PEER_NOT_AUTHORISED');
    }
    expect(await counts()).toEqual(before);
    const audited = await refusals(peerA.id);
    expect(audited.map((a) => a.details.from)).toEqual(expect.arrayContaining([PROVINCE, DISTRICT, H77]));
    // Its own agency is accepted.
    expect((await postInbound(ctx, peerA, await edocFrom('000.00.05.H99', '904'))).statusCode).toBe(202);
  });

  it('refuses a document From a unit of this deployment even when the peer speaks for its code (a unit created after the peer was registered)', async () => {
    // Registration refuses such codes; a unit that came later under the peer's pattern is caught by the receipt's own statement.
    const overlapping = await createPeer(ctx, { name: 'UBND tỉnh H42', organId: '000.00.00.H42', agencyCodes: ['*.H42'] });
    await ctx.sql`update exchange_peers set agency_codes = array['*.H42', ${DISTRICT}] where id = ${overlapping.id}`;
    const before = await counts();
    const res = await postInbound(ctx, overlapping, await edocFrom(DISTRICT, '905'));
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatchObject({ code: 'PEER_NOT_AUTHORISED', message: `${DISTRICT} is an organisation of this deployment` });
    expect(await counts()).toEqual(before);
    expect((await refusals(overlapping.id)).map((a) => a.details)).toEqual([
      expect.objectContaining({ from: DISTRICT, reason: `${DISTRICT} is an organisation of this deployment` }),
    ]);
    // Its own agency still goes through.
    expect((await postInbound(ctx, overlapping, await edocFrom('000.00.05.H42', '906'))).statusCode).toBe(202);
  });

  it('refuses registering a peer for a unit of this deployment', async () => {
    for (const agencyCodes of [[PROVINCE], ['*.H41'], ['000.00.30.h41']]) {
      const res = await ctx.request({
        method: 'POST',
        url: '/api/v1/exchange/peers',
        as: 'admin',
        payload: { name: 'x', organId: 'x', agencyCodes },
      });
      expect(res.statusCode, JSON.stringify(agencyCodes)).toBe(400);
    }
    const noCodes = await ctx.request({ method: 'POST', url: '/api/v1/exchange/peers', as: 'admin', payload: { name: 'x', organId: 'x' } });
    expect(noCodes.statusCode).toBe(400);
  });

  it("refuses a status about a delivery that was not sent to the peer's agency, and leaves the delivery as it was", async () => {
    const province = await orgByCode(ctx, PROVINCE);
    const doc = await issuedDocument(ctx, { ownerOrganizationId: province, number: '905' });
    const sent = await post(ctx, `/documents/${doc.id}/dispatch`, 'province.clerk', {
      recipients: [{ organId: H77, name: 'UBND tỉnh H77', peerId: peerB.id }],
    });
    expect(sent.statusCode, sent.body).toBe(202);
    const edxmlDocumentId = sent.json<{ edxmlDocumentId: string }>().edxmlDocumentId;
    const delivery = async () =>
      (await ctx.sql`select status_code, recall_state, history from deliveries where document_id = ${doc.id}`)[0];
    const untouched = await delivery();
    const before = await counts();

    // Peer A answering for its own agency about B's delivery, and for B's agency.
    for (const [from, code] of [
      ['000.00.00.H99', '06'],
      [H77, '06'],
      [H77, '15'],
    ] as const) {
      const res = await postInbound(ctx, peerA, await statusFrom(from, edxmlDocumentId, code));
      expect(res.statusCode, `${from} ${code}`).toBe(403);
      expect(res.json().error.code).toBe('PEER_NOT_AUTHORISED');
    }
    expect(await counts()).toEqual(before);
    expect(await delivery()).toEqual(untouched);

    // B, whose agency got it, may.
    expect((await postInbound(ctx, peerB, await statusFrom(H77, edxmlDocumentId, '03'))).statusCode).toBe(202);
  });

  it('refuses a recall, update or replacement of a document the peer did not send', async () => {
    // C shares B's agency code (two gateways of one province), but B sent the original.
    const peerC = await createPeer(ctx, { name: 'Trục H77 thứ hai', organId: H77, agencyCodes: [H77] });
    const documentId = `${H77},2026/03/02,906/QĐ-UBND`;
    expect((await postInbound(ctx, peerB, await edocFrom(H77, '906', { documentId }))).statusCode).toBe(202);
    const before = await counts();
    for (const docType of [1, 2, 3]) {
      const res = await postInbound(
        ctx,
        peerC,
        await edocFrom(H77, docType === 3 ? '907' : '906', { business: { docType, reason: `giả mạo ${docType}`, documentId } }),
      );
      expect(res.statusCode, `docType ${docType}`).toBe(403);
      expect(res.json().error.code).toBe('PEER_NOT_AUTHORISED');
    }
    expect(await counts()).toEqual(before);
    expect(
      (await postInbound(ctx, peerB, await edocFrom(H77, '906', { business: { docType: 1, reason: 'Thu hồi', documentId } }))).statusCode,
    ).toBe(202);
  });
});

describe('security: inbound requests are authenticated before the body is read (item 10)', () => {
  it('answers 401 to a bad signature before parsing: a malformed or hostile body with a bad signature is not a 400', async () => {
    const before = await counts();
    const forged = { id: peerA.id, secret: 'not-the-secret-not-the-secret-00' };
    for (const body of [
      Buffer.from('<edXML><broken'),
      Buffer.from('<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>'),
      await edocPackage({ number: '910' }),
    ]) {
      const res = await postInbound(ctx, forged, body);
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('UNAUTHENTICATED');
    }
    expect(await counts()).toEqual(before);
  });

  it('needs the signed content hash, and refuses (401, nothing kept) a body that is not the one the headers signed', async () => {
    const before = await counts();
    const signed = await edocPackage({ number: '911' });
    const other = await edocPackage({ number: '912' });
    const headers = peerRequestHeaders(peerA.id, peerA.secret, signed);
    const swapped = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/exchange/inbound',
      headers: { 'content-type': 'application/edxml+xml', ...headers },
      payload: other,
    });
    expect(swapped.statusCode).toBe(401);
    const { 'x-vanthu-content-sha256': _omitted, ...withoutHash } = headers;
    const bare = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/exchange/inbound',
      headers: { 'content-type': 'application/edxml+xml', ...withoutHash },
      payload: signed,
    });
    expect(bare.statusCode).toBe(401);
    expect(await counts()).toEqual(before);
  });
});

describe('security: exchange attachments pass the upload file-type check (item 2)', () => {
  it('stores allowed attachments under their sniffed type and records refused ones on the document, not storing them', async () => {
    const html = Buffer.from('<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>');
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>');
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(64, 0)]);
    const body = await edocFrom('000.00.00.H99', '920', {
      attachments: [
        { name: 'quyet-dinh.pdf', contentType: 'text/html', stream: TINY_PDF },
        { name: 'trang.html', contentType: 'text/html', stream: html },
        { name: 'logo.svg', contentType: 'image/svg+xml', stream: svg },
        { name: 'phu-luc.pdf', contentType: 'application/pdf', stream: elf },
        { name: 'bang.png', contentType: 'image/png', stream: TINY_PDF },
      ],
    });
    const res = await postInbound(ctx, peerA, body);
    expect(res.statusCode, res.body).toBe(202);
    const { receiptId } = res.json();
    const workers = startExchangeWorkers(ctx);
    try {
      await waitFor(async () => (await ctx.sql`select 1 from inbound_deliveries where receipt_id = ${receiptId}`).length === 1, {
        what: 'package delivered',
      });
    } finally {
      await workers.close();
    }
    // The intake job sniffed and stored the attachments (the accept read the header only).
    const [pkg] = await ctx.sql`select attachments, refused_attachments from inbound_packages where id = ${receiptId}`;
    expect(pkg.attachments).toHaveLength(1);
    expect(pkg.attachments[0]).toMatchObject({ name: 'quyet-dinh.pdf', contentType: 'application/pdf' });
    expect((await ctx.container.storage.stat(pkg.attachments[0].storageKey))?.contentType).toBe('application/pdf');
    expect(pkg.refused_attachments.map((r: { name: string; declaredType: string }) => [r.name, r.declaredType])).toEqual([
      ['trang.html', 'text/html'],
      ['logo.svg', 'image/svg+xml'],
      ['phu-luc.pdf', 'application/pdf'],
      ['bang.png', 'image/png'],
    ]);
    for (const r of pkg.refused_attachments) expect(r.reason.length).toBeGreaterThan(5);
    // Only the raw package and the one allowed attachment are stored.
    expect((await storedKeys(ctx)).filter((k) => k.includes(receiptId))).toHaveLength(2);
    const [{ document_id: documentId }] = await ctx.sql`select document_id from inbound_deliveries where receipt_id = ${receiptId}`;
    const files = await ctx.sql`select name, content_type from document_files where document_id = ${documentId}`;
    expect(files).toEqual([{ name: 'quyet-dinh.pdf', content_type: 'application/pdf' }]);
    const timeline = await get(ctx, `/documents/${documentId}/timeline`, 'province.clerk');
    expect(timeline.statusCode, timeline.body).toBe(200);
    const event = timeline
      .json<{ events: { action: string; details: { refusedAttachments: { name: string }[] } }[] }>()
      .events.find((e) => e.action === 'exchange.attachments-refused');
    expect(event?.details.refusedAttachments.map((r) => r.name)).toEqual(['trang.html', 'logo.svg', 'phu-luc.pdf', 'bang.png']);
  });
});

describe('security: hostile package fields answer 400, never 500 (item 8)', () => {
  it('refuses CR/LF in an attachment ContentType and control characters in the sender code, keeping nothing', async () => {
    const before = await counts();
    const crlf = await edocFrom('000.00.00.H99', '930', {
      attachments: [{ name: 'a.pdf', contentType: 'application/pdf\r\nX-Injected: 1', stream: TINY_PDF }],
    });
    const res = await postInbound(ctx, peerA, crlf);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(res.json().error.message).toMatch(/ContentType/);
    const tab = Buffer.from(
      (await edocFrom('000.00.00.H99', '931'))
        .toString('utf8')
        .replace('<edXML:OrganId>000.00.00.H99</edXML:OrganId>', '<edXML:OrganId>000.00.00.H99&#9;x</edXML:OrganId>'),
    );
    const res2 = await postInbound(ctx, peerA, tab);
    expect(res2.statusCode, res2.body).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it('refuses in the intake job a CR/LF found only in the attachment element, after the header: the receipt fails, nothing of it stored but the raw bytes', async () => {
    const crlf = Buffer.from(
      (await edocFrom('000.00.00.H99', '932', { attachments: [{ name: 'a.pdf', contentType: 'application/pdf', stream: TINY_PDF }] }))
        .toString('utf8')
        .replace('<ContentType>application/pdf</ContentType>', '<ContentType>application/pdf&#13;&#10;X-Injected: 1</ContentType>'),
    );
    const res = await postInbound(ctx, peerA, crlf);
    expect(res.statusCode, res.body).toBe(202);
    const { receiptId } = res.json();
    const result = await ctx.container.services.exchange.intake.processInbound(receiptId, undefined);
    expect(result).toMatchObject({ outcome: 'refused', reason: expect.stringMatching(/ContentType contains control characters/) });
    const [pkg] = await ctx.sql`select state, raw_storage_key from inbound_packages where id = ${receiptId}`;
    expect(pkg.state).toBe('failed');
    expect((await storedKeys(ctx)).filter((k) => k.includes(receiptId))).toEqual([pkg.raw_storage_key]);
  });
});

describe("security: dead letters stay within the admin's subtree (item 6)", () => {
  let provinceDead: string;
  let districtDead: string;

  beforeAll(async () => {
    const deadOf = async (orgCode: string) => {
      const org = await orgByCode(ctx, orgCode);
      const documentId = await createDocumentRow(ctx.sql, { ownerOrganizationId: org, direction: 'outgoing', status: 'issued' });
      const id = randomUUID();
      await ctx.sql`
        insert into deliveries (id, document_id, sender_organization_id, kind, recipient_organ_id, recipient_name, peer_id, edxml_document_id, state, last_error)
        values (${id}, ${documentId}, ${org}, 'remote', '000.00.00.H99', 'UBND tỉnh Thử Nghiệm', ${peerA.id}, ${`${orgCode},2026/03/02,${id}`}, 'dead', 'refused')`;
      return id;
    };
    provinceDead = await deadOf(PROVINCE);
    districtDead = await deadOf(DISTRICT);
  });

  const listed = async (as: string) =>
    (await get(ctx, '/exchange/dead-letters?limit=500', as)).json<{ items: { id: string }[] }>().items.map((i) => i.id);

  it('lists to a district admin only the dead letters of its subtree; the deployment admin sees all', async () => {
    const district = await listed('district.admin');
    expect(district).toContain(districtDead);
    expect(district).not.toContain(provinceDead);
    expect(await listed('admin')).toEqual(expect.arrayContaining([provinceDead, districtDead]));
  });

  it('answers 404 to a district admin replaying a dead letter outside its subtree, and changes nothing', async () => {
    const res = await post(ctx, `/exchange/dead-letters/${provinceDead}/replay`, 'district.admin');
    expect(res.statusCode).toBe(404);
    const [row] = await ctx.sql`select state, replays from deliveries where id = ${provinceDead}`;
    expect(row).toEqual({ state: 'dead', replays: 0 });
    expect((await post(ctx, `/exchange/dead-letters/${districtDead}/replay`, 'district.admin')).statusCode).toBe(202);
  });

  it('answers 400 VALIDATION_FAILED to a malformed or out-of-range cursor', async () => {
    for (const cursor of [
      '%%%',
      encodeCursor(['garbage', randomUUID()]),
      encodeCursor(['2026-01-01T00:00:00.000Z', 'not-a-uuid']),
      encodeCursor(['+275760-09-13T00:00:00.001Z', randomUUID()]),
      encodeCursor([1, 2]),
    ]) {
      const res = await get(ctx, `/exchange/dead-letters?cursor=${encodeURIComponent(cursor)}`, 'admin');
      expect(res.statusCode, cursor).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    }
  });
});
