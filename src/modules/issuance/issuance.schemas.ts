import { Type, type Static } from 'typebox';
import { IsoDate, Nullable, Uuid } from '../../lib/schemas.js';

/** `POST /documents/:id/sign`: the signer's certificate; default their newest active one. */
export const SignBody = Type.Object({ certificateId: Type.Optional(Uuid) }, { additionalProperties: false });
export type SignBody = Static<typeof SignBody>;

/** The queued signature: poll the document (status 'signed') or the job. */
export const SignAcceptedDto = Type.Object({
  documentId: Uuid,
  /** The main file (approved version) that is being signed. */
  fileId: Uuid,
  jobId: Type.String(),
  authorityPrefix: Nullable(Type.String()),
});
export type SignAcceptedDto = Static<typeof SignAcceptedDto>;

export const IssueBody = Type.Object(
  {
    /** A Công văn's drafting-unit abbreviation, when it differs from the drafting unit's own. */
    unitAbbreviation: Type.Optional(Type.String({ minLength: 1, maxLength: 30 })),
    /** A Nghị quyết or Quyết định issued as a legal-normative document: its number carries the year. */
    legalNormative: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type IssueBody = Static<typeof IssueBody>;

export const IssueResultDto = Type.Object({
  documentId: Uuid,
  /** Printed running number: 05, 45, 123. */
  number: Type.String(),
  /** What follows the number: QĐ-UBND, UBND-KTTH, 2025/QĐ-UBND. */
  notation: Type.String(),
  /** The full number and notation as printed: 05/QĐ-UBND. */
  code: Type.String(),
  registerId: Uuid,
  registerName: Type.String(),
  promulgationDate: IsoDate,
  /** Job that applies the agency seal (kind 'seal') to the signed file. */
  sealJobId: Type.String(),
  /** The signed main file the seal goes on. */
  signedFileId: Uuid,
});
export type IssueResultDto = Static<typeof IssueResultDto>;
