import { createPrivateKey, X509Certificate } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import forge from 'node-forge';

import { AppError } from '../../lib/errors.js';
import { fromDerWithOptions } from './pdf/cms.js';

export type LoadedPkcs12 = {
  privateKey: KeyObject;
  /** The certificate matching the private key, DER as stored in the file. */
  certificate: Buffer;
  /** The other certificates of the file, ordered from the leaf's issuer upwards where possible. */
  chain: Buffer[];
};

const corrupt = (cause?: unknown): AppError =>
  new AppError('UNPROCESSABLE', { message: 'wrong password or corrupt PKCS#12', details: { reason: 'PKCS12_UNREADABLE' }, cause });

/**
 * Read a PKCS#12 file: the OpenSSL 3 default kind (PBES2/AES-256-CBC, SHA-256 MAC) and the legacy
 * kind (3DES / RC2-40 with a SHA-1 MAC) both go through node-forge, which implements PBES2.
 * @throws AppError UNPROCESSABLE 'wrong password or corrupt PKCS#12' when the MAC or decryption
 *   fails, or when no key with a matching certificate is inside.
 */
export function loadPkcs12(p12: Buffer, password: string): LoadedPkcs12 {
  let parsed: forge.pkcs12.Pkcs12Pfx;
  try {
    const asn = fromDerWithOptions(p12.toString('binary'), { parseAllBytes: false, decodeBitStrings: false });
    parsed = forge.pkcs12.pkcs12FromAsn1(asn, false, password);
  } catch (cause) {
    throw corrupt(cause);
  }

  const keys: KeyObject[] = [];
  const certs: Buffer[] = [];
  for (const safe of parsed.safeContents) {
    for (const bag of safe.safeBags) {
      const raw = bag as forge.pkcs12.Bag & { asn1?: forge.asn1.Asn1 };
      if (bag.type === forge.pki.oids.certBag) {
        const certAsn1 = raw.cert ? forge.pki.certificateToAsn1(raw.cert) : raw.asn1;
        if (certAsn1) certs.push(Buffer.from(forge.asn1.toDer(certAsn1).getBytes(), 'binary'));
      } else if (bag.type === forge.pki.oids.pkcs8ShroudedKeyBag || bag.type === forge.pki.oids.keyBag) {
        // forge only models RSA keys; other key types stay as PrivateKeyInfo ASN.1 on the bag.
        const info = raw.key ? forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(raw.key)) : raw.asn1;
        if (!info) continue;
        try {
          keys.push(createPrivateKey({ key: Buffer.from(forge.asn1.toDer(info).getBytes(), 'binary'), format: 'der', type: 'pkcs8' }));
        } catch (cause) {
          throw corrupt(cause);
        }
      }
    }
  }

  const x509 = certs.map((der) => ({ der, cert: new X509Certificate(der) }));
  for (const privateKey of keys) {
    const leaf = x509.find((c) => c.cert.checkPrivateKey(privateKey));
    if (!leaf) continue;
    return {
      privateKey,
      certificate: leaf.der,
      chain: orderChain(
        leaf.cert,
        x509.filter((c) => c !== leaf),
      ),
    };
  }
  throw corrupt();
}

/** Order issuer certificates leaf-upwards; certificates that are not part of the path go last. */
function orderChain(leaf: X509Certificate, others: { der: Buffer; cert: X509Certificate }[]): Buffer[] {
  const ordered: Buffer[] = [];
  const rest = [...others];
  let current = leaf;
  for (;;) {
    const i = rest.findIndex((c) => current.checkIssued(c.cert) && c.cert.fingerprint256 !== current.fingerprint256);
    if (i < 0) break;
    const [next] = rest.splice(i, 1);
    ordered.push(next.der);
    current = next.cert;
  }
  return [...ordered, ...rest.map((c) => c.der)];
}
