import { readFileSync } from 'node:fs';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { vnDate } from '../../../src/lib/dates.js';
import { verifyPdf } from '../../../src/modules/signing/pdf/verify-pdf.js';
import { JOB_IDS } from '../../../src/jobs/catalog.js';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { opensslVerifyAll, pdfsig, qpdfCheck, type Env } from '../signing/tools.js';
import { setupRunCaEnv } from '../signing-service/helpers.js';
import { issuanceApi, runSigningWorker, visibleText, type Api } from './helpers.js';

type IssueResult = {
  documentId: string;
  number: string;
  notation: string;
  code: string;
  registerId: string;
  registerName: string;
  promulgationDate: string;
  sealJobId: string;
  signedFileId: string;
};

/**
 * The outgoing path after approval, through the API and the real signing worker: the Chairman of
 * UBND tỉnh Nghệ An signs the approved version, the province's clerk issues it (number, notation,
 * date from the outgoing register) and the agency seal is applied by the worker.
 */
describe('issuance', () => {
  let ctx: TestContext;
  let api: Api;
  let env: Env;
  let province: string;
  let leader: string;
  let clerk: string;
  let today: string;
  const actors = { 'Kiểm tra thể thức': 'province.clerk', 'Lãnh đạo ký': 'province.leader' };

  beforeAll(async () => {
    ctx = await createTestContext();
    api = issuanceApi(ctx);
    // The run's CA (test/setup/global-setup.ts): the trust list, the demo certificates' issuer, and
    // the issuer of this file's PKI (an untrusted certificate would not sign: issue 12, item 7).
    env = setupRunCaEnv(ctx.env.SIGNING_TRUST_LIST);
    province = await api.approvals.provinceId();
    leader = await api.approvals.userId('province.leader');
    clerk = await api.approvals.userId('province.clerk');
    today = ctx.container.services.calendar.today();
    await api.approvals.createTemplate('province.leader', {
      organizationId: province,
      name: 'Kiểm tra và ký ban hành',
      steps: [
        { order: 1, name: 'Kiểm tra thể thức', approvers: [{ userId: clerk }], quorum: 'any', dueInWorkingDays: 1 },
        { order: 2, name: 'Lãnh đạo ký', approvers: [{ userId: leader }], quorum: 'any', dueInWorkingDays: 2, isSigningStep: true },
      ],
    });
  });

  afterAll(async () => {
    await ctx?.close();
  });

  /** An approved draft signed synchronously through the service (same checks and path as the job). */
  async function signedDocument(type: string, subject: string): Promise<string> {
    const draft = await api.createDraft(type, subject);
    await api.approve(draft.id, actors);
    await ctx.container.services.issuance.signNow(await api.principal('province.leader'), draft.id, {});
    expect(await api.status(draft.id)).toBe('signed');
    return draft.id;
  }

  it('signs (worker), issues with the next number, seals (worker): two valid signatures, the seal shows the number', async () => {
    const draft = await api.createDraft('Quyết định', 'Quyết định phê duyệt kế hoạch chuyển đổi số năm 2026');
    const approved = await api.approve(draft.id, actors);
    const mainFileId = approved.versions[0].mainFile.id;

    // Not signed yet: issuing is refused and takes no number.
    const before = await api.outgoingNext(province);
    const early = await api.issue('province.clerk', draft.id);
    expect(early.statusCode, early.body).toBe(409);
    expect(early.json().error.code).toBe('INVALID_STATE');
    expect(await api.outgoingNext(province)).toBe(before);

    // Only the named signer signs: the clerk sees the document but is refused.
    expect((await api.sign('province.clerk', draft.id)).statusCode).toBe(403);

    const signRes = await api.sign('province.leader', draft.id);
    expect(signRes.statusCode, signRes.body).toBe(202);
    const jobId = JOB_IDS.signFile(draft.id, mainFileId, 'signer');
    expect(signRes.json()).toEqual({ documentId: draft.id, fileId: mainFileId, jobId, authorityPrefix: null });
    // Asking twice is the same job.
    expect((await api.sign('province.leader', draft.id)).json().jobId).toBe(jobId);
    expect(await api.status(draft.id)).toBe('approved');

    const signedRun = await runSigningWorker(ctx, async () => (await api.status(draft.id)) === 'signed');
    expect(signedRun.failed).toEqual([]);
    expect(signedRun.completed).toEqual([jobId]);
    const [signerSig] = await api.signatures(draft.id);
    expect(signerSig).toMatchObject({ kind: 'signer', input_file_id: mainFileId, signer_user_id: leader });

    // Signed: signing again is a state error.
    expect((await api.sign('province.leader', draft.id)).statusCode).toBe(409);

    const issued = await api.issue('province.clerk', draft.id);
    expect(issued.statusCode, issued.body).toBe(200);
    const result = issued.json<IssueResult>();
    const n = Number(result.number);
    expect(n).toBe(before === 0 ? 1 : before);
    expect(result).toMatchObject({
      documentId: draft.id,
      number: n < 10 ? `0${n}` : String(n),
      notation: 'QĐ-UBND',
      code: `${result.number}/QĐ-UBND`,
      promulgationDate: today,
      registerName: `Sổ văn bản đi ${today.slice(0, 4)}`,
      signedFileId: signerSig.output_file_id,
      sealJobId: JOB_IDS.signFile(draft.id, signerSig.output_file_id, 'seal'),
    });
    expect(today).toBe(vnDate());

    // The record: issued, numbered, dated; the audit event is there; issuing twice is refused.
    const doc = await ctx.request({ method: 'GET', url: `/api/v1/documents/${draft.id}`, as: 'province.clerk' });
    expect(doc.statusCode, doc.body).toBe(200);
    expect(doc.json()).toMatchObject({
      status: 'issued',
      number: result.number,
      notation: 'QĐ-UBND',
      promulgationDate: today,
      signerName: 'Lê Hồng Vinh',
    });
    const again = await api.issue('province.clerk', draft.id);
    expect(again.statusCode).toBe(409);
    expect(await api.outgoingNext(province)).toBe(n + 1);
    const [audit] = await ctx.sql<
      { n: number }[]
    >`select count(*)::int as n from audit_events where subject_id = ${draft.id} and action = 'document.issue'`;
    expect(audit.n).toBe(1);

    // The seal job was queued through the outbox with the issue; the worker applies it.
    const sealRun = await runSigningWorker(ctx, async () => (await api.signatures(draft.id)).length === 2);
    expect(sealRun.failed).toEqual([]);
    expect(sealRun.completed).toEqual([result.sealJobId]);
    const sigs = await api.signatures(draft.id);
    expect(sigs.map((s) => [s.kind, s.input_file_id])).toEqual([
      ['signer', mainFileId],
      ['seal', signerSig.output_file_id],
    ]);
    expect(sigs[1].signer_user_id).toBe(clerk);
    expect(await api.status(draft.id)).toBe('issued');

    const original = await api.readFile(mainFileId);
    const signedPdf = await api.readFile(signerSig.output_file_id);
    const final = await api.readFile(sigs[1].output_file_id);
    // Incremental updates: each revision keeps the earlier bytes untouched.
    expect(signedPdf.subarray(0, original.length).equals(original)).toBe(true);
    expect(final.subarray(0, signedPdf.length).equals(signedPdf)).toBe(true);

    // Independent checks: pdfsig, qpdf, openssl; and our verifier with the configured trust list.
    expect(pdfsig(env, final).map((s) => [s.field, s.valid, s.trusted, s.digestMismatch])).toEqual([
      ['ChuKyNguoiKy', true, true, false],
      ['DauCoQuan', true, true, false],
    ]);
    expect(qpdfCheck(env, final).ok).toBe(true);
    expect(opensslVerifyAll({ ...env, pki: { ...env.pki, caCertPath: ctx.env.SIGNING_TRUST_LIST } }, final)).toEqual([true, true]);
    const ours = await verifyPdf(final, { trust: ctx.container.services.signing.trustList.anchors() });
    expect(
      ours.signatures.map((s) => [
        s.field,
        s.signer,
        s.integrityValid,
        s.signatureValid,
        s.certificateHashValid,
        s.chainTrusted,
        s.revision,
        s.revisions,
      ]),
    ).toEqual([
      ['ChuKyNguoiKy', 'Lê Hồng Vinh', true, true, true, true, 2, 3],
      ['DauCoQuan', 'Ủy ban nhân dân tỉnh Nghệ An', true, true, true, true, 3, 3],
    ]);
    expect(ours.signatures[1].coversWholeDocument).toBe(true);
    expect(ours.signatures[0].laterChangesAreSignaturesOnly).toBe(true);

    // A byte changed in the first revision breaks both signatures; in the seal's revision, only the seal.
    // Digits are swapped for digits so that both files still parse.
    const tamper = (at: number) => {
      const copy = Buffer.from(final);
      copy[at] = copy[at] === 0x31 ? 0x32 : 0x31;
      return copy;
    };
    expect(final.toString('latin1', 0, 8)).toBe('%PDF-1.7'); // the version digit of the first revision
    expect(pdfsig(env, tamper(7)).map((s) => s.valid)).toEqual([false, false]);
    const sealTime = final.lastIndexOf('/M (D:') + 8; // a digit of the seal's claimed time (its revision only)
    expect(sealTime).toBeGreaterThan(signedPdf.length);
    expect(pdfsig(env, tamper(sealTime)).map((s) => s.valid)).toEqual([true, false]);

    // What a reader sees: the signer's name and title, and the seal's number and date.
    const text = visibleText(env, final);
    expect(text).toContain('Lê Hồng Vinh');
    expect(text).toContain('CHỦ TỊCH');
    expect(text).toContain(`Số: ${result.code}`);
    expect(text).toContain(`Ngày: ${today.slice(8, 10)}/${today.slice(5, 7)}/${today.slice(0, 4)}`);
  });

  it('numbers a Công văn {n}/UBND-{drafting unit} and a legal-normative Quyết định with the year', async () => {
    const cv = await signedDocument('Công văn', 'Công văn về việc đôn đốc báo cáo');
    const res = await api.issue('province.clerk', cv);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json<IssueResult>();
    // province.specialist drafts in Phòng Kinh tế tổng hợp (KTTH): 45/UBND-KTTH style.
    expect(r.notation).toBe('UBND-KTTH');
    expect(r.code).toBe(`${r.number}/UBND-KTTH`);
    expect(r.number).toMatch(/^\d{2,}$/);

    const qppl = await signedDocument('Quyết định', 'Quyết định ban hành quy định phân cấp quản lý');
    const q = await api.issue('province.clerk', qppl, { legalNormative: true });
    expect(q.statusCode, q.body).toBe(200);
    expect(q.json<IssueResult>().code).toBe(`${q.json<IssueResult>().number}/${today.slice(0, 4)}/QĐ-UBND`);
    expect(Number(q.json<IssueResult>().number)).toBe(Number(r.number) + 1);

    // A unit abbreviation that cannot go into a notation is refused before a number is taken.
    const bad = await signedDocument('Công văn', 'Công văn có ký hiệu đơn vị sai');
    const next = await api.outgoingNext(province);
    const refused = await api.issue('province.clerk', bad, { unitAbbreviation: 'KT TH' });
    expect(refused.statusCode, refused.body).toBe(422);
    expect(await api.outgoingNext(province)).toBe(next);
    expect(await api.status(bad)).toBe('signed');
  });

  it('issues 20 documents at once from one register with 20 distinct consecutive numbers', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push(await signedDocument('Quyết định', `Quyết định số hóa hồ sơ đợt ${i + 1}`));
    const start = await api.outgoingNext(province);

    const responses = await Promise.all(ids.map((id) => api.issue('province.clerk', id)));
    expect(responses.map((r) => r.statusCode)).toEqual(ids.map(() => 200));
    const results = responses.map((r) => r.json<IssueResult>());
    const numbers = results.map((r) => Number(r.number)).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => start + i));
    expect(new Set(results.map((r) => r.registerId)).size).toBe(1);
    expect(new Set(results.map((r) => r.sealJobId)).size).toBe(20);
    expect(await api.outgoingNext(province)).toBe(start + 20);

    // What was stored matches what was answered, and every seal job is recorded in the outbox.
    const rows = await ctx.sql<
      { id: string; number: string; status: string }[]
    >`select id, number, status from documents where id = any(${ids}::uuid[])`;
    expect(rows.every((r) => r.status === 'issued')).toBe(true);
    expect(new Map(rows.map((r) => [r.id, r.number]))).toEqual(new Map(results.map((r) => [r.documentId, r.number])));
    const [outbox] = await ctx.sql<
      { n: number }[]
    >`select count(*)::int as n from outbox where job_id = any(${results.map((r) => r.sealJobId)})`;
    expect(outbox.n).toBe(20);
  });

  it('refuses to issue what is not signed, and anyone but a clerk of the issuing organisation', async () => {
    const draft = await api.createDraft('Thông báo', 'Thông báo lịch tiếp công dân');
    const start = await api.outgoingNext(province);

    // A draft not yet approved, then approved but unsigned: 409, no number taken.
    expect((await api.issue('province.clerk', draft.id)).statusCode).toBe(409);
    await api.approve(draft.id, actors);
    const unsigned = await api.issue('province.clerk', draft.id);
    expect(unsigned.statusCode, unsigned.body).toBe(409);
    expect(unsigned.json().error.details).toMatchObject({ status: 'approved' });

    await ctx.container.services.issuance.signNow(await api.principal('province.leader'), draft.id, {});
    // The specialist (drafter) does not see the record; the leader sees it but is no clerk; another organisation's clerk sees nothing.
    expect([403, 404]).toContain((await api.issue('province.specialist', draft.id)).statusCode);
    expect((await api.issue('province.leader', draft.id)).statusCode).toBe(403);
    expect((await api.issue('district.clerk', draft.id)).statusCode).toBe(404);
    expect(await api.outgoingNext(province)).toBe(start);
    const [doc] = await ctx.sql<{ number: string | null; status: string }[]>`select number, status from documents where id = ${draft.id}`;
    expect(doc).toEqual({ number: null, status: 'signed' });

    // Unknown document: 404.
    expect((await api.issue('province.clerk', '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);

    // A failure after the number was taken (here: recording the seal job) rolls the number back with everything else.
    await ctx.sql.unsafe(`
      create function issuance_test_fail() returns trigger language plpgsql as $$
      begin
        if new.job_id like 'sign.${draft.id}.%' then raise exception 'simulated outage'; end if;
        return new;
      end $$;
      create trigger issuance_test_fail before insert on outbox for each row execute function issuance_test_fail();`);
    try {
      const failed = await api.issue('province.clerk', draft.id);
      expect(failed.statusCode).toBe(500);
    } finally {
      await ctx.sql.unsafe('drop trigger issuance_test_fail on outbox; drop function issuance_test_fail();');
    }
    expect(await api.outgoingNext(province)).toBe(start);
    expect(await api.status(draft.id)).toBe('signed');
    const [events] = await ctx.sql<
      { n: number }[]
    >`select count(*)::int as n from audit_events where subject_id = ${draft.id} and action = 'document.issue'`;
    expect(events.n).toBe(0);

    // Once it works again, the document gets the number that was not burned.
    const ok = await api.issue('province.clerk', draft.id);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(Number(ok.json<IssueResult>().number)).toBe(start === 0 ? 1 : start);
  });

  it('refuses a signer signature of an approved draft by anyone else, whichever path signs', async () => {
    const draft = await api.createDraft('Kế hoạch', 'Kế hoạch cải cách hành chính');
    const approved = await api.approve(draft.id, actors);
    const mainFileId = approved.versions[0].mainFile.id;
    // district.leader holds a certificate but was not named: the signing service's hook refuses and nothing is stored.
    const [cert] = await ctx.sql<
      { id: string }[]
    >`select c.id from certificates c join users u on u.id = c.owner_user_id where u.username = 'district.leader'`;
    const districtLeader = await api.approvals.userId('district.leader');
    await expect(
      ctx.container.services.signing.serverSigning.signNow({
        documentId: draft.id,
        fileId: mainFileId,
        certificateId: cert.id,
        signerUserId: districtLeader,
        kind: 'signer',
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await api.signatures(draft.id)).toEqual([]);
    expect(await api.status(draft.id)).toBe('approved');

    // The leader's certificate cannot be borrowed: another user's certificate id is refused.
    const [leaderCert] = await ctx.sql<{ id: string }[]>`select id from certificates where owner_user_id = ${leader}`;
    const wrong = await api.sign('district.leader', draft.id, { certificateId: leaderCert.id });
    expect(wrong.statusCode).toBe(404);
    const borrowed = await api.sign('province.leader', draft.id, { certificateId: cert.id });
    expect(borrowed.statusCode).toBe(400);
  });

  it('a deputy signing under KT. for the Chairman prints the prefix and the Chairman’s title', async () => {
    const pho = await api.approvals.createUser('pho.chutich.ky', province, [{ organizationId: province, role: 'leader' }], 'Phó Chủ tịch');
    const delegation = await ctx.request({
      method: 'POST',
      url: '/api/v1/delegations',
      as: 'province.leader',
      payload: { delegateUserId: pho, scope: 'both', from: today, to: today, authorityPrefix: 'KT.' },
    });
    expect(delegation.statusCode, delegation.body).toBe(201);
    // The deputy's own certificate (this file's PKI, under the run's CA).
    const p12 = readFileSync(env.pki.files.find((f) => f.id === 'official')!.p12Path);
    await ctx.container.services.signing.certificates.importPkcs12(pho, { userId: pho }, p12, env.pki.password);

    const draft = await api.createDraft('Quyết định', 'Quyết định khen thưởng');
    const approved = await api.approve(draft.id, { ...actors, 'Lãnh đạo ký': 'pho.chutich.ky' });
    expect(approved).toMatchObject({ signerUserId: pho, signerActingForId: leader, signerAuthority: 'KT.' });

    const res = await api.sign('pho.chutich.ky', draft.id);
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json().authorityPrefix).toBe('KT.');
    const run = await runSigningWorker(ctx, async () => (await api.status(draft.id)) === 'signed');
    expect(run.failed).toEqual([]);
    const [doc] = await ctx.sql<
      { signer_name: string; signer_position: string; signer_authority: string }[]
    >`select signer_name, signer_position, signer_authority from documents where id = ${draft.id}`;
    expect(doc).toEqual({ signer_name: 'Người dùng pho.chutich.ky', signer_position: 'Phó Chủ tịch', signer_authority: 'KT.' });

    const [sig] = await api.signatures(draft.id);
    const text = visibleText(env, await api.readFile(sig.output_file_id));
    expect(text).toContain('KT. CHỦ TỊCH');
    expect(text).toContain('PHÓ CHỦ TỊCH');
  });

  // Last: it deactivates the Chairman's demo certificate.
  it('a signing job that failed for good can be requested again once the signer has a usable certificate', async () => {
    const draft = await api.createDraft('Báo cáo', 'Báo cáo tình hình kinh tế - xã hội');
    await api.approve(draft.id, actors);
    const res = await api.sign('province.leader', draft.id);
    expect(res.statusCode, res.body).toBe(202);
    const { jobId } = res.json<{ jobId: string }>();

    // The certificate is deactivated before the worker runs: the job fails without retrying.
    const [cert] = await ctx.sql<{ id: string }[]>`select id from certificates where owner_user_id = ${leader} and active`;
    expect((await ctx.request({ method: 'DELETE', url: `/api/v1/certificates/${cert.id}`, as: 'province.leader' })).statusCode).toBe(200);
    const failed = await runSigningWorker(ctx, async () => false);
    expect(failed.failed).toEqual([expect.stringContaining(`${jobId}: INVALID_STATE`)]);
    expect(await api.status(draft.id)).toBe('approved');

    // Without a usable certificate the request is refused up front; with a new one the same job id runs again.
    expect((await api.sign('province.leader', draft.id)).statusCode).toBe(422);
    await ctx.container.services.signing.certificates.importPkcs12(
      leader,
      { userId: leader },
      readFileSync(env.pki.files.find((f) => f.id === 'official')!.p12Path),
      env.pki.password,
    );
    const again = await api.sign('province.leader', draft.id);
    expect(again.statusCode, again.body).toBe(202);
    expect(again.json().jobId).toBe(jobId);
    const run = await runSigningWorker(ctx, async () => (await api.status(draft.id)) === 'signed');
    // (Seal jobs queued by the earlier issues may run alongside.)
    expect(run.failed).toEqual([]);
    expect(run.completed).toContain(jobId);
  });
});
