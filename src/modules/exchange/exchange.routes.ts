import { Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AppError } from '../../lib/errors.js';
import { ErrorResponse, commonErrors, wholeList } from '../../lib/schemas.js';
import { principalOf, requireAnyRole } from '../../plugins/auth.js';
import type { InboundService } from './inbound.service.js';
import type { AxisConnector } from './axis/axis-connector.js';
import type { AgencyDirectory } from './axis/agency-directory.js';
import {
  AgencyPage,
  AgencyQuery,
  AgencySyncResult,
  RegisterAgencyBody,
  RegisteredAgency,
  AxisStatusDto,
  CreatedPeerDto,
  CreatePeerBody,
  InboundReceipt,
  PeerList,
} from './exchange.schemas.js';
import { CONTENT_SHA256_HEADER, PEER_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './peer-auth.js';
import { assertDeploymentAdmin, type PeersService } from './peers.service.js';

const tags = ['exchange'];

/** Content types of an edXML package; the body reaches the handler as the raw request stream. */
export const EDXML_CONTENT_TYPES = ['application/xml', 'application/edxml+xml', 'text/xml'];

const header = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

/** Peer administration (bearer token, deployment admin) and the peer-signed inbound endpoint. */
export const exchangeRoutes: FastifyPluginAsyncTypebox<{
  peers: PeersService;
  inbound: InboundService;
  axis: Pick<AxisConnector, 'status'> | null;
  agencies: AgencyDirectory;
}> = async (app, { peers, inbound, axis, agencies }) => {
  // Encapsulated in this plugin: only these routes take XML, and the stream is passed through
  // unparsed (inbound.accept stores it while hashing and enforces EXCHANGE_MAX_PACKAGE_BYTES).
  app.addContentTypeParser(EDXML_CONTENT_TYPES, (_req, payload, done) => done(null, payload));

  app.post('/exchange/peers', {
    preHandler: requireAnyRole('admin'),
    schema: {
      tags,
      summary: 'Register an exchange peer; its shared secret is shown once',
      body: CreatePeerBody,
      response: { 201: CreatedPeerDto, ...commonErrors },
    },
    handler: async (req, reply) => reply.status(201).send(await peers.create(principalOf(req), req.body)),
  });

  app.get('/exchange/peers', {
    preHandler: requireAnyRole('admin'),
    schema: { tags, summary: 'Exchange peers (without secrets)', response: { 200: PeerList, ...commonErrors } },
    handler: async (req) => wholeList(await peers.list(principalOf(req))),
  });

  app.get('/exchange/axis', {
    preHandler: requireAnyRole('admin'),
    schema: {
      tags,
      summary: 'The national axis connector: settings (never the secret), the poller’s last state, what came and what waits to go',
      response: { 200: AxisStatusDto, ...commonErrors },
    },
    handler: async (req) => {
      assertDeploymentAdmin(principalOf(req));
      return axis ? axis.status() : { enabled: false as const };
    },
  });

  app.get('/exchange/agencies', {
    schema: {
      tags,
      summary:
        'The national axis’s agency directory (ministries, other provinces…): active agencies whose name or code holds every word of q, with or without diacritics; for the dispatch recipient picker',
      querystring: AgencyQuery,
      response: { 200: AgencyPage, ...commonErrors },
    },
    handler: (req) => agencies.search(req.query),
  });

  app.post('/exchange/agencies/sync', {
    preHandler: requireAnyRole('admin'),
    schema: {
      tags,
      summary:
        'Synchronise the whole agency directory with the axis now (getAgenciesList and getSynchronizeUnit; the nightly job asks only for what changed since); a deployment administrator only; audited',
      response: { 200: AgencySyncResult, ...commonErrors, 502: ErrorResponse },
    },
    handler: async (req) => {
      assertDeploymentAdmin(principalOf(req));
      return agencies.sync({ actorId: principalOf(req).id, full: true });
    },
  });

  app.post('/exchange/agencies/register', {
    preHandler: requireAnyRole('admin'),
    schema: {
      tags,
      summary: 'Register one of our organisations at the axis (registerAgency) under its parent; a deployment administrator only; audited',
      body: RegisterAgencyBody,
      response: { 200: RegisteredAgency, ...commonErrors, 502: ErrorResponse },
    },
    handler: (req) => agencies.register(principalOf(req), req.body.organizationId),
  });

  app.post('/exchange/agencies/unregister', {
    preHandler: requireAnyRole('admin'),
    schema: {
      tags,
      summary:
        'Remove one of our organisations from the axis (deleteAgency): the axis stops routing its code to us; a deployment administrator only; audited',
      body: RegisterAgencyBody,
      response: { 200: RegisteredAgency, ...commonErrors, 502: ErrorResponse },
    },
    handler: (req) => agencies.unregister(principalOf(req), req.body.organizationId),
  });

  app.post('/exchange/inbound', {
    // Not a user's bearer token: the peer signs the request itself (HMAC headers, checked in the service).
    config: { public: true },
    schema: {
      tags,
      summary:
        "Accept an edXML package from a peer (HMAC-signed headers, body checked against the signed sha256); 202 with a receipt, 200 with the first receipt for the same package again; 400 for a refused header; 403 when it speaks for an agency not the peer's. The header is checked at once; the attachments are decoded and checked by the intake that follows, which answers a package refused then with status 02 and the reason",
      response: {
        200: InboundReceipt,
        202: InboundReceipt,
        400: ErrorResponse,
        401: ErrorResponse,
        403: ErrorResponse,
        413: ErrorResponse,
        415: ErrorResponse,
      },
    },
    handler: async (req, reply) => {
      // Any other content type went through another parser (or none): refuse rather than guess.
      if (!(req.body instanceof Readable)) {
        throw new AppError('UNSUPPORTED_CONTENT_TYPE', { message: `send the package as ${EDXML_CONTENT_TYPES.join(', ')}` });
      }
      const result = await inbound.accept({
        peerId: header(req.headers[PEER_HEADER]),
        timestamp: header(req.headers[TIMESTAMP_HEADER]),
        contentSha256: header(req.headers[CONTENT_SHA256_HEADER]),
        signature: header(req.headers[SIGNATURE_HEADER]),
        body: req.body,
      });
      return reply.status(result.duplicate ? 200 : 202).send({ receiptId: result.receiptId, status: result.status });
    },
  });
};
