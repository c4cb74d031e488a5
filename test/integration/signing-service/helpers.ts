/**
 * Helpers for the signing service tests: a test PKI under the run's dev CA, multipart bodies,
 * documents with a stored PDF, and certificates that are not valid now. Test-only; nothing here
 * runs in src.
 */
import { execFileSync } from 'node:child_process';
import { createHash, generateKeyPairSync, randomBytes, randomUUID, sign as cryptoSign, type KeyObject } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';

import forge from 'node-forge';

import { createDevPki } from '../../../scripts/create-dev-ca.js';
import { loadPkcs12, type LoadedPkcs12 } from '../../../src/modules/signing/pkcs12.js';
import type { TestContext } from '../../helpers/context.js';
import { issuanceApi } from '../issuance/helpers.js';
import { ensureTools, type Env } from '../signing/tools.js';

/**
 * The test PKI (an official's and a seal PKCS#12) issued by the run's dev CA: the CA of
 * `trustList` (the global setup's SIGNING_TRUST_LIST, which also issued the demo certificates
 * every test database holds), plus an NSS database trusting it for pdfsig. The CA certificate
 * and key (`ca.pem`, `ca.key.pem`, as scripts/create-dev-ca.ts names them) are copied into a
 * private temp dir, so this file never writes into the run's shared PKI directory; createDevPki
 * reuses a CA it finds there. The server, the CLI and pdfsig then trust the test's signatures
 * and the demo certificates' alike.
 */
export function setupRunCaEnv(trustList: string): Env {
  ensureTools();
  const dir = mkdtempSync(path.join(tmpdir(), 'vanthu-signing-service-'));
  const pkiDir = path.join(dir, 'pki');
  mkdirSync(pkiDir);
  for (const name of ['ca.pem', 'ca.key.pem']) copyFileSync(path.join(path.dirname(trustList), name), path.join(pkiDir, name));
  const pki = createDevPki({
    outDir: pkiDir,
    subjects: [
      { id: 'official', commonName: 'Nguyễn Văn An', kind: 'person' },
      { id: 'seal', commonName: 'UBND Tỉnh Thử Nghiệm', kind: 'organization' },
    ],
  });
  const caPem = readFileSync(pki.caCertPath);
  if (!caPem.equals(readFileSync(trustList))) throw new Error(`the test PKI in ${pkiDir} is not under the CA of ${trustList}`);
  const nssDir = path.join(dir, 'nss');
  mkdirSync(nssDir);
  execFileSync('certutil', ['-N', '-d', `sql:${nssDir}`, '--empty-password']);
  execFileSync('certutil', ['-A', '-d', `sql:${nssDir}`, '-n', 'vanthu-run-ca', '-t', 'CT,C,C', '-i', trustList]);
  const load = (id: string): LoadedPkcs12 => loadPkcs12(readFileSync(pki.files.find((f) => f.id === id)!.p12Path), pki.password);
  return { dir, pki, official: load('official'), seal: load('seal'), caPem, nssDir };
}

export type MultipartFile = { field: string; filename: string; content: Buffer; contentType?: string };

/** A multipart/form-data body as app.inject takes it. */
export function multipart(fields: Record<string, string>, files: MultipartFile[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----vanthu${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  for (const f of files) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.filename}"\r\nContent-Type: ${f.contentType ?? 'application/octet-stream'}\r\n\r\n`,
      ),
    );
    chunks.push(f.content, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export type DemoIds = Record<
  'provinceLeader' | 'districtLeader' | 'communeLeader' | 'communeClerk' | 'districtClerk' | 'provinceClerk' | 'provinceSpecialist',
  string
> & {
  province: string;
  vinh: string;
  benThuy: string;
};

export async function demoIds(ctx: TestContext): Promise<DemoIds> {
  const rows = await ctx.sql<{ username: string; id: string; organization_id: string }[]>`
    select username, id, organization_id from users
     where username in ('province.leader', 'district.leader', 'commune.leader', 'commune.clerk', 'district.clerk', 'province.clerk', 'province.specialist')`;
  const by = (u: string) => rows.find((r) => r.username === u)!;
  return {
    provinceLeader: by('province.leader').id,
    districtLeader: by('district.leader').id,
    communeLeader: by('commune.leader').id,
    communeClerk: by('commune.clerk').id,
    districtClerk: by('district.clerk').id,
    provinceClerk: by('province.clerk').id,
    provinceSpecialist: by('province.specialist').id,
    province: by('province.leader').organization_id,
    vinh: by('district.leader').organization_id,
    benThuy: by('commune.leader').organization_id,
  };
}

/** An outgoing document of `organizationId` with `pdf` stored as its main file (as the documents module stores one). */
export async function createDocumentWithPdf(
  ctx: TestContext,
  { organizationId, createdBy, pdf }: { organizationId: string; createdBy: string; pdf: Buffer },
): Promise<{ documentId: string; fileId: string }> {
  const documentId = randomUUID();
  const fileId = randomUUID();
  const storageKey = `documents/test/${fileId}`;
  const put = await ctx.container.storage.putBuffer(storageKey, pdf, { contentType: 'application/pdf' });
  await ctx.sql`
    insert into documents (id, direction, owner_organization_id, type_name, subject, search_text, created_by)
    values (${documentId}, 'outgoing', ${organizationId}, 'Quyết định', 'Quyết định thử nghiệm ký số', 'quyet dinh thu nghiem ky so', ${createdBy})`;
  await ctx.sql`
    insert into document_files (id, document_id, name, content_type, size, sha256, storage_key, kind, created_by)
    values (${fileId}, ${documentId}, 'quyet-dinh.pdf', 'application/pdf', ${put.size}, ${put.sha256}, ${storageKey}, 'main', ${createdBy})`;
  return { documentId, fileId };
}

export async function readObject(ctx: TestContext, fileId: string): Promise<Buffer> {
  const [row] = await ctx.sql<{ storage_key: string }[]>`select storage_key from document_files where id = ${fileId}`;
  const stream: Readable = await ctx.container.storage.getStream(row.storage_key);
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** A PKCS#12 (PBES2/AES) whose certificate, issued by the dev CA in `pkiDir`, expired yesterday. */
export function expiredP12(pkiDir: string, password: string): Buffer {
  const caCert = forge.pki.certificateFromPem(readFileSync(path.join(pkiDir, 'ca.pem'), 'utf8'));
  const caKey = forge.pki.privateKeyFromPem(readFileSync(path.join(pkiDir, 'ca.key.pem'), 'utf8'));
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()) as forge.pki.rsa.PrivateKey;
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  cert.serialNumber = `01${randomBytes(8).toString('hex')}`;
  cert.validity.notBefore = new Date(Date.now() - 30 * 86400_000);
  cert.validity.notAfter = new Date(Date.now() - 86400_000);
  cert.setSubject([{ shortName: 'CN', value: 'Expired Signer' }]);
  cert.setIssuer(caCert.subject.attributes);
  cert.sign(caKey, forge.md.sha256.create());
  const p12 = forge.pkcs12.toPkcs12Asn1(key, [cert, caCert], password, { algorithm: 'aes256' });
  return Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary');
}

export const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

/** What a USB token holds: a certificate (DER) with its issuers, and the key that never leaves the device. */
export type DeviceKey = { certificate: Buffer; chain: Buffer[]; privateKey: KeyObject };

/**
 * A certificate for an external device: issued by the CA in `pkiDir` (the run's trusted CA), or
 * self-signed when `pkiDir` is null (a forger's certificate named as anyone). `email` goes in the
 * subject's emailAddress.
 */
export function deviceKey(
  pkiDir: string | null,
  { commonName, email, notBefore, notAfter }: { commonName: string; email?: string; notBefore?: Date; notAfter?: Date },
): DeviceKey {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()) as forge.pki.rsa.PrivateKey;
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  cert.serialNumber = `01${randomBytes(8).toString('hex')}`;
  cert.validity.notBefore = notBefore ?? new Date(Date.now() - 86400_000);
  cert.validity.notAfter = notAfter ?? new Date(Date.now() + 365 * 86400_000);
  const utf8 = (shortName: string, value: string) =>
    ({ shortName, value, valueTagClass: forge.asn1.Type.UTF8 }) as unknown as forge.pki.CertificateField;
  const subject = [utf8('CN', commonName), utf8('O', 'UBND tỉnh Nghệ An')];
  if (email)
    subject.push({ name: 'emailAddress', value: email, valueTagClass: forge.asn1.Type.IA5STRING } as unknown as forge.pki.CertificateField);
  cert.setSubject(subject);
  const der = (c: forge.pki.Certificate) => Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(c)).getBytes(), 'binary');
  if (pkiDir === null) {
    cert.setIssuer(cert.subject.attributes);
    cert.sign(key, forge.md.sha256.create());
    return { certificate: der(cert), chain: [], privateKey };
  }
  const caCert = forge.pki.certificateFromPem(readFileSync(path.join(pkiDir, 'ca.pem'), 'utf8'));
  const caKey = forge.pki.privateKeyFromPem(readFileSync(path.join(pkiDir, 'ca.key.pem'), 'utf8'));
  cert.setIssuer(caCert.subject.attributes);
  cert.sign(caKey, forge.md.sha256.create());
  return { certificate: der(cert), chain: [der(caCert)], privateKey };
}

/** The body of POST .../signing-sessions for a device key. */
export const sessionBody = (
  key: Pick<DeviceKey, 'certificate' | 'chain'>,
  kind: 'signer' | 'seal',
  extra: Record<string, unknown> = {},
) => ({
  certificate: key.certificate.toString('base64'),
  chain: key.chain.map((c) => c.toString('base64')),
  kind,
  ...extra,
});

/** The device's signature over what a session answered (SHA-256 of the signed attributes, RSA PKCS#1 v1.5). */
export const deviceSignature = (session: { signedAttributes: string }, privateKey: KeyObject): string =>
  cryptoSign('sha256', Buffer.from(session.signedAttributes, 'base64'), privateKey).toString('base64');

export type SessionAnswer = { sessionId: string; digest: string; signedAttributes: string; fieldName: string; expiresAt: string };

/**
 * The province's outgoing path through the real API for signing tests: a template (clerk checks,
 * province.leader signs) created once, approved drafts, signed and issued documents.
 */
export async function provinceSigningFlow(ctx: TestContext) {
  const api = issuanceApi(ctx);
  const province = await api.approvals.provinceId();
  const leader = await api.approvals.userId('province.leader');
  const clerk = await api.approvals.userId('province.clerk');
  const actors = { 'Kiểm tra thể thức': 'province.clerk', 'Lãnh đạo ký': 'province.leader' };
  await api.approvals.createTemplate('province.leader', {
    organizationId: province,
    name: 'Kiểm tra và ký ban hành',
    steps: [
      { order: 1, name: 'Kiểm tra thể thức', approvers: [{ userId: clerk }], quorum: 'any', dueInWorkingDays: 1 },
      { order: 2, name: 'Lãnh đạo ký', approvers: [{ userId: leader }], quorum: 'any', dueInWorkingDays: 2, isSigningStep: true },
    ],
  });

  async function approvedDraft(subject: string): Promise<{ documentId: string; mainFileId: string }> {
    const draft = await api.createDraft('Quyết định', subject);
    const approved = await api.approve(draft.id, actors);
    return { documentId: draft.id, mainFileId: approved.versions[0].mainFile.id };
  }

  return {
    api,
    province,
    leader,
    clerk,
    approvedDraft,

    /** Signed by province.leader with their newest usable certificate (server side), not issued. */
    async signedDocument(subject: string): Promise<{ documentId: string; mainFileId: string; signedFileId: string }> {
      const draft = await approvedDraft(subject);
      const signed = await ctx.container.services.issuance.signNow(await api.principal('province.leader'), draft.documentId, {});
      return { ...draft, signedFileId: signed.fileId };
    },

    /** What another user of the province can see: GET /documents/:id answers 200. */
    async sees(as: string, documentId: string): Promise<boolean> {
      return (await ctx.request({ method: 'GET', url: `/api/v1/documents/${documentId}`, as })).statusCode === 200;
    },
  };
}

/** A device key as a PKCS#12 file (what POST /certificates takes), e.g. to register a forged certificate as a stored one. */
export function toPkcs12(key: DeviceKey, password: string): Buffer {
  const forgeKey = forge.pki.privateKeyFromPem(key.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString());
  const certs = [key.certificate, ...key.chain].map((der) => forge.pki.certificateFromAsn1(forge.asn1.fromDer(der.toString('binary'))));
  const p12 = forge.pkcs12.toPkcs12Asn1(forgeKey, certs, password, { algorithm: 'aes256' });
  return Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary');
}
