/**
 * Issue 12, item 6: recipients of an issued document got it under the draft's file name ("Dự thảo
 * ….pdf"), and with it every earlier draft version. Issuing now names the files from the số/ký hiệu
 * ("05-QĐ-UBND.pdf", attachments "05-QĐ-UBND - Phụ lục I.pdf"), keeps the drafter's names in
 * originalName, and retires the earlier draft versions; checked wherever the issued file travels:
 * the issuer's view, the sealed version, downloads, internal recipients' copies (fan-out), the edXML
 * package to a remote peer, and an update after issue.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { rmSync } from 'node:fs';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DEFAULT_EDXML_LIMITS, emitStatusPackage, parseEdxml } from '../../../src/modules/exchange/edxml/index.js';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { multipart, type FieldPart, type FilePart } from '../approvals/helpers.js';
import { createPeer, postInbound, startExchangeWorkers, waitFor, type Peer } from '../exchange/helpers.js';
import { deliveriesOf, orgByCode, post } from '../exchange-dispatch/helpers.js';
import { setupRunCaEnv } from '../signing-service/helpers.js';
import { makePdf, type Env } from '../signing/tools.js';
import { issuanceApi, runSigningWorker, type Api } from './helpers.js';

type FileView = {
  id: string;
  name: string;
  originalName: string | null;
  kind: string;
  version: number;
  latest: boolean;
  sha256: string;
  previousFileId: string | null;
};

let ctx: TestContext;
let api: Api;
let env: Env;
let workers: ReturnType<typeof startExchangeWorkers>;
let peer: Peer;
let server: Server;
const received: Buffer[] = [];
const REMOTE_ORGAN = '000.00.70.H99';

beforeAll(async () => {
  // The remote province's inbound endpoint: takes every package.
  server = createServer(async (req, res) => {
    received.push(await buffer(req));
    res
      .writeHead(202, { 'content-type': 'application/json' })
      .end(JSON.stringify({ receiptId: '00000000-0000-4000-8000-000000000000', status: 'accepted' }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  ctx = await createTestContext();
  api = issuanceApi(ctx);
  env = setupRunCaEnv(ctx.env.SIGNING_TRUST_LIST);
  peer = await createPeer(ctx, { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, remotePeerId: 'peer-h41' });
  workers = startExchangeWorkers(ctx);
  const clerk = await api.approvals.userId('province.clerk');
  const leader = await api.approvals.userId('province.leader');
  await api.approvals.createTemplate('province.leader', {
    organizationId: await api.approvals.provinceId(),
    name: 'Kiểm tra và ký ban hành',
    steps: [
      { order: 1, name: 'Kiểm tra thể thức', approvers: [{ userId: clerk }], quorum: 'any', dueInWorkingDays: 1 },
      { order: 2, name: 'Lãnh đạo ký', approvers: [{ userId: leader }], quorum: 'any', dueInWorkingDays: 2, isSigningStep: true },
    ],
  });
});

afterAll(async () => {
  await workers?.close();
  await ctx?.close();
  await new Promise((r) => server?.close(r));
  if (env) rmSync(env.dir, { recursive: true, force: true });
});

const actors = { 'Kiểm tra thể thức': 'province.clerk', 'Lãnh đạo ký': 'province.leader' };
const pdfPart = async (name: string, filename: string): Promise<FilePart> => ({
  name,
  filename,
  content: await makePdf({ pages: 1 }),
  contentType: 'application/pdf',
});
const textPart = (filename: string, text: string): FilePart => ({
  name: 'attachments',
  filename,
  content: Buffer.from(text),
  contentType: 'text/plain',
});

async function filesOf(documentId: string, as: string, versions: 'latest' | 'all' = 'latest'): Promise<FileView[]> {
  const res = await ctx.request({ method: 'GET', url: `/api/v1/documents/${documentId}?versions=${versions}`, as });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ files: FileView[] }>().files;
}

const byName = (files: FileView[]) => [...files].sort((a, b) => a.name.localeCompare(b.name));

async function download(documentId: string, fileId: string, as: string) {
  const res = await ctx.request({ method: 'GET', url: `/api/v1/documents/${documentId}/files/${fileId}/content`, as });
  expect(res.statusCode, res.body).toBe(200);
  return res.headers['content-disposition'];
}

/** A draft drafted twice: version 1 (returned by the clerk), then version 2 with two attachments, approved, signed, issued. */
async function issuedTwiceDraftedDecision(subject: string) {
  const province = await api.approvals.provinceId();
  const first = multipart([
    { name: 'metadata', value: JSON.stringify({ type: 'Quyết định', subject, organizationId: province }) } as FieldPart,
    await pdfPart('file', 'Dự thảo lần 1 - Quyết định phê duyệt.pdf'),
    await pdfPart('attachments', 'Dự thảo phụ lục (bản cũ).pdf'),
  ]);
  const created = await ctx.request({ method: 'POST', url: '/api/v1/drafts', ...first, as: 'province.specialist' });
  expect(created.statusCode, created.body).toBe(201);
  const draftId = created.json<{ id: string }>().id;

  const submitted = await api.approvals.submitOk('province.specialist', draftId);
  const returned = await api.approvals.act('province.clerk', api.approvals.step(submitted, 'Kiểm tra thể thức').id, 'return', {
    comment: 'Bổ sung danh sách, tách bảng kinh phí',
  });
  expect(returned.statusCode, returned.body).toBe(200);

  const second = multipart([
    await pdfPart('file', 'Dự thảo lần 2 - Quyết định phê duyệt.pdf'),
    await pdfPart('attachments', 'Danh sách đơn vị được phê duyệt.pdf'),
    textPart('Bảng kinh phí.txt', 'Bảng kinh phí thực hiện năm 2026\n'),
  ]);
  const version = await ctx.request({ method: 'POST', url: `/api/v1/drafts/${draftId}/versions`, ...second, as: 'province.specialist' });
  expect(version.statusCode, version.body).toBe(201);

  await api.approve(draftId, actors);
  await ctx.container.services.issuance.signNow(await api.principal('province.leader'), draftId, {});
  const issued = await api.issue('province.clerk', draftId);
  expect(issued.statusCode, issued.body).toBe(200);
  const { number, notation } = issued.json<{ number: string; notation: string }>();
  expect(notation).toBe('QĐ-UBND');
  return { documentId: draftId, stem: `${number}-QĐ-UBND` };
}

describe('issued file names', () => {
  it('names the issued files from the số/ký hiệu in the issuer’s view, the sealed version and downloads; the drafts stay in the record only', async () => {
    const { documentId, stem } = await issuedTwiceDraftedDecision('Quyết định phê duyệt danh sách đơn vị chuyển đổi số');

    const current = await filesOf(documentId, 'province.clerk');
    expect(byName(current).map((f) => [f.name, f.kind, f.originalName])).toEqual([
      [`${stem} - Phụ lục I.pdf`, 'attachment', 'Danh sách đơn vị được phê duyệt.pdf'],
      [`${stem} - Phụ lục II.txt`, 'attachment', 'Bảng kinh phí.txt'],
      [`${stem}.pdf`, 'main', 'Dự thảo lần 2 - Quyết định phê duyệt.pdf'],
    ]);

    // The drafts are kept, under their own names, but no longer current.
    const all = await filesOf(documentId, 'province.clerk', 'all');
    const drafts = all.filter((f) => !f.latest);
    expect(drafts.map((f) => f.name).sort()).toEqual([
      'Dự thảo lần 1 - Quyết định phê duyệt.pdf',
      'Dự thảo lần 2 - Quyết định phê duyệt.pdf',
      'Dự thảo phụ lục (bản cũ).pdf',
    ]);

    // The agency seal makes a new version of the signed file: same name, same original name.
    const sealed = await runSigningWorker(ctx, async () => (await api.signatures(documentId)).length === 2);
    expect(sealed.failed).toEqual([]);
    const main = (await filesOf(documentId, 'province.clerk')).find((f) => f.kind === 'main')!;
    const [sealSignature] = (await api.signatures(documentId)).filter((s) => s.kind === 'seal');
    expect(main).toMatchObject({
      id: sealSignature.output_file_id,
      name: `${stem}.pdf`,
      originalName: 'Dự thảo lần 2 - Quyết định phê duyệt.pdf',
    });

    // A download is saved under the issued name (RFC 6266: ASCII fallback, exact name in filename*).
    const disposition = await download(documentId, main.id, 'province.clerk');
    expect(disposition).toBe(`inline; filename="${stem.replace('Đ', 'D')}.pdf"; filename*=UTF-8''${encodeURIComponent(`${stem}.pdf`)}`);

    // The issue's audit event says what was renamed and retired.
    const [event] = await ctx.sql<{ details: { files: { name: string; originalName: string }[]; supersededFileIds: string[] } }[]>`
      select details from audit_events where subject_id = ${documentId} and action = 'document.issue'`;
    expect(event.details.files.map((f) => f.name).sort()).toEqual([`${stem} - Phụ lục I.pdf`, `${stem} - Phụ lục II.txt`, `${stem}.pdf`]);
    expect(event.details.supersededFileIds).toHaveLength(2);
  });

  it('sends exactly the issued files under their issued names: internal copies (fan-out), the edXML package, an update after issue', async () => {
    const { documentId, stem } = await issuedTwiceDraftedDecision('Quyết định giao chỉ tiêu chuyển đổi số năm 2026');
    await runSigningWorker(ctx, async () => (await api.signatures(documentId)).length === 2);
    const sent = await filesOf(documentId, 'province.clerk');
    const names = sent.map((f) => f.name).sort();
    expect(names).toEqual([`${stem} - Phụ lục I.pdf`, `${stem} - Phụ lục II.txt`, `${stem}.pdf`]);

    const vinh = await orgByCode(ctx, '000.00.30.H41');
    const dispatched = await post(ctx, `/documents/${documentId}/dispatch`, 'province.clerk', {
      recipients: [{ organizationId: vinh }, { organId: REMOTE_ORGAN, name: 'UBND huyện Bảy Mươi' }],
    });
    expect(dispatched.statusCode, dispatched.body).toBe(202);
    const { edxmlDocumentId } = dispatched.json<{ edxmlDocumentId: string }>();
    await waitFor(
      async () => (await deliveriesOf(ctx, documentId)).every((d) => d.state === 'delivered' || d.history.some((h) => h.event === 'sent')),
      { what: 'delivered and sent' },
    );

    // The internal recipient's copy: the same bytes under the issued names, and nothing of the drafting.
    const copyId = (await deliveriesOf(ctx, documentId)).find((d) => d.kind === 'internal')!.recipientDocumentId!;
    const copy = await filesOf(copyId, 'district.clerk', 'all');
    expect(copy.map((f) => f.name).sort()).toEqual(names);
    expect(copy.map((f) => f.originalName)).toEqual([null, null, null]);
    expect(copy.map((f) => f.sha256).sort()).toEqual(sent.map((f) => f.sha256).sort());
    const copyMain = copy.find((f) => f.kind === 'main')!;
    expect(await download(copyId, copyMain.id, 'district.clerk')).toContain(`filename*=UTF-8''${encodeURIComponent(`${stem}.pdf`)}`);

    // The remote peer's package: the issued files, each under its issued name.
    const packageOf = async (body: Buffer) => {
      const pkg = await parseEdxml(Readable.from(body), DEFAULT_EDXML_LIMITS);
      if (pkg.kind !== 'edoc') throw new Error('not a document package');
      return pkg;
    };
    const pkg = await packageOf(received.at(-1)!);
    expect(pkg.attachments.map((a) => a.name).sort()).toEqual(names);
    expect(pkg.attachments.map((a) => a.sha256).sort()).toEqual(sent.map((f) => f.sha256).sort());

    // After issue: a corrected main file and an added attachment carry the document's names too,
    // and an update takes them to the peer (once it has the document: its 03).
    const status = await buffer(
      emitStatusPackage({
        responseFor: { documentId: edxmlDocumentId },
        from: { organId: REMOTE_ORGAN },
        statusCode: '03',
        timestamp: '2026-03-04T08:00:00',
      }),
    );
    expect((await postInbound(ctx, peer, status)).statusCode).toBe(202);
    await waitFor(async () => (await deliveriesOf(ctx, documentId)).find((d) => d.kind === 'remote')!.statusCode === '03', { what: '03' });
    const main = sent.find((f) => f.kind === 'main')!;
    const corrected = multipart([{ name: 'replaces', value: main.id }, await pdfPart('file', 'QĐ đã sửa lỗi chính tả.pdf')]);
    const version = await ctx.request({ method: 'POST', url: `/api/v1/documents/${documentId}/files`, ...corrected, as: 'province.clerk' });
    expect(version.statusCode, version.body).toBe(201);
    expect(version.json().files).toMatchObject([
      { name: `${stem}.pdf`, originalName: 'QĐ đã sửa lỗi chính tả.pdf', previousFileId: main.id },
    ]);
    const added = await ctx.request({
      method: 'POST',
      url: `/api/v1/documents/${documentId}/files`,
      ...multipart([await pdfPart('file', 'Phụ lục bổ sung.pdf')]),
      as: 'province.clerk',
    });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json().files).toMatchObject([{ name: `${stem} - Phụ lục III.pdf`, originalName: 'Phụ lục bổ sung.pdf' }]);

    const before = received.length;
    expect(
      (await post(ctx, `/documents/${documentId}/update`, 'province.clerk', { reason: 'Sửa lỗi chính tả, bổ sung phụ lục' })).statusCode,
    ).toBe(202);
    await waitFor(async () => received.length > before, { what: 'update sent' });
    const update = await packageOf(received.at(-1)!);
    expect(update.business).toMatchObject({ docType: 2 });
    expect(update.attachments.map((a) => a.name).sort()).toEqual([
      `${stem} - Phụ lục I.pdf`,
      `${stem} - Phụ lục II.txt`,
      `${stem} - Phụ lục III.pdf`,
      `${stem}.pdf`,
    ]);
    expect(workers.errors).toEqual([]);
  });
});
