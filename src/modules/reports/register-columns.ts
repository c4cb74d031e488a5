import type { RegisterKind } from '../../db/schema/index.js';
import type { IncomingEntry, OutgoingEntry } from './register-entries.repo.js';
import type { IncomingRowDto, OutgoingRowDto, TrackingRowDto } from './registers.schemas.js';

/**
 * The registers of Decree 30/2020 Phụ lục IV (REPORTS.md): their titles, their columns with the
 * official headings verbatim, and how a register entry fills them. JSON rows carry the values
 * (dates ISO `YYYY-MM-DD`, instants ISO 8601); exports print them (dates dd/mm/yyyy).
 */

export type Acknowledgement = { by: string; at: string };
export type CellValue = string | number | null | Acknowledgement | Acknowledgement[];
export type RegisterRow = { documentId: string } & Record<string, CellValue>;

/** A column: its JSON key, official heading, width in the printed table (relative) and XLSX (characters). */
export type Column = { key: string; title: string; width: number };

export const REGISTER_TITLES: Record<RegisterKind, string> = {
  incoming: 'SỔ ĐĂNG KÝ VĂN BẢN ĐẾN',
  outgoing: 'SỔ ĐĂNG KÝ VĂN BẢN ĐI',
  'incoming-tracking': 'SỔ THEO DÕI GIẢI QUYẾT VĂN BẢN ĐẾN',
};

/** File names of exports and closings: ASCII-safe fallbacks are derived from them (contentDisposition). */
export const REGISTER_FILE_NAMES: Record<RegisterKind, string> = {
  incoming: 'Sổ đăng ký văn bản đến',
  outgoing: 'Sổ đăng ký văn bản đi',
  'incoming-tracking': 'Sổ theo dõi giải quyết văn bản đến',
};

export const REGISTER_COLUMNS: Record<RegisterKind, Column[]> = {
  incoming: [
    { key: 'ngayDen', title: 'Ngày đến', width: 11 },
    { key: 'soDen', title: 'Số đến', width: 8 },
    { key: 'tacGia', title: 'Tác giả', width: 22 },
    { key: 'soKyHieu', title: 'Số, ký hiệu', width: 16 },
    { key: 'ngayThangVanBan', title: 'Ngày tháng văn bản', width: 11 },
    { key: 'tenLoaiTrichYeu', title: 'Tên loại và trích yếu nội dung', width: 40 },
    { key: 'donViNguoiNhan', title: 'Đơn vị hoặc người nhận', width: 22 },
    { key: 'ngayChuyen', title: 'Ngày chuyển', width: 11 },
    { key: 'kyNhan', title: 'Ký nhận', width: 20 },
    { key: 'ghiChu', title: 'Ghi chú', width: 14 },
  ],
  outgoing: [
    { key: 'soKyHieu', title: 'Số, ký hiệu văn bản', width: 18 },
    { key: 'ngayThangVanBan', title: 'Ngày tháng văn bản', width: 11 },
    { key: 'tenLoaiTrichYeu', title: 'Tên loại và trích yếu nội dung', width: 40 },
    { key: 'nguoiKy', title: 'Người ký', width: 18 },
    { key: 'noiNhan', title: 'Nơi nhận văn bản', width: 26 },
    { key: 'donViLuuBan', title: 'Đơn vị, người nhận bản lưu', width: 18 },
    { key: 'soLuongBan', title: 'Số lượng bản', width: 8 },
    { key: 'ngayChuyen', title: 'Ngày chuyển', width: 11 },
    { key: 'kyNhan', title: 'Ký nhận', width: 22 },
    { key: 'ghiChu', title: 'Ghi chú', width: 14 },
  ],
  'incoming-tracking': [
    { key: 'soDen', title: 'Số đến', width: 8 },
    { key: 'vanBan', title: 'Tên loại, số, ký hiệu, ngày tháng văn bản, cơ quan ban hành', width: 44 },
    { key: 'donViNguoiNhan', title: 'Đơn vị hoặc người nhận', width: 24 },
    { key: 'thoiHan', title: 'Thời hạn giải quyết', width: 12 },
    { key: 'tienDo', title: 'Tiến độ giải quyết', width: 28 },
    { key: 'vanBanTraLoi', title: 'Số, ký hiệu văn bản trả lời', width: 18 },
    { key: 'ghiChu', title: 'Ghi chú', width: 16 },
  ],
};

const URGENCY_LABELS: Record<string, string> = { urgent: 'Khẩn', very_urgent: 'Thượng khẩn', flash: 'Hỏa tốc' };

const code = (number: string | null, notation: string | null) =>
  number && notation ? `${number}/${notation}` : (number ?? notation ?? null);

/** dd/mm/yyyy of an ISO date (or of the Vietnamese day of an ISO instant, for printing only). */
export function printedDate(isoDate: string): string {
  const [y, m, d] = isoDate.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

/** An instant as printed in Vietnam: dd/mm/yyyy HH:MM (UTC+7, no daylight saving). */
export function printedInstant(instant: string): string {
  const local = new Date(new Date(instant).getTime() + 7 * 3_600_000).toISOString();
  return `${printedDate(local)} ${local.slice(11, 16)}`;
}

function notes(status: string, urgency: string): string | null {
  const parts = [URGENCY_LABELS[urgency], status === 'recalled' ? 'Đã thu hồi' : undefined].filter(Boolean);
  return parts.length ? parts.join('; ') : null;
}

export function incomingRow(e: IncomingEntry): IncomingRowDto {
  return {
    documentId: e.id,
    ngayDen: e.registeredOn,
    soDen: e.incomingNumber,
    tacGia: e.issuer,
    soKyHieu: code(e.number, e.notation),
    ngayThangVanBan: e.promulgationDate,
    tenLoaiTrichYeu: `${e.typeName}: ${e.subject}`,
    donViNguoiNhan: e.recipients,
    ngayChuyen: e.forwardedOn,
    kyNhan: e.acknowledgedAt && e.leadHolder ? { by: e.leadHolder, at: e.acknowledgedAt } : null,
    ghiChu: notes(e.status, e.urgency),
  };
}

export function outgoingRow(e: OutgoingEntry): OutgoingRowDto {
  return {
    documentId: e.id,
    soKyHieu: code(e.number, e.notation),
    ngayThangVanBan: e.promulgationDate,
    tenLoaiTrichYeu: `${e.typeName}: ${e.subject}`,
    nguoiKy: e.signerName,
    noiNhan: e.recipients,
    donViLuuBan: e.keeper,
    soLuongBan: e.copies,
    ngayChuyen: e.dispatchedOn,
    kyNhan: e.acknowledgements,
    ghiChu: notes(e.status, e.urgency),
  };
}

/**
 * Progress (tiến độ giải quyết) as the handling report judges it: the lead's (chủ trì) deadline and
 * completion count; an open item is overdue once its deadline is before `asOf` (today).
 */
export function progressOf(e: IncomingEntry, asOf: string): string {
  if (e.status === 'recalled') return 'Đã thu hồi';
  if (e.leadDoneOn) {
    const late = e.leadDueDate !== null && e.leadDoneOn > e.leadDueDate;
    return `Đã giải quyết ngày ${printedDate(e.leadDoneOn)} (${late ? 'trễ hạn' : 'đúng hạn'})`;
  }
  if (!e.assigned) return 'Chưa phân công';
  if (e.leadDueDate !== null && e.leadDueDate < asOf) return 'Đang giải quyết, quá hạn';
  return 'Đang giải quyết, trong hạn';
}

export function trackingRow(e: IncomingEntry, asOf: string): TrackingRowDto {
  const parts = [
    e.typeName,
    code(e.number, e.notation) && `số ${code(e.number, e.notation)}`,
    e.promulgationDate && `ngày ${printedDate(e.promulgationDate)}`,
    e.issuer,
  ].filter(Boolean);
  return {
    documentId: e.id,
    soDen: e.incomingNumber,
    vanBan: parts.join(', '),
    donViNguoiNhan: e.recipients,
    thoiHan: e.leadDueDate,
    tienDo: progressOf(e, asOf),
    vanBanTraLoi: code(e.replyNumber, e.replyNotation),
    ghiChu: URGENCY_LABELS[e.urgency] ?? null,
  };
}

const DATE_KEYS = new Set(['ngayDen', 'ngayThangVanBan', 'ngayChuyen', 'thoiHan']);

/** The printed text of a cell (XLSX and PDF). */
export function printedCell(key: string, value: CellValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return DATE_KEYS.has(key) ? printedDate(value) : value;
  const acks = Array.isArray(value) ? value : [value];
  return acks.map((a) => `${a.by}, ${printedInstant(a.at)}`).join('; ');
}
