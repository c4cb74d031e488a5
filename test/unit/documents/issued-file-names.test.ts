import { describe, expect, it } from 'vitest';

import {
  issuedFileName,
  issuedFileStem,
  nextVersionName,
  planIssuedFiles,
  romanNumeral,
  type PlanFile,
} from '../../../src/modules/documents/issued-file-names.js';
import { formatDocumentCode } from '../../../src/modules/issuance/notation.js';

const PDF = 'application/pdf';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('issuedFileStem', () => {
  it('is the số/ký hiệu as Decree 30 prints it, with "/" written "-" and the Vietnamese letters kept', () => {
    const stem = (o: Parameters<typeof formatDocumentCode>[0]) => {
      const code = formatDocumentCode(o);
      return issuedFileStem(code.number, code.notation);
    };
    expect(stem({ typeName: 'Quyết định', organizationAbbreviation: 'UBND', year: 2026, number: 1 })).toBe('01-QĐ-UBND');
    expect(stem({ typeName: 'Quyết định', organizationAbbreviation: 'UBND', year: 2025, number: 12, legalNormative: true })).toBe(
      '12-2025-QĐ-UBND',
    );
    expect(stem({ typeName: 'Công văn', organizationAbbreviation: 'UBND', unitAbbreviation: 'KTTH', year: 2026, number: 45 })).toBe(
      '45-UBND-KTTH',
    );
    expect(stem({ typeName: 'Hợp đồng', organizationAbbreviation: 'SNV', year: 2026, number: 7 })).toBe('07-HĐ-SNV');
  });

  it('writes "-" for every character a file name cannot hold, and NFC', () => {
    expect(issuedFileStem('3', 'A:B*C?"D<E>F|G\\H')).toBe('3-A-B-C--D-E-F-G-H');
    expect(issuedFileStem('01', 'Q\u0110-UBND'.normalize('NFD'))).toBe('01-QĐ-UBND');
  });
});

describe('issuedFileName', () => {
  it('names the document by its stem and the attachments "Phụ lục" with Roman numerals, with the extension of the stored type', () => {
    expect(issuedFileName('01-QĐ-UBND', { kind: 'main' }, { contentType: PDF, name: 'Dự thảo lần 3.pdf' })).toBe('01-QĐ-UBND.pdf');
    expect(issuedFileName('01-QĐ-UBND', { kind: 'attachment', position: 1 }, { contentType: XLSX, name: 'Danh sách.XLSX' })).toBe(
      '01-QĐ-UBND - Phụ lục I.xlsx',
    );
    expect(issuedFileName('01-QĐ-UBND', { kind: 'attachment', position: 4 }, { contentType: 'image/jpeg', name: 'anh.jpeg' })).toBe(
      '01-QĐ-UBND - Phụ lục IV.jpg',
    );
    // An unknown stored type keeps the name's extension; no extension at all gives none.
    expect(
      issuedFileName('01-QĐ-UBND', { kind: 'attachment', position: 2 }, { contentType: 'application/x-unknown', name: 'bang.ods' }),
    ).toBe('01-QĐ-UBND - Phụ lục II.ods');
    expect(issuedFileName('01-QĐ-UBND', { kind: 'attachment', position: 2 }, { contentType: 'application/x-unknown', name: 'bang' })).toBe(
      '01-QĐ-UBND - Phụ lục II',
    );
  });

  it('counts in Roman numerals', () => {
    expect([1, 2, 3, 4, 5, 9, 10, 14, 19, 40, 90, 2026].map(romanNumeral)).toEqual([
      'I',
      'II',
      'III',
      'IV',
      'V',
      'IX',
      'X',
      'XIV',
      'XIX',
      'XL',
      'XC',
      'MMXXVI',
    ]);
  });

  it('gives a new version the name of the file it replaces, with its own extension', () => {
    expect(nextVersionName({ name: '01-QĐ-UBND.pdf', contentType: PDF }, { name: 'QĐ đã sửa.pdf', contentType: PDF })).toBe(
      '01-QĐ-UBND.pdf',
    );
    expect(nextVersionName({ name: '01-QĐ-UBND - Phụ lục II.pdf', contentType: PDF }, { name: 'bang.xlsx', contentType: XLSX })).toBe(
      '01-QĐ-UBND - Phụ lục II.xlsx',
    );
  });
});

describe('planIssuedFiles', () => {
  let clock = Date.parse('2026-03-02T01:00:00Z');
  const file = (id: string, name: string, kind: string, previousFileId: string | null = null, contentType = PDF): PlanFile => ({
    id,
    name,
    kind,
    contentType,
    previousFileId,
    createdAt: new Date((clock += 1000)),
    supersededAt: null,
  });

  it('names the signed main file and the issued version’s attachments in the drafter’s order, and retires the earlier draft version', () => {
    // Version 1: main m1 and attachment a1; version 2 (issued): main m2, attachments b2 then a2 (same instant, drafter's order b2, a2).
    const m1 = file('m1', 'Dự thảo lần 1.pdf', 'main');
    const a1 = file('a1', 'Phụ lục cũ.pdf', 'attachment');
    const m2 = file('m2', 'Dự thảo lần 2.pdf', 'main');
    const a2 = { ...file('a2', 'Bảng kinh phí.xlsx', 'attachment', null, XLSX), createdAt: m2.createdAt };
    const b2 = { ...file('b2', 'Danh sách đơn vị.pdf', 'attachment'), createdAt: m2.createdAt };
    const signed = file('s2', 'Dự thảo lần 2.pdf', 'main', 'm2');
    // A note file and an attachment added outside the draft versions.
    const note = file('n1', 'ghi chú.pdf', 'note');
    const extra = file('x1', 'Tờ trình.pdf', 'attachment');

    const plan = planIssuedFiles([m1, a1, m2, a2, b2, signed, note, extra], {
      stem: '05-QĐ-UBND',
      mainFileId: 's2',
      attachmentOrder: ['b2', 'a2'],
      retiredRootIds: new Set(['m1', 'a1']),
    });
    expect(plan.superseded.sort()).toEqual(['a1', 'm1']);
    expect(plan.renames).toEqual([
      { id: 's2', name: '05-QĐ-UBND.pdf', originalName: 'Dự thảo lần 2.pdf' },
      { id: 'b2', name: '05-QĐ-UBND - Phụ lục I.pdf', originalName: 'Danh sách đơn vị.pdf' },
      { id: 'a2', name: '05-QĐ-UBND - Phụ lục II.xlsx', originalName: 'Bảng kinh phí.xlsx' },
      { id: 'x1', name: '05-QĐ-UBND - Phụ lục III.pdf', originalName: 'Tờ trình.pdf' },
    ]);
  });

  it('follows version chains: the latest version of an attachment is named, an earlier draft’s chain is retired whole', () => {
    const m1 = file('m1', 'Dự thảo lần 1.pdf', 'main');
    const m1b = file('m1b', 'Dự thảo lần 1 (sửa).pdf', 'main', 'm1');
    const m2 = file('m2', 'Dự thảo lần 2.pdf', 'main');
    const a2 = file('a2', 'Phụ lục.pdf', 'attachment');
    const a2b = file('a2b', 'Phụ lục (sửa).pdf', 'attachment', 'a2');
    const signed = file('s2', 'Dự thảo lần 2.pdf', 'main', 'm2');

    const plan = planIssuedFiles([m1, m1b, m2, a2, a2b, signed], {
      stem: '06-QĐ-UBND',
      mainFileId: 's2',
      attachmentOrder: ['a2'],
      retiredRootIds: new Set(['m1']),
    });
    expect(plan.superseded).toEqual(['m1b']);
    expect(plan.renames.map((r) => [r.id, r.name])).toEqual([
      ['s2', '06-QĐ-UBND.pdf'],
      ['a2b', '06-QĐ-UBND - Phụ lục I.pdf'],
    ]);
  });
});
