import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { commonErrors } from '../../lib/schemas.js';
import { principalOf } from '../../plugins/auth.js';
import { AccountabilityDto, AccountabilityQuery, HandlingQuery, HandlingReportDto } from './reports.schemas.js';
import type { ReportsService } from './reports.service.js';

const tags = ['reports'];

export const reportsRoutes: FastifyPluginAsyncTypebox<{ reports: ReportsService }> = async (app, { reports }) => {
  app.get('/reports/handling', {
    schema: {
      tags,
      summary:
        'Handling report (tình hình giải quyết văn bản đến) of an organisation subtree for a period, per child unit, unit or person (leaders and administrators over it)',
      querystring: HandlingQuery,
      response: { 200: HandlingReportDto, ...commonErrors },
    },
    handler: (req) => reports.handling(principalOf(req), { ...req.query, groupBy: req.query.groupBy ?? 'child' }),
  });

  app.get('/reports/accountability', {
    schema: {
      tags,
      summary: 'Who held late items: holders whose custody overran its allowance, ranked by working days beyond it',
      querystring: AccountabilityQuery,
      response: { 200: AccountabilityDto, ...commonErrors },
    },
    handler: (req) => reports.accountability(principalOf(req), { ...req.query, groupBy: req.query.groupBy ?? 'person' }),
  });
};
