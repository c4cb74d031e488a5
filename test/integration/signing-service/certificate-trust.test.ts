/**
 * Issue 12, item 7: a PKCS#12 from a CA outside the trust list was accepted for signing without a
 * word. Every certificate now shows its trust (on upload and in every list), and a stored key
 * whose certificate does not chain signs nothing (a person's signature or the agency seal) unless
 * the administrator set SIGNING_ALLOW_UNTRUSTED_CERTIFICATES: 422 CERTIFICATE_NOT_TRUSTED, before
 * a job is queued or a number taken. The demo certificates (issued by the run's dev CA, which is
 * the trust list) keep signing.
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createDevPki } from '../../../scripts/create-dev-ca.js';
import { JOB_IDS } from '../../../src/jobs/catalog.js';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { runSigningWorker } from '../issuance/helpers.js';
import type { Env } from '../signing/tools.js';
import { deviceKey, multipart, provinceSigningFlow, setupRunCaEnv, toPkcs12 } from './helpers.js';

type Trust = { status: string; chainTrusted: boolean; revocation: string; problems: string[] };
type Certificate = { id: string; kind: string; subjectCommonName: string | null; active: boolean; trust: Trust };

let env: Env;

const upload = (ctx: TestContext, as: string, p12: Buffer, fields: Record<string, string>) =>
  ctx.request({
    method: 'POST',
    url: '/api/v1/certificates',
    as,
    ...multipart(fields, [{ field: 'p12', filename: 'key.p12', content: p12, contentType: 'application/x-pkcs12' }]),
  });

/** A self-signed certificate named as the Chairman, as a PKCS#12 (password "matkhau"). */
const forgedP12 = (commonName = 'CHỦ TỊCH UBND TỈNH') => toPkcs12(deviceKey(null, { commonName }), 'matkhau');

async function uploadOk(ctx: TestContext, as: string, p12: Buffer, fields: Record<string, string>): Promise<Certificate> {
  const res = await upload(ctx, as, p12, fields);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Certificate>();
}

async function list(ctx: TestContext, as: string, query = 'mine=true'): Promise<Certificate[]> {
  const res = await ctx.request({ method: 'GET', url: `/api/v1/certificates?${query}`, as });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: Certificate[] }>().items;
}

let ctx: TestContext;

beforeAll(async () => {
  // The run's trust list (global setup) is the dev CA that issued the demo certificates; the test PKI is under it too.
  ctx = await createTestContext();
  env = setupRunCaEnv(ctx.env.SIGNING_TRUST_LIST);
});

afterAll(async () => {
  await ctx?.close();
  if (env) rmSync(env.dir, { recursive: true, force: true });
});

describe('certificates: trust shown on upload and in every list', () => {
  it('answers each upload with its chain status (trusted, not trusted with the reason) and lists every certificate with it', async () => {
    const trusted = await uploadOk(ctx, 'province.specialist', readFileSync(env.pki.files.find((f) => f.id === 'official')!.p12Path), {
      password: env.pki.password,
    });
    expect(trusted.trust).toEqual({ status: 'trusted', chainTrusted: true, revocation: 'not_checked', problems: [] });

    const forged = await uploadOk(ctx, 'province.specialist', forgedP12(), { password: 'matkhau' });
    expect(forged.trust).toMatchObject({ status: 'not_trusted', chainTrusted: false, revocation: 'not_checked' });
    expect(forged.trust.problems).toEqual(['the certificate is self-signed and not in the trust list']);

    // Issued by a real-looking CA that is simply not in the trust list.
    const other = createDevPki({
      outDir: path.join(env.dir, 'other-ca'),
      organization: 'CA ngoài danh sách',
      subjects: [{ id: 'foreign', commonName: 'Nguyễn Văn Khác', kind: 'person' }],
    });
    const foreign = await uploadOk(ctx, 'province.specialist', readFileSync(other.files[0].p12Path), { password: other.password });
    expect(foreign.trust).toMatchObject({ status: 'not_trusted', chainTrusted: false });
    expect(foreign.trust.problems[0]).toMatch(
      /does not chain to a certification authority of the trust list \(issuer: .*CA ngoài danh sách/,
    );

    // A certificate of the trusted CA that expires while stored: the list says so when it has.
    const shortLived = deviceKey(path.join(env.dir, 'pki'), { commonName: 'Nguyễn Văn Ngắn Hạn', notAfter: new Date(Date.now() + 2_000) });
    const expiring = await uploadOk(ctx, 'province.specialist', toPkcs12(shortLived, 'matkhau'), { password: 'matkhau' });
    expect(expiring.trust.status).toBe('trusted');
    await new Promise((r) => setTimeout(r, 2_500));

    const mine = await list(ctx, 'province.specialist');
    expect(Object.fromEntries(mine.map((c) => [c.id, c.trust.status]))).toEqual({
      [trusted.id]: 'trusted',
      [forged.id]: 'not_trusted',
      [foreign.id]: 'not_trusted',
      [expiring.id]: 'expired',
    });
    expect(mine.find((c) => c.id === expiring.id)!.trust.problems[0]).toMatch(/expired on/);

    // The upload's audit event records what the certificate was worth then.
    const events = await ctx.sql<{ subject_id: string; trust: string }[]>`
      select subject_id, details->>'trust' as trust from audit_events where action = 'certificate.upload' and subject_id in ${ctx.sql([trusted.id, forged.id])}`;
    expect(Object.fromEntries(events.map((e) => [e.subject_id, e.trust]))).toEqual({ [trusted.id]: 'trusted', [forged.id]: 'not_trusted' });
  });

  it("shows the demo certificates (the dev CA is the trust list) trusted, in a person's and an organisation's list", async () => {
    const leaders = await list(ctx, 'province.leader');
    expect(leaders.filter((c) => c.active).map((c) => c.trust.status)).toEqual(['trusted']);
    const province = (await ctx.sql<{ organization_id: string }[]>`select organization_id from users where username = 'province.leader'`)[0]
      .organization_id;
    const seals = await list(ctx, 'province.clerk', `organizationId=${province}`);
    expect(seals.length).toBeGreaterThan(0);
    for (const seal of seals) expect(seal.trust.status).toBe('trusted');
  });
});

describe('server-side signing with a stored certificate that does not chain (default: refused)', () => {
  let flow: Awaited<ReturnType<typeof provinceSigningFlow>>;
  beforeAll(async () => {
    flow = await provinceSigningFlow(ctx);
  });

  const signingJob = async (documentId: string, fileId: string) =>
    ctx.container.producer.queue('signing')?.getJob(JOB_IDS.signFile(documentId, fileId, 'signer'));

  it("refuses the signer's signature with a named untrusted certificate (422 CERTIFICATE_NOT_TRUSTED, no job), picks a trusted one when none is named", async () => {
    const forged = await uploadOk(ctx, 'province.leader', forgedP12(), { password: 'matkhau' });
    const { documentId, mainFileId } = await flow.approvedDraft('Quyết định ký bằng chứng thư ngoài danh sách tin cậy');

    const refused = await flow.api.sign('province.leader', documentId, { certificateId: forged.id });
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json().error).toMatchObject({
      code: 'CERTIFICATE_NOT_TRUSTED',
      details: { reason: 'CHAIN_NOT_TRUSTED', certificateId: forged.id, status: 'not_trusted' },
    });
    expect(await signingJob(documentId, mainFileId)).toBeUndefined();
    expect(await flow.api.status(documentId)).toBe('approved');

    // The forged certificate is the leader's newest; the trusted demo one is still active and is used.
    const signed = await ctx.container.services.issuance.signNow(await flow.api.principal('province.leader'), documentId, {});
    const [row] = await ctx.sql<
      { certificate_id: string }[]
    >`select certificate_id from signatures where output_file_id = ${signed.fileId}`;
    expect(row.certificate_id).not.toBe(forged.id);
    expect((await list(ctx, 'province.leader')).find((c) => c.id === row.certificate_id)!.trust.status).toBe('trusted');
  });

  it('refuses it in the worker too (a job queued before the trust list changed signs nothing)', async () => {
    const forged = (await list(ctx, 'province.leader')).find((c) => c.trust.status === 'not_trusted')!;
    const { documentId, mainFileId } = await flow.approvedDraft('Quyết định có việc ký đã xếp hàng');
    await expect(
      ctx.container.services.signing.serverSigning.signNow({
        documentId,
        fileId: mainFileId,
        certificateId: forged.id,
        signerUserId: flow.leader,
        kind: 'signer',
      }),
    ).rejects.toMatchObject({ code: 'CERTIFICATE_NOT_TRUSTED', details: { reason: 'CHAIN_NOT_TRUSTED' } });
    expect(await flow.api.signatures(documentId)).toEqual([]);
  });

  it('refuses to sign when the only usable certificate does not chain, and to issue when the only seal does not, burning no number', async () => {
    const { documentId, signedFileId } = await flow.signedDocument('Quyết định đóng dấu bằng chứng thư ngoài danh sách tin cậy');

    // The province's demo seal is replaced by a forged one.
    const seals = await list(ctx, 'province.clerk', `organizationId=${flow.province}`);
    const forgedSeal = await uploadOk(ctx, 'province.clerk', forgedP12('UBND TỈNH NGHỆ AN'), {
      password: 'matkhau',
      organizationId: flow.province,
    });
    expect(forgedSeal.trust.status).toBe('not_trusted');
    for (const s of seals.filter((c) => c.active))
      expect((await ctx.request({ method: 'DELETE', url: `/api/v1/certificates/${s.id}`, as: 'province.clerk' })).statusCode).toBe(200);

    const next = await flow.api.outgoingNext(flow.province);
    const refused = await flow.api.issue('province.clerk', documentId);
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json().error).toMatchObject({
      code: 'CERTIFICATE_NOT_TRUSTED',
      details: { reason: 'CHAIN_NOT_TRUSTED', certificateId: forgedSeal.id },
    });
    expect(await flow.api.status(documentId)).toBe('signed');
    expect(await flow.api.outgoingNext(flow.province)).toBe(next);
    const [outbox] = await ctx.sql<
      { n: number }[]
    >`select count(*)::int as n from outbox where payload->>'documentId' = ${documentId} and name = 'signing.sign-file'`;
    expect(outbox.n).toBe(0);

    // A trusted seal again: the same document is issued and sealed.
    await uploadOk(ctx, 'province.clerk', readFileSync(env.pki.files.find((f) => f.id === 'seal')!.p12Path), {
      password: env.pki.password,
      organizationId: flow.province,
    });
    const issued = await flow.api.issue('province.clerk', documentId);
    expect(issued.statusCode, issued.body).toBe(200);
    const sealed = await runSigningWorker(ctx, async () => (await flow.api.signatures(documentId)).length === 2);
    expect(sealed.failed).toEqual([]);
    expect((await flow.api.signatures(documentId)).map((s) => s.input_file_id)).toContain(signedFileId);

    // The leader's only usable certificate is the forged one: nothing is queued.
    const leaderCertificates = await list(ctx, 'province.leader');
    for (const c of leaderCertificates.filter((x) => x.active && x.trust.status === 'trusted')) {
      expect((await ctx.request({ method: 'DELETE', url: `/api/v1/certificates/${c.id}`, as: 'province.leader' })).statusCode).toBe(200);
    }
    const draft = await flow.approvedDraft('Quyết định chỉ còn chứng thư ngoài danh sách');
    const res = await flow.api.sign('province.leader', draft.documentId);
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().error).toMatchObject({
      code: 'CERTIFICATE_NOT_TRUSTED',
      details: { reason: 'CHAIN_NOT_TRUSTED', status: 'not_trusted' },
    });
    expect(await signingJob(draft.documentId, draft.mainFileId)).toBeUndefined();
  });
});

describe('SIGNING_ALLOW_UNTRUSTED_CERTIFICATES=true (an administrator’s explicit choice)', () => {
  // Its own database and settings; `ctx` above keeps the default.
  let ctx: TestContext;
  let flow: Awaited<ReturnType<typeof provinceSigningFlow>>;
  beforeAll(async () => {
    ctx = await createTestContext({ env: { SIGNING_ALLOW_UNTRUSTED_CERTIFICATES: 'true' } });
    flow = await provinceSigningFlow(ctx);
  });
  afterAll(() => ctx?.close());

  it('signs and seals with untrusted stored certificates and issues the document; the lists still say not trusted', async () => {
    expect(ctx.config.signing.allowUntrustedCertificates).toBe(true);
    const forged = await uploadOk(ctx, 'province.leader', forgedP12(), { password: 'matkhau' });
    expect(forged.trust.status).toBe('not_trusted');
    const forgedSeal = await uploadOk(ctx, 'province.clerk', forgedP12('UBND TỈNH NGHỆ AN'), {
      password: 'matkhau',
      organizationId: flow.province,
    });
    for (const s of (await list(ctx, 'province.clerk', `organizationId=${flow.province}`)).filter(
      (c) => c.active && c.id !== forgedSeal.id,
    )) {
      expect((await ctx.request({ method: 'DELETE', url: `/api/v1/certificates/${s.id}`, as: 'province.clerk' })).statusCode).toBe(200);
    }

    const { documentId, mainFileId } = await flow.approvedDraft('Quyết định ký khi cho phép chứng thư chưa tin cậy');
    const sign = await flow.api.sign('province.leader', documentId, { certificateId: forged.id });
    expect(sign.statusCode, sign.body).toBe(202);
    const signedRun = await runSigningWorker(ctx, async () => (await flow.api.status(documentId)) === 'signed');
    expect(signedRun.failed).toEqual([]);

    const issued = await flow.api.issue('province.clerk', documentId);
    expect(issued.statusCode, issued.body).toBe(200);
    const sealRun = await runSigningWorker(ctx, async () => (await flow.api.signatures(documentId)).length === 2);
    expect(sealRun.failed).toEqual([]);
    const used = await ctx.sql<
      { kind: string; certificate_id: string }[]
    >`select kind, certificate_id from signatures where document_id = ${documentId} order by created_at`;
    expect(used).toEqual([
      { kind: 'signer', certificate_id: forged.id },
      { kind: 'seal', certificate_id: forgedSeal.id },
    ]);
    expect(mainFileId).toBeTruthy();

    expect((await list(ctx, 'province.leader')).find((c) => c.id === forged.id)!.trust.status).toBe('not_trusted');
  });
});
