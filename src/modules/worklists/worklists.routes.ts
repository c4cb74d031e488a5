import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { commonErrors } from '../../lib/schemas.js';
import { principalOf } from '../../plugins/auth.js';
import type { WorklistsService } from './worklists.service.js';
import { PersonalListQuery, WorkEntryPage, WorkListParams, WorkSummary, WorkSummaryQuery } from './worklists.schemas.js';

const tags = ['work lists'];

export const worklistsRoutes: FastifyPluginAsyncTypebox<{ worklists: WorklistsService }> = async (app, { worklists }) => {
  app.get('/me/work', {
    schema: {
      tags,
      summary: 'How many items each of the caller’s work lists holds, and the other counts of a home page (one call, one statement)',
      querystring: WorkSummaryQuery,
      response: { 200: WorkSummary, ...commonErrors },
    },
    handler: (req) => worklists.summary(principalOf(req), req.query),
  });

  app.get('/me/work/:list', {
    schema: {
      tags,
      summary: 'One of the caller’s work lists, newest first, with its count',
      params: WorkListParams,
      querystring: PersonalListQuery,
      response: { 200: WorkEntryPage, ...commonErrors },
    },
    handler: (req) => worklists.list(principalOf(req), req.params.list, req.query),
  });
};
