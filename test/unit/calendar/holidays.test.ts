import { describe, expect, it } from 'vitest';
import type { Holiday } from '../../../src/modules/calendar/calendar.types.js';
import { defaultHolidays, defaultNationalDayAdjacent, defaultTetDays, swapOverrides } from '../../../src/modules/calendar/holidays.js';
import { isoToJd, isWeekendJd, jdToIso } from '../../../src/modules/calendar/iso-date.js';
import { lunarToSolar, tetJd } from '../../../src/modules/calendar/lunar.js';
import { KNOWN_OFFICIAL_SCHEDULES } from '../../../src/modules/calendar/official-schedules.js';

const datesOf = (hs: Holiday[], kind: Holiday['kind']): string[] => hs.filter((h) => h.kind === kind).map((h) => h.date);

describe('defaultHolidays', () => {
  it('lists the 11 Art. 112 days and the compensatory days of 2027 (no published schedule yet)', () => {
    const sut = defaultHolidays(2027);

    expect(datesOf(sut, 'holiday')).toEqual([
      '2027-01-01',
      // Tết Đinh Mùi: eve (29 Chạp, Fri 5/2) + mùng 1–4, mùng 1 on Saturday.
      '2027-02-05',
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
      '2027-02-09',
      '2027-04-16', // Giỗ Tổ
      '2027-04-30',
      '2027-05-01',
      '2027-09-02',
      '2027-09-03', // 2/9 is a Thursday → Friday 3/9
    ]);
    // Sat 6/2 and Sun 7/2 inside Tết → the two weekdays after the block; 1/5 on Saturday → Mon 3/5.
    expect(datesOf(sut, 'compensatory')).toEqual(['2027-02-10', '2027-02-11', '2027-05-03']);
    expect(sut.find((h) => h.date === '2027-02-06')?.name).toBe('Tết Âm lịch (mùng 1 Tết)');
    expect(sut.find((h) => h.date === '2027-02-05')?.name).toBe('Tết Âm lịch (29 tháng Chạp)');
    expect(sut.find((h) => h.date === '2027-05-03')?.name).toBe('Nghỉ bù cho Ngày Quốc tế Lao động (1/5), ngày 1/5/2027');
  });

  it('gives the day after a Sunday or Saturday New Year off (2023, 2022, 2028)', () => {
    expect(datesOf(defaultHolidays(2023), 'compensatory')).toContain('2023-01-02');
    expect(datesOf(defaultHolidays(2022), 'compensatory')).toContain('2022-01-03');
    expect(datesOf(defaultHolidays(2028), 'compensatory')).toContain('2028-01-03');
  });

  it('chains compensatory days past other holidays: Giỗ Tổ Sat 29/4/2023, 30/4 Sun, 1/5 Mon', () => {
    const sut = defaultHolidays(2023);

    expect(datesOf(sut, 'compensatory').filter((d) => d.startsWith('2023-05'))).toEqual(['2023-05-02', '2023-05-03']);
  });

  it('gives Monday 4/9/2023 off when 2/9 falls on a Saturday (adjacent day Friday 1/9)', () => {
    const sut = defaultHolidays(2023);

    expect(datesOf(sut, 'holiday')).toEqual(expect.arrayContaining(['2023-09-01', '2023-09-02']));
    expect(datesOf(sut, 'compensatory')).toContain('2023-09-04');
  });

  it('handles 2/9 on a Sunday (2029): adjacent Monday 3/9, compensatory Tuesday 4/9', () => {
    const sut = defaultHolidays(2029);

    expect(datesOf(sut, 'holiday')).toEqual(expect.arrayContaining(['2029-09-02', '2029-09-03']));
    expect(datesOf(sut, 'compensatory')).toContain('2029-09-04');
  });

  it('reproduces every published Quốc khánh neighbour day with the default weekday rule', () => {
    for (const [year, schedule] of Object.entries(KNOWN_OFFICIAL_SCHEDULES)) {
      if (schedule.nationalDayAdjacent) expect(defaultNationalDayAdjacent(Number(year))).toBe(schedule.nationalDayAdjacent);
    }
  });

  it('uses the Government decisions when given and derives their compensatory days (Tết 2024)', () => {
    const sut = defaultHolidays(2024, { tetDays: ['2024-02-08', '2024-02-09', '2024-02-10', '2024-02-11', '2024-02-12'] });

    expect(datesOf(sut, 'holiday').filter((d) => d.startsWith('2024-02'))).toEqual([
      '2024-02-08',
      '2024-02-09',
      '2024-02-10',
      '2024-02-11',
      '2024-02-12',
    ]);
    expect(datesOf(sut, 'compensatory').filter((d) => d.startsWith('2024-02'))).toEqual(['2024-02-13', '2024-02-14']);
  });

  it('keeps the data rule for Tết (New Year Eve + 4 days) and 11 holidays every year 2021–2199', () => {
    for (let year = 2021; year <= 2199; year++) {
      const tet = tetJd(year);
      expect(defaultTetDays(year)).toEqual([tet - 1, tet, tet + 1, tet + 2, tet + 3].map(jdToIso));

      const sut = defaultHolidays(year);
      const holidays = sut.filter((h) => h.kind === 'holiday');
      expect(holidays).toHaveLength(11);
      // Art. 111.3: one compensatory day per holiday on a weekend, each on a weekday that is not a holiday.
      const weekendHolidays = holidays.filter((h) => isWeekendJd(isoToJd(h.date))).length;
      const compensatory = sut.filter((h) => h.kind === 'compensatory');
      expect(compensatory).toHaveLength(weekendHolidays);
      for (const c of compensatory) {
        expect(isWeekendJd(isoToJd(c.date))).toBe(false);
        expect(holidays.some((h) => h.date === c.date)).toBe(false);
      }
      expect(new Set(sut.map((h) => h.date)).size).toBe(sut.length);
    }
  });

  it('merges a clash (Giỗ Tổ on 30 April 1947) into one day and owes a compensatory day for it', () => {
    expect(lunarToSolar({ year: 1947, month: 3, day: 10, leap: false })).toEqual({ year: 1947, month: 4, day: 30 });
    const sut = defaultHolidays(1947);

    expect(sut.find((h) => h.date === '1947-04-30')?.name).toBe('Giỗ Tổ Hùng Vương (10/3 âm lịch); Ngày Chiến thắng (30/4)');
    // Wed 30/4 clash, Thu 1/5 holiday → Fri 2/5.
    expect(datesOf(sut, 'compensatory')).toContain('1947-05-02');
  });

  it('rejects inconsistent decisions', () => {
    expect(() => defaultHolidays(2025, { tetDays: ['2025-01-27', '2025-01-28'] })).toThrow(/5 distinct days/);
    expect(() => defaultHolidays(2025, { tetDays: ['2024-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31'] })).toThrow(
      /5 distinct days/,
    );
    expect(() => defaultHolidays(2025, { nationalDayAdjacent: '2025-09-04' })).toThrow(/1 or 3 September/);
    expect(() => defaultHolidays(2025.5)).toThrow(/integer/);
  });
});

describe('swapOverrides', () => {
  it('turns a swap into a day off and a worked Saturday', () => {
    expect(swapOverrides(2025, [{ dayOff: '2025-05-02', workingDay: '2025-04-26' }])).toEqual([
      { date: '2025-05-02', kind: 'day_off', name: 'Nghỉ hoán đổi (làm bù ngày 2025-04-26)' },
      { date: '2025-04-26', kind: 'working_day', name: 'Làm bù cho ngày nghỉ 2025-05-02' },
    ]);
    expect(() => swapOverrides(2025, [{ dayOff: '2026-05-02', workingDay: '2025-04-26' }])).toThrow(/outside 2025/);
  });
});
