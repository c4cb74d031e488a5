import { AsyncLocalStorage } from 'node:async_hooks';
import pino, { type Logger, type LoggerOptions } from 'pino';

export type { Logger };

/**
 * Fields of a failed statement's error that carry the values it was run with: drizzle's `params`,
 * postgres.js' `parameters`, `args` and `types` (enumerable only in its debug mode, dropped anyway),
 * the server's `detail` ("Failing row contains (…)" lists a whole row, password hash included;
 * "Key (…)=(…)" the key) and `where`/`internal_query` context. drizzle's `query` is left out too:
 * its text is already in the message.
 */
const STATEMENT_VALUE_FIELDS = new Set(['params', 'parameters', 'args', 'types', 'detail', 'where', 'internal_query', 'query']);

/** drizzle's DrizzleQueryError message is `Failed query: <sql>\nparams: <values>`: the values go. */
const PARAMS_LINE = '\nparams: ';

/**
 * The message without statement values: drizzle's `params:` line, and the value PostgreSQL quotes in a
 * data exception (SQLSTATE class 22: `invalid input syntax for type uuid: "<value>"`).
 */
function cleanMessage(err: Error): string {
  let text = err.message;
  const at = text.indexOf(PARAMS_LINE);
  if (at !== -1) text = `${text.slice(0, at)}${PARAMS_LINE}[redacted]`;
  const { code } = err as { code?: unknown };
  if (typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code)) text = text.replace(/: ".*$/s, ': [redacted]');
  return text;
}

/** The stack starts with `<name>: <message>`; it is rebuilt from the cleaned message. */
function cleanStack(err: Error, message: string): string | undefined {
  const stack = err.stack;
  if (stack === undefined || message === err.message) return stack;
  const head = `${err.name}: ${err.message}`;
  if (stack.startsWith(head)) return `${err.name}: ${message}${stack.slice(head.length)}`;
  // An unexpected layout: better no stack than one that may still hold the values.
  return `${err.name}: ${message}`;
}

const MAX_CAUSE_DEPTH = 5;

/**
 * pino's error serializer, minus every value of a failed SQL statement (see the fields above), for
 * the error and each of its causes. Log lines then never carry password hashes, encrypted peer
 * secrets or any other parameter, whichever statement failed.
 */
export function serializeError(err: unknown, depth = 0): unknown {
  if (!(err instanceof Error)) return err;
  const message = cleanMessage(err);
  const out: Record<string, unknown> = { type: err.constructor?.name ?? err.name, message, stack: cleanStack(err, message) };
  for (const key of Object.keys(err)) {
    if (key in out || key === 'cause' || STATEMENT_VALUE_FIELDS.has(key)) continue;
    const value = (err as unknown as Record<string, unknown>)[key];
    out[key] = value instanceof Error ? (depth < MAX_CAUSE_DEPTH ? serializeError(value, depth + 1) : '[error]') : value;
  }
  // `cause` is non-enumerable when set through `new Error(message, { cause })`.
  if (err.cause !== undefined) out.cause = depth < MAX_CAUSE_DEPTH ? serializeError(err.cause, depth + 1) : '[cause]';
  if (err instanceof AggregateError && depth < MAX_CAUSE_DEPTH) out.errors = err.errors.map((e) => serializeError(e, depth + 1));
  return out;
}

/** pino options shared by the API, the workers and the scripts; secrets never reach the logs. */
export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    // Errors are logged under `err` (fastify, our handlers); `error` and `cause` get the same care.
    serializers: { err: serializeError, error: serializeError, cause: serializeError },
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.passwordHash', '*.privateKey'],
      censor: '[redacted]',
    },
  };
}

export function createLogger(level: string, name?: string): Logger {
  return pino({ ...loggerOptions(level), name });
}

/** pino's logging methods: what fastify's request.log and a job's child logger both have. */
export type LogMethods = Pick<Logger, 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace'>;

const current = new AsyncLocalStorage<LogMethods>();

/**
 * Runs `fn` with `logger` as the context logger of everything it calls, awaited or not: the API sets
 * the request's logger (bound to its request id) for each request, the worker runtime the job's
 * (job id, name, attempt) for each job.
 */
export function withLogger<T>(logger: LogMethods, fn: () => T): T {
  return current.run(logger, fn);
}

/**
 * The logger of the request or job this code runs for, else `root` (start-up, timers). Services log
 * through it rather than through the logger they were built with, so each line names its request
 * or job without that being passed down every call.
 */
export function contextLogger<L extends Partial<LogMethods>>(root: L): L | LogMethods {
  return current.getStore() ?? root;
}
