import { readFileSync } from 'node:fs';
import path from 'node:path';

import { createDevPki, type DevPkiSubject } from '../../../scripts/create-dev-ca.js';
import type { Container } from '../../container.js';
import { createSigningRepo } from './signing.repo.js';

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
export async function ensureDemoCertificates(container: Pick<Container, 'db' | 'repos' | 'services'>, { dir = path.resolve('data/pki') }: DemoCertificatesOptions = {}): Promise<DemoCertificates> {
  const { db, repos, services } = container;
  const repo = createSigningRepo();

  type Wanted = { key: string; owner: { userId: string } | { organizationId: string }; subject: DevPkiSubject };
  const wanted: Wanted[] = [];
  for (const username of DEMO_SIGNERS) {
    const user = await repos.usersRepo.findByUsername(db, username);
    if (!user) continue; // a database without the demo province
    const org = await repos.orgsRepo.findById(db, user.organizationId);
    wanted.push({ key: username, owner: { userId: user.id }, subject: { id: username, commonName: user.fullName, kind: 'person', organization: org?.name } });
    if (org) {
      wanted.push({ key: org.id, owner: { organizationId: org.id }, subject: { id: `seal-${org.code ?? org.id}`, commonName: org.name, kind: 'organization', organization: org.name } });
    }
  }

  const certificates: Record<string, string> = {};
  const missing: Wanted[] = [];
  for (const w of wanted) {
    const existing = await repo.findActiveByOwner(db, w.owner);
    if (existing) certificates[w.key] = existing.id;
    else missing.push(w);
  }

  const pki = createDevPki({ outDir: dir, subjects: missing.map((m) => m.subject) });
  for (const m of missing) {
    const file = pki.files.find((f) => f.id === m.subject.id)!;
    const dto = await services.signing.importPkcs12(null, m.owner, readFileSync(file.p12Path), pki.password);
    certificates[m.key] = dto.id;
  }
  // The trust list may have been read before this CA existed.
  services.signing.trustList.reload();
  return { caCertPath: pki.caCertPath, certificates, created: missing.length };
}
