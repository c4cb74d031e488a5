import { createHash, generateKeyPairSync, sign, verify, X509Certificate } from 'node:crypto';

import forge from 'node-forge';
import { describe, expect, it } from 'vitest';

import {
  buildCms,
  buildSignedAttributes,
  certificateParts,
  derSortedSet,
  essCertHash,
  fromDer,
  octetAttribute,
  OID,
  parseSignedData,
  toDer,
} from '../../../src/modules/signing/pdf/cms.js';

/** A self-signed RSA certificate made in memory (no I/O). */
function selfSigned(): { der: Buffer; key: ReturnType<typeof generateKeyPairSync>['privateKey'] } {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const fk = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()) as forge.pki.rsa.PrivateKey;
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(fk.n, fk.e);
  cert.serialNumber = '0a1b';
  cert.validity.notBefore = new Date(Date.now() - 1000);
  cert.validity.notAfter = new Date(Date.now() + 86400_000);
  cert.setSubject([{ shortName: 'CN', value: 'Unit' }]);
  cert.setIssuer([{ shortName: 'CN', value: 'Unit' }]);
  cert.sign(fk, forge.md.sha256.create());
  return { der: Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary'), key: privateKey };
}

const octet = (hex: string): forge.asn1.Asn1 =>
  forge.asn1.create(forge.asn1.Class.UNIVERSAL, forge.asn1.Type.OCTETSTRING, false, Buffer.from(hex, 'hex').toString('binary'));

describe('derSortedSet', () => {
  it('orders elements by their DER encodings (X.690 §11.6)', () => {
    const sut = derSortedSet([octet('ff'), octet('0102'), octet('01')]);
    expect(toDer(sut).toString('hex')).toBe('310a' + '040101' + '0401ff' + '04020102');
  });
});

describe('buildSignedAttributes / buildCms / parseSignedData', () => {
  const { der, key } = selfSigned();
  const cert = certificateParts(der);
  const messageDigest = createHash('sha256').update('content').digest();
  const signedAttributes = buildSignedAttributes({ messageDigest, certificate: cert });

  it('holds content-type, message-digest and ESS signing-certificate-v2, and no signing-time', () => {
    const attrs = (fromDer(signedAttributes).value as forge.asn1.Asn1[]).map((a) =>
      forge.asn1.derToOid((a.value as forge.asn1.Asn1[])[0].value as string),
    );
    expect(signedAttributes[0]).toBe(0x31);
    expect(attrs.sort()).toEqual([OID.contentType, OID.messageDigest, OID.signingCertificateV2].sort());
    expect(attrs).not.toContain(OID.signingTime);
  });

  it('round-trips: the parsed SignerInfo verifies and names the certificate', () => {
    const signature = sign('sha256', signedAttributes, key);
    const cms = buildCms({ signedAttributes, signature, certificate: cert, chain: [] });
    const padded = Buffer.concat([cms, Buffer.alloc(100)]); // /Contents is zero-padded
    const sut = parseSignedData(padded);
    expect(sut.signedAttributes?.equals(signedAttributes)).toBe(true);
    expect(sut.digestOid).toBe(OID.sha256);
    expect(sut.certificates[0].equals(der)).toBe(true);
    expect(octetAttribute(sut.attributes.get(OID.messageDigest))?.equals(messageDigest)).toBe(true);
    expect(essCertHash(sut.attributes)).toEqual({ hash: createHash('sha256').update(der).digest(), algorithm: 'sha256' });
    expect(verify('sha256', sut.signedAttributes!, new X509Certificate(der).publicKey, sut.signature)).toBe(true);
  });
});
