import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/lib/errors.js';
import { createS3ObjectStorage, DEFAULT_PART_SIZE, MIN_PART_SIZE } from '../../../src/storage/s3-object-storage.js';

// Behaviour against a server is covered in test/integration/storage; here only what is decided
// before any request. Port 1 refuses connections, so a request sent by mistake would surface as
// SERVICE_UNAVAILABLE rather than the error asserted.
const options = {
  endPoint: '127.0.0.1',
  port: 1,
  useSSL: false,
  accessKey: 'unit',
  secretKey: 'unit-secret',
  region: 'us-east-1',
  bucket: 'unit-bucket',
};

describe('createS3ObjectStorage', () => {
  it('defaults to 8 MiB parts and refuses parts S3 would reject', () => {
    expect(DEFAULT_PART_SIZE).toBe(8 * 1024 * 1024);
    expect(() => createS3ObjectStorage(options)).not.toThrow();
    expect(() => createS3ObjectStorage({ ...options, partSize: MIN_PART_SIZE })).not.toThrow();
    expect(() => createS3ObjectStorage({ ...options, partSize: MIN_PART_SIZE - 1 })).toThrow(/at least/);
    expect(() => createS3ObjectStorage({ ...options, partSize: 6.5 * 1024 * 1024 + 0.5 })).toThrow(/integer/);
  });

  it.each([[{ start: -1 }], [{ start: 10, end: 9 }], [{ start: 1.5 }], [{ start: 0, end: Number.NaN }]])(
    'refuses the malformed range %j before sending anything',
    async (range) => {
      const sut = createS3ObjectStorage(options);

      const err = await sut.getStream('any/key', range).catch((e: unknown) => e);

      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('VALIDATION_FAILED');
    },
  );

  it('makes no request for an empty deleteMany', async () => {
    const sut = createS3ObjectStorage(options);

    await expect(sut.deleteMany([])).resolves.toBeUndefined();
  });
});
