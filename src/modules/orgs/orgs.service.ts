import { randomUUID } from 'node:crypto';
import { pageTotal } from '../../db/count.js';
import type { Db, DbOrTx } from '../../db/client.js';
import { vnDate } from '../../lib/dates.js';
import { AppError } from '../../lib/errors.js';
import { decodeCursor, encodeCursor } from '../../lib/pagination.js';
import type { AuditService } from '../audit/audit.service.js';
import type { ReportsService } from '../reports/reports.service.js';
import { foldVietnamese } from '../../lib/text.js';
import { hasRoleOver, isWithin, type Principal } from '../auth/principal.js';
import { nameableUnits } from '../auth/reach.js';
import type { OrganizationRow, OrgsRepo } from './orgs.repo.js';
import type { CreateOrganizationBody, OrganizationDto, SubtreeQuery, UnitsQuery, UpdateOrganizationBody } from './orgs.schemas.js';

/** The standard shape of a mã định danh (QCVN 102 / QĐ 20/2020); others are accepted and flagged. */
const STANDARD_CODE = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/;

export function toOrganizationDto(row: OrganizationRow): OrganizationDto {
  return {
    id: row.id,
    parentId: row.parentId,
    code: row.code,
    codeIsStandard: row.code !== null && STANDARD_CODE.test(row.code),
    name: row.name,
    abbreviation: row.abbreviation,
    level: row.level,
    depth: row.path.split('.').length - 1,
    validFrom: row.validFrom,
    validTo: row.validTo,
  };
}

export type OrgsServiceDeps = {
  db: Db;
  orgsRepo: OrgsRepo;
  audit: Pick<AuditService, 'record'>;
  /** The report aggregates roll units up to their ancestors: told of every move, in its transaction. */
  reports: Pick<ReportsService, 'subtreeMoved'>;
};

export function createOrgsService({ db, orgsRepo, audit, reports }: OrgsServiceDeps) {
  async function load(dbx: DbOrTx, id: string): Promise<OrganizationRow> {
    const row = await orgsRepo.findById(dbx, id);
    if (!row) throw new AppError('NOT_FOUND', { message: 'organization not found' });
    return row;
  }

  /** Loads a current unit the caller administers (an ancestor-or-self admin grant). */
  async function loadAdministered(dbx: DbOrTx, p: Principal, id: string): Promise<OrganizationRow> {
    const row = await load(dbx, id);
    if (!hasRoleOver(p, 'admin', row.path)) throw new AppError('FORBIDDEN', { message: 'you do not administer this organization' });
    if (row.validTo !== null)
      throw new AppError('INVALID_STATE', { message: 'the organization is no longer current (merged or dissolved)' });
    return row;
  }

  async function ensureCodeFree(dbx: DbOrTx, code: string | null | undefined, selfId?: string) {
    if (!code) return;
    const other = await orgsRepo.findCurrentByCode(dbx, code);
    if (other && other.id !== selfId) throw new AppError('CONFLICT', { message: `code ${code} is already used by ${other.name}` });
  }

  return {
    /** Any authenticated user may read the organisation directory (needed to address documents). */
    async get(id: string) {
      const row = await load(db, id);
      const [ancestors, predecessors, successors, nameHistory] = await Promise.all([
        orgsRepo.ancestors(db, row.path),
        orgsRepo.predecessors(db, id),
        orgsRepo.successors(db, id),
        orgsRepo.nameHistory(db, id),
      ]);
      return {
        ...toOrganizationDto(row),
        ancestors: ancestors.filter((a) => a.id !== id).map(toOrganizationDto),
        predecessors,
        successors,
        nameHistory: nameHistory.map(({ name, abbreviation, code, validTo }) => ({ name, abbreviation, code, validTo })),
      };
    },

    /**
     * The unit picker: the current units the caller may name (auth/reach.ts: a clerk sends to any
     * unit; a leader assigns to the units below them; leaders and administrators name the units of
     * their subtree on approval steps). `q`: every word in the name, abbreviation or code, diacritics
     * ignored. Ordered by name, keyset-paginated.
     * @throws AppError VALIDATION_FAILED on a bad cursor
     */
    async search(p: Principal, q: UnitsQuery) {
      const limit = q.limit ?? 100;
      const [searchText, id] = q.cursor ? decodeCursor(q.cursor, ['text', 'uuid']) : [];
      const words = [
        ...new Set(
          foldVietnamese(q.q ?? '')
            .split(' ')
            .filter((w) => w !== ''),
        ),
      ];
      const scopes = nameableUnits(p);
      const rows = await orgsRepo.search(db, { scopes, words, after: id === undefined ? undefined : { searchText, id }, limit: limit + 1 });
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return {
        items: page.map(toOrganizationDto),
        nextCursor: rows.length > limit ? encodeCursor([last.searchText, last.id]) : null,
        ...(await pageTotal(db, { first: id === undefined, fetched: rows.length, limit }, orgsRepo.searchMatches({ scopes, words }))),
      };
    },

    /** A page of the unit's subtree (the unit first), depth-first. */
    async subtree(id: string, q: SubtreeQuery) {
      const root = await load(db, id);
      const limit = q.limit ?? 100;
      const afterPath = q.cursor ? decodeCursor(q.cursor, ['ltree'])[0] : undefined;
      const tree = { rootPath: root.path, maxDepth: q.depth, includeHistorical: q.includeHistorical ?? false };
      const rows = await orgsRepo.subtree(db, { ...tree, limit: limit + 1, afterPath });
      const page = rows.slice(0, limit);
      const more = rows.length > limit;
      return {
        items: page.map(toOrganizationDto),
        nextCursor: more ? encodeCursor([page[page.length - 1].path]) : null,
        ...(await pageTotal(db, { first: afterPath === undefined, fetched: rows.length, limit }, orgsRepo.subtreeMatches(tree))),
      };
    },

    /** @throws FORBIDDEN unless the caller administers the parent; CONFLICT on a taken code. */
    async create(p: Principal, input: CreateOrganizationBody): Promise<OrganizationDto> {
      return db.transaction(async (tx) => {
        const parent = await loadAdministered(tx, p, input.parentId);
        await ensureCodeFree(tx, input.code);
        const row = await orgsRepo.insert(
          tx,
          {
            id: randomUUID(),
            parentId: parent.id,
            name: input.name,
            abbreviation: input.abbreviation ?? null,
            code: input.code ?? null,
            level: input.level,
            validFrom: input.validFrom ?? vnDate(),
          },
          parent.path,
        );
        await audit.record(tx, {
          actorId: p.id,
          organizationId: row.id,
          action: 'organization.create',
          subjectType: 'organization',
          subjectId: row.id,
          details: { name: row.name, parentId: parent.id, code: row.code },
        });
        return toOrganizationDto(row);
      });
    },

    /** Rename / re-code in place; the earlier name, abbreviation and code go to the history. */
    async update(p: Principal, id: string, input: UpdateOrganizationBody): Promise<OrganizationDto> {
      return db.transaction(async (tx) => {
        const before = await loadAdministered(tx, p, id);
        if (input.code !== undefined) await ensureCodeFree(tx, input.code, id);
        const renamed =
          (input.name !== undefined && input.name !== before.name) ||
          (input.abbreviation !== undefined && input.abbreviation !== before.abbreviation) ||
          (input.code !== undefined && input.code !== before.code);
        if (renamed) {
          await orgsRepo.insertNameHistory(tx, {
            organizationId: id,
            name: before.name,
            abbreviation: before.abbreviation,
            code: before.code,
            validTo: input.effectiveDate ?? vnDate(),
          });
        }
        const after = await orgsRepo.update(tx, id, {
          name: input.name,
          abbreviation: input.abbreviation,
          code: input.code,
          level: input.level,
        });
        await audit.record(tx, {
          actorId: p.id,
          organizationId: id,
          action: 'organization.update',
          subjectType: 'organization',
          subjectId: id,
          details: {
            before: { name: before.name, abbreviation: before.abbreviation, code: before.code, level: before.level },
            after: { name: after.name, abbreviation: after.abbreviation, code: after.code, level: after.level },
          },
        });
        return toOrganizationDto(after);
      });
    },

    /** Moves a unit (with its whole subtree) under another parent the caller also administers. */
    async move(p: Principal, id: string, newParentId: string): Promise<OrganizationDto> {
      return db.transaction(async (tx) => {
        const org = await loadAdministered(tx, p, id);
        const parent = await loadAdministered(tx, p, newParentId);
        if (isWithin(parent.path, org.path))
          throw new AppError('VALIDATION_FAILED', { message: 'cannot move a unit under itself or its own descendant' });
        if (org.parentId === null) throw new AppError('VALIDATION_FAILED', { message: 'a root unit cannot be moved' });
        await orgsRepo.moveSubtree(tx, id, org.path, parent.id, parent.path);
        await reports.subtreeMoved(tx, { organizationId: id, oldPath: org.path, newParentPath: parent.path });
        await audit.record(tx, {
          actorId: p.id,
          organizationId: id,
          action: 'organization.move',
          subjectType: 'organization',
          subjectId: id,
          details: { fromParentId: org.parentId, toParentId: parent.id },
        });
        return toOrganizationDto(await load(tx, id));
      });
    },
  };
}

export type OrgsService = ReturnType<typeof createOrgsService>;
