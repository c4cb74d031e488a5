import { createHash, randomBytes } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { emitEdocPackage, emitStatusPackage } from '../../../../src/modules/exchange/edxml/emit.js';
import { parseEdxml } from '../../../../src/modules/exchange/edxml/parse.js';
import { toCliJson } from '../../../../src/modules/exchange/edxml/cli-json.js';
import { EDXML_STATUS_CODES, EDXML_STATUS_DESCRIPTIONS } from '../../../../src/modules/exchange/edxml/types.js';
import type { EdocEmitInput, EdocPackage, StatusPackage } from '../../../../src/modules/exchange/edxml/types.js';
import { chunked, collect, LIMITS, memorySink, refusal } from './helpers.js';

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

const DOC: EdocEmitInput = {
  from: {
    organId: '000.00.00.H99',
    organName: 'UBND tỉnh Thử Nghiệm',
    organizationInCharge: 'Chính phủ',
    organAdd: 'Số 1 Đường Trần Hưng Đạo, TP. Thử Nghiệm',
    email: 'vanthu@thunghiem.gov.vn',
    telephone: '0200 3820 000',
    fax: '0200 3820 001',
    website: 'https://thunghiem.gov.vn',
  },
  to: [
    { organId: '000.00.05.H99', organName: 'Sở Mẫu' },
    { organId: '28.22.H17', organName: 'Cơ quan <đặc biệt> & "khác"' },
  ],
  code: { number: '15', notation: 'QĐ-UBND' },
  promulgation: { place: 'Thử Nghiệm', date: '2026-03-02' },
  documentType: { type: 1, typeDetail: 0, typeName: 'Quyết định' },
  subject: "Về việc thành lập tổ công tác mẫu (đợt 1) – ưu tiên 'cao'",
  content: 'Nội dung tóm tắt\ntrên hai dòng',
  signer: { competence: 'KT. CHỦ TỊCH', position: 'Phó Chủ tịch', fullName: 'Nguyễn Văn A' },
  dueDate: '2026-03-10',
  toPlaces: ['Như Điều 3', 'Lưu: VT, NC'],
  otherInfo: {
    priority: 3,
    sphereOfPromulgation: 'Lưu hành nội bộ',
    typerNotation: 'NVB',
    promulgationAmount: 5,
    pageAmount: 2,
    direction: false,
    appendixes: ['Phụ lục I', 'Phụ lục II'],
  },
  steeringType: 1,
  responseFor: [
    { organId: '000.00.05.H99', code: '3/BC-SM', promulgationDate: '2026-02-01', documentId: '000.00.05.H99,2026/02/01,3/BC-SM' },
  ],
  business: {
    docType: 0,
    reason: 'Văn bản mới',
    paper: 0,
    staffInfo: { department: 'Văn thư', staff: 'Trần Thị B', mobile: '0912000001', email: 'b@thunghiem.gov.vn' },
  },
  now: new Date('2026-03-02T02:15:00Z'),
};

/** A byte source that records how many chunks have been pulled from it. */
function countingSource(total: number, chunk: number): { stream: Readable; data: Buffer; pulled: () => number } {
  const data = randomBytes(total);
  let offset = 0;
  let pulled = 0;
  const stream = new Readable({
    read() {
      if (offset >= total) return this.push(null);
      pulled += 1;
      // Odd chunk sizes so base64 leftovers are exercised on every chunk.
      const end = Math.min(total, offset + chunk + (pulled % 3));
      this.push(data.subarray(offset, end));
      offset = end;
    },
  });
  return { stream, data, pulled: () => pulled };
}

describe('emitEdocPackage → parseEdxml round trip', () => {
  it('gives back the same header, trace, business and attachments', async () => {
    const small = Buffer.from('Tệp đính kèm: văn bản mẫu\n');
    const pdf = Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj <<>> endobj\n%%EOF\n');
    const emitted = await collect(
      emitEdocPackage(DOC, [
        { name: '15-QĐ-UBND.pdf', contentType: 'application/pdf', description: 'Bản chính', stream: pdf },
        { name: 'phu luc.txt', contentType: 'text/plain', stream: Readable.from([small.subarray(0, 5), small.subarray(5)]) },
        { name: 'empty.bin', contentType: 'application/octet-stream', stream: Buffer.alloc(0) },
      ]),
    );
    const text = emitted.toString('utf8');
    expect(text).toContain('<edXML:DocumentId>000.00.00.H99,2026/03/02,15/QĐ-UBND</edXML:DocumentId>');
    expect(text).toContain('<edXML:PromulgationDate>2026/03/02</edXML:PromulgationDate>');
    expect(text).toContain('<edXML:Timestamp>2026/03/02 09:15:00</edXML:Timestamp>');
    expect(text).toContain('Cơ quan &lt;đặc biệt&gt; &amp; &quot;khác&quot;');

    const p = (await parseEdxml(chunked(emitted, 1000), LIMITS)) as EdocPackage;
    expect(p.kind).toBe('edoc');
    expect(p.format).toBe('qcvn102');
    expect(p.namespace).toBe('http://www.mic.gov.vn/TBT/QCVN_102_2016');

    const { now: _now, business: _business, ...headerInput } = DOC;
    expect(p.header).toEqual({
      ...headerInput,
      documentId: '000.00.00.H99,2026/03/02,15/QĐ-UBND',
      from: DOC.from,
      to: DOC.to.map((t) => ({
        organizationInCharge: null,
        organAdd: null,
        email: null,
        telephone: null,
        fax: null,
        website: null,
        ...t,
      })),
    });
    expect(p.traceHeaders).toEqual([{ organId: '000.00.00.H99', timestamp: '2026-03-02T09:15:00' }]);
    expect(p.business).toEqual({ ...DOC.business, documentId: null, documentInfo: null, replacementInfoList: [] });
    expect(p.attachments).toEqual([
      {
        index: 0,
        contentId: 'cid:1',
        name: '15-QĐ-UBND.pdf',
        contentType: 'application/pdf',
        description: 'Bản chính',
        size: pdf.length,
        sha256: sha(pdf),
      },
      {
        index: 1,
        contentId: 'cid:2',
        name: 'phu luc.txt',
        contentType: 'text/plain',
        description: null,
        size: small.length,
        sha256: sha(small),
      },
      {
        index: 2,
        contentId: 'cid:3',
        name: 'empty.bin',
        contentType: 'application/octet-stream',
        description: null,
        size: 0,
        sha256: sha(Buffer.alloc(0)),
      },
    ]);
    expect(p.manifest.map((m) => m.contentId)).toEqual(['cid:1', 'cid:2', 'cid:3']);
  });

  it('streams a multi-MB attachment end to end in bounded pieces, with backpressure from a slow sink', async () => {
    const SIZE = 6 * 1024 * 1024 + 1;
    const src = countingSource(SIZE, 64 * 1024);
    const hash = createHash('sha256');
    let received = 0;
    let writes = 0;
    let largestWrite = 0;
    let pulledAtFirstWrite = -1;
    const sink = new Writable({
      highWaterMark: 32 * 1024,
      write(chunk: Buffer, _enc, cb) {
        if (pulledAtFirstWrite < 0) pulledAtFirstWrite = src.pulled();
        writes += 1;
        largestWrite = Math.max(largestWrite, chunk.length);
        received += chunk.length;
        hash.update(chunk);
        setImmediate(cb);
      },
    });

    const stream = emitEdocPackage(DOC, [{ name: 'big.bin', contentType: 'application/octet-stream', stream: src.stream }]);
    const p = (await parseEdxml(stream, { ...LIMITS, onAttachment: () => sink })) as EdocPackage;

    expect(p.attachments[0]).toMatchObject({ name: 'big.bin', size: SIZE, sha256: sha(src.data) });
    expect(received).toBe(SIZE);
    expect(hash.digest('hex')).toBe(sha(src.data));
    // Bytes reached the sink long before the source was exhausted: nothing was held whole.
    expect(pulledAtFirstWrite).toBeLessThan(src.pulled() / 4);
    expect(writes).toBeGreaterThan(20);
    expect(largestWrite).toBeLessThan(256 * 1024);
  });

  it('decodes base64 wrapped every 76 characters (CRLF or LF) exactly as unwrapped', async () => {
    const data = randomBytes(10_000);
    const lines = data.toString('base64').match(/.{1,76}/g) as string[];
    for (const eol of ['\n', '\r\n', '&#13;\n']) {
      const xml =
        '<edXML><edXMLEnvelope><edXMLHeader><MessageHeader><From><OrganId>A</OrganId></From><To><OrganId>B</OrganId></To>' +
        '<Code><CodeNumber>1</CodeNumber><CodeNotation>CV</CodeNotation></Code><PromulgationInfo><PromulgationDate>01/01/2026</PromulgationDate></PromulgationInfo>' +
        '<Subject>s</Subject></MessageHeader></edXMLHeader></edXMLEnvelope><AttachmentEncoded><Attachment><ContentId>cid:1</ContentId>' +
        `<AttachmentName>a.bin</AttachmentName><ContentType>application/octet-stream</ContentType><ContentTransferEncoded>\n${lines.join(eol)}\n</ContentTransferEncoded></Attachment></AttachmentEncoded></edXML>`;
      const { sink, bytes } = memorySink();
      const p = (await parseEdxml(chunked(xml, 333), { ...LIMITS, onAttachment: () => sink })) as EdocPackage;
      expect(p.attachments[0]).toMatchObject({ size: data.length, sha256: sha(data) });
      expect(bytes().equals(data)).toBe(true);
    }
  });

  it('decodes base64 given inside CDATA or split by a comment', async () => {
    const data = Buffer.from('xin chào thế giới');
    const b64 = data.toString('base64');
    const make = (content: string): string =>
      '<edXML><MessageHeader><From><OrganId>A</OrganId></From><To><OrganId>B</OrganId></To><Code><CodeNumber>1</CodeNumber><CodeNotation>CV</CodeNotation></Code>' +
      '<PromulgationInfo><PromulgationDate>2026-01-01</PromulgationDate></PromulgationInfo><Subject>s</Subject></MessageHeader>' +
      `<AttachmentEncoded><Attachment><ContentTransferEncoded>${content}</ContentTransferEncoded></Attachment></AttachmentEncoded></edXML>`;
    for (const content of [`<![CDATA[${b64}]]>`, `${b64.slice(0, 8)}<!-- break -->${b64.slice(8)}`]) {
      const p = (await parseEdxml(Buffer.from(make(content)), LIMITS)) as EdocPackage;
      expect(p.attachments[0]).toMatchObject({ size: data.length, sha256: sha(data) });
    }
  });
});

describe('parseEdxml headerOnly', () => {
  it('reads up to the first attachment: the same header and manifest as a full parse, no attachment, the rest of the stream left to the caller', async () => {
    const data = randomBytes(300_000);
    const emitted = await collect(emitEdocPackage(DOC, [{ name: 'a.pdf', contentType: 'application/pdf', stream: data }]));
    const full = (await parseEdxml(emitted, LIMITS)) as EdocPackage;
    const source = chunked(emitted, 1000);
    let read = 0;
    source.on('data', (c: Buffer) => (read += c.length)).pause();
    const head = (await parseEdxml(source, { ...LIMITS, headerOnly: true })) as EdocPackage;
    expect(head.attachmentsRead).toBe(false);
    expect(head.attachments).toEqual([]);
    expect({ ...head, attachments: full.attachments, attachmentsRead: true }).toEqual(full);
    expect(full.attachmentsRead).toBe(true);
    // A few KB of a 400 KB package, and the stream is neither consumed nor destroyed.
    expect(read).toBeLessThan(10_000);
    expect(source.destroyed).toBe(false);
    expect(read + (await collect(source)).length).toBe(emitted.length);
  });

  it('reads a package without attachments whole, and still refuses a malformed header', async () => {
    const emitted = await collect(emitEdocPackage(DOC, []));
    const p = (await parseEdxml(chunked(emitted, 100), { ...LIMITS, headerOnly: true })) as EdocPackage;
    expect(p.attachmentsRead).toBe(true);
    const noSubject = emitted.toString('utf8').replace(/<edXML:Subject>.*?<\/edXML:Subject>/, '');
    await expect(parseEdxml(Buffer.from(noSubject), { ...LIMITS, headerOnly: true })).rejects.toThrow(/Subject/);
    await expect(parseEdxml(emitted.subarray(0, 500), { ...LIMITS, headerOnly: true })).rejects.toThrow(/malformed/);
  });
});

describe('emitEdocPackage', () => {
  it('builds DocumentId from sender, date and number/notation when not given, and defaults the business block', async () => {
    const xml = (
      await collect(
        emitEdocPackage({
          from: { organId: '000.00.00.G22' },
          to: [{ organId: '000.00.00.H41' }],
          code: { number: '7816', notation: 'VPCP-TTĐT' },
          promulgation: { date: '30/09/2015' },
          subject: 'Về việc kết nối',
          now: new Date('2015-09-30T17:30:00Z'),
        }),
      )
    ).toString('utf8');
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016">')).toBe(true);
    expect(xml).toContain('<edXML:DocumentId>000.00.00.G22,2015/09/30,7816/VPCP-TTĐT</edXML:DocumentId>');
    expect(xml).toContain('<edXML:Priority>0</edXML:Priority>');
    // 17:30 UTC is 00:30 the next day in Vietnam.
    expect(xml).toContain('<edXML:Timestamp>2015/10/01 00:30:00</edXML:Timestamp>');
    expect(xml).toContain('<edXML:BussinessDocType>0</edXML:BussinessDocType>');
    expect(xml).not.toContain('AttachmentEncoded');
    const p = (await parseEdxml(Buffer.from(xml), LIMITS)) as EdocPackage;
    expect(p.header.signer).toBeNull();
    // Type and SteeringType are always sent: the official reader would take absent ones as 2 and 0.
    expect(p.header.documentType).toEqual({ type: 1, typeDetail: null, typeName: null });
    expect(p.header.steeringType).toBe(0);
  });

  it.each([
    ['Công văn', { typeName: 'Công văn' }, '<edXML:Type>1</edXML:Type><edXML:TypeName>Công văn</edXML:TypeName>'],
    ['Thông tư', { typeName: 'Thông tư' }, '<edXML:Type>1</edXML:Type><edXML:TypeName>Thông tư</edXML:TypeName>'],
    [
      'Báo cáo',
      { typeName: 'Báo cáo' },
      '<edXML:Type>2</edXML:Type><edXML:TypeDetail>1</edXML:TypeDetail><edXML:TypeName>Báo cáo</edXML:TypeName>',
    ],
    ['Báo cáo (NFD)', { typeName: 'Báo cáo'.normalize('NFD') }, '<edXML:Type>2</edXML:Type><edXML:TypeDetail>1</edXML:TypeDetail>'],
    [
      'a Type given by the caller',
      { type: 18, typeName: 'Công văn' },
      '<edXML:Type>18</edXML:Type><edXML:TypeName>Công văn</edXML:TypeName>',
    ],
  ])('sends DocumentType/Type for %s (what real packages send; reading keys on TypeName)', async (_label, documentType, expected) => {
    const xml = (await collect(emitEdocPackage({ ...DOC, documentType }))).toString('utf8');
    expect(xml).toContain(`<edXML:DocumentType>${expected}`);
  });

  it('sends SteeringType 0 when the document has none, and PromulgationAmount/PageAmount when known', async () => {
    const xml = (
      await collect(emitEdocPackage({ ...DOC, steeringType: undefined, otherInfo: { priority: 1, promulgationAmount: 12, pageAmount: 3 } }))
    ).toString('utf8');
    expect(xml).toContain('<edXML:SteeringType>0</edXML:SteeringType>');
    expect(xml).toContain('<edXML:PromulgationAmount>12</edXML:PromulgationAmount><edXML:PageAmount>3</edXML:PageAmount>');
    const bare = (await collect(emitEdocPackage({ ...DOC, otherInfo: { priority: 1 } }))).toString('utf8');
    expect(bare).not.toContain('PromulgationAmount');
    expect(bare).not.toContain('PageAmount');
  });

  it('drops characters XML cannot carry and keeps carriage returns', async () => {
    const xml = await collect(emitEdocPackage({ ...DOC, subject: 'a\u0001b\u0000c\r\nd' }, []));
    const p = (await parseEdxml(xml, LIMITS)) as EdocPackage;
    expect(p.header.subject).toBe('abc\r\nd');
  });

  it.each([
    ['no sender id', { from: { organId: '' } }, /from\.organId/],
    ['no recipient', { to: [] }, /recipient/],
    ['a duplicate recipient', { to: [{ organId: 'X' }, { organId: 'X' }] }, /more than once/],
    ['no subject', { subject: '  ' }, /subject/],
    ['a bad date', { promulgation: { date: '2026-13-01' } }, /promulgation\.date/],
  ])('refuses %s synchronously', async (_label, patch, reason) => {
    expect(await refusal(Promise.resolve().then(() => emitEdocPackage({ ...DOC, ...patch } as EdocEmitInput)))).toMatch(reason);
  });
});

describe('emitStatusPackage → parseEdxml', () => {
  const RESPONSE_FOR = {
    organId: '000.00.00.H99',
    code: '15/QĐ-UBND',
    promulgationDate: '2026-03-02',
    documentId: '000.00.00.H99,2026/03/02,15/QĐ-UBND',
  };

  it.each(EDXML_STATUS_CODES)(
    'round-trips status %s in the MessageHeader form (From, ResponseFor, StaffInfo, StatusCode, Description, Timestamp; no To)',
    async (code) => {
      const stream = emitStatusPackage({
        responseFor: RESPONSE_FOR,
        from: { organId: '000.00.05.H99', organName: 'Sở Mẫu' },
        statusCode: code,
        description: code === '02' ? 'Gửi sai đơn vị' : EDXML_STATUS_DESCRIPTIONS[code],
        staffInfo: { staff: 'Trần Thị Bình', department: 'Văn thư', mobile: '0912000001', email: 'binhtt@mau.gov.vn' },
        now: new Date('2026-03-02T07:05:30Z'),
      });
      const xml = await collect(stream);
      const text = xml.toString('utf8');
      // The wire form the official reader understands: every field inside MessageHeader, in the real packages' order.
      const header = /<edXML:MessageHeader>(.*)<\/edXML:MessageHeader>/s.exec(text)?.[1] ?? '';
      expect(
        [...header.matchAll(/<edXML:(\w+)>/g)]
          .map((m) => m[1])
          .filter((n) => ['From', 'ResponseFor', 'StaffInfo', 'StatusCode', 'Description', 'Timestamp', 'To'].includes(n)),
      ).toEqual(['From', 'ResponseFor', 'StaffInfo', 'StatusCode', 'Description', 'Timestamp']);
      expect(header).toContain(`<edXML:StatusCode>${code}</edXML:StatusCode>`);
      expect(header).toContain('<edXML:Timestamp>2026/03/02 14:05:30</edXML:Timestamp>');
      expect(text).not.toContain('<edXML:Status>');

      const p = (await parseEdxml(xml, LIMITS)) as StatusPackage;
      expect(p.kind).toBe('status');
      expect(p.status).toEqual({
        responseFor: RESPONSE_FOR,
        from: {
          organId: '000.00.05.H99',
          organName: 'Sở Mẫu',
          organizationInCharge: null,
          organAdd: null,
          email: null,
          telephone: null,
          fax: null,
          website: null,
        },
        statusCode: code,
        description: code === '02' ? 'Gửi sai đơn vị' : EDXML_STATUS_DESCRIPTIONS[code],
        timestamp: '2026-03-02T14:05:30',
        staffInfo: { department: 'Văn thư', staff: 'Trần Thị Bình', mobile: '0912000001', email: 'binhtt@mau.gov.vn' },
      });
      expect(toCliJson(p)).toMatchObject({
        kind: 'status',
        from: { organId: '000.00.05.H99', organName: 'Sở Mẫu' },
        statusCode: code,
        responseFor: RESPONSE_FOR,
      });
    },
  );

  it('writes a Date timestamp in Vietnam time and leaves StaffInfo and Description out when not known', async () => {
    const xml = (
      await collect(
        emitStatusPackage({
          responseFor: { documentId: 'd' },
          from: { organId: 'A' },
          statusCode: '01',
          timestamp: new Date('2026-03-02T17:30:00Z'),
        }),
      )
    ).toString('utf8');
    expect(xml).toContain('<edXML:Timestamp>2026/03/03 00:30:00</edXML:Timestamp>');
    expect(xml).not.toContain('StaffInfo');
    expect(xml).not.toContain('Description');
  });

  it('refuses an unknown code, a refusal without reason and a ResponseFor without key', () => {
    const base = { responseFor: { documentId: 'd' }, from: { organId: 'A' } };
    expect(() => emitStatusPackage({ ...base, statusCode: '07' as '01' })).toThrow(/statusCode must be one of/);
    expect(() => emitStatusPackage({ ...base, statusCode: '02' })).toThrow(/reason/);
    expect(() => emitStatusPackage({ ...base, responseFor: {}, statusCode: '03' })).toThrow(/documentId or a code/);
  });
});
