import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { DeliveryEvent } from '../../db/schema/index.js';

/** The Vietnamese name of each national status code (domain-data.json, exchangeStatusCodes). */
export const STATUS_LABELS: Readonly<Record<string, string>> = Object.freeze({
  '01': 'Đã đến',
  '02': 'Từ chối tiếp nhận',
  '03': 'Đã tiếp nhận',
  '04': 'Phân công',
  '05': 'Đang xử lý',
  '06': 'Hoàn thành',
  '13': 'Lấy lại',
  '15': 'Đồng ý',
  '16': 'Từ chối',
});

/** What a request is, in the words of domain-data.json (businessDocType): 1 thu hồi, 2 cập nhật, 3 thay thế. */
const REQUEST_WORDS: Readonly<Record<number, string>> = { 1: 'thu hồi', 2: 'cập nhật', 3: 'thay thế' };

const SENT_LABELS: Readonly<Record<number, string>> = {
  0: 'Đã gửi văn bản',
  1: 'Đã gửi yêu cầu thu hồi',
  2: 'Đã gửi văn bản cập nhật',
  3: 'Đã gửi văn bản thay thế',
};

/** The Vietnamese name of a status code, or null for none (a code a peer sent that we do not know keeps its number). */
export const statusLabelOf = (code: string | null): string | null => (code === null ? null : (STATUS_LABELS[code] ?? `Trạng thái ${code}`));

/** What an entry of a delivery's history says, in Vietnamese, for the people reading it. */
export function labelOf(e: Pick<DeliveryEvent, 'event' | 'code' | 'businessType' | 'answer'>): string {
  switch (e.event) {
    case 'status':
      return statusLabelOf(e.code ?? null) ?? 'Trạng thái';
    case 'recall-requested':
      return `${STATUS_LABELS['13']} (yêu cầu thu hồi)`;
    case 'update-requested':
      return 'Thông báo cập nhật văn bản';
    case 'replace-requested':
      return 'Thông báo thay thế văn bản';
    case 'recall-answered':
    case 'update-answered':
    case 'replace-answered': {
      const what = REQUEST_WORDS[{ 'recall-answered': 1, 'update-answered': 2, 'replace-answered': 3 }[e.event]];
      return `${e.answer === 'refused' ? STATUS_LABELS['16'] : STATUS_LABELS['15']} ${what}`;
    }
    case 'withdrawn':
      return 'Đã thu hồi trước khi đến nơi nhận';
    case 'sent':
      return SENT_LABELS[e.businessType ?? 0] ?? SENT_LABELS[0];
    case 'dead-lettered':
      return 'Gửi không thành công (chờ gửi lại)';
    case 'replayed':
      return 'Gửi lại';
  }
}

/** An entry as written: everything but the time it is recorded at. */
export type NewDeliveryEvent = Omit<DeliveryEvent, 'at'>;

/**
 * SQL: a one-entry jsonb array of `e` stamped with the database's clock (what `history || …` appends).
 * `description` is always present (null when none), `statedAt` only when given.
 */
export function eventSql(e: NewDeliveryEvent): SQL {
  const entry = { ...e, description: e.description ?? null };
  return sql`jsonb_build_array(${JSON.stringify(entry)}::jsonb || jsonb_build_object('at', to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))`;
}

/** SQL: the history holds an entry with these fields (jsonb containment). */
export const historyHas = (history: AnyColumn, fields: Partial<NewDeliveryEvent>): SQL =>
  sql`${history} @> ${JSON.stringify([fields])}::jsonb`;
