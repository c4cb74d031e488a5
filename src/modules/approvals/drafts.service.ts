import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Db } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import { parseJsonField, type UploadPart } from '../../lib/multipart.js';
import { foldVietnamese } from '../../lib/text.js';
import type { ObjectStorage } from '../../storage/object-storage.js';
import type { AuditService } from '../audit/audit.service.js';
import { isWithin, type Principal } from '../auth/principal.js';
import { canonicalDocumentType } from '../documents/document-types.js';
import { receiveMetadataUpload, receiveUpload, type StoredFile } from '../documents/upload.js';
import type { DocumentRecords } from '../documents/document-records.service.js';
import type { ApprovalsRepo, DraftDocumentRow, DraftRow, FileRow } from './approvals.repo.js';
import { DraftMetadata, VersionMetadata, type CommentBody, type DraftCommentDto, type DraftDto } from './approvals.schemas.js';
import type { DraftViews } from './approvals.shared.js';

export type DraftsServiceDeps = {
  db: Db;
  approvalsRepo: ApprovalsRepo;
  /** The draft's document record and files are written by the documents module, in this transaction. */
  documents: Pick<DocumentRecords, 'insert' | 'insertFiles' | 'update'>;
  storage: Pick<ObjectStorage, 'putStream' | 'deleteMany' | 'getStream'>;
  uploads: { maxFileBytes: number };
  audit: Pick<AuditService, 'record'>;
  views: DraftViews;
};

const DRAFTER_ROLES = ['specialist', 'leader', 'clerk'] as const;

/** Outgoing drafts: their versions (main PDF and attachments), comments and files. */
export function createDraftsService({ db, approvalsRepo: repo, documents, storage, uploads, audit, views }: DraftsServiceDeps) {
  const { loadVisibleDraft, draftDto } = views;

  /** The owner organisation of a new draft and the caller's drafting unit in it. */
  async function prepareDraft(
    p: Principal,
    m: DraftMetadata,
  ): Promise<{ typeName: string; owner: { id: string; path: string }; draftingUnitId: string }> {
    const typeName = canonicalDocumentType(m.type);
    const owner = await repo.findOrganization(db, m.organizationId ?? p.organizationId);
    if (!owner || owner.validTo !== null)
      throw new AppError('VALIDATION_FAILED', { message: 'the organization does not exist or is no longer current' });
    const grant = p.grants.find((g) => (DRAFTER_ROLES as readonly string[]).includes(g.role) && isWithin(g.organizationPath, owner.path));
    if (!grant)
      throw new AppError('FORBIDDEN', {
        message: 'only a specialist, leader or clerk of the organization (or one of its units) may draft its documents',
      });
    // The drafting unit is where the caller works, when that is inside the organisation; else the grant's unit.
    const draftingUnitId = isWithin(p.organizationPath, owner.path) ? p.organizationId : grant.organizationId;
    return { typeName, owner, draftingUnitId };
  }

  function splitFiles(files: readonly StoredFile[]): { main: StoredFile; attachments: StoredFile[] } {
    if (files.length === 0) throw new AppError('VALIDATION_FAILED', { message: 'a main file (PDF) is required' });
    const [main, ...attachments] = files;
    if (main.contentType !== 'application/pdf') {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', {
        message: 'the main file of a draft must be a PDF (attachments follow it)',
        details: { fileName: main.name, contentType: main.contentType },
      });
    }
    return { main, attachments };
  }

  function fileRows(files: readonly StoredFile[], documentId: string, authorId: string, version: number, kind: 'main' | 'attachment') {
    return files.map((f) => ({
      id: randomUUID(),
      documentId,
      name: f.name,
      contentType: f.contentType,
      size: f.size,
      sha256: f.sha256,
      storageKey: f.storageKey,
      kind,
      version,
      createdBy: authorId,
    }));
  }

  return {
    /**
     * Creates an outgoing draft from a multipart upload: `metadata` JSON and the files (the first,
     * a PDF, is the main file; the others are attachments) as version 1.
     * @throws AppError VALIDATION_FAILED, FORBIDDEN, UNSUPPORTED_MEDIA_TYPE, PAYLOAD_TOO_LARGE, SERVICE_UNAVAILABLE
     */
    async createDraft(p: Principal, parts: AsyncIterable<UploadPart>): Promise<DraftDto> {
      const received = await receiveMetadataUpload(parts, {
        storage,
        maxFileBytes: uploads.maxFileBytes,
        parse: (value) => parseJsonField(DraftMetadata, value, 'metadata'),
        prepare: (m) => prepareDraft(p, m),
      });
      try {
        const { main, attachments } = splitFiles(received.files);
        const m = received.metadata;
        const { typeName, owner, draftingUnitId } = received.prepared;
        const id = randomUUID();
        return await db.transaction(async (tx) => {
          const doc = await documents.insert(tx, {
            id,
            direction: 'outgoing',
            ownerOrganizationId: owner.id,
            issuerOrganizationId: owner.id,
            typeName,
            subject: m.subject,
            urgency: m.urgency ?? 'normal',
            confidentiality: m.confidentiality ?? 'normal',
            status: 'draft',
            searchText: foldVietnamese(m.subject),
            createdBy: p.id,
          });
          const [mainRow] = await documents.insertFiles(tx, fileRows([main], id, p.id, 1, 'main'));
          const attachmentRows = await documents.insertFiles(tx, fileRows(attachments, id, p.id, 1, 'attachment'));
          const draft = await repo.insertDraft(tx, { documentId: id, draftingUnitId, drafterId: p.id, currentVersion: 1 });
          await repo.insertVersion(tx, {
            documentId: id,
            version: 1,
            mainFileId: mainRow.id,
            attachmentFileIds: attachmentRows.map((f) => f.id),
            note: m.note ?? null,
            authorId: p.id,
          });
          await audit.record(tx, {
            actorId: p.id,
            organizationId: owner.id,
            action: 'draft.create',
            subjectType: 'document',
            subjectId: id,
            details: {
              type: typeName,
              version: 1,
              files: [mainRow, ...attachmentRows].map((f) => ({ id: f.id, name: f.name, sha256: f.sha256 })),
            },
          });
          return draftDto(tx, doc, draft);
        });
      } catch (err) {
        await received.discard();
        throw err;
      }
    },

    /**
     * Adds a version (a new main PDF and its attachments) while the draft is with its drafter
     * (draft or returned).
     * @throws AppError NOT_FOUND, FORBIDDEN (not the drafter), INVALID_STATE, VALIDATION_FAILED, UNSUPPORTED_MEDIA_TYPE, PAYLOAD_TOO_LARGE
     */
    async addVersion(p: Principal, id: string, parts: AsyncIterable<UploadPart>): Promise<DraftDto> {
      const { doc, draft } = await loadVisibleDraft(db, p, id);
      const assertEditable = (d: DraftDocumentRow, dr: DraftRow): void => {
        if (dr.drafterId !== p.id) throw new AppError('FORBIDDEN', { message: 'only the drafter adds versions' });
        if (d.status !== 'draft' && d.status !== 'returned')
          throw new AppError('INVALID_STATE', { message: `a ${d.status} draft cannot get a new version`, details: { status: d.status } });
      };
      assertEditable(doc, draft);

      let metadata: VersionMetadata = {};
      const received = await receiveUpload(parts, {
        storage,
        maxFileBytes: uploads.maxFileBytes,
        onField: (name, value) => {
          if (name === 'metadata') metadata = parseJsonField(VersionMetadata, value, 'metadata');
        },
      });
      try {
        const { main, attachments } = splitFiles(received.files);
        return await db.transaction(async (tx) => {
          const locked = (await repo.findDraft(tx, id, { forUpdate: true }))!;
          const current = (await repo.findDocument(tx, id))!;
          assertEditable(current, locked);
          const version = locked.currentVersion + 1;
          const [mainRow] = await documents.insertFiles(tx, fileRows([main], id, p.id, version, 'main'));
          const attachmentRows = await documents.insertFiles(tx, fileRows(attachments, id, p.id, version, 'attachment'));
          await repo.insertVersion(tx, {
            documentId: id,
            version,
            mainFileId: mainRow.id,
            attachmentFileIds: attachmentRows.map((f) => f.id),
            note: metadata.note ?? null,
            authorId: p.id,
          });
          const updated = await repo.updateDraft(tx, id, { currentVersion: version });
          const touched = await documents.update(tx, id, {});
          await audit.record(tx, {
            actorId: p.id,
            organizationId: current.ownerOrganizationId,
            action: 'draft.version.add',
            subjectType: 'document',
            subjectId: id,
            details: { version, files: [mainRow, ...attachmentRows].map((f) => ({ id: f.id, name: f.name, sha256: f.sha256 })) },
          });
          return draftDto(tx, touched, updated);
        });
      } catch (err) {
        await received.discard();
        throw err;
      }
    },

    /** The draft with its versions, comments and current workflow round. @throws AppError NOT_FOUND */
    async getDraft(p: Principal, id: string): Promise<DraftDto> {
      const { doc, draft } = await loadVisibleDraft(db, p, id);
      return draftDto(db, doc, draft);
    },

    /** A comment on version `n` by anyone who sees the draft. @throws AppError NOT_FOUND */
    async addComment(p: Principal, id: string, n: number, body: CommentBody): Promise<DraftCommentDto> {
      const { doc } = await loadVisibleDraft(db, p, id);
      const version = await repo.findVersion(db, id, n);
      if (!version) throw new AppError('NOT_FOUND', { message: `version ${n} not found` });
      return db.transaction(async (tx) => {
        const c = await repo.insertComment(tx, { versionId: version.id, authorId: p.id, text: body.text, page: body.page ?? null });
        await audit.record(tx, {
          actorId: p.id,
          organizationId: doc.ownerOrganizationId,
          action: 'draft.comment',
          subjectType: 'document',
          subjectId: id,
          details: { version: n, commentId: c.id, page: c.page },
        });
        return { id: c.id, version: n, authorId: c.authorId, text: c.text, page: c.page, createdAt: c.createdAt.toISOString() };
      });
    },

    /** The bytes of a file of the draft (any version). @throws AppError NOT_FOUND */
    async fileContent(p: Principal, id: string, fileId: string): Promise<{ file: FileRow; stream: Readable }> {
      await loadVisibleDraft(db, p, id);
      const file = await repo.findFile(db, id, fileId);
      if (!file) throw new AppError('NOT_FOUND', { message: 'file not found' });
      return { file, stream: await storage.getStream(file.storageKey) };
    },
  };
}

export type DraftsService = ReturnType<typeof createDraftsService>;
