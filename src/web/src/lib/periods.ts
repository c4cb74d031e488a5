import { todayIso } from './format';

// Report periods as provincial offices name them: the current month, quarter, half-year ("6 tháng")
// or year, calendar days in Asia/Ho_Chi_Minh, both ends included (the API's [from, to]).
export type Preset = 'thang' | 'quy' | '6-thang' | 'nam';
export const PRESET_LABEL: Record<Preset, string> = { thang: 'Tháng', quy: 'Quý', '6-thang': '6 tháng', nam: 'Năm' };
export const PRESETS = Object.keys(PRESET_LABEL) as Preset[];

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The preset's period containing `today` (YYYY-MM-DD). */
export function presetPeriod(preset: Preset, today = todayIso()): { from: string; to: string } {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const span = { thang: 1, quy: 3, '6-thang': 6, nam: 12 }[preset];
  const first = Math.floor((month - 1) / span) * span + 1;
  const last = first + span - 1;
  return { from: `${year}-${pad(first)}-01`, to: `${year}-${pad(last)}-${pad(lastDay(year, last))}` };
}

export const isIsoDate = (v: string | null): v is string => v !== null && /^\d{4}-\d{2}-\d{2}$/.test(v);
