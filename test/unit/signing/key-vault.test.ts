import { generateKeyPairSync, randomUUID, sign, verify } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { createKeyVault } from '../../../src/modules/signing/key-vault.js';

describe('createKeyVault', () => {
  const sut = createKeyVault('a-master-key-of-at-least-32-characters!');
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });

  it('round-trips a key that still signs, and never stores the PKCS#8 bytes', () => {
    const id = randomUUID();
    const sealed = sut.seal(id, privateKey);
    expect(sealed.keyAlgorithm).toBe('ec');
    expect(sealed.nonce).toHaveLength(12);
    expect(sealed.tag).toHaveLength(16);
    expect(sealed.encryptedKey.includes(privateKey.export({ type: 'pkcs8', format: 'der' }).subarray(-32))).toBe(false);
    const opened = sut.open(id, sealed);
    const sig = sign('sha256', Buffer.from('x'), opened);
    expect(verify('sha256', Buffer.from('x'), publicKey, sig)).toBe(true);
  });

  it('refuses a ciphertext moved to another certificate, altered, or under another master key', () => {
    const id = randomUUID();
    const sealed = sut.seal(id, privateKey);
    expect(() => sut.open(randomUUID(), sealed)).toThrow();
    const altered = Buffer.from(sealed.encryptedKey);
    altered[0] ^= 1;
    expect(() => sut.open(id, { ...sealed, encryptedKey: altered })).toThrow();
    expect(() => createKeyVault('another-master-key-of-32-characters!!').open(id, sealed)).toThrow();
  });
});
