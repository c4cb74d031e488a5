import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { Client } from 'minio';
import { AppError, isAppError } from '../lib/errors.js';
import type { ByteRange, ListedObject, ObjectStat, ObjectStorage, PutOptions, PutResult, PutStreamOptions } from './object-storage.js';

/** S3 refuses multipart parts below 5 MiB (except the last one). */
export const MIN_PART_SIZE = 5 * 1024 * 1024;
export const DEFAULT_PART_SIZE = 8 * 1024 * 1024;

/** The subset of pino's interface this module logs through. */
export type StorageLogger = {
  warn(obj: Record<string, unknown>, msg: string): void;
};

export type S3ObjectStorageOptions = {
  endPoint: string;
  port: number;
  useSSL: boolean;
  accessKey: string;
  secretKey: string;
  region: string;
  bucket: string;
  /** Bytes buffered per multipart part, and the threshold between a single PUT and multipart. */
  partSize?: number;
  /** Receives failures of best-effort clean-up (aborting an upload, deleting a partial object). */
  logger?: StorageLogger;
};

// Errors raised by the socket rather than by S3: the store is unreachable, not refusing.
const NETWORK_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/** An entry of minio's object listing stream (its declared stream type does not carry it). */
type ListedItem = { name?: string; size?: number; lastModified?: Date };

const NOT_FOUND_CODES = new Set(['NoSuchKey', 'NotFound', 'NoSuchObject']);

const errorCode = (err: unknown): string | undefined => {
  if (typeof err !== 'object' || err === null || !('code' in err)) return undefined;
  return typeof err.code === 'string' ? err.code : undefined;
};

/** The S3 `<Code>` of a DeleteObjects error entry, bare or wrapped in `{ Error }`. */
const deleteErrorCode = (result: unknown): string | undefined => {
  if (typeof result !== 'object' || result === null) return undefined;
  const entry: object = 'Error' in result && typeof result.Error === 'object' && result.Error !== null ? result.Error : result;
  return 'Code' in entry && typeof entry.Code === 'string' ? entry.Code : undefined;
};

/** Turns a failure of the store into an AppError when it has a meaning for callers. */
const toStorageError = (err: unknown, bucket: string): unknown => {
  if (isAppError(err)) return err;

  const code = errorCode(err);
  if (code !== undefined && NETWORK_ERROR_CODES.has(code)) {
    return new AppError('SERVICE_UNAVAILABLE', { message: 'object storage is unreachable', cause: err });
  }
  if (code === 'NoSuchBucket') {
    return new AppError('SERVICE_UNAVAILABLE', { message: `bucket ${bucket} does not exist`, cause: err });
  }
  return err;
};

/**
 * Object storage on MinIO or any S3-compatible server through the `minio` client, with path-style
 * addressing and an explicit endpoint.
 *
 * Uploads of unknown length never use `putObject` on a stream: for streams larger than its part
 * size minio first calls ListMultipartUploads (to resume), which the npm S3 servers used in
 * development answer with "not implemented". `putStream` therefore drives the multipart API itself
 * (initiate, upload part, complete, abort), which also keeps memory bounded to one part.
 */
export const createS3ObjectStorage = ({
  endPoint,
  port,
  useSSL,
  accessKey,
  secretKey,
  region,
  bucket,
  partSize = DEFAULT_PART_SIZE,
  logger,
}: S3ObjectStorageOptions): ObjectStorage => {
  if (!Number.isInteger(partSize) || partSize < MIN_PART_SIZE) {
    throw new Error(`partSize must be an integer of at least ${MIN_PART_SIZE} bytes, got ${partSize}`);
  }

  // The client's own part size is set to ours so that its putObject of a Buffer no larger than a
  // part is always one PUT (it only goes multipart above its part size).
  const client = new Client({ endPoint, port, useSSL, accessKey, secretKey, region, partSize, pathStyle: true });

  const s3 = async <T>(operation: () => Promise<T>): Promise<T> => {
    try {
      return await operation();
    } catch (err) {
      throw toStorageError(err, bucket);
    }
  };

  const bestEffort = async (action: string, key: string, operation: () => Promise<unknown>): Promise<void> => {
    try {
      await operation();
    } catch (err) {
      logger?.warn({ err, bucket, key }, `object storage clean-up failed: ${action}`);
    }
  };

  /**
   * One PUT of a whole object, signed with the sha256 the caller computed anyway: minio's putObject
   * would hash the bytes twice more (sha256 for the signature, and an md5 it only sends over
   * https). Most documents are far smaller than a part, so this is the usual upload.
   */
  const putWhole = async (key: string, bytes: Buffer, sha256: string, contentType: string): Promise<void> => {
    const headers: Record<string, string | number> = { 'Content-Type': contentType, 'Content-Length': bytes.length };
    // Over https minio signs UNSIGNED-PAYLOAD and protects the body with Content-MD5, as putObject does.
    if (useSSL) headers['Content-MD5'] = createHash('md5').update(bytes).digest('base64');
    const res = await client.makeRequestStreamAsync(
      { method: 'PUT', bucketName: bucket, objectName: key, headers },
      bytes,
      useSSL ? '' : sha256,
      [200],
      region,
    );
    res.resume();
    await finished(res);
  };

  const putStream = async (key: string, source: Readable, { contentType, maxBytes }: PutStreamOptions): Promise<PutResult> => {
    const hash = createHash('sha256');
    let size = 0;
    // Until a whole part has arrived the chunks are only kept (most documents are smaller than a
    // part and go up in one PUT); from then on one part-sized buffer is filled, sent and reused,
    // so a large upload holds one part in memory whatever its size.
    let head: Buffer[] = [];
    let headLength = 0;
    let part: Buffer | undefined;
    let partLength = 0;
    let uploadId: string | undefined;
    const parts: { part: number; etag: string }[] = [];
    // Set once a request that may create the object is sent: if it fails we cannot know whether
    // the server stored the object, so it is deleted.
    let mayHaveWritten = false;

    const uploadPart = async (payload: Buffer): Promise<void> => {
      uploadId ??= await s3(() => client.initiateNewMultipartUpload(bucket, key, { 'Content-Type': contentType }));
      const partNumber = parts.length + 1;
      const uploadID = uploadId;
      // Resolves once the server has answered, so the payload buffer may be refilled afterwards.
      const { etag } = await s3(() =>
        client.uploadPart({ bucketName: bucket, objectName: key, uploadID, partNumber, headers: {} }, payload),
      );
      parts.push({ part: partNumber, etag });
    };

    try {
      // for await pulls one chunk at a time, so the source is paused while a part is uploading.
      for await (const chunk of source) {
        const bytes = toBuffer(chunk);
        size += bytes.length;
        if (maxBytes !== undefined && size > maxBytes) {
          throw new AppError('PAYLOAD_TOO_LARGE', {
            message: `the content exceeds the limit of ${maxBytes} bytes`,
            details: { maxBytes },
          });
        }
        hash.update(bytes);

        if (part === undefined) {
          if (headLength + bytes.length < partSize) {
            head.push(bytes);
            headLength += bytes.length;
            continue;
          }
          part = Buffer.allocUnsafe(partSize);
          partLength = Buffer.concat(head, headLength).copy(part);
          head = [];
        }

        let offset = 0;
        while (offset < bytes.length) {
          const copied = bytes.copy(part, partLength, offset, Math.min(bytes.length, offset + partSize - partLength));
          partLength += copied;
          offset += copied;
          if (partLength === partSize) {
            await uploadPart(part);
            partLength = 0;
          }
        }
      }

      mayHaveWritten = true;
      if (uploadId === undefined) {
        const whole = head.length === 1 ? head[0] : Buffer.concat(head, headLength);
        const sha256 = hash.digest('hex');
        await s3(() => putWhole(key, whole, sha256, contentType));
        return { size, sha256 };
      } else {
        if (part !== undefined && partLength > 0) await uploadPart(part.subarray(0, partLength));
        const completedId = uploadId;
        await s3(() => client.completeMultipartUpload(bucket, key, completedId, parts));
      }
    } catch (err) {
      if (uploadId !== undefined) {
        const abortedId = uploadId;
        await bestEffort('abort multipart upload', key, () => client.abortMultipartUpload(bucket, key, abortedId));
      }
      if (mayHaveWritten) {
        await bestEffort('delete partial object', key, () => client.removeObject(bucket, key));
      }
      throw err;
    }

    return { size, sha256: hash.digest('hex') };
  };

  const getStream = async (key: string, range?: ByteRange): Promise<Readable> => {
    if (range !== undefined) assertValidRange(range);

    try {
      if (range === undefined) return await client.getObject(bucket, key);
      // getPartialObject treats offset 0 and length 0 as "no range"; both mean the same here.
      const length = range.end === undefined ? 0 : range.end - range.start + 1;
      return await client.getPartialObject(bucket, key, range.start, length);
    } catch (err) {
      const code = errorCode(err);
      if (code !== undefined && NOT_FOUND_CODES.has(code)) {
        throw new AppError('NOT_FOUND', { message: 'object not found', details: { key }, cause: err });
      }
      if (code === 'InvalidRange') {
        throw new AppError('RANGE_NOT_SATISFIABLE', {
          message: 'the requested range starts past the end of the object',
          details: { key },
          cause: err,
        });
      }
      throw toStorageError(err, bucket);
    }
  };

  const stat = async (key: string): Promise<ObjectStat | null> => {
    try {
      const info = await client.statObject(bucket, key);
      const contentType = info.metaData['content-type'];
      return {
        size: info.size,
        etag: info.etag,
        ...(typeof contentType === 'string' ? { contentType } : {}),
      };
    } catch (err) {
      const code = errorCode(err);
      if (code !== undefined && NOT_FOUND_CODES.has(code)) return null;
      throw toStorageError(err, bucket);
    }
  };

  const deleteMany = async (keys: readonly string[]): Promise<void> => {
    if (keys.length === 0) return;

    // removeObjects batches by 1000 (the S3 limit) and returns the per-key <Error> entries of the
    // responses. Its declared type wraps them in `{ Error }` while minio 8 returns them bare, so
    // both shapes are read.
    const results: unknown[] = await s3(() => client.removeObjects(bucket, [...keys]));
    const failures = results.filter((result) => {
      const code = deleteErrorCode(result);
      return code !== undefined && !NOT_FOUND_CODES.has(code);
    });
    if (failures.length > 0) {
      throw new Error(`failed to delete ${failures.length} of ${keys.length} objects: ${JSON.stringify(failures.slice(0, 5))}`);
    }
  };

  // ListObjects V1 (marker = last key) rather than V2: s3rver encrypts its V2 continuation tokens
  // with DES, which OpenSSL 3 refuses, so its second page of a V2 listing is a 500. V1 paging works
  // on s3rver, MinIO and S3 alike.
  async function* listKeys(prefix: string): AsyncIterable<ListedObject> {
    try {
      for await (const item of client.listObjects(bucket, prefix, true) as AsyncIterable<ListedItem>) {
        // Recursive listing has no common prefixes; the guard also narrows the optional fields.
        if (item.name === undefined) continue;
        yield { key: item.name, size: item.size ?? 0, lastModified: item.lastModified ?? new Date(0) };
      }
    } catch (err) {
      throw toStorageError(err, bucket);
    }
  }

  return {
    ensureBucket: async () => {
      if (await s3(() => client.bucketExists(bucket))) return;
      try {
        await client.makeBucket(bucket, region);
      } catch (err) {
        // Another replica created it between our check and our request.
        const code = errorCode(err);
        if (code === 'BucketAlreadyOwnedByYou' || code === 'BucketAlreadyExists') return;
        throw toStorageError(err, bucket);
      }
    },

    putStream,

    putBuffer: (key, bytes, { contentType }: PutOptions) =>
      // Through putStream so that buffers larger than a part also avoid minio's resuming putObject.
      putStream(key, Readable.from([bytes], { objectMode: false }), { contentType }),

    getStream,
    stat,

    delete: (key) => s3(() => client.removeObject(bucket, key)),

    deleteMany,
    listKeys,

    ping: async () => {
      let exists: boolean;
      try {
        exists = await client.bucketExists(bucket);
      } catch (err) {
        // Wrong credentials or a server error make the store just as unusable as a dead socket.
        throw new AppError('SERVICE_UNAVAILABLE', { message: 'object storage is not answering', cause: err });
      }
      if (!exists) throw new AppError('SERVICE_UNAVAILABLE', { message: `bucket ${bucket} does not exist` });
    },
  };
};

const toBuffer = (chunk: unknown): Buffer => {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  if (typeof chunk === 'string') return Buffer.from(chunk);
  throw new TypeError('putStream expects a byte stream (Buffer, Uint8Array or string chunks)');
};

const assertValidRange = ({ start, end }: ByteRange): void => {
  const valid = Number.isSafeInteger(start) && start >= 0 && (end === undefined || (Number.isSafeInteger(end) && end >= start));
  if (!valid) {
    throw new AppError('VALIDATION_FAILED', { message: 'invalid byte range', details: { start, end } });
  }
};
