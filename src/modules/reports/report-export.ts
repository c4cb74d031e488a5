import { printedDate, type Column } from './register-columns.js';
import { writeTablePdf, writeTableXlsx, XLSX_TYPE, type Cell, type ExportHeading, type TableExport } from './register-export.js';
import type { AccountabilityDto, HandlingCountsDto, HandlingReportDto, SentReportDto } from './reports.schemas.js';

/**
 * The handling, accountability and sender's reports as XLSX and PDF: the JSON report's rows, in its order,
 * under the headings offices use (REPORTS.md), then a total row for the handling and sender's reports. The
 * figures are the JSON's, unchanged (rates in percent, rounded to 0.01).
 */

export type ExportFormat = 'xlsx' | 'pdf';

const GROUP_TITLES = { child: 'Đơn vị', unit: 'Đơn vị', person: 'Cá nhân' } as const;
const NO_PERSON_LABEL = 'Chưa giao cá nhân chủ trì';

const HANDLING_FIGURES: { key: keyof HandlingCountsDto; title: string }[] = [
  { key: 'carriedOver', title: 'Tồn kỳ trước' },
  { key: 'received', title: 'Tiếp nhận trong kỳ' },
  { key: 'toHandle', title: 'Tổng số phải giải quyết' },
  { key: 'doneOnTime', title: 'Đã giải quyết: đúng hạn' },
  { key: 'doneLate', title: 'Đã giải quyết: trễ hạn' },
  { key: 'onTimeRate', title: 'Đã giải quyết: tỷ lệ đúng hạn %' },
  { key: 'openInTime', title: 'Đang giải quyết: trong hạn' },
  { key: 'openOverdue', title: 'Đang giải quyết: quá hạn' },
  { key: 'overdueRate', title: 'Đang giải quyết: tỷ lệ quá hạn %' },
  { key: 'lateRate', title: 'Tỷ lệ trễ hạn %' },
];

const ACCOUNTABILITY_FIGURES = [
  { key: 'documents', title: 'Số văn bản trễ hạn' },
  { key: 'intervals', title: 'Số lượt giữ quá hạn' },
  { key: 'overrunWorkingDays', title: 'Số ngày làm việc quá hạn' },
] as const;

const SENT_FIGURES = [
  { key: 'sent', title: 'Số văn bản đã gửi' },
  { key: 'notRegistered', title: 'Chưa vào sổ' },
  { key: 'inProgress', title: 'Đang giải quyết' },
  { key: 'finished', title: 'Đã giải quyết' },
  { key: 'refused', title: 'Từ chối nhận' },
  { key: 'late', title: 'Trễ hạn' },
] as const;

/** Recipient levels as offices name them (sent-report.repo.ts). */
const LEVEL_LABELS = {
  central: 'Trung ương',
  province: 'Cấp tỉnh',
  district: 'Cấp huyện',
  commune: 'Cấp xã',
  other: 'Khác',
} as const;

const HANDLING_TITLE = 'BÁO CÁO TÌNH HÌNH GIẢI QUYẾT VĂN BẢN ĐẾN';
const ACCOUNTABILITY_TITLE = 'BÁO CÁO TRÁCH NHIỆM GIẢI QUYẾT VĂN BẢN TRỄ HẠN';
const SENT_TITLE = 'BÁO CÁO TÌNH HÌNH GIẢI QUYẾT VĂN BẢN ĐI';
const FILE_NAMES = {
  handling: 'Báo cáo tình hình giải quyết văn bản đến',
  accountability: 'Báo cáo trách nhiệm giải quyết trễ hạn',
  sent: 'Báo cáo tình hình giải quyết văn bản đi',
};

type Row = { organization?: { name: string }; person?: { fullName: string } | null };
const label = (r: Row) => r.organization?.name ?? r.person?.fullName ?? NO_PERSON_LABEL;

function tableExport(
  report: keyof typeof FILE_NAMES,
  dto: { organization: { name: string }; from: string; to: string },
  title: string,
  columns: Column[],
  rows: Cell[][],
  format: ExportFormat,
): TableExport {
  const heading: ExportHeading = {
    organizationName: dto.organization.name,
    title,
    period: `Từ ngày ${printedDate(dto.from)} đến ngày ${printedDate(dto.to)}`,
  };
  const fileName = `${FILE_NAMES[report]} - ${dto.organization.name} - ${dto.from} đến ${dto.to}.${format}`;
  async function* pages() {
    yield rows;
  }
  if (format === 'xlsx')
    return { fileName, contentType: XLSX_TYPE, write: (out) => writeTableXlsx(out, heading, columns, pages(), 'Báo cáo') };
  return {
    fileName,
    contentType: 'application/pdf',
    write: (out) => writeTablePdf(out, heading, columns, pages()),
  };
}

export function handlingExport(dto: HandlingReportDto, format: ExportFormat): TableExport {
  const columns: Column[] = [
    { key: 'group', title: GROUP_TITLES[dto.groupBy], width: 34 },
    ...HANDLING_FIGURES.map((f) => ({ key: f.key, title: f.title, width: 12 })),
  ];
  const figures = (c: HandlingCountsDto) => HANDLING_FIGURES.map((f) => c[f.key]);
  const rows: Cell[][] = [...dto.rows.map((r) => [label(r), ...figures(r)]), ['Tổng cộng', ...figures(dto.total)]];
  return tableExport('handling', dto, HANDLING_TITLE, columns, rows, format);
}

export function accountabilityExport(dto: AccountabilityDto, format: ExportFormat): TableExport {
  const columns: Column[] = [
    { key: 'group', title: dto.groupBy === 'person' ? 'Người giữ văn bản' : 'Đơn vị giữ văn bản', width: 34 },
    ...ACCOUNTABILITY_FIGURES.map((f) => ({ key: f.key, title: f.title, width: 14 })),
  ];
  const rows: Cell[][] = dto.rows.map((r) => [label(r), ...ACCOUNTABILITY_FIGURES.map((f) => r[f.key])]);
  return tableExport('accountability', dto, ACCOUNTABILITY_TITLE, columns, rows, format);
}

export function sentExport(dto: SentReportDto, format: ExportFormat): TableExport {
  const byRecipient = dto.groupBy === 'recipient';
  const columns: Column[] = [
    { key: 'level', title: 'Cấp nhận', width: 14 },
    ...(byRecipient ? [{ key: 'recipient', title: 'Nơi nhận', width: 34 }] : []),
    ...SENT_FIGURES.map((f) => ({ key: f.key, title: f.title, width: 13 })),
  ];
  const figures = (c: SentReportDto['total']) => SENT_FIGURES.map((f) => c[f.key]);
  const rows: Cell[][] = [
    ...dto.rows.map((r) => [LEVEL_LABELS[r.level], ...(byRecipient ? [r.recipient?.name ?? ''] : []), ...figures(r)]),
    ['Tổng cộng', ...(byRecipient ? [''] : []), ...figures(dto.total)],
  ];
  return tableExport('sent', dto, SENT_TITLE, columns, rows, format);
}
