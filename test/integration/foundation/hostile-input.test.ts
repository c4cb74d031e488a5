import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { BOUNDARY, fakePdf, metadataPart, multipart, partHead } from '../documents/multipart.js';

/**
 * Hostile input against every route, enumerated from the OpenAPI document so a new route is
 * covered without editing this file: a NUL byte, a bidi override, a 100,000-character string and a
 * wrong type in every text field of every body, query and path; malformed cursors on every list;
 * malformed multipart bodies on every upload. Each answers 4xx in the one error shape, never 500.
 */

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  minimum?: number;
  minItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  default?: unknown;
  $ref?: string;
};
type Parameter = { name: string; in: 'path' | 'query' | 'header'; schema: Schema; required?: boolean };
type Operation = { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: Schema }> } };
type Route = { method: string; path: string; op: Operation };

const NUL = 'a\u0000b';
const BIDI = 'hoa\u202Eđơn.exe';
const LONG = 'x'.repeat(100_000);
const ACTOR = 'admin';

let ctx: TestContext;
let routes: Route[];

beforeAll(async () => {
  ctx = await createTestContext();
  const spec = (await ctx.app.inject({ method: 'GET', url: '/docs/json' })).json<{ paths: Record<string, Record<string, Operation>> }>();
  routes = Object.entries(spec.paths).flatMap(([path, ops]) =>
    Object.entries(ops)
      .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
      .map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
  );
});
afterAll(() => ctx?.close());

/** The non-null variant of a nullable union, or the schema itself. */
function concrete(s: Schema): Schema {
  const variants = s.anyOf ?? s.oneOf;
  if (variants) return concrete(variants.find((v) => v.type !== 'null') ?? variants[0]);
  if (s.allOf) return Object.assign({}, ...s.allOf.map(concrete)) as Schema;
  return s;
}

const typeOf = (s: Schema): string | undefined => (Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type);

/** A value the schema accepts (as far as its type, format, enum and bounds say): every property, one item per array. */
function validValue(schema: Schema): unknown {
  const s = concrete(schema);
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  if (s.default !== undefined) return s.default;
  switch (typeOf(s)) {
    case 'string':
      if (s.format === 'uuid') return randomUUID();
      if (s.format === 'date') return '2026-12-01';
      if (s.format === 'date-time') return '2026-12-01T08:00:00.000Z';
      if (s.format === 'email') return 'a@example.vn';
      if (s.format === 'uri') return 'https://peer.example.vn/edxml';
      if (s.pattern) return PATTERN_SAMPLES.find((v) => new RegExp(s.pattern!).test(v)) ?? 'v';
      return 'v'.repeat(Math.max(1, s.minLength ?? 1));
    case 'integer':
    case 'number':
      return Math.max(1, s.minimum ?? 1);
    case 'boolean':
      return false;
    case 'array':
      return Array.from({ length: Math.max(1, s.minItems ?? 1) }, () => validValue(s.items ?? {}));
    case 'object':
      return Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, validValue(v)]));
    default:
      return 'v';
  }
}

/** Candidates for fields with a pattern (usernames, codes, register keys...): the first that matches is used. */
const PATTERN_SAMPLES = [
  'nguyen.van.a',
  'H40',
  '000.00.00.H40',
  '2026',
  '12',
  'abc123',
  'VT',
  'A1B2C3D4',
  '2026-12-01',
  '08:00',
  '#1a2b3c',
  'x',
];

type Leaf = { path: (string | number)[]; type: string; maxLength?: number };

/** Every scalar field of `value` (built by validValue from `schema`), with its schema type. */
function leaves(schema: Schema, path: (string | number)[] = []): Leaf[] {
  const s = concrete(schema);
  const t = typeOf(s);
  if (s.const !== undefined) return [];
  if (t === 'object') return Object.entries(s.properties ?? {}).flatMap(([k, v]) => leaves(v, [...path, k]));
  if (t === 'array') return leaves(s.items ?? {}, [...path, 0]);
  return t ? [{ path, type: t, maxLength: s.maxLength }] : [];
}

function withValue(base: unknown, path: (string | number)[], value: unknown): unknown {
  const copy = structuredClone(base) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1]] = value;
  return copy;
}

const pointer = (path: (string | number)[]): string => `/${path.join('/')}`;

function expectRefusal(
  res: LightMyRequestResponse,
  what: string,
  statuses: number[] = [400],
): { code: string; message: string; details?: { path?: string } } {
  if (!statuses.includes(res.statusCode))
    throw new Error(`${what}: expected ${statuses.join('/')}, got ${res.statusCode} ${res.body.slice(0, 300)}`);
  const body = res.json<{ error: { code: string; message: string; requestId: string; details?: { path?: string } } }>();
  expect(body.error.code, what).toMatch(/^[A-Z_]+$/);
  expect(body.error.message, what).toEqual(expect.any(String));
  expect(body.error.requestId, what).toBe(res.headers['x-request-id']);
  return body.error;
}

function urlOf(route: Route, params: Record<string, string> = {}, query: Record<string, string> = {}): string {
  const schemaOf = (name: string): Schema =>
    paramsIn(route, 'path').find((p) => p.name === name)?.schema ?? { type: 'string', format: 'uuid' };
  const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(params[name] ?? String(validValue(schemaOf(name)))),
  );
  const qs = new URLSearchParams(query).toString();
  return `${path}${qs ? `?${qs}` : ''}`;
}

const jsonBodySchema = (r: Route): Schema | undefined => r.op.requestBody?.content['application/json']?.schema;
const isMultipart = (r: Route): boolean => Boolean(r.op.requestBody?.content['multipart/form-data']);
const paramsIn = (r: Route, where: Parameter['in']): Parameter[] => (r.op.parameters ?? []).filter((p) => p.in === where);

describe('every route, enumerated from the OpenAPI document', () => {
  it('covers the API (the enumeration found the routes)', () => {
    expect(routes.length).toBeGreaterThan(60);
    expect(routes.filter((r) => jsonBodySchema(r)).length).toBeGreaterThan(20);
    expect(routes.filter(isMultipart).length).toBeGreaterThanOrEqual(4);
  });

  it('refuses a NUL byte, a bidi override, 100,000 characters and a wrong type in every body field, naming the field', async () => {
    let probes = 0;
    for (const route of routes) {
      const schema = jsonBodySchema(route);
      if (!schema) continue;
      const base = validValue(schema);
      for (const leaf of leaves(schema)) {
        const where = `${route.method} ${route.path} body${pointer(leaf.path)}`;
        const send = (value: unknown) =>
          ctx.request({
            method: route.method as 'POST',
            url: urlOf(route),
            as: ACTOR,
            payload: withValue(base, leaf.path, value) as object,
          });
        if (leaf.type === 'string') {
          for (const [label, value] of [
            ['NUL', NUL],
            ['bidi', BIDI],
          ] as const) {
            const err = expectRefusal(await send(value), `${where} ${label}`);
            expect(err.details?.path, `${where} ${label}`).toBe(pointer(leaf.path));
          }
          // 100,000 characters, or more where a field (a base64 certificate) may legitimately be that long.
          const long = leaf.maxLength !== undefined && leaf.maxLength >= LONG.length ? 'x'.repeat(leaf.maxLength + 1) : LONG;
          expect(expectRefusal(await send(long), `${where} long`).message, `${where} long`).toContain(pointer(leaf.path).slice(1));
          expect(expectRefusal(await send(12345), `${where} number`).message, `${where} number`).toContain(pointer(leaf.path).slice(1));
          probes += 4;
        } else {
          // Bodies are not coerced: "12" is not a number and "true" not a boolean.
          const wrong = leaf.type === 'boolean' ? 'true' : '12';
          expect(expectRefusal(await send(wrong), `${where} wrong type`).message, `${where} wrong type`).toContain(
            pointer(leaf.path).slice(1),
          );
          probes += 1;
        }
      }
    }
    expect(probes).toBeGreaterThan(100);
  });

  it('refuses a NUL byte, a bidi override and 100,000 characters in every query and path text', async () => {
    let probes = 0;
    for (const route of routes) {
      for (const param of [...paramsIn(route, 'query'), ...paramsIn(route, 'path')]) {
        if (typeOf(concrete(param.schema)) !== 'string' && param.in === 'query') continue;
        for (const [label, value] of [
          ['NUL', NUL],
          ['bidi', BIDI],
          ['long', LONG],
        ] as const) {
          const url = param.in === 'path' ? urlOf(route, { [param.name]: value }) : urlOf(route, {}, { [param.name]: value });
          const res = await ctx.request({
            method: route.method as 'GET',
            url,
            as: ACTOR,
            ...(jsonBodySchema(route) ? { payload: validValue(jsonBodySchema(route)!) as object } : {}),
          });
          // A path segment over the router's limit matches no API route: 414 before routing, or 404 when the
          // web app's catch-all route takes the URL first.
          expectRefusal(
            res,
            `${route.method} ${route.path} ${param.in} ${param.name} ${label}`,
            label === 'long' && param.in === 'path' ? [404, 414] : [400],
          );
          probes += 1;
        }
      }
    }
    expect(probes).toBeGreaterThan(100);
  });

  it('refuses malformed cursors on every list with 400 where the caller may list, never 500', async () => {
    const bad = [
      'not a cursor!',
      Buffer.from('{"a":1}').toString('base64url'),
      Buffer.from('[]').toString('base64url'),
      Buffer.from('["9999-99-99 99:99:99+07","x"]').toString('base64url'),
      Buffer.from(`["2026-12-01T00:00:00Z","${randomUUID()}","extra"]`).toString('base64url'),
      Buffer.from('[1e400, null]').toString('base64url'),
      Buffer.from('["a\\u0000b"]').toString('base64url'),
      Buffer.from('[""]').toString('base64url'),
    ];
    let listed = 0;
    for (const route of routes.filter((r) => r.method === 'GET' && paramsIn(r, 'query').some((p) => p.name === 'cursor'))) {
      for (const as of ['admin', 'province.clerk', 'province.leader']) {
        const plain = await ctx.request({ method: 'GET', url: urlOf(route), as });
        for (const cursor of bad) {
          const res = await ctx.request({ method: 'GET', url: urlOf(route, {}, { cursor }), as });
          const what = `${route.path} as ${as} cursor ${cursor}`;
          // Where the caller may list, only the cursor is wrong; elsewhere the refusal may come first.
          expectRefusal(res, what, plain.statusCode === 200 ? [400] : [400, 403, 404]);
        }
        if (plain.statusCode === 200) listed += 1;
      }
    }
    expect(listed).toBeGreaterThanOrEqual(5);
  });
});

describe('malformed multipart bodies on every upload route', () => {
  const pdf = fakePdf(4000);
  const metadata = metadataPart({ direction: 'incoming', type: 'Công văn', subject: 'Kiểm tra' });
  const whole = multipart([metadata, { name: 'file', filename: 'a.pdf', content: pdf, contentType: 'application/pdf' }]).payload;
  const cases: { label: string; contentType: string; payload: Buffer }[] = [
    { label: 'no boundary', contentType: 'multipart/form-data', payload: whole },
    { label: 'empty boundary', contentType: 'multipart/form-data; boundary=', payload: whole },
    { label: 'another boundary', contentType: 'multipart/form-data; boundary=zzz', payload: whole },
    {
      label: 'unterminated',
      contentType: `multipart/form-data; boundary=${BOUNDARY}`,
      payload: Buffer.concat([partHead(metadata), Buffer.from(metadata.value)]),
    },
    {
      label: 'truncated in a file',
      contentType: `multipart/form-data; boundary=${BOUNDARY}`,
      payload: whole.subarray(0, whole.length - 2000),
    },
    {
      label: 'malformed part header',
      contentType: `multipart/form-data; boundary=${BOUNDARY}`,
      payload: Buffer.from(`--${BOUNDARY}\r\nContent-Disposition\r\n\r\nx\r\n--${BOUNDARY}--\r\n`),
    },
  ];

  it('answers each with 400 in the error shape and stores nothing', async () => {
    const uploads = routes.filter(isMultipart);
    const before =
      await ctx.sql`select (select count(*) from documents)::int as documents, (select count(*) from document_files)::int as files`;
    for (const route of uploads) {
      for (const c of cases) {
        const res = await ctx.request({
          method: route.method as 'POST',
          url: urlOf(route),
          as: 'province.clerk',
          headers: { 'content-type': c.contentType },
          payload: c.payload,
        });
        // A route that refuses the caller or the target before reading the body may answer 403/404 first.
        expectRefusal(res, `${route.method} ${route.path} ${c.label}`, [400, 403, 404]);
      }
    }
    // The routes where the clerk may upload: the body itself is what is refused.
    for (const c of cases) {
      const res = await ctx.request({
        method: 'POST',
        url: '/api/v1/documents',
        as: 'province.clerk',
        headers: { 'content-type': c.contentType },
        payload: c.payload,
      });
      expect(expectRefusal(res, `POST /documents ${c.label}`).code).toMatch(/^(MALFORMED_MULTIPART|VALIDATION_FAILED)$/);
    }
    const after =
      await ctx.sql`select (select count(*) from documents)::int as documents, (select count(*) from document_files)::int as files`;
    expect(after).toEqual(before);
  });

  it('refuses a NUL byte or a bidi override inside the metadata JSON field', async () => {
    for (const subject of [NUL, BIDI]) {
      const { payload, headers } = multipart([
        metadataPart({ direction: 'incoming', type: 'Công văn', subject }),
        { name: 'file', filename: 'a.pdf', content: pdf, contentType: 'application/pdf' },
      ]);
      const res = await ctx.request({ method: 'POST', url: '/api/v1/documents', as: 'province.clerk', headers, payload });
      expect(expectRefusal(res, `metadata subject ${JSON.stringify(subject)}`).details?.path).toBe('/subject');
    }
  });
});
