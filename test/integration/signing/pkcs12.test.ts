import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { isAppError } from '../../../src/lib/errors.js';
import { signPdf } from '../../../src/modules/signing/pdf/sign-pdf.js';
import { verifyPdf } from '../../../src/modules/signing/pdf/verify-pdf.js';
import { loadPkcs12 } from '../../../src/modules/signing/pkcs12.js';
import { createLocalKeySigner } from '../../../src/modules/signing/signers/local-key.js';
import { makePdf, pdfsig, run, setupEnv } from './tools.js';
import type { Env } from './tools.js';

let env: Env;
let keyPem: string;
let certPem: string;

beforeAll(() => {
  env = setupEnv();
  const p12 = env.pki.files.find((f) => f.id === 'official')!.p12Path;
  // OpenSSL 3 must read what createDevPki writes; its output is the input for the re-exports below.
  keyPem = path.join(env.dir, 'official.key.pem');
  certPem = path.join(env.dir, 'official.cert.pem');
  execFileSync('openssl', ['pkcs12', '-in', p12, '-passin', `pass:${env.pki.password}`, '-nocerts', '-nodes', '-out', keyPem]);
  execFileSync('openssl', ['pkcs12', '-in', p12, '-passin', `pass:${env.pki.password}`, '-clcerts', '-nokeys', '-out', certPem]);
});

const exportP12 = (name: string, extra: string[]): Buffer => {
  const out = path.join(env.dir, name);
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
};

describe('loadPkcs12', () => {
  it('reads the OpenSSL 3 default kind (PBES2 / AES-256-CBC, SHA-256 MAC)', async () => {
    const p12 = exportP12('default.p12', []);
    const info = run('openssl', ['pkcs12', '-info', '-in', path.join(env.dir, 'default.p12'), '-passin', 'pass:s3cret', '-noout']);
    expect(info.stderr).toMatch(/PBES2.*AES-256-CBC/);
    expect(info.stderr).toMatch(/MAC: sha256/);
    const sut = loadPkcs12(p12, 's3cret');
    expect(sut.certificate.equals(env.official.certificate)).toBe(true);
    expect(sut.chain).toHaveLength(1);
    const signed = await signPdf({ pdf: await makePdf(), signer: createLocalKeySigner(sut) });
    expect(pdfsig(env, signed.pdf)[0]).toMatchObject({ valid: true, trusted: true });
  });

  it('reads the legacy kind (openssl -legacy: 3DES key, RC2-40 certificates)', async () => {
    const p12 = exportP12('legacy.p12', ['-legacy']);
    const info = run('openssl', [
      'pkcs12',
      '-info',
      '-legacy',
      '-in',
      path.join(env.dir, 'legacy.p12'),
      '-passin',
      'pass:s3cret',
      '-noout',
    ]);
    expect(info.stderr).toMatch(/pbeWithSHA1And40BitRC2-CBC/);
    const sut = loadPkcs12(p12, 's3cret');
    expect(sut.certificate.equals(env.official.certificate)).toBe(true);
    const signed = await signPdf({ pdf: await makePdf(), signer: createLocalKeySigner(sut) });
    const [report] = (await verifyPdf(signed.pdf, { trust: [env.caPem] })).signatures;
    expect(report).toMatchObject({ integrityValid: true, signatureValid: true, chainTrusted: true });
  });

  it('reads the files createDevPki writes', () => {
    const sut = loadPkcs12(readFileSync(env.pki.files[1].p12Path), env.pki.password);
    expect(sut.chain[0].equals(Buffer.from(env.caPem.toString().replace(/-----[^-]+-----|\s/g, ''), 'base64'))).toBe(true);
  });

  it.each([
    ['a wrong password', () => exportP12('wrong.p12', []), 'nope'],
    ['corrupt bytes', () => Buffer.from('not a pkcs12 file'), 's3cret'],
  ])('rejects %s with a clear error', (_name, make, password) => {
    const err = (() => {
      try {
        loadPkcs12(make(), password);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(isAppError(err) && err.code).toBe('UNPROCESSABLE');
    expect((err as Error).message).toBe('wrong password or corrupt PKCS#12');
  });

  it('signs with an ECDSA P-256 key issued by the dev CA', async () => {
    const key = path.join(env.dir, 'ec.key');
    const csr = path.join(env.dir, 'ec.csr');
    const crt = path.join(env.dir, 'ec.crt');
    const ext = path.join(env.dir, 'ec.ext');
    execFileSync('openssl', ['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', key]);
    execFileSync('openssl', ['req', '-new', '-key', key, '-subj', '/C=VN/CN=EC Signer', '-out', csr]);
    execFileSync('bash', [
      '-c',
      `printf 'keyUsage=critical,digitalSignature,nonRepudiation\\nextendedKeyUsage=emailProtection\\n' > ${ext}`,
    ]);
    execFileSync('openssl', [
      'x509',
      '-req',
      '-in',
      csr,
      '-CA',
      env.pki.caCertPath,
      '-CAkey',
      path.join(env.dir, 'pki', 'ca.key.pem'),
      '-CAcreateserial',
      '-days',
      '30',
      '-extfile',
      ext,
      '-out',
      crt,
    ]);
    const p12 = path.join(env.dir, 'ec.p12');
    execFileSync('openssl', [
      'pkcs12',
      '-export',
      '-inkey',
      key,
      '-in',
      crt,
      '-certfile',
      env.pki.caCertPath,
      '-passout',
      'pass:ec',
      '-out',
      p12,
    ]);
    const sut = loadPkcs12(readFileSync(p12), 'ec');
    expect(sut.privateKey.asymmetricKeyType).toBe('ec');
    const signed = await signPdf({ pdf: await makePdf(), signer: createLocalKeySigner(sut) });
    expect(pdfsig(env, signed.pdf)[0]).toMatchObject({ valid: true, trusted: true });
    const [report] = (await verifyPdf(signed.pdf, { trust: [env.caPem] })).signatures;
    expect(report).toMatchObject({
      integrityValid: true,
      signatureValid: true,
      certificateHashValid: true,
      chainTrusted: true,
      signer: 'EC Signer',
    });
  });
});
