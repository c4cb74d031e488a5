import { createCipheriv, createDecipheriv, createPrivateKey, hkdfSync, randomBytes } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

/** What is stored for one private key: PKCS#8 DER sealed with AES-256-GCM. */
export type SealedKey = { encryptedKey: Buffer; nonce: Buffer; tag: Buffer; keyAlgorithm: string };

export type KeyVault = {
  /** Encrypt `privateKey` bound to `certificateId` (the AAD), so a row copied onto another certificate does not decrypt. */
  seal(certificateId: string, privateKey: KeyObject): SealedKey;
  /** @throws Error when the ciphertext, tag, nonce or certificate id do not match (tampering or a different master key). */
  open(certificateId: string, sealed: Pick<SealedKey, 'encryptedKey' | 'nonce' | 'tag'>): KeyObject;
};

// A fixed salt and info label: the derived key changes only with KEY_ENCRYPTION_KEY, and the label
// keeps this key distinct from anything else derived from the same master secret.
const SALT = Buffer.from('vanthu/signing-keys/v1');
const INFO = Buffer.from('aes-256-gcm private keys');

/**
 * Private keys at rest: AES-256-GCM under a key derived with HKDF-SHA256 from the configured
 * KEY_ENCRYPTION_KEY. Plaintext key bytes exist only in memory, never in the database or logs.
 */
export function createKeyVault(masterKey: string): KeyVault {
  const key = Buffer.from(hkdfSync('sha256', Buffer.from(masterKey, 'utf8'), SALT, INFO, 32));

  return {
    seal(certificateId, privateKey) {
      const nonce = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, nonce);
      cipher.setAAD(Buffer.from(certificateId));
      const der = privateKey.export({ type: 'pkcs8', format: 'der' });
      const encryptedKey = Buffer.concat([cipher.update(der), cipher.final()]);
      der.fill(0);
      return { encryptedKey, nonce, tag: cipher.getAuthTag(), keyAlgorithm: privateKey.asymmetricKeyType ?? 'unknown' };
    },

    open(certificateId, { encryptedKey, nonce, tag }) {
      const decipher = createDecipheriv('aes-256-gcm', key, nonce);
      decipher.setAAD(Buffer.from(certificateId));
      decipher.setAuthTag(tag);
      const der = Buffer.concat([decipher.update(encryptedKey), decipher.final()]);
      try {
        return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
      } finally {
        der.fill(0);
      }
    },
  };
}
