/**
 * One error type for the whole application. Every refusal the API gives carries a stable `code`
 * from this list; the error handler turns it into `{ error: { code, message, requestId } }` with
 * the status from ERROR_STATUS (and `details` when there is more to say: a VALIDATION_FAILED lists
 * every problem of the request as `details.errors: [{ path, message }]`, see fieldErrors). Add a
 * code here (with a comment saying when it is thrown) rather than inventing ad-hoc status codes in
 * routes.
 */
export const ERROR_STATUS = {
  /** Request body, query or params do not match the route's schema, or a field is semantically invalid. */
  VALIDATION_FAILED: 400,
  /** The query string holds a parameter the route does not document (details.parameter names it, details.accepted lists the documented ones). */
  UNKNOWN_QUERY_PARAMETER: 400,
  /**
   * A deadline already past (before today in Asia/Ho_Chi_Minh): a document's due date at upload or
   * registration, an assignee's deadline (lib/deadlines.ts). details.dueDate, details.today.
   */
  DEADLINE_IN_PAST: 400,
  /** The body is not parseable JSON. */
  MALFORMED_JSON: 400,
  /** No bearer token, or it is malformed, forged or expired. */
  UNAUTHENTICATED: 401,
  /** Username or password wrong (deliberately the same answer for both). */
  INVALID_CREDENTIALS: 401,
  /** The caller is authenticated and may see the resource but may not perform this action. */
  FORBIDDEN: 403,
  /** A leader's view (GET /assignments?scope=subtree) asked by a caller who leads no organisation. */
  NOT_A_LEADER: 403,
  /**
   * The caller may see the assignment but does not hold it: only its holder (the assigned person; for
   * a unit, its heads and clerks) adds working files to it, and an item to inform (a read receipt)
   * takes none.
   */
  NOT_ASSIGNMENT_HOLDER: 403,
  /** An exchange peer sent a package for an agency, delivery or document it does not speak for (nothing is kept; audited). */
  PEER_NOT_AUTHORISED: 403,
  /** The resource does not exist, or the caller may not see it (never reveal which). */
  NOT_FOUND: 404,
  /** No route matches the method and URL. */
  ROUTE_NOT_FOUND: 404,
  /** A unique value (username, organisation code...) is already taken. */
  CONFLICT: 409,
  /** The action is not allowed in the resource's current state (e.g. registering twice). */
  INVALID_STATE: 409,
  /**
   * A secret document (mật, tối mật, tuyệt mật) would leave this deployment for a remote peer (dispatch,
   * update, replay): the rules on exchanging electronic documents exclude state-secret content and there
   * is no approved channel for it. details.remoteRecipients names the remote organ codes when known.
   */
  SECRET_DOCUMENT_NOT_EXCHANGEABLE: 409,
  /** The request body or an uploaded file exceeds the configured limit. */
  PAYLOAD_TOO_LARGE: 413,
  /** The uploaded content's real type (magic bytes) is not allowed or does not match its name. */
  UNSUPPORTED_MEDIA_TYPE: 415,
  /** The content type of the request itself is not accepted by the route. */
  UNSUPPORTED_CONTENT_TYPE: 415,
  /** A Range header asks for bytes outside the file (e.g. starting past its end). */
  RANGE_NOT_SATISFIABLE: 416,
  /** The input parses but cannot be processed (e.g. an encrypted PDF for signing). */
  UNPROCESSABLE: 422,
  /**
   * A signing certificate is refused (details.reason says why): an external device's certificate
   * does not chain to the trust list, is not valid at the signing time, or is not the signer's; a
   * stored certificate (a person's key, an agency seal) does not chain to the trust list while
   * SIGNING_ALLOW_UNTRUSTED_CERTIFICATES is off (CHAIN_NOT_TRUSTED).
   */
  CERTIFICATE_NOT_TRUSTED: 422,
  /** A document's signer signature does not verify as intact and trusted, so it is not issued (nor numbered). */
  SIGNATURE_NOT_TRUSTED: 422,
  /**
   * A lead (chủ trì) assignment's deadline is after the document's own (details.dueDate,
   * details.documentDueDate); nothing is written. Extending the lead moves the document's deadline.
   */
  DEADLINE_AFTER_DOCUMENT: 422,
  /** Too many failed logins for this username or address; retry later. */
  TOO_MANY_REQUESTS: 429,
  /** The caller already has SIGNING_MAX_OPEN_SESSIONS external signing sessions open; complete one or wait for expiry. */
  TOO_MANY_SIGNING_SESSIONS: 429,
  /** The national axis connector is off (AXIS_ENDPOINT unset): nothing to synchronise with or register at. */
  AXIS_DISABLED: 409,
  /** The national axis refused the request or gave no usable answer (its words in the message). */
  AXIS_UNAVAILABLE: 502,
  /** A dependency (PostgreSQL, Redis, S3) is unreachable. */
  SERVICE_UNAVAILABLE: 503,
  /** The request's headers exceed the HTTP server's limit (answered before any route runs). */
  HEADERS_TOO_LARGE: 431,
  /** A path segment is longer than the router accepts (answered before any route runs). */
  URI_TOO_LONG: 414,
  /** A multipart body cannot be parsed: no or empty boundary, a malformed part header, or a body that ends before its closing boundary. */
  MALFORMED_MULTIPART: 400,
  /** The client did not send its whole request in time (answered before any route runs). */
  REQUEST_TIMEOUT: 408,
  /** Anything unexpected; the message is never shown to the client. */
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export type AppErrorOptions = {
  message?: string;
  details?: Record<string, unknown>;
  cause?: unknown;
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, { message, details, cause }: AppErrorOptions = {}) {
    super(message ?? code, { cause });
    this.name = 'AppError';
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.details = details;
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;

/** One problem of a refused request: where (`body/subject`, `querystring/limit`, `metadata/dueDate`) and what. */
export type FieldError = { path: string; message: string };

/** A validator's error, as Ajv and TypeBox's Value.Errors both give it. */
export type SchemaError = {
  keyword: string;
  instancePath: string;
  schemaPath?: string;
  params?: Record<string, unknown>;
  message?: string;
};

/** The most problems one refusal lists (a client with more fixes these and learns the rest next time). */
export const MAX_FIELD_ERRORS = 50;

/** Keywords that only say "a branch failed": their branches' own errors say what is wrong. */
const BRANCH_KEYWORDS = new Set(['if', 'anyOf', 'oneOf', 'boolean']);

/**
 * The problems of `part` (body, querystring, params, metadata...) as `{ path, message }`, one per
 * field: a missing or unexpected property is named in the path, a union's failed branches give the
 * first real reason, and the list stops at MAX_FIELD_ERRORS.
 */
export function fieldErrors(part: string, errors: Iterable<SchemaError>): FieldError[] {
  const byPath = new Map<string, string>();
  const branchOnly = new Map<string, string>();
  const add = (pointer: string, message: string, branch = false): void => {
    const path = `${part}${pointer}`;
    if (branch) {
      if (!branchOnly.has(path)) branchOnly.set(path, message);
    } else if (!byPath.has(path)) byPath.set(path, message);
  };
  for (const e of errors) {
    if (byPath.size >= MAX_FIELD_ERRORS) break;
    const params = e.params ?? {};
    // Ajv names one property (missingProperty, additionalProperty), TypeBox a list.
    const missing = params.missingProperty ?? params.requiredProperties;
    const extra = params.additionalProperty ?? params.additionalProperties;
    if (e.keyword === 'required' && missing !== undefined) {
      for (const name of [missing].flat()) add(`${e.instancePath}/${String(name)}`, 'is required');
    } else if (e.keyword === 'additionalProperties' && extra !== undefined) {
      for (const name of [extra].flat()) add(`${e.instancePath}/${String(name)}`, 'is not an accepted property');
    } else {
      add(e.instancePath, e.message ?? e.keyword, BRANCH_KEYWORDS.has(e.keyword));
    }
  }
  // A branch keyword with no other reason given at its path or below is still a problem to name.
  const explained = [...byPath.keys()];
  for (const [path, message] of branchOnly) {
    if (byPath.size >= MAX_FIELD_ERRORS) break;
    if (!explained.some((p) => p === path || p.startsWith(`${path}/`))) byPath.set(path, message);
  }
  return [...byPath].map(([path, message]) => ({ path, message }));
}

/** The VALIDATION_FAILED refusal listing `errors` (in the message too, for a reader of logs). */
export function validationFailed(part: string, errors: FieldError[]): AppError {
  const list = errors.map((e) => `${e.path} ${e.message}`).join('; ');
  return new AppError('VALIDATION_FAILED', { message: `invalid ${part}: ${list}`, details: { errors } });
}
