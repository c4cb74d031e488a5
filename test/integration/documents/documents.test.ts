import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runQueueWorker } from '../../helpers/workers.js';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { fakeElf, fakePdf, metadataPart, multipart, sha256, type Part } from './multipart.js';

type FileDto = {
  id: string;
  name: string;
  size: number;
  sha256: string;
  kind: string;
  version: number;
  latest: boolean;
  previousFileId: string | null;
};
type DocDto = {
  id: string;
  status: string;
  incomingNumber: number | null;
  ownerOrganizationId: string;
  type: string;
  typeAbbreviation: string | null;
  subject: string;
  issuerOrganizationId: string | null;
  issuerName: string | null;
  confidentiality: string;
  files: FileDto[];
};

const MAX_FILE_BYTES = 256 * 1024;

const incoming = (subject: string, extra: Record<string, unknown> = {}) => ({
  direction: 'incoming',
  type: 'Công văn',
  subject,
  urgency: 'normal',
  confidentiality: 'normal',
  number: '123',
  notation: 'UBND-VX',
  issuerName: 'Bộ Nội vụ',
  promulgationDate: '2025-03-01',
  ...extra,
});

describe('documents API', () => {
  let ctx: TestContext;

  const upload = (parts: Part[], as = 'province.clerk') => {
    const { payload, headers } = multipart(parts);
    return ctx.request({ method: 'POST', url: '/api/v1/documents', payload, headers, as });
  };

  const bucketKeys = async (): Promise<string[]> => {
    const keys: string[] = [];
    for await (const o of ctx.container.storage.listKeys('documents/')) keys.push(o.key);
    return keys;
  };

  const counts = async () => {
    const [row] = await ctx.sql<{ documents: number; files: number }[]>`
      select (select count(*)::int from documents) as documents, (select count(*)::int from document_files) as files`;
    return { ...row, objects: (await bucketKeys()).length };
  };

  const userId = async (username: string): Promise<string> => {
    const [row] = await ctx.sql<{ id: string }[]>`select id from users where username = ${username}`;
    return row.id;
  };

  beforeAll(async () => {
    ctx = await createTestContext({ env: { UPLOAD_MAX_FILE_BYTES: String(MAX_FILE_BYTES) } });
  });
  afterAll(async () => {
    await ctx?.close();
  });

  describe('POST /documents and reading back', () => {
    it('stores the files, answers the record, and serves the same bytes whole and by range', async () => {
      const main = fakePdf(50_000);
      const attachment = fakePdf(3_000);
      const res = await upload([
        metadataPart(incoming('Quyết định về việc phê duyệt kế hoạch năm 2025')),
        { name: 'file', filename: 'Quyết định số 123.pdf', content: main, contentType: 'application/pdf' },
        { name: 'file', filename: 'phu-luc.pdf', content: attachment },
      ]);
      expect(res.statusCode, res.body).toBe(201);
      const doc = res.json<DocDto>();
      expect(doc.status).toBe('received');
      expect(doc.incomingNumber).toBeNull();
      expect(doc.type).toBe('Công văn');
      expect(doc.files.map((f) => [f.kind, f.size, f.sha256])).toEqual([
        ['main', main.length, sha256(main)],
        ['attachment', attachment.length, sha256(attachment)],
      ]);

      // Owner: the province (the clerk's top-most clerk grant), with the custody chain opened there.
      const [province] = await ctx.sql<{ id: string }[]>`select id from organizations where name = 'Ủy ban nhân dân tỉnh Nghệ An'`;
      expect(doc.ownerOrganizationId).toBe(province.id);
      const custody = await ctx.sql`select holder_unit_id, role, ended_at from custody_intervals where document_id = ${doc.id}`;
      expect(custody).toEqual([{ holder_unit_id: province.id, role: 'clerk', ended_at: null }]);
      const [event] = await ctx.sql`select action from audit_events where subject_id = ${doc.id}`;
      expect(event.action).toBe('document.create');

      const got = await ctx.request({ method: 'GET', url: `/api/v1/documents/${doc.id}`, as: 'province.leader' });
      expect(got.statusCode).toBe(200);
      expect(got.json<DocDto>().files.map((f) => f.id)).toEqual(doc.files.map((f) => f.id));

      const url = `/api/v1/documents/${doc.id}/files/${doc.files[0].id}/content`;
      const whole = await ctx.request({ method: 'GET', url, as: 'province.clerk' });
      expect(whole.statusCode).toBe(200);
      expect(whole.headers['content-type']).toBe('application/pdf');
      expect(whole.headers['content-length']).toBe(String(main.length));
      expect(whole.headers['etag']).toBe(`"${sha256(main)}"`);
      expect(whole.headers['accept-ranges']).toBe('bytes');
      expect(whole.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('Quyết định số 123.pdf')}`);
      expect(sha256(whole.rawPayload)).toBe(sha256(main));

      const partial = await ctx.request({ method: 'GET', url, headers: { range: 'bytes=100-1099' }, as: 'province.clerk' });
      expect(partial.statusCode).toBe(206);
      expect(partial.headers['content-range']).toBe(`bytes 100-1099/${main.length}`);
      expect(partial.rawPayload.equals(main.subarray(100, 1100))).toBe(true);

      const suffix = await ctx.request({ method: 'GET', url, headers: { range: 'bytes=-10' }, as: 'province.clerk' });
      expect(suffix.statusCode).toBe(206);
      expect(suffix.rawPayload.equals(main.subarray(main.length - 10))).toBe(true);

      const open = await ctx.request({ method: 'GET', url, headers: { range: `bytes=${main.length - 5}-` }, as: 'province.clerk' });
      expect(open.statusCode).toBe(206);
      expect(open.rawPayload.equals(main.subarray(main.length - 5))).toBe(true);

      const beyond = await ctx.request({ method: 'GET', url, headers: { range: `bytes=${main.length}-` }, as: 'province.clerk' });
      expect(beyond.statusCode).toBe(416);
      expect(beyond.json().error.code).toBe('RANGE_NOT_SATISFIABLE');
      expect(beyond.headers['content-range']).toBe(`bytes */${main.length}`);
    });

    it('accepts the metadata field after the files and links an issuer of this deployment by its code', async () => {
      const [district] = await ctx.sql<
        { id: string; code: string; name: string }[]
      >`select id, code, name from organizations where name = 'Ủy ban nhân dân thành phố Vinh'`;
      const file = fakePdf(10_000);
      const res = await upload([
        { name: 'main', filename: 'cv.pdf', content: file },
        metadataPart(incoming('Báo cáo tình hình kinh tế', { type: 'Báo cáo', issuerName: undefined, issuerCode: district.code })),
      ]);
      expect(res.statusCode, res.body).toBe(201);
      const doc = res.json<DocDto>();
      expect(doc.typeAbbreviation).toBe('BC');
      expect(doc.issuerOrganizationId).toBe(district.id);
      expect(doc.issuerName).toBe(district.name);
      expect(doc.files[0].sha256).toBe(sha256(file));
    });

    it('accepts the metadata as a JSON-typed field or as a JSON file part (a FormData Blob), and stores only the real files', async () => {
      const meta = JSON.stringify(incoming('Công văn về việc báo cáo số liệu', { type: 'Công văn' }));
      const asTypedField = await upload([
        { name: 'metadata', value: meta, contentType: 'application/json' },
        { name: 'file', filename: 'a.pdf', content: fakePdf(5_000) },
      ]);
      expect(asTypedField.statusCode, asTypedField.body).toBe(201);
      const asBlob = await upload([
        { name: 'metadata', filename: 'blob', content: Buffer.from(meta), contentType: 'application/json' },
        { name: 'file', filename: 'b.pdf', content: fakePdf(5_000) },
      ]);
      expect(asBlob.statusCode, asBlob.body).toBe(201);
      expect(asBlob.json<DocDto>().files.map((f) => f.name)).toEqual(['b.pdf']);
    });

    it('checks the signatures of every arriving PDF: an unsigned one in the upload itself, one with a signature dictionary in a worker', async () => {
      // A signature dictionary, however broken, sends the file to the full verification.
      const withSignature = Buffer.concat([
        fakePdf(6_000),
        Buffer.from('\n9 0 obj <</Type/Sig/Byte#52ange[0 10 20 30]/Contents<00>>> endobj\n'),
      ]);
      const res = await upload([
        metadataPart(incoming('Công văn có chữ ký số', { type: 'Công văn' })),
        { name: 'file', filename: 'unsigned.pdf', content: fakePdf(6_000) },
        { name: 'file', filename: 'signed.pdf', content: withSignature },
      ]);
      expect(res.statusCode, res.body).toBe(201);
      const [unsignedId, signedId] = res.json<DocDto>().files.map((f) => f.id);
      const report = async (fileId: string) =>
        (await ctx.sql<{ report: { signatures: unknown[] } }[]>`select report from signature_reports where file_id = ${fileId}`)[0]?.report;
      const queued = async (fileId: string) =>
        await ctx.sql<{ name: string }[]>`select name from outbox where job_id = ${`verify.${fileId}`}`;

      // The unsigned PDF's report was stored by the upload's own transaction: no job, no second read.
      expect(await report(unsignedId)).toEqual({ signatures: [] });
      expect(await queued(unsignedId)).toEqual([]);
      // The other is scheduled through the outbox in the same transaction, then run by the signing worker.
      expect((await queued(signedId)).map((q) => q.name)).toEqual(['signing.verify-file']);
      expect(await report(signedId)).toBeUndefined();
      const run = await runQueueWorker(ctx, 'signing', async () => (await report(signedId)) !== undefined);
      expect(run.failed).toEqual([]);
      expect(await report(signedId)).toBeDefined();
    });

    it('refuses an executable renamed .pdf with 415 and stores nothing', async () => {
      const before = await counts();
      const res = await upload([
        metadataPart(incoming('Giấy mời họp')),
        { name: 'file', filename: 'ok.pdf', content: fakePdf(5_000) },
        { name: 'file', filename: 'invoice.pdf', content: fakeElf(), contentType: 'application/pdf' },
      ]);
      expect(res.statusCode).toBe(415);
      expect(res.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      expect(await counts()).toEqual(before);
    });

    it('refuses a file over the size limit with 413 and stores nothing, wherever the metadata is', async () => {
      const before = await counts();
      const big = fakePdf(MAX_FILE_BYTES + 1);
      for (const parts of [
        [
          metadataPart(incoming('Tờ trình')),
          { name: 'a', filename: 'small.pdf', content: fakePdf(1000) },
          { name: 'b', filename: 'big.pdf', content: big },
        ],
        [{ name: 'b', filename: 'big.pdf', content: big }, metadataPart(incoming('Tờ trình'))],
      ] satisfies Part[][]) {
        const res = await upload(parts);
        expect(res.statusCode).toBe(413);
        expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE');
      }
      // Exactly at the limit is accepted.
      const exact = await upload([
        metadataPart(incoming('Tờ trình vừa đủ')),
        { name: 'f', filename: 'exact.pdf', content: fakePdf(MAX_FILE_BYTES) },
      ]);
      expect(exact.statusCode, exact.body).toBe(201);
      const after = await counts();
      expect(after).toEqual({ documents: before.documents + 1, files: before.files + 1, objects: before.objects + 1 });
    });

    it('refuses bad metadata, unknown types, a missing file and a caller without a clerk grant, storing nothing', async () => {
      const before = await counts();
      const file = { name: 'f', filename: 'x.pdf', content: fakePdf(2000) };
      const cases: [Part[], number, string][] = [
        [[file, { name: 'metadata', value: '{not json' }], 400, 'VALIDATION_FAILED'],
        [[file, metadataPart(incoming('x', { type: 'Thư tình' }))], 400, 'VALIDATION_FAILED'],
        [[file, metadataPart(incoming('x', { urgency: 'whenever' }))], 400, 'VALIDATION_FAILED'],
        [[file, metadataPart(incoming('x', { promulgationDate: '2025-02-30x' }))], 400, 'VALIDATION_FAILED'],
        [[file], 400, 'VALIDATION_FAILED'],
        [[metadataPart(incoming('no file'))], 400, 'VALIDATION_FAILED'],
      ];
      for (const [parts, status, code] of cases) {
        const res = await upload(parts);
        expect(res.statusCode, res.body).toBe(status);
        expect(res.json().error.code).toBe(code);
      }
      // A specialist may draft outgoing documents but not receive incoming ones.
      const specialist = await upload([metadataPart(incoming('x')), file], 'province.specialist');
      expect(specialist.statusCode).toBe(403);
      // Naming an owner the caller is no clerk of.
      const [district] = await ctx.sql<{ id: string }[]>`select id from organizations where name = 'Ủy ban nhân dân thành phố Vinh'`;
      const foreign = await upload([file, metadataPart(incoming('x', { ownerOrganizationId: district.id }))]);
      expect(foreign.statusCode).toBe(403);
      expect(await counts()).toEqual(before);

      const draft = await upload(
        [metadataPart({ direction: 'outgoing', type: 'Kế hoạch', subject: 'Dự thảo kế hoạch' }), file],
        'province.specialist',
      );
      expect(draft.statusCode, draft.body).toBe(201);
    });
  });

  describe('visibility', () => {
    it('answers 404 to another organisation, for the record and for its file content', async () => {
      const res = await upload([metadataPart(incoming('Văn bản của tỉnh')), { name: 'f', filename: 'p.pdf', content: fakePdf(4000) }]);
      const doc = res.json<DocDto>();
      for (const url of [`/api/v1/documents/${doc.id}`, `/api/v1/documents/${doc.id}/files/${doc.files[0].id}/content`]) {
        const other = await ctx.request({ method: 'GET', url, as: 'district.clerk' });
        expect(other.statusCode).toBe(404);
        expect(other.json().error.code).toBe('NOT_FOUND');
      }
      const list = await ctx.request({ method: 'GET', url: '/api/v1/documents?q=van ban cua tinh', as: 'district.clerk' });
      expect(list.json().items).toEqual([]);

      // A file of another document, reached through this document's URL, is not found either.
      const second = (
        await upload([metadataPart(incoming('Khác')), { name: 'f', filename: 'q.pdf', content: fakePdf(4000) }])
      ).json<DocDto>();
      const crossed = await ctx.request({
        method: 'GET',
        url: `/api/v1/documents/${doc.id}/files/${second.files[0].id}/content`,
        as: 'province.clerk',
      });
      expect(crossed.statusCode).toBe(404);
    });

    it('hides a confidential document from the owner’s leader until granted, and audits every read', async () => {
      const content = fakePdf(6000);
      const res = await upload([
        metadataPart(incoming('Kế hoạch bảo vệ bí mật nhà nước', { confidentiality: 'secret' })),
        { name: 'f', filename: 'mat.pdf', content },
      ]);
      expect(res.statusCode, res.body).toBe(201);
      const doc = res.json<DocDto>();
      const recordUrl = `/api/v1/documents/${doc.id}`;
      const contentUrl = `${recordUrl}/files/${doc.files[0].id}/content`;
      const reads = async () =>
        (
          await ctx.sql<
            { n: number }[]
          >`select count(*)::int as n from audit_events where action = 'document.read' and subject_id = ${doc.id}`
        )[0].n;

      // The creator was granted automatically.
      expect((await ctx.request({ method: 'GET', url: recordUrl, as: 'province.clerk' })).statusCode).toBe(200);
      expect(await reads()).toBe(1);

      expect((await ctx.request({ method: 'GET', url: recordUrl, as: 'province.leader' })).statusCode).toBe(404);
      expect((await ctx.request({ method: 'GET', url: contentUrl, as: 'province.leader' })).statusCode).toBe(404);
      const hidden = await ctx.request({ method: 'GET', url: '/api/v1/documents?q=bi mat nha nuoc', as: 'province.leader' });
      expect(hidden.json().items).toEqual([]);
      expect(await reads()).toBe(1);

      const leaderId = await userId('province.leader');
      // Only a clerk or leader of the owner who can see the document may grant.
      const byStranger = await ctx.request({
        method: 'POST',
        url: `${recordUrl}/access-grants`,
        payload: { userId: leaderId },
        as: 'district.clerk',
      });
      expect(byStranger.statusCode).toBe(404);
      const granted = await ctx.request({
        method: 'POST',
        url: `${recordUrl}/access-grants`,
        payload: { userId: leaderId },
        as: 'province.clerk',
      });
      expect(granted.statusCode, granted.body).toBe(201);

      expect((await ctx.request({ method: 'GET', url: recordUrl, as: 'province.leader' })).statusCode).toBe(200);
      const bytes = await ctx.request({ method: 'GET', url: contentUrl, as: 'province.leader' });
      expect(sha256(bytes.rawPayload)).toBe(sha256(content));
      const listed = await ctx.request({ method: 'GET', url: '/api/v1/documents?q=bi mat nha nuoc', as: 'province.leader' });
      expect(listed.json().items.map((d: DocDto) => d.id)).toEqual([doc.id]);
      expect(await reads()).toBe(3);

      const events = await ctx.sql<{ actor: string; via: string }[]>`
        select u.username as actor, e.details->>'via' as via from audit_events e join users u on u.id = e.actor_id
         where e.action = 'document.read' and e.subject_id = ${doc.id} order by e.id`;
      expect(events).toEqual([
        { actor: 'province.clerk', via: 'record' },
        { actor: 'province.leader', via: 'record' },
        { actor: 'province.leader', via: 'content' },
      ]);

      const revoked = await ctx.request({ method: 'DELETE', url: `${recordUrl}/access-grants/${leaderId}`, as: 'province.clerk' });
      expect(revoked.statusCode).toBe(204);
      expect((await ctx.request({ method: 'GET', url: recordUrl, as: 'province.leader' })).statusCode).toBe(404);
      const actions =
        await ctx.sql`select action from audit_events where subject_id = ${doc.id} and action like 'document.access.%' order by id`;
      expect(actions.map((a) => a.action)).toEqual(['document.access.grant', 'document.access.revoke']);

      const chain = await ctx.container.services.audit.verifyChain();
      expect(chain.ok).toBe(true);
    });
  });

  describe('GET /documents', () => {
    it('finds subjects regardless of diacritics', async () => {
      const file = { name: 'f', filename: 'qd.pdf', content: fakePdf(1000) };
      const ids: string[] = [];
      for (const subject of ['Quyết định thành lập Ban chỉ đạo phòng chống thiên tai', 'QUYẾT ĐỊNH bổ nhiệm cán bộ']) {
        ids.push((await upload([metadataPart(incoming(subject, { type: 'Quyết định', notation: 'QĐ-UBND' })), file])).json<DocDto>().id);
      }
      const res = await ctx.request({
        method: 'GET',
        url: `/api/v1/documents?q=${encodeURIComponent('quyet dinh')}&limit=100`,
        as: 'province.clerk',
      });
      expect(res.statusCode).toBe(200);
      const found = res.json<{ items: DocDto[] }>().items.map((d) => d.id);
      expect(found).toEqual(expect.arrayContaining(ids));
      const accented = await ctx.request({
        method: 'GET',
        url: `/api/v1/documents?q=${encodeURIComponent('Thiên Tai')}`,
        as: 'province.clerk',
      });
      expect(accented.json<{ items: DocDto[] }>().items.map((d) => d.id)).toEqual([ids[0]]);
      const byNotation = await ctx.request({
        method: 'GET',
        url: `/api/v1/documents?q=${encodeURIComponent('123 qđ-ubnd')}&type=${encodeURIComponent('Quyết định')}`,
        as: 'province.clerk',
      });
      expect(
        byNotation
          .json<{ items: DocDto[] }>()
          .items.map((d) => d.id)
          .sort(),
      ).toEqual([...ids].sort());
      // Every word, in any order: the subject says "Ban chỉ đạo phòng chống thiên tai".
      const words = await ctx.request({
        method: 'GET',
        url: `/api/v1/documents?q=${encodeURIComponent('thien tai ban chi dao')}`,
        as: 'province.clerk',
      });
      expect(words.json<{ items: DocDto[] }>().items.map((d) => d.id)).toEqual([ids[0]]);
      const missingWord = await ctx.request({
        method: 'GET',
        url: `/api/v1/documents?q=${encodeURIComponent('thien tai bo nhiem')}`,
        as: 'province.clerk',
      });
      expect(missingWord.json().items).toEqual([]);
      const wildcard = await ctx.request({ method: 'GET', url: `/api/v1/documents?q=${encodeURIComponent('%')}`, as: 'province.clerk' });
      expect(wildcard.json().items).toEqual([]);
    });

    it('pages with a keyset cursor: every document exactly once, ties on created_at included', async () => {
      const [province] = await ctx.sql<{ id: string }[]>`select id from organizations where name = 'Ủy ban nhân dân tỉnh Nghệ An'`;
      // Rows sharing one created_at (as a batch import would) exercise the id tie-breaker.
      await ctx.sql`
        insert into documents (direction, owner_organization_id, type_name, subject, search_text, created_at)
        select 'incoming', ${province.id}, 'Thông báo', 'Thông báo lịch trực số ' || g, 'thong bao lich truc so ' || g, '2025-05-05T03:00:00Z'
          from generate_series(1, 9) g`;
      for (let i = 0; i < 3; i++) {
        await upload([
          metadataPart(incoming(`Thông báo lịch trực tải lên ${i}`, { type: 'Thông báo' })),
          { name: 'f', filename: 'tb.pdf', content: fakePdf(1000) },
        ]);
      }
      const expected = await ctx.sql<
        { id: string }[]
      >`select id from documents where search_text like '%lich truc%' order by created_at desc, id desc`;
      expect(expected).toHaveLength(12);

      // Both list plans: by search text (a rare word) and by owner (a type filter, no word).
      for (const filter of ['q=lich%20truc', `type=${encodeURIComponent('Thông báo')}`]) {
        const seen: string[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const url: string = `/api/v1/documents?${filter}&limit=5${cursor ? `&cursor=${cursor}` : ''}`;
          const res = await ctx.request({ method: 'GET', url, as: 'province.clerk' });
          expect(res.statusCode, res.body).toBe(200);
          const body = res.json<{ items: DocDto[]; nextCursor: string | null }>();
          seen.push(...body.items.map((d) => d.id));
          cursor = body.nextCursor;
          pages++;
        } while (cursor && pages < 10);
        expect(seen).toEqual(expected.map((r) => r.id));
      }

      const inMay = await ctx.request({
        method: 'GET',
        url: '/api/v1/documents?q=lich%20truc&from=2025-05-05&to=2025-05-05&limit=100',
        as: 'province.clerk',
      });
      expect(inMay.json().items).toHaveLength(9);
      const bad = await ctx.request({ method: 'GET', url: '/api/v1/documents?cursor=garbage', as: 'province.clerk' });
      expect(bad.statusCode).toBe(400);
    });
  });

  describe('POST /documents/:id/files', () => {
    it('adds attachments and new versions without changing stored files', async () => {
      const doc = (
        await upload([
          metadataPart(incoming('Hợp đồng thuê', { type: 'Hợp đồng' })),
          { name: 'f', filename: 'hd.pdf', content: fakePdf(2000) },
        ])
      ).json<DocDto>();
      const v2 = fakePdf(2500);
      const { payload, headers } = multipart([
        { name: 'f', filename: 'hd-v2.pdf', content: v2 },
        { name: 'replaces', value: doc.files[0].id },
      ]);
      const res = await ctx.request({ method: 'POST', url: `/api/v1/documents/${doc.id}/files`, payload, headers, as: 'province.clerk' });
      expect(res.statusCode, res.body).toBe(201);
      const [added] = res.json<{ files: FileDto[] }>().files;
      expect(added).toMatchObject({ kind: 'main', version: 2, previousFileId: doc.files[0].id, sha256: sha256(v2) });

      // Replacing the old version again would fork the history.
      const again = multipart([
        { name: 'replaces', value: doc.files[0].id },
        { name: 'f', filename: 'hd-v2b.pdf', content: fakePdf(900) },
      ]);
      const before = await counts();
      const forked = await ctx.request({
        method: 'POST',
        url: `/api/v1/documents/${doc.id}/files`,
        payload: again.payload,
        headers: again.headers,
        as: 'province.clerk',
      });
      expect(forked.statusCode).toBe(409);
      expect(await counts()).toEqual(before);

      const latest = (await ctx.request({ method: 'GET', url: `/api/v1/documents/${doc.id}`, as: 'province.clerk' })).json<DocDto>();
      expect(latest.files.map((f) => f.id)).toEqual([added.id]);
      const all = (
        await ctx.request({ method: 'GET', url: `/api/v1/documents/${doc.id}?versions=all`, as: 'province.clerk' })
      ).json<DocDto>();
      expect(all.files.map((f) => [f.version, f.latest])).toEqual([
        [1, false],
        [2, true],
      ]);

      const other = await ctx.request({ method: 'POST', url: `/api/v1/documents/${doc.id}/files`, payload, headers, as: 'district.clerk' });
      expect(other.statusCode).toBe(404);
    });
  });

  describe('sweepOrphanObjects', () => {
    it('deletes objects no file row references and keeps the referenced ones', async () => {
      const doc = (
        await upload([metadataPart(incoming('Giữ lại')), { name: 'f', filename: 'keep.pdf', content: fakePdf(1000) }])
      ).json<DocDto>();
      const [{ storage_key: kept }] = await ctx.sql<
        { storage_key: string }[]
      >`select storage_key from document_files where id = ${doc.files[0].id}`;
      const orphan = 'documents/2020/01/orphan-left-by-a-crash';
      await ctx.container.storage.putBuffer(orphan, fakePdf(500), { contentType: 'application/pdf' });

      const { orphanSweep } = ctx.container.services;
      // Within the grace period nothing is touched.
      const young = await orphanSweep.sweep({ graceMs: 3_600_000 });
      expect(young.deleted).toBe(0);

      const result = await orphanSweep.sweep({ graceMs: 0 });
      expect(result.deletedKeys).toEqual([orphan]);
      expect(await ctx.container.storage.stat(orphan)).toBeNull();
      expect(await ctx.container.storage.stat(kept)).not.toBeNull();
      const referenced = await ctx.sql<{ n: number }[]>`select count(*)::int as n from document_files`;
      expect((await bucketKeys()).length).toBe(referenced[0].n);

      expect((await orphanSweep.sweep({ graceMs: 0 })).deleted).toBe(0);
    });
  });
});
