// Words and formats officials read: Vietnamese labels for the API's enums, dates dd/MM/yyyy and
// times HH:mm in Asia/Ho_Chi_Minh, numbers with "." as thousands separator.
export const URGENCY_LABEL: Record<string, string> = { normal: 'Thường', urgent: 'Khẩn', very_urgent: 'Thượng khẩn', flash: 'Hỏa tốc' };
// Tag classes with AA contrast (app.css): Ant Design's orange and volcano texts are too light on their backgrounds.
export const URGENCY_CLASS: Record<string, string> = { urgent: 'tag-urgent', very_urgent: 'tag-very-urgent', flash: 'tag-flash' };
export const CONFIDENTIALITY_LABEL: Record<string, string> = {
  normal: 'Thường',
  secret: 'Mật',
  top_secret: 'Tối mật',
  absolute_secret: 'Tuyệt mật',
};
export const STATUS_LABEL: Record<string, string> = {
  received: 'Đã đến',
  registered: 'Đã vào sổ',
  refused: 'Từ chối',
  assigned: 'Đã phân công',
  in_progress: 'Đang xử lý',
  completed: 'Hoàn thành',
  draft: 'Dự thảo',
  in_approval: 'Đang trình duyệt',
  returned: 'Trả lại',
  approved: 'Đã duyệt',
  rejected: 'Từ chối',
  signed: 'Đã ký số',
  issued: 'Đã ban hành',
  recalled: 'Thu hồi',
};
export const ROLE_LABEL: Record<string, string> = { lead: 'Chủ trì', coordinate: 'Phối hợp', inform: 'Nhận để biết' };
export const USER_ROLE_LABEL: Record<string, string> = {
  admin: 'Quản trị',
  clerk: 'Văn thư',
  leader: 'Lãnh đạo',
  specialist: 'Chuyên viên',
};

const TZ = 'Asia/Ho_Chi_Minh';
const dateFmt = new Intl.DateTimeFormat('en-GB', { timeZone: TZ, day: '2-digit', month: '2-digit', year: 'numeric' });
const timeFmt = new Intl.DateTimeFormat('en-GB', { timeZone: TZ, hour: '2-digit', minute: '2-digit', hour12: false });
const numberFmt = new Intl.NumberFormat('vi-VN');

/** dd/MM/yyyy of a date-only value (YYYY-MM-DD, a calendar day: no time zone shift) or an instant. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (day) return `${day[3]}/${day[2]}/${day[1]}`;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : dateFmt.format(d);
}

/** HH:mm dd/MM/yyyy of an instant, in Asia/Ho_Chi_Minh. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : `${timeFmt.format(d)} ${dateFmt.format(d)}`;
}

export const formatNumber = (n: number): string => numberFmt.format(n);

/** Today as YYYY-MM-DD in Asia/Ho_Chi_Minh (deadlines are calendar days there). */
export function todayIso(): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  return parts;
}

/** "Số 12/UBND-KTTH" style reference of a document. */
export function documentReference(d: { number?: string | null; notation?: string | null }): string {
  if (d.number && d.notation) return `${d.number}/${d.notation}`;
  return d.notation ?? d.number ?? '';
}
