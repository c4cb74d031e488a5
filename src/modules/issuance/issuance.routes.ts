import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorResponse, IdParams, commonErrors } from '../../lib/schemas.js';
import { principalOf } from '../../plugins/auth.js';
import type { IssuanceService } from './issuance.service.js';
import { IssueBody, IssueResultDto, SignAcceptedDto, SignBody } from './issuance.schemas.js';

const tags = ['issuance'];
const stateErrors = { ...commonErrors, 409: ErrorResponse, 422: ErrorResponse };

/** Signing of an approved outgoing draft by its signer, and issuance (number, date, agency seal) by a clerk. */
export const issuanceRoutes: FastifyPluginAsyncTypebox<{ issuance: IssuanceService }> = async (app, { issuance }) => {
  app.post('/documents/:id/sign', {
    schema: {
      tags,
      summary: "Queue the approved signer's signature of the approved version (202; the document becomes 'signed' when the job completes)",
      params: IdParams,
      body: Type.Optional(SignBody),
      response: { 202: SignAcceptedDto, ...stateErrors },
    },
    handler: async (req, reply) => reply.status(202).send(await issuance.requestSign(principalOf(req), req.params.id, req.body ?? {})),
  });

  app.post('/documents/:id/issue', {
    schema: {
      tags,
      summary:
        'Issue a signed outgoing document (clerk of the issuing organisation): number, notation and date from the outgoing register, then the agency seal (queued)',
      params: IdParams,
      body: Type.Optional(IssueBody),
      response: { 200: IssueResultDto, ...stateErrors },
    },
    handler: (req) => issuance.issue(principalOf(req), req.params.id, req.body ?? {}),
  });
};
