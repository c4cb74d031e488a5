import type { Db, DbOrTx } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import { hasRoleOver, isWithin, type Principal } from '../auth/principal.js';
import type { OrgsDirectory } from '../orgs/orgs-directory.service.js';
import type { UsersService } from '../users/users.service.js';
import type { DocumentWritesRepo } from './document-writes.repo.js';
import type { DocumentRow, DocumentsRepo } from './documents.repo.js';
import type { AccessGrantDto } from './documents.schemas.js';

export type AccessGrantsServiceDeps = {
  db: Db;
  documentsRepo: Pick<DocumentsRepo, 'findGrant'>;
  writesRepo: Pick<DocumentWritesRepo, 'insertGrant' | 'deleteGrant'>;
  orgs: Pick<OrgsDirectory, 'findById'>;
  users: Pick<UsersService, 'findById'>;
  audit: Pick<AuditService, 'record'>;
  /** The document if `p` may see it, else NOT_FOUND (documents.service). */
  getVisible(p: Principal, id: string, dbx?: DbOrTx): Promise<DocumentRow>;
};

/** Explicit read access to confidential documents (mật and above): who may grant it, to whom. */
export function createAccessGrantsService({ db, documentsRepo, writesRepo, orgs, users, audit, getVisible }: AccessGrantsServiceDeps) {
  /**
   * Clerks of the owner organisation and leaders over it decide who reads a confidential document.
   * @returns the owner organisation
   */
  async function assertMayManageAccess(p: Principal, row: DocumentRow): Promise<{ id: string; path: string }> {
    const owner = await orgs.findById(db, row.ownerOrganizationId);
    const allowed =
      owner !== undefined &&
      (p.grants.some((g) => g.role === 'clerk' && g.organizationId === owner.id) || hasRoleOver(p, 'leader', owner.path));
    if (!owner || !allowed) throw new AppError('FORBIDDEN', { message: 'only a clerk or leader of the owner organisation manages access' });
    if (row.confidentiality === 'normal')
      throw new AppError('INVALID_STATE', { message: 'explicit access applies to confidential documents only' });
    return owner;
  }

  return {
    /**
     * Lets `userId` read a confidential document. The caller must see it and be a clerk or leader of
     * its owner organisation; a secret leaves the owner's subtree (to a user whose unit lies outside
     * it) only on the word of a leader over the owner, never a clerk's. Granting twice is harmless.
     * @throws AppError NOT_FOUND, FORBIDDEN, INVALID_STATE (not confidential), VALIDATION_FAILED (unknown user)
     */
    async grantAccess(p: Principal, id: string, userId: string): Promise<AccessGrantDto> {
      const row = await getVisible(p, id);
      const owner = await assertMayManageAccess(p, row);
      const user = await users.findById(db, userId);
      if (!user || !user.active) throw new AppError('VALIDATION_FAILED', { message: 'unknown or inactive user' });
      const home = await orgs.findById(db, user.organizationId);
      if (!(home && isWithin(home.path, owner.path)) && !hasRoleOver(p, 'leader', owner.path)) {
        throw new AppError('FORBIDDEN', { message: 'only a leader of the owner organisation grants access to a user outside it' });
      }

      return db.transaction(async (tx) => {
        const inserted = await writesRepo.insertGrant(tx, { documentId: id, userId, grantedBy: p.id });
        const grant = inserted ?? (await documentsRepo.findGrant(tx, id, userId));
        if (!grant) throw new AppError('INTERNAL', { message: 'grant vanished' });
        if (inserted) {
          await audit.record(tx, {
            actorId: p.id,
            organizationId: row.ownerOrganizationId,
            action: 'document.access.grant',
            subjectType: 'document',
            subjectId: id,
            details: { userId },
          });
        }
        return { documentId: grant.documentId, userId: grant.userId, grantedBy: grant.grantedBy, createdAt: grant.createdAt.toISOString() };
      });
    },

    /**
     * Withdraws an explicit grant.
     * @throws AppError NOT_FOUND (document, or no such grant), FORBIDDEN, INVALID_STATE
     */
    async revokeAccess(p: Principal, id: string, userId: string): Promise<void> {
      const row = await getVisible(p, id);
      await assertMayManageAccess(p, row);
      await db.transaction(async (tx) => {
        if (!(await writesRepo.deleteGrant(tx, id, userId))) throw new AppError('NOT_FOUND', { message: 'no such grant' });
        await audit.record(tx, {
          actorId: p.id,
          organizationId: row.ownerOrganizationId,
          action: 'document.access.revoke',
          subjectType: 'document',
          subjectId: id,
          details: { userId },
        });
      });
    },
  };
}
