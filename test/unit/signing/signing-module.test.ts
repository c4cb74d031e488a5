import { describe, expect, it, vi } from 'vitest';

import { sql } from 'drizzle-orm';
import { AppError } from '../../../src/lib/errors.js';
import type { Principal } from '../../../src/modules/auth/principal.js';
import { createSigningModule, type SigningModuleDeps } from '../../../src/modules/signing/signing.module.js';

/** The module over fakes: only the outbox is called by what these tests exercise (no I/O). */
function buildModule() {
  const outbox = { insertStatement: vi.fn(() => sql`insert into outbox`), kick: vi.fn(async () => 0) };
  const deps = {
    config: {
      keys: { encryptionKey: 'a-master-key-of-at-least-32-characters!' },
      signing: {
        trustListPath: '/nonexistent/vanthu-ca.pem',
        externalSubjectMatch: 'email',
        maxOpenSessions: 5,
        allowUntrustedCertificates: false,
      },
      uploads: { maxFileBytes: 1024 },
    },
    db: {},
    orgsRepo: {},
    usersRepo: {},
    storage: {},
    audit: {},
    producer: {},
    outbox,
    logger: { warn: () => {}, info: () => {} },
  } as unknown as SigningModuleDeps;
  return { sut: createSigningModule(deps), outbox };
}

const principal = { id: '00000000-0000-4000-8000-000000000001', grants: [] } as unknown as Principal;
const body = { certificate: '', kind: 'signer' as const };

describe('createSigningModule', () => {
  it('owns the rule that every PDF a document receives is verified: one signing.verify-file per file in the caller’s statement, no NOTIFY, the relay kicked after commit', async () => {
    const { sut, outbox } = buildModule();
    const { statements, queued } = sut.verification.scheduleStatements([
      { fileId: 'f1', maybeSigned: true },
      { fileId: 'f2', maybeSigned: true },
    ]);
    expect(queued).toBe(2);
    expect(statements).toHaveLength(1);
    expect(outbox.insertStatement).toHaveBeenCalledWith([
      { name: 'signing.verify-file', payload: { fileId: 'f1' }, jobId: 'verify.f1' },
      { name: 'signing.verify-file', payload: { fileId: 'f2' }, jobId: 'verify.f2' },
    ]);
    expect(outbox.kick).not.toHaveBeenCalled();
    sut.verification.afterCommit(queued);
    expect(outbox.kick).toHaveBeenCalledTimes(1);
  });

  it('kicks no relay pass after an upload that queued no verification (unsigned PDFs get their report in the statement)', async () => {
    const { sut, outbox } = buildModule();
    const { statements, queued } = sut.verification.scheduleStatements([]);
    expect(statements).toEqual([]);
    expect(queued).toBe(0);
    sut.verification.afterCommit(queued);
    expect(outbox.kick).not.toHaveBeenCalled();
  });

  it('refuses an external signature until issuance’s rules are connected, then obeys them; the rules connect once', async () => {
    const { sut } = buildModule();
    await expect(sut.sessions.createSession(principal, 'doc', 'file', body)).rejects.toThrow(/not connected/);

    const refusal = new AppError('FORBIDDEN', { message: 'not yours to sign' });
    const authorizeSignature = vi.fn(async () => {
      throw refusal;
    });
    sut.connectRules({ authorizeSignature, onSigned: async () => {} });
    await expect(sut.sessions.createSession(principal, 'doc', 'file', body)).rejects.toBe(refusal);
    expect(authorizeSignature).toHaveBeenCalledWith(principal, 'doc', 'file', 'signer');

    expect(() => sut.connectRules({ authorizeSignature, onSigned: async () => {} })).toThrow(/already connected/);
  });
});
