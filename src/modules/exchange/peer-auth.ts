import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Headers of a peer request: who signs, when, the body's sha256 (hex), and
 * HMAC-SHA256(secret, timestamp + "\n" + that sha256). The hash is declared up front so that the
 * receiver authenticates the request from its headers alone, before reading, storing or parsing
 * the body, and then checks the body against the declared hash as it streams.
 */
export const PEER_HEADER = 'x-vanthu-peer';
export const TIMESTAMP_HEADER = 'x-vanthu-timestamp';
export const CONTENT_SHA256_HEADER = 'x-vanthu-content-sha256';
export const SIGNATURE_HEADER = 'x-vanthu-signature';

/** Requests signed further than this from our clock are refused (replay window). */
export const CLOCK_WINDOW_SECONDS = 300;

// The configured KEY_ENCRYPTION_KEY is a string of at least 32 characters; hashing it gives the
// 32 bytes AES-256 needs whatever its alphabet.
const keyBytes = (encryptionKey: string): Buffer => createHash('sha256').update(encryptionKey, 'utf8').digest();

/** Encrypts a peer secret at rest (AES-256-GCM, random IV): `v1.<iv>.<tag>.<ciphertext>` in base64url. */
export function encryptSecret(encryptionKey: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyBytes(encryptionKey), iv);
  const ct = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
}

/**
 * Decrypts what `encryptSecret` produced.
 * @throws Error when the box is malformed or was encrypted under another key (GCM tag mismatch).
 */
export function decryptSecret(encryptionKey: string, boxed: string): string {
  const [version, iv, tag, ct] = boxed.split('.');
  if (version !== 'v1' || !iv || !tag || ct === undefined) throw new Error('malformed encrypted secret');
  const decipher = createDecipheriv('aes-256-gcm', keyBytes(encryptionKey), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
}

/** A new shared secret for a peer (shown once at creation). */
export const generatePeerSecret = (): string => randomBytes(32).toString('base64url');

/** Hex HMAC-SHA256 of `timestamp + "\n" + bodySha256` under the shared secret. */
export function signPeerRequest(secret: string, timestamp: string, bodySha256: string): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${bodySha256}`).digest('hex');
}

/** Constant-time comparison of the expected signature with the given one. */
export function verifyPeerSignature(secret: string, timestamp: string, bodySha256: string, signature: string): boolean {
  if (!/^[0-9a-f]{64}$/i.test(signature)) return false;
  const expected = Buffer.from(signPeerRequest(secret, timestamp, bodySha256), 'hex');
  return timingSafeEqual(expected, Buffer.from(signature.toLowerCase(), 'hex'));
}

/** The four headers for a request carrying `body` (used by our sender and by tests of peers). */
export function peerRequestHeaders(peerId: string, secret: string, body: Buffer, now: Date = new Date()): Record<string, string> {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const sha = createHash('sha256').update(body).digest('hex');
  return {
    [PEER_HEADER]: peerId,
    [TIMESTAMP_HEADER]: timestamp,
    [CONTENT_SHA256_HEADER]: sha,
    [SIGNATURE_HEADER]: signPeerRequest(secret, timestamp, sha),
  };
}
