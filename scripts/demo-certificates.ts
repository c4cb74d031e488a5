/**
 * Development certificates for the demo province (npm start's seed path and the test setup):
 * development PKI, never imported by src.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { Container } from '../src/container.js';
import type { Db } from '../src/db/client.js';
import { createOrgsRepo, type OrgsRepo } from '../src/modules/orgs/orgs.repo.js';
import type { CertificateOwner, CertificatesService } from '../src/modules/signing/certificates.service.js';
import type { TrustList } from '../src/modules/signing/trust-list.js';
import { createUsersRepo, type UsersRepo } from '../src/modules/users/users.repo.js';
import { createDevPki, type DevPkiSubject } from './create-dev-ca.js';

export type DemoCertificatesDeps = {
  db: Db;
  usersRepo: Pick<UsersRepo, 'findByUsername'>;
  orgsRepo: Pick<OrgsRepo, 'findById'>;
  certificates: Pick<CertificatesService, 'activeCertificateOf' | 'importPkcs12'>;
  trustList: Pick<TrustList, 'reload'>;
};

/**
 * What ensureDemoCertificates needs, taken from a built container (which hands out services only;
 * this development tool reads the demo's users and units with their modules' repositories).
 */
export function demoCertificatesDeps({ db, services }: Pick<Container, 'db' | 'services'>): DemoCertificatesDeps {
  return {
    db,
    usersRepo: createUsersRepo(),
    orgsRepo: createOrgsRepo(),
    certificates: services.signing.certificates,
    trustList: services.signing.trustList,
  };
}

export type DemoCertificatesOptions = {
  /** Where the development CA and the PKCS#12 files go; default ./data/pki (the default trust list). */
  dir?: string;
};

export type DemoCertificates = {
  caCertPath: string;
  /** Demo username or organisation id → certificate id (created now or found active). */
  certificates: Record<string, string>;
  created: number;
};

// The leaders sign; the seals belong to the organisations those leaders head.
const DEMO_SIGNERS = ['province.leader', 'district.leader', 'commune.leader'] as const;

/**
 * Development certificates for the demo: a dev CA (reused when the directory has one), a person
 * certificate for each demo leader and an agency seal certificate for each of their
 * organisations (UBND tỉnh Nghệ An, UBND Thành phố Vinh, UBND phường Bến Thủy), stored like
 * uploaded ones. Idempotent: an owner with an active certificate is left alone. RSA-2048 keys
 * come from node:crypto, so it runs in well under a second.
 */
export async function ensureDemoCertificates(
  deps: DemoCertificatesDeps,
  { dir = path.resolve('data/pki') }: DemoCertificatesOptions = {},
): Promise<DemoCertificates> {
  const { db, usersRepo, orgsRepo, certificates: certificatesService, trustList } = deps;

  type Wanted = { key: string; owner: CertificateOwner; subject: DevPkiSubject };
  const wanted: Wanted[] = [];
  for (const username of DEMO_SIGNERS) {
    const user = await usersRepo.findByUsername(db, username);
    if (!user) continue; // a database without the demo province
    const org = await orgsRepo.findById(db, user.organizationId);
    wanted.push({
      key: username,
      owner: { userId: user.id },
      subject: { id: username, commonName: user.fullName, kind: 'person', organization: org?.name },
    });
    if (org) {
      wanted.push({
        key: org.id,
        owner: { organizationId: org.id },
        subject: { id: `seal-${org.code ?? org.id}`, commonName: org.name, kind: 'organization', organization: org.name },
      });
    }
  }

  const certificates: Record<string, string> = {};
  const missing: Wanted[] = [];
  for (const w of wanted) {
    const existing = await certificatesService.activeCertificateOf(w.owner);
    if (existing) certificates[w.key] = existing.id;
    else missing.push(w);
  }

  const pki = createDevPki({ outDir: dir, subjects: missing.map((m) => m.subject) });
  // The trust list may have been read before this CA existed; the imports below judge each
  // certificate's trust against it (their audit events record it).
  trustList.reload();
  for (const m of missing) {
    const file = pki.files.find((f) => f.id === m.subject.id)!;
    const dto = await certificatesService.importPkcs12(null, m.owner, readFileSync(file.p12Path), pki.password);
    certificates[m.key] = dto.id;
  }
  return { caCertPath: pki.caCertPath, certificates, created: missing.length };
}
