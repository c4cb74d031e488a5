import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';

/** OpenAPI 3 generated from the route schemas: UI at /docs, the document at /docs/json. */
export const swaggerPlugin = fp(
  async (app: FastifyInstance, { version }: { version: string }) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.0.3',
        info: { title: 'vanthu API', description: 'Electronic official-document system for Vietnamese state agencies', version },
        components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
        security: [{ bearer: [] }],
      },
      // Multipart routes read their parts as streams (no body schema to validate), so the document
      // would otherwise show no request body at all: give them one, described by the route's summary.
      transform: ({ schema, url }) => {
        const consumesMultipart = (schema as { consumes?: string[] } | undefined)?.consumes?.includes('multipart/form-data');
        if (!schema || !consumesMultipart || schema.body) return { schema, url };
        return {
          schema: { ...schema, body: { type: 'object', description: `multipart/form-data: ${String(schema.summary ?? '')}` } },
          url,
        };
      },
    });
    await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list' } });
  },
  { name: 'swagger' },
);
