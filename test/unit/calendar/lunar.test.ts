import { describe, expect, it } from 'vitest';
import { jdFromDate, jdToDate } from '../../../src/modules/calendar/iso-date.js';
import { lunarMonthLength, lunarToSolar, solarToLunar, tetJd } from '../../../src/modules/calendar/lunar.js';
import type { LunarDate, SolarDate } from '../../../src/modules/calendar/calendar.types.js';

const solar = (iso: string): SolarDate => {
  const [year, month, day] = iso.split('-').map(Number);
  return { year, month, day };
};
const iso = ({ year, month, day }: SolarDate): string => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

// domain-data.json → holidays.verifiedLunarDates (Vietnamese dates; Chinese UTC+8 calendars give
// 1985-02-20, 2007-02-18 and 2030-02-03 for the first three differing years).
const VERIFIED_TET: Record<number, string> = {
  1985: '1985-01-21',
  2007: '2007-02-17',
  2024: '2024-02-10',
  2025: '2025-01-29',
  2026: '2026-02-17',
  2027: '2027-02-06',
  2028: '2028-01-26',
  2030: '2030-02-02',
};
const VERIFIED_GIO_TO: Record<number, string> = {
  2024: '2024-04-18',
  2025: '2025-04-07',
  2026: '2026-04-26',
  2027: '2027-04-16',
  2028: '2028-04-04',
  2030: '2030-04-12',
};
// Well-known Tết dates of recent years (published Vietnamese calendars), plus 1968: the North,
// on UTC+7 since 1967, celebrated Tết Mậu Thân on 29 January, the South on 30 January.
const KNOWN_TET: Record<number, string> = {
  1968: '1968-01-29',
  2008: '2008-02-07',
  2009: '2009-01-26',
  2010: '2010-02-14',
  2011: '2011-02-03',
  2012: '2012-01-23',
  2013: '2013-02-10',
  2014: '2014-01-31',
  2015: '2015-02-19',
  2016: '2016-02-08',
  2017: '2017-01-28',
  2018: '2018-02-16',
  2019: '2019-02-05',
  2020: '2020-01-25',
  2021: '2021-02-12',
  2022: '2022-02-01',
  2023: '2023-01-22',
  2029: '2029-02-13',
};
// Giỗ Tổ days of the years officials remember by their compensatory days (2019 and 2022 on a
// Sunday, 2023 on a Saturday).
const KNOWN_GIO_TO: Record<number, string> = {
  2019: '2019-04-14',
  2020: '2020-04-02',
  2021: '2021-04-21',
  2022: '2022-04-10',
  2023: '2023-04-29',
};

describe('lunarToSolar / solarToLunar', () => {
  it.each(Object.entries({ ...VERIFIED_TET, ...KNOWN_TET }))('Tết %s is %s', (year, date) => {
    const y = Number(year);
    expect(iso(lunarToSolar({ year: y, month: 1, day: 1, leap: false }))).toBe(date);
    expect(solarToLunar(solar(date))).toEqual({ year: y, month: 1, day: 1, leap: false });
    expect(iso(jdToDate(tetJd(y)))).toBe(date);
  });

  it.each(Object.entries({ ...VERIFIED_GIO_TO, ...KNOWN_GIO_TO }))('Giỗ Tổ (10/3) %s is %s', (year, date) => {
    expect(iso(lunarToSolar({ year: Number(year), month: 3, day: 10, leap: false }))).toBe(date);
    expect(solarToLunar(solar(date))).toEqual({ year: Number(year), month: 3, day: 10, leap: false });
  });

  it('gives the lunar New Year Eve of the previous lunar year for the day before Tết', () => {
    // 2024: 30 tháng Chạp existed (9/2), 2025 and 2026: Chạp had 29 days.
    expect(solarToLunar(solar('2024-02-09'))).toEqual({ year: 2023, month: 12, day: 30, leap: false });
    expect(solarToLunar(solar('2025-01-28'))).toEqual({ year: 2024, month: 12, day: 29, leap: false });
    expect(solarToLunar(solar('2026-02-16'))).toEqual({ year: 2025, month: 12, day: 29, leap: false });
  });

  it('converts Mid-Autumn (15/8) dates', () => {
    expect(iso(lunarToSolar({ year: 2023, month: 8, day: 15, leap: false }))).toBe('2023-09-29');
    expect(iso(lunarToSolar({ year: 2024, month: 8, day: 15, leap: false }))).toBe('2024-09-17');
    expect(iso(lunarToSolar({ year: 2025, month: 8, day: 15, leap: false }))).toBe('2025-10-06');
  });

  it.each([
    [2012, 4],
    [2014, 9],
    [2017, 6],
    [2020, 4],
    [2023, 2],
    [2025, 6],
    [2028, 5],
  ])('year %i has leap month %i and no other', (year, leapMonth) => {
    for (let month = 1; month <= 12; month++) {
      if (month === leapMonth) expect(lunarMonthLength({ year, month, leap: true })).toBeGreaterThanOrEqual(29);
      else expect(() => lunarMonthLength({ year, month, leap: true })).toThrow(/No such lunar month/);
    }
  });

  it('places the leap month after the ordinary month of the same number', () => {
    expect(iso(lunarToSolar({ year: 2023, month: 2, day: 1, leap: true }))).toBe('2023-03-22');
    expect(solarToLunar(solar('2023-03-21'))).toEqual({ year: 2023, month: 2, day: 30, leap: false });
    expect(solarToLunar(solar('2023-03-22'))).toEqual({ year: 2023, month: 2, day: 1, leap: true });
    expect(iso(lunarToSolar({ year: 2025, month: 6, day: 1, leap: true }))).toBe('2025-07-25');
  });

  it('rejects lunar dates that do not exist and years out of range', () => {
    expect(() => lunarToSolar({ year: 2024, month: 4, day: 1, leap: true })).toThrow(/No such lunar month/);
    const shortMonth: LunarDate = { year: 2025, month: 12, day: 30, leap: false }; // Chạp Ất Tỵ has 29 days
    expect(lunarMonthLength(shortMonth)).toBe(29);
    expect(() => lunarToSolar(shortMonth)).toThrow(/No such lunar day/);
    expect(() => lunarToSolar({ year: 2025, month: 13, day: 1, leap: false })).toThrow();
    expect(() => solarToLunar({ year: 2025, month: 2, day: 29 })).toThrow(/Not an existing solar date/);
    expect(() => solarToLunar({ year: 1799, month: 12, day: 31 })).toThrow(/1800/);
    expect(() => lunarToSolar({ year: 2200, month: 1, day: 1, leap: false })).toThrow(/2199/);
  });

  it('maps every lunar New Year 1900–2100 back to itself, with the eve in month 12', () => {
    for (let year = 1900; year <= 2100; year++) {
      const tet = lunarToSolar({ year, month: 1, day: 1, leap: false });
      expect(solarToLunar(tet)).toEqual({ year, month: 1, day: 1, leap: false });
      expect(tet.month === 1 ? tet.day >= 21 : tet.month === 2 && tet.day <= 20).toBe(true);

      const eve = solarToLunar(jdToDate(jdFromDate(tet) - 1));
      expect(eve.year).toBe(year - 1);
      expect(eve.month).toBe(12);
      expect([29, 30]).toContain(eve.day);
    }
  });

  it('round-trips every day of 1900–2100 and walks months and years consistently', () => {
    const first = jdFromDate({ year: 1900, month: 1, day: 1 });
    const last = jdFromDate({ year: 2100, month: 12, day: 31 });
    let prev = solarToLunar(jdToDate(first));
    const monthsPerYear = new Map<number, { months: number; leaps: number }>();
    let failures = 0;

    for (let jd = first + 1; jd <= last; jd++) {
      const date = jdToDate(jd);
      const cur = solarToLunar(date);
      if (jdFromDate(lunarToSolar(cur)) !== jd) failures++;

      const sameMonth = cur.year === prev.year && cur.month === prev.month && cur.leap === prev.leap;
      if (sameMonth) {
        if (cur.day !== prev.day + 1) failures++;
      } else {
        const lengthOk = cur.day === 1 && (prev.day === 29 || prev.day === 30);
        const orderOk = cur.leap
          ? cur.year === prev.year && cur.month === prev.month && !prev.leap
          : cur.month === 1
            ? prev.month === 12 && cur.year === prev.year + 1
            : cur.year === prev.year && cur.month === prev.month + 1;
        if (!lengthOk || !orderOk) failures++;
        const count = monthsPerYear.get(cur.year) ?? { months: 0, leaps: 0 };
        monthsPerYear.set(cur.year, { months: count.months + 1, leaps: count.leaps + (cur.leap ? 1 : 0) });
      }
      prev = cur;
    }

    expect(failures).toBe(0);
    for (let year = 1901; year <= 2100; year++) {
      const { months, leaps } = monthsPerYear.get(year) ?? { months: 0, leaps: 0 };
      expect(months).toBe(12 + leaps);
      expect(leaps).toBeLessThanOrEqual(1);
    }
    // 19-year Metonic cycle: 7 leap years in 19, so about 74 in 1901–2100.
    const leapYears = [...monthsPerYear.values()].filter((c) => c.leaps === 1).length;
    expect(leapYears).toBeGreaterThanOrEqual(72);
    expect(leapYears).toBeLessThanOrEqual(76);
  });

  it('handles the days where the true new moon is late against the mean lunation', () => {
    // The published algorithm's first guess of the month start is wrong on these days.
    for (const d of ['1877-04-13', '1885-03-16', '2054-05-07', '2062-04-09']) {
      const lunar = solarToLunar(solar(d));
      expect(lunar.day).toBeGreaterThanOrEqual(29);
      expect(iso(lunarToSolar(lunar))).toBe(d);
    }
  });
});
