import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { commonErrors } from '../../lib/schemas.js';
import { principalOf, requireAnyRole } from '../../plugins/auth.js';
import type { CalendarService } from './calendar.service.js';
import { CalendarYearDto, DateParams, OverrideBody, OverrideDto, YearParams } from './calendar.schemas.js';

const tags = ['calendar'];

export const calendarRoutes: FastifyPluginAsyncTypebox<{ calendar: CalendarService }> = async (app, { calendar }) => {
  app.get('/calendar/:year', {
    schema: {
      tags,
      summary: 'The effective working calendar of a year: holidays, compensatory days, overrides, working Saturdays',
      params: YearParams,
      response: { 200: Type.Intersect([CalendarYearDto, Type.Object({ overrides: Type.Array(OverrideDto) })]), ...commonErrors },
    },
    handler: async (req) => ({ ...(await calendar.year(req.params.year)), overrides: await calendar.overrides(req.params.year) }),
  });

  app.put('/calendar/overrides/:date', {
    preHandler: requireAnyRole('admin'),
    schema: {
      tags,
      summary: 'Set the decision for one date (admin of a root organisation)',
      params: DateParams,
      body: OverrideBody,
      response: { 200: OverrideDto, ...commonErrors },
    },
    handler: (req) => calendar.putOverride(principalOf(req), req.params.date, req.body),
  });

  app.delete('/calendar/overrides/:date', {
    preHandler: requireAnyRole('admin'),
    schema: {
      tags,
      summary: 'Remove the decision for one date (admin of a root organisation)',
      params: DateParams,
      response: { 204: Type.Null(), ...commonErrors },
    },
    handler: async (req, reply) => {
      await calendar.deleteOverride(principalOf(req), req.params.date);
      return reply.status(204).send(null);
    },
  });
};
