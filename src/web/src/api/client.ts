import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';
import { ApiError } from './errors';

// The bearer token lives in sessionStorage: it survives a reload of the tab, not the closing of the
// browser, and is never sent automatically (no cookie, hence no CSRF surface).
const TOKEN_KEY = 'vanthu.session';

export type StoredSession = { token: string; expiresAt: string };

export function readSession(): StoredSession | null {
  try {
    const raw = sessionStorage.getItem(TOKEN_KEY);
    const s = raw ? (JSON.parse(raw) as StoredSession) : null;
    return s && Date.parse(s.expiresAt) > Date.now() ? s : null;
  } catch {
    return null;
  }
}

export function writeSession(s: StoredSession | null): void {
  if (s) sessionStorage.setItem(TOKEN_KEY, JSON.stringify(s));
  else sessionStorage.removeItem(TOKEN_KEY);
}

/** Called when the API answers 401 to a signed-in request: the session has expired or was revoked. */
let onExpired: () => void = () => {};
export function setSessionExpiredHandler(fn: () => void): void {
  onExpired = fn;
}

function authHeader(): Record<string, string> {
  const s = readSession();
  return s ? { authorization: `Bearer ${s.token}` } : {};
}

const auth: Middleware = {
  onRequest({ request }) {
    const s = readSession();
    if (s && !request.headers.has('authorization')) request.headers.set('authorization', `Bearer ${s.token}`);
    return request;
  },
  onResponse({ request, response }) {
    if (response.status === 401 && request.headers.has('authorization')) onExpired();
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: '' });
api.use(auth);

type Result<T> = { data?: T; error?: unknown; response: Response };

/** Unwraps an openapi-fetch result: the data, or an ApiError with the stable code. */
export async function unwrap<T>(p: Promise<Result<T>>): Promise<NonNullable<T>> {
  const { data, error, response } = await p;
  if (response.ok && data !== undefined) return data as NonNullable<T>;
  throw toApiError(error, response);
}

function toApiError(body: unknown, response: Response): ApiError {
  const e = (body as { error?: { code?: string; requestId?: string } } | undefined)?.error;
  return new ApiError(e?.code ?? (response.status === 404 ? 'NOT_FOUND' : 'INTERNAL'), response.status, e?.requestId);
}

/** Raw authenticated fetch for what openapi-fetch does not cover (multipart uploads, file bytes). */
export async function apiFetch(url: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  for (const [k, v] of Object.entries(authHeader())) headers.set(k, v);
  const response = await fetch(url, { ...init, headers });
  if (response.status === 401 && headers.has('authorization')) onExpired();
  if (!response.ok) {
    const body = await response.json().catch(() => undefined);
    throw toApiError(body, response);
  }
  return response;
}
