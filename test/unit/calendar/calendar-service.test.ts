import { describe, expect, it } from 'vitest';
import type { Db } from '../../../src/db/client.js';
import type { CalendarOverrideRow, CalendarRepo } from '../../../src/modules/calendar/calendar.repo.js';
import { createCalendarService } from '../../../src/modules/calendar/calendar.service.js';

/** A repo over an in-memory list, counting how often the service re-reads it. */
function fakeRepo(rows: CalendarOverrideRow[]) {
  let reads = 0;
  const repo = {
    listAll: async () => {
      reads++;
      return [...rows];
    },
  } as unknown as CalendarRepo;
  return { repo, reads: () => reads };
}

const row = (date: string, kind: CalendarOverrideRow['kind']): CalendarOverrideRow => ({
  date,
  kind,
  name: 'x',
  createdBy: null,
  createdAt: new Date(0),
});
const noDb = {} as Db;
const noAudit = { record: async () => {} };

describe('createCalendarService', () => {
  it('computes today from the injected clock in Vietnam time', () => {
    const sut = createCalendarService({
      db: noDb,
      calendarRepo: fakeRepo([]).repo,
      audit: noAudit,
      now: () => new Date('2026-12-31T17:00:00Z'),
    });
    expect(sut.today()).toBe('2027-01-01');
  });

  it('applies stored overrides and re-reads them only after the reload interval', async () => {
    const rows = [row('2026-06-02', 'day_off')];
    const fake = fakeRepo(rows);
    const sut = createCalendarService({ db: noDb, calendarRepo: fake.repo, audit: noAudit, reloadIntervalMs: 60_000 });
    expect(await sut.addWorkingDays('2026-06-01', 1)).toBe('2026-06-03');
    rows.push(row('2026-06-03', 'day_off'));
    expect(await sut.addWorkingDays('2026-06-01', 1)).toBe('2026-06-03');
    expect(fake.reads()).toBe(1);
  });

  it('shares one reload between concurrent callers and reloads when stale', async () => {
    const rows = [row('2026-06-06', 'working_day')];
    const fake = fakeRepo(rows);
    const sut = createCalendarService({ db: noDb, calendarRepo: fake.repo, audit: noAudit, reloadIntervalMs: 0 });
    const [a, b] = await Promise.all([sut.isWorkingDay('2026-06-06'), sut.isWorkingDay('2026-06-07')]);
    expect([a, b]).toEqual([true, false]);
    expect(fake.reads()).toBe(1);
    rows.length = 0;
    await new Promise((r) => setTimeout(r, 2));
    expect(await sut.isWorkingDay('2026-06-06')).toBe(false);
  });

  it('refuses calendar edits from anyone but an admin of a root organisation', async () => {
    const sut = createCalendarService({ db: noDb, calendarRepo: fakeRepo([]).repo, audit: noAudit });
    const districtAdmin = {
      id: 'u',
      username: 'd',
      fullName: 'D',
      position: null,
      organizationId: 'o',
      organizationPath: 'a.b',
      grants: [{ organizationId: 'o', organizationPath: 'a.b', role: 'admin' as const }],
    };
    await expect(sut.putOverride(districtAdmin, '2026-06-02', { kind: 'day_off', name: 'x' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
