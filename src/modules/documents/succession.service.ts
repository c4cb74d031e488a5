import type { Tx } from '../../db/client.js';
import type { DocumentStatus } from '../../db/schema/index.js';
import type { DocumentWritesRepo } from './document-writes.repo.js';

/** Statuses with nothing left to do: an archived document, not open work. */
const SETTLED: readonly DocumentStatus[] = ['completed', 'refused', 'recalled', 'issued', 'rejected'];

export type DocumentSuccessionDeps = { writesRepo: Pick<DocumentWritesRepo, 'transferOwnership'> };

/**
 * Documents in a reorganisation (orgs/reorganisation.service.ts calls this in its transaction).
 *
 * Every document a closed unit owns goes to its successor, the settled ones (completed, issued,
 * refused...) as much as the open ones: the closed unit has no staff left to answer for them, and
 * the records of a merged or dissolved body pass to the body that takes over its functions. What a
 * document says of its
 * past stays: its issuer, số/ký hiệu and register entry are the closed unit's, as when they were made.
 */
export function createDocumentSuccession({ writesRepo }: DocumentSuccessionDeps) {
  return {
    /** @returns every moved document, and which of them are still open work. */
    async transferOwnership(tx: Tx, fromIds: string[], toId: string): Promise<{ moved: string[]; open: string[] }> {
      const rows = await writesRepo.transferOwnership(tx, fromIds, toId);
      return {
        moved: rows.map((r) => r.id),
        open: rows.filter((r) => !SETTLED.includes(r.status as DocumentStatus)).map((r) => r.id),
      };
    },
  };
}

export type DocumentSuccession = ReturnType<typeof createDocumentSuccession>;
