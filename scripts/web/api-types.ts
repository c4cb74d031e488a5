// The web app's API types (src/web/src/api/schema.d.ts), generated from the OpenAPI document the
// application serves at /docs/json: `npm run web:api-types` rewrites them after a route schema
// changes; test/integration/web/api-types.test.ts fails when the committed file has drifted.
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import type { FastifyInstance } from 'fastify';

export const API_TYPES_PATH = fileURLToPath(new URL('../../src/web/src/api/schema.d.ts', import.meta.url));

const HEADER = '// Generated from /docs/json by `npm run web:api-types` (scripts/web/api-types.ts). Do not edit.\n';

/** The TypeScript text of the API types of a built (ready) application. */
export async function generateApiTypes(app: FastifyInstance): Promise<string> {
  const document = app.swagger() as Parameters<typeof openapiTS>[0];
  return HEADER + astToString(await openapiTS(document, { alphabetize: true }));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { loadConfig } = await import('../../src/config.js');
  const { createContainer } = await import('../../src/container.js');
  const { buildApp } = await import('../../src/app.js');
  // Nothing is served or stored: the container's pools connect lazily and are closed unused.
  const container = createContainer(loadConfig({ ...process.env, LOG_LEVEL: 'silent' }), { applicationName: 'vanthu-api-types' });
  const app = await buildApp(container, { logger: false });
  await app.ready();
  await writeFile(API_TYPES_PATH, await generateApiTypes(app));
  await app.close();
  await container.close();
  process.stdout.write(`wrote ${API_TYPES_PATH}\n`);
}
