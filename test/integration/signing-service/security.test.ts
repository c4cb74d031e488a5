/**
 * Issue 9, items 3, 4 and 12: external signing sessions as an attacker uses them. A certificate
 * must be trusted and the signer's (a self-signed "CHỦ TỊCH UBND TỈNH" is not), a session obeys the
 * server-side signing rules (the approved signer of an approved draft; a clerk of the owner sealing
 * an issued document), and sessions are capped per user and swept when they expire.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createJobProcessor } from '../../../workers/runtime.js';
import { SCHEDULES } from '../../../workers/queues.js';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { createDocumentRow, orgOf } from '../../helpers/documents.js';
import { visibleText } from '../issuance/helpers.js';
import { makePdf, type Env } from '../signing/tools.js';
import {
  deviceKey,
  deviceSignature,
  provinceSigningFlow,
  readObject,
  sessionBody,
  setupRunCaEnv,
  type DeviceKey,
  type SessionAnswer,
} from './helpers.js';

let ctx: TestContext;
let env: Env;
let flow: Awaited<ReturnType<typeof provinceSigningFlow>>;
let pkiDir: string;
/** A forger's certificate: self-signed, named as the Chairman. */
let forged: DeviceKey;

beforeAll(async () => {
  ctx = await createTestContext();
  env = setupRunCaEnv(ctx.env.SIGNING_TRUST_LIST);
  pkiDir = path.join(env.dir, 'pki');
  flow = await provinceSigningFlow(ctx);
  // The Chairman's own device certificate is registered to him (the run's CA issued it).
  await ctx.container.services.signing.certificates.importPkcs12(
    flow.leader,
    { userId: flow.leader },
    readFileSync(env.pki.files.find((f) => f.id === 'official')!.p12Path),
    env.pki.password,
  );
  forged = deviceKey(null, { commonName: 'CHỦ TỊCH UBND TỈNH' });
});

afterAll(async () => {
  await ctx?.close();
  if (env) rmSync(env.dir, { recursive: true, force: true });
});

const prepare = (as: string, documentId: string, fileId: string, body: Record<string, unknown>) =>
  ctx.request({ method: 'POST', url: `/api/v1/documents/${documentId}/files/${fileId}/signing-sessions`, as, payload: body });
const complete = (as: string, sessionId: string, signature: string) =>
  ctx.request({ method: 'POST', url: `/api/v1/signing-sessions/${sessionId}/complete`, as, payload: { signature } });

/** What a refused session must not leave behind: no session row, no new file, no signature. */
async function traces(documentId: string) {
  const [row] = await ctx.sql<{ sessions: number; files: number; signatures: number }[]>`
    select (select count(*)::int from signing_sessions where document_id = ${documentId}) as sessions,
           (select count(*)::int from document_files where document_id = ${documentId}) as files,
           (select count(*)::int from signatures where document_id = ${documentId}) as signatures`;
  return row;
}

/** A real PDF stored as a file of the document (as the documents module stores one). */
async function addPdfFile(documentId: string, kind: 'main' | 'attachment'): Promise<string> {
  const fileId = randomUUID();
  const storageKey = `documents/test/${fileId}`;
  const put = await ctx.container.storage.putBuffer(storageKey, await makePdf(), { contentType: 'application/pdf' });
  await ctx.sql`
    insert into document_files (id, document_id, name, content_type, size, sha256, storage_key, kind)
    values (${fileId}, ${documentId}, ${`${kind}.pdf`}, 'application/pdf', ${put.size}, ${put.sha256}, ${storageKey}, ${kind})`;
  return fileId;
}

async function issuedDocument(subject: string) {
  const doc = await flow.signedDocument(subject);
  const issued = await flow.api.issue('province.clerk', doc.documentId);
  expect(issued.statusCode, issued.body).toBe(200);
  return { ...doc, code: issued.json<{ code: string }>().code };
}

describe('external signing: the certificate must be trusted and the signer’s (item 3)', () => {
  it('refuses the approved signer a session with a self-signed "CHỦ TỊCH UBND TỈNH" certificate, storing nothing', async () => {
    const { documentId, mainFileId } = await flow.approvedDraft('Quyết định thử ký bằng chứng thư giả');
    const before = await traces(documentId);
    const res = await prepare('province.leader', documentId, mainFileId, sessionBody(forged, 'signer'));
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'CERTIFICATE_NOT_TRUSTED', details: { reason: 'CHAIN_NOT_TRUSTED' } });
    expect(await traces(documentId)).toEqual(before);
    expect(await flow.api.status(documentId)).toBe('approved');
  });

  it('refuses to complete a session whose certificate is self-signed (one opened before the rule held)', async () => {
    const { documentId, mainFileId } = await flow.approvedDraft('Quyết định hoàn tất bằng chứng thư giả');
    const opened = await prepare('province.leader', documentId, mainFileId, sessionBody(env.official, 'signer'));
    expect(opened.statusCode, opened.body).toBe(201);
    const session = opened.json<SessionAnswer>();
    // The row as the old code kept it for a forged certificate.
    await ctx.sql`update signing_sessions set certificate_der = ${forged.certificate}, chain_der = '{}' where id = ${session.sessionId}`;
    const res = await complete('province.leader', session.sessionId, deviceSignature(session, forged.privateKey));
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().error.code).toBe('CERTIFICATE_NOT_TRUSTED');
    expect((await traces(documentId)).signatures).toBe(0);
    expect(await flow.api.status(documentId)).toBe('approved');
  });

  it('refuses a trusted certificate that is not the signer’s or not valid now; takes one issued to the signer’s e-mail', async () => {
    const { documentId, mainFileId } = await flow.approvedDraft('Quyết định ký bằng chứng thư của người khác');
    const someoneElse = deviceKey(pkiDir, { commonName: 'Lê Hồng Vinh', email: 'nguoi.khac@nghean.gov.vn' });
    const notMine = await prepare('province.leader', documentId, mainFileId, sessionBody(someoneElse, 'signer'));
    expect(notMine.statusCode, notMine.body).toBe(422);
    expect(notMine.json().error).toMatchObject({ code: 'CERTIFICATE_NOT_TRUSTED', details: { reason: 'NOT_THE_SIGNERS' } });

    await ctx.sql`update users set email = 'chu.tich@nghean.gov.vn' where id = ${flow.leader}`;
    const expired = deviceKey(pkiDir, {
      commonName: 'Lê Hồng Vinh',
      email: 'chu.tich@nghean.gov.vn',
      notBefore: new Date(Date.now() - 30 * 86400_000),
      notAfter: new Date(Date.now() - 86400_000),
    });
    const old = await prepare('province.leader', documentId, mainFileId, sessionBody(expired, 'signer'));
    expect(old.statusCode, old.body).toBe(422);
    expect(old.json().error).toMatchObject({ code: 'CERTIFICATE_NOT_TRUSTED', details: { reason: 'NOT_VALID_AT_SIGNING_TIME' } });
    expect((await traces(documentId)).sessions).toBe(0);

    // SIGNING_EXTERNAL_SUBJECT_MATCH=email (the default): a USB token issued to his address is his.
    const token = deviceKey(pkiDir, { commonName: 'Lê Hồng Vinh', email: 'Chu.Tich@nghean.gov.vn' });
    const opened = await prepare('province.leader', documentId, mainFileId, sessionBody(token, 'signer'));
    expect(opened.statusCode, opened.body).toBe(201);
    const done = await complete(
      'province.leader',
      opened.json<SessionAnswer>().sessionId,
      deviceSignature(opened.json<SessionAnswer>(), token.privateKey),
    );
    expect(done.statusCode, done.body).toBe(200);
    expect(await flow.api.status(documentId)).toBe('signed');
  });

  it('refuses a clerk sealing an issued document with a fake or unregistered certificate', async () => {
    const { documentId, signedFileId } = await issuedDocument('Quyết định đóng dấu bằng chứng thư giả');
    const before = await traces(documentId);
    const fakeSeal = deviceKey(null, { commonName: 'UBND TỈNH NGHỆ AN' });
    const fake = await prepare('province.clerk', documentId, signedFileId, sessionBody(fakeSeal, 'seal'));
    expect(fake.statusCode, fake.body).toBe(422);
    expect(fake.json().error).toMatchObject({ code: 'CERTIFICATE_NOT_TRUSTED', details: { reason: 'CHAIN_NOT_TRUSTED' } });
    // Trusted, but not a seal the province registered (the clerk's own signature, say).
    const unregistered = await prepare('province.clerk', documentId, signedFileId, sessionBody(env.official, 'seal'));
    expect(unregistered.statusCode, unregistered.body).toBe(422);
    expect(unregistered.json().error).toMatchObject({ code: 'CERTIFICATE_NOT_TRUSTED', details: { reason: 'NOT_THE_SIGNERS' } });
    expect(await traces(documentId)).toEqual(before);
  });
});

describe('external signing: the server-side signing rules (item 4)', () => {
  it('refuses a signer session to readers of an approved draft (403) and to those who cannot see it (404)', async () => {
    const { documentId, mainFileId } = await flow.approvedDraft('Quyết định người đọc thử ký');
    const before = await traces(documentId);
    // The clerk of the province reads every document it owns (and checked this draft's form).
    for (const as of ['province.clerk']) {
      expect(await flow.sees(as, documentId)).toBe(true);
      const res = await prepare(as, documentId, mainFileId, sessionBody(forged, 'signer', { signerName: 'CHỦ TỊCH UBND TỈNH' }));
      expect(res.statusCode, `${as}: ${res.body}`).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
    }
    // The drafter sees the draft through the drafts module, not as a document.
    for (const as of ['province.specialist', 'commune.leader', 'district.clerk']) {
      const res = await prepare(as, documentId, mainFileId, sessionBody(forged, 'signer'));
      expect(res.statusCode, `${as}: ${res.body}`).toBe(404);
    }
    // Nor a seal on it: a clerk seals only an issued document (409), anyone else is refused first.
    expect((await prepare('province.specialist', documentId, mainFileId, sessionBody(forged, 'seal'))).statusCode).toBe(404);
    const early = await prepare('province.clerk', documentId, mainFileId, sessionBody(forged, 'seal'));
    expect(early.statusCode, early.body).toBe(409);
    expect(early.json().error.code).toBe('INVALID_STATE');
    expect(await traces(documentId)).toEqual(before);
  });

  it('refuses a coordinating assignee of an incoming document a signed version of its main file', async () => {
    const unit = await orgOf(ctx.sql, 'u02.leader', 'leader');
    const leadUnit = await orgOf(ctx.sql, 'u03.leader', 'leader');
    const documentId = await createDocumentRow(ctx.sql, { ownerOrganizationId: flow.province });
    const fileId = await addPdfFile(documentId, 'main');
    expect((await ctx.request({ method: 'POST', url: `/api/v1/documents/${documentId}/register`, as: 'province.clerk' })).statusCode).toBe(
      200,
    );
    const assigned = await ctx.request({
      method: 'POST',
      url: `/api/v1/documents/${documentId}/assignments`,
      as: 'province.leader',
      payload: {
        assignees: [
          { unitId: leadUnit, role: 'lead', dueInWorkingDays: 5 },
          { unitId: unit, role: 'coordinate', dueInWorkingDays: 5 },
        ],
      },
    });
    expect(assigned.statusCode, assigned.body).toBe(201);
    expect(await flow.sees('u02.leader', documentId)).toBe(true);

    const before = await traces(documentId);
    const signer = await prepare(
      'u02.leader',
      documentId,
      fileId,
      sessionBody(forged, 'signer', { signerName: 'CHỦ TỊCH UBND TỈNH', position: 'CHỦ TỊCH' }),
    );
    expect(signer.statusCode, signer.body).toBe(409);
    expect(signer.json().error.code).toBe('INVALID_STATE');
    expect((await prepare('u02.leader', documentId, fileId, sessionBody(forged, 'seal'))).statusCode).toBe(403);
    expect(await traces(documentId)).toEqual(before);
  });

  it('signs only the approved version, once, with the appearance the rules give (not the caller’s)', async () => {
    const { documentId, mainFileId } = await flow.approvedDraft('Quyết định về hình thức chữ ký');
    const attachmentId = await addPdfFile(documentId, 'attachment');
    const other = await prepare('province.leader', documentId, attachmentId, sessionBody(env.official, 'signer'));
    expect(other.statusCode, other.body).toBe(409);
    expect(other.json().error.details.reason).toBe('NOT_APPROVED_VERSION');

    // The body asks for another name and title: the rules print the signer's own.
    const opened = await prepare(
      'province.leader',
      documentId,
      mainFileId,
      sessionBody(env.official, 'signer', { signerName: 'Nguyễn Văn Giả', position: 'CHỦ TỊCH UBND TỈNH', authorityPrefix: 'KT.' }),
    );
    expect(opened.statusCode, opened.body).toBe(201);
    const done = await complete(
      'province.leader',
      opened.json<SessionAnswer>().sessionId,
      deviceSignature(opened.json<SessionAnswer>(), env.official.privateKey),
    );
    expect(done.statusCode, done.body).toBe(200);
    const text = visibleText(env, await readObject(ctx, done.json<{ fileId: string }>().fileId));
    expect(text).toContain('Lê Hồng Vinh');
    expect(text).not.toContain('Nguyễn Văn Giả');
    expect(text).not.toContain('KT.');

    // Signed: no second signer session; the clerk may not seal before issuing.
    expect((await prepare('province.leader', documentId, mainFileId, sessionBody(env.official, 'signer'))).statusCode).toBe(409);
    const seal = await prepare('province.clerk', documentId, done.json<{ fileId: string }>().fileId, sessionBody(forged, 'seal'));
    expect(seal.statusCode, seal.body).toBe(409);
  });

  it('checks the rules again at completion: a clerk who lost the role meanwhile seals nothing', async () => {
    await ctx.container.services.signing.certificates.importPkcs12(
      flow.clerk,
      { organizationId: flow.province },
      readFileSync(env.pki.files.find((f) => f.id === 'seal')!.p12Path),
      env.pki.password,
    );
    const temp = await flow.api.approvals.createUser(
      'vanthu.tam',
      flow.province,
      [{ organizationId: flow.province, role: 'clerk' }],
      'Văn thư',
    );
    const { documentId, signedFileId } = await issuedDocument('Quyết định đóng dấu bởi văn thư tạm');
    const opened = await prepare('vanthu.tam', documentId, signedFileId, sessionBody(env.seal, 'seal'));
    expect(opened.statusCode, opened.body).toBe(201);
    await ctx.sql`delete from role_grants where user_id = ${temp} and role = 'clerk'`;
    const before = await traces(documentId);
    const res = await complete(
      'vanthu.tam',
      opened.json<SessionAnswer>().sessionId,
      deviceSignature(opened.json<SessionAnswer>(), env.seal.privateKey),
    );
    expect(res.statusCode, res.body).toBe(404); // no grant left: the document is not theirs to see
    expect(await traces(documentId)).toEqual(before);
  });
});

describe('signing sessions: expiry sweep and per-user cap (item 12)', () => {
  const openSessions = async (userId: string) =>
    (
      await ctx.sql<
        { n: number }[]
      >`select count(*)::int as n from signing_sessions where created_by = ${userId} and completed_at is null and expires_at > now()`
    )[0].n;
  const sweep = () =>
    createJobProcessor(ctx.container)({
      id: 'sweep-test',
      name: 'signing.sweep-sessions',
      data: {},
      attemptsMade: 0,
      opts: {},
    }) as Promise<{ swept: number; abandoned: number }>;

  it('is scheduled, deletes expired sessions with their prepared PDFs once, and keeps live ones', async () => {
    expect(SCHEDULES.find((s) => s.job === 'signing.sweep-sessions')).toBeDefined();
    const { documentId, mainFileId } = await flow.approvedDraft('Quyết định phiên ký hết hạn');
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const res = await prepare('province.leader', documentId, mainFileId, sessionBody(env.official, 'signer'));
      expect(res.statusCode, res.body).toBe(201);
      ids.push(res.json<SessionAnswer>().sessionId);
    }
    const [expired, live] = ids;
    await ctx.sql`update signing_sessions set expires_at = now() - interval '1 hour' where id = ${expired}`;
    const keys = Object.fromEntries(
      (
        await ctx.sql<{ id: string; prepared_key: string }[]>`select id, prepared_key from signing_sessions where id in ${ctx.sql(ids)}`
      ).map((r) => [r.id, r.prepared_key]),
    );
    expect(await ctx.container.storage.stat(keys[expired])).not.toBeNull();

    const first = await sweep();
    expect(first.swept).toBeGreaterThanOrEqual(1);
    expect(await ctx.container.storage.stat(keys[expired])).toBeNull();
    expect(await ctx.sql`select 1 from signing_sessions where id = ${expired}`).toHaveLength(0);
    expect(await ctx.container.storage.stat(keys[live])).not.toBeNull();
    expect(await ctx.sql`select 1 from signing_sessions where id = ${live}`).toHaveLength(1);
    expect(await sweep()).toEqual({ swept: 0, abandoned: 0 });
    const events =
      await ctx.sql`select 1 from audit_events where action = 'signature.session-expire' and details->>'sessionId' = ${expired}`;
    expect(events).toHaveLength(1);
    // An expired session is not completed once swept.
    expect((await complete('province.leader', expired, 'AAAA')).statusCode).toBe(404);
  });

  it('caps the open sessions of a user (SIGNING_MAX_OPEN_SESSIONS, 5), also under concurrent requests', async () => {
    expect(ctx.container.config.signing.maxOpenSessions).toBe(5);
    const { documentId, mainFileId } = await flow.approvedDraft('Quyết định nhiều phiên ký');
    await ctx.sql`update signing_sessions set expires_at = now() - interval '1 second' where created_by = ${flow.leader} and completed_at is null`;
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => prepare('province.leader', documentId, mainFileId, sessionBody(env.official, 'signer'))),
    );
    expect(answers.map((r) => r.statusCode).sort()).toEqual([201, 201, 201, 201, 201, 429, 429, 429]);
    const refused = answers.find((r) => r.statusCode === 429)!;
    expect(refused.json().error.code).toBe('TOO_MANY_SIGNING_SESSIONS');
    expect(await openSessions(flow.leader)).toBe(5);
    expect(await ctx.sql`select 1 from signing_sessions where document_id = ${documentId}`).toHaveLength(5);

    // An expired session frees a slot.
    await ctx.sql`update signing_sessions set expires_at = now() - interval '1 second' where id = (select id from signing_sessions where created_by = ${flow.leader} and completed_at is null and expires_at > now() limit 1)`;
    expect((await prepare('province.leader', documentId, mainFileId, sessionBody(env.official, 'signer'))).statusCode).toBe(201);
  });
});
