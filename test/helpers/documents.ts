import { randomUUID } from 'node:crypto';
import type postgres from 'postgres';
import { searchTextOf } from '../../src/modules/documents/documents.rules.js';
import type { TestContext } from './context.js';

export type DocumentRowOverrides = {
  ownerOrganizationId: string;
  direction?: 'incoming' | 'outgoing' | 'internal';
  typeName?: string;
  subject?: string;
  number?: string | null;
  notation?: string | null;
  urgency?: 'normal' | 'urgent' | 'very_urgent' | 'flash';
  confidentiality?: 'normal' | 'secret' | 'top_secret' | 'absolute_secret';
  status?: string;
  dueDate?: string | null;
  createdBy?: string | null;
};

/**
 * Inserts a received document row as the upload would leave it (without files), and opens its
 * first custody interval with the owner's clerks. Fast enough for many documents per test.
 */
export async function createDocumentRow(sql: postgres.Sql, o: DocumentRowOverrides): Promise<string> {
  const id = randomUUID();
  const subject = o.subject ?? `Về việc kiểm tra số ${id.slice(0, 8)}`;
  const number = o.number === undefined ? String(Math.floor(Math.random() * 900) + 10) : o.number;
  const notation = o.notation === undefined ? 'UBND-VP' : o.notation;
  await sql`
    insert into documents (id, direction, owner_organization_id, type_name, number, notation, subject, urgency, confidentiality, status, due_date, search_text, created_by)
    values (${id}, ${o.direction ?? 'incoming'}, ${o.ownerOrganizationId}, ${o.typeName ?? 'Công văn'}, ${number}, ${notation}, ${subject},
            ${o.urgency ?? 'normal'}, ${o.confidentiality ?? 'normal'}, ${o.status ?? 'received'}, ${o.dueDate ?? null},
            ${searchTextOf({ number, notation, subject })}, ${o.createdBy ?? null})`;
  await sql`insert into custody_intervals (document_id, holder_unit_id, role) values (${id}, ${o.ownerOrganizationId}, 'clerk')`;
  return id;
}

/** The id of a demo user. */
export async function userId(sql: postgres.Sql, username: string): Promise<string> {
  const [row] = await sql<{ id: string }[]>`select id from users where username = ${username}`;
  if (!row) throw new Error(`no user ${username}`);
  return row.id;
}

/** The organisation where `username` holds `role` (the top-most one when several). */
export async function orgOf(sql: postgres.Sql, username: string, role: string): Promise<string> {
  const [row] = await sql<{ id: string }[]>`
    select o.id from role_grants g join users u on u.id = g.user_id join organizations o on o.id = g.organization_id
     where u.username = ${username} and g.role = ${role} order by nlevel(o.path) limit 1`;
  if (!row) throw new Error(`${username} holds no ${role} grant`);
  return row.id;
}

/** The smallest PDF the upload accepts. */
export const TINY_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

/** POST /api/v1/documents as `as` with `metadata` and one small PDF; returns the response. */
export async function uploadDocument(ctx: TestContext, as: string, metadata: Record<string, unknown>) {
  const boundary = `----vanthu${randomUUID()}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="metadata"\r\n\r\n${JSON.stringify(metadata)}\r\n`),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="cong-van.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
    ),
    TINY_PDF,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return ctx.request({
    method: 'POST',
    url: '/api/v1/documents',
    as,
    payload: body,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
}
