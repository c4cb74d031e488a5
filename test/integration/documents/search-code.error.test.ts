import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { uploadDocument } from '../../helpers/documents.js';

/** Bad q values on GET /documents with the fuller search text. Issue 12, item 3. */
let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx?.close();
});

const list = (q: string) => ctx.request({ method: 'GET', url: `/api/v1/documents?q=${encodeURIComponent(q)}`, as: 'province.clerk' });

describe('GET /documents?q= refuses or safely empties bad queries', () => {
  it.each([
    ['', 'an empty q'],
    ['x'.repeat(201), 'a q over 200 characters'],
    ['01/QĐ\u0000UBND', 'a NUL inside the code'],
  ])('%j → 400 VALIDATION_FAILED (%s)', async (q) => {
    const res = await list(q);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('takes % and _ in a code literally (no wildcard reaches other documents)', async () => {
    const up = await uploadDocument(ctx, 'province.clerk', {
      direction: 'incoming',
      type: 'Công văn',
      subject: 'Về việc thử ký tự đại diện',
      number: '44',
      notation: 'CV-UBND',
      issuerName: 'UBND huyện Nam Đàn',
    });
    expect(up.statusCode, up.body).toBe(201);
    expect((await list('44/CV-UBND')).json().items.map((d: { id: string }) => d.id)).toEqual([up.json().id]);
    for (const q of ['44%CV-UBND', '44_CV-UBND', '%/%', '__/cv-ubnd']) {
      const res = await list(q);
      expect(res.statusCode, q).toBe(200);
      expect(res.json().items, q).toEqual([]);
    }
  });
});
