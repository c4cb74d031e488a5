import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from '../../../src/lib/pagination.js';
import { ALLOWED_FILE_TYPES } from '../../../src/modules/documents/file-type.js';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { userId } from '../../helpers/documents.js';
import { fakePdf, metadataPart, multipart, sha256, type Part } from './multipart.js';

type FileDto = { id: string; name: string; contentType: string };
type DocDto = { id: string; files: FileDto[] };

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx?.close());

const incoming = (subject: string, extra: Record<string, unknown> = {}) => ({
  direction: 'incoming',
  type: 'Công văn',
  subject,
  issuerName: 'Bộ Nội vụ',
  ...extra,
});

async function upload(parts: Part[], as = 'province.clerk'): Promise<DocDto> {
  const { payload, headers } = multipart(parts);
  const res = await ctx.request({ method: 'POST', url: '/api/v1/documents', payload, headers, as });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<DocDto>();
}

/** A zip local file header with its (stored) data: enough of a package for the sniffer. */
function zipEntry(name: string, data: Buffer): Buffer {
  const head = Buffer.alloc(30);
  head.writeUInt32LE(0x04034b50, 0);
  head.writeUInt16LE(20, 4);
  head.writeUInt32LE(data.length, 18);
  head.writeUInt32LE(data.length, 22);
  head.writeUInt16LE(Buffer.byteLength(name), 26);
  return Buffer.concat([head, Buffer.from(name), data]);
}

const withFiller = (head: number[] | Buffer, size = 600): Buffer => Buffer.concat([Buffer.from(head), randomBytes(size)]);
const ole2 = (): Buffer => withFiller([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const odf = (mime: string): Buffer =>
  Buffer.concat([zipEntry('mimetype', Buffer.from(mime)), zipEntry('content.xml', Buffer.from('<office:document-content/>'))]);
const ooxml = (folder: string): Buffer =>
  Buffer.concat([zipEntry('[Content_Types].xml', Buffer.from('<Types/>')), zipEntry(`${folder}/document.xml`, Buffer.from('<x/>'))]);

/** One sample of content per allowed type, keyed by the type's media type. */
const SAMPLES: Record<string, () => Buffer> = {
  'application/pdf': () => fakePdf(2000),
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': () => ooxml('word'),
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': () => ooxml('xl'),
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': () => ooxml('ppt'),
  'application/vnd.oasis.opendocument.text': () => odf('application/vnd.oasis.opendocument.text'),
  'application/vnd.oasis.opendocument.spreadsheet': () => odf('application/vnd.oasis.opendocument.spreadsheet'),
  'application/vnd.oasis.opendocument.presentation': () => odf('application/vnd.oasis.opendocument.presentation'),
  'application/msword': ole2,
  'application/vnd.ms-excel': ole2,
  'application/vnd.ms-powerpoint': ole2,
  'image/png': () => withFiller([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  'image/jpeg': () => withFiller([0xff, 0xd8, 0xff, 0xe0]),
  'image/tiff': () => withFiller([0x49, 0x49, 0x2a, 0x00]),
  'image/gif': () => withFiller(Buffer.from('GIF89a')),
  'application/xml': () =>
    Buffer.from('<?xml version="1.0" encoding="UTF-8"?>\n<edXML:Envelope xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016"/>\n'),
  'text/plain': () => Buffer.from('Kính gửi: các sở, ban, ngành.\n'),
};

/** Only these may be shown by a browser from the API's origin: none of them can run script. */
const INLINE = new Set(['application/pdf', 'image/png', 'image/jpeg', 'image/gif']);

/** The protective headers every file response carries, whatever its type. */
function expectFileHeaders(headers: Record<string, unknown>, type: string, name: string, label: string): void {
  expect(headers['content-type'], label).toBe(type);
  expect(headers['x-content-type-options'], label).toBe('nosniff');
  const csp = String(headers['content-security-policy']);
  expect(csp, label).toMatch(/(^|;)\s*sandbox\s*(;|$)/);
  expect(csp, label).toContain("default-src 'none'");
  const disposition = String(headers['content-disposition']);
  expect(disposition.split(';')[0], label).toBe(INLINE.has(type) ? 'inline' : 'attachment');
  expect(disposition, label).toContain(`filename*=UTF-8''${encodeURIComponent(name)}`);
}

describe('documents: file downloads', () => {
  it('serves a stored file of every accepted type with its sniffed type, inline only for PDF and raster images, always nosniff and sandboxed', async () => {
    // Every type and every extension the allow-list accepts; a type added without a sample fails here.
    const cases = ALLOWED_FILE_TYPES.flatMap((t) => t.extensions.map((ext) => ({ mime: t.mime, ext })));
    expect(cases.length).toBeGreaterThan(15);
    // XHTML inside XML is accepted as XML, but a browser rendering it would run its script.
    const xhtml = Buffer.from(
      '<?xml version="1.0"?>\n<bao-cao xmlns:h="http://www.w3.org/1999/xhtml"><h:script>alert(document.cookie)</h:script></bao-cao>\n',
    );

    for (const { mime, ext, content } of [
      ...cases.map((c) => ({ ...c, content: SAMPLES[c.mime]?.() })),
      { mime: 'application/xml', ext: 'xml', content: xhtml },
    ]) {
      expect(content, `a sample for ${mime}`).toBeDefined();
      const name = `Tệp mẫu ${ext}.${ext}`;
      // The client claims HTML: what is served comes from the bytes, never from this.
      const doc = await upload([
        metadataPart(incoming(`Tệp ${ext}`)),
        { name: 'file', filename: name, content: content!, contentType: 'text/html' },
      ]);
      const res = await ctx.request({
        method: 'GET',
        url: `/api/v1/documents/${doc.id}/files/${doc.files[0].id}/content`,
        as: 'province.clerk',
      });
      expect(res.statusCode, `${ext}: ${res.body}`).toBe(200);
      expectFileHeaders(res.headers, mime, name, `.${ext} (${mime})`);
      expect(sha256(res.rawPayload)).toBe(sha256(content!));

      // A range answer carries the same headers.
      const part = await ctx.request({
        method: 'GET',
        url: `/api/v1/documents/${doc.id}/files/${doc.files[0].id}/content`,
        as: 'province.clerk',
        headers: { range: 'bytes=0-3' },
      });
      expect(part.statusCode).toBe(206);
      expectFileHeaders(part.headers, mime, name, `.${ext} range`);
    }
  });

  it('serves a stored type it cannot trust (HTML, SVG, XHTML, a broken value) as a download', async () => {
    // Files that reached storage with a declared type (exchange attachments before they were sniffed).
    const doc = await upload([
      metadataPart(incoming('Tệp nhận qua trục')),
      { name: 'file', filename: 'trang.txt', content: Buffer.from('Kính gửi: văn phòng.\n') },
    ]);
    const url = `/api/v1/documents/${doc.id}/files/${doc.files[0].id}/content`;
    for (const [stored, served] of [
      ['text/html; charset=utf-8', 'text/html'],
      ['image/svg+xml', 'image/svg+xml'],
      ['application/xhtml+xml', 'application/xhtml+xml'],
      ['IMAGE/PNG', 'image/png'],
      ['application/pdf\r\nSet-Cookie: a=b', 'application/octet-stream'],
      ['', 'application/octet-stream'],
    ]) {
      await ctx.sql`update document_files set content_type = ${stored} where id = ${doc.files[0].id}`;
      const res = await ctx.request({ method: 'GET', url, as: 'province.clerk' });
      expect(res.statusCode, `${stored}: ${res.body}`).toBe(200);
      expect(res.headers['set-cookie']).toBeUndefined();
      expectFileHeaders(res.headers, served, 'trang.txt', JSON.stringify(stored));
    }
  });

  it('serves draft files with the same headers', async () => {
    const { payload, headers } = multipart([
      { name: 'metadata', value: JSON.stringify({ type: 'Công văn', subject: 'Dự thảo công văn' }) },
      { name: 'file', filename: 'du-thao.pdf', content: fakePdf(3000), contentType: 'application/pdf' },
      {
        name: 'attachments',
        filename: 'phu-luc.xml',
        content: Buffer.from('<?xml version="1.0"?><a xmlns:h="http://www.w3.org/1999/xhtml"><h:script>alert(1)</h:script></a>'),
        contentType: 'text/html',
      },
    ]);
    const created = await ctx.request({ method: 'POST', url: '/api/v1/drafts', payload, headers, as: 'province.specialist' });
    expect(created.statusCode, created.body).toBe(201);
    const draft = created.json<{ id: string; versions: { mainFile: { id: string }; attachments: { id: string }[] }[] }>();
    const main = await ctx.request({
      method: 'GET',
      url: `/api/v1/drafts/${draft.id}/files/${draft.versions[0].mainFile.id}`,
      as: 'province.specialist',
    });
    expect(main.statusCode, main.body).toBe(200);
    expectFileHeaders(main.headers, 'application/pdf', 'du-thao.pdf', 'draft main');
    const xml = await ctx.request({
      method: 'GET',
      url: `/api/v1/drafts/${draft.id}/files/${draft.versions[0].attachments[0].id}`,
      as: 'province.specialist',
    });
    expect(xml.statusCode, xml.body).toBe(200);
    expectFileHeaders(xml.headers, 'application/xml', 'phu-luc.xml', 'draft xml');
  });
});

describe('documents: file names', () => {
  const BIDI = ['\u202E', '\u202A', '\u202B', '\u202C', '\u202D', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C'];

  it('strips bidirectional controls from stored names, and never sends them in Content-Disposition', async () => {
    // "báo cáo<RLO>fdp.exe" would show as "báo cáoexe.pdf"; stripped, the name says what it is.
    const name = `báo${BIDI.join('')} cáo\u202Egnp.pdf`;
    const doc = await upload([metadataPart(incoming('Tên tệp lừa')), { name: 'file', filename: name, content: fakePdf(1000) }]);
    expect(doc.files[0].name).toBe('báo cáognp.pdf');
    const [row] = await ctx.sql<{ name: string }[]>`select name from document_files where id = ${doc.files[0].id}`;
    expect(row.name).toBe('báo cáognp.pdf');

    // A name stored before the upload stripped them is cleaned on the way out.
    await ctx.sql`update document_files set name = ${`hop-dong\u202Efdp.exe\u2066.pdf`} where id = ${doc.files[0].id}`;
    const res = await ctx.request({
      method: 'GET',
      url: `/api/v1/documents/${doc.id}/files/${doc.files[0].id}/content`,
      as: 'province.clerk',
    });
    expect(res.statusCode).toBe(200);
    const disposition = decodeURIComponent(String(res.headers['content-disposition']).split("filename*=UTF-8''")[1]);
    expect(disposition).toBe('hop-dongfdp.exe.pdf');
    for (const c of BIDI) expect(String(res.headers['content-disposition'])).not.toContain(encodeURIComponent(c));
  });
});

describe('pagination cursors', () => {
  const uuid = randomUUID();
  const bad = [
    'not base64 at all!!',
    Buffer.from('garbage').toString('base64url'),
    encodeCursor([]),
    encodeCursor([{}, uuid]),
    encodeCursor(['1', uuid]),
    encodeCursor(['99999-01-01 00:00:00+07', uuid]),
    encodeCursor(['0000-01-01 00:00:00+07', uuid]),
    encodeCursor(['2024-02-30 10:00:00+07', uuid]),
    encodeCursor(['2024-13-01 10:00:00+07', uuid]),
    encodeCursor(['2024-01-01 25:00:00+07', uuid]),
    encodeCursor(['2024-01-01 10:00:00+99', uuid]),
    encodeCursor(['2024-01-01 10:00:00\u0000+07', uuid]),
    encodeCursor(['2024-01-01 10:00:00+07', 'not-a-uuid']),
    encodeCursor(['a\u0000b']),
    encodeCursor(['x'.repeat(5000)]),
    'A'.repeat(10_000),
  ];

  it('answers 400 VALIDATION_FAILED to a malformed or out-of-range cursor on every paginated list', async () => {
    const lists: [string, string][] = [
      ['/api/v1/documents', 'province.clerk'],
      ['/api/v1/assignments?scope=mine', 'province.specialist'],
      // GET /users and GET /organizations page by (name, id): their bad cursors are in users/pickers.error.test.ts.
      ['/api/v1/exchange/dead-letters', 'admin'],
    ];
    const [province] = await ctx.sql<{ id: string }[]>`select id from organizations where code = '000.00.00.H41'`;
    lists.push([`/api/v1/organizations/${province.id}/subtree`, 'admin']);
    for (const [url, as] of lists) {
      for (const cursor of bad) {
        const res = await ctx.request({
          method: 'GET',
          url: `${url}${url.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(cursor)}`,
          as,
        });
        expect(res.statusCode, `${url} ${cursor.slice(0, 60)}: ${res.body}`).toBe(400);
        expect(res.json().error.code).toBe('VALIDATION_FAILED');
      }
    }
  });

  it('still pages with the cursors it hands out', async () => {
    for (let i = 0; i < 3; i++)
      await upload([metadataPart(incoming(`Trang ${i}`)), { name: 'file', filename: 'p.pdf', content: fakePdf(600) }]);
    const seen = new Set<string>();
    let cursor: string | null = null;
    do {
      const res = await ctx.request({
        method: 'GET',
        url: `/api/v1/documents?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        as: 'province.clerk',
      });
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json<{ items: { id: string }[]; nextCursor: string | null }>();
      for (const item of page.items) {
        expect(seen.has(item.id)).toBe(false);
        seen.add(item.id);
      }
      cursor = page.nextCursor;
    } while (cursor);
    const [{ n }] = await ctx.sql<
      { n: number }[]
    >`select count(*)::int as n from documents d join organizations o on o.id = d.owner_organization_id where o.code = '000.00.00.H41' and d.confidentiality = 'normal'`;
    expect(seen.size).toBeGreaterThanOrEqual(n);
  });
});

describe('documents: confidential documents', () => {
  const readEvents = async (documentId: string) =>
    ctx.sql<{ via: string; actor: string }[]>`
      select e.details->>'via' as via, u.username as actor from audit_events e join users u on u.id = e.actor_id
       where e.action = 'document.read' and e.subject_id = ${documentId} order by e.id`;

  it('audits, once per request, every read of anything belonging to a secret document', async () => {
    const doc = await upload([
      metadataPart(incoming('Kế hoạch mật', { confidentiality: 'secret' })),
      { name: 'file', filename: 'mat.pdf', content: fakePdf(1500) },
    ]);
    const grant = await ctx.request({
      method: 'POST',
      url: `/api/v1/documents/${doc.id}/access-grants`,
      payload: { userId: await userId(ctx.sql, 'province.leader') },
      as: 'province.clerk',
    });
    expect(grant.statusCode, grant.body).toBe(201);
    expect((await ctx.request({ method: 'POST', url: `/api/v1/documents/${doc.id}/register`, as: 'province.clerk' })).statusCode).toBe(200);
    const assigned = await ctx.request({
      method: 'POST',
      url: `/api/v1/documents/${doc.id}/assignments`,
      as: 'province.leader',
      payload: { assignees: [{ userId: await userId(ctx.sql, 'province.leader'), role: 'lead', dueInWorkingDays: 3 }] },
    });
    expect(assigned.statusCode, assigned.body).toBe(201);
    const assignmentId = assigned.json().assignments[0].id;

    const reads: [string, string][] = [
      [`/api/v1/documents/${doc.id}/timeline`, 'timeline'],
      [`/api/v1/documents/${doc.id}/assignments`, 'assignments'],
      [`/api/v1/assignments/${assignmentId}`, 'assignment'],
      [`/api/v1/documents/${doc.id}/deliveries`, 'deliveries'],
      [`/api/v1/documents/${doc.id}/files/${doc.files[0].id}/signatures`, 'signatures'],
    ];
    for (const [url, via] of reads) {
      const before = (await readEvents(doc.id)).length;
      const res = await ctx.request({ method: 'GET', url, as: 'province.leader' });
      expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
      const events = await readEvents(doc.id);
      expect(events.slice(before), url).toEqual([{ via, actor: 'province.leader' }]);
    }

    // Nothing is recorded for a read that is refused.
    const before = (await readEvents(doc.id)).length;
    expect((await ctx.request({ method: 'GET', url: `/api/v1/documents/${doc.id}/timeline`, as: 'district.leader' })).statusCode).toBe(404);
    expect(await readEvents(doc.id)).toHaveLength(before);
  });

  it('audits reads of a secret draft and its files', async () => {
    const { payload, headers } = multipart([
      { name: 'metadata', value: JSON.stringify({ type: 'Công văn', subject: 'Dự thảo mật', confidentiality: 'secret' }) },
      { name: 'file', filename: 'du-thao.pdf', content: fakePdf(2000), contentType: 'application/pdf' },
    ]);
    const created = await ctx.request({ method: 'POST', url: '/api/v1/drafts', payload, headers, as: 'province.specialist' });
    expect(created.statusCode, created.body).toBe(201);
    const draft = created.json<{ id: string; versions: { mainFile: { id: string } }[] }>();

    expect((await ctx.request({ method: 'GET', url: `/api/v1/drafts/${draft.id}`, as: 'province.specialist' })).statusCode).toBe(200);
    const file = await ctx.request({
      method: 'GET',
      url: `/api/v1/drafts/${draft.id}/files/${draft.versions[0].mainFile.id}`,
      as: 'province.specialist',
    });
    expect(file.statusCode).toBe(200);
    expect(await readEvents(draft.id)).toEqual([
      { via: 'draft', actor: 'province.specialist' },
      { via: 'draft.file', actor: 'province.specialist' },
    ]);
  });

  it('records no read event for a normal document', async () => {
    const doc = await upload([metadataPart(incoming('Công văn thường')), { name: 'file', filename: 'thuong.pdf', content: fakePdf(800) }]);
    expect((await ctx.request({ method: 'GET', url: `/api/v1/documents/${doc.id}/timeline`, as: 'province.clerk' })).statusCode).toBe(200);
    expect(await readEvents(doc.id)).toEqual([]);
  });

  it('lets only a leader of the owner grant a secret document to a user outside the owner organisation', async () => {
    const doc = await upload(
      [
        metadataPart(incoming('Báo cáo mật của thành phố', { confidentiality: 'secret' })),
        { name: 'file', filename: 'mat.pdf', content: fakePdf(900) },
      ],
      'district.clerk',
    );
    const grantTo = (username: string, as: string) =>
      userId(ctx.sql, username).then((id) =>
        ctx.request({ method: 'POST', url: `/api/v1/documents/${doc.id}/access-grants`, payload: { userId: id }, as }),
      );
    const grants = async () =>
      (await ctx.sql<{ n: number }[]>`select count(*)::int as n from document_access_grants where document_id = ${doc.id}`)[0].n;

    // The clerk who holds it may share it inside the city (its leader, a ward's clerk)...
    expect((await grantTo('district.leader', 'district.clerk')).statusCode).toBe(201);
    expect((await grantTo('commune.clerk', 'district.clerk')).statusCode).toBe(201);
    const before = await grants();
    const [{ n: eventsBefore }] = await ctx.sql<{ n: number }[]>`select count(*)::int as n from audit_events where subject_id = ${doc.id}`;

    // ...but not with another agency: that is the leader's decision.
    const refused = await grantTo('province.specialist', 'district.clerk');
    expect(refused.statusCode, refused.body).toBe(403);
    expect(refused.json().error.code).toBe('FORBIDDEN');
    expect(await grants()).toBe(before);
    const [{ n: eventsAfter }] = await ctx.sql<{ n: number }[]>`select count(*)::int as n from audit_events where subject_id = ${doc.id}`;
    expect(eventsAfter).toBe(eventsBefore);

    expect((await grantTo('province.specialist', 'district.leader')).statusCode).toBe(201);
    expect((await ctx.request({ method: 'GET', url: `/api/v1/documents/${doc.id}`, as: 'province.specialist' })).statusCode).toBe(200);
  });
});
