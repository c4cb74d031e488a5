import type { Direction } from '../../db/schema/documents.js';
import { AppError } from '../../lib/errors.js';
import { parseJsonField } from '../../lib/multipart.js';
import { foldVietnamese } from '../../lib/text.js';
import { hasRoleOver, isWithin, type Principal } from '../auth/principal.js';
import { DocumentMetadata } from './documents.schemas.js';

/**
 * May `p` create or add files to a document of `direction` owned by `org`? Clerks of that very
 * organisation always; for outgoing and internal drafts also its specialists and its leaders
 * (a leader's grant reaches the units below, as in the visibility rule).
 */
export function mayWriteFor(p: Principal, direction: Direction, org: { id: string; path: string }): boolean {
  if (p.grants.some((g) => g.role === 'clerk' && g.organizationId === org.id)) return true;
  if (direction === 'incoming') return false;
  return p.grants.some((g) => g.role === 'specialist' && g.organizationId === org.id) || hasRoleOver(p, 'leader', org.path);
}

/**
 * The organisation a new document belongs to when the caller names none: the agency their clerk
 * grant serves. A clerk may hold grants at the agency and at its office (the province's văn thư
 * sits in the Văn phòng and keeps the books of the UBND), so the top-most clerk grant above the
 * caller's own unit wins; with no clerk grant, a drafter's own unit (outgoing and internal only).
 * @throws AppError FORBIDDEN when the caller may not create documents of this direction.
 */
export function defaultOwner(p: Principal, direction: Direction): { id: string; path: string } {
  const clerks = p.grants.filter((g) => g.role === 'clerk');
  if (clerks.length > 0) {
    const own = clerks.find((g) => g.organizationId === p.organizationId);
    const pool = own ? clerks.filter((g) => isWithin(own.organizationPath, g.organizationPath)) : clerks;
    const top = pool.reduce((a, b) => (b.organizationPath.split('.').length < a.organizationPath.split('.').length ? b : a));
    return { id: top.organizationId, path: top.organizationPath };
  }
  if (direction !== 'incoming') {
    const drafter =
      p.grants.find((g) => g.role === 'specialist' && g.organizationId === p.organizationId) ??
      p.grants.find((g) => g.role === 'leader' && g.organizationId === p.organizationId) ??
      p.grants.find((g) => g.role === 'leader' || g.role === 'specialist');
    if (drafter) return { id: drafter.organizationId, path: drafter.organizationPath };
  }
  throw new AppError('FORBIDDEN', {
    message:
      direction === 'incoming'
        ? 'only a clerk (văn thư) may receive incoming documents'
        : 'only a clerk, specialist or leader may create documents',
  });
}

/** Parses and validates the `metadata` field. @throws AppError VALIDATION_FAILED */
export const parseMetadata = (raw: string): DocumentMetadata => parseJsonField(DocumentMetadata, raw, 'metadata');

export type SearchFields = {
  number?: string | null;
  notation?: string | null;
  subject: string;
  /** The issuing agency's name (for an outgoing document, the issuing organisation's). */
  issuerName?: string | null;
  /** Số đến, once registered. */
  incomingNumber?: number | null;
};

/**
 * The số/ký hiệu as printed and typed ("01/QĐ-UBND"), when the record keeps it in two parts (as
 * issuance and edXML do: issuance/notation.ts); null when a notation entered by hand already
 * begins with its number, or a part is missing.
 */
function composedCode(number: string | null | undefined, notation: string | null | undefined): string | null {
  return number && notation && !notation.startsWith(`${number}/`) ? `${number}/${notation}` : null;
}

/**
 * Text the `q` search matches, lower case without diacritics: the full số/ký hiệu ("01/qd-ubnd"),
 * then number, notation and subject as before (so "01 QĐ-UBND" still matches as a phrase), then
 * the issuer's name and the số đến. migrations/0018 computes the same text for existing rows.
 */
export function searchTextOf(fields: SearchFields): string {
  const parts = [
    composedCode(fields.number, fields.notation),
    fields.number,
    fields.notation,
    fields.subject,
    fields.issuerName,
    fields.incomingNumber?.toString(),
  ];
  return foldVietnamese(parts.filter(Boolean).join(' '));
}
