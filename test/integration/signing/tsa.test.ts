/**
 * PAdES B-T against a real RFC 3161 authority: `openssl ts -reply` behind a tiny HTTP server on
 * 127.0.0.1. The server can also misbehave (rejection status, wrong imprint, wrong nonce,
 * garbage, HTTP error) so the client's checks are exercised on real DER.
 */
import { execFile } from 'node:child_process';
import { sign as cryptoSign } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { isAppError } from '../../../src/lib/errors.js';
import { OID, parseSignedData, parseTimeStampToken, toDer } from '../../../src/modules/signing/pdf/cms.js';
import { completePdfSignature, preparePdfSignature, signPdf } from '../../../src/modules/signing/pdf/sign-pdf.js';
import { verifyPdf } from '../../../src/modules/signing/pdf/verify-pdf.js';
import { createLocalKeySigner } from '../../../src/modules/signing/signers/local-key.js';
import { byteRanges, makePdf, opensslVerifyAll, pdfsig, run, setupEnv } from './tools.js';
import type { Env } from './tools.js';

const execFileAsync = promisify(execFile);

/** How the test TSA answers the next requests. */
type TsaMode = 'ok' | 'rejection' | 'wrong-imprint' | 'wrong-nonce' | 'no-nonce' | 'garbage' | 'http-500';

type Tsa = { url: string; dir: string; caPath: string; certPath: string; requests: number; mode: TsaMode; close: () => Promise<void> };

let env: Env;
let tsa: Tsa;

const opensslOk = (args: string[]): void => {
  const r = run('openssl', args);
  if (r.status !== 0) throw new Error(`openssl ${args[0]} failed: ${r.stderr}`);
};

/** A TSA CA and a TSA certificate with the critical timeStamping EKU RFC 3161 §2.3 requires. */
function createTsaPki(dir: string): { caPath: string; certPath: string; keyPath: string } {
  const caKey = path.join(dir, 'tsa-ca.key');
  const caPath = path.join(dir, 'tsa-ca.pem');
  const keyPath = path.join(dir, 'tsa.key');
  const csr = path.join(dir, 'tsa.csr');
  const certPath = path.join(dir, 'tsa.pem');
  const ext = path.join(dir, 'tsa-ext.cnf');
  opensslOk([
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    caKey,
    '-out',
    caPath,
    '-days',
    '2',
    '-subj',
    '/C=VN/O=Vanthu Test/CN=Vanthu Test TSA CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  opensslOk([
    'req',
    '-new',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    keyPath,
    '-out',
    csr,
    '-subj',
    '/C=VN/O=Vanthu Test/CN=Vanthu Test TSA',
  ]);
  writeFileSync(
    ext,
    [
      '[v3]',
      'basicConstraints = critical,CA:FALSE',
      'keyUsage = critical,digitalSignature',
      'extendedKeyUsage = critical,timeStamping',
      'subjectKeyIdentifier = hash',
      'authorityKeyIdentifier = keyid',
      '',
    ].join('\n'),
  );
  opensslOk([
    'x509',
    '-req',
    '-in',
    csr,
    '-CA',
    caPath,
    '-CAkey',
    caKey,
    '-CAcreateserial',
    '-days',
    '2',
    '-sha256',
    '-extfile',
    ext,
    '-extensions',
    'v3',
    '-out',
    certPath,
  ]);
  return { caPath, certPath, keyPath };
}

/** openssl ts configuration; `digests` narrowed to sha512 makes openssl itself reject our SHA-256 query. */
function writeTsConfig(dir: string, name: string, digests: string): string {
  const file = path.join(dir, `${name}.cnf`);
  writeFileSync(
    file,
    [
      '[ tsa ]',
      'default_tsa = tsa_config1',
      '[ tsa_config1 ]',
      `serial = ${path.join(dir, 'tsaserial')}`,
      'crypto_device = builtin',
      'signer_digest = sha256',
      'default_policy = 1.2.3.4.1',
      'other_policies = 1.2.3.4.5',
      `digests = ${digests}`,
      'accuracy = secs:1',
      'ordering = yes',
      'tsa_name = yes',
      'ess_cert_id_chain = no',
      'ess_cert_id_alg = sha256',
      '',
    ].join('\n'),
  );
  return file;
}

/**
 * Flip one byte of the imprint (after `04 20`) or of the nonce (our client sends `02 08` + 8
 * bytes), or drop the nonce (the query is short, so its SEQUENCE length is one byte).
 */
function tamperQuery(query: Buffer, what: 'imprint' | 'nonce' | 'drop-nonce'): Buffer {
  const q = Buffer.from(query);
  const imprintAt = q.indexOf(Buffer.from([0x04, 0x20])) + 2;
  const nonceAt = q.indexOf(Buffer.from([0x02, 0x08]), imprintAt + 32);
  if (what === 'imprint') q[imprintAt + 31] ^= 0xff;
  else if (what === 'nonce') q[nonceAt + 2 + 7] ^= 0x01;
  else {
    const dropped = Buffer.concat([q.subarray(0, nonceAt), q.subarray(nonceAt + 10)]);
    dropped[1] -= 10;
    return dropped;
  }
  return q;
}

async function startTsa(dir: string): Promise<Tsa> {
  const { caPath, certPath, keyPath } = createTsaPki(dir);
  writeFileSync(path.join(dir, 'tsaserial'), '01\n');
  const goodConfig = writeTsConfig(dir, 'ts-good', 'sha256, sha384, sha512');
  const rejectConfig = writeTsConfig(dir, 'ts-reject', 'sha512');
  let n = 0;

  const reply = async (query: Buffer, config: string): Promise<Buffer> => {
    const base = path.join(dir, `q-${++n}`);
    writeFileSync(`${base}.tsq`, query);
    // -chain adds the TSA CA next to the signer certificate (certReq TRUE asks for the signer's).
    await execFileAsync('openssl', [
      'ts',
      '-reply',
      '-queryfile',
      `${base}.tsq`,
      '-config',
      config,
      '-inkey',
      keyPath,
      '-signer',
      certPath,
      '-chain',
      caPath,
      '-out',
      `${base}.tsr`,
    ]);
    return readFileSync(`${base}.tsr`);
  };

  const state: Tsa = { url: '', dir, caPath, certPath, requests: 0, mode: 'ok', close: async () => {} };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      state.requests++;
      const query = Buffer.concat(chunks);
      if (req.method !== 'POST' || req.headers['content-type'] !== 'application/timestamp-query') {
        res.writeHead(415).end();
        return;
      }
      const answer = async (): Promise<Buffer | undefined> => {
        switch (state.mode) {
          case 'ok':
            return reply(query, goodConfig);
          case 'rejection':
            return reply(query, rejectConfig);
          case 'wrong-imprint':
            return reply(tamperQuery(query, 'imprint'), goodConfig);
          case 'wrong-nonce':
            return reply(tamperQuery(query, 'nonce'), goodConfig);
          case 'no-nonce':
            return reply(tamperQuery(query, 'drop-nonce'), goodConfig);
          case 'garbage':
            return Buffer.from('this is not DER');
          case 'http-500':
            return undefined;
        }
      };
      answer().then(
        (body) => {
          if (!body) res.writeHead(500).end('internal error');
          else res.writeHead(200, { 'content-type': 'application/timestamp-reply', 'content-length': body.length }).end(body);
        },
        (err: unknown) => res.writeHead(500).end(String(err)),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tsa`;
  state.close = () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
  return state;
}

beforeAll(async () => {
  env = setupEnv();
  tsa = await startTsa(env.dir);
});

afterAll(async () => {
  await tsa?.close();
});

const official = (): ReturnType<typeof createLocalKeySigner> => createLocalKeySigner(env.official);

/** The CMS of the last signature, without the placeholder's zero padding. */
function lastCms(pdf: Buffer): ReturnType<typeof parseSignedData> {
  const br = byteRanges(pdf).at(-1)!;
  return parseSignedData(Buffer.from(pdf.toString('latin1', br[1] + 1, br[2] - 1), 'hex'));
}

/** `openssl ts -verify` of the signature time-stamp over the SignerInfo signature value (SIGNING.md §5). */
function opensslTsVerify(pdf: Buffer, tag: string): { status: number; stdout: string; stderr: string } {
  const cms = lastCms(pdf);
  const token = cms.unsignedAttributes.get(OID.signatureTimeStampToken)?.[0];
  if (!token) throw new Error('no signature time-stamp token');
  const base = path.join(env.dir, `ts-verify-${tag}`);
  writeFileSync(`${base}.sig`, cms.signature);
  writeFileSync(`${base}.tst`, toDer(token));
  return run('openssl', ['ts', '-verify', '-data', `${base}.sig`, '-in', `${base}.tst`, '-token_in', '-CAfile', tsa.caPath]);
}

const withMode = async <T>(mode: TsaMode, fn: () => Promise<T>): Promise<T> => {
  tsa.mode = mode;
  try {
    return await fn();
  } finally {
    tsa.mode = 'ok';
  }
};

describe('PAdES B-T with a local openssl TSA', () => {
  it('embeds a signature time-stamp that openssl ts, pdfsig and verifyPdf accept', async () => {
    const original = await makePdf();
    const before = tsa.requests;
    const started = Date.now();
    const result = await signPdf({ pdf: original, signer: official(), tsaUrl: tsa.url, reason: 'Phê duyệt' });
    expect(tsa.requests).toBe(before + 1);
    const pdf = result.pdf;
    expect(pdf.subarray(0, original.length).equals(original)).toBe(true);

    const cms = lastCms(pdf);
    expect([...cms.unsignedAttributes.keys()]).toEqual([OID.signatureTimeStampToken]);
    const token = cms.unsignedAttributes.get(OID.signatureTimeStampToken)![0];
    const info = parseTimeStampToken(token);
    expect(info.imprintAlgorithm).toBe(OID.sha256);

    const ts = opensslTsVerify(pdf, 'ok');
    expect(ts.stdout.trim()).toBe('Verification: OK');
    // The same token does not verify over other bytes: it really covers the signature value.
    const otherData = path.join(env.dir, 'ts-other.bin');
    writeFileSync(otherData, Buffer.from('not the signature value'));
    const tokenFile = path.join(env.dir, 'ts-verify-ok.tst');
    expect(run('openssl', ['ts', '-verify', '-data', otherData, '-in', tokenFile, '-token_in', '-CAfile', tsa.caPath]).status).not.toBe(0);

    expect(pdfsig(env, pdf)).toEqual([expect.objectContaining({ valid: true, trusted: true, total: true })]);
    expect(opensslVerifyAll(env, pdf)).toEqual([true]);

    const report = await verifyPdf(pdf, { trust: [env.caPem] });
    expect(report.signatures).toHaveLength(1);
    const sig = report.signatures[0];
    expect(sig).toMatchObject({
      integrityValid: true,
      signatureValid: true,
      certificateHashValid: true,
      chainTrusted: true,
      coversWholeDocument: true,
    });
    expect(sig.timeStamp).toEqual(expect.any(String));
    const tsTime = Date.parse(sig.timeStamp!);
    // openssl ts writes whole seconds (accuracy secs:1), so allow a second either side of the call.
    expect(tsTime).toBeGreaterThanOrEqual(Math.floor(started / 1000) * 1000 - 1000);
    expect(tsTime).toBeLessThanOrEqual(Date.now() + 1000);
    expect(Math.abs(tsTime - result.signedAt.getTime())).toBeLessThan(5000);
  });

  it('time-stamps both signatures of official + seal, each over its own signature value', async () => {
    const original = await makePdf({ objectStreams: false });
    const first = await signPdf({
      pdf: original,
      signer: official(),
      tsaUrl: tsa.url,
      fieldName: 'ChuKyNguoiKy',
      appearance: { kind: 'signer', signerName: 'Nguyễn Văn An', position: 'GIÁM ĐỐC' },
    });
    const second = await signPdf({
      pdf: first.pdf,
      signer: createLocalKeySigner(env.seal),
      tsaUrl: tsa.url,
      fieldName: 'DauCoQuan',
      appearance: { kind: 'seal', documentNumber: '15/QĐ-UBND' },
    });
    expect(opensslTsVerify(first.pdf, 'first').stdout.trim()).toBe('Verification: OK');
    expect(opensslTsVerify(second.pdf, 'second').stdout.trim()).toBe('Verification: OK');
    const poppler = pdfsig(env, second.pdf);
    expect(poppler.map((s) => s.valid && s.trusted)).toEqual([true, true]);
    const report = await verifyPdf(second.pdf, { trust: [env.caPem] });
    expect(report.signatures.map((s) => [s.integrityValid, s.signatureValid, s.timeStamp !== null])).toEqual([
      [true, true, true],
      [true, true, true],
    ]);
  });

  it('time-stamps an externally completed signature (prepare / complete with tsaUrl)', async () => {
    const prep = await preparePdfSignature({ pdf: await makePdf(), certificate: env.official.certificate });
    const signature = cryptoSign('sha256', prep.signedAttributes, env.official.privateKey);
    const pdf = await completePdfSignature({
      prepared: prep.prepared,
      signature,
      certificate: env.official.certificate,
      chain: env.official.chain,
      tsaUrl: tsa.url,
    });
    expect(opensslTsVerify(pdf, 'external').stdout.trim()).toBe('Verification: OK');
    expect(pdfsig(env, pdf)[0]).toMatchObject({ valid: true, trusted: true });
    expect((await verifyPdf(pdf, { trust: [env.caPem] })).signatures[0].timeStamp).toEqual(expect.any(String));
  });

  const failures: [TsaMode, RegExp][] = [
    ['rejection', /time-stamp authority: .*rejected.*(badAlg|unsupported)/i],
    ['wrong-imprint', /time-stamp authority: .*imprint does not match/],
    ['wrong-nonce', /time-stamp authority: .*nonce does not match/],
    ['no-nonce', /time-stamp authority: .*token has no nonce/],
    ['garbage', /time-stamp authority: unusable response/],
    ['http-500', /time-stamp authority: request failed \(HTTP 500\)/],
  ];
  for (const [mode, message] of failures) {
    it(`fails with a clear AppError when the TSA answers ${mode}, leaving the input untouched`, async () => {
      const pdf = await makePdf();
      const copy = Buffer.from(pdf);
      const err = await withMode(mode, () => signPdf({ pdf, signer: official(), tsaUrl: tsa.url })).catch((e: unknown) => e);
      expect(isAppError(err)).toBe(true);
      expect(isAppError(err) && err.code).toBe('SERVICE_UNAVAILABLE');
      expect(isAppError(err) && err.details?.reason).toBe('TSA_FAILED');
      expect((err as Error).message).toMatch(message);
      expect(pdf.equals(copy)).toBe(true);
    });
  }

  it('fails when the TSA is unreachable', async () => {
    const closed = await startClosedPort();
    const err = await signPdf({ pdf: await makePdf(), signer: official(), tsaUrl: closed }).catch((e: unknown) => e);
    expect(isAppError(err) && err.code).toBe('SERVICE_UNAVAILABLE');
    expect((err as Error).message).toMatch(/time-stamp authority: request failed/);
  });
});

/** A URL on a port that was just free: nothing listens there. */
async function startClosedPort(): Promise<string> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return `http://127.0.0.1:${port}/tsa`;
}

describe('cli sign --tsa', () => {
  // Async spawn: the TSA server lives in this process, so a synchronous spawn would deadlock.
  const cli = async (...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> => {
    try {
      const r = await execFileAsync('npx', ['tsx', 'scripts/cli.ts', ...args], {
        cwd: path.resolve(import.meta.dirname, '../../..'),
        encoding: 'utf8',
      });
      return { status: 0, stdout: r.stdout, stderr: r.stderr };
    } catch (e) {
      const r = e as { code?: number; stdout: string; stderr: string };
      return { status: typeof r.code === 'number' ? r.code : -1, stdout: r.stdout, stderr: r.stderr };
    }
  };
  const p12 = (): string => env.pki.files.find((f) => f.id === 'official')!.p12Path;

  it('writes a B-T signature', async () => {
    const input = path.join(env.dir, 'cli-in.pdf');
    const out = path.join(env.dir, 'cli-bt.pdf');
    writeFileSync(input, await makePdf());
    const r = await cli('sign', input, out, '--p12', p12(), '--password', env.pki.password, '--tsa', tsa.url, '--visible');
    expect(r).toMatchObject({ status: 0, stderr: '' });
    const pdf = readFileSync(out);
    expect(opensslTsVerify(pdf, 'cli').stdout.trim()).toBe('Verification: OK');
    expect(pdfsig(env, pdf)[0]).toMatchObject({ valid: true, trusted: true });
    const v = await cli('verify', out, '--json', '--trust', env.pki.caCertPath);
    const json = JSON.parse(v.stdout) as { signatures: { timeStamp: string | null; signatureValid: boolean }[] };
    expect(json.signatures[0].signatureValid).toBe(true);
    expect(Math.abs(Date.parse(json.signatures[0].timeStamp!) - Date.now())).toBeLessThan(60_000);
  });

  it('fails with a one-line reason and writes nothing when the TSA rejects', async () => {
    const input = path.join(env.dir, 'cli-in2.pdf');
    const out = path.join(env.dir, 'cli-never.pdf');
    writeFileSync(input, await makePdf());
    const r = await withMode('wrong-imprint', () =>
      cli('sign', input, out, '--p12', p12(), '--password', env.pki.password, '--tsa', tsa.url),
    );
    expect(r.status).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/SERVICE_UNAVAILABLE: time-stamp authority: .*imprint does not match/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(env.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
