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
 * Fastify's validator factory with two changes:
 * - bodies are validated without type coercion, so `{"reason": 123}` is refused rather than stored
 *   as "123"; query strings and path parameters arrive as text and keep the coercion they need
 *   (limit=10, arrays of ids);
 * - a refusal lists every problem. Ajv's `allErrors` cannot simply be switched on: with
 *   `removeAdditional: 'all'` a union's failed branch would then strip the properties the next
 *   branch needs (valid input refused). So the usual validator decides, exactly as before, and only
 *   when it refuses does a second one, with allErrors and removing nothing, list the problems.
 */
// One pool for the process: Fastify asks for a compiler per plugin context, and Ajv instances are
// reused whenever the shared schemas and options are the same.
const fromPool = AjvCompiler();

type Validate = ((data: unknown, context?: unknown) => boolean) & { errors?: unknown[] | null; schemaEnv?: unknown };

export const buildValidatorWithoutBodyCoercion: AjvCompiler.ValidatorFactory = (externalSchemas, options) => {
  const custom = options?.customOptions as AjvOptions;
  const explainer = (coerceTypes: AjvOptions['coerceTypes']) =>
    fromPool(externalSchemas, {
      ...options,
      mode: undefined,
      customOptions: { ...custom, coerceTypes, allErrors: true, removeAdditional: false },
    });
  const strict = {
    decide: fromPool(externalSchemas, { ...options, mode: undefined, customOptions: { ...custom, coerceTypes: false } }),
    explain: explainer(false),
  };
  const coercing = { decide: fromPool(externalSchemas, options), explain: explainer(custom?.coerceTypes) };
  // Query strings keep every parameter, so that one the route does not document is refused (strictQuery) instead of dropped.
  const querying = {
    decide: fromPool(externalSchemas, { ...options, mode: undefined, customOptions: { ...custom, removeAdditional: false } }),
    explain: coercing.explain,
  };
  return (route) => {
    const { decide, explain } = route.httpPart === 'body' ? strict : route.httpPart === 'querystring' ? querying : coercing;
    const decides = decide(route) as unknown as Validate;
    // Compiled on the route's first refusal: most routes never need it.
    let explains: Validate | undefined;
    const validate: Validate = (data, context) => {
      if (decides(data, context)) return true;
      explains ??= explain({ ...route, schema: boundsFirst(route.schema) as typeof route.schema }) as unknown as Validate;
      explains(data, context);
      // Additional properties are removed, never refused, by the deciding validator (query strings aside: strictQuery).
      const listed = (explains.errors ?? []).filter(
        (e) => route.httpPart === 'querystring' || (e as { keyword?: string }).keyword !== 'additionalProperties',
      );
      validate.errors = listed.length > 0 ? listed : decides.errors;
      return false;
    };
    validate.schemaEnv = decides.schemaEnv;
    return validate as unknown as ReturnType<ReturnType<AjvCompiler.ValidatorFactory>>;
  };
};

/**
 * A copy of `schema` in which the costly checks only run on values within their bounds: a string's
 * pattern and format once its length is within maxLength, an array's items once their count is
 * within maxItems. The explaining validator reports every error (allErrors), which would otherwise
 * mean matching a format against a megabyte of text, or building an error for each of 250,000 items
 * of an array allowed 100 (about a second of CPU for a 1 MB body). The route's own schema (and so the
 * OpenAPI document) is left as it is.
 */
export function boundsFirst(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(boundsFirst);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema as JsonSchema))
    out[key] = key === 'enum' || key === 'const' ? value : boundsFirst(value);
  const { pattern, format, items, maxLength, maxItems } = out;
  // `type` repeated so that Ajv's strict mode knows what the moved keywords apply to.
  const typed = out.type !== undefined ? { type: out.type } : {};
  if (typeof maxLength === 'number' && (pattern !== undefined || format !== undefined) && out.if === undefined) {
    delete out.pattern;
    delete out.format;
    out.if = { ...typed, maxLength };
    out.then = { ...typed, ...(pattern !== undefined ? { pattern } : {}), ...(format !== undefined ? { format } : {}) };
  } else if (typeof maxItems === 'number' && items !== undefined && out.if === undefined) {
    delete out.items;
    out.if = { ...typed, maxItems };
    out.then = { ...typed, items };
  }
  return out;
}

/**
 * The API's query strings accept only the parameters they document: a misspelt filter (`stauts=done`)
 * would otherwise be ignored and the caller handed the unfiltered list as if it were the answer. An
 * object schema without a word on additional properties gets `additionalProperties: false`; a GET
 * route of the API without a query schema gets an empty one. The error handler names the parameter
 * (UNKNOWN_QUERY_PARAMETER).
 */
function strictQuery(route: { method: string | string[]; url: string; schema?: FastifySchema }): void {
  if (!route.url.startsWith('/api/')) return; // the web app's client routes carry their own query strings
  const schema = route.schema as (FastifySchema & { querystring?: JsonSchema }) | undefined;
  if (!schema) return;
  const query = schema.querystring;
  if (query === undefined) {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (methods.includes('GET')) schema.querystring = { type: 'object', properties: {}, additionalProperties: false };
    return;
  }
  if (query.type === 'object' && query.additionalProperties === undefined) query.additionalProperties = false;
}

/**
 * Hostile input stops before any handler: every text field of a route's body, query and params
 * is bounded in length (DEFAULT_MAX_TEXT_CHARS unless the schema says otherwise, visible in the
 * OpenAPI document), and no text may carry NUL, other control or bidi-override characters
 * (src/lib/input-text.ts). Registered before any route, so a new route is covered without a word.
 */
export const inputGuardPlugin = fp(
  async (app: FastifyInstance) => {
    app.addHook('onRoute', (route) => {
      strictQuery(route);
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
