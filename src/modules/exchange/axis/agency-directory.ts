import type { Db } from '../../../db/client.js';
import { pageTotal, type ListTotal } from '../../../db/count.js';
import { AppError } from '../../../lib/errors.js';
import { contextLogger, type Logger } from '../../../lib/logger.js';
import { decodeCursor, encodeCursor } from '../../../lib/pagination.js';
import { foldVietnamese } from '../../../lib/text.js';
import type { AuditService } from '../../audit/audit.service.js';
import type { Principal } from '../../auth/principal.js';
import type { ExchangeRepo } from '../exchange.repo.js';
import { assertDeploymentAdmin } from '../peers.service.js';
import { AxisFailure, AxisUnavailable, type AxisAgency, type AxisClient, type AxisSyncUnit } from './axis-client.js';
import type { AgencyDirectoryRepo, AgencySnapshotRow } from './agency-directory.repo.js';

/**
 * The position a search cursor names: [search_text, code] of the last agency shown. search_text is
 * vanthu_fold(name || ' ' || code), so it ends with the folded code; a cursor where it does not was
 * not issued by this search and is refused rather than paged from.
 * @throws AppError VALIDATION_FAILED
 */
function searchPosition(cursor: string): { searchText: string; code: string } {
  const [searchText, code] = decodeCursor(cursor, ['text', 'text']);
  const foldedCode = foldVietnamese(code);
  if (foldedCode === '' || !(searchText === foldedCode || searchText.endsWith(` ${foldedCode}`))) {
    throw new AppError('VALIDATION_FAILED', { message: 'invalid cursor' });
  }
  return { searchText, code };
}

export type AgencyDirectoryDeps = {
  db: Db;
  /** null: the connector is off (AXIS_ENDPOINT unset): the directory is read-only. */
  client: Pick<AxisClient, 'getAgenciesList' | 'getSynchronizeUnit' | 'registerAgency' | 'deleteAgency'> | null;
  agencyRepo: AgencyDirectoryRepo;
  exchangeRepo: Pick<ExchangeRepo, 'findOrganizationForAxis'>;
  audit: Pick<AuditService, 'record'>;
  logger: Logger;
};

export type SyncResult = { mode: 'full' | 'incremental'; listed: number; inserted: number; updated: number; deactivated: number };
export type AgencyDto = { code: string; name: string; parentCode: string | null; parentName: string | null; mail: string | null };

const upper = (code: string) => code.trim().toUpperCase();

/** The axis answered nothing usable: a 502 for the admin who asked, with the axis's words. */
function axisError(err: unknown): never {
  if (err instanceof AxisFailure || err instanceof AxisUnavailable) throw new AppError('AXIS_UNAVAILABLE', { message: err.message });
  throw err;
}

/** The latest readable modifyDate of these units (null: none). */
function latestChange(units: AxisSyncUnit[]): Date | null {
  const times = units.map((u) => Date.parse(u.modifyDate)).filter((t) => !Number.isNaN(t));
  return times.length > 0 ? new Date(Math.max(...times)) : null;
}

/**
 * The units changed at or after `changedUpTo` (at: a change in the same instant as the last one
 * applied is applied again, harmlessly); a unit without a readable modifyDate is always taken.
 */
function changedSince(units: AxisSyncUnit[], changedUpTo: Date | null): AxisSyncUnit[] {
  if (!changedUpTo) return units;
  return units.filter((u) => {
    const t = Date.parse(u.modifyDate);
    return Number.isNaN(t) || t >= changedUpTo.getTime();
  });
}

/**
 * The directory of external agencies (issue 15, item 4): the axis's agency list kept in step
 * (getAgenciesList, with getSynchronizeUnit's deletions when the axis has it), searchable without
 * diacritics for the dispatch recipient picker, and our own units registered at the axis when a
 * deployment administrator asks (registerAgency).
 */
export function createAgencyDirectory({ db, client, agencyRepo, exchangeRepo, audit, logger }: AgencyDirectoryDeps) {
  /**
   * Writes what the axis answered: `listed` (getAgenciesList, full only) and `units`
   * (getSynchronizeUnit: their deleted flag wins). Full: agencies in neither are made inactive.
   */
  async function apply(actorId: string | null, mode: SyncResult['mode'], listed: AxisAgency[], units: AxisSyncUnit[]): Promise<SyncResult> {
    const byCode = new Map<string, AgencySnapshotRow>();
    for (const a of listed) {
      byCode.set(upper(a.code), {
        code: upper(a.code),
        name: a.name.trim() || upper(a.code),
        axisId: a.id || null,
        parentAxisId: a.pid || null,
        parentCode: null,
        mail: a.mail || null,
        active: true,
      });
    }
    for (const u of units) {
      const known = byCode.get(upper(u.code));
      byCode.set(upper(u.code), {
        code: upper(u.code),
        name: u.name.trim() || known?.name || upper(u.code),
        axisId: u.id || known?.axisId || null,
        parentAxisId: u.pid || known?.parentAxisId || null,
        parentCode: null,
        mail: u.mail || known?.mail || null,
        // A unit the axis reports deleted is inactive, even if the agency list still carries it.
        active: !u.deleted,
      });
    }
    const codeOfAxisId = new Map([...byCode.values()].filter((r) => r.axisId).map((r) => [r.axisId!, r.code]));
    // Incremental: a unit's parent is usually not among the changed ones, but in the directory already.
    const parentIds = [...byCode.values()].map((r) => r.parentAxisId).filter((id): id is string => !!id && !codeOfAxisId.has(id));
    for (const [id, code] of await agencyRepo.codesByAxisId(db, [...new Set(parentIds)])) codeOfAxisId.set(id, code);
    const rows = [...byCode.values()].map((r) => ({
      ...r,
      parentCode: r.parentAxisId && r.parentAxisId !== r.axisId ? (codeOfAxisId.get(r.parentAxisId) ?? null) : null,
    }));
    return db.transaction(async (tx) => {
      const { inserted, updated } = await agencyRepo.upsert(tx, rows);
      // An empty answer is more likely the axis's trouble than every agency gone: nothing is deactivated on it.
      const deactivated =
        mode === 'incremental' || rows.length === 0
          ? 0
          : await agencyRepo.deactivateMissing(
              tx,
              rows.filter((r) => r.active).map((r) => r.code),
            );
      await agencyRepo.recordSync(tx, { full: mode === 'full', changedUpTo: latestChange(units) });
      const result = { mode, listed: rows.length, inserted, updated, deactivated };
      if (inserted + updated + deactivated > 0 || actorId) {
        await audit.record(tx, {
          actorId,
          organizationId: null,
          action: 'exchange.agencies.synced',
          subjectType: 'external_agencies',
          subjectId: null,
          details: result,
        });
      }
      return result;
    });
  }

  return {
    /**
     * One synchronisation. Full (the first one, or an administrator's request): the axis's lists
     * become the directory (new agencies added, renamed ones updated, ones no longer listed or
     * reported deleted made inactive). Incremental (the nightly job once a full one has run): only
     * the units getSynchronizeUnit reports changed since the last change applied (by the axis's own
     * modifyDate; AXIS.md gives the call no parameter to ask for less) are written, deleted ones made
     * inactive; a gateway without getSynchronizeUnit gets a full one instead. Idempotent: a second
     * run with the same answer changes no agency and audits nothing. `actorId` null: the scheduled job.
     * @throws AppError AXIS_DISABLED when the connector is off; AXIS_UNAVAILABLE when the axis gives no list
     */
    async sync({ actorId = null, full = false }: { actorId?: string | null; full?: boolean } = {}): Promise<SyncResult> {
      if (!client) throw new AppError('AXIS_DISABLED', { message: 'the national axis connector is off (AXIS_ENDPOINT unset)' });
      const since = full ? null : await agencyRepo.syncState(db);
      if (since) {
        const units = await client.getSynchronizeUnit().catch((err: Error) => {
          contextLogger(logger).warn({ err: err.message }, 'axis: getSynchronizeUnit failed; a full synchronisation instead');
          return null;
        });
        if (units) return apply(actorId, 'incremental', [], changedSince(units, since.changedUpTo));
      }
      const listed = await client.getAgenciesList().catch(axisError);
      // Not every gateway has getSynchronizeUnit: without it, the agency list alone decides.
      const units = await client.getSynchronizeUnit().catch((err: Error) => {
        contextLogger(logger).warn({ err: err.message }, 'axis: getSynchronizeUnit failed; the agency list alone is used');
        return [];
      });
      return apply(actorId, 'full', listed, units);
    },

    /** Active agencies matching every word of q (with or without diacritics), by name; keyset pages. @throws AppError VALIDATION_FAILED on a bad cursor */
    async search(q: {
      q?: string;
      limit?: number;
      cursor?: string;
    }): Promise<{ items: AgencyDto[]; nextCursor: string | null } & ListTotal> {
      const limit = q.limit ?? 20;
      const words = [
        ...new Set(
          foldVietnamese(q.q ?? '')
            .split(' ')
            .filter((w) => w !== ''),
        ),
      ];
      const after = q.cursor ? searchPosition(q.cursor) : undefined;
      const rows = await agencyRepo.search(db, { words, limit: limit + 1, after });
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return {
        items: page.map((r) => ({ code: r.code, name: r.name, parentCode: r.parentCode, parentName: r.parentName, mail: r.mail })),
        nextCursor: rows.length > limit && last ? encodeCursor([last.searchText, last.code]) : null,
        ...(await pageTotal(db, { first: !after, fetched: rows.length, limit }, agencyRepo.searchMatches(words))),
      };
    },

    /**
     * Registers one of our organisations at the axis (registerAgency), as its parent's child.
     * @throws AppError FORBIDDEN unless a deployment administrator; NOT_FOUND for an unknown
     *   organisation; VALIDATION_FAILED when it has no code; AXIS_DISABLED; AXIS_UNAVAILABLE when the axis refuses
     */
    async register(p: Principal, organizationId: string): Promise<{ code: string; name: string; parentCode: string | null }> {
      assertDeploymentAdmin(p);
      if (!client) throw new AppError('AXIS_DISABLED', { message: 'the national axis connector is off (AXIS_ENDPOINT unset)' });
      const org = await exchangeRepo.findOrganizationForAxis(db, organizationId);
      if (!org) throw new AppError('NOT_FOUND', { message: 'organisation not found' });
      if (!org.code) throw new AppError('VALIDATION_FAILED', { message: 'the organisation has no mã định danh (code) to register' });
      const agency = { id: org.id, pcode: org.parentCode ?? '', code: org.code, name: org.name, mail: '', mobile: '', fax: '' };
      await client.registerAgency(agency).catch(axisError);
      // Audited once the axis took it (the axis is not ours to roll back); a repeated request is audited again.
      await db.transaction((tx) =>
        audit.record(tx, {
          actorId: p.id,
          organizationId: org.id,
          action: 'exchange.agency.registered',
          subjectType: 'organization',
          subjectId: org.id,
          details: { code: org.code, parentCode: org.parentCode },
        }),
      );
      return { code: org.code, name: org.name, parentCode: org.parentCode };
    },

    /**
     * Removes one of our organisations from the axis (deleteAgency): the axis no longer routes its
     * code to us; its directory entry, if any, becomes inactive, in the transaction of the audit.
     * @throws AppError FORBIDDEN unless a deployment administrator; NOT_FOUND for an unknown
     *   organisation; VALIDATION_FAILED when it has no code; AXIS_DISABLED; AXIS_UNAVAILABLE when the axis refuses
     */
    async unregister(p: Principal, organizationId: string): Promise<{ code: string; name: string; parentCode: string | null }> {
      assertDeploymentAdmin(p);
      if (!client) throw new AppError('AXIS_DISABLED', { message: 'the national axis connector is off (AXIS_ENDPOINT unset)' });
      const org = await exchangeRepo.findOrganizationForAxis(db, organizationId);
      if (!org) throw new AppError('NOT_FOUND', { message: 'organisation not found' });
      if (!org.code) throw new AppError('VALIDATION_FAILED', { message: 'the organisation has no mã định danh (code) to remove' });
      await client.deleteAgency(org.code).catch(axisError);
      // After the axis took it (not ours to roll back), as registering is.
      await db.transaction(async (tx) => {
        await agencyRepo.deactivate(tx, [upper(org.code!)]);
        await audit.record(tx, {
          actorId: p.id,
          organizationId: org.id,
          action: 'exchange.agency.unregistered',
          subjectType: 'organization',
          subjectId: org.id,
          details: { code: org.code },
        });
      });
      return { code: org.code, name: org.name, parentCode: org.parentCode };
    },
  };
}

export type AgencyDirectory = ReturnType<typeof createAgencyDirectory>;
