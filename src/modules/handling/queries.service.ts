import type { Db } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import { decodeCursor, encodeCursor } from '../../lib/pagination.js';
import type { Principal } from '../auth/principal.js';
import type { HandlingRepo } from './handling.repo.js';
import type { AssignmentDto, WorkItem, WorkListQuery } from './handling.schemas.js';
import { toAssignmentDto } from './handling.shared.js';

export type QueriesServiceDeps = { db: Db; handlingRepo: HandlingRepo };

/** What the incoming flow shows: a document's assignments, one assignment in detail, the work lists. NOT_FOUND for what the caller may not see. */
export function createQueriesService({ db, handlingRepo }: QueriesServiceDeps) {
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
     * The caller's work list: `mine` (assigned to the caller) or `unit` (assigned to units where
     * the caller is leader or clerk), open / overdue / done, newest first, keyset-paginated.
     * @throws AppError VALIDATION_FAILED on a bad cursor
     */
    async workList(p: Principal, q: WorkListQuery): Promise<{ items: WorkItem[]; nextCursor: string | null }> {
      const limit = q.limit ?? 50;
      let after: { createdAt: string; id: string } | undefined;
      if (q.cursor) {
        // The created_at text keeps its microseconds: the keyset compares exactly.
        const [createdAt, id] = decodeCursor(q.cursor, ['timestamp', 'uuid']);
        after = { createdAt, id };
      }
      const unitIds =
        q.scope === 'unit'
          ? [...new Set(p.grants.filter((g) => g.role === 'leader' || g.role === 'clerk').map((g) => g.organizationId))]
          : undefined;
      const rows = await handlingRepo.workList(db, {
        userId: q.scope === 'mine' ? p.id : undefined,
        unitIds,
        status: q.status,
        limit: limit + 1,
        after,
        principal: p,
      });
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return {
        items: page.map((r) => ({ ...toAssignmentDto(r), document: r.document })),
        nextCursor: rows.length > limit && last ? encodeCursor([last.cursorKey, last.id]) : null,
      };
    },
  };
}

export type QueriesService = ReturnType<typeof createQueriesService>;
