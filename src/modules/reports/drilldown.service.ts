import type { Db } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import { decodeCursor, encodeCursor } from '../../lib/pagination.js';
import type { Principal } from '../auth/principal.js';
import type { CalendarService } from '../calendar/calendar.service.js';
import type { DrilldownRepo, Narrowing } from './drilldown.repo.js';
import type {
  AccountabilityItemsPage,
  AccountabilityItemsQuery,
  HandlingDocumentsPage,
  HandlingDocumentsQuery,
} from './drilldown.schemas.js';
import { createReportScope } from './report-scope.js';
import type { OrgRow, ReportsRepo } from './reports.repo.js';

export type DrilldownServiceDeps = {
  db: Db;
  reportsRepo: ReportsRepo;
  drilldownRepo: DrilldownRepo;
  calendar: Pick<CalendarService, 'today'>;
};

const DEFAULT_LIMIT = 100;
const ISO_DAY = /^\d{4}-\d\d-\d\d$/;

/**
 * The drill-downs of the reports: the documents behind one figure of the handling report, and the
 * late custody intervals behind one row of the accountability ranking. Each answers exactly what
 * the report counted for that row (same items, same definitions, same period and asOf), read from
 * the same sources (report_items; custody_intervals), so a list's total is the figure clicked.
 *
 * Who may read them: as the reports (a leader or administrator of the organisation or above it;
 * 404 otherwise, and 404 for a unit outside the organisation's subtree). Documents the caller may
 * not open under the document rule (documents.policy.ts: confidential ones only with an explicit
 * grant) are still listed, since the report counted them, but `restricted`, without their number,
 * notation, subject or issuer.
 */
export function createDrilldownService({ db, reportsRepo, drilldownRepo, calendar }: DrilldownServiceDeps) {
  const scope = createReportScope({ db, reportsRepo, calendar });

  /** @throws AppError NOT_FOUND (the organisation, or a unit outside its subtree) */
  async function narrowing(p: Principal, q: { organizationId: string; unitId?: string; personId?: string }): Promise<Narrowing> {
    const root: OrgRow = await scope.root(p, q.organizationId);
    if (q.unitId !== undefined) {
      const unit = await reportsRepo.findOrganization(db, q.unitId);
      if (!unit || !(unit.path === root.path || unit.path.startsWith(`${root.path}.`)))
        throw new AppError('NOT_FOUND', { message: 'unit not found in the organization' });
    }
    return { root, unitId: q.unitId, personId: q.personId };
  }

  return {
    /** @throws AppError NOT_FOUND, VALIDATION_FAILED (period, cursor) */
    async handlingDocuments(p: Principal, q: HandlingDocumentsQuery): Promise<HandlingDocumentsPage> {
      const n = await narrowing(p, q);
      const period = scope.period(q);
      const limit = q.limit ?? DEFAULT_LIMIT;
      let after: [string, string] | undefined;
      if (q.cursor !== undefined) {
        const [day, id] = decodeCursor(q.cursor, ['text', 'uuid']);
        if (!ISO_DAY.test(day) || new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) !== day)
          throw new AppError('VALIDATION_FAILED', { message: 'invalid cursor' });
        after = [day, id];
      }
      const [rows, total] = await Promise.all([
        drilldownRepo.handlingDocuments(db, p, n, q.category, period, { limit: limit + 1, after }),
        drilldownRepo.countHandlingDocuments(db, n, q.category, period),
      ]);
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page.map((r) => ({
          documentId: r.documentId,
          restricted: !r.visible,
          typeName: r.visible ? r.typeName : null,
          number: r.visible ? r.number : null,
          notation: r.visible ? r.notation : null,
          subject: r.visible ? r.subject : null,
          issuerName: r.visible ? r.issuerName : null,
          incomingNumber: r.incomingNumber,
          receivedOn: r.receivedOn,
          dueOn: r.dueOn,
          doneOn: r.doneOn,
          doneLate: r.doneLate,
          unit: { id: r.unitId, name: r.unitName },
          person: r.personId === null ? null : { id: r.personId, fullName: r.personName ?? '' },
        })),
        nextCursor: rows.length > limit && last ? encodeCursor([last.sortDate, last.documentId]) : null,
        total,
        totalIsEstimate: false,
      };
    },

    /** @throws AppError NOT_FOUND, VALIDATION_FAILED (period, cursor) */
    async accountabilityItems(p: Principal, q: AccountabilityItemsQuery): Promise<AccountabilityItemsPage> {
      const n = await narrowing(p, q);
      const { from, to } = scope.period(q);
      const limit = q.limit ?? DEFAULT_LIMIT;
      let after: [number, string] | undefined;
      if (q.cursor !== undefined) {
        const [overrun, id] = decodeCursor(q.cursor, ['text', 'uuid']);
        if (!/^\d{1,9}$/.test(overrun)) throw new AppError('VALIDATION_FAILED', { message: 'invalid cursor' });
        after = [Number(overrun), id];
      }
      const [rows, total] = await Promise.all([
        drilldownRepo.lateCustody(db, p, n, { from, to }, { limit: limit + 1, after }),
        drilldownRepo.countLateCustody(db, n, { from, to }),
      ]);
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page.map((r) => ({
          intervalId: r.intervalId,
          documentId: r.documentId,
          restricted: !r.visible,
          number: r.visible ? r.number : null,
          notation: r.visible ? r.notation : null,
          subject: r.visible ? r.subject : null,
          holder: {
            person: r.holderUserId === null ? null : { id: r.holderUserId, fullName: r.holderName ?? '' },
            unit: r.unitId === null ? null : { id: r.unitId, name: r.unitName ?? '' },
          },
          role: r.role,
          startedAt: r.startedAt,
          endedAt: r.endedAt,
          dueOn: r.dueOn,
          allottedWorkingDays: r.allottedWorkingDays,
          overrunWorkingDays: r.overrunWorkingDays,
        })),
        nextCursor: rows.length > limit && last ? encodeCursor([String(last.overrunWorkingDays), last.intervalId]) : null,
        total,
        totalIsEstimate: false,
      };
    },
  };
}

export type DrilldownService = ReturnType<typeof createDrilldownService>;
