import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchTextOf } from '../../../src/modules/documents/documents.rules.js';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { orgOf, uploadDocument } from '../../helpers/documents.js';
import { startExchangeWorkers, waitFor } from '../exchange/helpers.js';
import { provinceSigningFlow } from '../signing-service/helpers.js';

/**
 * GET /documents?q= finds a document by its full số/ký hiệu as people type it ("01/QĐ-UBND", with or
 * without diacritics), though the record keeps number and notation apart; and by the issuer's name
 * and the số đến. Issue 12, item 3.
 */
let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx?.close();
});

/** The ids GET /documents?q= gives `as`. */
async function search(as: string, q: string): Promise<string[]> {
  const res = await ctx.request({ method: 'GET', url: `/api/v1/documents?q=${encodeURIComponent(q)}&limit=200`, as });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: { id: string }[] }>().items.map((d) => d.id);
}

describe('GET /documents?q= on the số/ký hiệu, the issuer and the số đến', () => {
  it('finds a received document by its full code, with or without diacritics, by its issuer, and by its số đến once registered', async () => {
    const up = await uploadDocument(ctx, 'province.clerk', {
      direction: 'incoming',
      type: 'Quyết định',
      subject: 'Về việc phê duyệt phương án phòng chống lụt bão',
      number: '07',
      notation: 'QĐ-UBND',
      issuerName: 'Ủy ban nhân dân tỉnh Hà Tĩnh',
    });
    expect(up.statusCode, up.body).toBe(201);
    const id = up.json<{ id: string }>().id;

    for (const q of ['07/QĐ-UBND', '07/QD-UBND', '07/qđ-ubnd', '07 QĐ-UBND', 'QĐ-UBND'])
      expect(await search('province.clerk', q), q).toContain(id);
    expect(await search('province.clerk', 'ha tinh')).toEqual([id]);
    expect(await search('province.clerk', 'Tĩnh phòng chống bão')).toEqual([id]);
    expect(await search('province.clerk', '08/QĐ-UBND')).not.toContain(id);

    const [before] = await ctx.sql<{ searchText: string }[]>`select search_text as "searchText" from documents where id = ${id}`;
    const reg = await ctx.request({ method: 'POST', url: `/api/v1/documents/${id}/register`, as: 'province.clerk' });
    expect(reg.statusCode, reg.body).toBe(200);
    const incomingNumber = String(reg.json<{ incomingNumber: number }>().incomingNumber);
    // Nothing else of this document holds the digits of its số đến: the number alone finds it now.
    expect(before.searchText).not.toContain(incomingNumber);
    expect(await search('province.clerk', incomingNumber)).toContain(id);
  });

  it('still finds a hand-entered notation that carries its number', async () => {
    const up = await uploadDocument(ctx, 'province.clerk', {
      direction: 'incoming',
      type: 'Thông báo',
      subject: 'Kết luận của Thủ tướng',
      number: '12',
      notation: '12/TB-VPCP',
      issuerName: 'Văn phòng Chính phủ',
    });
    expect(up.statusCode, up.body).toBe(201);
    const id = up.json<{ id: string }>().id;
    for (const q of ['12/TB-VPCP', 'tb-vpcp', 'van phong chinh phu']) expect(await search('province.clerk', q), q).toEqual([id]);
  });

  it('finds a document the province issued by its code, and the copy it delivered to a district by its code and its issuer', async () => {
    const flow = await provinceSigningFlow(ctx);
    const { documentId } = await flow.signedDocument('Quyết định ban hành quy chế làm việc mẫu');
    const issued = await flow.api.issue('province.clerk', documentId);
    expect(issued.statusCode, issued.body).toBe(200);
    const { code } = issued.json<{ code: string }>();
    expect(code).toMatch(/^\d{2,}\/QĐ-UBND$/);
    const plain = code.replace('Đ', 'D');

    expect(await search('province.clerk', code)).toContain(documentId);
    expect(await search('province.leader', plain)).toContain(documentId);

    const workers = startExchangeWorkers(ctx);
    try {
      const vinh = await orgOf(ctx.sql, 'district.clerk', 'clerk');
      const sent = await ctx.request({
        method: 'POST',
        url: `/api/v1/documents/${documentId}/dispatch`,
        as: 'province.clerk',
        payload: { recipients: [{ organizationId: vinh }] },
      });
      expect(sent.statusCode, sent.body).toBe(202);
      await waitFor(
        async () =>
          (await ctx.sql`select 1 from deliveries where document_id = ${documentId} and recipient_document_id is not null`).length === 1,
        { what: 'the copy delivered' },
      );
    } finally {
      await workers.close();
    }
    const [{ copy }] = await ctx.sql<
      { copy: string }[]
    >`select recipient_document_id as copy from deliveries where document_id = ${documentId}`;

    expect(await search('district.clerk', code)).toEqual([copy]);
    expect(await search('district.clerk', plain)).toEqual([copy]);
    // The issuer's name ("Ủy ban nhân dân tỉnh Nghệ An") with words of the subject.
    expect(await search('district.clerk', 'tinh nghe lam viec mau')).toEqual([copy]);
  });
});

describe('migrations/0018_document_search_code.sql', () => {
  it('rewrites the search text of rows written before it: code, issuer and số đến found', async () => {
    const province = await orgOf(ctx.sql, 'province.clerk', 'clerk');
    // A registered incoming document as the earlier code left it: "number notation subject".
    const [{ id }] = await ctx.sql<{ id: string }[]>`
      insert into documents (direction, owner_organization_id, type_name, number, notation, subject, issuer_name, status, incoming_number, search_text)
      values ('incoming', ${province}, 'Công văn', '31', 'CV-SXD', 'Góp ý dự thảo quy hoạch', 'Sở Xây dựng tỉnh Thanh Hóa', 'registered', 9876, '31 cv-sxd gop y du thao quy hoach')
      returning id`;
    expect(await search('province.clerk', '31/CV-SXD')).toEqual([]);

    await ctx.sql.unsafe(readFileSync(new URL('../../../migrations/0018_document_search_code.sql', import.meta.url), 'utf8'));

    expect(await search('province.clerk', '31/CV-SXD')).toEqual([id]);
    expect(await search('province.clerk', 'xay dung thanh hoa')).toEqual([id]);
    expect(await search('province.clerk', '9876')).toEqual([id]);
    const [{ searchText }] = await ctx.sql<{ searchText: string }[]>`select search_text as "searchText" from documents where id = ${id}`;
    expect(searchText).toBe('31/cv-sxd 31 cv-sxd gop y du thao quy hoach so xay dung tinh thanh hoa 9876');
    // What the application writes for such a row today (documents.service.ts searchTextOf).
    expect(searchText).toBe(
      searchTextOf({
        number: '31',
        notation: 'CV-SXD',
        subject: 'Góp ý dự thảo quy hoạch',
        issuerName: 'Sở Xây dựng tỉnh Thanh Hóa',
        incomingNumber: 9876,
      }),
    );
  });
});
