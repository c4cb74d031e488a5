import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { multipartParts, type UploadLimits } from '../../lib/multipart.js';
import { ErrorResponse, IdParams, commonErrors, wholeList } from '../../lib/schemas.js';
import { principalOf } from '../../plugins/auth.js';
import type { ConfidentialReads } from '../documents/documents.service.js';
import { documentFileParts } from '../documents/upload.js';
import type { HandlingModule } from './handling.module.js';
import {
  AssignBody,
  AssignResult,
  AssignmentDetail,
  AssignmentDto,
  CompleteBody,
  CompleteResult,
  DocumentAssignments,
  DocumentStateDto,
  ExtensionBody,
  ExtensionDecisionBody,
  NoteBody,
  NoteDto,
  PresentBody,
  PresentResult,
  RefuseBody,
  RegisterBody,
  RegisterResult,
  ReturnBody,
  WorkListPage,
  WorkListQuery,
  WorkingFilesResult,
} from './handling.schemas.js';

const tags = ['handling'];
const withState = { 409: ErrorResponse, ...commonErrors };

export const handlingRoutes: FastifyPluginAsyncTypebox<{
  handling: HandlingModule;
  documents: ConfidentialReads;
  uploads: UploadLimits;
}> = async (app, { handling, documents, uploads }) => {
  // Registering takes no input: accept an empty body even when a client labels it JSON (Fastify
  // refuses an empty application/json body by default). Scoped to this route only.
  await app.register(async (scoped) => {
    scoped.removeContentTypeParser('application/json');
    scoped.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
      const text = String(body);
      if (text.trim() === '') return done(null, undefined);
      try {
        done(null, JSON.parse(text));
      } catch (err) {
        (err as Error & { statusCode?: number }).statusCode = 400;
        done(err as Error, undefined);
      }
    });
    scoped.withTypeProvider<TypeBoxTypeProvider>().post('/documents/:id/register', {
      schema: {
        tags,
        summary: 'Register a received incoming document: next incoming number (số đến) of the year (clerk of the receiving organisation)',
        description:
          'The body is optional (empty, or {"dueDate": "YYYY-MM-DD" | null} to set or clear the document’s own deadline). A document whose deadline is past is not registered: 400 DEADLINE_IN_PAST (details.dueDate, details.today); today in Asia/Ho_Chi_Minh is allowed.',
        params: IdParams,
        body: Type.Optional(Type.Union([RegisterBody, Type.Null()])),
        response: { 200: RegisterResult, ...withState },
      },
      handler: (req) => handling.intake.register(principalOf(req), req.params.id, req.body ?? {}),
    });
  });

  app.post('/documents/:id/refuse', {
    schema: {
      tags,
      summary: 'Refuse a received document (wrong recipient, invalid)',
      params: IdParams,
      body: RefuseBody,
      response: { 200: DocumentStateDto, ...withState },
    },
    handler: (req) => handling.intake.refuse(principalOf(req), req.params.id, req.body.reason),
  });

  app.post('/documents/:id/present', {
    schema: {
      tags,
      summary: 'Present a registered document to a leader of the receiving organisation',
      params: IdParams,
      body: PresentBody,
      response: { 200: PresentResult, ...withState },
    },
    handler: (req) => handling.intake.present(principalOf(req), req.params.id, req.body.leaderUserId),
  });

  app.post('/documents/:id/assignments', {
    schema: {
      tags,
      summary: 'Direct (bút phê) and assign: one lead, coordinating and informed units or people, with deadlines',
      description:
        'A deadline before today (Asia/Ho_Chi_Minh) is 400 DEADLINE_IN_PAST; a lead whose deadline is after the document’s own is 422 DEADLINE_AFTER_DOCUMENT (details.dueDate, details.documentDueDate) and nothing is written: only an extension granted to the lead moves the document’s deadline.',
      params: IdParams,
      body: AssignBody,
      response: { 201: AssignResult, 422: ErrorResponse, ...withState },
    },
    handler: async (req, reply) => reply.status(201).send(await handling.assignments.assign(principalOf(req), req.params.id, req.body)),
  });

  app.get('/documents/:id/assignments', {
    schema: {
      tags,
      summary: 'Every assignment of a document (the tree by parentId)',
      params: IdParams,
      response: { 200: DocumentAssignments, ...commonErrors },
    },
    handler: async (req) => {
      const assignments = await handling.queries.listForDocument(principalOf(req), req.params.id);
      await documents.auditConfidentialRead(principalOf(req), req.params.id, 'assignments');
      return wholeList(assignments);
    },
  });

  app.get('/assignments', {
    schema: {
      tags,
      summary:
        'Work list: assignments of the caller (mine), of their units (unit) or, for a leader, of every unit and person under them (subtree), newest first, with the number of matches',
      querystring: WorkListQuery,
      response: { 200: WorkListPage, ...commonErrors },
    },
    handler: (req) => handling.queries.workList(principalOf(req), req.query),
  });

  app.get('/assignments/:id', {
    schema: {
      tags,
      summary: 'An assignment with its document, children and progress notes',
      params: IdParams,
      response: { 200: AssignmentDetail, ...commonErrors },
    },
    handler: async (req) => {
      const p = principalOf(req);
      const assignment = await handling.queries.get(p, req.params.id);
      await documents.auditConfidentialRead(p, assignment.document.id, 'assignment', { assignmentId: assignment.id });
      // Opening an assignment opens its document: the caller's items to inform on it are read (answered as they were before).
      await handling.informs.opened(p, assignment.document.id, 'assignment');
      return assignment;
    },
  });

  app.post('/assignments/:id/read', {
    schema: {
      tags,
      summary:
        'Mark an item to inform (nhận để biết) read, its recipient; opening the document, a file of it or the assignment does the same',
      description:
        'Idempotent: an item already read answers as it is, and only the first read is recorded (readAt, readById, and one assignment.read event on the timeline). 404 for an assignment the caller may not see; 403 NOT_ASSIGNMENT_HOLDER for someone who sees it but is not its recipient; 409 INVALID_STATE for an assignment that is not an item to inform, or one withdrawn.',
      params: IdParams,
      response: { 200: AssignmentDto, ...withState },
    },
    handler: (req) => handling.informs.read(principalOf(req), req.params.id),
  });

  app.post('/assignments/:id/assignments', {
    schema: {
      tags,
      summary: 'Re-assign inside the assigned unit (its head)',
      params: IdParams,
      body: AssignBody,
      response: { 201: AssignResult, ...withState },
    },
    handler: async (req, reply) => reply.status(201).send(await handling.assignments.reassign(principalOf(req), req.params.id, req.body)),
  });

  app.post('/assignments/:id/notes', {
    schema: {
      tags,
      summary: 'Add a progress note (optionally with files of the same document)',
      params: IdParams,
      body: NoteBody,
      response: { 201: NoteDto, ...withState },
    },
    handler: async (req, reply) => reply.status(201).send(await handling.progress.addNote(principalOf(req), req.params.id, req.body)),
  });

  app.post('/assignments/:id/files', {
    schema: {
      tags,
      summary:
        'Add working files (reply drafts, minutes) to an open lead or coordinating assignment (its holder): multipart, one or more file parts',
      description:
        'The files are listed with the document’s files (kind note, with assignmentId and createdBy) to everyone who may see the document, and progress notes may name them. 404 for an assignment the caller may not see; 403 NOT_ASSIGNMENT_HOLDER for someone who sees it but does not hold it (or an item to inform); 409 INVALID_STATE on a closed assignment.',
      consumes: ['multipart/form-data'],
      params: IdParams,
      multipart: Type.Object({ files: documentFileParts(uploads, 'The working files (any field name).') }),
      response: { 201: WorkingFilesResult, 413: ErrorResponse, 415: ErrorResponse, 503: ErrorResponse, ...withState },
    },
    handler: async (req, reply) =>
      reply.status(201).send(await handling.workingFiles.add(principalOf(req), req.params.id, multipartParts(req))),
  });

  app.post('/assignments/:id/extension', {
    schema: {
      tags,
      summary: 'Ask the assigner for a later deadline',
      params: IdParams,
      body: ExtensionBody,
      response: { 200: AssignmentDto, ...withState },
    },
    handler: (req) => handling.progress.requestExtension(principalOf(req), req.params.id, req.body),
  });

  app.post('/assignments/:id/extension/decision', {
    schema: {
      tags,
      summary: 'Grant or refuse a pending extension (the assigner)',
      params: IdParams,
      body: ExtensionDecisionBody,
      response: { 200: AssignmentDto, ...withState },
    },
    handler: (req) => handling.progress.decideExtension(principalOf(req), req.params.id, req.body),
  });

  app.post('/assignments/:id/return', {
    schema: {
      tags,
      summary: 'Give the item back to the assigner',
      params: IdParams,
      body: ReturnBody,
      response: { 200: AssignmentDto, ...withState },
    },
    handler: (req) => handling.assignments.returnAssignment(principalOf(req), req.params.id, req.body.reason),
  });

  app.post('/assignments/:id/complete', {
    schema: {
      tags,
      summary: 'Report the result; the document completes with its lead assignment (an item to inform is read, not completed: 409)',
      params: IdParams,
      body: CompleteBody,
      response: { 200: CompleteResult, ...withState },
    },
    handler: (req) => handling.assignments.complete(principalOf(req), req.params.id, req.body),
  });
};
