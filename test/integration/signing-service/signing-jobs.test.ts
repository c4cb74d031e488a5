import { X509Certificate } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { demoCertificatesDeps, ensureDemoCertificates, type DemoCertificates } from '../../../scripts/demo-certificates.js';
import { JOB_IDS } from '../../../src/jobs/catalog.js';
import { createJobProcessor } from '../../../workers/runtime.js';
import { runQueueWorker } from '../../helpers/workers.js';
import { visibleText } from '../issuance/helpers.js';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { makePdf, pdfsig, qpdfCheck, type Env } from '../signing/tools.js';
import {
  createDocumentWithPdf,
  demoIds,
  deviceSignature,
  provinceSigningFlow,
  readObject,
  sessionBody,
  setupRunCaEnv,
  type DemoIds,
  type SessionAnswer,
} from './helpers.js';

let env: Env;
let ctx: TestContext;
let ids: DemoIds;
let demo: DemoCertificates;

const DEMO_OWNERS = ['province.leader', 'district.leader', 'commune.leader'] as const;

beforeAll(async () => {
  // The run's trust list (global setup): its CA issued the demo certificates every test database
  // holds, and issues this file's test PKI, so pdfsig (trusting it) and the server agree.
  ctx = await createTestContext();
  env = setupRunCaEnv(ctx.env.SIGNING_TRUST_LIST);
  ids = await demoIds(ctx);
  // The demo certificates exist already: this call finds them (what it creates is checked below).
  demo = await ensureDemoCertificates(demoCertificatesDeps(ctx.container), { dir: path.join(env.dir, 'pki') });
});

afterAll(async () => {
  await ctx?.close();
  if (env) rmSync(env.dir, { recursive: true, force: true });
});

const signatureRows = (documentId: string) =>
  ctx.sql<
    { kind: string; input_file_id: string; output_file_id: string; field_name: string }[]
  >`select kind, input_file_id, output_file_id, field_name from signatures where document_id = ${documentId} order by created_at`;
const fileCount = async (documentId: string) =>
  (await ctx.sql<{ n: number }[]>`select count(*)::int as n from document_files where document_id = ${documentId}`)[0].n;

/** Runs the real handlers of the `signing` queue of this test's prefix until `until` holds. */
const runSigningWorker = (until: () => Promise<boolean>) => runQueueWorker(ctx, 'signing', until, { timeoutMs: 30_000 });

describe('ensureDemoCertificates', () => {
  it('created the leaders’ and their organisations’ certificates once (global setup); a second call creates 0', async () => {
    const countCertificates = async () => (await ctx.sql<{ n: number }[]>`select count(*)::int as n from certificates`)[0].n;
    const before = await countCertificates();

    // What the global setup's call made: one active certificate per leader and per leader's
    // organisation, under the run's CA, each with its encrypted key.
    const userIds = { 'province.leader': ids.provinceLeader, 'district.leader': ids.districtLeader, 'commune.leader': ids.communeLeader };
    const rows = await ctx.sql<
      {
        id: string;
        owner_user_id: string | null;
        owner_organization_id: string | null;
        kind: string;
        certificate_der: Buffer;
        keys: number;
      }[]
    >`
      select c.id, c.owner_user_id, c.owner_organization_id, c.kind, c.certificate_der, (select count(*)::int from signing_keys k where k.certificate_id = c.id) as keys
        from certificates c
       where c.active and (c.owner_user_id in ${ctx.sql(Object.values(userIds))} or c.owner_organization_id in ${ctx.sql([ids.province, ids.vinh, ids.benThuy])})`;
    expect(rows).toHaveLength(6);
    const expected: Record<string, string> = {};
    for (const [username, userId] of Object.entries(userIds)) {
      const row = rows.find((r) => r.owner_user_id === userId)!;
      expect(row).toMatchObject({ kind: 'person', keys: 1 });
      expected[username] = row.id;
    }
    for (const orgId of [ids.province, ids.vinh, ids.benThuy]) {
      const row = rows.find((r) => r.owner_organization_id === orgId)!;
      expect(row).toMatchObject({ kind: 'organization', keys: 1 });
      expected[orgId] = row.id;
    }
    expect(Object.keys(expected)).toEqual(expect.arrayContaining([...DEMO_OWNERS, ids.province, ids.vinh, ids.benThuy]));
    const runCa = new X509Certificate(readFileSync(ctx.env.SIGNING_TRUST_LIST));
    for (const row of rows) {
      const cert = new X509Certificate(row.certificate_der);
      expect(cert.checkIssued(runCa) && cert.verify(runCa.publicKey)).toBe(true);
    }

    // Called again (beforeAll did, now once more): it finds exactly those and creates nothing.
    expect(demo.created).toBe(0);
    expect(demo.certificates).toEqual(expected);
    const again = await ensureDemoCertificates(demoCertificatesDeps(ctx.container), { dir: path.join(env.dir, 'pki') });
    expect(again.created).toBe(0);
    expect(again.certificates).toEqual(expected);
    expect(await countCertificates()).toBe(before);
  });
});

describe('signing.sign-file', () => {
  it('signs (signer, then seal) exactly once however often the job is enqueued or run', async () => {
    const original = await makePdf({ pages: 2 });
    const { documentId, fileId } = await createDocumentWithPdf(ctx, {
      organizationId: ids.benThuy,
      createdBy: ids.communeClerk,
      pdf: original,
    });
    const signing = ctx.container.services.signing.serverSigning;

    // Signer: the same job requested twice is one job; the worker runs it once.
    const signerInput = {
      documentId,
      fileId,
      certificateId: demo.certificates['commune.leader'],
      signerUserId: ids.communeLeader,
      kind: 'signer' as const,
      authorityPrefix: 'KT.' as const,
      authorityTitle: 'CHỦ TỊCH',
      position: 'PHÓ CHỦ TỊCH',
    };
    const first = await signing.requestSignature(signerInput);
    const second = await signing.requestSignature(signerInput);
    expect(first.jobId).toBe(JOB_IDS.signFile(documentId, fileId, 'signer'));
    expect(second.jobId).toBe(first.jobId);
    const run = await runSigningWorker(async () => (await signatureRows(documentId)).length === 1);
    expect(run.failed).toEqual([]);
    expect(run.completed).toEqual([first.jobId]);

    // A retried job (the handler run again, also concurrently) returns the first result.
    const job = { id: first.jobId, name: 'signing.sign-file', data: signerInput, attemptsMade: 1, opts: {} };
    const processJob = createJobProcessor(ctx.container);
    const [a, b] = await Promise.all([processJob(job), processJob(job)]);
    const rows = await signatureRows(documentId);
    expect(rows).toHaveLength(1);
    expect(a).toMatchObject({ fileId: rows[0].output_file_id, previousFileId: fileId, version: 2, kind: 'signer' });
    expect(b).toEqual(a);
    expect(await fileCount(documentId)).toBe(2);

    // The seal goes on the signed version, with the number and date, by the organisation's certificate.
    const signedFileId = rows[0].output_file_id;
    const sealInput = {
      documentId,
      fileId: signedFileId,
      certificateId: demo.certificates[ids.benThuy],
      signerUserId: ids.communeClerk,
      kind: 'seal' as const,
      sealNumber: '15/QĐ-UBND',
      sealDate: '26/11/2026',
    };
    const sealed = await signing.signNow(sealInput);
    expect(await signing.signNow(sealInput)).toEqual(sealed);
    expect(await signatureRows(documentId)).toHaveLength(2);
    expect(await fileCount(documentId)).toBe(3);
    const [audits] = await ctx.sql<{ sign: number; seal: number }[]>`
      select count(*) filter (where action = 'document.sign')::int as sign, count(*) filter (where action = 'document.seal')::int as seal
        from audit_events where subject_id = ${documentId}`;
    expect(audits).toEqual({ sign: 1, seal: 1 });

    const pdf = await readObject(ctx, sealed.fileId);
    expect(pdf.subarray(0, original.length).equals(original)).toBe(true);
    expect(qpdfCheck(env, pdf).ok).toBe(true);
    const poppler = pdfsig(env, pdf);
    expect(poppler.map((s) => [s.field, s.valid, s.trusted])).toEqual([
      ['ChuKyNguoiKy', true, true],
      ['DauCoQuan', true, true],
    ]);

    // The stored report (written after signing) is what the documents API shows.
    const report = await ctx.request({
      method: 'GET',
      url: `/api/v1/documents/${documentId}/files/${sealed.fileId}/signatures`,
      as: 'commune.clerk',
    });
    expect(report.statusCode, report.body).toBe(200);
    expect(
      report
        .json()
        .signatures.map((s: { signer: string; integrityValid: boolean; chainTrusted: boolean }) => [
          s.signer,
          s.integrityValid,
          s.chainTrusted,
        ]),
    ).toEqual([
      ['Đặng Quang Hải', true, true],
      ['Ủy ban nhân dân phường Bến Thủy', true, true],
    ]);
  });

  it('two workers racing on the same version store one signature and both answer it', async () => {
    const { documentId, fileId } = await createDocumentWithPdf(ctx, {
      organizationId: ids.benThuy,
      createdBy: ids.communeClerk,
      pdf: await makePdf(),
    });
    const input = {
      documentId,
      fileId,
      certificateId: demo.certificates['commune.leader'],
      signerUserId: ids.communeLeader,
      kind: 'signer' as const,
    };
    const results = await Promise.all([1, 2, 3].map(() => ctx.container.services.signing.serverSigning.signNow(input)));
    expect(new Set(results.map((r) => r.fileId)).size).toBe(1);
    expect(await signatureRows(documentId)).toHaveLength(1);
    expect(await fileCount(documentId)).toBe(2);
    // The losers removed the objects they had stored: every signed object in the bucket has its row.
    const referenced = new Set(
      (await ctx.sql<{ storage_key: string }[]>`select storage_key from document_files`).map((r) => r.storage_key),
    );
    const keys: string[] = [];
    for await (const o of ctx.container.storage.listKeys('documents/2')) keys.push(o.key);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.filter((k) => !referenced.has(k))).toEqual([]);
  });

  it('refuses a seal on an unsigned version and a certificate that is not the signer’s', async () => {
    const { documentId, fileId } = await createDocumentWithPdf(ctx, {
      organizationId: ids.benThuy,
      createdBy: ids.communeClerk,
      pdf: await makePdf(),
    });
    const signing = ctx.container.services.signing.serverSigning;
    await expect(
      signing.signNow({ documentId, fileId, certificateId: demo.certificates[ids.benThuy], signerUserId: ids.communeClerk, kind: 'seal' }),
    ).rejects.toMatchObject({ code: 'INVALID_STATE' });
    await expect(
      signing.signNow({
        documentId,
        fileId,
        certificateId: demo.certificates['district.leader'],
        signerUserId: ids.communeLeader,
        kind: 'signer',
      }),
    ).rejects.toMatchObject({ code: 'INVALID_STATE' });
    expect(await fileCount(documentId)).toBe(1);
  });
});

describe('external signing sessions', () => {
  let flow: Awaited<ReturnType<typeof provinceSigningFlow>>;
  const p12Of = (id: string) => readFileSync(env.pki.files.find((f) => f.id === id)!.p12Path);

  beforeAll(async () => {
    flow = await provinceSigningFlow(ctx);
    // The device certificates are registered to their holders: the official's to the Chairman
    // (the approved signer), the seal to the province (its clerks apply it).
    await ctx.container.services.signing.certificates.importPkcs12(
      flow.leader,
      { userId: flow.leader },
      p12Of('official'),
      env.pki.password,
    );
    await ctx.container.services.signing.certificates.importPkcs12(
      flow.clerk,
      { organizationId: flow.province },
      p12Of('seal'),
      env.pki.password,
    );
  });

  const prepare = (as: string, documentId: string, fileId: string, body: Record<string, unknown>) =>
    ctx.request({ method: 'POST', url: `/api/v1/documents/${documentId}/files/${fileId}/signing-sessions`, as, payload: body });

  it('prepare → device signature → complete yields a version pdfsig reports valid', async () => {
    const { documentId, mainFileId: fileId } = await flow.approvedDraft('Quyết định ký bằng thiết bị ký số');
    const original = await readObject(ctx, fileId);
    const body = sessionBody(env.official, 'signer');

    const res = await prepare('province.leader', documentId, fileId, body);
    expect(res.statusCode, res.body).toBe(201);
    const session = res.json<SessionAnswer>();
    expect(session.fieldName).toBe('ChuKyNguoiKy');

    // The "USB token": signs the signed attributes with the private key that never reaches the server.
    const signature = deviceSignature(session, env.official.privateKey);
    const complete = (as: string) =>
      ctx.request({ method: 'POST', url: `/api/v1/signing-sessions/${session.sessionId}/complete`, as, payload: { signature } });

    expect((await complete('province.clerk')).statusCode).toBe(404); // only the creator completes
    const done = await complete('province.leader');
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ documentId, previousFileId: fileId, kind: 'signer', fieldName: 'ChuKyNguoiKy' });
    expect((await complete('province.leader')).json()).toEqual(done.json()); // completing again: same file
    expect(await flow.api.status(documentId)).toBe('signed');

    const pdf = await readObject(ctx, done.json().fileId);
    expect(pdf.subarray(0, original.length).equals(original)).toBe(true);
    expect(pdfsig(env, pdf).map((s) => [s.valid, s.trusted, s.total])).toEqual([[true, true, true]]);
    expect(await signatureRows(documentId)).toHaveLength(1);

    // signing.verify-file (what the documents module queues for an arriving PDF) stores the report.
    const verifyJob = { id: JOB_IDS.verifyFile(fileId), name: 'signing.verify-file', data: { fileId }, attemptsMade: 0, opts: {} };
    expect(await createJobProcessor(ctx.container)(verifyJob)).toEqual({ fileId, signatures: 0 });
    const [stored] = await ctx.sql<{ report: { signatures: unknown[] } }[]>`select report from signature_reports where file_id = ${fileId}`;
    expect(stored.report.signatures).toEqual([]);
    // The signed version holds a signature dictionary: the job verifies it in full.
    const signedFileId = done.json<{ fileId: string }>().fileId;
    const verifySigned = { ...verifyJob, id: JOB_IDS.verifyFile(signedFileId), data: { fileId: signedFileId } };
    expect(await createJobProcessor(ctx.container)(verifySigned)).toEqual({ fileId: signedFileId, signatures: 1 });
    const [signedReport] = await ctx.sql<{ report: { signatures: { signatureValid: boolean; chainTrusted: boolean }[] } }[]>`
      select report from signature_reports where file_id = ${signedFileId}`;
    expect(signedReport.report.signatures.map((x) => [x.signatureValid, x.chainTrusted])).toEqual([[true, true]]);

    // The version is signed now: another session for the same kind is refused.
    expect((await prepare('province.leader', documentId, fileId, body)).statusCode).toBe(409);
  });

  it('refuses a wrong signature (422) and an expired session (409)', async () => {
    const { documentId, mainFileId: fileId } = await flow.approvedDraft('Quyết định ký sai');
    const files = await fileCount(documentId);
    const session = (await prepare('province.leader', documentId, fileId, sessionBody(env.official, 'signer'))).json<SessionAnswer>();
    const url = `/api/v1/signing-sessions/${session.sessionId}/complete`;

    const wrongKey = deviceSignature(session, env.seal.privateKey);
    expect((await ctx.request({ method: 'POST', url, as: 'province.leader', payload: { signature: wrongKey } })).statusCode).toBe(422);

    await ctx.sql`update signing_sessions set expires_at = now() - interval '1 second' where id = ${session.sessionId}`;
    const expired = await ctx.request({
      method: 'POST',
      url,
      as: 'province.leader',
      payload: { signature: deviceSignature(session, env.official.privateKey) },
    });
    expect(expired.statusCode).toBe(409);
    expect(expired.json().error.details.reason).toBe('SESSION_EXPIRED');
    expect(await fileCount(documentId)).toBe(files);
  });

  it('answers 404 for another organisation’s document, and 403 for a seal by a non-clerk', async () => {
    const { documentId, mainFileId: fileId, signedFileId } = await flow.signedDocument('Quyết định đóng dấu bằng thiết bị');
    expect((await prepare('commune.clerk', documentId, fileId, sessionBody(env.official, 'signer'))).statusCode).toBe(404);
    expect(
      (await ctx.request({ method: 'GET', url: `/api/v1/documents/${documentId}/files/${signedFileId}/signatures`, as: 'commune.clerk' }))
        .statusCode,
    ).toBe(404);
    expect(
      (await ctx.request({ method: 'GET', url: `/api/v1/documents/${documentId}/files/${fileId}/signatures`, as: 'province.clerk' })).json()
        .signatures,
    ).toEqual([]);

    const issued = await flow.api.issue('province.clerk', documentId);
    expect(issued.statusCode, issued.body).toBe(200);
    const seal = sessionBody(env.seal, 'seal');
    expect((await prepare('province.leader', documentId, signedFileId, seal)).statusCode).toBe(403);
    const session = await prepare('province.clerk', documentId, signedFileId, seal);
    expect(session.statusCode, session.body).toBe(201);
    const done = await ctx.request({
      method: 'POST',
      url: `/api/v1/signing-sessions/${session.json<SessionAnswer>().sessionId}/complete`,
      as: 'province.clerk',
      payload: { signature: deviceSignature(session.json<SessionAnswer>(), env.seal.privateKey) },
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ documentId, previousFileId: signedFileId, kind: 'seal', fieldName: 'DauCoQuan' });
    // The seal shows the issued number, as the server-side seal does, and both signatures are trusted.
    expect(visibleText(env, await readObject(ctx, done.json().fileId))).toContain(issued.json().code);
    const report = await ctx.request({
      method: 'GET',
      url: `/api/v1/documents/${documentId}/files/${done.json().fileId}/signatures`,
      as: 'province.clerk',
    });
    expect(
      report.json().signatures.map((s: { chainTrusted: boolean; integrityValid: boolean }) => [s.integrityValid, s.chainTrusted]),
    ).toEqual([
      [true, true],
      [true, true],
    ]);
  });
});
