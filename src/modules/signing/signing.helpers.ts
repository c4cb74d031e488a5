import { X509Certificate } from 'node:crypto';
import type { Readable } from 'node:stream';

import type { SignatureKind } from '../../db/schema/index.js';
import { AppError } from '../../lib/errors.js';
import { fileReadFailure } from '../../lib/multipart.js';
import type { ObjectStorage } from '../../storage/object-storage.js';
import type { AppearanceOptions, AuthorityPrefix } from './pdf/appearance.js';
import type { FileRow } from './signing.repo.js';

// Helpers shared by the signing services (certificates, verification, server signing, sessions).

export const PDF = 'application/pdf';

/** Field names of the two signatures of an issued document (made unique by the PDF layer if taken). */
export const FIELD_NAMES: Record<SignatureKind, string> = { signer: 'ChuKyNguoiKy', seal: 'DauCoQuan' };

export const notFound = (what = 'document not found'): AppError => new AppError('NOT_FOUND', { message: what });

/**
 * The whole stream in memory, refused past `maxBytes` (uploads and stored files alike).
 * @throws AppError PAYLOAD_TOO_LARGE, or what fileReadFailure makes of a broken upload
 */
export async function readAll(stream: Readable, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
      size += b.length;
      if (size > maxBytes) {
        stream.destroy();
        throw new AppError('PAYLOAD_TOO_LARGE', { message: `file larger than ${maxBytes} bytes` });
      }
      chunks.push(b);
    }
  } catch (err) {
    throw fileReadFailure(stream, err);
  }
  if ((stream as Readable & { truncated?: boolean }).truncated)
    throw new AppError('PAYLOAD_TOO_LARGE', { message: `file larger than ${maxBytes} bytes` });
  return Buffer.concat(chunks);
}

/** The PDF bytes of a stored document file (a file stored before a lower limit was set is still read). */
export async function storedFileBytes(storage: Pick<ObjectStorage, 'getStream'>, file: FileRow, maxFileBytes: number): Promise<Buffer> {
  return readAll(await storage.getStream(file.storageKey), Math.max(maxFileBytes, file.size));
}

export function commonNameOf(cert: X509Certificate): string | null {
  const line = cert.subject.split('\n').find((l) => l.startsWith('CN='));
  return line ? line.slice(3) : null;
}

/** @throws AppError VALIDATION_FAILED when the bytes are not a DER X.509 certificate */
export function parseCertificate(der: Buffer, label = 'certificate'): X509Certificate {
  try {
    return new X509Certificate(der);
  } catch (cause) {
    throw new AppError('VALIDATION_FAILED', { message: `${label} is not a DER X.509 certificate`, cause });
  }
}

/** @throws AppError UNPROCESSABLE (details.reason CERTIFICATE_NOT_VALID_NOW) */
export function assertValidNow(cert: X509Certificate, now = new Date()): void {
  if (now < new Date(cert.validFrom) || now > new Date(cert.validTo)) {
    throw new AppError('UNPROCESSABLE', {
      message: `the certificate is not valid now (valid from ${new Date(cert.validFrom).toISOString()} to ${new Date(cert.validTo).toISOString()})`,
      details: { reason: 'CERTIFICATE_NOT_VALID_NOW' },
    });
  }
}

/** The visible appearance of a signature: the signer's name and title, or the seal's number and date. */
export function appearanceFor(
  kind: SignatureKind,
  f: {
    signerName: string;
    position?: string | null;
    authorityPrefix?: AuthorityPrefix;
    authorityTitle?: string;
    sealNumber?: string;
    sealDate?: string;
  },
): AppearanceOptions {
  if (kind === 'seal') return { kind: 'seal', documentNumber: f.sealNumber, documentDate: f.sealDate };
  return {
    kind: 'signer',
    signerName: f.signerName,
    position: f.position ?? undefined,
    authorityPrefix: f.authorityPrefix,
    authorityTitle: f.authorityTitle,
  };
}
