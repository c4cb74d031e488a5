import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorResponse, IdParams, Page, commonErrors } from '../../lib/schemas.js';
import { principalOf, requireAnyRole } from '../../plugins/auth.js';
import type { OrgsService } from './orgs.service.js';
import type { ReorganisationService } from './reorganisation.service.js';
import {
  CreateOrganizationBody,
  DissolveOrganizationBody,
  MergeOrganizationsBody,
  MoveOrganizationBody,
  OrganizationDetail,
  OrganizationDto,
  SubtreeQuery,
  UnitsQuery,
  UpdateOrganizationBody,
} from './orgs.schemas.js';

const tags = ['organizations'];

export const orgsRoutes: FastifyPluginAsyncTypebox<{ orgs: OrgsService; reorganisation: ReorganisationService }> = async (
  app,
  { orgs, reorganisation },
) => {
  app.get('/organizations', {
    schema: {
      tags,
      summary: 'Unit picker: the current units the caller may send to, assign to or name on an approval step',
      querystring: UnitsQuery,
      response: { 200: Page(OrganizationDto), ...commonErrors },
    },
    handler: (req) => orgs.search(principalOf(req), req.query),
  });

  app.get('/organizations/:id', {
    schema: {
      tags,
      summary: 'An organisation with its ancestors, predecessors, successors and earlier names',
      params: IdParams,
      response: { 200: OrganizationDetail, ...commonErrors },
    },
    handler: (req) => orgs.get(req.params.id),
  });

  app.get('/organizations/:id/subtree', {
    schema: {
      tags,
      summary: 'The unit and everything below it, depth-first, paginated',
      params: IdParams,
      querystring: SubtreeQuery,
      response: { 200: Page(OrganizationDto), ...commonErrors },
    },
    handler: (req) => orgs.subtree(req.params.id, req.query),
  });

  app.post('/organizations', {
    preHandler: requireAnyRole('admin'),
    schema: {
      tags,
      summary: 'Create a unit under a parent the caller administers',
      body: CreateOrganizationBody,
      response: { 201: OrganizationDto, 409: ErrorResponse, ...commonErrors },
    },
    handler: async (req, reply) => reply.status(201).send(await orgs.create(principalOf(req), req.body)),
  });

  app.patch('/organizations/:id', {
    preHandler: requireAnyRole('admin'),
    schema: {
      tags,
      summary: 'Rename or re-code a unit (the earlier values are kept in its history)',
      params: IdParams,
      body: UpdateOrganizationBody,
      response: { 200: OrganizationDto, 409: ErrorResponse, ...commonErrors },
    },
    handler: (req) => orgs.update(principalOf(req), req.params.id, req.body),
  });

  app.post('/organizations/:id/move', {
    preHandler: requireAnyRole('admin'),
    schema: {
      tags,
      summary: 'Move a unit and its subtree under another parent',
      params: IdParams,
      body: MoveOrganizationBody,
      response: { 200: OrganizationDto, 409: ErrorResponse, ...commonErrors },
    },
    handler: (req) => orgs.move(principalOf(req), req.params.id, req.body.newParentId),
  });

  app.post('/organizations/merge', {
    preHandler: requireAnyRole('admin'),
    schema: {
      tags,
      summary:
        'Merge units into an existing or a new unit: sub-units, staff and all their work (documents, open assignments, custody, drafts in flight) move, the sources stay as predecessors',
      body: MergeOrganizationsBody,
      response: { 200: OrganizationDto, 409: ErrorResponse, ...commonErrors },
    },
    handler: (req) => reorganisation.merge(principalOf(req), req.body),
  });

  app.post('/organizations/:id/dissolve', {
    preHandler: requireAnyRole('admin'),
    schema: {
      tags,
      summary:
        'Dissolve a unit into a named successor: its sub-units, staff and all its work move there, the unit ends and stays as a predecessor; answers the successor',
      params: IdParams,
      body: DissolveOrganizationBody,
      response: { 200: OrganizationDto, 409: ErrorResponse, ...commonErrors },
    },
    handler: (req) => reorganisation.dissolve(principalOf(req), req.params.id, req.body),
  });
};
