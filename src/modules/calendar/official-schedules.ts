import type { OfficialSchedule } from './calendar.types.js';

/**
 * Published holiday schedules for cán bộ, công chức, viên chức (state agencies), as announced each
 * year by the ministry in charge of labour (Bộ Lao động – Thương binh và Xã hội until the 2025
 * merger, Bộ Nội vụ since) after the Prime Minister's approval. Only facts the author could state
 * with confidence are encoded; each `sources` line says what the announcement fixed so a reviewer
 * can check it (document numbers deliberately omitted rather than quoted from memory). Years or
 * holidays not listed use the default rules of holidays.ts; the admin overrides stored in the
 * database win over everything here.
 *
 * Compensatory days are not listed: they follow from the chosen days by Art. 111.3 and are
 * computed (2023: 25–26/1 for Tết on Sat/Sun, 2/5–3/5 for 29/4 and 30/4 on Sat/Sun, 4/9 for 2/9 on
 * a Saturday; 2024: 13–14/2 for Tết on Sat/Sun).
 */
export const KNOWN_OFFICIAL_SCHEDULES: Readonly<Record<number, OfficialSchedule>> = {
  2021: {
    nationalDayAdjacent: '2021-09-03',
    sources: ['Quốc khánh 2021 (first year with 2 days): Thursday 2/9 and Friday 3/9, off 2/9–5/9.'],
  },
  2022: {
    nationalDayAdjacent: '2022-09-01',
    sources: ['Quốc khánh 2022: Thursday 1/9 and Friday 2/9, off 1/9–4/9.'],
  },
  2023: {
    tetDays: ['2023-01-20', '2023-01-21', '2023-01-22', '2023-01-23', '2023-01-24'],
    nationalDayAdjacent: '2023-09-01',
    sources: [
      'Tết Quý Mão 2023: off Friday 20/1 to Thursday 26/1 (29 tháng Chạp to mùng 5 Tết), 7 days; the 5 Tết days are 20–24/1, and 25–26/1 compensate the Saturday and Sunday among them.',
      'Giỗ Tổ (Saturday 29/4), 30/4 (Sunday), 1/5 (Monday) 2023: off 29/4–3/5, 5 days, no swap.',
      'Quốc khánh 2023: Friday 1/9 and Saturday 2/9, compensatory Monday 4/9, off 1/9–4/9.',
    ],
  },
  2024: {
    tetDays: ['2024-02-08', '2024-02-09', '2024-02-10', '2024-02-11', '2024-02-12'],
    nationalDayAdjacent: '2024-09-03',
    swaps: [{ dayOff: '2024-04-29', workingDay: '2024-05-04' }],
    sources: [
      'Tết Giáp Thìn 2024: off Thursday 8/2 to Wednesday 14/2 (29 tháng Chạp to mùng 5 Tết), 7 days.',
      '30/4–1/5/2024: off Saturday 27/4 to Wednesday 1/5, 5 days, by swapping Monday 29/4 with Saturday 4/5 (worked).',
      'Quốc khánh 2024: Monday 2/9 and Tuesday 3/9, off Saturday 31/8 to Tuesday 3/9.',
    ],
  },
  2025: {
    tetDays: ['2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31'],
    nationalDayAdjacent: '2025-09-01',
    swaps: [{ dayOff: '2025-05-02', workingDay: '2025-04-26' }],
    sources: [
      'Tết Ất Tỵ 2025: the 5 Tết days are Monday 27/1 to Friday 31/1 (28 tháng Chạp to mùng 3 Tết); with the weekends, off Saturday 25/1 to Sunday 2/2, 9 days, no swap.',
      '30/4–1/5/2025: off Wednesday 30/4 to Sunday 4/5, 5 days, by swapping Friday 2/5 with Saturday 26/4 (worked).',
      'Quốc khánh 2025: Monday 1/9 and Tuesday 2/9, off Saturday 30/8 to Tuesday 2/9.',
    ],
  },
  2026: {
    tetDays: ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'],
    sources: [
      'Tết Bính Ngọ 2026: the 5 Tết days are Monday 16/2 to Friday 20/2 (29 tháng Chạp to mùng 4 Tết); with the weekends, off Saturday 14/2 to Sunday 22/2, 9 days.',
    ],
  },
};
