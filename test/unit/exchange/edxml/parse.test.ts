import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseEdxml } from '../../../../src/modules/exchange/edxml/parse.js';
import type { EdocPackage, StatusPackage } from '../../../../src/modules/exchange/edxml/types.js';
import {
  chunked,
  edocXml,
  fixture,
  LIMITS,
  MANDATORY,
  memorySink,
  REAL_STATUS_CASES,
  REAL_STATUS_RESPONSE_FOR,
  refusal,
} from './helpers.js';

const PDF = Buffer.from('%PDF-1.4\n% vanthu edxml fixture\n%%EOF\n');
const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

async function parseEdoc(src: Buffer | string, chunk = 7): Promise<EdocPackage> {
  const p = await parseEdxml(chunked(src, chunk), LIMITS);
  expect(p.kind).toBe('edoc');
  return p as EdocPackage;
}

describe('parseEdxml: the DOMAIN.md §1.7 sample package', () => {
  it('reads every header field, the trace, the business block and the attachment', async () => {
    const { sink, bytes } = memorySink();
    const metas: unknown[] = [];
    const sut = await parseEdxml(fixture('sample-domain-1.7.edxml'), {
      ...LIMITS,
      onAttachment: (meta) => {
        metas.push(meta);
        return sink;
      },
    });

    expect(sut.kind).toBe('edoc');
    const p = sut as EdocPackage;
    expect(p.format).toBe('qcvn102');
    expect(p.namespace).toBe('http://www.mic.gov.vn/TBT/QCVN_102_2016');
    expect(p.header.from).toEqual({
      organId: '000.00.00.H99',
      organName: 'UBND tỉnh Thử Nghiệm',
      organizationInCharge: null,
      organAdd: null,
      email: null,
      telephone: null,
      fax: null,
      website: null,
    });
    expect(p.header.to.map((t) => [t.organId, t.organName])).toEqual([['000.00.05.H99', 'Sở Mẫu']]);
    expect(p.header.documentId).toBe('000.00.00.H99,2026/03/02,15/QĐ-UBND');
    expect(p.header.code).toEqual({ number: '15', notation: 'QĐ-UBND' });
    expect(p.header.promulgation).toEqual({ place: 'Thử Nghiệm', date: '2026-03-02' });
    expect(p.header.documentType).toEqual({ type: 1, typeDetail: null, typeName: 'Quyết định' });
    expect(p.header.subject).toBe('Về việc thành lập tổ công tác mẫu');
    expect(p.header.signer).toEqual({ competence: 'KT. CHỦ TỊCH', position: 'Phó Chủ tịch', fullName: 'Nguyễn Văn A' });
    expect(p.header.dueDate).toBe('2026-03-10');
    expect(p.header.toPlaces).toEqual(['Như Điều 3']);
    expect(p.header.otherInfo).toEqual({
      priority: 1,
      sphereOfPromulgation: null,
      typerNotation: 'NVB',
      promulgationAmount: 5,
      pageAmount: 2,
      direction: null,
      appendixes: [],
    });
    expect(p.header.steeringType).toBe(0);
    expect(p.traceHeaders).toEqual([{ organId: '000.00.00.H99', timestamp: '2026-03-02T09:15:00' }]);
    expect(p.business).toMatchObject({ docType: 0, reason: 'Văn bản mới', paper: 0, documentId: null, replacementInfoList: [] });
    expect(p.manifest).toEqual([
      { contentId: 'cid:1', contentType: 'application/pdf', description: null, attachmentName: '15-QD-UBND.pdf', href: null },
    ]);

    expect(metas).toEqual([{ index: 0, contentId: 'cid:1', name: '15-QD-UBND.pdf', contentType: 'application/pdf', description: null }]);
    expect(p.attachments).toEqual([
      {
        index: 0,
        contentId: 'cid:1',
        name: '15-QD-UBND.pdf',
        contentType: 'application/pdf',
        description: null,
        size: PDF.length,
        sha256: sha(PDF),
      },
    ]);
    expect(bytes().equals(PDF)).toBe(true);
  });

  it('gives the same result whatever the chunking of the input', async () => {
    const whole = await parseEdxml(fixture('sample-domain-1.7.edxml'), LIMITS);
    for (const size of [1, 3, 64, 4096]) {
      expect(await parseEdxml(chunked(fixture('sample-domain-1.7.edxml'), size), LIMITS)).toEqual(whole);
    }
  });

  it('accepts the sample verbatim, with "JVBERi0…" as content (non-alphabet characters ignored, RFC 2045)', async () => {
    const verbatim = fixture('sample-domain-1.7.edxml')
      .toString('utf8')
      .replace(/<ContentTransferEncoded>[^<]*</, '<ContentTransferEncoded>JVBERi0…<');
    const p = await parseEdoc(verbatim);
    expect(p.attachments[0]).toMatchObject({ name: '15-QD-UBND.pdf', size: 5, sha256: sha(Buffer.from('%PDF-')) });
  });
});

describe('parseEdxml: status package in the MessageHeader form (as real peers send it)', () => {
  const answered = REAL_STATUS_RESPONSE_FOR;

  it('reads From, ResponseFor, StaffInfo, StatusCode, Description and Timestamp of a MessageHeader without To', async () => {
    const sut = await parseEdxml(chunked(fixture('status-02-rejection.edxml'), 5), LIMITS);
    expect(sut.kind).toBe('status');
    const p = sut as StatusPackage;
    expect(p.format).toBe('qcvn102');
    expect(p.namespace).toBe('http://www.mic.gov.vn/TBT/QCVN_102_2016');
    expect(p.status).toEqual({
      responseFor: answered,
      from: {
        organId: '000.00.07.H42',
        organName: 'Sở Tài chính tỉnh Hà Tĩnh',
        organizationInCharge: 'UBND tỉnh Hà Tĩnh',
        organAdd: null,
        email: null,
        telephone: null,
        fax: null,
        website: null,
      },
      statusCode: '02',
      description: 'Từ chối tiếp nhận: văn bản gửi không đúng thẩm quyền, đề nghị gửi Sở Nông nghiệp và Môi trường tỉnh Hà Tĩnh',
      timestamp: '2026-03-16T10:47:05',
      staffInfo: { department: 'Văn phòng Sở', staff: 'Nguyễn Thị Hằng', mobile: '0912345678', email: 'hangnt.stc@hatinh.gov.vn' },
    });
  });

  it.each(REAL_STATUS_CASES)(
    'reads $file as status $statusCode about the document it answers',
    async ({ file, statusCode, from, description, timestamp, staff }) => {
      const p = await parseEdxml(chunked(fixture(file), 13), LIMITS);
      expect(p.kind).toBe('status');
      const s = (p as StatusPackage).status;
      expect(s).toMatchObject({ statusCode, from, description, timestamp, responseFor: answered });
      expect(s.staffInfo?.staff).toBe(staff);
    },
  );

  it('reads the trace of a status, skips its XML-DSig block, and takes unprefixed elements', async () => {
    expect((await parseEdxml(fixture('status-03-acceptance.edxml'), LIMITS)).traceHeaders).toEqual([
      { organId: '000.00.00.H42', timestamp: '2026-03-16T14:20:36' },
    ]);
    expect((await parseEdxml(fixture('status-06-finish.edxml'), LIMITS)).kind).toBe('status');
    const unprefixed = (await parseEdxml(fixture('status-15-change-acceptance.edxml'), LIMITS)) as StatusPackage;
    expect(unprefixed.status).toMatchObject({
      statusCode: '15',
      from: { organId: '000.00.07.H42' },
      staffInfo: { department: 'Văn phòng Sở' },
    });
  });

  it('takes a MessageHeader with a StatusCode as a status even when it also names a recipient', async () => {
    const xml = edocXml(
      '<From><OrganId>000.00.00.H42</OrganId></From><To><OrganId>000.00.00.H41</OrganId></To>' +
        '<ResponseFor><DocumentId>000.00.00.H41,2026/03/16,1250/UBND-KT</DocumentId></ResponseFor><StatusCode>3</StatusCode>',
    );
    const p = await parseEdxml(Buffer.from(xml), LIMITS);
    expect(p.kind).toBe('status');
    expect((p as StatusPackage).status.statusCode).toBe('03');
  });

  it.each([
    [
      'no From/OrganId',
      '<ResponseFor><DocumentId>d</DocumentId></ResponseFor><StatusCode>03</StatusCode>',
      /MessageHeader\/From is missing OrganId/,
    ],
    ['no ResponseFor', '<From><OrganId>Y</OrganId></From><StatusCode>03</StatusCode>', /MessageHeader is missing ResponseFor/],
    [
      'an empty ResponseFor',
      '<From><OrganId>Y</OrganId></From><ResponseFor><OrganId>X</OrganId></ResponseFor><StatusCode>03</StatusCode>',
      /neither DocumentId nor Code/,
    ],
    [
      'a non-numeric StatusCode',
      '<From><OrganId>Y</OrganId></From><ResponseFor><Code>1/X</Code></ResponseFor><StatusCode>ok</StatusCode>',
      /StatusCode "ok"/,
    ],
  ])('refuses a MessageHeader status with %s', async (_label, inner, reason) => {
    expect(await refusal(parseEdxml(Buffer.from(edocXml(inner)), LIMITS))).toMatch(reason);
  });

  it('still refuses a document package without To (a MessageHeader with no StatusCode and no Status beside it)', async () => {
    const xml = edocXml(MANDATORY.replace('<To><OrganId>000.00.05.H99</OrganId></To>', ''));
    expect(await refusal(parseEdxml(Buffer.from(xml), LIMITS))).toBe('MessageHeader has no To (at least one recipient is required)');
  });
});

describe('parseEdxml: status package in the older Status form', () => {
  it('reads ResponseFor, From, StatusCode, Description, Timestamp and StaffInfo', async () => {
    const sut = await parseEdxml(chunked(fixture('legacy-status-03.edxml'), 5), LIMITS);
    expect(sut.kind).toBe('status');
    const s = (sut as StatusPackage).status;
    expect(s.statusCode).toBe('03');
    expect(s.description).toBe('Đã vào sổ');
    expect(s.timestamp).toBe('2026-03-02T14:05:30');
    expect(s.from.organId).toBe('000.00.05.H99');
    expect(s.from.organName).toBe('Sở Mẫu');
    expect(s.responseFor).toEqual({
      organId: '000.00.00.H99',
      code: '15/QĐ-UBND',
      promulgationDate: '2026-03-02',
      documentId: '000.00.00.H99,2026/03/02,15/QĐ-UBND',
    });
    expect(s.staffInfo).toEqual({ department: 'Văn thư', staff: 'Trần Thị Bình', mobile: null, email: null });
  });

  it('pads a one-digit code, joins a structured ResponseFor/Code and reads dd/MM/yyyy HH:mm:ss', async () => {
    const xml =
      '<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"><SOAP-ENV:Header>' +
      '<edXML:Status xmlns:edXML="http://schemas.xmlsoap.org/soap/envelope/"><edXML:ResponseFor><edXML:OrganId>X</edXML:OrganId>' +
      '<edXML:Code><edXML:CodeNumber>9</edXML:CodeNumber><edXML:CodeNotation>UBND-VP</edXML:CodeNotation></edXML:Code>' +
      '<edXML:PromulgationDate>02/03/2026</edXML:PromulgationDate></edXML:ResponseFor>' +
      '<edXML:From><edXML:OrganId>Y</edXML:OrganId></edXML:From><edXML:StatusCode>1</edXML:StatusCode>' +
      '<edXML:Timestamp>05/03/2026 16:07:08</edXML:Timestamp></edXML:Status></SOAP-ENV:Header><SOAP-ENV:Body /></SOAP-ENV:Envelope>';
    const p = (await parseEdxml(Buffer.from(xml), LIMITS)) as StatusPackage;
    expect(p.format).toBe('soap');
    expect(p.status).toMatchObject({
      statusCode: '01',
      description: null,
      timestamp: '2026-03-05T16:07:08',
      staffInfo: null,
      responseFor: { organId: 'X', code: '9/UBND-VP', promulgationDate: '2026-03-02', documentId: null },
    });
  });

  it('reads a Status element beside a MessageHeader that has no To (fields split by an older sender)', async () => {
    const xml =
      '<edXML><edXMLEnvelope><edXMLHeader><MessageHeader><From><OrganId>Y</OrganId></From></MessageHeader>' +
      '<Status><ResponseFor><DocumentId>d</DocumentId></ResponseFor><From><OrganId>Y</OrganId></From><StatusCode>05</StatusCode></Status>' +
      '</edXMLHeader></edXMLEnvelope></edXML>';
    const p = await parseEdxml(Buffer.from(xml), LIMITS);
    expect(p.kind).toBe('status');
    expect((p as StatusPackage).status).toMatchObject({ statusCode: '05', responseFor: { documentId: 'd' } });
  });

  it.each([
    ['no StatusCode', '<ResponseFor><DocumentId>d</DocumentId></ResponseFor><From><OrganId>Y</OrganId></From>', /StatusCode/],
    ['no From/OrganId', '<ResponseFor><DocumentId>d</DocumentId></ResponseFor><StatusCode>03</StatusCode>', /From.*OrganId/],
    ['no ResponseFor', '<From><OrganId>Y</OrganId></From><StatusCode>03</StatusCode>', /ResponseFor/],
    [
      'a non-numeric StatusCode',
      '<ResponseFor><Code>1/X</Code></ResponseFor><From><OrganId>Y</OrganId></From><StatusCode>ok</StatusCode>',
      /StatusCode/,
    ],
  ])('refuses a status with %s', async (_label, inner, reason) => {
    const xml = `<edXML><edXMLEnvelope><edXMLHeader><Status>${inner}</Status></edXMLHeader></edXMLEnvelope></edXML>`;
    expect(await refusal(parseEdxml(Buffer.from(xml), LIMITS))).toMatch(reason);
  });
});

describe('parseEdxml: older e-doc.vn SOAP form', () => {
  it('reads the MessageHeader by local name, dd/MM/yyyy dates and xlink references', async () => {
    const p = await parseEdoc(fixture('legacy-soap.edxml'), 11);
    expect(p.format).toBe('soap');
    expect(p.namespace).toBe('http://www.e-doc.vn/Schema/');
    expect(p.header.from.organId).toBe('000.00.00.H49');
    expect(p.header.to.map((t) => t.organId)).toEqual(['000.00.12.H49', '000.00.13.H49']);
    expect(p.header.code).toEqual({ number: '3739', notation: 'QĐ-UBND' });
    expect(p.header.promulgation).toEqual({ place: 'Quảng Ninh', date: '2016-11-15' });
    expect(p.header.dueDate).toBe('2016-11-30');
    expect(p.header.documentType).toEqual({ type: 2, typeDetail: null, typeName: 'Quyết định' });
    expect(p.header.otherInfo.priority).toBe(2);
    expect(p.header.signer).toEqual({ competence: 'KT. CHỦ TỊCH', position: null, fullName: 'Đặng Huy Hậu' });
    expect(p.header.documentId).toBeNull();
    expect(p.traceHeaders).toEqual([{ organId: '000.00.00.H49', timestamp: '2016-11-15T08:30:00' }]);
    expect(p.business).toBeNull();
    expect(p.manifest).toEqual([
      { contentId: null, contentType: null, description: null, attachmentName: '3739-QD-UBND.pdf', href: 'cid:3739-QD-UBND' },
    ]);
    expect(p.attachments).toEqual([]);
  });
});

describe('parseEdxml: leniency', () => {
  it('returns null for every missing optional field and keeps odd OrganIds as opaque strings', async () => {
    const p = await parseEdoc(fixture('minimal-no-namespace.edxml'));
    expect(p.namespace).toBeNull();
    expect(p.header).toEqual({
      from: {
        organId: 'vxp.saas.03',
        organName: null,
        organizationInCharge: null,
        organAdd: null,
        email: null,
        telephone: null,
        fax: null,
        website: null,
      },
      to: [
        {
          organId: '28.22.H17',
          organName: null,
          organizationInCharge: null,
          organAdd: null,
          email: null,
          telephone: null,
          fax: null,
          website: null,
        },
      ],
      documentId: null,
      code: { number: '7', notation: 'CV-VP' },
      promulgation: { place: null, date: '2026-01-05' },
      documentType: { type: null, typeDetail: null, typeName: null },
      subject: 'Thông báo lịch họp',
      content: null,
      signer: null,
      dueDate: null,
      toPlaces: [],
      otherInfo: {
        priority: null,
        sphereOfPromulgation: null,
        typerNotation: null,
        promulgationAmount: null,
        pageAmount: null,
        direction: null,
        appendixes: [],
      },
      steeringType: null,
      responseFor: [],
    });
    expect(p.traceHeaders).toEqual([]);
    expect(p.business).toBeNull();
    expect(p.manifest).toEqual([]);
  });

  it.each([
    ['2026/03/02', '2026-03-02'],
    ['02/03/2026', '2026-03-02'],
    ['2/3/2026', '2026-03-02'],
    ['2026-03-02', '2026-03-02'],
    ['2026-03-02T23:30:00Z', '2026-03-02'],
    ['02/03/2026 08:00:00', '2026-03-02'],
  ])('reads PromulgationDate %s as %s', async (raw, iso) => {
    const xml = edocXml(MANDATORY.replace('2026/03/02', raw));
    expect((await parseEdoc(xml)).header.promulgation.date).toBe(iso);
  });

  it('drops an unreadable optional date and an unreadable integer rather than refusing', async () => {
    const xml = edocXml(`${MANDATORY}<DueDate>sớm nhất có thể</DueDate><OtherInfo><Priority>khẩn</Priority></OtherInfo><SteeringType/>`);
    const p = await parseEdoc(xml);
    expect(p.header.dueDate).toBeNull();
    expect(p.header.otherInfo.priority).toBeNull();
    expect(p.header.steeringType).toBeNull();
  });

  it('preserves Vietnamese text, entities, CDATA and keeps prefixes undeclared without failing', async () => {
    const xml = edocXml(
      MANDATORY.replace(
        '<Subject>Về việc thử</Subject>',
        '<x:Subject>Về việc &quot;ưu tiên&quot; &amp; <![CDATA[<khẩn>]]> — Đắk Lắk</x:Subject>',
      ),
    );
    const p = await parseEdoc(xml, 2);
    expect(p.header.subject).toBe('Về việc "ưu tiên" & <khẩn> — Đắk Lắk');
    expect(p.header.from.organName).toBe('UBND tỉnh Thử Nghiệm');
  });

  it('accepts a UTF-8 BOM and leading whitespace', async () => {
    const xml = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`\n  ${edocXml(MANDATORY)}`)]);
    expect((await parseEdoc(xml)).header.code.number).toBe('15');
  });

  it('extracts the business block of a replacement and an update, and ResponseFor in a MessageHeader', async () => {
    const xml = edocXml(
      `${MANDATORY}<ResponseFor><OrganId>000.00.05.H99</OrganId><Code>3/BC-SM</Code><PromulgationDate>01/02/2026</PromulgationDate><DocumentId>000.00.05.H99,2026/02/01,3/BC-SM</DocumentId></ResponseFor>`,
    ).replace(
      '</MessageHeader>',
      '</MessageHeader><TraceHeaderList><Bussiness><DocumentId>000.00.00.H99,2026/02/20,9/QĐ-UBND</DocumentId>' +
        '<BussinessDocType>3</BussinessDocType><BussinessDocReason>Thay thế do sai sót</BussinessDocReason><Paper>1</Paper>' +
        '<StaffInfo><Department>Văn phòng</Department><Staff>Lê Văn C</Staff><Mobile>0912000001</Mobile><Email>c@example.vn</Email></StaffInfo>' +
        '<BussinessDocumentInfo><DocumentInfo>1</DocumentInfo><DocumentReceiver>0</DocumentReceiver><ReceiverList><Receiver><ReceiverType>1</ReceiverType><OrganId>000.00.06.H99</OrganId></Receiver></ReceiverList></BussinessDocumentInfo>' +
        '<ReplacementInfoList><ReplacementInfo><DocumentId>000.00.00.H99,2026/02/20,9/QĐ-UBND</DocumentId>' +
        '<OrganIdList><OrganId>000.00.05.H99</OrganId><OrganId>000.00.06.H99</OrganId></OrganIdList></ReplacementInfo></ReplacementInfoList>' +
        '</Bussiness></TraceHeaderList>',
    );
    const p = await parseEdoc(xml);
    expect(p.header.responseFor).toEqual([
      { organId: '000.00.05.H99', code: '3/BC-SM', promulgationDate: '2026-02-01', documentId: '000.00.05.H99,2026/02/01,3/BC-SM' },
    ]);
    expect(p.business).toEqual({
      docType: 3,
      reason: 'Thay thế do sai sót',
      documentId: '000.00.00.H99,2026/02/20,9/QĐ-UBND',
      paper: 1,
      staffInfo: { department: 'Văn phòng', staff: 'Lê Văn C', mobile: '0912000001', email: 'c@example.vn' },
      documentInfo: { documentInfo: 1, documentReceiver: 0, receivers: [{ receiverType: 1, organId: '000.00.06.H99' }] },
      replacementInfoList: [{ documentId: '000.00.00.H99,2026/02/20,9/QĐ-UBND', organIds: ['000.00.05.H99', '000.00.06.H99'] }],
    });
  });

  it('skips the XML-DSig Signature block (its Reference is not a manifest entry)', async () => {
    const xml = edocXml(MANDATORY).replace(
      '</MessageHeader>',
      '</MessageHeader><Signature><SignedInfo><Reference URI=""><DigestValue>AAAA</DigestValue></Reference></SignedInfo></Signature>',
    );
    const p = await parseEdoc(xml);
    expect(p.manifest).toEqual([]);
  });
});

describe('parseEdxml: mandatory fields', () => {
  const without = (needle: string): string => edocXml(MANDATORY.replace(needle, ''));
  it.each([
    ['From/OrganId', '<OrganId>000.00.00.H99</OrganId>', /From is missing OrganId/],
    ['every To', '<To><OrganId>000.00.05.H99</OrganId></To>', /no To/],
    ['To/OrganId', '<OrganId>000.00.05.H99</OrganId>', /To\[1\] is missing OrganId/],
    ['CodeNumber', '<CodeNumber>15</CodeNumber>', /CodeNumber/],
    ['CodeNotation', '<CodeNotation>QĐ-UBND</CodeNotation>', /CodeNotation/],
    ['PromulgationDate', '<PromulgationDate>2026/03/02</PromulgationDate>', /PromulgationDate/],
    ['Subject', '<Subject>Về việc thử</Subject>', /Subject/],
  ])('refuses a package without %s, saying so', async (_label, needle, reason) => {
    expect(await refusal(parseEdxml(Buffer.from(without(needle)), LIMITS))).toMatch(reason);
  });

  it('refuses a duplicate recipient, an impossible PromulgationDate, and a package that is neither kind', async () => {
    const dup = edocXml(MANDATORY.replace('</To>', '</To><To><OrganId>000.00.05.H99</OrganId></To>'));
    expect(await refusal(parseEdxml(Buffer.from(dup), LIMITS))).toMatch(/000\.00\.05\.H99 appears more than once/);
    const bad = edocXml(MANDATORY.replace('2026/03/02', '2026/02/30'));
    expect(await refusal(parseEdxml(Buffer.from(bad), LIMITS))).toMatch(/"2026\/02\/30" is not a date/);
    expect(await refusal(parseEdxml(Buffer.from('<edXML><Nothing/></edXML>'), LIMITS))).toMatch(/neither a MessageHeader/);
  });
});
