import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { JOB_IDS } from '../../../src/jobs/catalog.js';
import { loggerOptions } from '../../../src/lib/logger.js';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { issuanceApi, runSigningWorker, type Api } from '../issuance/helpers.js';

type Line = { level: number; msg: string; reqId?: string; jobId?: string; job?: string; attempt?: number; [key: string]: unknown };

/**
 * Services log with the logger of the request or job they run for (contextLogger in
 * src/lib/logger.ts): the process's one pino logger writes here, as it writes to stdout in
 * production, and each line a service writes names the request id or the job id that caused it.
 * The path is a real one: the signer asks for a signature over HTTP (the signing service queues the
 * signing job), then the signing worker signs, and the issuance service notes the signed outgoing
 * document. Then the outbox, used outside any request or job, logs with the root logger.
 */
describe('request and job logs', () => {
  const lines: Line[] = [];
  let ctx: TestContext;
  let api: Api;

  beforeAll(async () => {
    const logger = pino(loggerOptions('debug'), { write: (line: string) => void lines.push(JSON.parse(line) as Line) });
    ctx = await createTestContext({ logger });
    api = issuanceApi(ctx);
    const province = await api.approvals.provinceId();
    const clerk = await api.approvals.userId('province.clerk');
    const leader = await api.approvals.userId('province.leader');
    await api.approvals.createTemplate('province.leader', {
      organizationId: province,
      name: 'Kiểm tra và ký',
      steps: [
        { order: 1, name: 'Kiểm tra thể thức', approvers: [{ userId: clerk }], quorum: 'any', dueInWorkingDays: 1 },
        { order: 2, name: 'Lãnh đạo ký', approvers: [{ userId: leader }], quorum: 'any', dueInWorkingDays: 2, isSigningStep: true },
      ],
    });
  });

  afterAll(async () => {
    await ctx?.close();
  });

  it('a service line carries the request id, and a service line of the job it made carries the job id', async () => {
    const draft = await api.createDraft('Quyết định', 'Quyết định về nhật ký theo yêu cầu');
    const approved = await api.approve(draft.id, { 'Kiểm tra thể thức': 'province.clerk', 'Lãnh đạo ký': 'province.leader' });
    const mainFileId = approved.versions[0].mainFile.id;
    const jobId = JOB_IDS.signFile(draft.id, mainFileId, 'signer');

    const reqId = `request-logs-${Date.now()}`;
    const res = await ctx.request({
      method: 'POST',
      url: `/api/v1/documents/${draft.id}/sign`,
      payload: {},
      headers: { 'x-request-id': reqId },
      as: 'province.leader',
    });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.headers['x-request-id']).toBe(reqId);

    // fastify's own lines for the request, and the producer's, called by the signing service.
    const ofRequest = lines.filter((l) => l.reqId === reqId);
    expect(ofRequest.map((l) => l.msg)).toEqual(['incoming request', 'job queued', 'request completed']);
    expect(ofRequest[1]).toMatchObject({ queuedJob: 'signing.sign-file', queuedJobId: jobId });
    // The line is written once, and only with the request's logger.
    expect(lines.filter((l) => l.msg === 'job queued' && l.queuedJobId === jobId)).toHaveLength(1);

    const run = await runSigningWorker(ctx, async () => (await api.status(draft.id)) === 'signed');
    expect(run.failed).toEqual([]);
    expect(run.completed).toEqual([jobId]);

    const signed = lines.filter((l) => l.msg === 'outgoing document signed' && l.documentId === draft.id);
    expect(signed).toHaveLength(1);
    expect(signed[0]).toMatchObject({ jobId, job: 'signing.sign-file', attempt: 1 });
    expect(signed[0].reqId).toBeUndefined();
    // The handler's own line has the same bindings (the runtime's child logger).
    const handlerLine = lines.find((l) => l.msg === 'document file signed' && l.jobId === jobId);
    expect(handlerLine).toMatchObject({ job: 'signing.sign-file', attempt: 1 });
  });

  it('a line written outside any request or job comes from the root logger', async () => {
    const before = lines.length;
    // Work recorded outside any request or job (as a script would): no request or job is bound.
    const { outbox } = ctx.container.services;
    await ctx.container.db.transaction((tx) =>
      outbox.add(tx, { name: 'tracking.sweep-overdue', payload: {}, jobId: `request-logs-root-${Date.now()}` }),
    );
    const line = lines.slice(before).find((l) => l.msg === 'jobs recorded in the outbox');
    expect(line).toBeDefined();
    expect(line!.reqId).toBeUndefined();
    expect(line!.jobId).toBeUndefined();
  });
});
