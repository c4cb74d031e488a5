/**
 * Development PKI: a root CA and PKCS#12 files for people (official signatures) and organisations
 * (agency seals). Never for production: real keys come from a CA's token or remote signing service.
 *
 *   npx tsx scripts/create-dev-ca.ts [outDir]   # default ./data/pki, demo subjects
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import forge from 'node-forge';

export type DevPkiSubject = { id: string; commonName: string; kind: 'person' | 'organization'; organization?: string };

export type CreateDevPkiOptions = {
  outDir: string;
  subjects: DevPkiSubject[];
  /** Password of every PKCS#12 file. */
  password?: string;
  organization?: string;
};

export type DevPki = {
  caCertPath: string;
  caCertPem: string;
  password: string;
  files: { id: string; p12Path: string; commonName: string; kind: DevPkiSubject['kind'] }[];
};

export const DEV_PKI_PASSWORD = 'vanthu-dev';

function rsaKeyPair(): forge.pki.rsa.KeyPair {
  // node:crypto generates RSA keys in milliseconds; forge's pure-JS keygen takes seconds.
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()) as forge.pki.rsa.PrivateKey;
  return { privateKey: key, publicKey: forge.pki.setRsaPublicKey(key.n, key.e) };
}

const serial = (): string => `01${randomBytes(15).toString('hex')}`; // positive, unique, 16 bytes

function nameAttrs(commonName: string, organization: string): forge.pki.CertificateField[] {
  return [
    { shortName: 'C', value: 'VN' },
    { shortName: 'O', value: organization, valueTagClass: forge.asn1.Type.UTF8 } as unknown as forge.pki.CertificateField,
    { shortName: 'CN', value: commonName, valueTagClass: forge.asn1.Type.UTF8 } as unknown as forge.pki.CertificateField,
  ];
}

function loadOrCreateCa(outDir: string, organization: string): { cert: forge.pki.Certificate; key: forge.pki.rsa.PrivateKey; pem: string } {
  const certPath = path.join(outDir, 'ca.pem');
  const keyPath = path.join(outDir, 'ca.key.pem');
  if (existsSync(certPath) && existsSync(keyPath)) {
    const pem = readFileSync(certPath, 'utf8');
    return {
      cert: forge.pki.certificateFromPem(pem),
      key: forge.pki.privateKeyFromPem(readFileSync(keyPath, 'utf8')) as forge.pki.rsa.PrivateKey,
      pem,
    };
  }
  const keys = rsaKeyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = serial();
  cert.validity.notBefore = new Date(Date.now() - 3600_000);
  cert.validity.notAfter = new Date(Date.now() + 10 * 365 * 86400_000);
  const attrs = nameAttrs(`${organization} Development Root CA`, organization);
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  const pem = forge.pki.certificateToPem(cert);
  writeFileSync(certPath, pem);
  writeFileSync(keyPath, forge.pki.privateKeyToPem(keys.privateKey), { mode: 0o600 });
  return { cert, key: keys.privateKey, pem };
}

/**
 * Create (or reuse) the development CA in `outDir` and issue one PKCS#12 file per subject
 * (`<id>.p12`, PBES2/AES-256 as OpenSSL 3 writes by default), each holding the key, the
 * certificate and the CA certificate.
 */
export function createDevPki({ outDir, subjects, password = DEV_PKI_PASSWORD, organization = 'Vanthu Dev' }: CreateDevPkiOptions): DevPki {
  mkdirSync(outDir, { recursive: true });
  const ca = loadOrCreateCa(outDir, organization);
  const caSki = ca.cert.generateSubjectKeyIdentifier().getBytes();
  const files: DevPki['files'] = [];
  for (const subject of subjects) {
    const keys = rsaKeyPair();
    const cert = forge.pki.createCertificate();
    cert.publicKey = keys.publicKey;
    cert.serialNumber = serial();
    cert.validity.notBefore = new Date(Date.now() - 3600_000);
    cert.validity.notAfter = new Date(Date.now() + 3 * 365 * 86400_000);
    cert.setSubject(nameAttrs(subject.commonName, subject.organization ?? organization));
    cert.setIssuer(ca.cert.subject.attributes);
    cert.setExtensions([
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
      { name: 'extKeyUsage', emailProtection: true },
      { name: 'subjectKeyIdentifier' },
      // Must be the CA's SKI: forge's `keyIdentifier: true` would use the subject's own key and
      // break chain building (SIGNING.md §4.2).
      { name: 'authorityKeyIdentifier', keyIdentifier: caSki },
    ]);
    cert.sign(ca.key, forge.md.sha256.create());
    const p12 = forge.pkcs12.toPkcs12Asn1(keys.privateKey, [cert, ca.cert], password, {
      algorithm: 'aes256',
      friendlyName: subject.id,
      generateLocalKeyId: true,
    });
    const p12Path = path.join(outDir, `${subject.id}.p12`);
    writeFileSync(p12Path, Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary'), { mode: 0o600 });
    files.push({ id: subject.id, p12Path, commonName: subject.commonName, kind: subject.kind });
  }
  return { caCertPath: path.join(outDir, 'ca.pem'), caCertPem: ca.pem, password, files };
}

const DEMO_SUBJECTS: DevPkiSubject[] = [
  { id: 'official', commonName: 'Nguyễn Văn An', kind: 'person' },
  { id: 'seal', commonName: 'Văn phòng UBND tỉnh (Dev)', kind: 'organization' },
];

async function main(): Promise<void> {
  const outDir = process.argv[2] ?? path.resolve('data/pki');
  const pki = createDevPki({ outDir, subjects: DEMO_SUBJECTS });
  process.stdout.write(`CA: ${pki.caCertPath}\n`);
  for (const f of pki.files) process.stdout.write(`${f.kind}: ${f.p12Path} (password ${pki.password})\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
}
