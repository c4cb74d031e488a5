import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import {
  decryptSecret,
  encryptSecret,
  peerRequestHeaders,
  signPeerRequest,
  verifyPeerSignature,
} from '../../../src/modules/exchange/peer-auth.js';
import { urgencyOfPriority } from '../../../src/modules/exchange/urgency.js';
import { URGENCY_PRIORITY } from '../../../src/modules/outbox/priority.js';

const KEY = 'k'.repeat(40);

describe('peer secrets at rest', () => {
  it('round-trips, uses a fresh IV each time and refuses another key or a tampered box', () => {
    const a = encryptSecret(KEY, 'the-secret');
    expect(a).not.toBe(encryptSecret(KEY, 'the-secret'));
    expect(decryptSecret(KEY, a)).toBe('the-secret');
    expect(() => decryptSecret('x'.repeat(40), a)).toThrow();
    const [v, iv, tag, ct] = a.split('.');
    const flipped = Buffer.from(ct, 'base64url');
    flipped[0] ^= 1;
    expect(() => decryptSecret(KEY, [v, iv, tag, flipped.toString('base64url')].join('.'))).toThrow();
    expect(() => decryptSecret(KEY, 'garbage')).toThrow(/malformed/);
  });
});

describe('request signatures', () => {
  it('signs timestamp + "\\n" + sha256hex(body) and verifies in constant time', () => {
    const body = Buffer.from('<edXML/>');
    const headers = peerRequestHeaders('peer-1', 'secret', body, new Date(1_700_000_000_000));
    expect(headers['x-vanthu-timestamp']).toBe('1700000000');
    const sha = createHash('sha256').update(body).digest('hex');
    expect(headers['x-vanthu-content-sha256']).toBe(sha);
    expect(headers['x-vanthu-signature']).toBe(signPeerRequest('secret', '1700000000', sha));
    expect(verifyPeerSignature('secret', '1700000000', sha, headers['x-vanthu-signature'])).toBe(true);
    expect(verifyPeerSignature('secret', '1700000001', sha, headers['x-vanthu-signature'])).toBe(false);
    expect(verifyPeerSignature('other', '1700000000', sha, headers['x-vanthu-signature'])).toBe(false);
    expect(verifyPeerSignature('secret', '1700000000', sha, 'zz')).toBe(false);
  });
});

describe('priorities', () => {
  it('maps edXML Priority 0..4 to urgency and hỏa tốc to the first BullMQ priority', () => {
    expect([0, 1, 2, 3, 4, null, 9].map(urgencyOfPriority)).toEqual([
      'normal',
      'urgent',
      'very_urgent',
      'flash',
      'flash',
      'normal',
      'normal',
    ]);
    expect(URGENCY_PRIORITY.flash).toBeLessThan(URGENCY_PRIORITY.very_urgent);
    expect(URGENCY_PRIORITY.very_urgent).toBeLessThan(URGENCY_PRIORITY.urgent);
    expect(URGENCY_PRIORITY.urgent).toBeLessThan(URGENCY_PRIORITY.normal);
    expect(URGENCY_PRIORITY.normal).toBeGreaterThan(0);
  });
});
