import type { Db } from '../../db/client.js';
import { checkDeadlineNotPast } from '../../lib/deadlines.js';
import { AppError } from '../../lib/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import type { CalendarService } from '../calendar/calendar.service.js';
import { searchTextOf } from '../documents/documents.rules.js';
import type { RegistersService } from '../registers/registers.service.js';
import type { TrackingService } from '../tracking/tracking.service.js';
import type { DocumentRecords } from '../documents/document-records.service.js';
import { checkIntakeStep, presentationAllowance } from './handling-transitions.js';
import type { HandlingRepo } from './handling.repo.js';
import type { DocumentStateDto, PresentResult, RegisterBody, RegisterResult } from './handling.schemas.js';
import { toDocumentStateDto, type OnDocumentEvent, type OnItemChanged, type StepLoaders } from './handling.shared.js';

export type IntakeServiceDeps = {
  db: Db;
  handlingRepo: HandlingRepo;
  /** The document's status and dates are written by the documents module, in this transaction. */
  documents: Pick<DocumentRecords, 'update'>;
  loaders: Pick<StepLoaders, 'loadDocument'>;
  registers: Pick<RegistersService, 'allocateNumber'>;
  tracking: Pick<TrackingService, 'close' | 'open'>;
  calendar: Pick<CalendarService, 'today' | 'now' | 'addWorkingDays'>;
  audit: Pick<AuditService, 'record'>;
  onDocumentEvent: OnDocumentEvent;
  onItemChanged: OnItemChanged;
};

/**
 * The clerk's side of an incoming document (Decree 30/2020, Art. 20–23): register it in the year's
 * register (số đến), refuse it, or present it to a leader. Each step is one transaction holding the
 * document's row lock, with its custody hand-over and its audit event; handling-transitions.ts
 * says who may take which step in which state.
 */
export function createIntakeService({
  db,
  handlingRepo,
  documents,
  loaders,
  registers,
  tracking,
  calendar,
  audit,
  onDocumentEvent,
  onItemChanged,
}: IntakeServiceDeps) {
  return {
    /**
     * Registers a received incoming document: the next incoming number (số đến) of the matching
     * register of the year, in this transaction (clerk of the owner organisation). `body.dueDate`
     * sets (or, null, clears) the document's own deadline, as the clerk reads it on the paper.
     * @throws AppError NOT_FOUND, FORBIDDEN, INVALID_STATE (not in status received, or not incoming),
     *   DEADLINE_IN_PAST (the document's deadline, given or kept, is past)
     */
    async register(p: Principal, documentId: string, body: RegisterBody = {}): Promise<RegisterResult> {
      return db.transaction(async (tx) => {
        const { doc } = await loaders.loadDocument(tx, p, documentId);
        checkIntakeStep('register', p, doc);
        // The document's own deadline (the sender's, or the clerk's correction) must not be past:
        // a document registered already overdue would be late against nobody who held it.
        const dueDate = body.dueDate === undefined ? doc.dueDate : body.dueDate;
        if (dueDate !== null) checkDeadlineNotPast(dueDate, calendar.today(), { field: 'dueDate' });

        const now = calendar.now();
        const year = Number(calendar.today().slice(0, 4));
        const n = await registers.allocateNumber(tx, {
          organizationId: doc.ownerOrganizationId,
          direction: 'incoming',
          year,
          typeName: doc.typeName,
          confidentiality: doc.confidentiality,
        });
        const updated = await documents.update(tx, doc.id, {
          status: 'registered',
          registerId: n.registerId,
          incomingNumber: n.number,
          registeredAt: now,
          registeredBy: p.id,
          dueDate,
          // Clerks look documents up by their số đến.
          searchText: searchTextOf({ ...doc, incomingNumber: n.number }),
        });
        await onDocumentEvent(tx, { documentId: doc.id, kind: 'register' });
        await onItemChanged(tx, doc.id);
        await audit.record(tx, {
          actorId: p.id,
          organizationId: doc.ownerOrganizationId,
          action: 'document.register',
          subjectType: 'document',
          subjectId: doc.id,
          details: {
            incomingNumber: n.number,
            registerId: n.registerId,
            registerName: n.registerName,
            year,
            ...(dueDate !== doc.dueDate ? { dueDate: { from: doc.dueDate, to: dueDate } } : {}),
          },
        });
        return { ...toDocumentStateDto(updated), registerName: n.registerName };
      });
    },

    /** Refuses a received document (wrong recipient, invalid). @throws AppError NOT_FOUND, FORBIDDEN, INVALID_STATE */
    async refuse(p: Principal, documentId: string, reason: string): Promise<DocumentStateDto> {
      return db.transaction(async (tx) => {
        const { doc } = await loaders.loadDocument(tx, p, documentId);
        checkIntakeStep('refuse', p, doc);
        const updated = await documents.update(tx, doc.id, { status: 'refused', refusedReason: reason });
        await tracking.close(tx, { documentId: doc.id, documentLevel: true });
        await onDocumentEvent(tx, { documentId: doc.id, kind: 'refuse', reason });
        await audit.record(tx, {
          actorId: p.id,
          organizationId: doc.ownerOrganizationId,
          action: 'document.refuse',
          subjectType: 'document',
          subjectId: doc.id,
          details: { reason },
        });
        return toDocumentStateDto(updated);
      });
    },

    /**
     * The clerk presents a registered document to a leader of the owner organisation: custody
     * moves from the clerk pool to that leader, due by Decree 30 the same day for urgent documents,
     * at the latest the next working day otherwise.
     * @throws AppError NOT_FOUND, FORBIDDEN, INVALID_STATE, VALIDATION_FAILED (not a leader there)
     */
    async present(p: Principal, documentId: string, leaderUserId: string): Promise<PresentResult> {
      return db.transaction(async (tx) => {
        const { doc, ownerPath } = await loaders.loadDocument(tx, p, documentId);
        checkIntakeStep('present', p, doc);
        if (!(await handlingRepo.isLeaderOver(tx, leaderUserId, ownerPath)))
          throw new AppError('VALIDATION_FAILED', { message: 'leaderUserId is not a leader of the receiving organization' });

        const allotted = presentationAllowance(doc.urgency);
        const dueDate = await calendar.addWorkingDays(calendar.today(), allotted);
        await tracking.close(tx, { documentId: doc.id, documentLevel: true });
        await tracking.open(tx, [
          { documentId: doc.id, assignmentId: null, holderUserId: leaderUserId, role: 'leader', dueDate, allottedWorkingDays: allotted },
        ]);
        await audit.record(tx, {
          actorId: p.id,
          organizationId: doc.ownerOrganizationId,
          action: 'document.present',
          subjectType: 'document',
          subjectId: doc.id,
          details: { leaderUserId, dueDate },
        });
        return { ...toDocumentStateDto(doc), presentedTo: leaderUserId, presentationDueDate: dueDate };
      });
    },
  };
}

export type IntakeService = ReturnType<typeof createIntakeService>;
