import { PassThrough, type Readable } from 'node:stream';

import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';

import { contentDisposition, FILE_CSP } from '../documents/file-response.js';
import type { TableExport } from './register-export.js';

/** An XLSX or PDF attachment (sent as bytes or a stream, never serialised). */
export const Attachment = Type.Unsafe<Buffer | Readable>({ type: 'string', format: 'binary' });

/** The headers of a download: the Vietnamese file name, ASCII-folded in filename and whole in filename*. */
export const attachmentHeaders = (fileName: string, contentType: string) => ({
  'content-type': contentType,
  'content-disposition': contentDisposition(fileName, 'attachment'),
  'x-content-type-options': 'nosniff',
  'content-security-policy': FILE_CSP,
  'cache-control': 'private, no-store',
});

/**
 * Sends an export as it is written. Access and the query were checked before (a 4xx is still a
 * JSON error); an error while writing can only cut the download short, and is logged.
 */
export function sendExport(req: FastifyRequest, reply: FastifyReply, file: TableExport) {
  reply.headers(attachmentHeaders(file.fileName, file.contentType));
  const out = new PassThrough();
  file.write(out).catch((err: unknown) => {
    req.log.error({ err }, 'export failed');
    out.destroy(err instanceof Error ? err : new Error(String(err)));
  });
  return reply.send(out);
}
