import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';

import type { Db } from '../../db/client.js';
import type { RegisterKind } from '../../db/schema/index.js';
import { AppError } from '../../lib/errors.js';
import type { ObjectStorage } from '../../storage/object-storage.js';
import { isClerkOf, type Principal } from '../auth/principal.js';
import type { AuditService } from '../audit/audit.service.js';
import type { CalendarService } from '../calendar/calendar.service.js';
import type { ServerSigningService } from '../signing/server-signing.service.js';
import { printedDate } from './register-columns.js';
import type { RegisterClosingRow, RegisterClosingsRepo } from './register-closings.repo.js';
import type { ClosingBody, RegisterClosingDto } from './registers.schemas.js';
import type { RegisterReportsService } from './registers.service.js';

export type RegisterClosingsServiceDeps = {
  db: Db;
  closingsRepo: RegisterClosingsRepo;
  registers: Pick<RegisterReportsService, 'readableOrg' | 'scopeOf' | 'closingPdf'>;
  signing: Pick<ServerSigningService, 'sealPdf'>;
  storage: Pick<ObjectStorage, 'putBuffer' | 'getStream' | 'delete'>;
  calendar: Pick<CalendarService, 'today'>;
  audit: Pick<AuditService, 'record'>;
};

/** Stored closings live under their own prefix: the orphan sweep of document files never looks there. */
const KEY_PREFIX = 'register-closings/';

const isUniqueViolation = (e: unknown) =>
  (e as { code?: string; cause?: { code?: string } })?.code === '23505' || (e as { cause?: { code?: string } })?.cause?.code === '23505';

function toDto(r: RegisterClosingRow): RegisterClosingDto {
  return {
    id: r.id,
    organizationId: r.organizationId,
    register: r.kind,
    from: r.periodFrom,
    to: r.periodTo,
    rowCount: r.rowCount,
    fileName: r.fileName,
    size: r.size,
    sha256: r.sha256,
    certificateId: r.certificateId,
    closedBy: { id: r.closedBy, fullName: r.closedByName },
    closedAt: r.closedAt.toISOString(),
  };
}

/**
 * Closing a register (đóng sổ, Decree 30/2020: at the end of a period the electronic register is
 * printed and closed): the register's PDF for the organisation and period, sealed with the
 * agency's seal certificate by the signing module's server path (PAdES), stored, listed and
 * downloadable. The file is stored before its row is written and deleted again when the row is
 * not, so no row exists without its file. A period that shares a day with a closed one of the same
 * register is refused (409), as is a period that has not ended.
 *
 * Who may close: the organisation's clerks (văn thư keep the registers and hold the seal, Art. 32);
 * who may list and download: whoever may read the register (RegisterReportsService.readableOrg).
 */
export function createRegisterClosingsService({
  db,
  closingsRepo,
  registers,
  signing,
  storage,
  calendar,
  audit,
}: RegisterClosingsServiceDeps) {
  const conflict = (from: string, to: string) =>
    new AppError('INVALID_STATE', {
      message: `the register is already closed for a period overlapping ${from}..${to}`,
      details: { reason: 'ALREADY_CLOSED' },
    });

  return {
    /**
     * @throws AppError NOT_FOUND (may not read the register), FORBIDDEN (may read it, is not its
     *   clerk), VALIDATION_FAILED, INVALID_STATE (period not ended, or already closed), UNPROCESSABLE
     *   (no seal certificate), CERTIFICATE_NOT_TRUSTED
     */
    async close(p: Principal, kind: RegisterKind, body: ClosingBody): Promise<RegisterClosingDto> {
      const org = await registers.readableOrg(p, body.organizationId);
      if (!isClerkOf(p, org.id)) throw new AppError('FORBIDDEN', { message: "only the organisation's clerks close its registers" });
      const scope = await registers.scopeOf(org, body);
      if (scope.to >= calendar.today())
        throw new AppError('INVALID_STATE', {
          message: 'a register is closed once its period has ended',
          details: { reason: 'PERIOD_NOT_ENDED' },
        });
      // Checked before the PDF is made and sealed; checked again under the lock below.
      if (await closingsRepo.findOverlapping(db, org.id, kind, scope.from, scope.to)) throw conflict(scope.from, scope.to);

      const { pdf, rowCount, fileName } = await registers.closingPdf(kind, org, scope);
      const sealed = await signing.sealPdf({
        organizationId: org.id,
        pdf,
        reason: `Đóng sổ ${printedDate(scope.from)} – ${printedDate(scope.to)}`,
      });
      const id = randomUUID();
      const storageKey = `${KEY_PREFIX}${id}.pdf`;
      const stored = await storage.putBuffer(storageKey, sealed.pdf, { contentType: 'application/pdf' });
      try {
        const row = await db.transaction(async (tx) => {
          await closingsRepo.lock(tx, org.id, kind);
          if (await closingsRepo.findOverlapping(tx, org.id, kind, scope.from, scope.to)) throw conflict(scope.from, scope.to);
          const inserted = await closingsRepo.insert(tx, {
            id,
            organizationId: org.id,
            kind,
            periodFrom: scope.from,
            periodTo: scope.to,
            rowCount,
            fileName,
            storageKey,
            size: stored.size,
            sha256: stored.sha256,
            certificateId: sealed.certificateId,
            closedBy: p.id,
          });
          await audit.record(tx, {
            actorId: p.id,
            organizationId: org.id,
            action: 'register.close',
            subjectType: 'register_closing',
            subjectId: id,
            details: {
              register: kind,
              from: scope.from,
              to: scope.to,
              rowCount,
              sha256: stored.sha256,
              certificateId: sealed.certificateId,
            },
          });
          return inserted;
        });
        return toDto({ ...row, closedByName: p.fullName });
      } catch (e) {
        await storage.delete(storageKey).catch(() => {});
        if (isUniqueViolation(e)) throw conflict(scope.from, scope.to);
        throw e;
      }
    },

    /** @throws AppError NOT_FOUND */
    async list(p: Principal, organizationId: string, kind?: RegisterKind): Promise<{ items: RegisterClosingDto[] }> {
      const org = await registers.readableOrg(p, organizationId);
      return { items: (await closingsRepo.list(db, org.id, kind)).map(toDto) };
    },

    /** The sealed PDF of a closing. @throws AppError NOT_FOUND (no such closing, or may not read its register) */
    async file(p: Principal, id: string): Promise<{ fileName: string; size: number; stream: Readable }> {
      const row = await closingsRepo.find(db, id);
      if (!row) throw new AppError('NOT_FOUND', { message: 'register closing not found' });
      await registers.readableOrg(p, row.organizationId).catch(() => {
        throw new AppError('NOT_FOUND', { message: 'register closing not found' });
      });
      return { fileName: row.fileName, size: row.size, stream: await storage.getStream(row.storageKey) };
    },
  };
}

export type RegisterClosingsService = ReturnType<typeof createRegisterClosingsService>;
