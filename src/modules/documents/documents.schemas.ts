import { Type, type Static } from 'typebox';
import { AUTHORITY_PREFIXES, CONFIDENTIALITIES, DIRECTIONS, DOCUMENT_STATUSES, URGENCIES } from '../../db/schema/documents.js';
import { IsoDate, ListTotalFields, Nullable, PageQuery, Uuid } from '../../lib/schemas.js';

export const Direction = Type.Enum([...DIRECTIONS]);
export const Urgency = Type.Enum([...URGENCIES]);
export const Confidentiality = Type.Enum([...CONFIDENTIALITIES]);
export const DocumentStatus = Type.Enum([...DOCUMENT_STATUSES]);

/**
 * The JSON of the `metadata` field of a multipart upload. Validated by the service (multipart
 * fields are not seen by the route's AJV); unknown properties are refused so that a misspelt field
 * is not silently lost.
 */
export const DocumentMetadata = Type.Object(
  {
    direction: Direction,
    /** The Vietnamese type name as in domain-data.json (Công văn, Quyết định...). */
    type: Type.String({ minLength: 1, maxLength: 100 }),
    subject: Type.String({ minLength: 1, maxLength: 2000 }),
    urgency: Type.Optional(Urgency),
    confidentiality: Type.Optional(Confidentiality),
    number: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
    notation: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    issuerName: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
    issuerCode: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
    signerName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    signerPosition: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    signerAuthority: Type.Optional(Type.Enum([...AUTHORITY_PREFIXES])),
    promulgationDate: Type.Optional(IsoDate),
    dueDate: Type.Optional(IsoDate),
    pageCount: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
    /** The organisation the record belongs to; defaults from the caller's clerk grants. */
    ownerOrganizationId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type DocumentMetadata = Static<typeof DocumentMetadata>;

export const DocumentFileDto = Type.Object({
  id: Uuid,
  name: Type.String(),
  /** The name before issuing named the file from the số/ký hiệu ("01-QĐ-UBND.pdf"): the issuer's own record; null otherwise. */
  originalName: Nullable(Type.String()),
  contentType: Type.String(),
  size: Type.Integer(),
  sha256: Type.String(),
  kind: Type.String({ description: 'main, attachment or note (a handler’s working file, added with POST /assignments/:id/files)' }),
  version: Type.Integer(),
  previousFileId: Nullable(Uuid),
  /** False for a file a later version replaces, or a file of an earlier draft version once another is issued (only listed with versions=all). */
  latest: Type.Boolean(),
  /** A working file (kind note): the assignment its handler added it to; null for the document's own files. */
  assignmentId: Nullable(Uuid),
  /** Who added the file (null for files that came in a package or a copy). */
  createdBy: Nullable(Uuid),
  createdAt: Type.String({ format: 'date-time' }),
});
export type DocumentFileDto = Static<typeof DocumentFileDto>;

export const DocumentDto = Type.Object({
  id: Uuid,
  direction: Direction,
  ownerOrganizationId: Uuid,
  type: Type.String(),
  typeAbbreviation: Nullable(Type.String()),
  number: Nullable(Type.String()),
  notation: Nullable(Type.String()),
  subject: Type.String(),
  issuerOrganizationId: Nullable(Uuid),
  issuerCode: Nullable(Type.String()),
  issuerName: Nullable(Type.String()),
  signerName: Nullable(Type.String()),
  signerPosition: Nullable(Type.String()),
  signerAuthority: Nullable(Type.String()),
  promulgationDate: Nullable(Type.String()),
  urgency: Urgency,
  confidentiality: Confidentiality,
  pageCount: Nullable(Type.Integer()),
  dueDate: Nullable(Type.String()),
  status: DocumentStatus,
  registerId: Nullable(Uuid),
  /** Số đến, once the document is registered. */
  incomingNumber: Nullable(Type.Integer()),
  registeredAt: Nullable(Type.String({ format: 'date-time' })),
  refusedReason: Nullable(Type.String()),
  completedAt: Nullable(Type.String({ format: 'date-time' })),
  overdueSince: Nullable(Type.String({ format: 'date-time' })),
  createdBy: Nullable(Uuid),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  /** An incoming copy: what its sender asked that awaits the clerk's answer (recall, update, replace; GET /documents/:id/recall). */
  pendingNotices: Type.Array(Type.Union([Type.Literal('recall'), Type.Literal('update'), Type.Literal('replace')])),
  files: Type.Array(DocumentFileDto),
});
export type DocumentDto = Static<typeof DocumentDto>;

export const DocumentIdParams = Type.Object({ id: Uuid });
export const FileParams = Type.Object({ id: Uuid, fileId: Uuid });
export const GrantParams = Type.Object({ id: Uuid, userId: Uuid });

export const GetDocumentQuery = Type.Object({
  /** `all` lists every version of every file (each with `latest`); the default only the latest ones. */
  versions: Type.Optional(Type.Union([Type.Literal('latest'), Type.Literal('all')], { default: 'latest' })),
});
export type GetDocumentQuery = Static<typeof GetDocumentQuery>;

export const ListDocumentsQuery = Type.Object({
  direction: Type.Optional(Direction),
  status: Type.Optional(DocumentStatus),
  urgency: Type.Optional(Urgency),
  type: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  /** Created on or after this date (Vietnam time). */
  from: Type.Optional(IsoDate),
  /** Created on or before this date (Vietnam time). */
  to: Type.Optional(IsoDate),
  /** Words of the số/ký hiệu (whole, "01/QĐ-UBND", or in parts), subject, issuer's name or số đến, with or without diacritics. */
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  cursor: PageQuery.cursor,
});
export type ListDocumentsQuery = Static<typeof ListDocumentsQuery>;

export const DocumentListItem = Type.Omit(DocumentDto, ['files']);
export type DocumentListItem = Static<typeof DocumentListItem>;

export const DocumentListPage = Type.Object({
  items: Type.Array(DocumentListItem),
  nextCursor: Nullable(Type.String()),
  ...ListTotalFields,
});
export type DocumentListPage = Static<typeof DocumentListPage>;

export const AccessGrantBody = Type.Object({ userId: Uuid });
export type AccessGrantBody = Static<typeof AccessGrantBody>;

export const AccessGrantDto = Type.Object({
  documentId: Uuid,
  userId: Uuid,
  grantedBy: Nullable(Uuid),
  createdAt: Type.String({ format: 'date-time' }),
});
export type AccessGrantDto = Static<typeof AccessGrantDto>;

export const UploadedFilesDto = Type.Object({ documentId: Uuid, files: Type.Array(DocumentFileDto) });
export type UploadedFilesDto = Static<typeof UploadedFilesDto>;
