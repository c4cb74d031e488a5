import fp from 'fastify-plugin';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
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
