import { UnrecoverableError } from 'bullmq';
import { isAppError } from '../../src/lib/errors.js';
import type { JobContext } from '../job.js';

/** A refusal (4xx) will be the same on every attempt: fail the job at once instead of retrying. */
function unrecoverableOnRefusal(err: unknown): never {
  if (isAppError(err) && err.status < 500) throw new UnrecoverableError(`${err.code}: ${err.message}`);
  throw err;
}

/** `signing.sign-file`: sign a document file with a stored key; a retry returns the first result. */
export async function signFileHandler({ payload, logger, container }: JobContext<'signing.sign-file'>) {
  try {
    const result = await container.services.signing.serverSigning.signNow(payload);
    logger.info({ outputFileId: result.fileId, kind: result.kind }, 'document file signed');
    return result;
  } catch (err) {
    return unrecoverableOnRefusal(err);
  }
}

/** `signing.verify-file`: verify a stored file and keep the report. */
export async function verifyFileHandler({ payload, container }: JobContext<'signing.verify-file'>) {
  try {
    const report = await container.services.signing.verification.verifyFile(payload.fileId);
    return report ? { fileId: report.fileId, signatures: report.signatures.length } : null;
  } catch (err) {
    return unrecoverableOnRefusal(err);
  }
}

/** `signing.sweep-sessions` (every 5 minutes): expired external signing sessions and their prepared PDFs go. */
export async function sweepSessionsHandler({ logger, container }: JobContext<'signing.sweep-sessions'>) {
  const result = await container.services.signing.sessions.sweepExpiredSessions();
  if (result.swept > 0) logger.info(result, 'expired signing sessions swept');
  return result;
}
