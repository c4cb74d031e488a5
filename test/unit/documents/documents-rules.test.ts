import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/lib/errors.js';
import type { Principal } from '../../../src/modules/auth/principal.js';
import { decideRange } from '../../../src/modules/documents/byte-range.js';
import { contentDisposition } from '../../../src/modules/documents/file-response.js';
import { abbreviationOf, canonicalDocumentType, DOCUMENT_TYPES } from '../../../src/modules/documents/document-types.js';
import { latestFiles } from '../../../src/modules/documents/document-dtos.js';
import { defaultOwner, mayWriteFor, parseMetadata, searchTextOf } from '../../../src/modules/documents/documents.rules.js';
import type { UploadPart } from '../../../src/lib/multipart.js';
import { receiveUpload } from '../../../src/modules/documents/upload.js';
import type { DocumentFileRow } from '../../../src/modules/documents/documents.repo.js';

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (err) {
    return err instanceof AppError ? err.code : 'not an AppError';
  }
  return undefined;
};

describe('decideRange', () => {
  it.each([
    [undefined, 100, { kind: 'full' }],
    ['bytes=0-9', 100, { kind: 'partial', start: 0, end: 9 }],
    ['bytes=90-200', 100, { kind: 'partial', start: 90, end: 99 }],
    ['bytes=95-', 100, { kind: 'partial', start: 95, end: 99 }],
    ['bytes=-10', 100, { kind: 'partial', start: 90, end: 99 }],
    ['bytes=-500', 100, { kind: 'partial', start: 0, end: 99 }],
    ['bytes=100-', 100, { kind: 'unsatisfiable' }],
    ['bytes=-0', 100, { kind: 'unsatisfiable' }],
    ['bytes=0-1,5-6', 100, { kind: 'full' }],
    ['items=0-1', 100, { kind: 'full' }],
    ['bytes=9-3', 100, { kind: 'full' }],
  ] as const)('%s of %i bytes', (header, size, expected) => {
    expect(decideRange(header, size)).toEqual(expected);
  });
});

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the exact Vietnamese name in RFC 5987 form', () => {
    const value = contentDisposition('Quyết định số 12 (bản chính).pdf', 'inline');
    expect(value).toBe(
      `inline; filename="Quyet dinh so 12 (ban chinh).pdf"; filename*=UTF-8''Quy%E1%BA%BFt%20%C4%91%E1%BB%8Bnh%20s%E1%BB%91%2012%20%28b%E1%BA%A3n%20ch%C3%ADnh%29.pdf`,
    );
    expect(contentDisposition('a"b.pdf', 'attachment')).toContain('filename="a_b.pdf"');
  });
});

describe('document types', () => {
  it('knows the 29 administrative types, the copies and the legal-normative ones', () => {
    expect(DOCUMENT_TYPES.filter((t) => t.group === 'administrative')).toHaveLength(29);
    expect(abbreviationOf('Quyết định')).toBe('QĐ');
    expect(abbreviationOf('Hướng dẫn')).toBe('HD');
    expect(abbreviationOf('Hợp đồng')).toBe('HĐ');
    expect(abbreviationOf('Đề án')).toBe('ĐA');
    expect(abbreviationOf('Dự án')).toBe('DA');
    expect(abbreviationOf('Công văn')).toBeNull();
    expect(abbreviationOf('Nghị định')).toBe('NĐ');
  });

  it('accepts decomposed Unicode and refuses unknown types', () => {
    expect(canonicalDocumentType('Quyết định'.normalize('NFD'))).toBe('Quyết định');
    expect(codeOf(() => canonicalDocumentType('Thư tình'))).toBe('VALIDATION_FAILED');
  });
});

const grant = (organizationId: string, organizationPath: string, role: Principal['grants'][number]['role']) => ({
  organizationId,
  organizationPath,
  role,
});
const principal = (organizationId: string, grants: Principal['grants']): Principal => ({
  id: 'u',
  username: 'u',
  fullName: 'U',
  position: null,
  organizationId,
  organizationPath: grants[0]?.organizationPath ?? 'x',
  grants,
});

describe('owner rules', () => {
  const provinceClerk = principal('office', [grant('province', 'p', 'clerk'), grant('office', 'p.o', 'clerk')]);

  it('defaults to the top-most clerk grant above the caller’s unit', () => {
    expect(defaultOwner(provinceClerk, 'incoming')).toEqual({ id: 'province', path: 'p' });
    expect(defaultOwner(principal('d', [grant('d', 'p.d', 'clerk')]), 'incoming')).toEqual({ id: 'd', path: 'p.d' });
  });

  it('lets specialists and leaders draft, never receive', () => {
    const specialist = principal('unit', [grant('unit', 'p.o.u', 'specialist')]);
    expect(defaultOwner(specialist, 'outgoing')).toEqual({ id: 'unit', path: 'p.o.u' });
    expect(codeOf(() => defaultOwner(specialist, 'incoming'))).toBe('FORBIDDEN');
    const leader = principal('p', [grant('p', 'p', 'leader')]);
    expect(mayWriteFor(leader, 'internal', { id: 'office', path: 'p.o' })).toBe(true);
    expect(mayWriteFor(leader, 'incoming', { id: 'office', path: 'p.o' })).toBe(false);
    expect(mayWriteFor(provinceClerk, 'incoming', { id: 'office', path: 'p.o' })).toBe(true);
    expect(mayWriteFor(provinceClerk, 'incoming', { id: 'dept', path: 'p.s' })).toBe(false);
  });
});

describe('metadata and search text', () => {
  it('validates the metadata JSON strictly', () => {
    expect(parseMetadata('{"direction":"incoming","type":"Công văn","subject":"x"}')).toMatchObject({ direction: 'incoming' });
    expect(codeOf(() => parseMetadata('{"direction":"incoming","type":"Công văn","subject":"x","extra":1}'))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => parseMetadata('['))).toBe('VALIDATION_FAILED');
  });

  it('folds the full số/ký hiệu, then number, notation, subject, issuer and số đến', () => {
    expect(searchTextOf({ number: '12', notation: 'QĐ-UBND', subject: 'Quyết định  Đầu tư' })).toBe(
      '12/qd-ubnd 12 qd-ubnd quyet dinh dau tu',
    );
    expect(
      searchTextOf({ number: '07', notation: 'QĐ-UBND', subject: 'Về việc', issuerName: 'Ủy ban nhân dân tỉnh', incomingNumber: 152 }),
    ).toBe('07/qd-ubnd 07 qd-ubnd ve viec uy ban nhan dan tinh 152');
  });
});

describe('latestFiles', () => {
  const f = (id: string, previousFileId: string | null, supersededAt: Date | null = null) =>
    ({ id, previousFileId, supersededAt }) as DocumentFileRow;

  it('keeps the files no other file replaces', () => {
    expect(latestFiles([f('a', null), f('b', 'a'), f('c', null), f('d', 'b')]).map((x) => x.id)).toEqual(['c', 'd']);
  });

  it('leaves out the files issuing retired (earlier draft versions)', () => {
    expect(latestFiles([f('a', null, new Date()), f('c', null), f('d', null)]).map((x) => x.id)).toEqual(['c', 'd']);
  });
});

describe('receiveUpload', () => {
  const fakeStorage = () => {
    const objects = new Map<string, Buffer>();
    return {
      objects,
      putStream: async (key: string, source: Readable) => {
        const chunks: Buffer[] = [];
        for await (const c of source) chunks.push(c as Buffer);
        objects.set(key, Buffer.concat(chunks));
        return { size: objects.get(key)!.length, sha256: 'x' };
      },
      deleteMany: async (keys: readonly string[]) => {
        for (const k of keys) objects.delete(k);
      },
    };
  };
  const file = (content: Buffer, truncated = false) => {
    const stream = Readable.from([content]) as Readable & { truncated?: boolean };
    stream.on('end', () => (stream.truncated = truncated));
    return stream;
  };
  async function* parts(list: UploadPart[]): AsyncGenerator<UploadPart> {
    yield* list;
  }
  const pdf = Buffer.from('%PDF-1.7\nhello');

  it('stores files under generated keys and passes fields on in order', async () => {
    const storage = fakeStorage();
    const fields: string[] = [];
    const got = await receiveUpload(
      parts([
        { type: 'file', fieldname: 'f', filename: '../../etc/a.pdf', file: file(pdf) },
        { type: 'field', fieldname: 'metadata', value: '{}' },
      ]),
      { storage, maxFileBytes: 1000, onField: (n) => void fields.push(n) },
    );
    expect(fields).toEqual(['metadata']);
    expect(got.files).toHaveLength(1);
    expect(got.files[0].name).toBe('a.pdf');
    expect(got.files[0].storageKey).toMatch(/^documents\/\d{4}\/\d{2}\/[0-9a-f-]{36}$/);
    expect(storage.objects.get(got.files[0].storageKey)).toEqual(pdf);
    await got.discard();
    expect(storage.objects.size).toBe(0);
  });

  it('turns a truncated file into 413 and removes what was stored', async () => {
    const storage = fakeStorage();
    const err = await receiveUpload(
      parts([
        { type: 'file', fieldname: 'a', filename: 'a.pdf', file: file(pdf) },
        { type: 'file', fieldname: 'b', filename: 'b.pdf', file: file(pdf, true) },
      ]),
      { storage, maxFileBytes: pdf.length },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('PAYLOAD_TOO_LARGE');
    expect(storage.objects.size).toBe(0);
  });

  it('refuses by content before storing, and a failing field also removes stored files', async () => {
    const storage = fakeStorage();
    const refused = await receiveUpload(
      parts([{ type: 'file', fieldname: 'a', filename: 'a.pdf', file: file(Buffer.from('MZ\x90\x00binary')) }]),
      { storage, maxFileBytes: 1000 },
    ).catch((e: unknown) => e);
    expect((refused as AppError).code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const failing = await receiveUpload(
      parts([
        { type: 'file', fieldname: 'a', filename: 'a.pdf', file: file(pdf) },
        { type: 'field', fieldname: 'metadata', value: 'x' },
      ]),
      {
        storage,
        maxFileBytes: 1000,
        onField: () => {
          throw new AppError('VALIDATION_FAILED');
        },
      },
    ).catch((e: unknown) => e);
    expect((failing as AppError).code).toBe('VALIDATION_FAILED');
    expect(storage.objects.size).toBe(0);
  });
});
