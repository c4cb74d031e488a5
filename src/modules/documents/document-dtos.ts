import type { DocumentFileRow, DocumentRow } from './documents.repo.js';
import type { DocumentDto, DocumentFileDto, DocumentListItem } from './documents.schemas.js';
import { abbreviationOf } from './document-types.js';

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

/**
 * File rows as the API shows them; `latest` is false for a file some other listed file replaces, or
 * one issuing retired (a file of an earlier draft version).
 */
export function toFileDtos(files: readonly DocumentFileRow[]): DocumentFileDto[] {
  const replaced = new Set(files.map((f) => f.previousFileId).filter((id): id is string => id !== null));
  return files.map((f) => ({
    id: f.id,
    name: f.name,
    originalName: f.originalName,
    contentType: f.contentType,
    size: f.size,
    sha256: f.sha256,
    kind: f.kind,
    version: f.version,
    previousFileId: f.previousFileId,
    latest: !replaced.has(f.id) && f.supersededAt === null,
    assignmentId: f.assignmentId,
    createdBy: f.createdBy,
    createdAt: f.createdAt.toISOString(),
  }));
}

/**
 * The document's current files: the latest version of every file (no other file names it as its
 * previous version), without those issuing retired (supersededAt: files of earlier draft versions).
 * What the document is made of for everyone: its view, dispatch, edXML and update notices.
 */
export function latestFiles<F extends Pick<DocumentFileRow, 'id' | 'previousFileId' | 'supersededAt'>>(files: readonly F[]): F[] {
  const replaced = new Set(files.map((f) => f.previousFileId).filter((id): id is string => id !== null));
  return files.filter((f) => !replaced.has(f.id) && f.supersededAt === null);
}

/** A request of the sender awaiting the clerk's answer on an incoming copy. */
export type PendingNotice = 'recall' | 'update' | 'replace';

export function toListItem(row: DocumentRow, pendingNotices: PendingNotice[] = []): DocumentListItem {
  return {
    id: row.id,
    direction: row.direction,
    ownerOrganizationId: row.ownerOrganizationId,
    type: row.typeName,
    typeAbbreviation: abbreviationOrNull(row.typeName),
    number: row.number,
    notation: row.notation,
    subject: row.subject,
    issuerOrganizationId: row.issuerOrganizationId,
    issuerCode: row.issuerCode,
    issuerName: row.issuerName,
    signerName: row.signerName,
    signerPosition: row.signerPosition,
    signerAuthority: row.signerAuthority,
    promulgationDate: row.promulgationDate,
    urgency: row.urgency,
    confidentiality: row.confidentiality,
    pageCount: row.pageCount,
    dueDate: row.dueDate,
    status: row.status,
    registerId: row.registerId,
    incomingNumber: row.incomingNumber,
    registeredAt: iso(row.registeredAt),
    refusedReason: row.refusedReason,
    completedAt: iso(row.completedAt),
    overdueSince: iso(row.overdueSince),
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    pendingNotices,
  };
}

// Rows written before a type was renamed in the list must still be shown, not fail the read.
function abbreviationOrNull(typeName: string): string | null {
  try {
    return abbreviationOf(typeName);
  } catch {
    return null;
  }
}

/**
 * The API shape of a document with the given files (pass `latestFiles(all)` for the usual view,
 * or every version: each carries `latest`).
 */
export function toDocumentDto(row: DocumentRow, files: readonly DocumentFileRow[], pendingNotices: PendingNotice[] = []): DocumentDto {
  return { ...toListItem(row, pendingNotices), files: toFileDtos(files) };
}
