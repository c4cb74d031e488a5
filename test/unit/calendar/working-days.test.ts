import { describe, expect, it, vi } from 'vitest';
import type { CalendarOverride } from '../../../src/modules/calendar/calendar.types.js';
import { isoToJd, jdToIso } from '../../../src/modules/calendar/iso-date.js';
import { buildYearCalendar, createWorkingCalendar, vnDateOf } from '../../../src/modules/calendar/working-days.js';
import type { WorkingCalendar } from '../../../src/modules/calendar/working-days.js';

const noOverrides = () => [];
const daysFrom = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (let jd = isoToJd(from); jd <= isoToJd(to); jd++) out.push(jdToIso(jd));
  return out;
};

/** Straightforward oracle: step one day at a time with isWorkingDay. */
const naiveAdd = (cal: WorkingCalendar, start: string, n: number): string => {
  let jd = isoToJd(start);
  if (n === 0) while (!cal.isWorkingDay(jdToIso(jd))) jd++;
  for (let left = n; left > 0;) {
    jd++;
    if (cal.isWorkingDay(jdToIso(jd))) left--;
  }
  return jdToIso(jd);
};

describe('createWorkingCalendar with the published schedules', () => {
  const sut = createWorkingCalendar({ overridesFor: noOverrides });

  it.each([
    // [first day off, last day off, description]
    ['2023-01-20', '2023-01-26', 'Tết Quý Mão 2023 (7 days)'],
    ['2023-04-29', '2023-05-03', 'Giỗ Tổ + 30/4 + 1/5 2023 (5 days)'],
    ['2023-09-01', '2023-09-04', 'Quốc khánh 2023 (4 days)'],
    ['2024-02-08', '2024-02-14', 'Tết Giáp Thìn 2024 (7 days)'],
    ['2024-04-27', '2024-05-01', '30/4–1/5 2024 with the 29/4 swap (5 days)'],
    ['2024-08-31', '2024-09-03', 'Quốc khánh 2024 (4 days)'],
    ['2025-01-25', '2025-02-02', 'Tết Ất Tỵ 2025 (9 days)'],
    ['2025-04-30', '2025-05-04', '30/4–1/5 2025 with the 2/5 swap (5 days)'],
    ['2025-08-30', '2025-09-02', 'Quốc khánh 2025 (4 days)'],
    ['2026-02-14', '2026-02-22', 'Tết Bính Ngọ 2026 (9 days)'],
  ])('is off from %s to %s (%s) and working on the days around', (first, last) => {
    for (const d of daysFrom(first, last)) expect(sut.isWorkingDay(d), d).toBe(false);
    expect(sut.isWorkingDay(jdToIso(isoToJd(first) - 1))).toBe(true);
    expect(sut.isWorkingDay(jdToIso(isoToJd(last) + 1))).toBe(true);
  });

  it('works the swapped Saturdays 4/5/2024 and 26/4/2025', () => {
    expect(sut.isWorkingDay('2024-05-04')).toBe(true);
    expect(sut.isWorkingDay('2025-04-26')).toBe(true);
    expect(sut.isWorkingDay('2025-04-27')).toBe(false);
  });

  it('counts deadlines across Tết 2026 (break 14–22/2)', () => {
    expect(sut.addWorkingDays('2026-02-12', 1)).toBe('2026-02-13');
    expect(sut.addWorkingDays('2026-02-12', 2)).toBe('2026-02-23');
    expect(sut.addWorkingDays('2026-02-13', 1)).toBe('2026-02-23');
    expect(sut.addWorkingDays('2026-02-10', 10)).toBe('2026-03-03'); // 11, 12, 13, 23–27, 2, 3 Mar
    // Received during the break: day 0 is the receipt day, day 1 the first day back.
    expect(sut.addWorkingDays('2026-02-17', 1)).toBe('2026-02-23');
    expect(sut.workingDaysBetween('2026-02-13', '2026-02-23')).toBe(1);
  });

  it('counts deadlines across Tết 2027 by the default rules (off Fri 5/2 – Thu 11/2)', () => {
    for (const d of daysFrom('2027-02-05', '2027-02-11')) expect(sut.isWorkingDay(d), d).toBe(false);
    expect(sut.addWorkingDays('2027-02-04', 1)).toBe('2027-02-12');
    expect(sut.addWorkingDays('2027-02-03', 3)).toBe('2027-02-15');
    expect(sut.workingDaysBetween('2027-02-04', '2027-02-15')).toBe(2);
  });

  it('returns the start for n = 0 on a working day, else the next working day', () => {
    expect(sut.addWorkingDays('2026-02-13', 0)).toBe('2026-02-13');
    expect(sut.addWorkingDays('2026-02-14', 0)).toBe('2026-02-23');
    expect(sut.addWorkingDays('2026-03-07', 0)).toBe('2026-03-09'); // Saturday
  });

  it('does not count the start day even when it is a working day, and crosses the year end', () => {
    expect(sut.addWorkingDays('2026-03-02', 1)).toBe('2026-03-03');
    expect(sut.addWorkingDays('2026-03-06', 1)).toBe('2026-03-09'); // Friday → Monday
    expect(sut.addWorkingDays('2025-12-31', 1)).toBe('2026-01-02'); // 1/1/2026 is a holiday
    expect(sut.nextWorkingDay('2025-12-31')).toBe('2026-01-02');
    expect(sut.nextWorkingDay('2026-02-13')).toBe('2026-02-23');
  });

  it('gives the working days a holder overran a deadline by, negative when early', () => {
    expect(sut.workingDaysBetween('2026-02-13', '2026-02-24')).toBe(2);
    expect(sut.workingDaysBetween('2026-02-24', '2026-02-13')).toBe(-2);
    expect(sut.workingDaysBetween('2026-02-13', '2026-02-13')).toBe(0);
    expect(sut.workingDaysBetween('2026-02-13', '2026-02-15')).toBe(0); // only the break
    expect(sut.workingDaysBetween('2025-12-30', '2026-01-05')).toBe(3); // 31/12, 2/1, 5/1
  });

  it('agrees with a day-by-day count over long spans and many starts', () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let i = 0; i < 300; i++) {
      const start = jdToIso(isoToJd('2020-01-01') + random(365 * 10));
      const n = random(i % 10 === 0 ? 2000 : 40);
      const end = sut.addWorkingDays(start, n);

      expect(end).toBe(naiveAdd(sut, start, n));
      expect(sut.isWorkingDay(end)).toBe(true);
      if (n > 0) expect(sut.workingDaysBetween(start, end)).toBe(n);
    }
  });

  it('adds thousands of working days in one call across many years', () => {
    const end = sut.addWorkingDays('2025-01-01', 25_000);

    expect(sut.workingDaysBetween('2025-01-01', end)).toBe(25_000);
    expect(end.slice(0, 4)).toBe('2125'); // about 250 working days a year
    expect(() => sut.addWorkingDays('2190-01-01', 10_000)).toThrow(/2199/);
  });

  it('rejects malformed dates and counts', () => {
    expect(() => sut.isWorkingDay('2025-02-29')).toThrow(/YYYY-MM-DD/);
    expect(() => sut.isWorkingDay('2025-2-1')).toThrow(/YYYY-MM-DD/);
    expect(() => sut.isWorkingDay('2025-01-01T00:00:00Z')).toThrow(/YYYY-MM-DD/);
    expect(() => sut.addWorkingDays('2025-01-02', -1)).toThrow(/non-negative integer/);
    expect(() => sut.addWorkingDays('2025-01-02', 1.5)).toThrow(/non-negative integer/);
    expect(() => sut.isWorkingDay('1799-12-31')).toThrow(/1800/);
  });
});

describe('createWorkingCalendar with admin overrides', () => {
  const overrides: Record<number, CalendarOverride[]> = {
    2027: [
      // The kind of notice Bộ Nội vụ publishes: a Saturday worked so that a bridge day is off.
      { date: '2027-02-13', kind: 'working_day', name: 'Làm bù cho ngày nghỉ 2027-02-12' },
      { date: '2027-02-12', kind: 'day_off', name: 'Nghỉ hoán đổi (làm bù ngày 2027-02-13)' },
      { date: '2027-11-24', kind: 'holiday', name: 'Ngày Văn hóa Việt Nam' },
      { date: '2027-05-03', kind: 'working_day', name: 'Không nghỉ bù (ví dụ)' },
    ],
  };

  it('lets overrides win over weekends and generated holidays, and counts swapped Saturdays', () => {
    const sut = createWorkingCalendar({ overridesFor: (y) => overrides[y] ?? [] });

    expect(sut.isWorkingDay('2027-02-13')).toBe(true); // Saturday worked
    expect(sut.isWorkingDay('2027-02-12')).toBe(false); // Friday off
    expect(sut.isWorkingDay('2027-11-24')).toBe(false);
    expect(sut.isWorkingDay('2027-05-03')).toBe(true); // generated compensatory day overridden
    expect(sut.addWorkingDays('2027-02-04', 1)).toBe('2027-02-13');
    expect(sut.addWorkingDays('2027-02-04', 2)).toBe('2027-02-15');
    expect(sut.workingDaysBetween('2027-02-04', '2027-02-15')).toBe(2);
  });

  it('lets admin overrides win over published schedules', () => {
    const sut = createWorkingCalendar({
      overridesFor: (y) => (y === 2025 ? [{ date: '2025-04-26', kind: 'day_off', name: 'Hoán đổi bị hủy' }] : []),
    });

    expect(sut.isWorkingDay('2025-04-26')).toBe(false);
    expect(sut.isWorkingDay('2025-05-02')).toBe(false);
  });

  it('uses the bare rules when no published schedule is given', () => {
    const sut = createWorkingCalendar({ overridesFor: noOverrides, knownSchedules: {} });

    // Default Tết 2025 = 28/1 … 1/2 (Sat) + compensatory Mon 3/2; the published one was 27–31/1.
    expect(sut.isWorkingDay('2025-01-27')).toBe(true);
    expect(sut.isWorkingDay('2025-02-03')).toBe(false);
    expect(sut.isWorkingDay('2025-05-02')).toBe(true); // no swap
  });

  it('reads each year once and again after invalidate', () => {
    const overridesFor = vi.fn((y: number) => overrides[y] ?? []);
    const sut = createWorkingCalendar({ overridesFor });

    sut.isWorkingDay('2027-02-13');
    sut.addWorkingDays('2027-02-01', 30);
    sut.isWorkingDay('2027-12-31');
    expect(overridesFor).toHaveBeenCalledTimes(1);

    sut.invalidate(2027);
    sut.isWorkingDay('2027-02-13');
    expect(overridesFor).toHaveBeenCalledTimes(2);
    sut.invalidate();
    sut.isWorkingDay('2027-02-13');
    expect(overridesFor).toHaveBeenCalledTimes(3);
  });

  it('rejects overrides dated in another year or of an unknown kind', () => {
    const wrongYear = createWorkingCalendar({
      overridesFor: () => [{ date: '2026-01-02', kind: 'day_off', name: 'x' }],
    });
    expect(() => wrongYear.isWorkingDay('2027-01-04')).toThrow(/Invalid calendar override for 2027/);

    const wrongKind = createWorkingCalendar({
      overridesFor: () => [{ date: '2027-01-02', kind: 'weekend', name: 'x' } as unknown as CalendarOverride],
    });
    expect(() => wrongKind.isWorkingDay('2027-01-04')).toThrow(/Invalid calendar override/);
  });

  it('answers a million isWorkingDay calls from the compiled table', () => {
    const sut = createWorkingCalendar({ overridesFor: noOverrides });
    const dates = daysFrom('2026-01-01', '2026-12-31');
    let working = 0;
    for (let i = 0; i < 1_000_000; i++) if (sut.isWorkingDay(dates[i % dates.length])) working++;

    // 2026: 365 days − 104 weekend days − 11 weekday holidays/compensatory days = 250.
    expect(sut.yearCalendar(2026).workingDayCount).toBe(250);
    const fullYears = Math.floor(1_000_000 / 365);
    const rest = dates.slice(0, 1_000_000 % 365).filter((d) => sut.isWorkingDay(d)).length;
    expect(working).toBe(fullYears * 250 + rest);
  });
});

describe('buildYearCalendar', () => {
  it('lists rule and override days with their source and status', () => {
    const sut = buildYearCalendar(2026, [{ date: '2026-02-21', kind: 'working_day', name: 'Làm bù' }]);

    expect(sut.days.find((d) => d.date === '2026-04-27')).toEqual({
      date: '2026-04-27',
      name: 'Nghỉ bù cho Giỗ Tổ Hùng Vương (10/3 âm lịch), ngày 26/4/2026',
      kind: 'compensatory',
      working: false,
      source: 'rule',
    });
    expect(sut.days.find((d) => d.date === '2026-02-21')).toMatchObject({ working: true, source: 'override' });
    expect(sut.isWorkingDay('2026-02-21')).toBe(true);
    expect(sut.workingDayCount).toBe(251);
    expect(() => sut.isWorkingDay('2027-01-04')).toThrow(/not in 2026/);
  });

  it('lets the last override for a date win', () => {
    const sut = buildYearCalendar(2026, [
      { date: '2026-03-02', kind: 'day_off', name: 'a' },
      { date: '2026-03-02', kind: 'working_day', name: 'b' },
    ]);
    expect(sut.isWorkingDay('2026-03-02')).toBe(true);
  });
});

describe('vnDateOf', () => {
  it('converts instants to the civil date in Vietnam (UTC+7)', () => {
    expect(vnDateOf(new Date('2026-03-01T16:59:59.999Z'))).toBe('2026-03-01');
    expect(vnDateOf(new Date('2026-03-01T17:00:00.000Z'))).toBe('2026-03-02');
    expect(vnDateOf(new Date('2025-12-31T20:00:00+07:00'))).toBe('2025-12-31');
    expect(() => vnDateOf(new Date('nope'))).toThrow(/Invalid timestamp/);
  });
});
