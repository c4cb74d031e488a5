import { X509Certificate } from 'node:crypto';

/** Split PEM bundles and DER blobs into X509Certificate objects. */
export function parseTrustAnchors(inputs: Buffer[]): X509Certificate[] {
  const out: X509Certificate[] = [];
  for (const input of inputs) {
    const text = input.toString('latin1');
    if (text.includes('-----BEGIN CERTIFICATE-----')) {
      for (const m of text.matchAll(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g)) out.push(new X509Certificate(m[0]));
    } else {
      out.push(new X509Certificate(input));
    }
  }
  return out;
}

/** The subject's CN, if any. */
export function commonName(cert: X509Certificate): string | null {
  const line = cert.subject.split('\n').find((l) => l.startsWith('CN='));
  return line ? line.slice(3) : null;
}

/**
 * Path building: intermediates from the CMS (or the chain a device sent), anchors from the caller;
 * signatures checked at each step. External signing sessions check their certificate with it too.
 */
export function chainTrusted(leaf: X509Certificate, pool: X509Certificate[], anchors: X509Certificate[]): boolean {
  let current = leaf;
  const used = new Set<string>();
  for (let depth = 0; depth < 10; depth++) {
    if (anchors.some((a) => a.fingerprint256 === current.fingerprint256)) return true;
    if (anchors.some((a) => current.checkIssued(a) && current.verify(a.publicKey))) return true;
    const next = pool.find(
      (c) =>
        !used.has(c.fingerprint256) && c.fingerprint256 !== current.fingerprint256 && current.checkIssued(c) && current.verify(c.publicKey),
    );
    if (!next) return false;
    used.add(next.fingerprint256);
    current = next;
  }
  return false;
}
