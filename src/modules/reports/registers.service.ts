import type { Db } from '../../db/client.js';
import type { RegisterKind } from '../../db/schema/index.js';
import { AppError } from '../../lib/errors.js';
import { decodeCursor, encodeCursor } from '../../lib/pagination.js';
import { hasRoleOver, isClerkOf, type Principal } from '../auth/principal.js';
import type { CalendarService } from '../calendar/calendar.service.js';
import {
  type CellValue,
  incomingRow,
  outgoingRow,
  printedCell,
  printedDate,
  REGISTER_COLUMNS,
  REGISTER_FILE_NAMES,
  REGISTER_TITLES,
  trackingRow,
} from './register-columns.js';
import type { IncomingEntry, OutgoingEntry, RegisterEntriesRepo, RegisterScope } from './register-entries.repo.js';
import {
  buildTablePdf,
  writeTablePdf,
  writeTableXlsx,
  XLSX_TYPE,
  type ExportHeading,
  type RowPages,
  type TableExport,
} from './register-export.js';
import type { OrgRow, ReportsRepo } from './reports.repo.js';
import type { RegisterQuery, RegisterRowDto } from './registers.schemas.js';

export type RegisterReportsServiceDeps = {
  db: Db;
  entriesRepo: RegisterEntriesRepo;
  reportsRepo: Pick<ReportsRepo, 'findOrganization'>;
  calendar: Pick<CalendarService, 'today'>;
};

/** Rows per query while exporting: one page is in memory at a time. */
const EXPORT_PAGE = 500;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const NUMBER = /^\d{1,9}$/;

/**
 * The registers of Decree 30/2020 Phụ lục IV for an organisation and a period: the incoming
 * register (entries registered in the period, in số đến order), the outgoing register (documents
 * issued in the period, in number order) and the tracker of incoming documents' handling (the
 * incoming entries with the lead's deadline, progress and reply). Columns: register-columns.ts.
 *
 * Who may read them, as in an office: the organisation's clerks (văn thư, who keep the registers)
 * and the leaders of the organisation or of an organisation above it (who direct the work it
 * records). Specialists and administrators may not; anyone who may not gets 404, as if the
 * organisation did not exist. Secret documents are kept in separate registers and left out.
 */
export function createRegisterReportsService({ db, entriesRepo, reportsRepo, calendar }: RegisterReportsServiceDeps) {
  /** @throws AppError NOT_FOUND unless the caller is a clerk of the organisation or leads it or one above it */
  async function readableOrg(p: Principal, organizationId: string): Promise<OrgRow> {
    const org = await reportsRepo.findOrganization(db, organizationId);
    if (!org || !(isClerkOf(p, org.id) || hasRoleOver(p, 'leader', org.path)))
      throw new AppError('NOT_FOUND', { message: 'organization not found' });
    return org;
  }

  /** @throws AppError VALIDATION_FAILED (reversed or over 10 years), NOT_FOUND (registerId not the organisation's) */
  async function scopeOf(org: OrgRow, q: Pick<RegisterQuery, 'from' | 'to' | 'registerId'>): Promise<RegisterScope> {
    if (q.from > q.to) throw new AppError('VALIDATION_FAILED', { message: 'from must not be after to' });
    if (Number(q.to.slice(0, 4)) - Number(q.from.slice(0, 4)) > 10)
      throw new AppError('VALIDATION_FAILED', { message: 'a register period covers at most 10 years' });
    if (q.registerId && !(await entriesRepo.registerOf(db, org.id, q.registerId)))
      throw new AppError('NOT_FOUND', { message: 'register not found' });
    return { organizationId: org.id, from: q.from, to: q.to, registerId: q.registerId };
  }

  type Page = { rows: RegisterRowDto[]; next: string[] | null };

  /** One keyset page of a register after `after` (the sort key of the last row read). */
  async function page(kind: RegisterKind, scope: RegisterScope, after: string[] | null, limit: number): Promise<Page> {
    if (kind === 'outgoing') {
      const entries = await entriesRepo.outgoing(db, scope, after as [string, string, string] | null, limit + 1);
      const last: OutgoingEntry | undefined = entries.length > limit ? entries[limit - 1] : undefined;
      return {
        rows: entries.slice(0, limit).map(outgoingRow),
        next: last ? [last.promulgationDate, last.sortNumber, last.id] : null,
      };
    }
    const entries = await entriesRepo.incoming(db, scope, after as [string, string, string] | null, limit + 1);
    const last: IncomingEntry | undefined = entries.length > limit ? entries[limit - 1] : undefined;
    const today = calendar.today();
    return {
      rows: entries.slice(0, limit).map((e) => (kind === 'incoming' ? incomingRow(e) : trackingRow(e, today))),
      next: last ? [last.registeredAt, String(last.incomingNumber ?? 0), last.id] : null,
    };
  }

  /** @throws AppError VALIDATION_FAILED when the cursor is not one this register made */
  function afterOf(kind: RegisterKind, cursor: string | undefined): string[] | null {
    if (!cursor) return null;
    const values = decodeCursor(cursor, [kind === 'outgoing' ? 'text' : 'timestamp', 'text', 'uuid']);
    const valid = kind === 'outgoing' ? DATE.test(values[0]) && values[1].length === 12 : NUMBER.test(values[1]);
    if (!valid) throw new AppError('VALIDATION_FAILED', { message: 'invalid cursor' });
    return values;
  }

  /** Every row of the register, printed, fetched EXPORT_PAGE at a time; `onRows` sees each page (counting). */
  async function* allPages(kind: RegisterKind, scope: RegisterScope, onRows?: (n: number) => void): RowPages {
    const columns = REGISTER_COLUMNS[kind];
    let after: string[] | null = null;
    do {
      const p: Page = await page(kind, scope, after, EXPORT_PAGE);
      onRows?.(p.rows.length);
      if (p.rows.length)
        yield p.rows.map((row) => columns.map((c) => printedCell(c.key, (row as Record<string, CellValue>)[c.key] ?? null)));
      after = p.next;
    } while (after);
  }

  function headingOf(kind: RegisterKind, org: OrgRow, scope: RegisterScope): ExportHeading {
    return {
      organizationName: org.name,
      title: REGISTER_TITLES[kind],
      period: `Từ ngày ${printedDate(scope.from)} đến ngày ${printedDate(scope.to)}`,
    };
  }

  const fileNameOf = (kind: RegisterKind, org: OrgRow, scope: RegisterScope, ext: string) =>
    `${REGISTER_FILE_NAMES[kind]} - ${org.name} - ${scope.from} đến ${scope.to}.${ext}`;

  return {
    readableOrg,
    scopeOf,

    /** One page of the register as JSON rows. @throws AppError NOT_FOUND, VALIDATION_FAILED */
    async rows(p: Principal, kind: RegisterKind, q: RegisterQuery) {
      const org = await readableOrg(p, q.organizationId);
      const scope = await scopeOf(org, q);
      const result = await page(kind, scope, afterOf(kind, q.cursor), q.limit ?? 200);
      return {
        organization: { id: org.id, name: org.name },
        register: kind,
        title: REGISTER_TITLES[kind],
        from: scope.from,
        to: scope.to,
        columns: REGISTER_COLUMNS[kind].map(({ key, title }) => ({ key, title })),
        rows: result.rows,
        nextCursor: result.next ? encodeCursor(result.next) : null,
      };
    },

    /**
     * The whole register as a file, XLSX or PDF, written to the response as rows arrive. @throws AppError NOT_FOUND, VALIDATION_FAILED
     */
    async export(p: Principal, kind: RegisterKind, q: RegisterQuery & { format: 'xlsx' | 'pdf' }): Promise<TableExport> {
      const org = await readableOrg(p, q.organizationId);
      const scope = await scopeOf(org, q);
      const heading = headingOf(kind, org, scope);
      if (q.format === 'xlsx')
        return {
          fileName: fileNameOf(kind, org, scope, 'xlsx'),
          contentType: XLSX_TYPE,
          write: (out) => writeTableXlsx(out, heading, REGISTER_COLUMNS[kind], allPages(kind, scope)),
        };
      return {
        fileName: fileNameOf(kind, org, scope, 'pdf'),
        contentType: 'application/pdf',
        write: (out) => writeTablePdf(out, heading, REGISTER_COLUMNS[kind], allPages(kind, scope)),
      };
    },

    /** The register's PDF for closing (đóng sổ), with room for the seal and the closing statement. */
    async closingPdf(kind: RegisterKind, org: OrgRow, scope: RegisterScope): Promise<{ pdf: Buffer; rowCount: number; fileName: string }> {
      let rowCount = 0;
      const pages = allPages(kind, scope, (n) => (rowCount += n));
      const pdf = await buildTablePdf(headingOf(kind, org, scope), REGISTER_COLUMNS[kind], pages, {
        closing: () => `Sổ gồm ${rowCount} văn bản, khóa sổ ngày ${printedDate(calendar.today())}.`,
      });
      return { pdf, rowCount, fileName: fileNameOf(kind, org, scope, 'pdf') };
    },
  };
}

export type RegisterReportsService = ReturnType<typeof createRegisterReportsService>;
