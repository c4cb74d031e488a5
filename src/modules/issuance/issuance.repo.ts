import { and, desc, eq, inArray, lte, gt } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client.js';
import {
  certificates,
  documentFiles,
  documents,
  drafts,
  draftVersions,
  organizations,
  signatures,
  users,
  type SignatureKind,
} from '../../db/schema/index.js';

export type IssuanceDocumentRow = typeof documents.$inferSelect;
export type IssuanceDraftRow = typeof drafts.$inferSelect;
export type UsableCertificate = {
  id: string;
  kind: 'person' | 'organization';
  ownerUserId: string | null;
  ownerOrganizationId: string | null;
  active: boolean;
  notBefore: Date;
  notAfter: Date;
  /** The certificate and its stored issuers: what the trust rule judges. */
  certificateDer: Buffer;
  chainDer: Buffer[];
};

const certificateColumns = {
  id: certificates.id,
  kind: certificates.kind,
  ownerUserId: certificates.ownerUserId,
  ownerOrganizationId: certificates.ownerOrganizationId,
  active: certificates.active,
  notBefore: certificates.notBefore,
  notAfter: certificates.notAfter,
  certificateDer: certificates.certificateDer,
  chainDer: certificates.chainDer,
};

/** SQL of issuance: the document row under lock, its draft and its versions, signatures, and usable certificates. */
export function createIssuanceRepo() {
  return {
    async findDocument(db: DbOrTx, id: string): Promise<IssuanceDocumentRow | undefined> {
      const [row] = await db.select().from(documents).where(eq(documents.id, id));
      return row;
    },

    /**
     * The document row locked until the transaction ends: issuing and the signed transition are
     * serialised per document. NO KEY UPDATE, not UPDATE: the signing transaction that calls the
     * hook (and its concurrent twin) already inserted a document_files row, whose foreign key holds
     * KEY SHARE on this row; FOR UPDATE would wait on the twin while the twin waits on our
     * signatures unique entry (a deadlock).
     */
    async lockDocument(tx: Tx, id: string): Promise<IssuanceDocumentRow | undefined> {
      const [row] = await tx.select().from(documents).where(eq(documents.id, id)).for('no key update');
      return row;
    },

    async findDraft(db: DbOrTx, documentId: string): Promise<IssuanceDraftRow | undefined> {
      const [row] = await db.select().from(drafts).where(eq(drafts.documentId, documentId));
      return row;
    },

    /** Every version of a draft (its main file and attachments as submitted together), oldest first. */
    async draftVersions(db: DbOrTx, documentId: string): Promise<{ version: number; mainFileId: string; attachmentFileIds: string[] }[]> {
      return db
        .select({
          version: draftVersions.version,
          mainFileId: draftVersions.mainFileId,
          attachmentFileIds: draftVersions.attachmentFileIds,
        })
        .from(draftVersions)
        .where(eq(draftVersions.documentId, documentId))
        .orderBy(draftVersions.version);
    },

    async findOrganization(
      db: DbOrTx,
      id: string,
    ): Promise<{ id: string; name: string; abbreviation: string | null; path: string } | undefined> {
      const [row] = await db
        .select({ id: organizations.id, name: organizations.name, abbreviation: organizations.abbreviation, path: organizations.path })
        .from(organizations)
        .where(eq(organizations.id, id));
      return row;
    },

    async usersByIds(db: DbOrTx, ids: readonly string[]): Promise<{ id: string; fullName: string; position: string | null }[]> {
      if (ids.length === 0) return [];
      return db
        .select({ id: users.id, fullName: users.fullName, position: users.position })
        .from(users)
        .where(inArray(users.id, [...ids]));
    },

    /** The signature of this kind on the document's main file (its newest, should there be several versions). */
    async mainFileSignature(db: DbOrTx, documentId: string, kind: SignatureKind): Promise<typeof signatures.$inferSelect | undefined> {
      const [row] = await db
        .select({ signature: signatures })
        .from(signatures)
        .innerJoin(documentFiles, eq(documentFiles.id, signatures.outputFileId))
        .where(and(eq(signatures.documentId, documentId), eq(signatures.kind, kind), eq(documentFiles.kind, 'main')))
        .orderBy(desc(signatures.createdAt))
        .limit(1);
      return row?.signature;
    },

    async findCertificate(db: DbOrTx, id: string): Promise<UsableCertificate | undefined> {
      const [row] = await db.select(certificateColumns).from(certificates).where(eq(certificates.id, id));
      return row;
    },

    /** The owner's active certificates valid at `at`, newest first (an owner holds a handful). */
    async usableCertificates(db: DbOrTx, owner: { userId: string } | { organizationId: string }, at: Date): Promise<UsableCertificate[]> {
      const byOwner =
        'userId' in owner ? eq(certificates.ownerUserId, owner.userId) : eq(certificates.ownerOrganizationId, owner.organizationId);
      return db
        .select(certificateColumns)
        .from(certificates)
        .where(and(byOwner, eq(certificates.active, true), lte(certificates.notBefore, at), gt(certificates.notAfter, at)))
        .orderBy(desc(certificates.createdAt));
    },
  };
}

export type IssuanceRepo = ReturnType<typeof createIssuanceRepo>;
