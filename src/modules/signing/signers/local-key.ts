import { sign as cryptoSign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

import type { Signer } from '../signer.js';

export type LocalKeySignerOptions = {
  privateKey: KeyObject;
  certificate: Buffer;
  chain?: Buffer[];
};

/**
 * A Signer backed by a software key held in memory (e.g. loaded from a PKCS#12 file).
 * node:crypto signs in ~0.3 ms for RSA-2048, so PDF parsing, not cryptography, bounds throughput.
 */
export function createLocalKeySigner({ privateKey, certificate, chain = [] }: LocalKeySignerOptions): Signer {
  return {
    certificate,
    chain,
    // node:crypto picks PKCS#1 v1.5 for RSA and DER ECDSA for EC keys by default, as the CMS declares.
    sign: async (tbs) => cryptoSign('sha256', tbs, privateKey),
  };
}
