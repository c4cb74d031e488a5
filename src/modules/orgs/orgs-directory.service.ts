import type { DbOrTx } from '../../db/client.js';
import type { OrganizationRow, OrgsRepo } from './orgs.repo.js';

export type OrgsDirectoryDeps = { orgsRepo: Pick<OrgsRepo, 'findById' | 'findByIds' | 'findCurrentByCode'> };

/**
 * The organisation tree as other modules read it (a unit by id or code, with its path and whether
 * it is still current), inside their own transaction when they pass one. Built before the users
 * service and the orgs service, which needs users' member transfer for mergers.
 */
export function createOrgsDirectory({ orgsRepo }: OrgsDirectoryDeps) {
  return {
    findById: (dbx: DbOrTx, id: string): Promise<OrganizationRow | undefined> => orgsRepo.findById(dbx, id),
    findByIds: (dbx: DbOrTx, ids: string[]): Promise<OrganizationRow[]> => orgsRepo.findByIds(dbx, ids),
    /** The current unit with this code (mã định danh), if any. */
    findCurrentByCode: (dbx: DbOrTx, code: string): Promise<OrganizationRow | undefined> => orgsRepo.findCurrentByCode(dbx, code),
  };
}

export type OrgsDirectory = ReturnType<typeof createOrgsDirectory>;
