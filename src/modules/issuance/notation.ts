import { AppError } from '../../lib/errors.js';
import type { SignFileInput } from '../signing/server-signing.service.js';
import { DOCUMENT_TYPES, canonicalDocumentType } from '../documents/document-types.js';

/**
 * Number and notation (số, ký hiệu) of an outgoing document under Decree 30/2020 Art. 15 and
 * Appendix I (DOMAIN.md §2.2, domain-data.json "numbering"). Pure: no I/O.
 *
 * The record keeps number and notation apart, as edXML's CodeNumber/CodeNotation and the rest of
 * the system do (`${number}/${notation}` is the full code): `05` + `QĐ-UBND` → `05/QĐ-UBND`.
 */

/** Types that are also legal-normative documents (QPPL) when the issuer says so (Luật Ban hành VBQPPL). */
const MAY_BE_LEGAL_NORMATIVE = new Set<string>(['Nghị quyết', 'Quyết định']);

export type NotationInput = {
  typeName: string;
  /** The issuing agency's abbreviation (UBND, SNV...). */
  organizationAbbreviation: string | null | undefined;
  /** The drafting unit's abbreviation: required for a Công văn (45/UBND-KTTH), ignored otherwise. */
  unitAbbreviation?: string | null;
  /** The year of issue (Vietnam time): printed in a legal-normative document's number. */
  year: number;
  /** A Nghị quyết or Quyết định issued as a legal-normative document (12/2025/QĐ-UBND). */
  legalNormative?: boolean;
};

export type DocumentCode = {
  /** The running number as printed: two digits at least (01…09, 10, 123). */
  number: string;
  /** Everything after the first `/`: `QĐ-UBND`, `UBND-KTTH`, `2025/QĐ-UBND`. */
  notation: string;
  /** `number/notation`, as printed on the document and in the seal's appearance. */
  code: string;
};

/** The running number as Decree 30 prints it: Arabic digits, a leading zero below 10. */
export function formatNumber(n: number): string {
  if (!Number.isInteger(n) || n < 1)
    throw new AppError('VALIDATION_FAILED', { message: `a document number is a positive integer, got ${n}` });
  return n < 10 ? `0${n}` : String(n);
}

/** Abbreviations go between `/` and `-`: no spaces, slashes or dashes of their own. */
function cleanAbbreviation(value: string | null | undefined, what: string): string {
  const v = (value ?? '').trim().normalize('NFC');
  if (v === '')
    throw new AppError('UNPROCESSABLE', {
      message: `${what} has no abbreviation to put in the notation`,
      details: { reason: 'NO_ABBREVIATION', what },
    });
  if (/[\s/-]/.test(v))
    throw new AppError('UNPROCESSABLE', {
      message: `the abbreviation "${v}" of ${what} contains a space, "/" or "-"`,
      details: { reason: 'BAD_ABBREVIATION', what },
    });
  return v;
}

/**
 * Checks everything the notation needs once, then formats any number with it. Issuance calls this
 * before allocating a number, so a missing abbreviation never burns one.
 * @throws AppError VALIDATION_FAILED (unknown type), UNPROCESSABLE (no or bad abbreviation, a type
 *   without a notation, legal-normative on a type that cannot be one)
 */
export function notationFormatter(input: NotationInput): (n: number) => DocumentCode {
  const typeName = canonicalDocumentType(input.typeName);
  const type = DOCUMENT_TYPES.find((t) => t.name === typeName)!;
  const agency = cleanAbbreviation(input.organizationAbbreviation, 'the issuing organisation');

  let notation: string;
  if (typeName === 'Công văn') {
    // Appendix I: a Công văn carries no type part; the drafting unit follows the agency.
    notation = `${agency}-${cleanAbbreviation(input.unitAbbreviation, 'the drafting unit')}`;
  } else if (type.abbreviation === null) {
    throw new AppError('UNPROCESSABLE', {
      message: `a ${typeName} is not numbered with an agency notation`,
      details: { reason: 'NO_NOTATION', typeName },
    });
  } else {
    const legalNormative = type.group === 'legal-normative' || input.legalNormative === true;
    if (input.legalNormative === true && type.group !== 'legal-normative' && !MAY_BE_LEGAL_NORMATIVE.has(typeName)) {
      throw new AppError('UNPROCESSABLE', {
        message: `a ${typeName} is not a legal-normative document`,
        details: { reason: 'NOT_LEGAL_NORMATIVE', typeName },
      });
    }
    if (!Number.isInteger(input.year) || input.year < 1945 || input.year > 9999)
      throw new AppError('VALIDATION_FAILED', { message: `invalid year ${input.year}` });
    // Case and Đ are significant (HD ≠ HĐ): the abbreviation is used exactly as Appendix III writes it.
    notation = legalNormative ? `${input.year}/${type.abbreviation}-${agency}` : `${type.abbreviation}-${agency}`;
  }

  return (n) => {
    const number = formatNumber(n);
    return { number, notation, code: `${number}/${notation}` };
  };
}

/** `notationFormatter(input)(n)`. @throws AppError as notationFormatter */
export function formatDocumentCode(input: NotationInput & { number: number }): DocumentCode {
  return notationFormatter(input)(input.number);
}

/** A date as printed on a document and in the seal: dd/MM/yyyy from an ISO `yyyy-MM-dd`. */
export function printedDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-');
  return `${d}/${m}/${y}`;
}

/** The agency seal's appearance and reason for an issued code (server job and external session alike). */
export function sealAppearance(code: string, isoDate: string): Pick<SignFileInput, 'sealNumber' | 'sealDate' | 'reason'> {
  return { sealNumber: code, sealDate: printedDate(isoDate), reason: `Ban hành văn bản số ${code}` };
}
