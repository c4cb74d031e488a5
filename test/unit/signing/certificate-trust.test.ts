import { generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto';

import forge from 'node-forge';
import { describe, expect, it } from 'vitest';

import { isAppError } from '../../../src/lib/errors.js';
import { createCertificateTrustPolicy, evaluateCertificate } from '../../../src/modules/signing/certificate-trust.js';

const DAY = 86_400_000;

type Made = { der: Buffer; cert: forge.pki.Certificate; key: forge.pki.rsa.PrivateKey };

function rsaKey(): forge.pki.rsa.PrivateKey {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()) as forge.pki.rsa.PrivateKey;
}

/** A certificate valid from `from` to `to`, issued by `issuer` (self-signed without one). ASCII names: forge writes PrintableString. */
function certificate(commonName: string, { from, to, issuer, ca = false }: { from: Date; to: Date; issuer?: Made; ca?: boolean }): Made {
  const key = rsaKey();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  cert.serialNumber = `01${randomBytes(8).toString('hex')}`;
  cert.validity.notBefore = from;
  cert.validity.notAfter = to;
  cert.setSubject([{ shortName: 'CN', value: commonName }]);
  cert.setIssuer((issuer?.cert ?? cert).subject.attributes);
  if (ca) cert.setExtensions([{ name: 'basicConstraints', cA: true }]);
  cert.sign(issuer?.key ?? key, forge.md.sha256.create());
  return { der: Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary'), cert, key };
}

const now = new Date();
const ca = certificate('Test CA', { from: new Date(now.getTime() - 10 * DAY), to: new Date(now.getTime() + 3650 * DAY), ca: true });
const otherCa = certificate('Other CA', { from: new Date(now.getTime() - 10 * DAY), to: new Date(now.getTime() + 3650 * DAY), ca: true });
const anchors = [new X509Certificate(ca.der)];
const valid = { from: new Date(now.getTime() - DAY), to: new Date(now.getTime() + 365 * DAY) };

describe('evaluateCertificate', () => {
  it('calls a certificate issued by a CA of the trust list and valid today trusted, and says revocation is not checked', () => {
    const leaf = certificate('Le Hong Vinh', { ...valid, issuer: ca });
    expect(evaluateCertificate({ certificateDer: leaf.der, chainDer: [ca.der] }, anchors, now)).toEqual({
      status: 'trusted',
      chainTrusted: true,
      revocation: 'not_checked',
      problems: [],
    });
    // The CA need not travel with the certificate: the trust list holds it.
    expect(evaluateCertificate({ certificateDer: leaf.der, chainDer: [] }, anchors, now).status).toBe('trusted');
  });

  it('calls a self-signed certificate and one from another CA not trusted, saying why', () => {
    const forged = certificate('CHU TICH UBND TINH', valid);
    const selfSigned = evaluateCertificate({ certificateDer: forged.der, chainDer: [] }, anchors, now);
    expect(selfSigned).toMatchObject({ status: 'not_trusted', chainTrusted: false });
    expect(selfSigned.problems).toEqual(['the certificate is self-signed and not in the trust list']);

    const foreign = certificate('Nguyen Van An', { ...valid, issuer: otherCa });
    const judged = evaluateCertificate({ certificateDer: foreign.der, chainDer: [otherCa.der] }, anchors, now);
    expect(judged).toMatchObject({ status: 'not_trusted', chainTrusted: false });
    expect(judged.problems[0]).toMatch(/does not chain .*Other CA/);
  });

  it('calls a trusted certificate outside its validity period expired or not yet valid; an untrusted one stays not trusted', () => {
    const leaf = certificate('Le Hong Vinh', { from: new Date(now.getTime() - 30 * DAY), to: new Date(now.getTime() - DAY), issuer: ca });
    const expired = evaluateCertificate({ certificateDer: leaf.der, chainDer: [ca.der] }, anchors, now);
    expect(expired).toMatchObject({ status: 'expired', chainTrusted: true });
    expect(expired.problems[0]).toMatch(/expired on/);

    const early = certificate('Le Hong Vinh', { from: new Date(now.getTime() + DAY), to: new Date(now.getTime() + 30 * DAY), issuer: ca });
    expect(evaluateCertificate({ certificateDer: early.der, chainDer: [ca.der] }, anchors, now).status).toBe('not_yet_valid');

    const forgedExpired = certificate('CHU TICH UBND TINH', {
      from: new Date(now.getTime() - 30 * DAY),
      to: new Date(now.getTime() - DAY),
    });
    const judged = evaluateCertificate({ certificateDer: forgedExpired.der, chainDer: [] }, anchors, now);
    expect(judged.status).toBe('not_trusted');
    expect(judged.problems).toHaveLength(2);
  });

  it('trusts nothing with an empty trust list', () => {
    const leaf = certificate('Le Hong Vinh', { ...valid, issuer: ca });
    expect(evaluateCertificate({ certificateDer: leaf.der, chainDer: [ca.der] }, [], now).status).toBe('not_trusted');
  });
});

describe('createCertificateTrustPolicy', () => {
  const trusted = certificate('Le Hong Vinh', { ...valid, issuer: ca });
  const forged = certificate('CHU TICH UBND TINH', valid);
  const stored = (m: Made) => ({ id: '00000000-0000-4000-8000-000000000001', certificateDer: m.der, chainDer: [] });

  it('refuses a certificate that does not chain with CERTIFICATE_NOT_TRUSTED (CHAIN_NOT_TRUSTED) by default', () => {
    const sut = createCertificateTrustPolicy({ trustList: { certificates: () => anchors }, allowUntrusted: false });
    expect(sut.mayUse(stored(trusted))).toBe(true);
    expect(() => sut.assertMayUse(stored(trusted))).not.toThrow();
    expect(sut.mayUse(stored(forged))).toBe(false);
    let thrown: unknown;
    try {
      sut.assertMayUse(stored(forged));
    } catch (e) {
      thrown = e;
    }
    expect(isAppError(thrown) && thrown.code).toBe('CERTIFICATE_NOT_TRUSTED');
    expect(isAppError(thrown) && thrown.details).toMatchObject({
      reason: 'CHAIN_NOT_TRUSTED',
      status: 'not_trusted',
      certificateId: stored(forged).id,
    });
  });

  it('lets an administrator allow untrusted certificates (SIGNING_ALLOW_UNTRUSTED_CERTIFICATES), still judging them not trusted', () => {
    const sut = createCertificateTrustPolicy({ trustList: { certificates: () => anchors }, allowUntrusted: true });
    expect(sut.mayUse(stored(forged))).toBe(true);
    expect(() => sut.assertMayUse(stored(forged))).not.toThrow();
    expect(sut.evaluate(stored(forged)).status).toBe('not_trusted');
  });
});
