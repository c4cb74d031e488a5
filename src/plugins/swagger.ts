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
      // Multipart routes read their parts as streams (fastify validates no body): their parts are
      // described under `schema.multipart` (src/lib/multipart.ts), which becomes the request body here.
      transform: ({ schema, url }) => {
        if (!schema?.multipart) return { schema, url };
        const { multipart, ...rest } = schema;
        return { schema: { ...rest, body: multipart }, url };
      },
    });
    await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list' } });
  },
  { name: 'swagger' },
);
