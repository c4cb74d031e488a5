import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorResponse, IdParams, WholeList, commonErrors, wholeList } from '../../lib/schemas.js';
import { principalOf } from '../../plugins/auth.js';
import type { ConfidentialReads } from '../documents/documents.service.js';
import { fileParts, multipartParts, type UploadLimits } from '../../lib/multipart.js';
import { Uuid } from '../../lib/schemas.js';
import { MAX_P12_BYTES, type CertificatesService } from './certificates.service.js';
import type { SigningSessionsService } from './signing-sessions.service.js';
import type { VerificationService } from './verification.service.js';
import {
  CertificateDto,
  CompleteSessionBody,
  FileParams,
  FileVerificationDto,
  ListCertificatesQuery,
  SignedFileDto,
  SigningSessionBody,
  SigningSessionDto,
  VerificationDto,
} from './signing.schemas.js';

const multipartErrors = { ...commonErrors, 413: ErrorResponse, 415: ErrorResponse, 422: ErrorResponse };

export type SigningRoutesOptions = {
  certificates: Pick<CertificatesService, 'uploadCertificate' | 'listCertificates' | 'deactivateCertificate'>;
  verification: Pick<VerificationService, 'verifyUpload' | 'getFileReport'>;
  sessions: Pick<SigningSessionsService, 'createSession' | 'completeSession'>;
  documents: ConfidentialReads;
  uploads: UploadLimits;
};

export const signingRoutes: FastifyPluginAsyncTypebox<SigningRoutesOptions> = async (
  app,
  { certificates, verification, sessions, documents, uploads },
) => {
  const tags = ['signing'];

  app.post('/certificates', {
    schema: {
      tags,
      summary: 'Upload a PKCS#12 certificate and key (multipart: p12, password, optional organizationId for an agency seal)',
      consumes: ['multipart/form-data'],
      multipart: Type.Object({
        p12: fileParts({
          description: 'The PKCS#12 file (certificate and private key).',
          maxCount: 1,
          maxBytes: MAX_P12_BYTES,
          accepted: 'p12, pfx',
        }),
        password: Type.String({ description: "the PKCS#12 file's password" }),
        organizationId: Type.Optional({
          ...Uuid,
          description: "an agency seal: the organisation whose seal it is (else the certificate is the caller's)",
        }),
      }),
      response: { 201: CertificateDto, ...multipartErrors },
    },
    handler: async (req, reply) => reply.status(201).send(await certificates.uploadCertificate(principalOf(req), multipartParts(req))),
  });

  app.get('/certificates', {
    schema: {
      tags,
      summary: "The caller's certificates (mine=true, the default) or an organisation's; never any key material",
      querystring: ListCertificatesQuery,
      response: { 200: WholeList(CertificateDto), ...commonErrors },
    },
    handler: async (req) => wholeList({ items: await certificates.listCertificates(principalOf(req), req.query) }),
  });

  app.delete('/certificates/:id', {
    schema: { tags, summary: 'Deactivate a certificate', params: IdParams, response: { 200: CertificateDto, ...commonErrors } },
    handler: (req) => certificates.deactivateCertificate(principalOf(req), req.params.id),
  });

  app.post('/signatures/verify', {
    schema: {
      tags,
      summary: 'Verify every signature of an uploaded PDF (multipart, one file)',
      consumes: ['multipart/form-data'],
      multipart: Type.Object({
        file: fileParts({
          description: 'The PDF to verify (any field name).',
          maxCount: 1,
          maxBytes: uploads.maxFileBytes,
          accepted: 'pdf',
        }),
      }),
      response: { 200: VerificationDto, ...multipartErrors },
    },
    handler: (req) => verification.verifyUpload(multipartParts(req)),
  });

  app.get('/documents/:id/files/:fileId/signatures', {
    schema: {
      tags,
      summary: 'The stored signature report of a document file',
      params: FileParams,
      response: { 200: FileVerificationDto, ...commonErrors },
    },
    handler: async (req) => {
      const report = await verification.getFileReport(principalOf(req), req.params.id, req.params.fileId);
      await documents.auditConfidentialRead(principalOf(req), req.params.id, 'signatures', { fileId: req.params.fileId });
      return report;
    },
  });

  app.post('/documents/:id/files/:fileId/signing-sessions', {
    schema: {
      tags,
      summary:
        "Prepare an external signature (USB token, remote signing): answers what the device must sign. The same rules as server-side signing (the approved signer of an approved draft; a clerk of the owner sealing an issued document); the certificate must chain to the trust list and be the signer's",
      params: FileParams,
      body: SigningSessionBody,
      response: { 201: SigningSessionDto, 409: ErrorResponse, 422: ErrorResponse, 429: ErrorResponse, ...commonErrors },
    },
    handler: async (req, reply) =>
      reply.status(201).send(await sessions.createSession(principalOf(req), req.params.id, req.params.fileId, req.body)),
  });

  app.post('/signing-sessions/:id/complete', {
    schema: {
      tags,
      summary: "Complete an external signature with the device's signature value; answers the new file version",
      params: IdParams,
      body: CompleteSessionBody,
      response: { 200: SignedFileDto, 409: ErrorResponse, 422: ErrorResponse, ...commonErrors },
    },
    handler: (req) => sessions.completeSession(principalOf(req), req.params.id, req.body),
  });
};
