import { randomUUID } from 'node:crypto';
import type { TestContext } from '../../helpers/context.js';
import { createDocumentRow, TINY_PDF, type DocumentRowOverrides } from '../../helpers/documents.js';

export type IssuedDocument = { id: string; storageKey: string; fileId: string };

/**
 * An issued outgoing document of `ownerOrganizationId` with one stored PDF, as issuance leaves it
 * (number, notation, promulgation date, status issued).
 */
export async function issuedDocument(
  ctx: TestContext,
  {
    ownerOrganizationId,
    urgency = 'normal',
    confidentiality = 'normal',
    number = String(100 + Math.floor(Math.random() * 800)),
    subject,
  }: {
    ownerOrganizationId: string;
    urgency?: 'normal' | 'urgent' | 'very_urgent' | 'flash';
    confidentiality?: DocumentRowOverrides['confidentiality'];
    number?: string;
    subject?: string;
  },
): Promise<IssuedDocument> {
  const id = await createDocumentRow(ctx.sql, {
    ownerOrganizationId,
    direction: 'outgoing',
    status: 'issued',
    urgency,
    confidentiality,
    number,
    notation: 'UBND-VP',
    typeName: 'Công văn',
    subject,
  });
  await ctx.sql`update documents set promulgation_date = '2026-03-02', signer_name = 'Lê Hồng Vinh', signer_position = 'Chủ tịch' where id = ${id}`;
  // A confidential document is seen only by those granted it: the owner's clerks, as the uploader would be.
  if (confidentiality !== 'normal') {
    await ctx.sql`
      insert into document_access_grants (document_id, user_id)
      select ${id}, g.user_id from role_grants g where g.organization_id = ${ownerOrganizationId} and g.role = 'clerk'`;
  }
  const storageKey = `documents/${id}/${randomUUID()}.pdf`;
  const put = await ctx.container.storage.putBuffer(storageKey, TINY_PDF, { contentType: 'application/pdf' });
  const fileId = randomUUID();
  await ctx.sql`
    insert into document_files (id, document_id, name, content_type, size, sha256, storage_key, kind)
    values (${fileId}, ${id}, 'cong-van.pdf', 'application/pdf', ${put.size}, ${put.sha256}, ${storageKey}, 'main')`;
  return { id, storageKey, fileId };
}

export const orgByCode = async (ctx: TestContext, code: string): Promise<string> =>
  (await ctx.sql<{ id: string }[]>`select id from organizations where code = ${code} and valid_to is null`)[0].id;

export const post = (ctx: TestContext, url: string, as: string, payload?: unknown) =>
  ctx.request({
    method: 'POST',
    url: `/api/v1${url}`,
    as,
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });

export const get = (ctx: TestContext, url: string, as: string) => ctx.request({ method: 'GET', url: `/api/v1${url}`, as });

export type DeliveryView = {
  id: string;
  kind: string;
  recipientOrganizationId: string | null;
  recipientOrganId: string | null;
  state: string;
  statusCode: string | null;
  statusLabel: string | null;
  statusDescription: string | null;
  recipientDocumentId: string | null;
  recallState: string | null;
  recallReason: string | null;
  noticeKind: string | null;
  noticeState: string | null;
  history: {
    event: string;
    code?: string;
    businessType?: number;
    answer?: string;
    label: string;
    description?: string | null;
    statedAt?: string | null;
  }[];
};

/** A delivery's history in short: each national code as it is, other events by name (`sent:1` a recall package sent). */
export const trail = (d: DeliveryView): string[] =>
  d.history.map((h) => h.code ?? (h.event === 'sent' && h.businessType ? `sent:${h.businessType}` : h.event));

export async function deliveriesOf(ctx: TestContext, documentId: string, as = 'province.clerk'): Promise<DeliveryView[]> {
  const res = await get(ctx, `/documents/${documentId}/deliveries`, as);
  if (res.statusCode !== 200) throw new Error(`deliveries: ${res.statusCode} ${res.body}`);
  return res.json<{ items: DeliveryView[] }>().items;
}
