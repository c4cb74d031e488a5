/**
 * RFC 3161 time-stamp client for PAdES B-T: the token covers SHA-256 of the SignerInfo signature
 * value and goes into the unsigned attribute id-aa-signatureTimeStampToken.
 */
import { createHash, randomBytes } from 'node:crypto';

import { AppError } from '../../../lib/errors.js';
import { der, fromDer, OID, parseTimeStampToken, toDer } from './cms.js';

export type RequestTimeStampOptions = {
  url: string;
  /** The bytes to time-stamp (hashed here with SHA-256). */
  data: Buffer;
  timeoutMs?: number;
};

const tsaError = (message: string, cause?: unknown): AppError =>
  new AppError('SERVICE_UNAVAILABLE', { message: `time-stamp authority: ${message}`, details: { reason: 'TSA_FAILED' }, cause });

/** DER TimeStampReq { v1, messageImprint(sha256), nonce, certReq TRUE }. */
export function buildTimeStampRequest(imprint: Buffer, nonce: Buffer): Buffer {
  const { node, seq, oid, nul, octets, int, UNIVERSAL, T } = der;
  return toDer(
    seq([
      int(1),
      seq([seq([oid(OID.sha256), nul()]), octets(imprint)]),
      node(UNIVERSAL, T.INTEGER, false, nonce.toString('binary')),
      node(UNIVERSAL, T.BOOLEAN, false, '\xff'),
    ]),
  );
}

/**
 * Ask a TSA for a TimeStampToken over SHA-256(data); checks status, imprint and nonce.
 * @throws AppError SERVICE_UNAVAILABLE when the TSA is unreachable, refuses or answers wrongly.
 */
export async function requestTimeStamp({ url, data, timeoutMs = 10_000 }: RequestTimeStampOptions): Promise<Buffer> {
  const imprint = createHash('sha256').update(data).digest();
  const nonce = randomBytes(8);
  nonce[0] &= 0x7f; // keep the INTEGER positive
  nonce[0] |= 0x01; // and its first byte non-zero, so it is minimally encoded
  let body: Buffer;
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/timestamp-query' },
      body: new Uint8Array(buildTimeStampRequest(imprint, nonce)),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    body = Buffer.from(await res.arrayBuffer());
  } catch (cause) {
    throw tsaError(`request failed (${cause instanceof Error ? cause.message : String(cause)})`, cause);
  }

  try {
    const resp = fromDer(body, true).value as ReturnType<typeof fromDer>[];
    const status = (resp[0].value as ReturnType<typeof fromDer>[])[0];
    const code = Buffer.from(status.value as string, 'binary').readUIntBE(0, (status.value as string).length);
    if (code !== 0 && code !== 1) throw new Error(`status ${code}`);
    if (!resp[1]) throw new Error('no token in the response');
    const token = toDer(resp[1]);
    const info = parseTimeStampToken(token);
    if (!info.imprint.equals(imprint)) throw new Error('token imprint does not match');
    if (info.nonce !== undefined && info.nonce !== nonce.toString('hex')) throw new Error('token nonce does not match');
    return token;
  } catch (cause) {
    throw tsaError(`unusable response (${cause instanceof Error ? cause.message : String(cause)})`, cause);
  }
}
