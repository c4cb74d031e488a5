import type { Db } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import { hasRoleOver, type Principal } from '../auth/principal.js';
import type { CalendarService } from '../calendar/calendar.service.js';
import type { OrgRow, Period, ReportsRepo } from './reports.repo.js';
import type { ReportQuery } from './reports.schemas.js';

/** What every report and drill-down checks first: who may read an organisation's reports, and the period. */
export function createReportScope({
  db,
  reportsRepo,
  calendar,
}: {
  db: Db;
  reportsRepo: ReportsRepo;
  calendar: Pick<CalendarService, 'today'>;
}) {
  return {
    /**
     * The organisation a report covers (with its subtree).
     * @throws AppError NOT_FOUND unless the caller leads or administers the organisation or one above it
     */
    async root(p: Principal, organizationId: string): Promise<OrgRow> {
      const org = await reportsRepo.findOrganization(db, organizationId);
      if (!org || !(hasRoleOver(p, 'leader', org.path) || hasRoleOver(p, 'admin', org.path)))
        throw new AppError('NOT_FOUND', { message: 'organization not found' });
      return org;
    },

    /**
     * The period, with asOf = min(to, today): open items are judged overdue only against days that have passed.
     * @throws AppError VALIDATION_FAILED when the period is reversed or longer than 10 years
     */
    period(q: Pick<ReportQuery, 'from' | 'to'>): Period {
      if (q.from > q.to) throw new AppError('VALIDATION_FAILED', { message: 'from must not be after to' });
      if (Number(q.to.slice(0, 4)) - Number(q.from.slice(0, 4)) > 10)
        throw new AppError('VALIDATION_FAILED', { message: 'a report period covers at most 10 years' });
      const today = calendar.today();
      return { from: q.from, to: q.to, asOf: q.to < today ? q.to : today };
    },
  };
}

export type ReportScope = ReturnType<typeof createReportScope>;
