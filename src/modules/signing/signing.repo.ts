import { and, asc, count, desc, eq, gt, isNull, lt, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client.js';
import { uuidArray } from '../../db/sql-arrays.js';
import {
  certificates,
  documentFiles,
  documents,
  signatureReports,
  signatures,
  signingKeys,
  signingSessions,
  type SignatureKind,
} from '../../db/schema/index.js';
import type { Principal } from '../auth/principal.js';
import { visibleDocumentCondition } from '../documents/documents.policy.js';

export type CertificateRow = typeof certificates.$inferSelect;
export type NewCertificate = typeof certificates.$inferInsert & { id: string };
export type SigningKeyRow = typeof signingKeys.$inferSelect;
export type SignatureRow = typeof signatures.$inferSelect;
export type SigningSessionRow = typeof signingSessions.$inferSelect;
export type FileRow = typeof documentFiles.$inferSelect;
export type DocumentRow = typeof documents.$inferSelect;

/** The certificate columns an API may show: everything but the key, which lives in another table. */
const certificateColumns = {
  id: certificates.id,
  ownerUserId: certificates.ownerUserId,
  ownerOrganizationId: certificates.ownerOrganizationId,
  kind: certificates.kind,
  subjectCommonName: certificates.subjectCommonName,
  issuer: certificates.issuer,
  serialNumber: certificates.serialNumber,
  notBefore: certificates.notBefore,
  notAfter: certificates.notAfter,
  fingerprintSha256: certificates.fingerprintSha256,
  certificateDer: certificates.certificateDer,
  chainDer: certificates.chainDer,
  active: certificates.active,
  uploadedBy: certificates.uploadedBy,
  createdAt: certificates.createdAt,
};

export function createSigningRepo() {
  return {
    async insertCertificate(db: DbOrTx, row: NewCertificate): Promise<CertificateRow> {
      const [inserted] = await db.insert(certificates).values(row).returning();
      return inserted;
    },

    async insertKey(db: DbOrTx, row: typeof signingKeys.$inferInsert): Promise<void> {
      await db.insert(signingKeys).values(row);
    },

    async findCertificate(db: DbOrTx, id: string): Promise<CertificateRow | undefined> {
      const [row] = await db.select(certificateColumns).from(certificates).where(eq(certificates.id, id));
      return row;
    },

    /** Certificates of one owner, newest first. */
    async listCertificates(db: DbOrTx, owner: { userId: string } | { organizationId: string }): Promise<CertificateRow[]> {
      const where =
        'userId' in owner ? eq(certificates.ownerUserId, owner.userId) : eq(certificates.ownerOrganizationId, owner.organizationId);
      return db.select(certificateColumns).from(certificates).where(where).orderBy(desc(certificates.createdAt));
    },

    /** An active certificate of the owner with this fingerprint (demo seeding is idempotent on it). */
    async findActiveByOwner(db: DbOrTx, owner: { userId: string } | { organizationId: string }): Promise<CertificateRow | undefined> {
      const where =
        'userId' in owner ? eq(certificates.ownerUserId, owner.userId) : eq(certificates.ownerOrganizationId, owner.organizationId);
      const [row] = await db
        .select(certificateColumns)
        .from(certificates)
        .where(and(where, eq(certificates.active, true)))
        .orderBy(desc(certificates.createdAt))
        .limit(1);
      return row;
    },

    /** The owner's active certificate with this SHA-256 fingerprint: is an external device's certificate one the owner registered? */
    async findActiveByFingerprint(
      db: DbOrTx,
      owner: { userId: string } | { organizationId: string },
      fingerprintSha256: string,
    ): Promise<CertificateRow | undefined> {
      const where =
        'userId' in owner ? eq(certificates.ownerUserId, owner.userId) : eq(certificates.ownerOrganizationId, owner.organizationId);
      const [row] = await db
        .select(certificateColumns)
        .from(certificates)
        .where(and(where, eq(certificates.active, true), eq(certificates.fingerprintSha256, fingerprintSha256)))
        .limit(1);
      return row;
    },

    async deactivate(db: DbOrTx, id: string): Promise<CertificateRow> {
      const [row] = await db.update(certificates).set({ active: false }).where(eq(certificates.id, id)).returning();
      return row;
    },

    async findKey(db: DbOrTx, certificateId: string): Promise<SigningKeyRow | undefined> {
      const [row] = await db.select().from(signingKeys).where(eq(signingKeys.certificateId, certificateId));
      return row;
    },

    /** The document if `p` may see it (documents.policy.ts). */
    async findVisibleDocument(db: DbOrTx, p: Principal, id: string): Promise<DocumentRow | undefined> {
      const [row] = await db
        .select()
        .from(documents)
        .where(and(eq(documents.id, id), visibleDocumentCondition(p, documents)));
      return row;
    },

    async findDocument(db: DbOrTx, id: string): Promise<DocumentRow | undefined> {
      const [row] = await db.select().from(documents).where(eq(documents.id, id));
      return row;
    },

    async findFile(db: DbOrTx, fileId: string): Promise<FileRow | undefined> {
      const [row] = await db.select().from(documentFiles).where(eq(documentFiles.id, fileId));
      return row;
    },

    async findSignature(db: DbOrTx, inputFileId: string, kind: SignatureKind): Promise<SignatureRow | undefined> {
      const [row] = await db
        .select()
        .from(signatures)
        .where(and(eq(signatures.inputFileId, inputFileId), eq(signatures.kind, kind)));
      return row;
    },

    /** The signature that produced `outputFileId`, if this system made that file by signing. */
    async findSignatureProducing(db: DbOrTx, outputFileId: string): Promise<SignatureRow | undefined> {
      const [row] = await db.select().from(signatures).where(eq(signatures.outputFileId, outputFileId));
      return row;
    },

    async insertSignature(db: DbOrTx, row: typeof signatures.$inferInsert): Promise<SignatureRow> {
      const [inserted] = await db.insert(signatures).values(row).returning();
      return inserted;
    },

    async upsertReport(db: DbOrTx, fileId: string, report: unknown, verifiedAt: Date): Promise<void> {
      await db
        .insert(signatureReports)
        .values({ fileId, report, verifiedAt })
        .onConflictDoUpdate({ target: signatureReports.fileId, set: { report, verifiedAt } });
    },

    /** The same report for several new files at once (the unsigned PDFs of an upload). */
    /**
     * The INSERT of one report per file, for a caller that runs it inside its own statement. SQL
     * text: every upload of an unsigned PDF runs it (the query builder cost more CPU than the
     * statement's parameters).
     */
    reportsInsert(fileIds: string[], report: unknown, verifiedAt: Date): SQL {
      return sql`
        insert into signature_reports (file_id, report, verified_at)
        select file_id, ${JSON.stringify(report)}::jsonb, ${verifiedAt.toISOString()}::timestamptz from unnest(${uuidArray(fileIds)}) as file_id`;
    },

    async findReport(db: DbOrTx, fileId: string): Promise<{ report: unknown; verifiedAt: Date } | undefined> {
      const [row] = await db
        .select({ report: signatureReports.report, verifiedAt: signatureReports.verifiedAt })
        .from(signatureReports)
        .where(eq(signatureReports.fileId, fileId));
      return row;
    },

    async insertSession(db: DbOrTx, row: typeof signingSessions.$inferInsert & { id: string }): Promise<SigningSessionRow> {
      const [inserted] = await db.insert(signingSessions).values(row).returning();
      return inserted;
    },

    async findSessionForUpdate(db: DbOrTx, id: string): Promise<SigningSessionRow | undefined> {
      const [row] = await db.select().from(signingSessions).where(eq(signingSessions.id, id)).for('update');
      return row;
    },

    async findSession(db: DbOrTx, id: string): Promise<SigningSessionRow | undefined> {
      const [row] = await db.select().from(signingSessions).where(eq(signingSessions.id, id));
      return row;
    },

    /** Serialises the session openings of one user until the transaction ends (the open-session cap is counted under it). */
    async lockUserSessions(tx: Tx, userId: string): Promise<void> {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`signing-sessions:${userId}`}, 0))`);
    },

    /** Sessions of the user neither completed nor expired at `now`. */
    async countOpenSessions(db: DbOrTx, userId: string, now: Date): Promise<number> {
      const [row] = await db
        .select({ n: count() })
        .from(signingSessions)
        .where(and(eq(signingSessions.createdBy, userId), isNull(signingSessions.completedAt), gt(signingSessions.expiresAt, now)));
      return row.n;
    },

    /** Sessions (completed or not) that expired before `before`, oldest first: what the sweep removes. */
    async expiredSessions(db: DbOrTx, before: Date, limit: number): Promise<SigningSessionRow[]> {
      return db
        .select()
        .from(signingSessions)
        .where(lt(signingSessions.expiresAt, before))
        .orderBy(asc(signingSessions.expiresAt))
        .limit(limit);
    },

    /** Deletes the session; undefined when another sweep got there first. */
    async deleteSession(db: DbOrTx, id: string): Promise<SigningSessionRow | undefined> {
      const [row] = await db.delete(signingSessions).where(eq(signingSessions.id, id)).returning();
      return row;
    },

    async completeSession(db: DbOrTx, id: string, outputFileId: string): Promise<void> {
      await db
        .update(signingSessions)
        .set({ completedAt: sql`now()`, outputFileId })
        .where(and(eq(signingSessions.id, id), isNull(signingSessions.completedAt)));
    },
  };
}

export type SigningRepo = ReturnType<typeof createSigningRepo>;
