import type { Db } from '../../db/client.js';
import type { AuditService } from '../audit/audit.service.js';
import type { CalendarService } from '../calendar/calendar.service.js';
import type { WorkingFiles } from '../documents/working-files.js';
import type { RegistersService } from '../registers/registers.service.js';
import type { TrackingService } from '../tracking/tracking.service.js';
import type { DocumentRecords } from '../documents/document-records.service.js';
import { createAssignmentsService } from './assignments.service.js';
import { createHandlingRepo } from './handling.repo.js';
import { createStepLoaders, type OnDocumentEvent, type OnItemChanged } from './handling.shared.js';
import { createInformsRepo } from './informs.repo.js';
import { createInformsService } from './informs.service.js';
import { createIntakeService } from './intake.service.js';
import { createProgressService } from './progress.service.js';
import { createQueriesService } from './queries.service.js';
import { createWorkingFilesService } from './working-files.service.js';

export type HandlingModuleDeps = {
  db: Db;
  registers: Pick<RegistersService, 'allocateNumber'>;
  tracking: Pick<TrackingService, 'close' | 'open' | 'moveDue'>;
  documents: Pick<DocumentRecords, 'update'>;
  calendar: Pick<CalendarService, 'today' | 'now' | 'addWorkingDays' | 'workingDaysBetween'>;
  audit: Pick<AuditService, 'record'>;
  /** The documents module's upload path and rows for a handler's working files. */
  workingFiles: Pick<WorkingFiles, 'receive' | 'record'>;
  /** Status feedback to the sender of an incoming copy (see OnDocumentEvent); nothing by default. */
  onDocumentEvent?: OnDocumentEvent;
  /** The handling report's upkeep (see OnItemChanged); nothing by default. */
  onItemChanged?: OnItemChanged;
};

/**
 * Wires the handling module (src/container.ts calls this): the incoming flow of Decree 30/2020,
 * Art. 20–24, as four services over one repository:
 * - intake: register (số đến), refuse, present to a leader (the clerk's steps);
 * - assignments: direct and assign (bút phê), re-assign inside a unit, return, complete, and
 *   withdraw a recalled copy (for the exchange module);
 * - progress: progress notes and deadline extensions;
 * - queries: a document's assignments, one assignment, the work lists;
 * - informs: items to inform (read receipts), read when their recipient opens the document;
 * - workingFiles: the handler's own files on an assignment (reply drafts, minutes).
 */
export function createHandlingModule({
  db,
  registers,
  tracking,
  documents,
  calendar,
  audit,
  workingFiles,
  onDocumentEvent = async () => {},
  onItemChanged = async () => {},
}: HandlingModuleDeps) {
  const handlingRepo = createHandlingRepo();
  const loaders = createStepLoaders(handlingRepo);
  return {
    intake: createIntakeService({
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
    }),
    assignments: createAssignmentsService({
      db,
      handlingRepo,
      documents,
      loaders,
      tracking,
      calendar,
      audit,
      onDocumentEvent,
      onItemChanged,
    }),
    progress: createProgressService({ db, handlingRepo, documents, loaders, tracking, calendar, audit, onDocumentEvent, onItemChanged }),
    queries: createQueriesService({ db, handlingRepo }),
    informs: createInformsService({ db, informsRepo: createInformsRepo(), loaders, calendar, audit, onItemChanged }),
    workingFiles: createWorkingFilesService({ db, handlingRepo, documents, loaders, files: workingFiles, audit, onDocumentEvent }),
  };
}

export type HandlingModule = ReturnType<typeof createHandlingModule>;
