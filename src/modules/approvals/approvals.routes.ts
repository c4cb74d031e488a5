import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorResponse, IdParams, WholeList, commonErrors, wholeList } from '../../lib/schemas.js';
import { principalOf, requireAnyRole } from '../../plugins/auth.js';
import type { ConfidentialReads } from '../documents/documents.service.js';
import { fileResponseHeaders } from '../documents/file-response.js';
import { multipartParts, type UploadLimits } from '../../lib/multipart.js';
import { documentFileParts } from '../documents/upload.js';
import type { ApprovalsModule } from './approvals.module.js';
import {
  ApproveBody,
  CommentBody,
  CreateDelegationBody,
  CreateTemplateBody,
  DraftMetadata,
  DelegationDto,
  DelegationListDto,
  DraftCommentDto,
  DraftDto,
  DraftFileParams,
  ListTemplatesQuery,
  RejectBody,
  ReturnBody,
  StepActionResult,
  SubmitBody,
  TemplateDto,
  UpdateTemplateBody,
  VersionMetadata,
  VersionParams,
  WorkListDto,
  WorkListQuery,
} from './approvals.schemas.js';

const uploadErrors = { 409: ErrorResponse, 413: ErrorResponse, 415: ErrorResponse, 503: ErrorResponse, ...commonErrors } as const;
const stateErrors = { 409: ErrorResponse, 422: ErrorResponse, ...commonErrors } as const;

/** Outgoing drafts, approval workflows (templates, steps, work list) and delegations. */
export const approvalsRoutes: FastifyPluginAsyncTypebox<{
  approvals: ApprovalsModule;
  documents: ConfidentialReads;
  uploads: UploadLimits;
}> = async (app, { approvals, documents, uploads }) => {
  const draftFiles = documentFileParts(
    uploads,
    'The version: the first file part is the main file (a PDF), the others its attachments (any field name).',
  );
  const drafts = ['drafts'];
  app.post('/drafts', {
    preHandler: requireAnyRole('specialist', 'leader', 'clerk'),
    schema: {
      tags: drafts,
      summary: 'Create an outgoing draft: multipart with a `metadata` JSON field, the main PDF, then attachments',
      consumes: ['multipart/form-data'],
      multipart: Type.Object({ metadata: DraftMetadata, files: draftFiles }),
      response: { 201: DraftDto, ...uploadErrors },
    },
    handler: async (req, reply) => reply.status(201).send(await approvals.drafts.createDraft(principalOf(req), multipartParts(req))),
  });

  app.post('/drafts/:id/versions', {
    schema: {
      tags: drafts,
      summary: 'Add a version (main PDF, then attachments; optional `metadata` {note}) while the draft is with its drafter',
      consumes: ['multipart/form-data'],
      params: IdParams,
      multipart: Type.Object({ metadata: Type.Optional(VersionMetadata), files: draftFiles }),
      response: { 201: DraftDto, ...uploadErrors },
    },
    handler: async (req, reply) =>
      reply.status(201).send(await approvals.drafts.addVersion(principalOf(req), req.params.id, multipartParts(req))),
  });

  app.get('/drafts/:id', {
    schema: {
      tags: drafts,
      summary: 'A draft with its versions, comments and workflow',
      params: IdParams,
      response: { 200: DraftDto, ...commonErrors },
    },
    handler: async (req) => {
      const draft = await approvals.drafts.getDraft(principalOf(req), req.params.id);
      await documents.auditConfidentialRead(principalOf(req), req.params.id, 'draft');
      return draft;
    },
  });

  app.get('/drafts/:id/files/:fileId', {
    schema: {
      tags: drafts,
      summary: 'The bytes of a file of any version of the draft',
      params: DraftFileParams,
      response: { 200: Type.Unknown(), ...commonErrors },
    },
    handler: async (req, reply) => {
      const { file, stream } = await approvals.drafts.fileContent(principalOf(req), req.params.id, req.params.fileId);
      await documents.auditConfidentialRead(principalOf(req), req.params.id, 'draft.file', { fileId: file.id }).catch((err: unknown) => {
        // The storage stream is already open: release it when the read cannot be recorded.
        stream.destroy();
        throw err;
      });
      return reply.headers(fileResponseHeaders(file)).header('content-length', String(file.size)).send(stream);
    },
  });

  app.post('/drafts/:id/versions/:n/comments', {
    schema: {
      tags: drafts,
      summary: 'Comment on a version',
      params: VersionParams,
      body: CommentBody,
      response: { 201: DraftCommentDto, ...commonErrors },
    },
    handler: async (req, reply) =>
      reply.status(201).send(await approvals.drafts.addComment(principalOf(req), req.params.id, req.params.n, req.body)),
  });

  app.post('/drafts/:id/submit', {
    schema: {
      tags: drafts,
      summary: 'Submit for approval (or resubmit a returned draft after a new version)',
      params: IdParams,
      body: Type.Optional(SubmitBody),
      response: { 200: DraftDto, ...stateErrors },
    },
    handler: (req) => approvals.workflow.submit(principalOf(req), req.params.id, req.body ?? {}),
  });

  const workflow = ['approvals'];
  app.post('/approval-steps/:id/approve', {
    schema: {
      tags: workflow,
      summary: 'Approve a step (as its approver or their delegate)',
      params: IdParams,
      body: Type.Optional(ApproveBody),
      response: { 200: StepActionResult, ...stateErrors },
    },
    handler: (req) => approvals.workflow.approve(principalOf(req), req.params.id, req.body?.comment ?? null),
  });

  app.post('/approval-steps/:id/return', {
    schema: {
      tags: workflow,
      summary: 'Return the draft to its drafter for revision',
      params: IdParams,
      body: ReturnBody,
      response: { 200: StepActionResult, ...stateErrors },
    },
    handler: (req) => approvals.workflow.returnForRevision(principalOf(req), req.params.id, req.body.comment),
  });

  app.post('/approval-steps/:id/reject', {
    schema: {
      tags: workflow,
      summary: 'Reject the draft',
      params: IdParams,
      body: RejectBody,
      response: { 200: StepActionResult, ...stateErrors },
    },
    handler: (req) => approvals.workflow.reject(principalOf(req), req.params.id, req.body.reason),
  });

  app.get('/approvals', {
    schema: {
      tags: workflow,
      summary: "The caller's approval work list (own and delegated steps)",
      querystring: WorkListQuery,
      response: { 200: WorkListDto, ...commonErrors },
    },
    handler: (req) => approvals.workflow.workList(principalOf(req), req.query),
  });

  app.post('/approval-templates', {
    preHandler: requireAnyRole('admin', 'leader'),
    schema: {
      tags: workflow,
      summary: 'Create an approval workflow template (version 1)',
      body: CreateTemplateBody,
      response: { 201: TemplateDto, ...commonErrors },
    },
    handler: async (req, reply) => reply.status(201).send(await approvals.templates.createTemplate(principalOf(req), req.body)),
  });

  app.put('/approval-templates/:id', {
    preHandler: requireAnyRole('admin', 'leader'),
    schema: {
      tags: workflow,
      summary: 'Edit a template: adds a new version; running instances keep theirs',
      params: IdParams,
      body: UpdateTemplateBody,
      response: { 200: TemplateDto, 409: ErrorResponse, ...commonErrors },
    },
    handler: (req) => approvals.templates.updateTemplate(principalOf(req), req.params.id, req.body),
  });

  app.get('/approval-templates', {
    schema: {
      tags: workflow,
      summary: 'Templates of an organisation (current versions unless all=true)',
      querystring: ListTemplatesQuery,
      response: { 200: WholeList(TemplateDto), ...commonErrors },
    },
    handler: async (req) => wholeList(await approvals.templates.listTemplates(principalOf(req), req.query)),
  });

  app.get('/approval-templates/:id', {
    schema: { tags: workflow, summary: 'One template version', params: IdParams, response: { 200: TemplateDto, ...commonErrors } },
    handler: (req) => approvals.templates.getTemplate(principalOf(req), req.params.id),
  });

  const delegation = ['delegations'];
  app.post('/delegations', {
    schema: {
      tags: delegation,
      summary: 'Delegate approving and/or signing (ủy quyền) for a period',
      body: CreateDelegationBody,
      response: { 201: DelegationDto, ...stateErrors },
    },
    handler: async (req, reply) => reply.status(201).send(await approvals.delegations.createDelegation(principalOf(req), req.body)),
  });

  app.get('/delegations', {
    schema: {
      tags: delegation,
      summary: 'Delegations the caller gave and received',
      response: { 200: DelegationListDto, ...commonErrors },
    },
    handler: (req) => approvals.delegations.listDelegations(principalOf(req)),
  });

  app.delete('/delegations/:id', {
    schema: {
      tags: delegation,
      summary: 'Revoke a delegation the caller gave',
      params: IdParams,
      response: { 200: DelegationDto, 409: ErrorResponse, ...commonErrors },
    },
    handler: (req) => approvals.delegations.revokeDelegation(principalOf(req), req.params.id),
  });
};
