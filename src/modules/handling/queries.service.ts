import type { Db } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import { decodeCursor, encodeCursor } from '../../lib/pagination.js';
import type { Principal } from '../auth/principal.js';
import type { HandlingRepo } from './handling.repo.js';
import type { AssignmentDto, WorkListPage, WorkListQuery } from './handling.schemas.js';
import { toAssignmentDto } from './handling.shared.js';
import { ledPaths, unitOwners } from './work-list-sql.js';

/** Whose assignments a work list holds. */
async function ownersOfWith(handlingRepo: HandlingRepo, db: Db, p: Principal, q: WorkListQuery) {
  if (q.scope === 'mine') return { userId: p.id };
  if (q.scope === 'unit') return unitOwners(p);
  const led = ledPaths(p);
  if (led.length === 0)
    throw new AppError('NOT_A_LEADER', { message: 'scope=subtree is the work list of a leader: the caller leads no organisation' });
  if (!q.organizationId) return { subtreePaths: led };
  const path = await handlingRepo.organizationWithin(db, q.organizationId, led);
  if (!path) throw new AppError('NOT_FOUND', { message: 'organisation not found' });
  return { subtreePaths: [path] };
}

export type QueriesServiceDeps = { db: Db; handlingRepo: HandlingRepo };

/** What the incoming flow shows: a document's assignments, one assignment in detail, the work lists. NOT_FOUND for what the caller may not see. */
export function createQueriesService({ db, handlingRepo }: QueriesServiceDeps) {
  const ownersOf = (p: Principal, q: WorkListQuery) => ownersOfWith(handlingRepo, db, p, q);
  return {
    /** Every assignment of a document (the tree by parentId). @throws AppError NOT_FOUND */
    async listForDocument(p: Principal, documentId: string): Promise<{ items: AssignmentDto[] }> {
      if (!(await handlingRepo.findVisibleDocument(db, p, documentId))) throw new AppError('NOT_FOUND', { message: 'document not found' });
      return { items: (await handlingRepo.viewsOfDocument(db, documentId)).map(toAssignmentDto) };
    },

    /** One assignment with its document, children and notes. @throws AppError NOT_FOUND */
    async get(p: Principal, assignmentId: string) {
      const ctx = await handlingRepo.findAssignmentContext(db, assignmentId);
      const found = ctx ? await handlingRepo.findVisibleDocument(db, p, ctx.assignment.documentId) : undefined;
      if (!ctx || !found) throw new AppError('NOT_FOUND', { message: 'assignment not found' });
      const all = await handlingRepo.viewsOfDocument(db, found.doc.id);
      const self = all.find((a) => a.id === assignmentId)!;
      const notes = await handlingRepo.notesOf(db, assignmentId);
      const doc = found.doc;
      return {
        ...toAssignmentDto(self),
        document: {
          id: doc.id,
          number: doc.number,
          notation: doc.notation,
          subject: doc.subject,
          urgency: doc.urgency,
          status: doc.status,
          incomingNumber: doc.incomingNumber,
        },
        children: all.filter((a) => a.parentId === assignmentId).map(toAssignmentDto),
        notes: notes.map(({ note, authorName }) => ({
          id: note.id,
          assignmentId: note.assignmentId,
          authorId: note.authorId,
          authorName,
          text: note.text,
          fileIds: note.fileIds,
          createdAt: note.createdAt.toISOString(),
        })),
      };
    },

    /**
     * The caller's work list: `mine` (assigned to the caller), `unit` (assigned to units where the
     * caller is leader or clerk) or `subtree` (a leader: assigned to every unit and person under the
     * organisations they lead, or under `organizationId` among them), open / overdue / done, newest
     * first, keyset-paginated, with the number of matches.
     * A subtree item names its document (số/ký hiệu, trích yếu, urgency) for the leader who follows the
     * unit; opening the document itself still follows the visibility rule (documents.policy.ts).
     * @throws AppError VALIDATION_FAILED on a bad cursor or organizationId outside scope=subtree,
     *   NOT_A_LEADER (403) for scope=subtree without a leader grant, NOT_FOUND for a unit outside the subtree
     */
    async workList(p: Principal, q: WorkListQuery): Promise<WorkListPage> {
      const limit = q.limit ?? 50;
      let after: { createdAt: string; id: string } | undefined;
      if (q.cursor) {
        // The created_at text keeps its microseconds: the keyset compares exactly.
        const [createdAt, id] = decodeCursor(q.cursor, ['timestamp', 'uuid']);
        after = { createdAt, id };
      }
      if (q.organizationId && q.scope !== 'subtree')
        throw new AppError('VALIDATION_FAILED', { message: 'organizationId filters scope=subtree only' });
      const keys = await ownersOf(p, q);
      const [rows, total] = await Promise.all([
        handlingRepo.workList(db, { ...keys, status: q.status, limit: limit + 1, after, principal: p }),
        handlingRepo.countWorkList(db, { ...keys, status: q.status, principal: p }),
      ]);
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return {
        items: page.map((r) => ({ ...toAssignmentDto(r), overdue: r.status === 'open' && r.overdueSince !== null, document: r.document })),
        nextCursor: rows.length > limit && last ? encodeCursor([last.cursorKey, last.id]) : null,
        ...total,
      };
    },
  };
}

export type QueriesService = ReturnType<typeof createQueriesService>;
