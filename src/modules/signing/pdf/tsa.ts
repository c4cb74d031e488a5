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

type Asn1 = ReturnType<typeof fromDer>;
type PkiStatus = { code: number; text?: string; failInfo: string[] };

/** PKIStatus values (RFC 3161 §2.4.2). */
const STATUS_NAMES: Record<number, string> = {
  0: 'granted',
  1: 'grantedWithMods',
  2: 'rejection',
  3: 'waiting',
  4: 'revocationWarning',
  5: 'revocationNotification',
};

/** PKIFailureInfo bit numbers (RFC 3161 §2.4.2). */
const FAILURE_BITS: Record<number, string> = {
  0: 'badAlg',
  2: 'badRequest',
  5: 'badDataFormat',
  14: 'timeNotAvailable',
  15: 'unacceptedPolicy',
  16: 'unacceptedExtension',
  17: 'addInfoNotAvailable',
  25: 'systemFailure',
};

/** PKIStatusInfo { status, statusString PKIFreeText OPTIONAL, failInfo BIT STRING OPTIONAL }. */
function readStatus(info: Asn1): PkiStatus {
  const parts = info.value as Asn1[];
  const raw = parts[0].value as string;
  if (parts[0].type !== der.T.INTEGER || raw.length === 0 || raw.length > 4) throw new Error('malformed PKIStatusInfo');
  const status: PkiStatus = { code: Buffer.from(raw, 'binary').readUIntBE(0, raw.length), failInfo: [] };
  for (const part of parts.slice(1)) {
    if (part.type === der.T.SEQUENCE) {
      status.text = (part.value as Asn1[]).map((s) => Buffer.from(s.value as string, 'binary').toString('utf8')).join(' ');
    } else if (part.type === der.T.BITSTRING) {
      const bits = Buffer.from(part.value as string, 'binary').subarray(1); // first byte: unused-bit count
      for (let n = 0; n < bits.length * 8; n++) {
        if (bits[n >> 3] & (0x80 >> (n & 7))) status.failInfo.push(FAILURE_BITS[n] ?? `bit ${n}`);
      }
    }
  }
  return status;
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

  let resp: Asn1[];
  let status: PkiStatus;
  try {
    resp = fromDer(body, true).value as Asn1[];
    status = readStatus(resp[0]);
  } catch (cause) {
    throw tsaError(`unusable response (${cause instanceof Error ? cause.message : String(cause)})`, cause);
  }
  if (status.code !== 0 && status.code !== 1) {
    // The TSA's own words (statusString, failInfo) are what an operator needs to fix the setup.
    const why = [status.failInfo.join(', '), status.text].filter(Boolean).join('; ');
    throw tsaError(`rejected the request (status ${STATUS_NAMES[status.code] ?? status.code}${why ? `: ${why}` : ''})`);
  }
  try {
    if (!resp[1]) throw new Error('no token in the response');
    const token = toDer(resp[1]);
    const info = parseTimeStampToken(token);
    if (!info.imprint.equals(imprint)) throw new Error('token imprint does not match');
    // RFC 3161 §2.4.2: a nonce sent must come back; a missing one would let a replayed token through.
    if (info.nonce !== nonce.toString('hex'))
      throw new Error(info.nonce === undefined ? 'token has no nonce' : 'token nonce does not match');
    return token;
  } catch (cause) {
    throw tsaError(`unusable response (${cause instanceof Error ? cause.message : String(cause)})`, cause);
  }
}
