import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { uploadDocument } from '../../helpers/documents.js';

/** The fuller search text (code, issuer, số đến) finds nothing the caller may not see. Issue 12, item 3. */
let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx?.close();
});

async function search(as: string, q: string): Promise<string[]> {
  const res = await ctx.request({ method: 'GET', url: `/api/v1/documents?q=${encodeURIComponent(q)}`, as });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: { id: string }[] }>().items.map((d) => d.id);
}

describe('GET /documents?q= by code, issuer or số đến stays within what the caller sees', () => {
  it('a clerk of a neighbouring district does not find the city’s document by its code, issuer or số đến', async () => {
    const up = await uploadDocument(ctx, 'district.clerk', {
      direction: 'incoming',
      type: 'Công văn',
      subject: 'Về việc tổng kiểm tra đê điều',
      number: '58',
      notation: 'CV-SNNMT',
      issuerName: 'Sở Nông nghiệp và Môi trường',
    });
    expect(up.statusCode, up.body).toBe(201);
    const id = up.json<{ id: string }>().id;
    const reg = await ctx.request({ method: 'POST', url: `/api/v1/documents/${id}/register`, as: 'district.clerk' });
    const incomingNumber = String(reg.json<{ incomingNumber: number }>().incomingNumber);

    expect(await search('district.clerk', '58/CV-SNNMT')).toEqual([id]);
    for (const q of ['58/CV-SNNMT', 'nong nghiep va moi truong', incomingNumber]) {
      expect(await search('u31.clerk', q), q).toEqual([]);
      expect(await search('commune.clerk', q), q).toEqual([]);
    }
  });

  it('a leader not granted a secret document does not find it by its code', async () => {
    const up = await uploadDocument(ctx, 'province.clerk', {
      direction: 'incoming',
      type: 'Công văn',
      subject: 'Về việc bảo vệ bí mật',
      number: '03',
      notation: 'CV-BCA',
      issuerName: 'Bộ Công an',
      confidentiality: 'secret',
    });
    expect(up.statusCode, up.body).toBe(201);
    expect(await search('province.clerk', '03/CV-BCA')).toEqual([up.json().id]);
    expect(await search('province.leader', '03/CV-BCA')).toEqual([]);
    expect(await search('province.leader', 'bo cong an')).toEqual([]);
  });
});
