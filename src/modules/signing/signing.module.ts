import type { Config } from '../../config.js';
import { createKeyVault } from './key-vault.js';
import { createSigningRepo } from './signing.repo.js';
import { createSigningService, type SigningServiceDeps } from './signing.service.js';
import { createTrustList } from './trust-list.js';

export type SigningModuleDeps = Omit<SigningServiceDeps, 'signingRepo' | 'keyVault' | 'trustList' | 'tsaUrl' | 'maxFileBytes' | 'externalSubjectMatch' | 'maxOpenSessions'> & {
  config: Pick<Readonly<Config>, 'keys' | 'signing' | 'uploads'>;
};

/** The signing service with its key vault and trust list built from config (src/container.ts calls this). */
export function createSigningModule({ config, ...deps }: SigningModuleDeps) {
  const trustList = createTrustList({ path: config.signing.trustListPath, logger: deps.logger });
  // Read at startup so an unreadable list is reported (as a warning) when the process starts.
  trustList.anchors();
  return createSigningService({
    ...deps,
    signingRepo: createSigningRepo(),
    keyVault: createKeyVault(config.keys.encryptionKey),
    trustList,
    tsaUrl: config.signing.tsaUrl,
    maxFileBytes: config.uploads.maxFileBytes,
    externalSubjectMatch: config.signing.externalSubjectMatch,
    maxOpenSessions: config.signing.maxOpenSessions,
  });
}
