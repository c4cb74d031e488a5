import { sql } from 'drizzle-orm';
import { boolean, check, customType, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { id } from './_columns.js';
import { documentFiles, documents } from './documents.js';
import { organizations } from './organizations.js';
import { users } from './users.js';

/** PostgreSQL bytea as a Node Buffer (certificates and ciphertexts are small binary blobs). */
export const bytea = customType<{ data: Buffer; driverData: Buffer }>({
  dataType: () => 'bytea',
  fromDriver: (v) => Buffer.from(v),
});

/**
 * The element type of bytea[] columns: drizzle serialises arrays as a text literal, so each element
 * goes in bytea's hex text form (a Buffer would be stringified as UTF-8 and rejected).
 */
export const byteaElement = customType<{ data: Buffer; driverData: Buffer | string }>({
  dataType: () => 'bytea',
  toDriver: (v) => `\\x${v.toString('hex')}`,
  fromDriver: (v) => (typeof v === 'string' ? Buffer.from(v.replace(/^\\x/, ''), 'hex') : Buffer.from(v)),
});

export const CERTIFICATE_KINDS = ['person', 'organization'] as const;
export type CertificateKind = (typeof CERTIFICATE_KINDS)[number];
export const SIGNATURE_KINDS = ['signer', 'seal'] as const;
export type SignatureKind = (typeof SIGNATURE_KINDS)[number];

/**
 * A signing certificate: a person's (official signature) or an organisation's (agency seal, held
 * by its clerks under Decree 30 Art. 32). Exactly one owner.
 */
export const certificates = pgTable(
  'certificates',
  {
    id: id(),
    ownerUserId: uuid().references(() => users.id),
    ownerOrganizationId: uuid().references(() => organizations.id),
    kind: text({ enum: CERTIFICATE_KINDS }).notNull(),
    subjectCommonName: text(),
    /** RFC 2253-ish issuer distinguished name as node:crypto prints it. */
    issuer: text().notNull(),
    serialNumber: text().notNull(),
    notBefore: timestamp({ withTimezone: true }).notNull(),
    notAfter: timestamp({ withTimezone: true }).notNull(),
    /** Lower-case hex SHA-256 of the DER. */
    fingerprintSha256: text().notNull(),
    certificateDer: bytea().notNull(),
    /** Issuer certificates, leaf's issuer first, as they came in the PKCS#12 file. */
    chainDer: byteaElement()
      .array()
      .notNull()
      .default(sql`'{}'::bytea[]`),
    active: boolean().notNull().default(true),
    uploadedBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('certificates_one_owner', sql`(${t.ownerUserId} is null) <> (${t.ownerOrganizationId} is null)`),
    // GET /certificates?mine=true and ?organizationId=
    index('certificates_owner_user_idx').on(t.ownerUserId),
    index('certificates_owner_org_idx').on(t.ownerOrganizationId),
  ],
);

/**
 * The private key of a certificate, PKCS#8 DER encrypted with AES-256-GCM under a key derived from
 * KEY_ENCRYPTION_KEY (src/modules/signing/key-vault.ts). Never selected by any API query.
 */
export const signingKeys = pgTable('signing_keys', {
  certificateId: uuid()
    .primaryKey()
    .references(() => certificates.id),
  /** 'rsa' | 'ec' | ... (node:crypto asymmetricKeyType). */
  keyAlgorithm: text().notNull(),
  encryptedKey: bytea().notNull(),
  nonce: bytea().notNull(),
  tag: bytea().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** The last verification report of a stored file (verifyPdf output). */
export const signatureReports = pgTable('signature_reports', {
  fileId: uuid()
    .primaryKey()
    .references(() => documentFiles.id),
  report: jsonb().notNull(),
  verifiedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** A signature applied by this system: input file version → signed output version. */
export const signatures = pgTable(
  'signatures',
  {
    id: id(),
    documentId: uuid()
      .notNull()
      .references(() => documents.id),
    inputFileId: uuid()
      .notNull()
      .references(() => documentFiles.id),
    outputFileId: uuid()
      .notNull()
      .references(() => documentFiles.id),
    kind: text({ enum: SIGNATURE_KINDS }).notNull(),
    /** Null for external signing with a certificate not stored here (USB token, remote service). */
    certificateId: uuid().references(() => certificates.id),
    certificateFingerprint: text().notNull(),
    signerUserId: uuid().references(() => users.id),
    fieldName: text().notNull(),
    signedAt: timestamp({ withTimezone: true }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // A retried job or a second session never signs the same version twice with the same kind.
    uniqueIndex('signatures_input_kind_uq').on(t.inputFileId, t.kind),
    index('signatures_document_idx').on(t.documentId),
    index('signatures_output_idx').on(t.outputFileId),
  ],
);

/** External signing in two steps: the prepared PDF waits in S3 under preparedKey until completion or expiry. */
export const signingSessions = pgTable(
  'signing_sessions',
  {
    id: id(),
    documentId: uuid()
      .notNull()
      .references(() => documents.id),
    inputFileId: uuid()
      .notNull()
      .references(() => documentFiles.id),
    kind: text({ enum: SIGNATURE_KINDS }).notNull(),
    createdBy: uuid()
      .notNull()
      .references(() => users.id),
    certificateDer: bytea().notNull(),
    chainDer: byteaElement()
      .array()
      .notNull()
      .default(sql`'{}'::bytea[]`),
    preparedKey: text().notNull(),
    fieldName: text().notNull(),
    signedAt: timestamp({ withTimezone: true }).notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    completedAt: timestamp({ withTimezone: true }),
    outputFileId: uuid().references(() => documentFiles.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('signing_sessions_input_idx').on(t.inputFileId)],
);
