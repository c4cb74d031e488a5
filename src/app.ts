import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Container } from './container.js';
import { withLogger } from './lib/logger.js';
import { ErrorResponse } from './lib/schemas.js';
import { authPlugin } from './plugins/auth.js';
import { clientErrorHandler, errorHandlerPlugin, frameworkErrors } from './plugins/error-handler.js';
import { buildValidatorWithoutBodyCoercion, inputGuardPlugin } from './plugins/input-guard.js';
import { swaggerPlugin } from './plugins/swagger.js';
import { webAppPlugin } from './plugins/web-app.js';
import { documentsRoutes } from './modules/documents/documents.routes.js';
import { calendarRoutes } from './modules/calendar/calendar.routes.js';
import { handlingRoutes } from './modules/handling/handling.routes.js';
import { healthRoutes } from './modules/health/health.routes.js';
import { registersRoutes } from './modules/registers/registers.routes.js';
import { reportsRoutes } from './modules/reports/reports.routes.js';
import { registerReportsRoutes } from './modules/reports/registers.routes.js';
import { trackingRoutes } from './modules/tracking/tracking.routes.js';
import { worklistsRoutes } from './modules/worklists/worklists.routes.js';
import { orgsRoutes } from './modules/orgs/orgs.routes.js';
import { approvalsRoutes } from './modules/approvals/approvals.routes.js';
import { authRoutes, usersRoutes } from './modules/users/users.routes.js';
import { signingRoutes } from './modules/signing/signing.routes.js';
import { issuanceRoutes } from './modules/issuance/issuance.routes.js';
import { dispatchRoutes } from './modules/exchange/dispatch.routes.js';
import { exchangeRoutes } from './modules/exchange/exchange.routes.js';

export type BuildAppOptions = {
  /** Log requests through the container's logger (the process's one pino instance); false: no request logs. */
  logger?: boolean;
};

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * Builds the HTTP application around a container: plugins, then every module's routes under
 * /api/v1. It never listens (src/server.ts does; tests use `app.inject` or listen on port 0).
 */
export async function buildApp(container: Container, { logger = true }: BuildAppOptions = {}): Promise<FastifyInstance> {
  const { config } = container;
  const loggerInstance: FastifyBaseLogger | undefined = logger ? container.logger : undefined;
  const app = Fastify({
    loggerInstance,
    bodyLimit: config.http.bodyLimit,
    requestTimeout: config.http.requestTimeoutMs,
    // Honour a caller's request id (a gateway's) when it is sane, so logs line up across systems.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    ajv: { customOptions: { removeAdditional: 'all', coerceTypes: 'array', useDefaults: true } },
    // Bodies without type coercion; a refusal lists every problem (see input-guard.ts).
    schemaController: { compilersFactory: { buildValidator: buildValidatorWithoutBodyCoercion } },
    // Refusals raised before any route runs (a bad URL, oversized headers) keep the one error shape.
    frameworkErrors,
    clientErrorHandler,
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  // What the route's handler calls logs with the request's logger (its request id on every line):
  // contextLogger in lib/logger.ts. Set just before the handler rather than on request: the body is
  // read in between, and its stream's events would run outside the context.
  app.addHook('preHandler', (request, _reply, done) => {
    withLogger(request.log, done);
  });

  app.addSchema(ErrorResponse);
  await app.register(errorHandlerPlugin);
  await app.register(inputGuardPlugin);
  await app.register(swaggerPlugin, { version: '0.1.0' });
  await app.register(multipart, {
    limits: {
      fileSize: config.uploads.maxFileBytes,
      files: config.uploads.maxFiles,
      fields: 20,
      fieldSize: 1024 * 1024,
      parts: config.uploads.maxFiles + 20,
    },
  });

  await app.register(healthRoutes, {
    sql: container.sql,
    redis: container.redis,
    storage: container.storage,
    axis: container.services.exchange.axis,
  });

  await app.register(
    async (api) => {
      await api.register(authPlugin, { authenticate: (token) => container.services.users.authenticate(token) });
      await api.register(authRoutes, { users: container.services.users });
      await api.register(usersRoutes, { users: container.services.users });
      await api.register(orgsRoutes, { orgs: container.services.orgs, reorganisation: container.services.reorganisation });
      await api.register(registersRoutes, { registers: container.services.registers });
      await api.register(handlingRoutes, {
        handling: container.services.handling,
        documents: container.services.documents,
        uploads: config.uploads,
      });
      await api.register(trackingRoutes, { tracking: container.services.tracking, documents: container.services.documents });
      await api.register(reportsRoutes, { reports: container.services.reports, drilldowns: container.services.reportDrilldowns });
      await api.register(registerReportsRoutes, {
        registers: container.services.reportRegisters,
        closings: container.services.registerClosings,
      });
      await api.register(calendarRoutes, { calendar: container.services.calendar });
      await api.register(documentsRoutes, { documents: container.services.documents, uploads: config.uploads });
      await api.register(approvalsRoutes, {
        approvals: container.services.approvals,
        documents: container.services.documents,
        uploads: config.uploads,
      });
      const { certificates, verification, sessions } = container.services.signing;
      await api.register(signingRoutes, {
        certificates,
        verification,
        sessions,
        documents: container.services.documents,
        uploads: config.uploads,
      });
      await api.register(issuanceRoutes, { issuance: container.services.issuance });
      await api.register(exchangeRoutes, {
        peers: container.services.exchange.peers,
        inbound: container.services.exchange.inbound,
        axis: container.services.exchange.axis,
        agencies: container.services.exchange.agencies,
      });
      await api.register(worklistsRoutes, { worklists: container.services.worklists });
      await api.register(dispatchRoutes, {
        dispatch: container.services.exchange.dispatch,
        recall: container.services.exchange.recall,
        documents: container.services.documents,
      });
    },
    { prefix: '/api/v1' },
  );

  // The web app at / (client routes load it too); after the API so nothing of it shadows a route.
  await app.register(webAppPlugin);

  return app;
}
