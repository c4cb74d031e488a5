import { X509Certificate } from 'node:crypto';

import { AppError } from '../../lib/errors.js';
import { chainTrusted } from './pdf/certificate-chain.js';
import type { TrustList } from './trust-list.js';

/**
 * What a stored certificate is worth today, as a list shows it:
 * - `trusted`: it chains to the trust list (SIGNING_TRUST_LIST) and is within its validity period;
 * - `not_trusted`: no path from it to a CA of the trust list (self-signed, another CA, a missing
 *   intermediate), whatever its dates;
 * - `expired` / `not_yet_valid`: it chains, but today is outside its validity period.
 * Revocation is not known: the system fetches no CRL or OCSP answer (SIGNING.md §7), and says so.
 */
export type CertificateTrustStatus = 'trusted' | 'not_trusted' | 'expired' | 'not_yet_valid';

export type CertificateTrust = {
  status: CertificateTrustStatus;
  /** Whether a path leads from the certificate (through its stored chain) to a CA of the trust list. */
  chainTrusted: boolean;
  /** Whether the certificate was revoked is not checked: no CRL or OCSP source is configured. */
  revocation: 'not_checked';
  /** Why it is not trusted, in words (empty when trusted). */
  problems: string[];
};

/** The certificate and the issuers stored with it (what a PKCS#12 upload keeps). */
export type StoredCertificate = { certificateDer: Buffer; chainDer: Buffer[] };

/** The trust of a certificate against `anchors` at `now` (pure). */
export function evaluateCertificate(cert: StoredCertificate, anchors: readonly X509Certificate[], now: Date): CertificateTrust {
  const leaf = new X509Certificate(cert.certificateDer);
  const pool = cert.chainDer.map((der) => new X509Certificate(der));
  const chains = chainTrusted(leaf, pool, [...anchors]);
  const notBefore = new Date(leaf.validFrom);
  const notAfter = new Date(leaf.validTo);

  const problems: string[] = [];
  if (!chains) {
    problems.push(
      leaf.checkIssued(leaf)
        ? 'the certificate is self-signed and not in the trust list'
        : `the certificate does not chain to a certification authority of the trust list (issuer: ${leaf.issuer.replace(/\n/g, ', ')})`,
    );
  }
  if (now > notAfter) problems.push(`the certificate expired on ${notAfter.toISOString()}`);
  if (now < notBefore) problems.push(`the certificate is valid only from ${notBefore.toISOString()}`);

  // A certificate nobody vouches for is "not trusted" first: its dates are the holder's own claim.
  const status: CertificateTrustStatus = !chains
    ? 'not_trusted'
    : now > notAfter
      ? 'expired'
      : now < notBefore
        ? 'not_yet_valid'
        : 'trusted';
  return { status, chainTrusted: chains, revocation: 'not_checked', problems };
}

export type CertificateTrustPolicyOptions = {
  trustList: Pick<TrustList, 'certificates'>;
  /** SIGNING_ALLOW_UNTRUSTED_CERTIFICATES: an administrator's explicit choice to sign with certificates that do not chain. */
  allowUntrusted: boolean;
};

/**
 * The rule for signing with a stored key (a person's signature or an agency seal): the certificate
 * must chain to the trust list, unless the deployment's administrator allowed untrusted ones
 * (SIGNING_ALLOW_UNTRUSTED_CERTIFICATES). Validity dates are checked where the key is used.
 */
export function createCertificateTrustPolicy({ trustList, allowUntrusted }: CertificateTrustPolicyOptions) {
  const evaluate = (cert: StoredCertificate, now = new Date()): CertificateTrust =>
    evaluateCertificate(cert, trustList.certificates(), now);

  return {
    allowUntrusted,
    evaluate,

    /** Whether a server-side signature may use this certificate under the trust rule. */
    mayUse(cert: StoredCertificate): boolean {
      return allowUntrusted || evaluate(cert).chainTrusted;
    },

    /**
     * @throws AppError CERTIFICATE_NOT_TRUSTED (details.reason CHAIN_NOT_TRUSTED) when the
     *   certificate does not chain and untrusted certificates are not allowed
     */
    assertMayUse(cert: StoredCertificate & { id: string }): void {
      if (allowUntrusted) return;
      const trust = evaluate(cert);
      if (trust.chainTrusted) return;
      throw new AppError('CERTIFICATE_NOT_TRUSTED', {
        message:
          'the certificate does not chain to a trusted certification authority, and this deployment does not sign with untrusted certificates (SIGNING_ALLOW_UNTRUSTED_CERTIFICATES)',
        details: { reason: 'CHAIN_NOT_TRUSTED', certificateId: cert.id, status: trust.status, problems: trust.problems },
      });
    },
  };
}

export type CertificateTrustPolicy = ReturnType<typeof createCertificateTrustPolicy>;
