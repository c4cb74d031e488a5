import { readFileSync } from 'node:fs';

import type { Logger } from '../../lib/logger.js';
import { parseTrustAnchors } from './pdf/verify-pdf.js';

export type TrustList = {
  /** The CA certificates (PEM bundle bytes) verifyPdf checks chains against; empty trusts nothing. */
  anchors(): Buffer[];
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
  let cached: Buffer[] | undefined;

  function load(): Buffer[] {
    try {
      const bytes = readFileSync(path);
      const count = parseTrustAnchors([bytes]).length;
      if (count === 0) throw new Error('no certificate in the file');
      logger.info({ path, count }, 'signing trust list loaded');
      return [bytes];
    } catch (err) {
      logger.warn({ path, err: err instanceof Error ? err.message : String(err) }, 'signing trust list unreadable: no CA is trusted');
      return [];
    }
  }

  return {
    anchors() {
      cached ??= load();
      return cached;
    },
    reload() {
      cached = load();
    },
  };
}
