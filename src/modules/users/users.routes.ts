import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorResponse, IdParams, Page, commonErrors } from '../../lib/schemas.js';
import { principalOf, requireAnyRole } from '../../plugins/auth.js';
import type { UsersService } from './users.service.js';
import {
  CreateUserBody,
  ListUsersQuery,
  LoginBody,
  LoginResponse,
  PersonDto,
  SetRolesBody,
  UpdateUserBody,
  UserDto,
} from './users.schemas.js';

export const authRoutes: FastifyPluginAsyncTypebox<{ users: UsersService }> = async (app, { users }) => {
  app.post('/auth/login', {
    config: { public: true },
    schema: {
      tags: ['auth'],
      summary: 'Exchange a username and password for a bearer token',
      security: [],
      body: LoginBody,
      response: { 200: LoginResponse, 400: ErrorResponse, 401: ErrorResponse, 429: ErrorResponse },
    },
    handler: async (req, reply) => {
      try {
        return await users.login(req.body.username, req.body.password, req.ip);
      } catch (err) {
        const retry = (err as { details?: { retryAfterSeconds?: number } }).details?.retryAfterSeconds;
        if (retry) reply.header('retry-after', String(retry));
        throw err;
      }
    },
  });

  app.get('/me', {
    schema: { tags: ['auth'], summary: 'The caller, with their roles', response: { 200: UserDto, 401: ErrorResponse } },
    handler: (req) => users.me(principalOf(req)),
  });
};

export const usersRoutes: FastifyPluginAsyncTypebox<{ users: UsersService }> = async (app, { users }) => {
  const tags = ['users'];

  app.get('/users', {
    schema: {
      tags,
      summary:
        'People picker: who the caller may present to, assign to or name on an approval step (an administrator: also everyone in their subtrees)',
      querystring: ListUsersQuery,
      response: { 200: Page(PersonDto), ...commonErrors },
    },
    handler: (req) => users.list(principalOf(req), req.query),
  });

  app.get('/users/:id', {
    schema: {
      tags,
      summary: 'A user the caller administers (or the caller)',
      params: IdParams,
      response: { 200: UserDto, ...commonErrors },
    },
    handler: (req) => users.get(principalOf(req), req.params.id),
  });

  app.post('/users', {
    preHandler: requireAnyRole('admin'),
    schema: {
      tags,
      summary: 'Create a user in a unit the caller administers',
      body: CreateUserBody,
      response: { 201: UserDto, 409: ErrorResponse, ...commonErrors },
    },
    handler: async (req, reply) => reply.status(201).send(await users.create(principalOf(req), req.body)),
  });

  app.patch('/users/:id', {
    preHandler: requireAnyRole('admin'),
    schema: {
      tags,
      summary: 'Change a user; a new password or deactivation revokes their tokens',
      params: IdParams,
      body: UpdateUserBody,
      response: { 200: UserDto, ...commonErrors },
    },
    handler: (req) => users.update(principalOf(req), req.params.id, req.body),
  });

  app.put('/users/:id/roles', {
    preHandler: requireAnyRole('admin'),
    schema: {
      tags,
      summary: 'Replace the roles of a user',
      params: IdParams,
      body: SetRolesBody,
      response: { 200: UserDto, ...commonErrors },
    },
    handler: (req) => users.setRoles(principalOf(req), req.params.id, req.body),
  });
};
