import type { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';

import { contextLogger, type Logger } from '../../lib/logger.js';
import { parseTrustAnchors } from './pdf/certificate-chain.js';

export type TrustList = {
  /** The CA certificates (PEM bundle bytes) verifyPdf checks chains against; empty trusts nothing. */
  anchors(): Buffer[];
  /** The same CA certificates, parsed (chain checks of certificates and signing sessions). */
  certificates(): X509Certificate[];
  /** Read the file again (e.g. after the demo seed created the development CA). */
  reload(): void;
};

export type TrustListOptions = { path: string; logger: Pick<Logger, 'warn' | 'info'> };

/**
 * The configured trust list (SIGNING_TRUST_LIST), read on first use and kept. A file that cannot be
 * read or holds no certificate is logged as a warning and trusts nothing (every chainTrusted is
 * false): verification still reports integrity, so a missing list must not stop the service.
 */
export function createTrustList({ path, logger }: TrustListOptions): TrustList {
  let cached: { bytes: Buffer[]; certificates: X509Certificate[] } | undefined;

  function load(): { bytes: Buffer[]; certificates: X509Certificate[] } {
    try {
      const bytes = readFileSync(path);
      const certificates = parseTrustAnchors([bytes]);
      if (certificates.length === 0) throw new Error('no certificate in the file');
      contextLogger(logger).info({ path, count: certificates.length }, 'signing trust list loaded');
      return { bytes: [bytes], certificates };
    } catch (err) {
      contextLogger(logger).warn(
        { path, err: err instanceof Error ? err.message : String(err) },
        'signing trust list unreadable: no CA is trusted',
      );
      return { bytes: [], certificates: [] };
    }
  }

  return {
    anchors() {
      cached ??= load();
      return cached.bytes;
    },
    certificates() {
      cached ??= load();
      return cached.certificates;
    },
    reload() {
      cached = load();
    },
  };
}
