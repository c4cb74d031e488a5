import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client.js';
import { documentAccessGrants, documentFiles, documents } from '../../db/schema/index.js';
import type { AccessGrantRow, DocumentFileRow, DocumentRow, NewDocument } from './documents.repo.js';
import type { IssuedFilesPlan } from './issued-file-names.js';
import { uuidArray } from '../../db/sql-arrays.js';
import { alongsideCtes } from '../../db/alongside.js';

/** The columns of a document another module's rule may change (never its id, owner or creation). */
export type DocumentPatch = Partial<Omit<NewDocument, 'id' | 'direction' | 'ownerOrganizationId' | 'createdAt' | 'createdBy'>>;

/** A file row to insert (the id may be left to the database). */
export type FileInsert = typeof documentFiles.$inferInsert;

/** A document as received (an upload): every column the upload sets, nothing left to a default. */
export type ReceivedDocument = Pick<
  DocumentRow,
  | 'id'
  | 'direction'
  | 'ownerOrganizationId'
  | 'typeName'
  | 'number'
  | 'notation'
  | 'subject'
  | 'issuerOrganizationId'
  | 'issuerCode'
  | 'issuerName'
  | 'signerName'
  | 'signerPosition'
  | 'signerAuthority'
  | 'promulgationDate'
  | 'urgency'
  | 'confidentiality'
  | 'pageCount'
  | 'dueDate'
  | 'status'
  | 'searchText'
  | 'createdBy'
>;

/** A received document's file. */
export type ReceivedFile = Pick<DocumentFileRow, 'id' | 'name' | 'contentType' | 'size' | 'sha256' | 'storageKey' | 'kind' | 'createdBy'>;

/** One incoming copy of a fan-out: the new document's id and the organisation that receives it. */
export type IncomingCopy = { documentId: string; organizationId: string };

/** A file row as a record of `jsonb_to_recordset` (the statements below name the columns). */
const fileRecordOf = (f: ReceivedFile) => ({
  id: f.id,
  name: f.name,
  content_type: f.contentType,
  size: f.size,
  sha256: f.sha256,
  storage_key: f.storageKey,
  kind: f.kind,
  created_by: f.createdBy,
});

/**
 * Every statement that writes `documents`, `document_files` and `document_access_grants`: the
 * documents module is their only writer (docs/ARCHITECTURE.md, "Who writes which table"). Other
 * modules reach these through the documents module's DocumentRecords service.
 */
export function createDocumentWritesRepo() {
  return {
    async insertDocument(db: DbOrTx, row: NewDocument): Promise<DocumentRow> {
      const [inserted] = await db.insert(documents).values(row).returning();
      return inserted;
    },

    /**
     * Writes a newly received document in ONE statement (one round trip instead of three): the
     * record, its first files and, for a confidential document, its creator's read grant, with the
     * other modules' INSERTs `alongside` (custody, audit, signature checks) as CTEs of the same
     * statement, which is then the transaction of them all. The CTE
     * rows are checked against their foreign keys at the end of the statement, after the document
     * row exists. Every default (created_at: now()) is the transaction's start time, so the rows
     * are returned from what was written and the two timestamps read back.
     * Written as SQL text rather than with the query builder: this is every upload's statement,
     * and building a 20-column insert with its CTEs cost about ten times as much CPU as the text
     * (0.28 vs 0.026 ms per upload, measured), with one statement text whatever the file count.
     */
    async insertReceived(
      db: DbOrTx,
      input: { document: ReceivedDocument; files: ReceivedFile[]; grantTo?: string; alongside?: SQL[] },
    ): Promise<{ row: DocumentRow; files: DocumentFileRow[] }> {
      const { document: d, files, grantTo, alongside = [] } = input;
      const fileRecords = JSON.stringify(files.map((f) => fileRecordOf(f)));
      const grant =
        grantTo === undefined
          ? sql``
          : sql`, new_grant as (insert into document_access_grants (document_id, user_id, granted_by) values (${d.id}::uuid, ${grantTo}::uuid, ${grantTo}::uuid))`;
      const others = alongsideCtes(alongside);
      const [stamps] = await db.execute<{ created_at: string; updated_at: string }>(sql`
        with new_files as (
          insert into document_files (id, document_id, name, content_type, size, sha256, storage_key, kind, created_by)
          select f.id, ${d.id}::uuid, f.name, f.content_type, f.size, f.sha256, f.storage_key, f.kind, f.created_by
            from jsonb_to_recordset(${fileRecords}::jsonb)
                 as f(id uuid, name text, content_type text, size bigint, sha256 text, storage_key text, kind text, created_by uuid)
        )${grant}${others}
        insert into documents (id, direction, owner_organization_id, type_name, number, notation, subject, issuer_organization_id,
                               issuer_code, issuer_name, signer_name, signer_position, signer_authority, promulgation_date, urgency,
                               confidentiality, page_count, due_date, status, search_text, created_by)
        values (${d.id}, ${d.direction}, ${d.ownerOrganizationId}, ${d.typeName}, ${d.number}, ${d.notation}, ${d.subject},
                ${d.issuerOrganizationId}, ${d.issuerCode}, ${d.issuerName}, ${d.signerName}, ${d.signerPosition}, ${d.signerAuthority},
                ${d.promulgationDate}, ${d.urgency}, ${d.confidentiality}, ${d.pageCount}, ${d.dueDate}, ${d.status}, ${d.searchText},
                ${d.createdBy})
        returning created_at, updated_at`);
      // timestamptz arrives as PostgreSQL's text (the driver's setting); read as the query builder reads it.
      const createdAt = new Date(stamps.created_at);
      const row: DocumentRow = {
        ...d,
        registerId: null,
        incomingNumber: null,
        registeredAt: null,
        registeredBy: null,
        refusedReason: null,
        completedAt: null,
        overdueSince: null,
        createdAt,
        updatedAt: new Date(stamps.updated_at),
      };
      return {
        row,
        files: files.map((f) => ({
          ...f,
          documentId: d.id,
          originalName: null,
          version: 1,
          previousFileId: null,
          supersededAt: null,
          assignmentId: null,
          createdAt,
        })),
      };
    },

    /**
     * Received documents with their files, as two INSERTs (documents, then files naming them) for
     * the caller's own statement: intake writes every copy of a package, its custody, deliveries,
     * statuses, jobs and audit in one statement, checked against the foreign keys at its end. SQL
     * text, one parameter per table whatever the number of copies.
     */
    receivedInserts(docs: readonly ReceivedDocument[], files: readonly (ReceivedFile & { documentId: string })[]): SQL[] {
      const documentRecords = JSON.stringify(
        docs.map((d) => ({
          id: d.id,
          direction: d.direction,
          owner_organization_id: d.ownerOrganizationId,
          type_name: d.typeName,
          number: d.number,
          notation: d.notation,
          subject: d.subject,
          issuer_organization_id: d.issuerOrganizationId,
          issuer_code: d.issuerCode,
          issuer_name: d.issuerName,
          signer_name: d.signerName,
          signer_position: d.signerPosition,
          signer_authority: d.signerAuthority,
          promulgation_date: d.promulgationDate,
          urgency: d.urgency,
          confidentiality: d.confidentiality,
          page_count: d.pageCount,
          due_date: d.dueDate,
          status: d.status,
          search_text: d.searchText,
          created_by: d.createdBy,
        })),
      );
      const fileRecords = JSON.stringify(files.map((f) => ({ ...fileRecordOf(f), document_id: f.documentId })));
      return [
        sql`
          insert into documents (id, direction, owner_organization_id, type_name, number, notation, subject, issuer_organization_id,
                                 issuer_code, issuer_name, signer_name, signer_position, signer_authority, promulgation_date, urgency,
                                 confidentiality, page_count, due_date, status, search_text, created_by)
          select d.id, d.direction, d.owner_organization_id, d.type_name, d.number, d.notation, d.subject, d.issuer_organization_id,
                 d.issuer_code, d.issuer_name, d.signer_name, d.signer_position, d.signer_authority, d.promulgation_date, d.urgency,
                 d.confidentiality, d.page_count, d.due_date, d.status, d.search_text, d.created_by
            from jsonb_to_recordset(${documentRecords}::jsonb)
                 as d(id uuid, direction text, owner_organization_id uuid, type_name text, number text, notation text, subject text,
                      issuer_organization_id uuid, issuer_code text, issuer_name text, signer_name text, signer_position text,
                      signer_authority text, promulgation_date date, urgency text, confidentiality text, page_count int, due_date date,
                      status text, search_text text, created_by uuid)`,
        sql`
          insert into document_files (id, document_id, name, content_type, size, sha256, storage_key, kind, created_by)
          select f.id, f.document_id, f.name, f.content_type, f.size, f.sha256, f.storage_key, f.kind, f.created_by
            from jsonb_to_recordset(${fileRecords}::jsonb)
                 as f(id uuid, document_id uuid, name text, content_type text, size bigint, sha256 text, storage_key text, kind text,
                      created_by uuid)`,
      ];
    },

    /**
     * Inserts the incoming copies of a fan-out of `sourceDocumentId` in ONE statement: for each copy
     * an incoming document in the recipient organisation, file rows naming the SAME storage keys as
     * the source's current files (no byte is copied) and, for a secret source, read grants for the
     * receiving unit's active clerks. Returns the copies written (none when the source is gone).
     */
    // Data-modifying CTEs all run to completion whether or not the final SELECT reads them.
    async insertIncomingCopies(tx: Tx, sourceDocumentId: string, copies: readonly IncomingCopy[]): Promise<IncomingCopy[]> {
      if (copies.length === 0) return [];
      const rows = await tx.execute<{ document_id: string; organization_id: string }>(sql`
        with pending (new_id, org_id) as (
          select * from unnest(${uuidArray(copies.map((c) => c.documentId))}, ${uuidArray(copies.map((c) => c.organizationId))})
        ), src as (
          select s.*, coalesce(so.code, s.issuer_code) as sender_code, coalesce(so.name, s.issuer_name) as sender_name
            from documents s join organizations so on so.id = s.owner_organization_id
           where s.id = ${sourceDocumentId}::uuid
        ), docs as (
          insert into documents (id, direction, owner_organization_id, type_name, number, notation, subject, issuer_organization_id, issuer_code, issuer_name,
                                 signer_name, signer_position, signer_authority, promulgation_date, urgency, confidentiality, page_count, due_date, status, search_text)
          select p.new_id, 'incoming', p.org_id, src.type_name, src.number, src.notation, src.subject, src.owner_organization_id, src.sender_code, src.sender_name,
                 src.signer_name, src.signer_position, src.signer_authority, src.promulgation_date, src.urgency, src.confidentiality, src.page_count, src.due_date, 'received', src.search_text
            from pending p cross join src
          returning id, owner_organization_id
        ), src_files as materialized (
          -- The current files of the source (documents.service latestFiles: the latest version of
          -- each, none retired at issue), found once (not once per recipient).
          select f.name, f.content_type, f.size, f.sha256, f.storage_key, f.kind
            from document_files f
           where f.document_id = ${sourceDocumentId}::uuid and f.kind in ('main', 'attachment') and f.superseded_at is null
             and not exists (select 1 from document_files g where g.previous_file_id = f.id)
        ), files as (
          insert into document_files (document_id, name, content_type, size, sha256, storage_key, kind)
          select docs.id, f.name, f.content_type, f.size, f.sha256, f.storage_key, f.kind
            from docs cross join src_files f
          returning id
        ), secret_access as (
          -- A secret copy is seen only by those granted it: the receiving unit's văn thư (its active
          -- clerks), who register it in the secret series and grant it on, as the uploader of one is.
          insert into document_access_grants (document_id, user_id)
          select docs.id, g.user_id
            from docs
            join role_grants g on g.organization_id = docs.owner_organization_id and g.role = 'clerk'
            join users u on u.id = g.user_id and u.active
           where (select confidentiality from src) <> 'normal'
          on conflict do nothing
          returning user_id
        )
        select id as document_id, owner_organization_id as organization_id from docs`);
      return [...rows].map((r) => ({ documentId: r.document_id, organizationId: r.organization_id }));
    },

    /** Changes the given columns; `updated_at` moves with them. */
    async update(db: DbOrTx, id: string, patch: DocumentPatch): Promise<DocumentRow> {
      const [row] = await db
        .update(documents)
        .set({ ...patch, updatedAt: new Date() })
        .where(eq(documents.id, id))
        .returning();
      return row;
    },

    /**
     * Every document owned by one of `fromIds` is owned by `toId` (a reorganisation). Row locks are
     * taken in id order, as a handling step would lock one document. Returns the moved documents
     * with their status.
     */
    async transferOwnership(db: DbOrTx, fromIds: string[], toId: string): Promise<{ id: string; status: string }[]> {
      if (fromIds.length === 0) return [];
      const rows = await db.execute<{ id: string; status: string }>(sql`
        with moving as (
          select id from documents where owner_organization_id in (${sql.join(
            fromIds.map((id) => sql`${id}::uuid`),
            sql`, `,
          )}) order by id for update
        )
        update documents x set owner_organization_id = ${toId}::uuid, updated_at = now()
          from moving where x.id = moving.id
        returning x.id, x.status`);
      return [...rows];
    },

    async touch(db: DbOrTx, id: string): Promise<void> {
      await db.update(documents).set({ updatedAt: new Date() }).where(eq(documents.id, id));
    },

    /** An issued outgoing document is recalled (other directions and states are left as they are). */
    async markIssuedRecalled(db: DbOrTx, id: string): Promise<void> {
      await db
        .update(documents)
        .set({ status: 'recalled', updatedAt: sql`now()` })
        .where(and(eq(documents.id, id), eq(documents.direction, 'outgoing'), eq(documents.status, 'issued')));
    },

    /** Marks documents whose own due date passed before completion; returns their ids. */
    async markOverdue(tx: Tx, today: string, detectedAt: Date): Promise<string[]> {
      const rows = await tx.execute<{ id: string }>(sql`
        update documents set overdue_since = ${detectedAt.toISOString()}::timestamptz, updated_at = now()
         where due_date < ${today}::date and overdue_since is null and completed_at is null and status not in ('completed', 'refused', 'recalled')
        returning id`);
      return [...rows].map((r) => r.id);
    },

    async insertFiles(db: DbOrTx, rows: FileInsert[]): Promise<DocumentFileRow[]> {
      if (rows.length === 0) return [];
      return db.insert(documentFiles).values(rows).returning();
    },

    /**
     * Issuing's renames and retirements (issued-file-names.ts), in the issuing transaction: the old
     * name goes to original_name (a file renamed before keeps its first name there).
     */
    async applyIssuedFiles(db: DbOrTx, plan: IssuedFilesPlan): Promise<void> {
      for (const r of plan.renames) {
        await db
          .update(documentFiles)
          .set({ name: r.name, originalName: sql`coalesce(${documentFiles.originalName}, ${documentFiles.name})` })
          .where(eq(documentFiles.id, r.id));
      }
      if (plan.superseded.length > 0)
        await db
          .update(documentFiles)
          .set({ supersededAt: sql`now()` })
          .where(inArray(documentFiles.id, plan.superseded));
    },

    /** Grants read access; a second grant of the same user is a no-op. Returns whether a row was added. */
    async insertGrant(
      db: DbOrTx,
      grant: { documentId: string; userId: string; grantedBy: string | null },
    ): Promise<AccessGrantRow | undefined> {
      const [row] = await db.insert(documentAccessGrants).values(grant).onConflictDoNothing().returning();
      return row;
    },

    async deleteGrant(db: DbOrTx, documentId: string, userId: string): Promise<boolean> {
      const rows = await db
        .delete(documentAccessGrants)
        .where(and(eq(documentAccessGrants.documentId, documentId), eq(documentAccessGrants.userId, userId)))
        .returning({ userId: documentAccessGrants.userId });
      return rows.length > 0;
    },
  };
}

export type DocumentWritesRepo = ReturnType<typeof createDocumentWritesRepo>;
