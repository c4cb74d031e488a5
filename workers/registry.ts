import { JOBS, type JobName } from '../src/jobs/catalog.js';
import type { JobHandlers } from './job.js';
import { processInboundHandler, sendStatusHandler, syncAgenciesHandler } from './handlers/exchange.js';
import { deliverInternalHandler, sendDocumentHandler } from './handlers/exchange-dispatch.js';
import { sweepOrphanObjectsHandler } from './handlers/sweep-orphan-objects.js';
import { signFileHandler, sweepSessionsHandler, verifyFileHandler } from './handlers/signing.js';
import { sweepOverdueHandler } from './handlers/sweep-overdue.js';
import { verifyAuditChain } from './handlers/verify-audit-chain.js';

/** JobName → handler. workers/main.ts refuses to start when a job of the catalogue has none. */
export const HANDLERS: JobHandlers = {
  'audit.verify-chain': verifyAuditChain,
  'tracking.sweep-overdue': sweepOverdueHandler,
  'storage.sweep-orphans': sweepOrphanObjectsHandler,
  'signing.sign-file': signFileHandler,
  'signing.verify-file': verifyFileHandler,
  'signing.sweep-sessions': sweepSessionsHandler,
  'exchange.process-inbound': processInboundHandler,
  'exchange.send-status': sendStatusHandler,
  'exchange.deliver-internal': deliverInternalHandler,
  'exchange.send-document': sendDocumentHandler,
  'exchange.sync-agencies': syncAgenciesHandler,
};

export function assertEveryJobHasAHandler(): void {
  const missing = (Object.keys(JOBS) as JobName[]).filter((name) => typeof HANDLERS[name] !== 'function');
  if (missing.length > 0) throw new Error(`jobs without a handler: ${missing.join(', ')}`);
}
