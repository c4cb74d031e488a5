import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

import { REGISTER_KINDS } from '../../db/schema/index.js';
import { commonErrors, IdParams, WholeList, wholeList } from '../../lib/schemas.js';
import { principalOf } from '../../plugins/auth.js';
import { Attachment, attachmentHeaders, sendExport } from './export-response.js';
import type { RegisterClosingsService } from './register-closings.service.js';
import { ClosingBody, ClosingsQuery, RegisterClosingDto, registerDto, RegisterKindSchema, RegisterQuery } from './registers.schemas.js';
import type { RegisterReportsService } from './registers.service.js';

const tags = ['reports'];

const SUMMARIES = {
  incoming: 'Sổ đăng ký văn bản đến: incoming documents registered in the period, in số đến order',
  outgoing: 'Sổ đăng ký văn bản đi: documents issued in the period, in number order',
  'incoming-tracking': 'Sổ theo dõi giải quyết văn bản đến: incoming documents of the period with deadline, progress and reply',
} as const;

export const registerReportsRoutes: FastifyPluginAsyncTypebox<{
  registers: RegisterReportsService;
  closings: RegisterClosingsService;
}> = async (app, { registers, closings }) => {
  for (const kind of REGISTER_KINDS) {
    app.get(`/reports/registers/${kind}`, {
      schema: {
        tags,
        summary: `${SUMMARIES[kind]} (Decree 30/2020 Phụ lục IV); the organisation's clerks and the leaders over it`,
        description:
          'format=json (default) answers one page of rows, one field per Phụ lục IV column (`columns` gives the official headings); format=xlsx or pdf answers the whole register as an attachment (A4 landscape in PDF).',
        querystring: RegisterQuery,
        response: { 200: Type.Union([registerDto(kind), Attachment]), ...commonErrors },
      },
      handler: async (req, reply) => {
        const p = principalOf(req);
        const format = req.query.format ?? 'json';
        if (format === 'json') return registers.rows(p, kind, req.query);
        return sendExport(req, reply, await registers.export(p, kind, { ...req.query, format }));
      },
    });
  }

  app.post('/reports/registers/:register/closings', {
    schema: {
      tags,
      summary:
        "Close a register for a period (đóng sổ): its PDF sealed with the agency's seal (PAdES) and stored; the organisation's clerks only",
      params: Type.Object({ register: RegisterKindSchema }),
      body: ClosingBody,
      response: { 201: RegisterClosingDto, ...commonErrors },
    },
    handler: async (req, reply) => reply.code(201).send(await closings.close(principalOf(req), req.params.register, req.body)),
  });

  app.get('/reports/register-closings', {
    schema: {
      tags,
      summary: "An organisation's closed registers, latest period first",
      querystring: ClosingsQuery,
      response: { 200: WholeList(RegisterClosingDto), ...commonErrors },
    },
    handler: async (req) => wholeList(await closings.list(principalOf(req), req.query.organizationId, req.query.register)),
  });

  app.get('/reports/register-closings/:id/file', {
    schema: {
      tags,
      summary: 'The sealed PDF of a closed register (attachment)',
      params: IdParams,
      response: { 200: Attachment, ...commonErrors },
    },
    handler: async (req, reply) => {
      const file = await closings.file(principalOf(req), req.params.id);
      reply.headers({ ...attachmentHeaders(file.fileName, 'application/pdf'), 'content-length': String(file.size) });
      return reply.send(file.stream);
    },
  });
};
