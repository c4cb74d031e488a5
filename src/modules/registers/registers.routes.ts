import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorResponse, WholeList, commonErrors, wholeList } from '../../lib/schemas.js';
import { principalOf, requireAnyRole } from '../../plugins/auth.js';
import type { RegistersService } from './registers.service.js';
import { CreateRegisterBody, RegisterDto, RegisterListQuery } from './registers.schemas.js';

const tags = ['registers'];

export const registersRoutes: FastifyPluginAsyncTypebox<{ registers: RegistersService }> = async (app, { registers }) => {
  app.get('/registers', {
    schema: {
      tags,
      summary: "An organisation's registers (sổ văn bản)",
      querystring: RegisterListQuery,
      response: { 200: WholeList(RegisterDto), ...commonErrors },
    },
    handler: async (req) => wholeList({ items: await registers.list(principalOf(req), req.query) }),
  });

  app.post('/registers', {
    preHandler: requireAnyRole('admin', 'clerk'),
    schema: {
      tags,
      summary: 'Create a register (admin or clerk of the organisation)',
      body: CreateRegisterBody,
      response: { 201: RegisterDto, 409: ErrorResponse, ...commonErrors },
    },
    handler: async (req, reply) => reply.status(201).send(await registers.create(principalOf(req), req.body)),
  });
};
