import type { Db, DbOrTx } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import { hasRoleAnywhere, type Principal } from '../auth/principal.js';
import type { ApprovalsRepo, DelegationRow } from './approvals.repo.js';
import type { CreateDelegationBody, DelegationDto, DelegationListDto } from './approvals.schemas.js';
import { iso } from './approvals.shared.js';
import { resolveAuthorities, type Authority } from './workflow-rules.js';

export type DelegationsServiceDeps = {
  db: Db;
  approvalsRepo: ApprovalsRepo;
  /** Today's date in Vietnam (the calendar service): delegations run over inclusive dates. */
  calendar: { today(): string };
  audit: Pick<AuditService, 'record'>;
};

function delegationDto(r: DelegationRow): DelegationDto {
  return {
    id: r.id,
    delegatorId: r.delegatorId,
    delegateId: r.delegateId,
    scope: r.scope,
    from: r.validFrom,
    to: r.validTo,
    authorityPrefix: r.authorityPrefix,
    note: r.note,
    parentDelegationId: r.parentDelegationId,
    revokedAt: iso(r.revokedAt),
    createdAt: r.createdAt.toISOString(),
  };
}

/**
 * Delegation (ủy quyền): a leader lets another user act on their approval and/or signing steps for
 * a period, and the authorities those delegations give today (used by the drafts and workflow services).
 */
export function createDelegationsService({ db, approvalsRepo: repo, calendar, audit }: DelegationsServiceDeps) {
  async function authoritiesOfUser(dbx: DbOrTx, userId: string): Promise<Authority[]> {
    const today = calendar.today();
    const received = await repo.validDelegationsTo(dbx, userId, today);
    if (received.length === 0) return [];
    return resolveAuthorities(received, async (id) => {
      const parent = await repo.findDelegation(dbx, id);
      const valid = parent && parent.revokedAt === null && parent.validFrom <= today && parent.validTo >= today;
      return valid ? parent : undefined;
    });
  }

  return {
    /** The authorities `p` holds today from delegations (see resolveAuthorities). */
    authoritiesOf: (dbx: DbOrTx, p: Principal): Promise<Authority[]> => authoritiesOfUser(dbx, p.id),

    /** The authorities a user holds today from delegations (issuance checks a delegate signer with it). */
    authoritiesOfUser,

    /**
     * A leader delegates approving and/or signing for a period; or a delegate passes on a delegation
     * they received (`parentDelegationId`, within its scope and period, never a TUQ. one).
     * @throws AppError FORBIDDEN, VALIDATION_FAILED, UNPROCESSABLE (re-delegating a TUQ.), NOT_FOUND (parent)
     */
    async createDelegation(p: Principal, body: CreateDelegationBody): Promise<DelegationDto> {
      if (body.from > body.to) throw new AppError('VALIDATION_FAILED', { message: 'from must not be after to' });
      if (body.delegateUserId === p.id) throw new AppError('VALIDATION_FAILED', { message: 'a delegation goes to another user' });
      const [delegate] = await repo.activeUsers(db, [body.delegateUserId]);
      if (!delegate) throw new AppError('VALIDATION_FAILED', { message: 'the delegate does not exist or is inactive' });
      if (body.to < calendar.today()) throw new AppError('VALIDATION_FAILED', { message: 'the period is already over' });

      if (body.parentDelegationId !== undefined) {
        const parent = await repo.findDelegation(db, body.parentDelegationId);
        if (!parent || parent.delegateId !== p.id) throw new AppError('NOT_FOUND', { message: 'delegation not found' });
        if (parent.authorityPrefix === 'TUQ.')
          throw new AppError('UNPROCESSABLE', { message: 'a TUQ. (authorisation) delegation cannot be delegated further' });
        if (parent.revokedAt !== null) throw new AppError('INVALID_STATE', { message: 'the delegation was revoked' });
        if (body.from < parent.validFrom || body.to > parent.validTo)
          throw new AppError('VALIDATION_FAILED', { message: 'the period must lie within the delegation received' });
        if (parent.scope !== 'both' && body.scope !== parent.scope)
          throw new AppError('VALIDATION_FAILED', { message: `the scope must lie within the delegation received (${parent.scope})` });
      } else if (!hasRoleAnywhere(p, 'leader')) {
        throw new AppError('FORBIDDEN', { message: 'only a leader delegates' });
      }

      return db.transaction(async (tx) => {
        const row = await repo.insertDelegation(tx, {
          delegatorId: p.id,
          delegateId: body.delegateUserId,
          scope: body.scope,
          validFrom: body.from,
          validTo: body.to,
          authorityPrefix: body.authorityPrefix,
          note: body.note ?? null,
          parentDelegationId: body.parentDelegationId ?? null,
        });
        await audit.record(tx, {
          actorId: p.id,
          organizationId: p.organizationId,
          action: 'delegation.create',
          subjectType: 'delegation',
          subjectId: row.id,
          details: {
            delegateId: row.delegateId,
            scope: row.scope,
            from: row.validFrom,
            to: row.validTo,
            authorityPrefix: row.authorityPrefix,
            parentDelegationId: row.parentDelegationId,
          },
        });
        return delegationDto(row);
      });
    },

    /** Delegations the caller gave and received (revoked and expired ones included). */
    async listDelegations(p: Principal): Promise<DelegationListDto> {
      const [given, received] = await Promise.all([repo.delegationsGivenBy(db, p.id), repo.delegationsReceivedBy(db, p.id)]);
      return { given: given.map(delegationDto), received: received.map(delegationDto) };
    },

    /** Revokes a delegation the caller gave. @throws AppError NOT_FOUND, FORBIDDEN (the delegate), INVALID_STATE (already revoked) */
    async revokeDelegation(p: Principal, id: string): Promise<DelegationDto> {
      return db.transaction(async (tx) => {
        const row = await repo.findDelegation(tx, id, { forUpdate: true });
        if (!row || (row.delegatorId !== p.id && row.delegateId !== p.id))
          throw new AppError('NOT_FOUND', { message: 'delegation not found' });
        if (row.delegatorId !== p.id) throw new AppError('FORBIDDEN', { message: 'only the delegator revokes a delegation' });
        if (row.revokedAt !== null) throw new AppError('INVALID_STATE', { message: 'the delegation is already revoked' });
        const revoked = await repo.revokeDelegation(tx, id, p.id);
        await audit.record(tx, {
          actorId: p.id,
          organizationId: p.organizationId,
          action: 'delegation.revoke',
          subjectType: 'delegation',
          subjectId: id,
          details: { delegateId: row.delegateId },
        });
        return delegationDto(revoked);
      });
    },
  };
}

export type DelegationsService = ReturnType<typeof createDelegationsService>;
