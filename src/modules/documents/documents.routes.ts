import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Readable } from 'node:stream';
import { Type } from 'typebox';
import { isAppError } from '../../lib/errors.js';
import { ErrorResponse, commonErrors } from '../../lib/schemas.js';
import { principalOf, requireAnyRole } from '../../plugins/auth.js';
import type { DocumentsService } from './documents.service.js';
import {
  AccessGrantBody,
  DocumentMetadata,
  AccessGrantDto,
  DocumentDto,
  DocumentIdParams,
  DocumentListPage,
  FileParams,
  GetDocumentQuery,
  GrantParams,
  ListDocumentsQuery,
  UploadedFilesDto,
} from './documents.schemas.js';
import { fileResponseHeaders } from './file-response.js';
import { multipartParts, type UploadLimits } from '../../lib/multipart.js';
import { documentFileParts } from './upload.js';

const tags = ['documents'];

/** The raw bytes of a file: streamed as they are, never serialized. */
const FileBytes = Type.Unsafe<Readable>({ type: 'string', format: 'binary' });

const uploadErrors = { 409: ErrorResponse, 413: ErrorResponse, 415: ErrorResponse, 503: ErrorResponse, ...commonErrors } as const;

export const documentsRoutes: FastifyPluginAsyncTypebox<{ documents: DocumentsService; uploads: UploadLimits }> = async (
  app,
  { documents, uploads },
) => {
  app.post('/documents', {
    preHandler: requireAnyRole('clerk', 'specialist', 'leader'),
    schema: {
      tags,
      summary: 'Receive or create a document: multipart with a `metadata` JSON field and one or more files (the first is the main file)',
      consumes: ['multipart/form-data'],
      multipart: Type.Object({
        metadata: DocumentMetadata,
        files: documentFileParts(
          uploads,
          'The document: the first file part is the main file, the others its attachments (any field name).',
        ),
      }),
      response: { 201: DocumentDto, ...uploadErrors },
    },
    handler: async (req, reply) => reply.status(201).send(await documents.create(principalOf(req), multipartParts(req))),
  });

  app.post('/documents/:id/files', {
    schema: {
      tags,
      summary: 'Add attachments, or a new version of a file (field `replaces=<fileId>` with one file)',
      consumes: ['multipart/form-data'],
      params: DocumentIdParams,
      multipart: Type.Object({
        replaces: Type.Optional(Type.String({ format: 'uuid', description: 'the id of the file the one file sent is a new version of' })),
        files: documentFileParts(uploads, 'Attachments, or with `replaces` exactly one file (any field name).'),
      }),
      response: { 201: UploadedFilesDto, ...uploadErrors },
    },
    handler: async (req, reply) => reply.status(201).send(await documents.addFiles(principalOf(req), req.params.id, multipartParts(req))),
  });

  app.get('/documents', {
    schema: {
      tags,
      summary:
        'The documents the caller may see, newest first (keyset pagination); q matches number, notation and subject with or without diacritics',
      querystring: ListDocumentsQuery,
      response: {
        200: DocumentListPage,
        ...commonErrors,
      },
    },
    handler: (req) => documents.list(principalOf(req), req.query),
  });

  app.get('/documents/:id', {
    schema: {
      tags,
      summary: 'A document with its files',
      params: DocumentIdParams,
      querystring: GetDocumentQuery,
      response: { 200: DocumentDto, ...commonErrors },
    },
    handler: (req) => documents.get(principalOf(req), req.params.id, req.query),
  });

  app.get('/documents/:id/files/:fileId/content', {
    schema: {
      tags,
      summary: 'The bytes of a file; supports a single Range (206). Inline only for PDF and raster images, a download otherwise',
      params: FileParams,
      response: { 200: FileBytes, 206: FileBytes, 416: ErrorResponse, ...commonErrors },
    },
    handler: async (req, reply) => {
      const range = req.headers.range;
      let content;
      try {
        content = await documents.openContent(principalOf(req), req.params.id, req.params.fileId, range);
      } catch (err) {
        if (isAppError(err) && err.code === 'RANGE_NOT_SATISFIABLE') reply.header('content-range', `bytes */${String(err.details?.size)}`);
        throw err;
      }
      const { file, stream } = content;
      reply.headers(fileResponseHeaders(file)).header('etag', `"${file.sha256}"`).header('accept-ranges', 'bytes');
      if (content.range) {
        const { start, end } = content.range;
        reply
          .status(206)
          .header('content-range', `bytes ${start}-${end}/${file.size}`)
          .header('content-length', end - start + 1);
      } else {
        reply.header('content-length', file.size);
      }
      return reply.send(stream);
    },
  });

  app.post('/documents/:id/access-grants', {
    schema: {
      tags,
      summary: 'Let a user read a confidential document',
      params: DocumentIdParams,
      body: AccessGrantBody,
      response: { 201: AccessGrantDto, 409: ErrorResponse, ...commonErrors },
    },
    handler: async (req, reply) => reply.status(201).send(await documents.grantAccess(principalOf(req), req.params.id, req.body.userId)),
  });

  app.delete('/documents/:id/access-grants/:userId', {
    schema: {
      tags,
      summary: 'Withdraw a user’s explicit access',
      params: GrantParams,
      response: { 204: Type.Null(), 409: ErrorResponse, ...commonErrors },
    },
    handler: async (req, reply) => {
      await documents.revokeAccess(principalOf(req), req.params.id, req.params.userId);
      return reply.status(204).send(null);
    },
  });
};
