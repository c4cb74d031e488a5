import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams, commonErrors } from '../../lib/schemas.js';
import { principalOf } from '../../plugins/auth.js';
import type { TrackingService } from './tracking.service.js';
import { TimelineDto } from './tracking.schemas.js';

const tags = ['tracking'];

export const trackingRoutes: FastifyPluginAsyncTypebox<{ tracking: TrackingService }> = async (app, { tracking }) => {
  app.get('/documents/:id/timeline', {
    schema: { tags, summary: 'Custody intervals (who held it, role, due, overrun), overdue records and audit events of a document, in time order', params: IdParams, response: { 200: TimelineDto, ...commonErrors } },
    handler: (req) => tracking.timeline(principalOf(req), req.params.id),
  });
};
