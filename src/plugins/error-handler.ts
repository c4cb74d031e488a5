import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { Socket } from 'node:net';
import fp from 'fastify-plugin';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import { AppError, ERROR_STATUS, fieldErrors, validationFailed, type ErrorCode } from '../lib/errors.js';

// Errors raised by fastify itself and its plugins, mapped to our stable codes.
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_CONTENT_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'VALIDATION_FAILED',
  FST_REQ_FILE_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_FILES_LIMIT: 'PAYLOAD_TOO_LARGE',
  FST_PARTS_LIMIT: 'PAYLOAD_TOO_LARGE',
  FST_FIELDS_LIMIT: 'PAYLOAD_TOO_LARGE',
  FST_PROTO_VIOLATION: 'VALIDATION_FAILED',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'UNSUPPORTED_CONTENT_TYPE',
};

/** The SQLSTATE of a PostgreSQL error, bare (postgres.js) or wrapped by drizzle (`cause`). */
function sqlStateOf(err: unknown): { code: string; detail?: string } | undefined {
  for (const e of [err, (err as { cause?: unknown }).cause]) {
    const { code, detail } = (e ?? {}) as { code?: unknown; detail?: unknown };
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return { code, detail: typeof detail === 'string' ? detail : undefined };
  }
  return undefined;
}

/**
 * PostgreSQL refusals that are the caller's, not ours, when a service's own check did not catch
 * them first (a concurrent request won a race, a value slipped past validation). Services should
 * check first and give a precise message; these keep the answer right when they could not.
 * - 23505 unique violation: two requests took the same value → 409 CONFLICT;
 * - 23503 foreign-key violation: a reference to a row that does not exist (400) or a row still
 *   referenced elsewhere (409 INVALID_STATE);
 * - class 22 data exceptions (a value out of range, text the encoding cannot hold) → 400.
 */
function databaseRefusal(err: unknown): { code: ErrorCode; message: string } | undefined {
  const state = sqlStateOf(err);
  if (!state) return undefined;
  if (state.code === '23505') return { code: 'CONFLICT', message: 'a value that must be unique is already taken' };
  if (state.code === '23503') {
    return state.detail?.includes('is still referenced')
      ? { code: 'INVALID_STATE', message: 'the resource is still referenced by others' }
      : { code: 'VALIDATION_FAILED', message: 'the request refers to something that does not exist' };
  }
  if (state.code.startsWith('22'))
    return { code: 'VALIDATION_FAILED', message: 'a value in the request is out of range or not valid text' };
  return undefined;
}

export function sendError(
  reply: FastifyReply,
  request: FastifyRequest,
  code: ErrorCode,
  message: string,
  details?: Record<string, unknown>,
) {
  return reply
    .status(ERROR_STATUS[code])
    .send({ error: { code, message, requestId: String(request.id), ...(details ? { details } : {}) } });
}

/**
 * One error shape for every failure: `{ error: { code, message, requestId } }`. Client errors are
 * logged at info, server errors at error with the request context; a 500 never shows its message.
 */
export const errorHandlerPlugin = fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((err: FastifyError | AppError | Error, request, reply) => {
      if (err instanceof AppError) {
        if (err.status >= 500) request.log.error({ err }, err.message);
        else request.log.info({ code: err.code }, err.message);
        return sendError(reply, request, err.code, err.message, err.details);
      }
      const fe = err as FastifyError;
      const unknown = fe.validationContext === 'querystring' ? fe.validation?.find((e) => e.keyword === 'additionalProperties') : undefined;
      if (unknown) {
        const parameter = String((unknown.params as { additionalProperty?: unknown }).additionalProperty);
        const documented = (request.routeOptions.schema?.querystring as { properties?: Record<string, unknown> } | undefined)?.properties;
        const accepted = Object.keys(documented ?? {});
        request.log.info({ code: 'UNKNOWN_QUERY_PARAMETER', parameter }, fe.message);
        return sendError(
          reply,
          request,
          'UNKNOWN_QUERY_PARAMETER',
          `unknown query parameter '${parameter}' (${accepted.length ? `accepted: ${accepted.join(', ')}` : 'this route takes none'})`,
          { parameter, accepted },
        );
      }
      if (fe.validation) {
        // Every problem (Ajv runs with allErrors), each with its field path: details.errors.
        const refusal = validationFailed(fe.validationContext ?? 'request', fieldErrors(fe.validationContext ?? 'request', fe.validation));
        request.log.info({ code: 'VALIDATION_FAILED', context: fe.validationContext, errors: refusal.details?.errors }, refusal.message);
        return sendError(reply, request, 'VALIDATION_FAILED', refusal.message, refusal.details);
      }
      const mapped = fe.code ? FASTIFY_CODES[fe.code] : undefined;
      if (mapped) {
        request.log.info({ code: fe.code }, fe.message);
        return sendError(reply, request, mapped, fe.message);
      }
      const refusal = databaseRefusal(err);
      if (refusal) {
        // A warning: the answer is right, but a service check is missing or lost a race.
        request.log.warn({ err }, `PostgreSQL refused the request: ${refusal.message}`);
        return sendError(reply, request, refusal.code, refusal.message);
      }
      if (err instanceof SyntaxError && fe.statusCode === 400) return sendError(reply, request, 'MALFORMED_JSON', 'body is not valid JSON');
      if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
        request.log.info({ code: fe.code }, fe.message);
        const code: ErrorCode =
          fe.statusCode === 413
            ? 'PAYLOAD_TOO_LARGE'
            : fe.statusCode === 415
              ? 'UNSUPPORTED_CONTENT_TYPE'
              : fe.statusCode === 404
                ? 'NOT_FOUND'
                : 'VALIDATION_FAILED';
        return sendError(reply, request, code, fe.message);
      }
      request.log.error({ err }, 'unhandled error');
      return sendError(reply, request, 'INTERNAL', 'internal error');
    });

    app.setNotFoundHandler((request, reply) =>
      sendError(reply, request, 'ROUTE_NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]}`),
    );
  },
  { name: 'error-handler' },
);

/** Fastify's refusals raised before routing (a malformed URL, an over-long path parameter), in our shape. */
export const frameworkErrors: FastifyServerOptions['frameworkErrors'] = (error, request, reply) => {
  const status = error.statusCode ?? 500;
  const code: ErrorCode = status === 400 ? 'VALIDATION_FAILED' : status === 414 ? 'URI_TOO_LONG' : 'INTERNAL';
  if (code === 'INTERNAL') request.log.error({ err: error }, 'framework error');
  // Sent before the app's onSend hooks exist for this request: the id is set here.
  void reply.header('x-request-id', request.id);
  void sendError(reply, request, code, code === 'INTERNAL' ? 'internal error' : error.message);
};

const CLIENT_ERRORS: Record<string, { status: number; code: ErrorCode; message: string }> = {
  HPE_HEADER_OVERFLOW: { status: 431, code: 'HEADERS_TOO_LARGE', message: 'the request headers exceed the allowed size' },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, code: 'REQUEST_TIMEOUT', message: 'the request was not received in time' },
};

/**
 * Answers a request Node's HTTP parser refused before Fastify saw it (oversized headers, a timeout,
 * bytes that are not HTTP) in the one error shape, then closes the connection as Node would.
 */
export function clientErrorHandler(this: FastifyInstance, err: Error & { code?: string }, socket: Socket): void {
  // A reset connection has no one left to answer.
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const known = (err.code && CLIENT_ERRORS[err.code]) || {
    status: 400,
    code: 'VALIDATION_FAILED' as ErrorCode,
    message: 'the request is not valid HTTP',
  };
  this.log.info({ code: err.code }, `client error: ${known.message}`);
  if (socket.writable) {
    const body = JSON.stringify({ error: { code: known.code, message: known.message, requestId: randomUUID() } });
    socket.write(
      `HTTP/1.1 ${known.status} ${http.STATUS_CODES[known.status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}
