import fp from 'fastify-plugin';
import AjvCompiler from '@fastify/ajv-compiler';
import type { FastifyInstance, FastifySchema } from 'fastify';
import type { Options as AjvOptions } from 'ajv';
import { assertSafeText } from '../lib/input-text.js';

/**
 * The longest text a request field takes when its schema names no maxLength: long enough for any
 * bút phê, note or reason, short enough that no field becomes a place to park megabytes. A field
 * that needs more (a base64 signature) says so in its schema.
 */
export const DEFAULT_MAX_TEXT_CHARS = 10_000;

type JsonSchema = Record<string, unknown>;

/** Gives every string schema inside `schema` without a maxLength the default one (in place). */
function boundStrings(schema: unknown, seen = new Set<unknown>()): void {
  if (schema === null || typeof schema !== 'object' || seen.has(schema)) return;
  seen.add(schema);
  const s = schema as JsonSchema;
  if (s.type === 'string' && s.maxLength === undefined && s.const === undefined && s.enum === undefined) {
    s.maxLength = DEFAULT_MAX_TEXT_CHARS;
  }
  for (const child of Object.values(s)) boundStrings(child, seen);
}

/**
 * Fastify's validator factory with one change: bodies are validated without type coercion, so
 * `{"reason": 123}` is refused rather than stored as "123". Query strings and path parameters
 * arrive as text and keep the coercion they need (limit=10, arrays of ids).
 */
// One pool for the process: Fastify asks for a compiler per plugin context, and Ajv instances are
// reused whenever the shared schemas and options are the same.
const fromPool = AjvCompiler();

export const buildValidatorWithoutBodyCoercion: AjvCompiler.ValidatorFactory = (externalSchemas, options) => {
  const coercing = fromPool(externalSchemas, options);
  const strict = fromPool(externalSchemas, {
    ...options,
    mode: undefined,
    customOptions: { ...(options?.customOptions as AjvOptions), coerceTypes: false },
  });
  return (route) => (route.httpPart === 'body' ? strict(route) : coercing(route));
};

/**
 * Hostile input stops before any handler: every text field of a route's body, query and params
 * is bounded in length (DEFAULT_MAX_TEXT_CHARS unless the schema says otherwise, visible in the
 * OpenAPI document), and no text may carry NUL, other control or bidi-override characters
 * (src/lib/input-text.ts). Registered before any route, so a new route is covered without a word.
 */
export const inputGuardPlugin = fp(
  async (app: FastifyInstance) => {
    app.addHook('onRoute', (route) => {
      const schema = route.schema as FastifySchema | undefined;
      if (!schema) return;
      boundStrings(schema.body);
      boundStrings(schema.querystring);
      boundStrings(schema.params);
    });

    app.addHook('preValidation', async (request) => {
      assertSafeText(request.params, 'params');
      assertSafeText(request.query, 'querystring');
      assertSafeText(request.body, 'body');
    });
  },
  { name: 'input-guard' },
);
