import type { Readable } from 'node:stream';
import { randomUUID } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import type { UploadPart } from '../../lib/multipart.js';
import { decodeCursor, encodeCursor } from '../../lib/pagination.js';
import { foldVietnamese } from '../../lib/text.js';
import type { ObjectStorage } from '../../storage/object-storage.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import type { CalendarService } from '../calendar/calendar.service.js';
import { checkDeadlineNotPast } from '../../lib/deadlines.js';
import type { OrgsDirectory } from '../orgs/orgs-directory.service.js';
import type { TrackingService } from '../tracking/tracking.service.js';
import type { UsersService } from '../users/users.service.js';
import { createAccessGrantsService } from './access-grants.service.js';
import { decideRange } from './byte-range.js';
import { latestFiles, toDocumentDto, toListItem, type PendingNotice } from './document-dtos.js';
import { createDocumentFilesService, fileRow } from './document-files.service.js';
import { canonicalDocumentType } from './document-types.js';
import type { DocumentWritesRepo } from './document-writes.repo.js';
import type { DocumentFileRow, DocumentRow, DocumentsRepo } from './documents.repo.js';
import type { DocumentDto, DocumentListPage, DocumentMetadata, GetDocumentQuery, ListDocumentsQuery } from './documents.schemas.js';
import { defaultOwner, mayWriteFor, parseMetadata, searchTextOf } from './documents.rules.js';
import { receiveMetadataUpload } from './upload.js';

export type FileContent = {
  file: DocumentFileRow;
  stream: Readable;
  /** Present for a 206 answer. */
  range?: { start: number; end: number };
};

export type DocumentsServiceDeps = {
  db: Db;
  documentsRepo: DocumentsRepo;
  writesRepo: DocumentWritesRepo;
  orgs: Pick<OrgsDirectory, 'findById' | 'findCurrentByCode'>;
  users: Pick<UsersService, 'findById'>;
  /** Tracking opens the custody chain of a received document (the owner's clerks hold it). */
  custody: Pick<TrackingService, 'openReceivedInsert'>;
  storage: Pick<ObjectStorage, 'putStream' | 'deleteMany' | 'getStream'>;
  audit: Pick<AuditService, 'record' | 'recordStatement'>;
  uploads: { maxFileBytes: number };
  /**
   * Schedules the signature check of arriving PDFs inside the statement that stores them (the
   * signing module's report, or its verify job through the outbox), and publishes after commit.
   */
  verification: {
    scheduleStatements(pdfs: { fileId: string; maybeSigned: boolean }[]): { statements: SQL[]; queued: number };
    afterCommit(queued: number): void;
  };
  /** The exchange module's recalls and notices awaiting the answer of incoming copies (flags in lists). */
  /** Today in Asia/Ho_Chi_Minh, for the document's own deadline at upload (lib/deadlines.ts). */
  calendar: Pick<CalendarService, 'today'>;
  notices: { pendingOf(db: DbOrTx, documentIds: string[]): Promise<Map<string, PendingNotice[]>> };
  /**
   * Handling's read receipts (handling/informs.service.ts): told of every opening of a document's
   * record or file, after the visibility check, so the reader's items to inform are read.
   */
  readReceipts: { opened(p: Principal, documentId: string, via: 'document' | 'file'): Promise<void> };
};

export function createDocumentsService({
  db,
  documentsRepo,
  writesRepo,
  orgs,
  users,
  custody,
  storage,
  audit,
  uploads,
  verification,
  notices,
  readReceipts,
  calendar,
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
    const org = await orgs.findById(dbx, id);
    if (!org || org.validTo !== null)
      throw new AppError('VALIDATION_FAILED', { message: 'the owner organisation does not exist or is no longer current' });
    return org;
  }

  /** Every check that needs only the metadata, run as soon as it arrives (before or after the files). */
  async function prepareCreate(p: Principal, metadata: DocumentMetadata) {
    const typeName = canonicalDocumentType(metadata.type);
    // A document received already past its deadline would be overdue against no one who held it.
    if (metadata.dueDate !== undefined) checkDeadlineNotPast(metadata.dueDate, calendar.today(), { field: 'dueDate' });

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
      const issuer = await orgs.findCurrentByCode(db, metadata.issuerCode);
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

  const files = createDocumentFilesService({ db, documentsRepo, writesRepo, orgs, storage, audit, uploads, getVisible });
  const access = createAccessGrantsService({ db, documentsRepo, writesRepo, orgs, users, audit, getVisible });

  return {
    getVisible,
    ...files,
    ...access,

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
     * then one statement writes the record, its files, the first custody interval, the audit event
     * and the signature checks. Any failure removes the stored objects.
     * @throws AppError VALIDATION_FAILED (metadata, no file), DEADLINE_IN_PAST (dueDate before today), FORBIDDEN, UNSUPPORTED_MEDIA_TYPE,
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
        const verifications = verification.scheduleStatements(
          received.files.flatMap((f, i) =>
            f.maySignatureDictionary === undefined ? [] : [{ fileId: fileRows[i].id, maybeSigned: f.maySignatureDictionary }],
          ),
        );
        // ONE statement, its own transaction: the record and its files, and beside them the other
        // modules' INSERTs (each module writes its own SQL): the first custody interval (the
        // document sits with the owner's clerks until it is handed on), the audit event, and the
        // signature check of each PDF. All of them commit, or none.
        const { row, files } = await writesRepo.insertReceived(db, {
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
          // Whoever records a secret document must be able to read it back; everyone else needs a grant.
          ...(confidentiality !== 'normal' ? { grantTo: p.id } : {}),
          alongside: [
            custody.openReceivedInsert([{ documentId: id, holderUnitId: owner.id }]),
            audit.recordStatement({
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
            ...verifications.statements,
          ],
        });
        const created = toDocumentDto(row, files);
        const queued = verifications.queued;
        verification.afterCommit(queued);
        return created;
      } catch (err) {
        await received.discard();
        throw err;
      }
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
      await readReceipts.opened(p, id, 'document');
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
      await readReceipts.opened(p, id, 'file');
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
  };
}

export type DocumentsService = ReturnType<typeof createDocumentsService>;

/** What other modules' read routes need of this service: auditing reads of confidential documents. */
export type ConfidentialReads = Pick<DocumentsService, 'auditConfidentialRead'>;
