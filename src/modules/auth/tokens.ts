import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../lib/errors.js';

/** Claims of an access token: the user, the user's token version (for revocation) and the times. */
export type TokenClaims = { sub: string; ver: number; iat: number; exp: number };

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Decodes one part of a token, accepting only the canonical unpadded base64url text we issue.
 * Node's decoder is lenient (it takes `+`, `/`, `=` and ignores stray bits), which would let one token
 * be written many ways; re-encoding and comparing refuses every other spelling.
 * @throws AppError UNAUTHENTICATED
 */
function decodePart(part: string): Buffer {
  const bytes = Buffer.from(part, 'base64url');
  if (part.length === 0 || bytes.toString('base64url') !== part) throw new AppError('UNAUTHENTICATED', { message: 'malformed token' });
  return bytes;
}

/** A compact HS256 JWT; node:crypto is all it takes, so no dependency is added for it. */
export function createTokenSigner({ secret, ttlSeconds }: { secret: string; ttlSeconds: number }) {
  const mac = (data: string) => createHmac('sha256', secret).update(data).digest();

  return {
    issue(userId: string, tokenVersion: number, now = Date.now()): { token: string; expiresAt: Date } {
      const iat = Math.floor(now / 1000);
      const claims: TokenClaims = { sub: userId, ver: tokenVersion, iat, exp: iat + ttlSeconds };
      const body = `${HEADER}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
      return { token: `${body}.${mac(body).toString('base64url')}`, expiresAt: new Date(claims.exp * 1000) };
    },

    /** @throws AppError UNAUTHENTICATED for a malformed, forged or expired token. */
    verify(token: string, now = Date.now()): TokenClaims {
      const parts = token.split('.');
      if (parts.length !== 3 || parts[0] !== HEADER) throw new AppError('UNAUTHENTICATED', { message: 'malformed token' });
      const given = decodePart(parts[2]);
      const expected = mac(`${parts[0]}.${parts[1]}`);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        throw new AppError('UNAUTHENTICATED', { message: 'invalid token' });
      }
      let claims: TokenClaims;
      try {
        claims = JSON.parse(decodePart(parts[1]).toString('utf8')) as TokenClaims;
      } catch {
        throw new AppError('UNAUTHENTICATED', { message: 'malformed token' });
      }
      // Only we can sign, but a leaked or misused secret must not turn claims into server errors
      // downstream (a subject that is not a UUID used to reach the database as one: a 500).
      if (
        typeof claims !== 'object' ||
        claims === null ||
        typeof claims.sub !== 'string' ||
        !UUID.test(claims.sub) ||
        !Number.isInteger(claims.ver)
      ) {
        throw new AppError('UNAUTHENTICATED', { message: 'malformed token' });
      }
      if (typeof claims.exp !== 'number' || claims.exp * 1000 <= now) {
        throw new AppError('UNAUTHENTICATED', { message: 'token expired' });
      }
      return claims;
    },
  };
}

export type TokenSigner = ReturnType<typeof createTokenSigner>;
