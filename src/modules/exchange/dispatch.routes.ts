import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorResponse, IdParams, commonErrors, wholeList } from '../../lib/schemas.js';
import { principalOf } from '../../plugins/auth.js';
import {
  DeadLetterPage,
  DeadLetterQuery,
  DeliveryDto,
  DeliveryList,
  DispatchBody,
  DispatchResultDto,
  RecallAnswerBody,
  RecallAnswerResult,
  RecallBody,
  RecallDto,
  RecallResult,
} from './dispatch.schemas.js';
import type { ConfidentialReads } from '../documents/documents.service.js';
import type { DispatchService } from './dispatch.service.js';
import type { RecallService } from './recall.service.js';

const tags = ['exchange'];
const withState = { 409: ErrorResponse, ...commonErrors };

/** Sending documents out (dispatch, fan-out), the sender's per-recipient view, recall, dead letters. */
export const dispatchRoutes: FastifyPluginAsyncTypebox<{
  dispatch: DispatchService;
  recall: RecallService;
  documents: ConfidentialReads;
}> = async (app, { dispatch, recall, documents }) => {
  app.post('/documents/:id/dispatch', {
    schema: {
      tags,
      summary: 'Send a document to recipients (organisations here, remote organ codes, or every unit of a level or tier under a unit)',
      description:
        'Refused whole with 409 SECRET_DOCUMENT_NOT_EXCHANGEABLE when a secret document (mật, tối mật, tuyệt mật) has a remote recipient, and with 400 when the selector reaches no unit.',
      params: IdParams,
      body: DispatchBody,
      response: { 202: DispatchResultDto, ...withState },
    },
    handler: async (req, reply) => reply.status(202).send(await dispatch.dispatch(principalOf(req), req.params.id, req.body)),
  });

  app.get('/documents/:id/deliveries', {
    schema: {
      tags,
      summary: 'Per recipient: delivery state, latest status code and history',
      params: IdParams,
      response: { 200: DeliveryList, ...commonErrors },
    },
    handler: async (req) => {
      const deliveries = await dispatch.listDeliveries(principalOf(req), req.params.id);
      await documents.auditConfidentialRead(principalOf(req), req.params.id, 'deliveries');
      return wholeList(deliveries);
    },
  });

  app.post('/documents/:id/recall', {
    schema: {
      tags,
      summary: 'Recall a sent document from every recipient (BussinessDocType 1)',
      params: IdParams,
      body: RecallBody,
      response: { 202: RecallResult, ...withState },
    },
    handler: async (req, reply) => reply.status(202).send(await recall.recall(principalOf(req), req.params.id, req.body.reason)),
  });

  app.post('/documents/:id/update', {
    schema: {
      tags,
      summary: 'Tell every recipient the document was updated (BussinessDocType 2); answered 15/16',
      description:
        'Remote recipients get the current files: refused with 409 SECRET_DOCUMENT_NOT_EXCHANGEABLE for a secret document with remote recipients.',
      params: IdParams,
      body: RecallBody,
      response: { 202: RecallResult, ...withState },
    },
    handler: async (req, reply) => reply.status(202).send(await recall.update(principalOf(req), req.params.id, req.body.reason)),
  });

  app.get('/documents/:id/recall', {
    schema: {
      tags,
      summary: 'The recall (update, replace) pending on or answered for an incoming document',
      params: IdParams,
      response: { 200: RecallDto, ...commonErrors },
    },
    handler: async (req) => {
      const pending = await recall.get(principalOf(req), req.params.id);
      await documents.auditConfidentialRead(principalOf(req), req.params.id, 'recall');
      return pending;
    },
  });

  app.post('/documents/:id/recall-answer', {
    schema: {
      tags,
      summary: 'Answer a recall of an incoming document: 15 agree, 16 refuse',
      params: IdParams,
      body: RecallAnswerBody,
      response: { 200: RecallAnswerResult, ...withState },
    },
    handler: (req) => recall.answer(principalOf(req), req.params.id, req.body),
  });

  app.get('/exchange/dead-letters', {
    schema: {
      tags,
      summary: 'Deliveries (remote sends, internal fan-outs) that failed beyond the retry budget (admin)',
      querystring: DeadLetterQuery,
      response: { 200: DeadLetterPage, ...commonErrors },
    },
    handler: (req) => dispatch.listDeadLetters(principalOf(req), req.query),
  });

  app.post('/exchange/dead-letters/:id/replay', {
    schema: {
      tags,
      summary: 'Send a dead-lettered delivery again, as what it was (new, recall, update, replacement) (admin)',
      description: 'A remote copy of a secret document is not sent again (409 SECRET_DOCUMENT_NOT_EXCHANGEABLE); only a recall of it is.',
      params: IdParams,
      response: { 202: DeliveryDto, ...withState },
    },
    handler: async (req, reply) => reply.status(202).send(await dispatch.replay(principalOf(req), req.params.id)),
  });
};
