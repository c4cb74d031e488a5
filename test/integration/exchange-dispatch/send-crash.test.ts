import { spawn } from 'node:child_process';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOBS } from '../../../src/jobs/catalog.js';
import { emitStatusPackage } from '../../../src/modules/exchange/edxml/index.js';
import { startQueueWorker } from '../../../workers/runtime.js';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { parsed, startFakePeer, type FakePeer } from '../exchange/fake-peer.js';
import { createPeer, postInbound, waitFor, type Peer } from '../exchange/helpers.js';
import { deliveriesOf, issuedDocument, orgByCode, post, trail } from './helpers.js';

let ctx: TestContext;
let peer: FakePeer;
let registered: Peer;

beforeAll(async () => {
  peer = await startFakePeer();
  ctx = await createTestContext();
  registered = await createPeer(ctx, { baseUrl: peer.url, remotePeerId: 'peer-h41' });
});
afterAll(async () => {
  await ctx?.close();
  await peer?.close();
});

const here = path.dirname(fileURLToPath(import.meta.url));

describe('a worker killed between the peer’s acceptance of a document and our record of it', () => {
  it.each([
    {
      number: '961',
      statusFirst: false,
      what: 'the re-run learns from the peer’s answer (the same package again: 200) that it has the copy',
    },
    { number: '962', statusFirst: true, what: 'the peer’s status 01 comes before the re-run' },
  ])(
    'with a recall committing meanwhile, the copy is not shown recalled and the recall follows the document: $what',
    async ({ number, statusFirst }) => {
      const province = await orgByCode(ctx, '000.00.00.H41');
      const organId = `000.00.${number.slice(1)}.H99`;
      const doc = await issuedDocument(ctx, { ownerOrganizationId: province, number });
      // The peer takes the package and answers late: the worker dies before the answer is recorded.
      peer.mode = { status: 202, delayMs: 5_000 };
      const res = await post(ctx, `/documents/${doc.id}/dispatch`, 'province.clerk', {
        recipients: [{ organId, name: `UBND huyện ${number}` }],
      });
      expect(res.statusCode, res.body).toBe(202);
      const { edxmlDocumentId } = res.json<{ edxmlDocumentId: string }>();

      // A worker in its own OS process, killed (SIGKILL) while the package is at the peer.
      const queue = JOBS['exchange.send-document'].queue;
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'fanout-worker.ts')], {
        env: { ...process.env, ...ctx.env, WORKER_QUEUE: queue, LOG_LEVEL: 'error' },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const exited = new Promise((r) => child.once('exit', r));
      // Booting it (tsx compiles the sources) takes long on a loaded machine: the wait starts once it is up.
      let ready = false;
      child.stdout!.on('data', (chunk: Buffer) => (ready ||= chunk.toString().includes('ready')));
      await waitFor(async () => ready, { what: 'the worker process up', timeoutMs: 90_000 });
      await waitFor(async () => peer.sentTo(organId).length === 1, { what: 'the document at the peer', timeoutMs: 30_000 });
      child.kill('SIGKILL');
      await exited;
      expect(trail((await deliveriesOf(ctx, doc.id))[0])).toEqual([]);

      // The recall commits while no one knows whether the peer has the copy.
      const recall = await post(ctx, `/documents/${doc.id}/recall`, 'province.clerk', { reason: 'Thu hồi do sai sót' });
      expect(recall.statusCode, recall.body).toBe(202);
      expect((await deliveriesOf(ctx, doc.id))[0]).toMatchObject({ state: 'pending', recallState: 'requested' });

      if (statusFirst) {
        // The recipient's system says it has the document (01) before the send is run again.
        const status = await postInbound(
          ctx,
          registered,
          await buffer(
            emitStatusPackage({
              responseFor: { organId: '000.00.00.H41', documentId: edxmlDocumentId },
              from: { organId, organName: `UBND huyện ${number}` },
              statusCode: '01',
              description: null,
              timestamp: '2026-03-03T08:00:00',
            }),
          ),
        );
        expect(status.statusCode, status.body).toBe(202);
        await ctx.container.services.exchange.intake.processInbound(status.json<{ receiptId: string }>().receiptId, undefined);
        expect((await deliveriesOf(ctx, doc.id))[0]).toMatchObject({ state: 'delivered', statusCode: '01', recallState: 'requested' });
      }

      // A fresh worker re-runs the stalled job. The peer answers the same package again with its first receipt (200).
      peer.mode = { status: 200, delayMs: 0 };
      const worker = startQueueWorker(ctx.container, queue, { concurrency: 2, worker: { stalledInterval: 500 } });
      try {
        await waitFor(async () => trail((await deliveriesOf(ctx, doc.id))[0]).includes('sent:1'), {
          what: 'the recall package sent',
          timeoutMs: 30_000,
        });
      } finally {
        await worker.close();
      }

      const [d] = await deliveriesOf(ctx, doc.id);
      expect(d.state).not.toBe('recalled');
      expect(d).toMatchObject({ recallState: 'requested' });
      expect(trail(d)).toEqual(statusFirst ? ['13', '01', 'sent', 'sent:1'] : ['13', 'sent', 'sent:1']);
      const packages = await Promise.all(peer.sentTo(organId).map(parsed));
      expect(packages.map((p) => p.business?.docType ?? 0)).toEqual([0, 0, 1]);
      expect(packages[2].business).toMatchObject({ docType: 1, reason: 'Thu hồi do sai sót', documentId: edxmlDocumentId });
      // The sender's document is not recalled until the recipient agrees.
      const [source] = await ctx.sql`select status from documents where id = ${doc.id}`;
      expect(source.status).toBe('issued');
    },
    180_000,
  );
});
