import { describe, expect, it } from 'vitest';

import { isAppError } from '../../../src/lib/errors.js';
import { formatDocumentCode, formatNumber, notationFormatter, printedDate } from '../../../src/modules/issuance/notation.js';

const base = { organizationAbbreviation: 'UBND', year: 2025 };

function refusal(fn: () => unknown): { code: string; reason: unknown } {
  try {
    fn();
  } catch (e) {
    if (isAppError(e)) return { code: e.code, reason: e.details?.reason };
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('formatNumber', () => {
  it('writes numbers below 10 with a leading zero and others as they are', () => {
    expect([1, 5, 9, 10, 11, 99, 100, 1234].map(formatNumber)).toEqual(['01', '05', '09', '10', '11', '99', '100', '1234']);
  });

  it('refuses zero, negatives and fractions', () => {
    for (const n of [0, -1, 1.5, Number.NaN]) expect(refusal(() => formatNumber(n)).code).toBe('VALIDATION_FAILED');
  });
});

describe('formatDocumentCode', () => {
  it('formats {n}/{typeAbbr}-{orgAbbr} with the leading zero', () => {
    expect(formatDocumentCode({ ...base, typeName: 'Quyết định', number: 5 })).toEqual({
      number: '05',
      notation: 'QĐ-UBND',
      code: '05/QĐ-UBND',
    });
    expect(formatDocumentCode({ ...base, typeName: 'Quyết định', number: 123 }).code).toBe('123/QĐ-UBND');
    expect(formatDocumentCode({ ...base, typeName: 'Kế hoạch', number: 10 }).code).toBe('10/KH-UBND');
    expect(formatDocumentCode({ ...base, organizationAbbreviation: 'SNV', typeName: 'Tờ trình', number: 7 }).code).toBe('07/TTr-SNV');
  });

  it('formats a Công văn as {n}/{orgAbbr}-{unitAbbr} without a type part', () => {
    expect(formatDocumentCode({ ...base, typeName: 'Công văn', unitAbbreviation: 'KTTH', number: 45 })).toEqual({
      number: '45',
      notation: 'UBND-KTTH',
      code: '45/UBND-KTTH',
    });
    expect(formatDocumentCode({ ...base, typeName: 'Công văn', unitAbbreviation: 'VP', number: 3 }).code).toBe('03/UBND-VP');
  });

  it('refuses a Công văn without a drafting unit abbreviation', () => {
    expect(refusal(() => formatDocumentCode({ ...base, typeName: 'Công văn', number: 1 }))).toEqual({
      code: 'UNPROCESSABLE',
      reason: 'NO_ABBREVIATION',
    });
    expect(refusal(() => formatDocumentCode({ ...base, typeName: 'Công văn', unitAbbreviation: '  ', number: 1 }))).toEqual({
      code: 'UNPROCESSABLE',
      reason: 'NO_ABBREVIATION',
    });
  });

  it('puts the year in legal-normative numbers (QPPL)', () => {
    expect(formatDocumentCode({ ...base, typeName: 'Quyết định', legalNormative: true, number: 12 })).toEqual({
      number: '12',
      notation: '2025/QĐ-UBND',
      code: '12/2025/QĐ-UBND',
    });
    expect(
      formatDocumentCode({ ...base, typeName: 'Nghị quyết', legalNormative: true, number: 3, organizationAbbreviation: 'HĐND' }).code,
    ).toBe('03/2025/NQ-HĐND');
    // Nghị định and Thông tư are legal-normative by type.
    expect(formatDocumentCode({ ...base, typeName: 'Nghị định', number: 15, organizationAbbreviation: 'CP' }).code).toBe('15/2025/NĐ-CP');
    expect(formatDocumentCode({ ...base, typeName: 'Thông tư', number: 1, organizationAbbreviation: 'BNV' }).code).toBe('01/2025/TT-BNV');
  });

  it('refuses the legal-normative flag on an administrative-only type', () => {
    expect(refusal(() => formatDocumentCode({ ...base, typeName: 'Công điện', legalNormative: true, number: 1 }))).toEqual({
      code: 'UNPROCESSABLE',
      reason: 'NOT_LEGAL_NORMATIVE',
    });
  });

  it('keeps case and Đ as Appendix III writes them: HD ≠ HĐ, DA ≠ ĐA, QyĐ, CTr', () => {
    expect(formatDocumentCode({ ...base, typeName: 'Hướng dẫn', number: 2 }).code).toBe('02/HD-UBND');
    expect(formatDocumentCode({ ...base, typeName: 'Hợp đồng', number: 2 }).code).toBe('02/HĐ-UBND');
    expect(formatDocumentCode({ ...base, typeName: 'Dự án', number: 4 }).code).toBe('04/DA-UBND');
    expect(formatDocumentCode({ ...base, typeName: 'Đề án', number: 4 }).code).toBe('04/ĐA-UBND');
    expect(formatDocumentCode({ ...base, typeName: 'Quy định', number: 8 }).code).toBe('08/QyĐ-UBND');
    expect(formatDocumentCode({ ...base, typeName: 'Chương trình', number: 8 }).code).toBe('08/CTr-UBND');
  });

  it('accepts a decomposed (NFD) type name and abbreviation and prints NFC', () => {
    const code = formatDocumentCode({
      ...base,
      typeName: 'Quyết định'.normalize('NFD'),
      organizationAbbreviation: 'HĐND'.normalize('NFD'),
      number: 6,
    }).code;
    expect(code).toBe('06/QĐ-HĐND'.normalize('NFC'));
    expect(code).toBe(code.normalize('NFC'));
  });

  it('refuses a missing or malformed agency abbreviation, and types without a notation', () => {
    expect(refusal(() => formatDocumentCode({ ...base, organizationAbbreviation: null, typeName: 'Quyết định', number: 1 }))).toEqual({
      code: 'UNPROCESSABLE',
      reason: 'NO_ABBREVIATION',
    });
    expect(refusal(() => formatDocumentCode({ ...base, organizationAbbreviation: 'UB ND', typeName: 'Quyết định', number: 1 }))).toEqual({
      code: 'UNPROCESSABLE',
      reason: 'BAD_ABBREVIATION',
    });
    expect(refusal(() => formatDocumentCode({ ...base, organizationAbbreviation: 'UBND-X', typeName: 'Quyết định', number: 1 }))).toEqual({
      code: 'UNPROCESSABLE',
      reason: 'BAD_ABBREVIATION',
    });
    expect(refusal(() => formatDocumentCode({ ...base, typeName: 'Thư công', number: 1 }))).toEqual({
      code: 'UNPROCESSABLE',
      reason: 'NO_NOTATION',
    });
    expect(refusal(() => formatDocumentCode({ ...base, typeName: 'Văn bản lạ', number: 1 })).code).toBe('VALIDATION_FAILED');
  });

  it('validates once and then formats any number (issuance checks before allocating)', () => {
    const format = notationFormatter({ ...base, typeName: 'Thông báo' });
    expect([1, 9, 10].map((n) => format(n).code)).toEqual(['01/TB-UBND', '09/TB-UBND', '10/TB-UBND']);
  });
});

describe('printedDate', () => {
  it('prints an ISO date as dd/MM/yyyy', () => {
    expect(printedDate('2025-03-05')).toBe('05/03/2025');
  });
});
