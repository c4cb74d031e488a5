import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

/**
 * The web app's policy: only this origin's scripts, styles and workers (Ant Design injects style
 * elements, hence 'unsafe-inline' for styles only); pdf.js renders into canvases from fetched bytes.
 */
export const WEB_APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

// What the app's client routes must never shadow: the API, its documentation, the probes, assets.
const NOT_CLIENT_ROUTES = /^\/(api|docs|healthz|readyz|assets)(\/|$|\?)/;

/** dist/web under the project root (the directory holding package.json), from src/ or dist/src/ alike. */
export function defaultWebDirectory(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return path.join(dir, 'dist', 'web');
}

/**
 * Serves the web app built by scripts/web/build.ts: hashed assets under /assets/ cached for a year,
 * index.html (never cached, so a new build is picked up at once) at / and at every client route.
 * Without a build it registers nothing and says so: the API works the same.
 */
export async function webAppPlugin(app: FastifyInstance, { directory = defaultWebDirectory() }: { directory?: string } = {}) {
  let index: Buffer;
  try {
    index = await readFile(path.join(directory, 'index.html'));
  } catch {
    app.log.warn({ directory }, 'web app not built (npm start builds it): / is not served');
    return;
  }
  await app.register(fastifyStatic, {
    root: path.join(directory, 'assets'),
    prefix: '/assets/',
    decorateReply: false,
    index: false,
    maxAge: '365d',
    immutable: true,
    setHeaders: (reply) => void reply.header('content-security-policy', WEB_APP_CSP),
  });

  const sendIndex = (reply: FastifyReply) =>
    reply
      .header('cache-control', 'no-cache')
      .header('content-security-policy', WEB_APP_CSP)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'same-origin')
      .type('text/html; charset=utf-8')
      .send(index);

  app.get('/', { schema: { hide: true } }, (_req, reply) => sendIndex(reply));
  app.get('/*', { schema: { hide: true } }, (req, reply) => {
    const pathname = req.url.split('?')[0];
    // A path with a file extension is a missing file, not a screen.
    if (NOT_CLIENT_ROUTES.test(pathname) || /\.[A-Za-z0-9]+$/.test(pathname)) return reply.callNotFound();
    return sendIndex(reply);
  });
}
