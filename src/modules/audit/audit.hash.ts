import { createHash } from 'node:crypto';
import { canonicalJson } from '../../lib/canonical-json.js';

/** The chain starts from this value (the "previous hash" of the first row). */
export const GENESIS_HASH = '0'.repeat(64);

export type ChainedFields = {
  id: number;
  occurredAt: Date;
  actorId: string | null;
  organizationId: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  details: Record<string, unknown>;
};

/** sha256(prevHash + canonical content). The id is included so a removed row is noticed. */
export function auditRowHash(prevHash: string, row: ChainedFields): string {
  const content = canonicalJson([
    row.id,
    row.occurredAt.toISOString(),
    row.actorId,
    row.organizationId,
    row.action,
    row.subjectType,
    row.subjectId,
    row.details,
  ]);
  return createHash('sha256').update(prevHash).update('\n').update(content).digest('hex');
}
