import type { Config } from './config.js';
import { createDb } from './db/client.js';
import { createProducer } from './jobs/producer.js';
import { createProducerRedis } from './jobs/redis.js';
import { createHook } from './lib/hook.js';
import { createLogger, type Logger } from './lib/logger.js';
import { createAuditRepo } from './modules/audit/audit.repo.js';
import { createAuditService } from './modules/audit/audit.service.js';
import { createCalendarRepo } from './modules/calendar/calendar.repo.js';
import { createCalendarService } from './modules/calendar/calendar.service.js';
import { createApprovalsModule } from './modules/approvals/approvals.module.js';
import { createHandlingModule, type HandlingModuleDeps } from './modules/handling/handling.module.js';
import { createRegistersRepo } from './modules/registers/registers.repo.js';
import { createRegistersService } from './modules/registers/registers.service.js';
import { createAggregatesRepo } from './modules/reports/aggregates.repo.js';
import { createReportsRepo } from './modules/reports/reports.repo.js';
import { createSentReportRepo } from './modules/reports/sent-report.repo.js';
import { createReportsService } from './modules/reports/reports.service.js';
import { createDrilldownRepo } from './modules/reports/drilldown.repo.js';
import { createDrilldownService } from './modules/reports/drilldown.service.js';
import { createRegisterClosingsRepo } from './modules/reports/register-closings.repo.js';
import { createRegisterClosingsService } from './modules/reports/register-closings.service.js';
import { createRegisterEntriesRepo } from './modules/reports/register-entries.repo.js';
import { createRegisterReportsService } from './modules/reports/registers.service.js';
import { createTrackingRepo } from './modules/tracking/tracking.repo.js';
import { createTrackingService } from './modules/tracking/tracking.service.js';
import { createWorklistsRepo } from './modules/worklists/worklists.repo.js';
import { createWorklistsService } from './modules/worklists/worklists.service.js';
import { createLoginThrottle } from './modules/auth/login-throttle.js';
import { createDocumentRecords } from './modules/documents/document-records.service.js';
import { createDocumentWritesRepo } from './modules/documents/document-writes.repo.js';
import { createDocumentsRepo } from './modules/documents/documents.repo.js';
import { createDocumentsService, type DocumentsServiceDeps } from './modules/documents/documents.service.js';
import { createOrphanSweep } from './modules/documents/orphan-sweep.js';
import { createWorkingFiles } from './modules/documents/working-files.js';
import { createDocumentSuccession } from './modules/documents/succession.service.js';
import { createTokenSigner } from './modules/auth/tokens.js';
import { createOrgsDirectory } from './modules/orgs/orgs-directory.service.js';
import { createOrgsRepo } from './modules/orgs/orgs.repo.js';
import { createOrgsService } from './modules/orgs/orgs.service.js';
import { createReorganisationService } from './modules/orgs/reorganisation.service.js';
import { createUsersRepo } from './modules/users/users.repo.js';
import { createUsersService } from './modules/users/users.service.js';
import { createSigningModule } from './modules/signing/signing.module.js';
import { createIssuanceModule } from './modules/issuance/issuance.module.js';
import { createExchangeModule } from './modules/exchange/exchange.module.js';
import { createOutboxRepo } from './modules/outbox/outbox.repo.js';
import { createOutbox } from './modules/outbox/outbox.service.js';
import { createS3ObjectStorage } from './storage/s3-object-storage.js';

export type ContainerOptions = {
  logger?: Logger;
  applicationName?: string;
  /** The clock of the business rules (today's date for deadlines, registration years); real time unless a caller fixes it. */
  now?: () => Date;
};

/**
 * The composition root: infrastructure clients and every module's repositories and services,
 * wired by hand. The API, the workers, scripts and tests all build the same container. Callers get
 * services only: repositories stay inside (each module's data goes through its service).
 */
export function createContainer(
  config: Readonly<Config>,
  { logger = createLogger(config.log.level), applicationName = 'vanthu', now = () => new Date() }: ContainerOptions = {},
) {
  const dbClient = createDb({ url: config.db.url, poolMax: config.db.poolMax, applicationName });
  const { db } = dbClient;
  const redis = createProducerRedis(config.redis.url);
  // Errors are surfaced per command (readiness, throttling); without a listener ioredis would log them unhandled.
  redis.on('error', (err) => logger.debug({ err }, 'redis connection error'));
  const storage = createS3ObjectStorage({ ...config.storage, logger });
  const producer = createProducer({ connection: redis, prefix: config.redis.prefix, logger });

  const auditRepo = createAuditRepo();
  const audit = createAuditService({ db, auditRepo });
  const orgsRepo = createOrgsRepo();
  const usersRepo = createUsersRepo();
  const tokens = createTokenSigner({ secret: config.auth.tokenSecret, ttlSeconds: config.auth.tokenTtlSeconds });
  const throttle = createLoginThrottle({
    redis,
    prefix: config.redis.prefix,
    maxFailures: config.auth.loginMaxFailures,
    windowSeconds: config.auth.loginThrottleWindowSeconds,
  });

  // Other modules read the organisation tree through the directory; users' rows (a merger moves the
  // merged units' staff) are written by the users service only.
  const orgsDirectory = createOrgsDirectory({ orgsRepo });
  const users = createUsersService({ db, usersRepo, orgs: orgsDirectory, audit, tokens, throttle });
  const calendar = createCalendarService({ db, calendarRepo: createCalendarRepo(), audit, now });
  const registers = createRegistersService({ db, registersRepo: createRegistersRepo(), orgs: orgsDirectory, audit });
  // The only writer of documents and document_files: every module changes them through these
  // in-transaction functions (docs/ARCHITECTURE.md, "Who writes which table").
  const documentsRepo = createDocumentsRepo();
  const documentWritesRepo = createDocumentWritesRepo();
  const documentRecords = createDocumentRecords({ documentsRepo, writesRepo: documentWritesRepo });
  const tracking = createTrackingService({ db, trackingRepo: createTrackingRepo(), calendar, audit, documents: documentRecords });
  // Exchange needs handling (a recall withdraws the incoming copy) and answers handling's steps with
  // status feedback, and documents' lists flag exchange's pending notices: these two hooks are created
  // here and connected below, once exchange exists.
  const documentEvents = createHook<NonNullable<HandlingModuleDeps['onDocumentEvent']>>('handling.onDocumentEvent');
  const pendingNotices = createHook<DocumentsServiceDeps['notices']['pendingOf']>('documents.notices.pendingOf');
  const reports = createReportsService({
    db,
    reportsRepo: createReportsRepo(),
    aggregatesRepo: createAggregatesRepo(),
    sentRepo: createSentReportRepo(),
    calendar,
    audit,
  });
  const orgs = createOrgsService({ db, orgsRepo, audit, reports });
  const outbox = createOutbox({ db, sql: dbClient.sql, outboxRepo: createOutboxRepo(), producer, logger });
  const signing = createSigningModule({
    config,
    db,
    orgs: orgsDirectory,
    users,
    documents: documentRecords,
    storage,
    audit,
    producer,
    outbox,
    logger,
  });
  const handling = createHandlingModule({
    db,
    registers,
    tracking,
    documents: documentRecords,
    calendar,
    audit,
    workingFiles: createWorkingFiles({ writesRepo: documentWritesRepo, storage, uploads: config.uploads }),
    onDocumentEvent: documentEvents.call,
    // The handling report's aggregates follow every step, in its transaction.
    onItemChanged: reports.upkeep,
  });
  const documents = createDocumentsService({
    db,
    documentsRepo,
    writesRepo: documentWritesRepo,
    orgs: orgsDirectory,
    users,
    custody: tracking,
    storage,
    audit,
    uploads: config.uploads,
    // Every PDF a document receives gets its signatures checked (the rule is signing's).
    verification: signing.verification,
    // Flags of incoming copies with a recall or notice to answer (exchange's, connected below).
    notices: { pendingOf: pendingNotices.call },
    // Opening a document or a file of it reads the reader's items to inform (handling's rule).
    readReceipts: handling.informs,
    calendar,
  });
  // The hourly job's sweep of stored objects no document file references.
  const orphanSweep = createOrphanSweep({ db, storage, documentsRepo });
  const approvals = createApprovalsModule({ db, storage, uploads: config.uploads, calendar, audit, documents: documentRecords });
  const issuance = createIssuanceModule({
    db,
    approvals: approvals.workflow,
    delegations: approvals.delegations,
    documents,
    documentRecords,
    registers,
    signing: signing.serverSigning,
    certificateTrust: signing.certificateTrust,
    verification: signing.verification,
    outbox,
    producer,
    calendar,
    audit,
    logger,
  });
  const reportDrilldowns = createDrilldownService({ db, reportsRepo: createReportsRepo(), drilldownRepo: createDrilldownRepo(), calendar });
  // Decree 30 registers (reports module): read from the source tables, closed with the agency's seal.
  const reportRegisters = createRegisterReportsService({
    db,
    entriesRepo: createRegisterEntriesRepo(),
    reportsRepo: createReportsRepo(),
    calendar,
  });
  const registerClosings = createRegisterClosingsService({
    db,
    closingsRepo: createRegisterClosingsRepo(),
    registers: reportRegisters,
    signing: signing.serverSigning,
    storage,
    calendar,
    audit,
  });
  // The signing rules live in issuance (one rule for server-side and external signatures).
  signing.connectRules({ authorizeSignature: issuance.authorizeSignature, onSigned: issuance.onSigned });
  const exchange = createExchangeModule({
    config,
    redis,
    db,
    sql: dbClient.sql,
    storage,
    audit,
    outbox,
    documents: documentRecords,
    custody: tracking,
    handling: handling.assignments,
    logger,
  });
  const worklists = createWorklistsService({
    db,
    worklistsRepo: createWorklistsRepo(),
    authoritiesOf: approvals.delegations.authoritiesOf,
  });
  documentEvents.connect(exchange.statusFeedback.onDocumentEvent);
  // A merger or dissolution carries the closed units' work: each owning module moves its own rows.
  const reorganisation = createReorganisationService({
    db,
    orgsRepo,
    audit,
    calendar,
    users,
    documents: createDocumentSuccession({ writesRepo: documentWritesRepo }),
    assignments: handling.assignments,
    custody: tracking,
    registers,
    drafts: approvals.succession,
    reports,
  });
  pendingNotices.connect(exchange.recall.pendingNoticesOf);

  return {
    config,
    logger,
    db,
    sql: dbClient.sql,
    redis,
    storage,
    producer,
    services: {
      audit,
      orgs,
      reorganisation,
      users,
      documents,
      orphanSweep,
      calendar,
      registers,
      tracking,
      handling,
      signing,
      approvals,
      outbox,
      exchange,
      issuance,
      worklists,
      reports,
      reportDrilldowns,
      reportRegisters,
      registerClosings,
    },
    tokens,
    async close() {
      await producer.close().catch(() => {});
      redis.disconnect();
      await dbClient.close();
    },
  };
}

export type Container = ReturnType<typeof createContainer>;
