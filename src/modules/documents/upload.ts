import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { vnDate } from '../../lib/dates.js';
import { AppError } from '../../lib/errors.js';
import { fileParts, fileReadFailure, type UploadFilePart, type UploadLimits, type UploadPart } from '../../lib/multipart.js';
import type { ObjectStorage } from '../../storage/object-storage.js';
import { createSignatureDictionaryScan } from '../signing/pdf/signature-scan.js';
import { ALLOWED_FILE_TYPES, SNIFF_BYTES, checkAllowedFile, peekStream } from './file-type.js';

// Receiving a multipart upload (src/lib/multipart.ts) into object storage.

/** A file stored under a server-generated key, not yet referenced by any row. */
export type StoredFile = {
  fieldname: string;
  name: string;
  storageKey: string;
  contentType: string;
  size: number;
  sha256: string;
  /** PDFs only: whether the bytes may hold a signature dictionary (false: unsigned, nothing to verify). */
  maySignatureDictionary?: boolean;
};

export type ReceiveOptions = {
  storage: Pick<ObjectStorage, 'putStream' | 'deleteMany'>;
  maxFileBytes: number;
  /** Called for each non-file field as it arrives (may validate and throw; files already stored are then removed). */
  onField?: (name: string, value: string) => void | Promise<void>;
  /** Called before the first byte of each file is stored (e.g. to refuse a caller early). */
  beforeFile?: () => void | Promise<void>;
};

export type ReceivedUpload = {
  files: StoredFile[];
  /** Deletes every stored object: call it when anything after the reception fails. */
  discard(): Promise<void>;
};

/** The key prefix every document object lives under (the orphan sweeper lists it). */
export const DOCUMENT_KEY_PREFIX = 'documents/';

/** `documents/<yyyy>/<mm>/<uuid>` in Vietnam time: never derived from client input. */
export function newDocumentObjectKey(now: Date = new Date()): string {
  const [yyyy, mm] = vnDate(now).split('-');
  return `${DOCUMENT_KEY_PREFIX}${yyyy}/${mm}/${randomUUID()}`;
}

/**
 * Characters removed from file names: control characters, and the bidirectional marks, embeddings,
 * overrides and isolates (U+200E/F, U+061C, U+202A–U+202E, U+2066–U+2069) that make `invoice<U+202E>fdp.exe`
 * display as `invoiceexe.pdf`; line and paragraph separators too (a name is one line).
 */
const UNSAFE_NAME_CHARS = /[\p{Cc}\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/gu;

/** A name safe to store and to echo in Content-Disposition: no path, no control or bidi characters. */
export function cleanFileName(raw: string): string {
  const base = (raw.split(/[/\\]/).pop() ?? '').replace(UNSAFE_NAME_CHARS, '').trim().normalize('NFC');
  return base.slice(0, 255) || 'file';
}

/**
 * Yields the file's bytes and fails at the end when busboy cut it at the size limit. Failing in
 * the stream (before its end reaches storage) means the object is never completed: putStream
 * aborts it, and the rest of the file has already been drained by busboy.
 */
function guardTruncation(file: UploadFilePart['file'], fileName: string, maxFileBytes: number): Readable {
  async function* guarded(): AsyncGenerator<Buffer> {
    for await (const chunk of file) yield chunk as Buffer;
    if (file.truncated) {
      throw new AppError('PAYLOAD_TOO_LARGE', {
        message: `${fileName} exceeds the limit of ${maxFileBytes} bytes`,
        details: { fileName, maxBytes: maxFileBytes },
      });
    }
  }
  return Readable.from(guarded(), { objectMode: false });
}

/** The same bytes, each chunk shown to `scan` on its way. */
function scanned(stream: Readable, scan: { update(chunk: Buffer): void }): Readable {
  async function* through(): AsyncGenerator<Buffer> {
    for await (const chunk of stream) {
      scan.update(chunk as Buffer);
      yield chunk as Buffer;
    }
  }
  return Readable.from(through(), { objectMode: false });
}

/** Reads a stream to its end, discarding the bytes (so the request can go on to the next part). */
async function drain(stream: Readable): Promise<void> {
  try {
    for await (const chunk of stream) void chunk;
  } catch {
    // The stream's own failure is not the one reported to the client.
  }
}

async function storeFile(part: UploadFilePart, { storage, maxFileBytes }: ReceiveOptions): Promise<StoredFile> {
  const name = cleanFileName(part.filename);
  const { head, stream } = await peekStream(guardTruncation(part.file, name, maxFileBytes), SNIFF_BYTES);

  let type;
  try {
    // Checked before any byte reaches storage: a refused file never becomes an object.
    type = checkAllowedFile(head, name);
  } catch (err) {
    await drain(stream);
    throw err;
  }

  const storageKey = newDocumentObjectKey();
  // A PDF is scanned for a signature dictionary as it streams past (no second read, no parse).
  const scan = type.mime === 'application/pdf' ? createSignatureDictionaryScan() : undefined;
  // maxBytes as a second guard: busboy stops at the same limit, so this only matters if the
  // multipart limit were raised above the configured one.
  const { size, sha256 } = await storage.putStream(storageKey, scan ? scanned(stream, scan) : stream, {
    contentType: type.mime,
    maxBytes: maxFileBytes,
  });
  return {
    fieldname: part.fieldname,
    name,
    storageKey,
    contentType: type.mime,
    size,
    sha256,
    ...(scan ? { maySignatureDictionary: scan.found } : {}),
  };
}

/** The file parts of a document upload, for the OpenAPI document (route schemas' `multipart`). */
export const documentFileParts = (uploads: UploadLimits, description: string) =>
  fileParts({
    description,
    maxCount: uploads.maxFiles,
    maxBytes: uploads.maxFileBytes,
    accepted: `${ALLOWED_FILE_TYPES.flatMap((t) => t.extensions).join(', ')} (the type is read from the first bytes; the name's extension must agree)`,
  });

/** Field names that are never document files, even when a client sends them as file parts. */
const FIELDS_SENT_AS_FILES = new Set(['metadata']);
const MAX_FIELD_FILE_BYTES = 1024 * 1024;

async function readSmallText(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > MAX_FIELD_FILE_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', { message: 'the metadata field is too large' });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Streams every file part of a multipart request into storage (bounded memory, type checked on its
 * first bytes, size limited) and hands fields to `onField` in arrival order, so metadata may come
 * before or after the files. On the first failure the remaining parts are drained (the client gets
 * a clean answer), the objects already stored are deleted and the failure is thrown: nothing
 * is left behind.
 * @throws AppError UNSUPPORTED_MEDIA_TYPE, PAYLOAD_TOO_LARGE, SERVICE_UNAVAILABLE, or whatever `onField` throws.
 */
export async function receiveUpload(parts: AsyncIterable<UploadPart>, options: ReceiveOptions): Promise<ReceivedUpload> {
  const files: StoredFile[] = [];
  const discard = async (): Promise<void> => {
    const keys = files.map((f) => f.storageKey);
    files.length = 0;
    // Best effort: the hourly orphan sweep removes what a failed delete leaves.
    await options.storage.deleteMany(keys).catch(() => undefined);
  };

  let failure: unknown;
  let failed = false;
  const fail = (err: unknown): void => {
    if (!failed) {
      failed = true;
      failure = err;
    }
  };

  try {
    for await (const part of parts) {
      if (part.type === 'file' && FIELDS_SENT_AS_FILES.has(part.fieldname)) {
        // A client's FormData may send `metadata` as a Blob (a file part with a name such as "blob"):
        // it is still the field, read as text (bounded), not a document file.
        if (failed) {
          await drain(part.file);
          continue;
        }
        try {
          await options.onField?.(part.fieldname, await readSmallText(part.file));
        } catch (err) {
          fail(err);
          if (!part.file.destroyed) await drain(part.file);
        }
      } else if (part.type === 'file') {
        if (failed) {
          await drain(part.file);
          continue;
        }
        try {
          await options.beforeFile?.();
          files.push(await storeFile(part, options));
        } catch (err) {
          // When the file's own stream failed (the body ended early or broke), that is the cause to report.
          fail(fileReadFailure(part.file, err));
          if (!part.file.destroyed) await drain(part.file);
        }
      } else if (!failed) {
        try {
          // @fastify/multipart hands a field sent with `content-type: application/json` over already parsed.
          await options.onField?.(part.fieldname, typeof part.value === 'string' ? part.value : JSON.stringify(part.value));
        } catch (err) {
          fail(err);
        }
      }
    }
  } catch (err) {
    // The multipart parser's own refusals (size, count limits, a truncated body).
    fail(err);
  }

  if (failed) {
    await discard();
    throw failure;
  }
  return { files: [...files], discard };
}

export type MetadataUploadOptions<M, P> = Omit<ReceiveOptions, 'onField'> & {
  /** Parses the `metadata` field (throws AppError VALIDATION_FAILED). */
  parse: (raw: string) => M;
  /** Checks and resolves it (access, lookups) as soon as it arrives, so a refused caller stores no more files. */
  prepare: (metadata: M) => Promise<P>;
};

/**
 * `receiveUpload` for the usual form "a `metadata` JSON field plus files" (documents, drafts): the
 * field may come before or after the files; nothing stays stored when it is missing or refused.
 * @throws AppError VALIDATION_FAILED (missing or repeated metadata), and what receiveUpload, parse and prepare throw.
 */
export async function receiveMetadataUpload<M, P>(
  parts: AsyncIterable<UploadPart>,
  { parse, prepare, ...options }: MetadataUploadOptions<M, P>,
): Promise<ReceivedUpload & { metadata: M; prepared: P }> {
  let parsed: { metadata: M; prepared: P } | undefined;
  let seen = false;
  const received = await receiveUpload(parts, {
    ...options,
    onField: async (name, value) => {
      if (name !== 'metadata') return;
      if (seen) throw new AppError('VALIDATION_FAILED', { message: 'the metadata field is given twice' });
      seen = true;
      const metadata = parse(value);
      parsed = { metadata, prepared: await prepare(metadata) };
    },
  });
  if (!parsed) {
    await received.discard();
    throw new AppError('VALIDATION_FAILED', { message: 'the metadata field is required' });
  }
  return { ...received, ...parsed };
}
