import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { signPdf } from '../../../src/modules/signing/pdf/sign-pdf.js';
import { createLocalKeySigner } from '../../../src/modules/signing/signers/local-key.js';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { makePdf, pdfsig, type Env } from '../signing/tools.js';
import { demoIds, expiredP12, multipart, setupRunCaEnv, type DemoIds } from './helpers.js';

let env: Env;
let ctx: TestContext;
let ids: DemoIds;

beforeAll(async () => {
  // The run's trust list (global setup): its CA issued the demo certificates and issues ours.
  ctx = await createTestContext();
  env = setupRunCaEnv(ctx.env.SIGNING_TRUST_LIST);
  ids = await demoIds(ctx);
});

afterAll(async () => {
  await ctx?.close();
  if (env) rmSync(env.dir, { recursive: true, force: true });
});

/** The official's key exported by OpenSSL 3 as the default (PBES2/AES-256) or the -legacy kind. */
function exportP12(name: string, extra: string[]): Buffer {
  const src = env.pki.files.find((f) => f.id === 'official')!.p12Path;
  const keyPem = path.join(env.dir, `${name}.key.pem`);
  const certPem = path.join(env.dir, `${name}.crt.pem`);
  const out = path.join(env.dir, name);
  execFileSync('openssl', ['pkcs12', '-in', src, '-passin', `pass:${env.pki.password}`, '-nocerts', '-nodes', '-out', keyPem]);
  execFileSync('openssl', ['pkcs12', '-in', src, '-passin', `pass:${env.pki.password}`, '-clcerts', '-nokeys', '-out', certPem]);
  execFileSync('openssl', [
    'pkcs12',
    '-export',
    '-inkey',
    keyPem,
    '-in',
    certPem,
    '-certfile',
    env.pki.caCertPath,
    '-passout',
    'pass:s3cret',
    '-out',
    out,
    ...extra,
  ]);
  return readFileSync(out);
}

const upload = (as: string, p12: Buffer, fields: Record<string, string>) =>
  ctx.request({
    method: 'POST',
    url: '/api/v1/certificates',
    as,
    ...multipart(fields, [{ field: 'p12', filename: 'key.p12', content: p12, contentType: 'application/x-pkcs12' }]),
  });

const KEY_WORDS = /private|encrypted|nonce|tag|pkcs8|keyAlgorithm|PRIVATE KEY/i;

describe('POST /api/v1/certificates', () => {
  it('stores both PKCS#12 kinds, lists them without key material, and keeps the key encrypted at rest', async () => {
    for (const [name, extra] of [
      ['default.p12', []],
      ['legacy.p12', ['-legacy']],
    ] as const) {
      const res = await upload('province.specialist', exportP12(name, [...extra]), { password: 's3cret' });
      expect(res.statusCode, res.body).toBe(201);
      const body = res.json<Record<string, unknown>>();
      expect(body).toMatchObject({
        kind: 'person',
        ownerUserId: ids.provinceSpecialist,
        ownerOrganizationId: null,
        subjectCommonName: 'Nguyễn Văn An',
        active: true,
      });
      expect(Object.keys(body).filter((k) => KEY_WORDS.test(k))).toEqual([]);
    }

    const list = await ctx.request({ method: 'GET', url: '/api/v1/certificates?mine=true', as: 'province.specialist' });
    expect(list.statusCode).toBe(200);
    const items = list.json<{ items: Record<string, unknown>[] }>().items;
    expect(items).toHaveLength(2);
    // Keys only: the certificate's base64 may contain any word by chance (e.g. "tag").
    for (const item of items) expect(Object.keys(item).filter((k) => KEY_WORDS.test(k))).toEqual([]);
    expect(list.body).not.toContain('PRIVATE KEY');
    for (const item of items)
      expect(Object.keys(item).sort()).toEqual([
        'active',
        'certificate',
        'createdAt',
        'fingerprintSha256',
        'id',
        'issuer',
        'kind',
        'notAfter',
        'notBefore',
        'ownerOrganizationId',
        'ownerUserId',
        'serialNumber',
        'subjectCommonName',
        'trust',
      ]);

    // At rest: ciphertext of the PKCS#8 key, not the key; the plaintext's bytes appear nowhere.
    const plaintext = env.official.privateKey.export({ type: 'pkcs8', format: 'der' });
    const rows = await ctx.sql<{ encrypted_key: Buffer; nonce: Buffer; tag: Buffer; key_algorithm: string }[]>`
      select k.encrypted_key, k.nonce, k.tag, k.key_algorithm from signing_keys k join certificates c on c.id = k.certificate_id where c.owner_user_id = ${ids.provinceSpecialist}`;
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.key_algorithm).toBe('rsa');
      expect(row.nonce).toHaveLength(12);
      expect(row.tag).toHaveLength(16);
      expect(row.encrypted_key.equals(plaintext)).toBe(false);
      // Any 32-byte window of the key (e.g. inside the modulus) would show up in a plaintext copy.
      expect(row.encrypted_key.includes(plaintext.subarray(100, 132))).toBe(false);
    }
    const [audit] = await ctx.sql<
      { n: number }[]
    >`select count(*)::int as n from audit_events where action = 'certificate.upload' and actor_id = ${ids.provinceSpecialist}`;
    expect(audit.n).toBe(2);
  });

  it('refuses a wrong password and a certificate that is not valid now with 422, storing nothing', async () => {
    const wrong = await upload('province.specialist', exportP12('wrong.p12', []), { password: 'not-it' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error.code).toBe('UNPROCESSABLE');

    const expired = await upload('province.specialist', expiredP12(path.join(env.dir, 'pki'), 'x'), { password: 'x' });
    expect(expired.statusCode).toBe(422);
    expect(expired.json().error.details.reason).toBe('CERTIFICATE_NOT_VALID_NOW');

    const [n] = await ctx.sql<{ n: number }[]>`select count(*)::int as n from certificates where subject_common_name = 'Expired Signer'`;
    expect(n.n).toBe(0);
  });

  it('lets a clerk of an organisation upload its seal certificate, and nobody else', async () => {
    const seal = readFileSync(env.pki.files.find((f) => f.id === 'seal')!.p12Path);
    // Every test database already holds Vinh's demo seal (global setup); ours comes on top of it.
    const listVinh = async () =>
      (await ctx.request({ method: 'GET', url: `/api/v1/certificates?organizationId=${ids.vinh}`, as: 'district.leader' })).json<{
        items: { id: string; active: boolean }[];
      }>().items;
    const demoSeals = await ctx.sql<
      { id: string }[]
    >`select id from certificates where owner_organization_id = ${ids.vinh} and active order by created_at desc`;
    expect(demoSeals).toHaveLength(1);
    const before = await listVinh();
    expect(before.map((c) => c.id)).toEqual(demoSeals.map((c) => c.id));

    const outsider = await upload('province.specialist', seal, { password: env.pki.password, organizationId: ids.vinh });
    expect(outsider.statusCode).toBe(403);

    const res = await upload('district.clerk', seal, { password: env.pki.password, organizationId: ids.vinh });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'organization', ownerOrganizationId: ids.vinh, ownerUserId: null });

    // Newest first: exactly one more than before, the uploaded one.
    expect((await listVinh()).map((c) => c.id)).toEqual([res.json().id, ...before.map((c) => c.id)]);
    expect(
      (await ctx.request({ method: 'GET', url: `/api/v1/certificates?organizationId=${ids.vinh}`, as: 'commune.clerk' })).statusCode,
    ).toBe(403);

    // Deactivation: not by an outsider (404), by the clerk.
    expect(
      (await ctx.request({ method: 'DELETE', url: `/api/v1/certificates/${res.json().id}`, as: 'province.specialist' })).statusCode,
    ).toBe(404);
    const del = await ctx.request({ method: 'DELETE', url: `/api/v1/certificates/${res.json().id}`, as: 'district.clerk' });
    expect(del.statusCode).toBe(200);
    expect(del.json().active).toBe(false);
    // Only the uploaded seal is deactivated; the demo seal stays active.
    expect((await listVinh()).map((c) => [c.id, c.active])).toEqual([[res.json().id, false], ...before.map((c) => [c.id, true])]);
  });
});

describe('POST /api/v1/signatures/verify', () => {
  let twice: Buffer;

  beforeAll(async () => {
    const rect: [number, number, number, number] = [330, 60, 555, 140];
    const first = await signPdf({
      pdf: await makePdf(),
      signer: createLocalKeySigner(env.official),
      fieldName: 'ChuKyNguoiKy',
      appearance: { kind: 'signer', rect, signerName: 'Nguyễn Văn An', position: 'CHỦ TỊCH' },
    });
    const second = await signPdf({
      pdf: first.pdf,
      signer: createLocalKeySigner(env.seal),
      fieldName: 'DauCoQuan',
      appearance: { kind: 'seal', signerRect: rect, documentNumber: '15/QĐ-UBND' },
    });
    twice = second.pdf;
  });

  const verify = (pdf: Buffer, filename = 'signed.pdf') =>
    ctx.request({
      method: 'POST',
      url: '/api/v1/signatures/verify',
      as: 'province.specialist',
      ...multipart({}, [{ field: 'file', filename, content: pdf, contentType: 'application/pdf' }]),
    });

  it('reports a signer + seal PDF exactly as the CLI does, and as pdfsig judges it', async () => {
    const res = await verify(twice);
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json<{ signatures: Record<string, unknown>[] }>();
    expect(report.signatures).toHaveLength(2);
    expect(report.signatures[0]).toMatchObject({
      field: 'ChuKyNguoiKy',
      signer: 'Nguyễn Văn An',
      integrityValid: true,
      signatureValid: true,
      certificateHashValid: true,
      chainTrusted: true,
      revision: 2,
      revisions: 3,
      coversWholeDocument: false,
      laterChangesAreSignaturesOnly: true,
    });
    expect(report.signatures[1]).toMatchObject({
      field: 'DauCoQuan',
      integrityValid: true,
      signatureValid: true,
      chainTrusted: true,
      revision: 3,
      revisions: 3,
      coversWholeDocument: true,
    });

    const file = path.join(env.dir, 'twice.pdf');
    writeFileSync(file, twice);
    const cli = spawnSync('npx', ['tsx', 'scripts/cli.ts', 'verify', file, '--json', '--trust', env.pki.caCertPath], {
      cwd: path.resolve(import.meta.dirname, '../../..'),
      encoding: 'utf8',
    });
    expect(cli.status, cli.stderr).toBe(0);
    expect(report).toEqual(JSON.parse(cli.stdout));

    expect(pdfsig(env, twice).map((s) => [s.valid, s.trusted, s.total])).toEqual(
      report.signatures.map((s) => [s.signatureValid && s.integrityValid, s.chainTrusted, s.coversWholeDocument]),
    );
  });

  it('reports integrityValid false for a tampered first revision', async () => {
    const tampered = Buffer.from(twice);
    // A byte of the binary comment after the header: inside both signatures' ranges, harmless to parsers.
    expect(tampered[10]).toBeGreaterThan(0x7f);
    tampered[10] ^= 0x01;
    const res = await verify(tampered);
    expect(res.statusCode).toBe(200);
    const sigs = res.json<{ signatures: { integrityValid: boolean }[] }>().signatures;
    expect(sigs.map((s) => s.integrityValid)).toEqual([false, false]);
    expect(pdfsig(env, tampered).every((s) => s.digestMismatch)).toBe(true);
  });

  it('answers 415 for a file that is not a PDF, 422 for an unparsable one, 401 without a token', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    expect((await verify(png, 'x.png')).statusCode).toBe(415);
    const broken = await verify(
      Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2000, 0xab), Buffer.from('\n%%EOF\n')]),
      'broken.pdf',
    );
    expect(broken.statusCode).toBe(422);
    const anonymous = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/signatures/verify',
      ...multipart({}, [{ field: 'file', filename: 'a.pdf', content: twice }]),
    });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('trust list', () => {
  it('an unreadable SIGNING_TRUST_LIST starts fine and trusts nothing', async () => {
    const other = await createTestContext({ env: { SIGNING_TRUST_LIST: path.join(env.dir, 'does-not-exist.pem') } });
    try {
      expect(other.container.services.signing.trustList.anchors()).toEqual([]);
      const signed = await signPdf({ pdf: await makePdf(), signer: createLocalKeySigner(env.official) });
      const res = await other.request({
        method: 'POST',
        url: '/api/v1/signatures/verify',
        as: 'province.specialist',
        ...multipart({}, [{ field: 'file', filename: 's.pdf', content: signed.pdf }]),
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().signatures).toMatchObject([{ integrityValid: true, signatureValid: true, chainTrusted: false }]);
    } finally {
      await other.close();
    }
  });
});
