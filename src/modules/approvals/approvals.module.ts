import type { Db } from '../../db/client.js';
import type { ObjectStorage } from '../../storage/object-storage.js';
import type { AuditService } from '../audit/audit.service.js';
import type { DocumentRecords } from '../documents/document-records.service.js';
import { createApprovalsRepo } from './approvals.repo.js';
import { createDelegationsService } from './delegations.service.js';
import { createDraftViews } from './approvals.shared.js';
import { createDraftsService } from './drafts.service.js';
import { createApprovalsSuccession } from './succession.service.js';
import { createSuccessionRepo } from './succession.repo.js';
import { createTemplatesService } from './templates.service.js';
import { createWorkflowService, type WorkingDayCalendar } from './workflow.service.js';

export type ApprovalsModuleDeps = {
  db: Db;
  storage: Pick<ObjectStorage, 'putStream' | 'deleteMany' | 'getStream'>;
  uploads: { maxFileBytes: number };
  calendar: WorkingDayCalendar;
  audit: Pick<AuditService, 'record'>;
  /** The drafts' document records and files, and the decisions' status changes (documents' writes). */
  documents: Pick<DocumentRecords, 'insert' | 'insertFiles' | 'update'>;
};

/**
 * Wires the approvals module (src/container.ts calls this): outgoing drafts, their approval
 * workflow, the templates it runs on, and the delegations approvers and signers act under.
 */
export function createApprovalsModule({ db, storage, uploads, calendar, audit, documents }: ApprovalsModuleDeps) {
  const approvalsRepo = createApprovalsRepo();
  const delegations = createDelegationsService({ db, approvalsRepo, calendar, audit });
  const views = createDraftViews({ approvalsRepo, delegations });
  const drafts = createDraftsService({ db, approvalsRepo, documents, storage, uploads, audit, views });
  const workflow = createWorkflowService({ db, approvalsRepo, documents, calendar, audit, views, delegations });
  const templates = createTemplatesService({ db, approvalsRepo, audit });
  const succession = createApprovalsSuccession({ successionRepo: createSuccessionRepo() });
  return { drafts, workflow, templates, delegations, succession };
}

export type ApprovalsModule = ReturnType<typeof createApprovalsModule>;
