import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams, commonErrors } from '../../lib/schemas.js';
import { principalOf } from '../../plugins/auth.js';
import type { ConfidentialReads } from '../documents/documents.service.js';
import type { TrackingService } from './tracking.service.js';
import { TimelineDto } from './tracking.schemas.js';

const tags = ['tracking'];

export const trackingRoutes: FastifyPluginAsyncTypebox<{ tracking: TrackingService; documents: ConfidentialReads }> = async (
  app,
  { tracking, documents },
) => {
  app.get('/documents/:id/timeline', {
    schema: {
      tags,
      summary: 'Custody intervals (who held it, role, due, overrun), overdue records and audit events of a document, in time order',
      params: IdParams,
      response: { 200: TimelineDto, ...commonErrors },
    },
    handler: async (req) => {
      const timeline = await tracking.timeline(principalOf(req), req.params.id);
      await documents.auditConfidentialRead(principalOf(req), req.params.id, 'timeline');
      return timeline;
    },
  });
};
