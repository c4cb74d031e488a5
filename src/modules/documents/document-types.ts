import { AppError } from '../../lib/errors.js';

/**
 * The document types a record may carry, with their notation abbreviations. Copied from the design's
 * domain-data.json (`documentTypes`: Decree 30/2020/NĐ-CP Art. 7 + Appendix III, the copies of
 * Appendix III part II, and the legal-normative types of the Law on Promulgation of Legal Documents);
 * the design folder is not shipped with the application, hence a copy rather than an import.
 * Case and Đ are significant: HD (Hướng dẫn) ≠ HĐ (Hợp đồng), DA (Dự án) ≠ ĐA (Đề án).
 */
export const DOCUMENT_TYPES = [
  // Decree 30, Art. 7: the 29 administrative types, in the decree's order.
  { name: 'Nghị quyết', abbreviation: 'NQ', group: 'administrative' },
  { name: 'Quyết định', abbreviation: 'QĐ', group: 'administrative' },
  { name: 'Chỉ thị', abbreviation: 'CT', group: 'administrative' },
  { name: 'Quy chế', abbreviation: 'QC', group: 'administrative' },
  { name: 'Quy định', abbreviation: 'QyĐ', group: 'administrative' },
  { name: 'Thông cáo', abbreviation: 'TC', group: 'administrative' },
  { name: 'Thông báo', abbreviation: 'TB', group: 'administrative' },
  { name: 'Hướng dẫn', abbreviation: 'HD', group: 'administrative' },
  { name: 'Chương trình', abbreviation: 'CTr', group: 'administrative' },
  { name: 'Kế hoạch', abbreviation: 'KH', group: 'administrative' },
  { name: 'Phương án', abbreviation: 'PA', group: 'administrative' },
  { name: 'Đề án', abbreviation: 'ĐA', group: 'administrative' },
  { name: 'Dự án', abbreviation: 'DA', group: 'administrative' },
  { name: 'Báo cáo', abbreviation: 'BC', group: 'administrative' },
  { name: 'Biên bản', abbreviation: 'BB', group: 'administrative' },
  { name: 'Tờ trình', abbreviation: 'TTr', group: 'administrative' },
  { name: 'Hợp đồng', abbreviation: 'HĐ', group: 'administrative' },
  // Công văn: the notation is agency + drafting-unit abbreviations (45/UBND-KTTH), no type part.
  { name: 'Công văn', abbreviation: null, group: 'administrative' },
  { name: 'Công điện', abbreviation: 'CĐ', group: 'administrative' },
  { name: 'Bản ghi nhớ', abbreviation: 'GN', group: 'administrative' },
  { name: 'Bản thỏa thuận', abbreviation: 'TTh', group: 'administrative' },
  { name: 'Giấy ủy quyền', abbreviation: 'GUQ', group: 'administrative' },
  { name: 'Giấy mời', abbreviation: 'GM', group: 'administrative' },
  { name: 'Giấy giới thiệu', abbreviation: 'GGT', group: 'administrative' },
  { name: 'Giấy nghỉ phép', abbreviation: 'NP', group: 'administrative' },
  { name: 'Phiếu gửi', abbreviation: 'PG', group: 'administrative' },
  { name: 'Phiếu chuyển', abbreviation: 'PC', group: 'administrative' },
  { name: 'Phiếu báo', abbreviation: 'PB', group: 'administrative' },
  { name: 'Thư công', abbreviation: null, group: 'administrative' },
  // Appendix III part II: copies (TrS is MED confidence; some software wrongly uses TS).
  { name: 'Bản sao y', abbreviation: 'SY', group: 'copy' },
  { name: 'Bản sao lục', abbreviation: 'SL', group: 'copy' },
  { name: 'Bản trích sao', abbreviation: 'TrS', group: 'copy' },
  // Legal-normative documents (QPPL): numbers include the year, e.g. 12/2025/QĐ-UBND.
  { name: 'Nghị định', abbreviation: 'NĐ', group: 'legal-normative' },
  { name: 'Thông tư', abbreviation: 'TT', group: 'legal-normative' },
  { name: 'Thông tư liên tịch', abbreviation: 'TTLT', group: 'legal-normative' },
  { name: 'Luật', abbreviation: null, group: 'legal-normative' },
  { name: 'Bộ luật', abbreviation: null, group: 'legal-normative' },
  { name: 'Pháp lệnh', abbreviation: null, group: 'legal-normative' },
] as const satisfies readonly { name: string; abbreviation: string | null; group: 'administrative' | 'copy' | 'legal-normative' }[];

export type DocumentTypeName = (typeof DOCUMENT_TYPES)[number]['name'];

// Names are compared in NFC so that a client sending decomposed Vietnamese (NFD, as macOS file
// systems produce) still matches.
const BY_NAME = new Map<string, (typeof DOCUMENT_TYPES)[number]>(DOCUMENT_TYPES.map((t) => [t.name.normalize('NFC'), t]));

/** True when `name` is one of DOCUMENT_TYPES (in any Unicode normalisation form). */
export function isDocumentType(name: string): boolean {
  return BY_NAME.has(name.normalize('NFC'));
}

/**
 * The canonical (NFC) type name for a name given by a client.
 * @throws AppError VALIDATION_FAILED when it is not a known type.
 */
export function canonicalDocumentType(name: string): DocumentTypeName {
  const found = BY_NAME.get(name.trim().normalize('NFC'));
  if (!found) {
    throw new AppError('VALIDATION_FAILED', {
      message: `unknown document type "${name}"`,
      details: { allowed: DOCUMENT_TYPES.map((t) => t.name) },
    });
  }
  return found.name;
}

/**
 * The notation abbreviation of a type (QĐ for Quyết định), or null for types written without one
 * (Công văn, Thư công, Luật...).
 * @throws AppError VALIDATION_FAILED when the type is unknown.
 */
export function abbreviationOf(typeName: string): string | null {
  const found = BY_NAME.get(canonicalDocumentType(typeName).normalize('NFC'));
  return found?.abbreviation ?? null;
}
