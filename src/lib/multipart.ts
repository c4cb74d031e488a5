import type { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { Type, type Static, type TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { AppError, fieldErrors, validationFailed } from './errors.js';
import { assertSafeText } from './input-text.js';

/**
 * The multipart parts services read: the subset of @fastify/multipart's shapes we use, so services
 * do not depend on Fastify.
 */
export type UploadFieldPart = { type: 'field'; fieldname: string; value: unknown };
export type UploadFilePart = {
  type: 'file';
  fieldname: string;
  filename: string;
  /** busboy's stream: `truncated` turns true when the file was cut at the size limit. */
  file: Readable & { truncated?: boolean };
};
export type UploadPart = UploadFieldPart | UploadFilePart;

/**
 * The parser's refusals in our terms. @fastify/multipart's own errors carry a code (FST_FILES_LIMIT,
 * FST_REQ_FILE_TOO_LARGE...) the error handler maps; busboy's (no or empty boundary, a malformed
 * part header, a body that ends early) are plain Errors: the client's malformed body, not our failure.
 */
export function asMultipartError(err: unknown): unknown {
  if (err instanceof AppError || (err as { code?: unknown }).code !== undefined) return err;
  const reason = err instanceof Error ? err.message : String(err);
  return new AppError('MALFORMED_MULTIPART', { message: `the multipart body cannot be read: ${reason}`, cause: err });
}

/**
 * The failure to report when reading a file part failed with `err`: if the part's own stream broke
 * (the body ended early, a malformed boundary inside it), that is the cause, and it is the client's.
 */
export function fileReadFailure(file: Readable, err: unknown): unknown {
  return file.errored && !(err instanceof AppError) ? asMultipartError(file.errored) : err;
}

/**
 * The request's parts in arrival order (fields and file streams). A request that is not
 * multipart/form-data is refused before a byte is read.
 * @throws AppError UNSUPPORTED_CONTENT_TYPE, MALFORMED_MULTIPART
 */
export async function* multipartParts(req: FastifyRequest): AsyncGenerator<UploadPart> {
  if (!req.isMultipart()) throw new AppError('UNSUPPORTED_CONTENT_TYPE', { message: 'send multipart/form-data' });
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') yield { type: 'file', fieldname: part.fieldname, filename: part.filename, file: part.file };
      else yield { type: 'field', fieldname: part.fieldname, value: part.value };
    }
  } catch (err) {
    throw asMultipartError(err);
  }
}

/**
 * Parses a JSON field of a multipart body (`metadata`) against its schema. Multipart fields do not
 * pass through the route's AJV validation nor the input guard's hooks, so both checks happen here.
 * @throws AppError VALIDATION_FAILED
 */
export function parseJsonField<T extends TSchema>(schema: T, raw: string, field: string): Static<T> {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new AppError('VALIDATION_FAILED', { message: `the ${field} field is not valid JSON` });
  }
  assertSafeText(value, field);
  if (!Value.Check(schema, value)) throw validationFailed(field, fieldErrors(field, Value.Errors(schema, value)));
  return value as Static<T>;
}

declare module 'fastify' {
  interface FastifySchema {
    /**
     * A multipart route's parts, for the OpenAPI document only (src/plugins/swagger.ts makes it the
     * request body): the route reads its parts as streams, and its service validates them.
     */
    multipart?: TSchema;
  }
}

/** The configured limits of an upload (UPLOAD_MAX_FILE_BYTES, UPLOAD_MAX_FILES). */
export type UploadLimits = { maxFileBytes: number; maxFiles: number };

const mebibytes = (bytes: number): string => `${Math.round((bytes / 1024 / 1024) * 100) / 100} MiB`;

/**
 * File parts of a multipart body as OpenAPI 3.0 writes them: binary strings, one field or an array
 * of them (`maxCount` > 1), with their size limit and accepted types in words.
 */
export function fileParts({
  description,
  maxCount,
  maxBytes,
  accepted,
}: {
  description: string;
  maxCount: number;
  maxBytes: number;
  accepted: string;
}): TSchema {
  const limits = `At most ${maxBytes} bytes (${mebibytes(maxBytes)})${maxCount > 1 ? ` each, ${maxCount} files` : ''}. Accepted: ${accepted}.`;
  const binary = { type: 'string', format: 'binary' };
  return maxCount === 1
    ? Type.Unsafe({ ...binary, description: `${description} ${limits}` })
    : Type.Unsafe({ type: 'array', items: binary, minItems: 1, maxItems: maxCount, description: `${description} ${limits}` });
}
