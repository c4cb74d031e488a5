import { Readable, Writable } from 'node:stream';
import { readFileSync } from 'node:fs';
import { AppError } from '../../../../src/lib/errors.js';

export const FIXTURES = new URL('../../../fixtures/edxml/', import.meta.url);

export const fixture = (name: string): Buffer => readFileSync(new URL(name, FIXTURES));

export const LIMITS = { maxBytes: 64 * 1024 * 1024, maxDepth: 32, maxTextLength: 16 * 1024 };

/** A readable that hands out `data` in chunks of `size` bytes (to cross every boundary). */
export function chunked(data: Buffer | string, size: number): Readable {
  const buf = Buffer.isBuffer(data) ? data : Buffer.from(data, 'utf8');
  const parts: Buffer[] = [];
  for (let i = 0; i < buf.length; i += size) parts.push(buf.subarray(i, i + size));
  return Readable.from(parts, { objectMode: false });
}

/** Collects a stream into one Buffer. */
export async function collect(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of stream) parts.push(Buffer.isBuffer(c) ? c : Buffer.from(c as string));
  return Buffer.concat(parts);
}

/** A writable sink that keeps what it receives (optionally slowly, to exercise backpressure). */
export function memorySink(delayMs = 0): { sink: Writable; bytes: () => Buffer; writes: () => number } {
  const parts: Buffer[] = [];
  const sink = new Writable({
    highWaterMark: 16 * 1024,
    write(chunk: Buffer, _enc, cb) {
      parts.push(chunk);
      if (delayMs) setTimeout(cb, delayMs);
      else cb();
    },
  });
  return { sink, bytes: () => Buffer.concat(parts), writes: () => parts.length };
}

/** Awaits a refusal and returns its one-line reason. */
export async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    if (err.code !== 'VALIDATION_FAILED') throw err;
    return err.message;
  }
  throw new Error('expected the package to be refused');
}

/** Minimal QCVN package around a MessageHeader body (no namespace prefixes needed). */
export function edocXml(headerInner: string, tail = ''): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n<edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016">' +
    `<edXMLEnvelope><edXMLHeader><MessageHeader>${headerInner}</MessageHeader></edXMLHeader></edXMLEnvelope>${tail}</edXML>`
  );
}

export const MANDATORY =
  '<From><OrganId>000.00.00.H99</OrganId><OrganName>UBND tỉnh Thử Nghiệm</OrganName></From>' +
  '<To><OrganId>000.00.05.H99</OrganId></To>' +
  '<Code><CodeNumber>15</CodeNumber><CodeNotation>QĐ-UBND</CodeNotation></Code>' +
  '<PromulgationInfo><PromulgationDate>2026/03/02</PromulgationDate></PromulgationInfo>' +
  '<Subject>Về việc thử</Subject>';

/** The document every REAL_STATUS_CASES fixture answers (1250/UBND-KT of UBND tỉnh Nghệ An). */
export const REAL_STATUS_RESPONSE_FOR = {
  organId: '000.00.00.H41',
  code: '1250/UBND-KT',
  promulgationDate: '2026-03-16',
  documentId: '000.00.00.H41,2026/03/16,1250/UBND-KT',
};

/**
 * Hand-written status packages in the shape real agencies send them (fields in a MessageHeader with
 * no To; DOMAIN.md §1.5), one per national code, with what they say.
 */
export const REAL_STATUS_CASES = [
  {
    file: 'status-01-inbox.edxml',
    statusCode: '01',
    from: { organId: '000.00.00.H42', organName: 'UBND tỉnh Hà Tĩnh' },
    description: 'Văn bản điện tử đã đến hệ thống quản lý văn bản và điều hành của UBND tỉnh Hà Tĩnh',
    timestamp: '2026-03-16T09:02:11',
    staff: 'Hệ thống quản lý văn bản và điều hành',
  },
  {
    file: 'status-02-rejection.edxml',
    statusCode: '02',
    from: { organId: '000.00.07.H42', organName: 'Sở Tài chính tỉnh Hà Tĩnh' },
    description: 'Từ chối tiếp nhận: văn bản gửi không đúng thẩm quyền, đề nghị gửi Sở Nông nghiệp và Môi trường tỉnh Hà Tĩnh',
    timestamp: '2026-03-16T10:47:05',
    staff: 'Nguyễn Thị Hằng',
  },
  {
    file: 'status-03-acceptance.edxml',
    statusCode: '03',
    from: { organId: '000.00.00.H42', organName: 'UBND tỉnh Hà Tĩnh' },
    description: 'Tiếp nhận văn bản điện tử, vào sổ văn bản đến của đơn vị',
    timestamp: '2026-03-16T14:20:36',
    staff: 'Phan Thị Lan',
  },
  {
    file: 'status-04-assignment.edxml',
    statusCode: '04',
    from: { organId: '000.00.00.H42', organName: 'UBND tỉnh Hà Tĩnh' },
    description: 'Đã phân công: giao Sở Nông nghiệp và Môi trường chủ trì, Sở Tài chính phối hợp tham mưu',
    timestamp: '2026-03-17T08:15:00',
    staff: 'Trần Báu Hà',
  },
  {
    file: 'status-05-processing.edxml',
    statusCode: '05',
    from: { organId: '000.00.00.H42', organName: 'UBND tỉnh Hà Tĩnh' },
    description: 'Đang xử lý văn bản',
    timestamp: '2026-03-18T15:40:22',
    staff: 'Lê Văn Thành',
  },
  {
    file: 'status-06-finish.edxml',
    statusCode: '06',
    from: { organId: '000.00.00.H42', organName: 'UBND tỉnh Hà Tĩnh' },
    description: 'Hoàn thành xử lý: đã có Công văn số 812/UBND-NL2 trả lời',
    timestamp: '2026-03-20T16:05:48',
    staff: 'Lê Văn Thành',
  },
  {
    file: 'status-13-cancellation.edxml',
    statusCode: '13',
    from: { organId: '000.00.00.H41', organName: 'UBND tỉnh Nghệ An' },
    description: 'Đề nghị lấy lại văn bản do gửi nhầm đối tượng',
    timestamp: '2026-03-16T11:30:00',
    staff: 'Hồ Thị Mai',
  },
  {
    file: 'status-15-change-acceptance.edxml',
    statusCode: '15',
    from: { organId: '000.00.07.H42', organName: 'Sở Tài chính tỉnh Hà Tĩnh' },
    description: 'Đồng ý thu hồi văn bản; đã hủy văn bản trên hệ thống của đơn vị',
    timestamp: '2026-03-16T13:05:19',
    staff: 'Nguyễn Thị Hằng',
  },
  {
    file: 'status-16-change-rejection.edxml',
    statusCode: '16',
    from: { organId: '000.00.00.H42', organName: 'UBND tỉnh Hà Tĩnh' },
    description: 'Không đồng ý thu hồi: văn bản đã được phân công và triển khai thực hiện',
    timestamp: '2026-03-16T15:12:40',
    staff: 'Phan Thị Lan',
  },
] as const;
