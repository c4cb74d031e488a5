import { Type, type Static } from 'typebox';
import { Nullable, Uuid } from '../../lib/schemas.js';

const Base64 = Type.String({ pattern: '^[A-Za-z0-9+/=\\s]+$', maxLength: 200_000, description: 'base64' });
const DateTime = Type.String({ format: 'date-time' });

/** What a stored certificate is worth now (certificate-trust.ts): computed against today's trust list on every read. */
export const CertificateTrustDto = Type.Object({
  status: Type.Union([Type.Literal('trusted'), Type.Literal('not_trusted'), Type.Literal('expired'), Type.Literal('not_yet_valid')], {
    description:
      'trusted: chains to the trust list and valid today; not_trusted: no path to a CA of the trust list (server-side signing refuses it unless SIGNING_ALLOW_UNTRUSTED_CERTIFICATES); expired / not_yet_valid: chains, but today is outside its validity period',
  }),
  chainTrusted: Type.Boolean({ description: 'a path leads from the certificate to a CA of the trust list' }),
  revocation: Type.Literal('not_checked', { description: 'revocation is not known: no CRL or OCSP source is configured' }),
  problems: Type.Array(Type.String(), { description: 'why it is not trusted, in words' }),
});

/** A stored certificate as the API shows it: public data only (no key, no key metadata). */
export const CertificateDto = Type.Object({
  id: Uuid,
  kind: Type.Union([Type.Literal('person'), Type.Literal('organization')]),
  ownerUserId: Nullable(Uuid),
  ownerOrganizationId: Nullable(Uuid),
  subjectCommonName: Nullable(Type.String()),
  issuer: Type.String(),
  serialNumber: Type.String(),
  notBefore: DateTime,
  notAfter: DateTime,
  fingerprintSha256: Type.String(),
  /** The certificate itself, DER in base64 (public). */
  certificate: Type.String(),
  active: Type.Boolean(),
  trust: CertificateTrustDto,
  createdAt: DateTime,
});
export type CertificateDto = Static<typeof CertificateDto>;

export const ListCertificatesQuery = Type.Object({
  mine: Type.Optional(Type.Boolean()),
  organizationId: Type.Optional(Uuid),
});
export type ListCertificatesQuery = Static<typeof ListCertificatesQuery>;

export const SignatureReportDto = Type.Object({
  field: Nullable(Type.String()),
  signer: Nullable(Type.String()),
  signedAt: Nullable(Type.String()),
  integrityValid: Type.Boolean(),
  signatureValid: Type.Boolean(),
  certificateHashValid: Type.Boolean(),
  chainTrusted: Type.Boolean(),
  revision: Type.Integer(),
  revisions: Type.Integer(),
  coversWholeDocument: Type.Boolean(),
  laterChangesAreSignaturesOnly: Type.Boolean(),
  modifiedAfter: Type.Boolean(),
  subFilter: Nullable(Type.String()),
  timeStamp: Nullable(Type.String()),
  byteRange: Type.Array(Type.Integer()),
  problems: Type.Array(Type.String()),
});

export const VerificationDto = Type.Object({ signatures: Type.Array(SignatureReportDto) });
export type VerificationDto = Static<typeof VerificationDto>;

/** The stored report of a document file. `error` says why a file could not be read as a PDF. */
export const FileVerificationDto = Type.Object({
  fileId: Uuid,
  verifiedAt: DateTime,
  signatures: Type.Array(SignatureReportDto),
  error: Type.Optional(Type.String()),
});
export type FileVerificationDto = Static<typeof FileVerificationDto>;

export const SignatureKindSchema = Type.Union([Type.Literal('signer'), Type.Literal('seal')]);
/**
 * What the device will sign with, and which signature. The appearance (name, title, prefix, seal
 * number and date) is not the caller's to choose: the signing rules give it, as for server-side
 * signatures, so a session cannot print "CHỦ TỊCH" under someone else's name.
 */
export const SigningSessionBody = Type.Object({
  certificate: Base64,
  chain: Type.Optional(Type.Array(Base64, { maxItems: 10 })),
  kind: SignatureKindSchema,
});
export type SigningSessionBody = Static<typeof SigningSessionBody>;

export const SigningSessionDto = Type.Object({
  sessionId: Uuid,
  /** SHA-256 of signedAttributes: what a device signing pre-hashed data signs. */
  digest: Type.String(),
  /** DER of the signed-attributes SET: what a device that hashes itself signs (SHA-256). */
  signedAttributes: Type.String(),
  fieldName: Type.String(),
  expiresAt: DateTime,
});
export type SigningSessionDto = Static<typeof SigningSessionDto>;

export const CompleteSessionBody = Type.Object({ signature: Base64 });
export type CompleteSessionBody = Static<typeof CompleteSessionBody>;

/** The new file version a signature produced. */
export const SignedFileDto = Type.Object({
  documentId: Uuid,
  fileId: Uuid,
  previousFileId: Uuid,
  name: Type.String(),
  version: Type.Integer(),
  size: Type.Integer(),
  sha256: Type.String(),
  kind: SignatureKindSchema,
  fieldName: Type.String(),
  signedAt: DateTime,
});
export type SignedFileDto = Static<typeof SignedFileDto>;

export const FileParams = Type.Object({ id: Uuid, fileId: Uuid });
