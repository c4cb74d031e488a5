import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Value } from 'typebox/value';
import type { Db, DbOrTx, Tx } from '../../db/client.js';
import type { Direction } from '../../db/schema/documents.js';
import { AppError } from '../../lib/errors.js';
import { decodeCursor, encodeCursor } from '../../lib/pagination.js';
import { Uuid } from '../../lib/schemas.js';
import { foldVietnamese } from '../../lib/text.js';
import type { ObjectStorage } from '../../storage/object-storage.js';
import type { AuditService } from '../audit/audit.service.js';
import { hasRoleOver, isWithin, type Principal } from '../auth/principal.js';
import type { OrgsRepo } from '../orgs/orgs.repo.js';
import type { UsersRepo } from '../users/users.repo.js';
import { decideRange } from './byte-range.js';
import { abbreviationOf, canonicalDocumentType } from './document-types.js';
import type { DocumentFileRow, DocumentRow, DocumentsRepo } from './documents.repo.js';
import {
  DocumentMetadata,
  type AccessGrantDto,
  type DocumentDto,
  type DocumentFileDto,
  type DocumentListItem,
  type DocumentListPage,
  type GetDocumentQuery,
  type ListDocumentsQuery,
  type UploadedFilesDto,
} from './documents.schemas.js';
import { parseJsonField, type UploadPart } from '../../lib/multipart.js';
import { issuedFileName, issuedFileStem, nextVersionName, planIssuedFiles, type IssuedFilesPlan } from './issued-file-names.js';
import { receiveMetadataUpload, receiveUpload, type StoredFile } from './upload.js';

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

function toListItem(row: DocumentRow, pendingNotices: PendingNotice[] = []): DocumentListItem {
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

export type FileContent = {
  file: DocumentFileRow;
  stream: Readable;
  /** Present for a 206 answer. */
  range?: { start: number; end: number };
};

export type DocumentsServiceDeps = {
  db: Db;
  documentsRepo: DocumentsRepo;
  orgsRepo: Pick<OrgsRepo, 'findById' | 'findCurrentByCode'>;
  usersRepo: Pick<UsersRepo, 'findById'>;
  storage: Pick<ObjectStorage, 'putStream' | 'deleteMany' | 'getStream'>;
  audit: Pick<AuditService, 'record'>;
  uploads: { maxFileBytes: number };
  /**
   * Schedules the signature check of arriving PDFs inside the storing transaction (the signing
   * module's verify job, through the outbox), and publishes after commit.
   */
  verification: { schedule(tx: Tx, fileIds: string[]): Promise<void>; afterCommit(): void };
  /** The exchange module's recalls and notices awaiting the answer of incoming copies (flags in lists). */
  notices: { pendingOf(db: DbOrTx, documentIds: string[]): Promise<Map<string, PendingNotice[]>> };
};

export function createDocumentsService({
  db,
  documentsRepo,
  orgsRepo,
  usersRepo,
  storage,
  audit,
  uploads,
  verification,
  notices,
}: DocumentsServiceDeps) {
  /**
   * The document if `p` may see it.
   * @throws AppError NOT_FOUND when it does not exist or is not visible to `p` (never which).
   */
  async function getVisible(p: Principal, id: string, dbx: DbOrTx = db): Promise<DocumentRow> {
    const row = await documentsRepo.findVisible(dbx, p, id);
    if (!row) throw new AppError('NOT_FOUND', { message: 'document not found' });
    return row;
  }

  async function loadCurrentOrg(dbx: DbOrTx, id: string) {
    const org = await orgsRepo.findById(dbx, id);
    if (!org || org.validTo !== null)
      throw new AppError('VALIDATION_FAILED', { message: 'the owner organisation does not exist or is no longer current' });
    return org;
  }

  /** Every check that needs only the metadata, run as soon as it arrives (before or after the files). */
  async function prepareCreate(p: Principal, metadata: DocumentMetadata) {
    const typeName = canonicalDocumentType(metadata.type);

    let owner: { id: string; path: string };
    if (metadata.ownerOrganizationId !== undefined) {
      const org = await loadCurrentOrg(db, metadata.ownerOrganizationId);
      owner = { id: org.id, path: org.path };
      if (!mayWriteFor(p, metadata.direction, owner)) {
        throw new AppError('FORBIDDEN', { message: 'you may not create documents of this kind for that organisation' });
      }
    } else {
      owner = defaultOwner(p, metadata.direction);
    }

    // An issuer of this deployment is linked by its code, so exchanges and reports can follow it.
    let issuerOrganizationId: string | null = null;
    let issuerName = metadata.issuerName ?? null;
    if (metadata.issuerCode !== undefined) {
      const issuer = await orgsRepo.findCurrentByCode(db, metadata.issuerCode);
      if (issuer) {
        issuerOrganizationId = issuer.id;
        issuerName ??= issuer.name;
      }
    }
    return { typeName, owner, issuerOrganizationId, issuerName };
  }

  async function readGuarded(
    p: Principal,
    row: Pick<DocumentRow, 'id' | 'confidentiality' | 'ownerOrganizationId'>,
    details: Record<string, unknown>,
  ): Promise<void> {
    // Reads of secrets are evidence: the event is committed before any content leaves.
    if (row.confidentiality === 'normal') return;
    await db.transaction((tx) =>
      audit.record(tx, {
        actorId: p.id,
        organizationId: row.ownerOrganizationId,
        action: 'document.read',
        subjectType: 'document',
        subjectId: row.id,
        details: { confidentiality: row.confidentiality, ...details },
      }),
    );
  }

  /**
   * Clerks of the owner organisation and leaders over it decide who reads a confidential document.
   * @returns the owner organisation
   */
  async function assertMayManageAccess(p: Principal, row: DocumentRow): Promise<{ id: string; path: string }> {
    const owner = await orgsRepo.findById(db, row.ownerOrganizationId);
    const allowed =
      owner !== undefined &&
      (p.grants.some((g) => g.role === 'clerk' && g.organizationId === owner.id) || hasRoleOver(p, 'leader', owner.path));
    if (!owner || !allowed) throw new AppError('FORBIDDEN', { message: 'only a clerk or leader of the owner organisation manages access' });
    if (row.confidentiality === 'normal')
      throw new AppError('INVALID_STATE', { message: 'explicit access applies to confidential documents only' });
    return owner;
  }

  return {
    getVisible,

    /**
     * Records that `p` read `what` of a document (`via` in the event: 'timeline', 'draft',
     * 'deliveries'...) when the document is confidential; nothing for a normal one. Every module
     * that answers anything belonging to a document (its draft, files, timeline, assignments,
     * deliveries, signatures) calls this once per request, after its own visibility check passed and
     * before answering: one `document.read` event per request, however many rows the answer holds.
     */
    async auditConfidentialRead(p: Principal, documentId: string, what: string, details: Record<string, unknown> = {}): Promise<void> {
      const row = await documentsRepo.findById(db, documentId);
      if (row) await readGuarded(p, row, { via: what, ...details });
    },

    /**
     * Receives a new document: every file is streamed to storage (type checked, size limited),
     * then one transaction writes the record, its files, the first custody interval and the audit
     * event. Any failure removes the stored objects.
     * @throws AppError VALIDATION_FAILED (metadata, no file), FORBIDDEN, UNSUPPORTED_MEDIA_TYPE,
     *   PAYLOAD_TOO_LARGE, SERVICE_UNAVAILABLE
     */
    async create(p: Principal, parts: AsyncIterable<UploadPart>): Promise<DocumentDto> {
      const received = await receiveMetadataUpload(parts, {
        storage,
        maxFileBytes: uploads.maxFileBytes,
        parse: parseMetadata,
        prepare: (m) => prepareCreate(p, m),
      });

      try {
        if (received.files.length === 0) throw new AppError('VALIDATION_FAILED', { message: 'at least one file is required' });
        const m = received.metadata;
        const { typeName, owner, issuerOrganizationId, issuerName } = received.prepared;
        const id = randomUUID();

        const confidentiality = m.confidentiality ?? 'normal';
        const fileRows = received.files.map((f, i) => ({
          ...fileRow(f, id, p.id),
          kind: i === 0 ? ('main' as const) : ('attachment' as const),
        }));
        const created = await db.transaction(async (tx) => {
          // The three writes do not depend on one another's results: sent together (pipelined on
          // the transaction's connection) they cost one round trip instead of three.
          const [{ row, files }] = await Promise.all([
            documentsRepo.insertReceived(tx, {
              document: {
                id,
                direction: m.direction,
                ownerOrganizationId: owner.id,
                typeName,
                number: m.number ?? null,
                notation: m.notation ?? null,
                subject: m.subject,
                issuerOrganizationId,
                issuerCode: m.issuerCode ?? null,
                issuerName,
                signerName: m.signerName ?? null,
                signerPosition: m.signerPosition ?? null,
                signerAuthority: m.signerAuthority ?? null,
                promulgationDate: m.promulgationDate ?? null,
                urgency: m.urgency ?? 'normal',
                confidentiality,
                pageCount: m.pageCount ?? null,
                dueDate: m.dueDate ?? null,
                status: 'received',
                searchText: searchTextOf({ ...m, issuerName }),
                createdBy: p.id,
              },
              files: fileRows,
              // The document sits with the owner's clerks until it is handed on.
              custodyUnitId: owner.id,
              // Whoever records a secret document must be able to read it back; everyone else needs a grant.
              ...(confidentiality !== 'normal' ? { grantTo: p.id } : {}),
            }),
            audit.record(tx, {
              actorId: p.id,
              organizationId: owner.id,
              action: 'document.create',
              subjectType: 'document',
              subjectId: id,
              details: {
                direction: m.direction,
                type: typeName,
                confidentiality,
                files: fileRows.map((f) => ({ id: f.id, name: f.name, size: f.size, sha256: f.sha256 })),
              },
            }),
            verification.schedule(
              tx,
              fileRows.filter((f) => f.contentType === 'application/pdf').map((f) => f.id),
            ),
          ]);
          return toDocumentDto(row, files);
        });
        verification.afterCommit();
        return created;
      } catch (err) {
        await received.discard();
        throw err;
      }
    },

    /**
     * Adds attachments, or (field `replaces=<fileId>` with exactly one file) a new version of a
     * file; stored bytes are never changed. On an issued document the new files take its names (a
     * new version the name of the file it replaces, an attachment the next "Phụ lục"), the uploaded
     * name kept in originalName.
     * @throws AppError NOT_FOUND, FORBIDDEN, VALIDATION_FAILED, INVALID_STATE (replacing a file that
     *   already has a newer version), UNSUPPORTED_MEDIA_TYPE, PAYLOAD_TOO_LARGE, SERVICE_UNAVAILABLE
     */
    async addFiles(p: Principal, id: string, parts: AsyncIterable<UploadPart>): Promise<UploadedFilesDto> {
      const doc = await getVisible(p, id);
      const owner = await orgsRepo.findById(db, doc.ownerOrganizationId);
      if (!owner || !(mayWriteFor(p, doc.direction, owner) || doc.createdBy === p.id)) {
        throw new AppError('FORBIDDEN', { message: 'you may not add files to this document' });
      }

      let replaces: string | undefined;
      const received = await receiveUpload(parts, {
        storage,
        maxFileBytes: uploads.maxFileBytes,
        onField: (name, value) => {
          if (name !== 'replaces') return;
          if (!Value.Check(Uuid, value)) throw new AppError('VALIDATION_FAILED', { message: 'replaces must be a file id' });
          replaces = value;
        },
      });

      try {
        if (received.files.length === 0) throw new AppError('VALIDATION_FAILED', { message: 'at least one file is required' });
        if (replaces !== undefined && received.files.length !== 1)
          throw new AppError('VALIDATION_FAILED', { message: 'a new version replaces one file: send exactly one' });
        const replacedId = replaces;

        return await db.transaction(async (tx) => {
          // Locks the document so two new versions of the same file cannot both be "the next one".
          const locked = await documentsRepo.findVisible(tx, p, id, { forUpdate: true });
          if (!locked) throw new AppError('NOT_FOUND', { message: 'document not found' });

          // An issued document's files carry its số/ký hiệu (issued-file-names.ts), new ones too:
          // an update sends them to the recipients.
          const stem =
            locked.direction === 'outgoing' && locked.status === 'issued' && locked.number && locked.notation
              ? issuedFileStem(locked.number, locked.notation)
              : null;
          let rows;
          if (replacedId !== undefined) {
            const previous = await documentsRepo.findFile(tx, id, replacedId);
            if (!previous) throw new AppError('VALIDATION_FAILED', { message: 'replaces names no file of this document' });
            if (previous.supersededAt !== null || !(await documentsRepo.isLatestFile(tx, previous.id))) {
              throw new AppError('INVALID_STATE', {
                message: 'that file already has a newer version, or is no longer one of the document’s files',
              });
            }
            const row = {
              ...fileRow(received.files[0], id, p.id),
              kind: previous.kind,
              version: previous.version + 1,
              previousFileId: previous.id,
            };
            rows = [stem ? { ...row, name: nextVersionName(previous, row), originalName: row.name } : row];
          } else {
            const attachments = stem ? latestFiles(await documentsRepo.filesOf(tx, id)).filter((f) => f.kind === 'attachment').length : 0;
            rows = received.files.map((f, i) => {
              const row = { ...fileRow(f, id, p.id), kind: 'attachment' as const };
              return stem
                ? { ...row, name: issuedFileName(stem, { kind: 'attachment', position: attachments + i + 1 }, row), originalName: row.name }
                : row;
            });
          }
          const files = await documentsRepo.insertFiles(tx, rows);
          await documentsRepo.touch(tx, id);
          await audit.record(tx, {
            actorId: p.id,
            organizationId: doc.ownerOrganizationId,
            action: replacedId ? 'document.file.version' : 'document.file.add',
            subjectType: 'document',
            subjectId: id,
            details: {
              files: files.map((f) => ({ id: f.id, name: f.name, size: f.size, sha256: f.sha256, previousFileId: f.previousFileId })),
            },
          });
          return { documentId: id, files: toFileDtos(files) };
        });
      } catch (err) {
        await received.discard();
        throw err;
      }
    },

    /**
     * Issuing's part on the files, in the issuing transaction (issuance calls it): the current files
     * are named from the số/ký hiệu, keeping their names in originalName, and the files of the
     * other draft versions are retired (issued-file-names.ts planIssuedFiles). Returns what changed,
     * for the issue's audit event.
     */
    async issueFiles(
      tx: Tx,
      documentId: string,
      o: { number: string; notation: string; mainFileId: string; attachmentOrder: readonly string[]; retiredRootIds: readonly string[] },
    ): Promise<IssuedFilesPlan> {
      const plan = planIssuedFiles(await documentsRepo.filesOf(tx, documentId), {
        stem: issuedFileStem(o.number, o.notation),
        mainFileId: o.mainFileId,
        attachmentOrder: o.attachmentOrder,
        retiredRootIds: new Set(o.retiredRootIds),
      });
      await documentsRepo.applyIssuedFiles(tx, plan);
      return plan;
    },

    /**
     * The document with its files (latest versions, or all with `versions=all`); a read of a
     * confidential document is audited.
     * @throws AppError NOT_FOUND
     */
    async get(p: Principal, id: string, { versions = 'latest' }: GetDocumentQuery = {}): Promise<DocumentDto> {
      const row = await getVisible(p, id);
      const all = await documentsRepo.filesOf(db, id);
      const pending = await notices.pendingOf(db, [id]);
      await readGuarded(p, row, { via: 'record' });
      return toDocumentDto(row, versions === 'all' ? all : latestFiles(all), pending.get(id));
    },

    /**
     * Opens a file's bytes (or one byte range of them), after checking that `p` sees the document
     * and the file is one of its files; audited for confidential documents.
     * @throws AppError NOT_FOUND, RANGE_NOT_SATISFIABLE
     */
    async openContent(p: Principal, id: string, fileId: string, rangeHeader: string | undefined): Promise<FileContent> {
      const row = await getVisible(p, id);
      const file = await documentsRepo.findFile(db, id, fileId);
      if (!file) throw new AppError('NOT_FOUND', { message: 'file not found' });

      const decision = decideRange(rangeHeader, file.size);
      if (decision.kind === 'unsatisfiable') {
        throw new AppError('RANGE_NOT_SATISFIABLE', {
          message: `the range ${rangeHeader} is outside the ${file.size} bytes of the file`,
          details: { size: file.size },
        });
      }
      const range = decision.kind === 'partial' ? { start: decision.start, end: decision.end } : undefined;
      await readGuarded(p, row, { via: 'content', fileId, ...(range ? { range } : {}) });
      const stream = await storage.getStream(file.storageKey, range);
      return { file, stream, ...(range ? { range } : {}) };
    },

    /**
     * A page of the documents `p` may see, newest first (keyset on created_at, id).
     * @throws AppError VALIDATION_FAILED for an unknown type or a bad cursor
     */
    async list(p: Principal, q: ListDocumentsQuery): Promise<DocumentListPage> {
      if (q.from !== undefined && q.to !== undefined && q.from > q.to)
        throw new AppError('VALIDATION_FAILED', { message: `from (${q.from}) is after to (${q.to})`, details: { from: q.from, to: q.to } });
      const limit = q.limit ?? 50;
      let after: { createdAt: string; id: string } | undefined;
      if (q.cursor) {
        const [createdAt, lastId] = decodeCursor(q.cursor, ['timestamp', 'uuid']);
        after = { createdAt, id: lastId };
      }
      const folded = q.q === undefined ? '' : foldVietnamese(q.q);
      const filters = {
        direction: q.direction,
        status: q.status,
        urgency: q.urgency,
        typeName: q.type === undefined ? undefined : canonicalDocumentType(q.type),
        fromDate: q.from,
        toDate: q.to,
        foldedQuery: folded === '' ? undefined : folded,
        limit: limit + 1,
        after,
      };
      const rows = await documentsRepo.listVisible(db, p, filters);
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      const pending = await notices.pendingOf(
        db,
        page.filter((r) => r.row.direction === 'incoming').map((r) => r.row.id),
      );
      // A whole list in one page is counted by the page; a longer one is estimated (counting the
      // visible documents of a province would read them all, every page).
      const whole = !after && rows.length <= limit;
      return {
        items: page.map((r) => toListItem(r.row, pending.get(r.row.id))),
        nextCursor: rows.length > limit && last ? encodeCursor([last.cursorCreatedAt, last.row.id]) : null,
        total: whole
          ? page.length
          : Math.max(await documentsRepo.estimateVisible(db, p, filters), page.length + (rows.length > limit ? 1 : 0)),
        totalIsEstimate: !whole,
      };
    },

    /**
     * Lets `userId` read a confidential document. The caller must see it and be a clerk or leader of
     * its owner organisation; a secret leaves the owner's subtree (to a user whose unit lies outside
     * it) only on the word of a leader over the owner, never a clerk's. Granting twice is harmless.
     * @throws AppError NOT_FOUND, FORBIDDEN, INVALID_STATE (not confidential), VALIDATION_FAILED (unknown user)
     */
    async grantAccess(p: Principal, id: string, userId: string): Promise<AccessGrantDto> {
      const row = await getVisible(p, id);
      const owner = await assertMayManageAccess(p, row);
      const user = await usersRepo.findById(db, userId);
      if (!user || !user.active) throw new AppError('VALIDATION_FAILED', { message: 'unknown or inactive user' });
      const home = await orgsRepo.findById(db, user.organizationId);
      if (!(home && isWithin(home.path, owner.path)) && !hasRoleOver(p, 'leader', owner.path)) {
        throw new AppError('FORBIDDEN', { message: 'only a leader of the owner organisation grants access to a user outside it' });
      }

      return db.transaction(async (tx) => {
        const inserted = await documentsRepo.insertGrant(tx, { documentId: id, userId, grantedBy: p.id });
        const grant = inserted ?? (await documentsRepo.findGrant(tx, id, userId));
        if (!grant) throw new AppError('INTERNAL', { message: 'grant vanished' });
        if (inserted) {
          await audit.record(tx, {
            actorId: p.id,
            organizationId: row.ownerOrganizationId,
            action: 'document.access.grant',
            subjectType: 'document',
            subjectId: id,
            details: { userId },
          });
        }
        return { documentId: grant.documentId, userId: grant.userId, grantedBy: grant.grantedBy, createdAt: grant.createdAt.toISOString() };
      });
    },

    /**
     * Withdraws an explicit grant.
     * @throws AppError NOT_FOUND (document, or no such grant), FORBIDDEN, INVALID_STATE
     */
    async revokeAccess(p: Principal, id: string, userId: string): Promise<void> {
      const row = await getVisible(p, id);
      await assertMayManageAccess(p, row);
      await db.transaction(async (tx) => {
        if (!(await documentsRepo.deleteGrant(tx, id, userId))) throw new AppError('NOT_FOUND', { message: 'no such grant' });
        await audit.record(tx, {
          actorId: p.id,
          organizationId: row.ownerOrganizationId,
          action: 'document.access.revoke',
          subjectType: 'document',
          subjectId: id,
          details: { userId },
        });
      });
    },
  };
}

function fileRow(f: StoredFile, documentId: string, createdBy: string) {
  return {
    id: randomUUID(),
    documentId,
    name: f.name,
    contentType: f.contentType,
    size: f.size,
    sha256: f.sha256,
    storageKey: f.storageKey,
    createdBy,
  };
}

export type DocumentsService = ReturnType<typeof createDocumentsService>;

/** What other modules' read routes need of this service: auditing reads of confidential documents. */
export type ConfidentialReads = Pick<DocumentsService, 'auditConfidentialRead'>;
