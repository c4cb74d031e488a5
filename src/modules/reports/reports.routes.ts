import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

import { commonErrors } from '../../lib/schemas.js';
import { principalOf } from '../../plugins/auth.js';
import { Attachment, sendExport } from './export-response.js';
import { accountabilityExport, handlingExport, sentExport } from './report-export.js';
import { AccountabilityItemsPage, AccountabilityItemsQuery, HandlingDocumentsPage, HandlingDocumentsQuery } from './drilldown.schemas.js';
import type { DrilldownService } from './drilldown.service.js';
import {
  AccountabilityDto,
  AccountabilityQuery,
  HandlingQuery,
  HandlingReportDto,
  OverdueUnitsDto,
  OverdueUnitsQuery,
  SentQuery,
  SentReportDto,
} from './reports.schemas.js';
import type { ReportsService } from './reports.service.js';

const tags = ['reports'];

export const reportsRoutes: FastifyPluginAsyncTypebox<{ reports: ReportsService; drilldowns: DrilldownService }> = async (
  app,
  { reports, drilldowns },
) => {
  app.get('/reports/handling', {
    schema: {
      tags,
      summary:
        'Handling report (tình hình giải quyết văn bản đến) of an organisation subtree for a period, per child unit, unit or person (leaders and administrators over it)',
      description: 'format=json (default) answers the report; xlsx or pdf the same rows and a total row as an attachment.',
      querystring: HandlingQuery,
      response: { 200: Type.Union([HandlingReportDto, Attachment]), ...commonErrors },
    },
    handler: async (req, reply) => {
      const { format = 'json', ...q } = req.query;
      const report = await reports.handling(principalOf(req), { ...q, groupBy: q.groupBy ?? 'child' });
      return format === 'json' ? report : sendExport(req, reply, handlingExport(report, format));
    },
  });

  app.get('/reports/accountability', {
    schema: {
      tags,
      summary: 'Who held late items: holders whose custody overran its allowance, ranked by working days beyond it',
      description: 'format=json (default) answers the ranking; xlsx or pdf the same rows as an attachment.',
      querystring: AccountabilityQuery,
      response: { 200: Type.Union([AccountabilityDto, Attachment]), ...commonErrors },
    },
    handler: async (req, reply) => {
      const { format = 'json', ...q } = req.query;
      const report = await reports.accountability(principalOf(req), { ...q, groupBy: q.groupBy ?? 'person' });
      return format === 'json' ? report : sendExport(req, reply, accountabilityExport(report, format));
    },
  });
  app.get('/reports/handling/documents', {
    schema: {
      tags,
      summary: 'The documents behind one figure of a handling report row (its category, for a subtree, a unit or a person), keyset-paged',
      description:
        'The same items, definitions and period as GET /reports/handling: the total is the figure of that row. Ordered by deadline (open items), completion (done) or registration (carried over, received).',
      querystring: HandlingDocumentsQuery,
      response: { 200: HandlingDocumentsPage, ...commonErrors },
    },
    handler: (req) => drilldowns.handlingDocuments(principalOf(req), req.query),
  });

  app.get('/reports/accountability/items', {
    schema: {
      tags,
      summary: 'The late custody intervals behind one row of the accountability ranking, most working days beyond the allowance first',
      querystring: AccountabilityItemsQuery,
      response: { 200: AccountabilityItemsPage, ...commonErrors },
    },
    handler: (req) => drilldowns.accountabilityItems(principalOf(req), req.query),
  });

  app.get('/reports/overdue-units', {
    schema: {
      tags,
      summary:
        "The units of an organisation subtree holding the most documents overdue today, most first (a leader's home; counted as the handling report's openOverdue)",
      querystring: OverdueUnitsQuery,
      response: { 200: OverdueUnitsDto, ...commonErrors },
    },
    handler: (req) => reports.overdueUnits(principalOf(req), req.query),
  });
  app.get('/reports/sent', {
    schema: {
      tags,
      summary:
        "Sender's view: the copies an organisation subtree sent in a period, per recipient level or recipient: not yet registered, being handled, finished, refused, late (leaders and administrators over it)",
      description: 'format=json (default) answers the report; xlsx or pdf the same rows and a total row as an attachment.',
      querystring: SentQuery,
      response: { 200: Type.Union([SentReportDto, Attachment]), ...commonErrors },
    },
    handler: async (req, reply) => {
      const { format = 'json', ...q } = req.query;
      const report = await reports.sent(principalOf(req), { ...q, groupBy: q.groupBy ?? 'level' });
      return format === 'json' ? report : sendExport(req, reply, sentExport(report, format));
    },
  });
};
