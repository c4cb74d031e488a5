import { createIssuanceRepo } from './issuance.repo.js';
import { createIssuanceService, type IssuanceServiceDeps } from './issuance.service.js';

export type IssuanceModuleDeps = Omit<IssuanceServiceDeps, 'issuanceRepo'>;

/** The issuance service with its repository (src/container.ts calls this). */
export function createIssuanceModule(deps: IssuanceModuleDeps) {
  return createIssuanceService({ ...deps, issuanceRepo: createIssuanceRepo() });
}
