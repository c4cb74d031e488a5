// Issue 12 item 11: multipart bodies in the OpenAPI document, and refusals that list every problem.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DraftMetadata } from '../../../src/modules/approvals/approvals.schemas.js';
import { DocumentMetadata } from '../../../src/modules/documents/documents.schemas.js';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { orgOf, uploadDocument } from '../../helpers/documents.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx?.close());

type Schema = {
  type?: string;
  format?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  maxItems?: number;
};
type Operation = { requestBody?: { content: Record<string, { schema: Schema }> } };
type FieldError = { path: string; message: string };

const refusal = (res: { statusCode: number; json: () => unknown }) => {
  expect(res.statusCode).toBe(400);
  const { error } = res.json() as { error: { code: string; message: string; details: { errors: FieldError[] } } };
  expect(error.code).toBe('VALIDATION_FAILED');
  return error.details.errors;
};

describe('the OpenAPI document describes multipart bodies (item 11)', () => {
  let paths: Record<string, Record<string, Operation>>;
  beforeAll(async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    paths = res.json<{ paths: typeof paths }>().paths;
  });
  const multipartOf = (path: string): Schema => paths[path].post.requestBody!.content['multipart/form-data'].schema;

  it('gives POST /documents and /drafts the metadata schema they validate with, and their file parts', () => {
    for (const [path, validated] of [
      ['/api/v1/documents', DocumentMetadata],
      ['/api/v1/drafts', DraftMetadata],
    ] as const) {
      const body = multipartOf(path);
      const metadata = body.properties!.metadata;
      // The very schema the service checks the field with: same properties, same required ones.
      expect(Object.keys(metadata.properties!).sort(), path).toEqual(Object.keys(validated.properties).sort());
      expect(metadata.required?.sort(), path).toEqual([...(validated.required ?? [])].sort());
      expect(metadata.properties!.subject, path).toMatchObject({ type: 'string', maxLength: 2000 });
      const files = body.properties!.files;
      expect(files, path).toMatchObject({
        type: 'array',
        items: { type: 'string', format: 'binary' },
        maxItems: ctx.config.uploads.maxFiles,
      });
      expect(String((files as { description?: string }).description), path).toMatch(
        new RegExp(`${ctx.config.uploads.maxFileBytes} bytes.*Accepted: pdf, docx`),
      );
    }
    expect(multipartOf('/api/v1/documents').properties!.metadata.properties!.direction).toMatchObject({
      enum: ['incoming', 'outgoing', 'internal'],
    });
  });

  it('gives POST /certificates its p12 file, password and organisation', () => {
    const body = multipartOf('/api/v1/certificates');
    expect(body.properties!.p12).toMatchObject({ type: 'string', format: 'binary' });
    expect(body.properties!.password).toMatchObject({ type: 'string' });
    expect(body.properties!.organizationId).toMatchObject({ type: 'string', format: 'uuid' });
    expect(body.required?.sort()).toEqual(['p12', 'password']);
  });

  it('leaves no multipart route undescribed', () => {
    const multipart = Object.entries(paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => op.requestBody?.content['multipart/form-data'])
        .map(([method, op]) => ({ route: `${method} ${path}`, schema: op.requestBody!.content['multipart/form-data'].schema })),
    );
    expect(multipart.map((m) => m.route)).toEqual(
      expect.arrayContaining([
        'post /api/v1/documents',
        'post /api/v1/documents/{id}/files',
        'post /api/v1/drafts',
        'post /api/v1/certificates',
      ]),
    );
    for (const { route, schema } of multipart) {
      const binary = Object.values(schema.properties ?? {}).filter((p) => p.format === 'binary' || p.items?.format === 'binary');
      expect(binary.length, `${route} names its file parts`).toBeGreaterThan(0);
    }
  });
});

describe('a refusal lists every problem with its path (item 11)', () => {
  it('names the three bad fields of a JSON body', async () => {
    const organizationId = await orgOf(ctx.sql, 'province.clerk', 'clerk');
    const res = await ctx.request({
      method: 'POST',
      url: '/api/v1/users',
      as: 'admin',
      payload: {
        username: 'a b',
        password: 'long enough password',
        fullName: 'Nguyễn Văn A',
        email: 'not-an-email',
        organizationId,
        roles: [{ organizationId: 'x', role: 'clerk' }],
      },
    });
    const errors = refusal(res);
    expect(errors.map((e) => e.path).sort()).toEqual(['body/email', 'body/roles/0/organizationId', 'body/username']);
    expect(errors.every((e) => e.message.length > 0)).toBe(true);
    expect(res.json().error.message).toContain('body/email');
  });

  it('names missing properties, and query parameters', async () => {
    const missing = refusal(await ctx.request({ method: 'POST', url: '/api/v1/users', as: 'admin', payload: { username: 'abc' } }));
    expect(missing).toEqual(
      expect.arrayContaining([
        { path: 'body/password', message: 'is required' },
        { path: 'body/fullName', message: 'is required' },
        { path: 'body/organizationId', message: 'is required' },
      ]),
    );
    const query = refusal(await ctx.request({ method: 'GET', url: '/api/v1/documents?limit=0&direction=sideways', as: 'province.clerk' }));
    expect(query.map((e) => e.path).sort()).toEqual(['querystring/direction', 'querystring/limit']);
  });

  it("names both bad fields of a multipart upload's metadata, and stores nothing", async () => {
    const before = await ctx.sql`select count(*)::int as n from document_files`;
    const res = await uploadDocument(ctx, 'province.clerk', { direction: 'sideways', type: 'Công văn', subject: '', colour: 'red' });
    const errors = refusal(res);
    expect(errors.map((e) => e.path).sort()).toEqual(['metadata/colour', 'metadata/direction', 'metadata/subject']);
    expect(await ctx.sql`select count(*)::int as n from document_files`).toEqual(before);
  });

  it('names every missing part of a certificate upload', async () => {
    const boundary = 'vanthu-test-boundary';
    const res = await ctx.request({
      method: 'POST',
      url: '/api/v1/certificates',
      as: 'province.clerk',
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="organizationId"\r\n\r\nnot-a-uuid\r\n--${boundary}--\r\n`,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(refusal(res).map((e) => e.path)).toEqual(['p12', 'password', 'organizationId']);
  });

  it('stays cheap on hostile bodies: items past maxItems and text past maxLength are not checked one by one', async () => {
    // 150,000 bad agency codes for a list allowed 10,000: one problem, not 150,000 checked items.
    const agencyCodes = Array.from({ length: 150_000 }, () => '!');
    const many = refusal(
      await ctx.request({ method: 'POST', url: '/api/v1/exchange/peers', as: 'admin', payload: { name: 'x', organId: 'x', agencyCodes } }),
    );
    expect(many).toEqual([{ path: 'body/agencyCodes', message: 'must NOT have more than 10000 items' }]);
    // An over-long e-mail address is refused for its length; its format is not matched.
    const organizationId = await orgOf(ctx.sql, 'province.clerk', 'clerk');
    const long = refusal(
      await ctx.request({
        method: 'POST',
        url: '/api/v1/users',
        as: 'admin',
        payload: { username: 'long.mail', password: 'long enough password', fullName: 'A', email: 'a.'.repeat(300_000), organizationId },
      }),
    );
    expect(long).toEqual([{ path: 'body/email', message: 'must NOT have more than 200 characters' }]);
  });
});
