import type { Db, Tx } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import type { CalendarService } from '../calendar/calendar.service.js';
import type { DocumentRow } from './handling.repo.js';
import type { AssignmentDto } from './handling.schemas.js';
import type { OnItemChanged, StepLoaders } from './handling.shared.js';
import type { InformsRepo } from './informs.repo.js';

/** Which read of the document read the items: its record, one of its files, an assignment, or the explicit mark. */
export type ReadVia = 'document' | 'file' | 'assignment' | 'mark';

export type InformsServiceDeps = {
  db: Db;
  informsRepo: InformsRepo;
  loaders: Pick<StepLoaders, 'loadDocument' | 'loadAssignment' | 'views'>;
  calendar: Pick<CalendarService, 'now'>;
  audit: Pick<AuditService, 'record'>;
  onItemChanged: OnItemChanged;
};

/**
 * Items to inform (nhận để biết, Decree 30/2020 Art. 24): read receipts, not work. Unread until
 * their recipient opens the document, one of its files or the assignment (every read path calls
 * `opened` after its own visibility check), then read, once: who read it and when is kept on the
 * item (the sender sees it where the document's assignments are listed) and in the timeline (one
 * `assignment.read` event). Who the recipient is: informsRepo.unreadFor, the one rule.
 */
export function createInformsService({ db, informsRepo, loaders, calendar, audit, onItemChanged }: InformsServiceDeps) {
  /** Marks `ids` read by `p` under the document's lock; the event only when something changed. */
  async function markIn(tx: Tx, p: Principal, doc: DocumentRow, ids: string[], via: ReadVia): Promise<void> {
    const read = await informsRepo.markRead(tx, ids, p.id, calendar.now());
    if (read.length === 0) return;
    await onItemChanged(tx, doc.id);
    await audit.record(tx, {
      actorId: p.id,
      organizationId: doc.ownerOrganizationId,
      action: 'assignment.read',
      subjectType: 'document',
      subjectId: doc.id,
      details: { assignmentIds: read, via },
    });
  }

  return {
    /**
     * `p` opened the document (it sees it: the caller checked): its unread items to inform addressed
     * to `p` are read. Most reads find none: one indexed look-up and no transaction; otherwise the
     * document is locked first, as by every handling step, and the items re-read under the lock.
     */
    async opened(p: Principal, documentId: string, via: ReadVia): Promise<void> {
      if ((await informsRepo.unreadFor(db, p, documentId)).length === 0) return;
      await db.transaction(async (tx) => {
        const { doc } = await loaders.loadDocument(tx, p, documentId);
        await markIn(tx, p, doc, await informsRepo.unreadFor(tx, p, documentId), via);
      });
    },

    /**
     * POST /assignments/:id/read: the recipient marks an item read without opening anything else.
     * Idempotent: an item already read answers as it is.
     * @throws AppError NOT_FOUND (not visible), INVALID_STATE (not an item to inform, or closed),
     *   NOT_ASSIGNMENT_HOLDER (someone who sees it but is not its recipient)
     */
    async read(p: Principal, assignmentId: string): Promise<AssignmentDto> {
      return db.transaction(async (tx) => {
        const { ctx, doc } = await loaders.loadAssignment(tx, p, assignmentId);
        const a = ctx.assignment;
        if (a.role !== 'inform') throw new AppError('INVALID_STATE', { message: 'only an item to inform (nhận để biết) is read' });
        if (a.status === 'unread') {
          if (!(await informsRepo.unreadFor(tx, p, doc.id)).includes(a.id))
            throw new AppError('NOT_ASSIGNMENT_HOLDER', { message: 'only the recipient of an item to inform reads it' });
          await markIn(tx, p, doc, [a.id], 'mark');
        } else if (a.status !== 'read') {
          throw new AppError('INVALID_STATE', { message: `the item is ${a.status}` });
        }
        return (await loaders.views(tx, [a.id]))[0];
      });
    },
  };
}

export type InformsService = ReturnType<typeof createInformsService>;
