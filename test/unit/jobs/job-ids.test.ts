import { describe, expect, it } from 'vitest';
import { JOB_IDS, assertValidJobId } from '../../../src/jobs/catalog.js';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const C = '33333333-3333-4333-8333-333333333333';

describe('job ids (src/jobs/catalog.ts JOB_IDS)', () => {
  it('keep the formats already stored in outbox rows and Redis, so work queued before a deploy stays one job', () => {
    const ids = [
      [JOB_IDS.signFile(A, B, 'signer'), `sign.${A}.${B}.signer`],
      [JOB_IDS.signFile(A, B, 'seal'), `sign.${A}.${B}.seal`],
      [JOB_IDS.verifyFile(A), `verify.${A}`],
      [JOB_IDS.processInbound(A), `process-inbound.${A}`],
      [JOB_IDS.sendStatus(A, B, '01'), `send-status.${A}.${B}.01`],
      [
        JOB_IDS.sendStatus(A, B, '15', { kind: 'recall', createdAt: new Date(1_700_000_000_123) }),
        `send-status.${A}.${B}.15.recall.1700000000123`,
      ],
      [JOB_IDS.deliverInternal(C), `deliver-internal.${C}`],
      [JOB_IDS.deliverInternal(C, 2), `deliver-internal.${C}.r2`],
      [JOB_IDS.sendDocument(C, 0, 'first'), `send-document.${C}.0.0`],
      [JOB_IDS.sendDocument(C, 1, { requestIndex: 4 }), `send-document.${C}.1.h4`],
      [JOB_IDS.sendDocument(C, 3, { replays: 1 }), `send-document.${C}.3.r1`],
    ];
    for (const [id, expected] of ids) {
      expect(id).toBe(expected);
      expect(() => assertValidJobId(id)).not.toThrow();
    }
  });

  it('refuses what BullMQ refuses: a colon, or an integer that would collide with its own counter', () => {
    expect(() => assertValidJobId('a:b')).toThrow(/forbids/);
    expect(() => assertValidJobId('42')).toThrow(/forbids/);
  });
});
