import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';

/**
 * The environment schema: every setting the system reads, with its default. This module is the only
 * reader of `process.env`; everything else receives the frozen `Config`. Every setting carries a
 * `description`: README.md's settings table is printed from this schema by scripts/settings-table.ts.
 */
export const ENV_SCHEMA = Type.Object({
  HOST: Type.String({ default: '0.0.0.0', description: 'address the API listens on' }),
  PORT: Type.Integer({ default: 3000, minimum: 0, maximum: 65535, description: 'port the API listens on' }),
  PUBLIC_URL: Type.Optional(
    Type.String({ description: 'the URL users reach the API at (printed by npm start); default http://localhost:PORT' }),
  ),
  LOG_LEVEL: Type.Union(
    [
      Type.Literal('fatal'),
      Type.Literal('error'),
      Type.Literal('warn'),
      Type.Literal('info'),
      Type.Literal('debug'),
      Type.Literal('trace'),
      Type.Literal('silent'),
    ],
    { default: 'info', description: 'pino log level' },
  ),
  BODY_LIMIT_BYTES: Type.Integer({ default: 1_048_576, minimum: 1024, description: 'largest JSON request body (413 above)' }),
  REQUEST_TIMEOUT_MS: Type.Integer({ default: 120_000, minimum: 1000, description: 'time allowed to receive a whole request' }),

  DATABASE_URL: Type.String({
    default: 'postgres://vanthu:vanthu@127.0.0.1:5432/vanthu',
    description: 'PostgreSQL; unset: npm start runs the local server',
  }),
  DATABASE_POOL_MAX: Type.Integer({ default: 10, minimum: 1, description: 'connections per process' }),

  REDIS_URL: Type.String({
    default: 'redis://127.0.0.1:6379',
    description: 'Redis for BullMQ and login throttling; unset: npm start runs a local redis-server',
  }),
  QUEUE_PREFIX: Type.String({
    default: 'vanthu',
    minLength: 1,
    description: 'prefix of every BullMQ and throttling key (use a hash tag with Redis Cluster)',
  }),

  S3_ENDPOINT: Type.Optional(Type.String({ description: 'S3/MinIO endpoint URL; unset: npm start runs a local S3 server from npm' })),
  S3_ACCESS_KEY: Type.String({ default: 'minioadmin', description: 'S3 access key' }),
  S3_SECRET_KEY: Type.String({ default: 'minioadmin', description: 'S3 secret key' }),
  S3_BUCKET: Type.String({ default: 'vanthu', minLength: 3, description: 'bucket for files and packages (created if missing)' }),
  S3_REGION: Type.String({ default: 'us-east-1', description: 'S3 region' }),
  S3_PART_SIZE_BYTES: Type.Integer({
    default: 8 * 1024 * 1024,
    minimum: 5 * 1024 * 1024,
    description: 'multipart part size for streamed uploads (bounded memory per upload)',
  }),
  LOCAL_S3_PORT: Type.Integer({
    default: 9000,
    minimum: 0,
    maximum: 65535,
    description: 'port of the local S3 server (only without S3_ENDPOINT)',
  }),
  LOCAL_S3_DIR: Type.String({ default: './data/s3', description: 'data directory of the local S3 server' }),

  AUTH_TOKEN_SECRET: Type.String({
    minLength: 32,
    description: 'HMAC key of the bearer tokens, at least 32 characters (npm start generates a development one)',
  }),
  AUTH_TOKEN_TTL_SECONDS: Type.Integer({ default: 8 * 3600, minimum: 60, description: 'lifetime of a bearer token' }),
  LOGIN_MAX_FAILURES: Type.Integer({
    default: 5,
    minimum: 1,
    description:
      'failed logins per username from one address within the window before 429 (10x that per address; from 4x per username over all addresses, addresses the user never logged in from are slowed; see login-throttle.ts)',
  }),
  LOGIN_THROTTLE_WINDOW_SECONDS: Type.Integer({ default: 900, minimum: 1, description: 'window of the failed-login counters' }),

  KEY_ENCRYPTION_KEY: Type.String({
    minLength: 32,
    description: 'key that encrypts private keys and peer secrets at rest, at least 32 characters',
  }),
  SIGNING_TRUST_LIST: Type.String({
    default: './data/pki/ca.pem',
    description: 'PEM bundle of the CA certificates signatures are checked against (unreadable: a warning, nothing trusted)',
  }),
  SIGNING_TSA_URL: Type.Optional(
    Type.String({ description: 'RFC 3161 time-stamp authority; server-side signatures become PAdES B-T when set' }),
  ),
  SIGNING_EXTERNAL_SUBJECT_MATCH: Type.Union([Type.Literal('none'), Type.Literal('email')], {
    default: 'email',
    description:
      "which trusted certificates a person may sign with through a signing session besides those they registered: 'email' also takes one whose subject e-mail (or SAN e-mail) is the user's e-mail; 'none' only registered ones",
  }),
  SIGNING_ALLOW_UNTRUSTED_CERTIFICATES: Type.Boolean({
    default: false,
    description:
      "sign server-side (a person's stored key, the agency seal) with certificates that do not chain to SIGNING_TRUST_LIST, an administrator's explicit choice; false: refused with 422 CERTIFICATE_NOT_TRUSTED, and a signer signature that does not chain is not issued. Signing sessions (external devices) always need a trusted certificate; certificate lists show each one's trust either way",
  }),
  SIGNING_MAX_OPEN_SESSIONS: Type.Integer({
    default: 5,
    minimum: 1,
    description: 'external signing sessions one user may have open (not completed, not expired) at a time (429 above)',
  }),

  UPLOAD_MAX_FILE_BYTES: Type.Integer({ default: 50 * 1024 * 1024, minimum: 1024, description: 'largest uploaded file (413 above)' }),
  UPLOAD_MAX_FILES: Type.Integer({ default: 20, minimum: 1, description: 'most files in one upload' }),
  EXCHANGE_MAX_PACKAGE_BYTES: Type.Integer({
    default: 100 * 1024 * 1024,
    minimum: 1024,
    description: 'largest inbound edXML package (413 above)',
  }),
  EXCHANGE_PEER_CONCURRENCY: Type.Integer({
    default: 4,
    minimum: 1,
    description: "edXML packages in flight to one peer at a time, across every worker process (a burst must not flood a province's server)",
  }),

  AXIS_ENDPOINT: Type.Optional(
    Type.String({
      description:
        'base URL of the national document axis (VXP) or a provincial gateway (LGSP); operations are POSTed to <AXIS_ENDPOINT>/<operation>. Unset: the axis connector is off',
    }),
  ),
  AXIS_SYSTEM_ID: Type.Optional(
    Type.String({ description: 'systemId this deployment is registered under at the axis (required with AXIS_ENDPOINT)' }),
  ),
  AXIS_SECRET: Type.Optional(
    Type.String({ description: 'secret the axis gave for AXIS_SYSTEM_ID: the HMAC key of every request (required with AXIS_ENDPOINT)' }),
  ),
  AXIS_AGENCY_CODES: Type.Optional(
    Type.String({
      description:
        "comma-separated agency codes (mã định danh) of this deployment's organisations that the axis routes to us and that we send from; unset: every organisation with a code",
    }),
  ),
  AXIS_TIMEOUT_MS: Type.Integer({
    default: 30_000,
    minimum: 100,
    description: 'time allowed for one request to the axis (sendEdoc, getEdoc...) before it is retried',
  }),
  AXIS_POLL_INTERVAL_MS: Type.Integer({
    default: 10_000,
    minimum: 100,
    description: 'pause between two polls of the axis for received documents and statuses (one poller at a time across worker processes)',
  }),

  SEED_DEMO: Type.Boolean({ default: true, description: 'seed the demo province on an empty database at npm start (false in production)' }),
});

type Env = Static<typeof ENV_SCHEMA>;

/** The axis connector's settings, or null when AXIS_ENDPOINT is unset (the connector is off). */
function axisConfigOf(env: Env) {
  if (!env.AXIS_ENDPOINT) return null;
  const missing = (['AXIS_SYSTEM_ID', 'AXIS_SECRET'] as const).filter((k) => !env[k]);
  if (missing.length > 0) throw new Error(`invalid configuration: ${missing.join(' and ')} required with AXIS_ENDPOINT`);
  let url: URL;
  try {
    url = new URL(env.AXIS_ENDPOINT);
  } catch {
    throw new Error('invalid configuration: AXIS_ENDPOINT is not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('invalid configuration: AXIS_ENDPOINT must be http(s)');
  const codes = (env.AXIS_AGENCY_CODES ?? '')
    .split(',')
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean);
  return {
    endpoint: env.AXIS_ENDPOINT.replace(/\/+$/, ''),
    systemId: env.AXIS_SYSTEM_ID!,
    secret: env.AXIS_SECRET!,
    /** null: every organisation of this deployment with a code. */
    agencyCodes: codes.length > 0 ? codes : null,
    pollIntervalMs: env.AXIS_POLL_INTERVAL_MS,
    timeoutMs: env.AXIS_TIMEOUT_MS,
  };
}

export type Config = ReturnType<typeof toConfig>;

function toConfig(env: Env) {
  const localS3 = env.S3_ENDPOINT === undefined || env.S3_ENDPOINT === '';
  const s3Url = new URL(localS3 ? `http://127.0.0.1:${env.LOCAL_S3_PORT}` : env.S3_ENDPOINT!);
  const useSSL = s3Url.protocol === 'https:';

  return {
    http: {
      host: env.HOST,
      port: env.PORT,
      publicUrl: env.PUBLIC_URL ?? `http://localhost:${env.PORT}`,
      bodyLimit: env.BODY_LIMIT_BYTES,
      requestTimeoutMs: env.REQUEST_TIMEOUT_MS,
    },
    log: { level: env.LOG_LEVEL },
    db: { url: env.DATABASE_URL, poolMax: env.DATABASE_POOL_MAX },
    redis: { url: env.REDIS_URL, prefix: env.QUEUE_PREFIX },
    storage: {
      endPoint: s3Url.hostname,
      port: Number(s3Url.port || (useSSL ? 443 : 80)),
      useSSL,
      accessKey: env.S3_ACCESS_KEY,
      secretKey: env.S3_SECRET_KEY,
      bucket: env.S3_BUCKET,
      region: env.S3_REGION,
      partSize: env.S3_PART_SIZE_BYTES,
      /** No S3_ENDPOINT configured: `npm start` and the tests run an S3-compatible server from npm. */
      local: localS3 ? { port: env.LOCAL_S3_PORT, directory: env.LOCAL_S3_DIR } : null,
    },
    auth: {
      tokenSecret: env.AUTH_TOKEN_SECRET,
      tokenTtlSeconds: env.AUTH_TOKEN_TTL_SECONDS,
      loginMaxFailures: env.LOGIN_MAX_FAILURES,
      loginThrottleWindowSeconds: env.LOGIN_THROTTLE_WINDOW_SECONDS,
    },
    keys: { encryptionKey: env.KEY_ENCRYPTION_KEY },
    signing: {
      trustListPath: env.SIGNING_TRUST_LIST,
      tsaUrl: env.SIGNING_TSA_URL || undefined,
      externalSubjectMatch: env.SIGNING_EXTERNAL_SUBJECT_MATCH,
      maxOpenSessions: env.SIGNING_MAX_OPEN_SESSIONS,
      allowUntrustedCertificates: env.SIGNING_ALLOW_UNTRUSTED_CERTIFICATES,
    },
    uploads: { maxFileBytes: env.UPLOAD_MAX_FILE_BYTES, maxFiles: env.UPLOAD_MAX_FILES },
    exchange: { maxPackageBytes: env.EXCHANGE_MAX_PACKAGE_BYTES, peerConcurrency: env.EXCHANGE_PEER_CONCURRENCY },
    axis: axisConfigOf(env),
    seed: { demo: env.SEED_DEMO },
  };
}

type DeepReadonly<T> = { readonly [K in keyof T]: T[K] extends object ? DeepReadonly<T[K]> : T[K] };

function deepFreeze<T extends object>(o: T): DeepReadonly<T> {
  for (const v of Object.values(o)) if (v && typeof v === 'object') deepFreeze(v);
  return Object.freeze(o) as DeepReadonly<T>;
}

/**
 * Validates and coerces the environment once and returns a frozen, structured configuration.
 * The API, the workers, the scripts and the tests all call this; tests pass their own env object.
 * @throws Error listing every invalid or missing setting (the process should not start).
 */
export function loadConfig(source: Record<string, string | undefined> = process.env): Readonly<Config> {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(ENV_SCHEMA.properties)) {
    const v = source[key];
    if (v !== undefined && v !== '') raw[key] = v;
  }
  const withDefaults = Value.Default(ENV_SCHEMA, Value.Convert(ENV_SCHEMA, raw));
  const errors = [...Value.Errors(ENV_SCHEMA, withDefaults)];
  if (errors.length > 0) {
    const list = errors.map((e) => `${e.instancePath.replace(/^\//, '') || 'settings'}: ${e.message}`);
    throw new Error(`invalid configuration: ${list.join('; ')}`);
  }
  return deepFreeze(toConfig(withDefaults as Env)) as Readonly<Config>;
}
