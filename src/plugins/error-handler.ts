import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { Socket } from 'node:net';
import fp from 'fastify-plugin';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import { AppError, ERROR_STATUS, type ErrorCode } from '../lib/errors.js';

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

/**
 * PostgreSQL's "data exception" class (22xxx: a value out of range, an invalid text representation,
 * a character the encoding cannot hold). Input checks should stop such values first; if one slips
 * through it is still the caller's bad value, not our failure.
 */
const isPostgresDataException = (err: unknown): boolean => {
  const sqlState = (err as { code?: unknown; cause?: { code?: unknown } }).code ?? (err as { cause?: { code?: unknown } }).cause?.code;
  return typeof sqlState === 'string' && /^22[0-9A-Z]{3}$/.test(sqlState);
};

export function sendError(reply: FastifyReply, request: FastifyRequest, code: ErrorCode, message: string, details?: Record<string, unknown>) {
  return reply.status(ERROR_STATUS[code]).send({ error: { code, message, requestId: String(request.id), ...(details ? { details } : {}) } });
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
      if (fe.validation) {
        return sendError(reply, request, 'VALIDATION_FAILED', `${fe.validationContext ?? 'request'} ${fe.message.replace(/^(body|querystring|params|headers)\/?/, '')}`.trim());
      }
      const mapped = fe.code ? FASTIFY_CODES[fe.code] : undefined;
      if (mapped) {
        request.log.info({ code: fe.code }, fe.message);
        return sendError(reply, request, mapped, fe.message);
      }
      if (isPostgresDataException(err)) {
        // Logged as a warning: a missing input check to add, though the caller got the right answer.
        request.log.warn({ err }, 'a value reached PostgreSQL that input validation should have refused');
        return sendError(reply, request, 'VALIDATION_FAILED', 'a value in the request is out of range or not valid text');
      }
      if (err instanceof SyntaxError && fe.statusCode === 400) return sendError(reply, request, 'MALFORMED_JSON', 'body is not valid JSON');
      if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
        request.log.info({ code: fe.code }, fe.message);
        const code: ErrorCode = fe.statusCode === 413 ? 'PAYLOAD_TOO_LARGE' : fe.statusCode === 415 ? 'UNSUPPORTED_CONTENT_TYPE' : fe.statusCode === 404 ? 'NOT_FOUND' : 'VALIDATION_FAILED';
        return sendError(reply, request, code, fe.message);
      }
      request.log.error({ err }, 'unhandled error');
      return sendError(reply, request, 'INTERNAL', 'internal error');
    });

    app.setNotFoundHandler((request, reply) => sendError(reply, request, 'ROUTE_NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]}`));
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
  const known = (err.code && CLIENT_ERRORS[err.code]) || { status: 400, code: 'VALIDATION_FAILED' as ErrorCode, message: 'the request is not valid HTTP' };
  this.log.info({ code: err.code }, `client error: ${known.message}`);
  if (socket.writable) {
    const body = JSON.stringify({ error: { code: known.code, message: known.message, requestId: randomUUID() } });
    socket.write(
      `HTTP/1.1 ${known.status} ${http.STATUS_CODES[known.status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}
