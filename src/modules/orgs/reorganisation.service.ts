import { randomUUID } from 'node:crypto';
import type { Db, Tx } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import type { ApprovalsSuccession } from '../approvals/succession.service.js';
import type { AuditService } from '../audit/audit.service.js';
import type { CalendarService } from '../calendar/calendar.service.js';
import { hasRoleOver, isWithin, type Principal } from '../auth/principal.js';
import type { DocumentSuccession } from '../documents/succession.service.js';
import type { AssignmentsService } from '../handling/assignments.service.js';
import type { RegistersService } from '../registers/registers.service.js';
import type { TrackingService } from '../tracking/tracking.service.js';
import type { UsersService } from '../users/users.service.js';
import type { ReportsService } from '../reports/reports.service.js';
import type { OrganizationRow, OrgsRepo } from './orgs.repo.js';
import type { DissolveOrganizationBody, MergeOrganizationsBody, OrganizationDto } from './orgs.schemas.js';
import { toOrganizationDto } from './orgs.service.js';

export type ReorganisationDeps = {
  db: Db;
  orgsRepo: OrgsRepo;
  audit: Pick<AuditService, 'record' | 'recordMany'>;
  calendar: Pick<CalendarService, 'today'>;
  users: Pick<UsersService, 'transferMembers'>;
  documents: Pick<DocumentSuccession, 'transferOwnership'>;
  assignments: Pick<AssignmentsService, 'carryToSuccessor'>;
  custody: Pick<TrackingService, 'handOverUnits'>;
  registers: Pick<RegistersService, 'openSuccessorRegisters'>;
  drafts: Pick<ApprovalsSuccession, 'carryToSuccessor' | 'carryTemplates'>;
  reports: Pick<ReportsService, 'subtreeMoved'>;
};

type Kind = 'merge' | 'dissolve';

/** The timeline's words for the hand-over (an audit event on each carried document). */
const HANDOVER_LABEL: Record<Kind, string> = { merge: 'chuyển giao do sáp nhập', dissolve: 'chuyển giao do giải thể' };

/**
 * Reorganisations that close units: a merger (several units into an existing or a new one) and a
 * dissolution (one unit into a named successor). The closed units' sub-units, staff and grants, and
 * all their work go to the successor in the same transaction as the change of the tree, so nothing
 * is left with a unit that no longer exists: documents they own, open assignments addressed to them,
 * the custody they hold, drafts in flight and the workflows naming them, and for a new unit its
 * registers; approval templates for the types the successor has none of. Each owning module moves its own rows; each carried document gets a timeline entry
 * (document.reorganisation-handover) and the reorganisation one audit event. Any refusal rolls it all back.
 */
export function createReorganisationService(deps: ReorganisationDeps) {
  const { db, orgsRepo, audit, calendar } = deps;

  async function load(tx: Tx, id: string): Promise<OrganizationRow> {
    const row = await orgsRepo.findById(tx, id);
    if (!row) throw new AppError('NOT_FOUND', { message: 'organization not found' });
    return row;
  }

  /** A current unit the caller administers (an ancestor-or-self admin grant). */
  async function loadAdministered(tx: Tx, p: Principal, id: string): Promise<OrganizationRow> {
    const row = await load(tx, id);
    if (!hasRoleOver(p, 'admin', row.path)) throw new AppError('FORBIDDEN', { message: 'you do not administer this organization' });
    if (row.validTo !== null)
      throw new AppError('INVALID_STATE', { message: 'the organization is no longer current (merged or dissolved)' });
    return row;
  }

  /**
   * Closes `sources` into `target`: their sub-units and staff move, they end on `effectiveDate` and
   * stay as its predecessors, and their work is carried. Returns the audit details of what moved.
   */
  async function closeInto(
    tx: Tx,
    p: Principal,
    {
      sources,
      target,
      kind,
      effectiveDate,
      newSuccessor,
    }: { sources: OrganizationRow[]; target: OrganizationRow; kind: Kind; effectiveDate: string; newSuccessor: boolean },
  ) {
    for (const s of sources) {
      if (s.id === target.id || isWithin(target.path, s.path)) {
        throw new AppError('VALIDATION_FAILED', { message: `cannot close ${s.name} into itself or into one of its own sub-units` });
      }
    }
    const moved: Record<string, { subUnits: number; users: number; grants: number }> = {};
    for (const s of sources) {
      const children = await orgsRepo.childrenIds(tx, s.id);
      for (const childId of children) {
        const child = await load(tx, childId);
        const targetNow = await load(tx, target.id);
        await orgsRepo.moveSubtree(tx, childId, child.path, target.id, targetNow.path);
        await deps.reports.subtreeMoved(tx, { organizationId: childId, oldPath: child.path, newParentPath: targetNow.path });
      }
      const members = await deps.users.transferMembers(tx, s.id, target.id);
      await orgsRepo.update(tx, s.id, { validTo: effectiveDate });
      await orgsRepo.insertPredecessor(tx, { organizationId: target.id, predecessorId: s.id, kind, effectiveDate });
      moved[s.id] = { subUnits: children.length, users: members.users.length, grants: members.grants };
    }

    const fromIds = sources.map((s) => s.id);
    const owned = await deps.documents.transferOwnership(tx, fromIds, target.id);
    const assignments = await deps.assignments.carryToSuccessor(tx, fromIds, target.id);
    const custody = await deps.custody.handOverUnits(tx, fromIds, target.id);
    const drafts = await deps.drafts.carryToSuccessor(tx, fromIds, target.id);
    const templates = await deps.drafts.carryTemplates(tx, fromIds, target.id, p.id);
    // Numbering (openSuccessorRegisters): a new unit starts its own registers for the year they are
    // used in from now on; a unit that absorbs others continues its own.
    const registers = newSuccessor
      ? await deps.registers.openSuccessorRegisters(tx, { fromIds, toId: target.id, year: Number(calendar.today().slice(0, 4)) })
      : [];

    const ownedIds = new Set(owned.moved);
    const draftSet = new Set(drafts);
    const assignmentsOf = new Map<string, string[]>();
    for (const a of assignments) assignmentsOf.set(a.documentId, [...(assignmentsOf.get(a.documentId) ?? []), a.id]);
    const carried = [...new Set([...owned.moved, ...assignmentsOf.keys(), ...custody, ...drafts])].sort();
    await audit.recordMany(
      tx,
      carried.map((documentId) => ({
        actorId: p.id,
        organizationId: target.id,
        action: 'document.reorganisation-handover',
        subjectType: 'document',
        subjectId: documentId,
        details: {
          label: HANDOVER_LABEL[kind],
          kind,
          effectiveDate,
          fromOrganizationIds: fromIds,
          toOrganizationId: target.id,
          toOrganizationName: target.name,
          ownership: ownedIds.has(documentId),
          assignmentIds: assignmentsOf.get(documentId) ?? [],
          draft: draftSet.has(documentId),
        },
      })),
    );
    return {
      moved,
      carried: {
        documents: owned.moved.length,
        openDocuments: owned.open.length,
        assignments: assignments.length,
        custodyDocuments: custody.length,
        drafts: drafts.length,
        templates,
        registers: registers.map((r) => ({ id: r.id, name: r.name, direction: r.direction, year: r.year })),
      },
    };
  }

  return {
    /**
     * Merges units into an existing or a new unit (sáp nhập / hợp nhất). The sources end on the
     * effective date and stay as predecessors; everything of theirs goes to the target (closeInto).
     * @throws AppError NOT_FOUND, FORBIDDEN (a unit the caller does not administer), INVALID_STATE, VALIDATION_FAILED, CONFLICT
     */
    async merge(p: Principal, input: MergeOrganizationsBody): Promise<OrganizationDto> {
      const effectiveDate = input.effectiveDate ?? calendar.today();
      return db.transaction(async (tx) => {
        const sources: OrganizationRow[] = [];
        for (const sid of input.sourceIds) sources.push(await loadAdministered(tx, p, sid));

        const into = input.into;
        let target: OrganizationRow;
        if (into.organizationId) {
          target = await loadAdministered(tx, p, into.organizationId);
        } else if (into.parentId && into.name && into.level) {
          const parent = await loadAdministered(tx, p, into.parentId);
          if (into.code) {
            const other = await orgsRepo.findCurrentByCode(tx, into.code);
            if (other) throw new AppError('CONFLICT', { message: `code ${into.code} is already used by ${other.name}` });
          }
          target = await orgsRepo.insert(
            tx,
            {
              id: randomUUID(),
              parentId: parent.id,
              name: into.name,
              abbreviation: into.abbreviation ?? null,
              code: into.code ?? null,
              level: into.level,
              validFrom: effectiveDate,
            },
            parent.path,
          );
        } else {
          throw new AppError('VALIDATION_FAILED', { message: 'into needs organizationId, or parentId, name and level for a new unit' });
        }
        const newSuccessor = !into.organizationId;
        const details = await closeInto(tx, p, { sources, target, kind: 'merge', effectiveDate, newSuccessor });
        await audit.record(tx, {
          actorId: p.id,
          organizationId: target.id,
          action: 'organization.merge',
          subjectType: 'organization',
          subjectId: target.id,
          details: { sources: input.sourceIds, effectiveDate, newSuccessor, ...details },
        });
        return toOrganizationDto(await load(tx, target.id));
      });
    },

    /**
     * Dissolves a unit (giải thể) into a named existing successor: its sub-units, staff and work go
     * there (closeInto), the unit ends on the effective date and stays as the successor's predecessor.
     * @throws AppError NOT_FOUND, FORBIDDEN (either unit not administered by the caller), INVALID_STATE, VALIDATION_FAILED
     */
    async dissolve(p: Principal, id: string, input: DissolveOrganizationBody): Promise<OrganizationDto> {
      const effectiveDate = input.effectiveDate ?? calendar.today();
      return db.transaction(async (tx) => {
        const unit = await loadAdministered(tx, p, id);
        if (unit.parentId === null) throw new AppError('VALIDATION_FAILED', { message: 'the root unit cannot be dissolved' });
        const successor = await loadAdministered(tx, p, input.successorId);
        const details = await closeInto(tx, p, {
          sources: [unit],
          target: successor,
          kind: 'dissolve',
          effectiveDate,
          newSuccessor: false,
        });
        await audit.record(tx, {
          actorId: p.id,
          organizationId: unit.id,
          action: 'organization.dissolve',
          subjectType: 'organization',
          subjectId: unit.id,
          details: { successorId: successor.id, effectiveDate, ...details },
        });
        return toOrganizationDto(await load(tx, successor.id));
      });
    },
  };
}

export type ReorganisationService = ReturnType<typeof createReorganisationService>;
