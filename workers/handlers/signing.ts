import { UnrecoverableError } from 'bullmq';
import type { Job } from 'bullmq';
import { Value } from 'typebox/value';
import type { Container } from '../../src/container.js';
import { JOBS } from '../../src/jobs/catalog.js';
import { isAppError } from '../../src/lib/errors.js';

/** A refusal (4xx) will be the same on every attempt: fail the job at once instead of retrying. */
function unrecoverableOnRefusal(err: unknown): never {
  if (isAppError(err) && err.status < 500) throw new UnrecoverableError(`${err.code}: ${err.message}`);
  throw err;
}

/** `signing.sign-file`: sign a document file with a stored key; a retry returns the first result. */
export async function signFileHandler(job: Job, { services, logger }: Container) {
  const payload: unknown = job.data;
  if (!Value.Check(JOBS['signing.sign-file'].payload, payload)) throw new UnrecoverableError('invalid signing.sign-file payload');
  try {
    const result = await services.signing.serverSigning.signNow(payload);
    logger.info({ jobId: job.id, attempt: job.attemptsMade, outputFileId: result.fileId, kind: result.kind }, 'document file signed');
    return result;
  } catch (err) {
    return unrecoverableOnRefusal(err);
  }
}

/** `signing.verify-file`: verify a stored file and keep the report. */
export async function verifyFileHandler(job: Job, { services }: Container) {
  const payload: unknown = job.data;
  if (!Value.Check(JOBS['signing.verify-file'].payload, payload)) throw new UnrecoverableError('invalid signing.verify-file payload');
  try {
    const report = await services.signing.verification.verifyFile(payload.fileId);
    return report ? { fileId: report.fileId, signatures: report.signatures.length } : null;
  } catch (err) {
    return unrecoverableOnRefusal(err);
  }
}

/** `signing.sweep-sessions` (every 5 minutes): expired external signing sessions and their prepared PDFs go. */
export async function sweepSessionsHandler(job: Job, { services, logger }: Container) {
  const result = await services.signing.sessions.sweepExpiredSessions();
  if (result.swept > 0) logger.info({ jobId: job.id, ...result }, 'expired signing sessions swept');
  return result;
}
