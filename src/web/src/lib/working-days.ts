import { api, unwrap } from '../api/client';
import { todayIso } from './format';

type CalendarYear = { year: number; days: { date: string; working: boolean }[] };

const years = new Map<number, Promise<CalendarYear>>();
function calendar(year: number): Promise<CalendarYear> {
  let p = years.get(year);
  if (!p) {
    p = unwrap(api.GET('/api/v1/calendar/{year}', { params: { path: { year } } }));
    p.catch(() => years.delete(year));
    years.set(year, p);
  }
  return p;
}

/**
 * The date N working days after today (today not counted), as the server counts dueInWorkingDays:
 * Monday to Friday, except the days the server's calendar lists (holidays, compensatory days, days
 * off are not working; swapped Saturdays are). The server computes the deadline itself; this shows
 * it at once while the leader types.
 */
export async function addWorkingDays(n: number, from = todayIso()): Promise<string> {
  const d = new Date(`${from}T00:00:00Z`);
  let left = n;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    const iso = d.toISOString().slice(0, 10);
    const special = (await calendar(d.getUTCFullYear())).days.find((x) => x.date === iso);
    const working = special ? special.working : d.getUTCDay() !== 0 && d.getUTCDay() !== 6;
    if (working) left--;
  }
  return d.toISOString().slice(0, 10);
}
