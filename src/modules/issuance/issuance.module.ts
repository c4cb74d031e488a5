import { createApprovalsRepo } from '../approvals/approvals.repo.js';
import { createIssuanceRepo } from './issuance.repo.js';
import { createIssuanceService, type IssuanceServiceDeps } from './issuance.service.js';

export type IssuanceModuleDeps = Omit<IssuanceServiceDeps, 'issuanceRepo' | 'delegationsRepo'>;

/** The issuance service with its repository; delegations are read through the approvals repository (src/container.ts calls this). */
export function createIssuanceModule(deps: IssuanceModuleDeps) {
  return createIssuanceService({ ...deps, issuanceRepo: createIssuanceRepo(), delegationsRepo: createApprovalsRepo() });
}
