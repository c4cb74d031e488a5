import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/lib/errors.js';
import {
  ALLOWED_FILE_TYPES,
  checkAllowedFile,
  fileExtension,
  peekStream,
  sniffFileType,
} from '../../../src/modules/documents/file-type.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PPTX = 'application/vnd.openxmlformats-officedocument.presentationml.presentation';
const ODT = 'application/vnd.oasis.opendocument.text';

/** One zip local file header + stored data; `deferSizes` mimics streaming writers (flag bit 3). */
const zipEntry = (name: string, data: Buffer | string, { deferSizes = false } = {}): Buffer => {
  const body = Buffer.from(data);
  const nameBytes = Buffer.from(name, 'utf8');
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4); // version needed
  header.writeUInt16LE(deferSizes ? 0x08 : 0, 6); // flags
  header.writeUInt16LE(0, 8); // method: stored
  header.writeUInt32LE(0, 14); // crc (not checked by the sniffer)
  header.writeUInt32LE(deferSizes ? 0 : body.length, 18);
  header.writeUInt32LE(deferSizes ? 0 : body.length, 22);
  header.writeUInt16LE(nameBytes.length, 26);
  header.writeUInt16LE(0, 28);
  return Buffer.concat([header, nameBytes, body]);
};

const zip = (...entries: Buffer[]): Buffer => Buffer.concat(entries);

const contentTypes = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>';

const samples = {
  pdf: Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n'),
  docx: zip(
    zipEntry('[Content_Types].xml', contentTypes),
    zipEntry('_rels/.rels', '<Relationships/>'),
    zipEntry('word/document.xml', '<w:document/>'),
  ),
  xlsx: zip(zipEntry('[Content_Types].xml', contentTypes), zipEntry('xl/workbook.xml', '<workbook/>')),
  pptx: zip(zipEntry('[Content_Types].xml', contentTypes), zipEntry('ppt/presentation.xml', '<p:presentation/>')),
  odt: zip(zipEntry('mimetype', ODT), zipEntry('content.xml', '<office:document-content/>')),
  ods: zip(zipEntry('mimetype', 'application/vnd.oasis.opendocument.spreadsheet')),
  doc: Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]),
  png: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('\0\0\0\rIHDR')]),
  jpeg: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]),
  tiffLe: Buffer.from([0x49, 0x49, 0x2a, 0x00, 0x08, 0x00, 0x00, 0x00]),
  tiffBe: Buffer.from([0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08]),
  gif: Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'),
  edxml: Buffer.from('\ufeff<?xml version="1.0" encoding="UTF-8"?>\n<edXMLEnvelope xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016"/>'),
  text: Buffer.from('Kính gửi: Ủy ban nhân dân các xã, phường.\r\nNội dung công văn.\n'),
  elf: Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01]), Buffer.alloc(57)]),
  mz: Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00', 'latin1'), Buffer.alloc(58)]),
  plainZip: zip(zipEntry('readme.txt', 'hello')),
  html: Buffer.from('<!DOCTYPE html>\n<html><body><script>alert(1)</script></body></html>'),
  svg: Buffer.from('<?xml version="1.0"?>\n<!-- logo -->\n<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>'),
  script: Buffer.from('#!/bin/sh\nrm -rf /\n'),
};

const expectRefused = (head: Buffer, fileName: string, messagePart: string): void => {
  let caught: unknown;
  try {
    checkAllowedFile(head, fileName);
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(AppError);
  const appError = caught as AppError;
  expect(appError.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  expect(appError.status).toBe(415);
  expect(appError.message).toContain(messagePart);
};

describe('sniffFileType', () => {
  it.each([
    ['pdf', samples.pdf, 'a.pdf', 'application/pdf', 'pdf'],
    ['docx', samples.docx, 'a.docx', DOCX, 'docx'],
    ['xlsx', samples.xlsx, 'a.xlsx', XLSX, 'xlsx'],
    ['pptx', samples.pptx, 'a.pptx', PPTX, 'pptx'],
    ['odt', samples.odt, 'a.odt', ODT, 'odt'],
    ['ods', samples.ods, 'a.ods', 'application/vnd.oasis.opendocument.spreadsheet', 'ods'],
    ['doc (OLE2 named .doc)', samples.doc, 'a.doc', 'application/msword', 'doc'],
    ['xls (OLE2 named .xls)', samples.doc, 'a.xls', 'application/vnd.ms-excel', 'xls'],
    ['png', samples.png, 'a.png', 'image/png', 'png'],
    ['jpeg', samples.jpeg, 'a.jpeg', 'image/jpeg', 'jpg'],
    ['tiff little-endian', samples.tiffLe, 'a.tif', 'image/tiff', 'tif'],
    ['tiff big-endian', samples.tiffBe, 'a.tiff', 'image/tiff', 'tif'],
    ['gif', samples.gif, 'a.gif', 'image/gif', 'gif'],
    ['edXML with a BOM', samples.edxml, 'goi-tin.edxml', 'application/xml', 'xml'],
    ['utf-8 text', samples.text, 'a.txt', 'text/plain', 'txt'],
    ['elf', samples.elf, 'a.pdf', 'application/x-executable', 'elf'],
    ['mz', samples.mz, 'a.pdf', 'application/vnd.microsoft.portable-executable', 'exe'],
    ['generic zip', samples.plainZip, 'a.docx', 'application/zip', 'zip'],
    ['html', samples.html, 'a.xml', 'text/html', 'html'],
    ['svg behind a declaration and a comment', samples.svg, 'a.xml', 'image/svg+xml', 'svg'],
    ['shell script', samples.script, 'a.txt', 'text/x-shellscript', 'sh'],
  ])('recognises %s', (_label, head, name, mime, ext) => {
    expect(sniffFileType(head, name)).toEqual({ mime, ext });
  });

  it('finds OOXML part names after an entry whose sizes are in a data descriptor', () => {
    const head = zip(zipEntry('[Content_Types].xml', contentTypes, { deferSizes: true }), zipEntry('word/document.xml', '<w:document/>'));
    expect(sniffFileType(head, 'x.docx')).toEqual({ mime: DOCX, ext: 'docx' });
  });

  it('takes the OOXML flavour from the name only when no part name is within the sniffed bytes', () => {
    const head = zip(zipEntry('[Content_Types].xml', contentTypes), zipEntry('docProps/app.xml', 'x'.repeat(5000)));
    expect(sniffFileType(head.subarray(0, 4100), 'report.xlsx')).toEqual({ mime: XLSX, ext: 'xlsx' });
    expect(sniffFileType(head.subarray(0, 4100), 'report.pdf')).toEqual({ mime: 'application/zip', ext: 'zip' });
  });

  it('calls an OLE2 file with a non-Office name a bare OLE container', () => {
    expect(sniffFileType(samples.doc, 'a.pdf')).toEqual({ mime: 'application/x-ole-storage', ext: 'ole' });
  });

  it('accepts 8-bit legacy Vietnamese text (TCVN3) as text', () => {
    const tcvn3 = Buffer.from([0x4b, 0xd7, 0x6e, 0x68, 0x20, 0x67, 0xad, 0x69, 0x0d, 0x0a]);
    expect(sniffFileType(tcvn3, 'a.txt')).toEqual({ mime: 'text/plain', ext: 'txt' });
  });

  it('returns null for empty and for unknown binary content', () => {
    expect(sniffFileType(Buffer.alloc(0), 'a.pdf')).toBeNull();
    expect(sniffFileType(Buffer.from([0x00, 0x01, 0x02, 0x03, 0x04]), 'a.bin')).toBeNull();
  });
});

describe('checkAllowedFile', () => {
  it.each([
    [samples.pdf, 'Quyết định 123.PDF', 'application/pdf', 'pdf'],
    [samples.docx, 'to-trinh.docx', DOCX, 'docx'],
    [samples.xlsx, 'bao-cao.xlsx', XLSX, 'xlsx'],
    [samples.odt, 'cong-van.odt', ODT, 'odt'],
    [samples.doc, 'cu.doc', 'application/msword', 'doc'],
    [samples.jpeg, 'scan.jpeg', 'image/jpeg', 'jpg'],
    [samples.edxml, 'goi-tin.edxml', 'application/xml', 'xml'],
    [samples.text, 'ghi-chu.txt', 'text/plain', 'txt'],
    [samples.pdf, 'no-extension', 'application/pdf', 'pdf'],
  ])('accepts %#: %s', (head, name, mime, ext) => {
    expect(checkAllowedFile(head, name)).toEqual({ mime, ext });
  });

  it('refuses an ELF executable renamed .pdf', () => {
    expectRefused(samples.elf, 'quyet-dinh.pdf', 'application/x-executable');
  });

  it('refuses a Windows executable renamed .pdf', () => {
    expectRefused(samples.mz, 'quyet-dinh.pdf', 'portable-executable');
  });

  it('refuses a real PDF named .docx', () => {
    expectRefused(samples.pdf, 'to-trinh.docx', '.docx');
  });

  it('refuses a DOCX named .xlsx', () => {
    expectRefused(samples.docx, 'bang.xlsx', '.xlsx');
  });

  it('refuses trailing dots and spaces used to hide the real extension', () => {
    expectRefused(samples.pdf, 'van-ban.exe. . ', '.exe');
  });

  it.each([
    ['a plain zip', samples.plainZip, 'archive.zip'],
    ['HTML', samples.html, 'page.html'],
    ['SVG named .xml', samples.svg, 'logo.xml'],
    ['a shell script named .txt', samples.script, 'run.txt'],
  ])('refuses %s', (_label, head, name) => {
    expectRefused(head, name, 'not accepted');
  });

  it('refuses empty or unknown content', () => {
    expectRefused(Buffer.alloc(0), 'a.pdf', 'unrecognised');
  });

  it('keeps every allowed type reachable by its canonical extension', () => {
    for (const type of ALLOWED_FILE_TYPES) expect(type.extensions).toContain(type.ext);
  });
});

describe('fileExtension', () => {
  it.each([
    ['a.PDF', 'pdf'],
    ['archive.tar.gz', 'gz'],
    ['C:\\Users\\x\\report.docx', 'docx'],
    ['name.exe. ', 'exe'],
    ['.hidden', undefined],
    ['noext', undefined],
    ['trailing.', undefined],
  ])('%s -> %s', (name, ext) => {
    expect(fileExtension(name)).toBe(ext);
  });
});

describe('peekStream', () => {
  const chunked = (content: string, size: number): Readable => {
    const chunks: Buffer[] = [];
    for (let i = 0; i < content.length; i += size) chunks.push(Buffer.from(content.slice(i, i + size)));
    return Readable.from(chunks, { objectMode: false });
  };

  it('returns the first n bytes and a stream that still yields everything', async () => {
    const content = 'abcdefghijklmnopqrstuvwxyz'.repeat(100);
    const sut = await peekStream(chunked(content, 7), 30);

    expect(sut.head.toString()).toBe(content.slice(0, 30));
    expect(await text(sut.stream)).toBe(content);
  });

  it('returns a shorter head when the source ends first', async () => {
    const sut = await peekStream(chunked('short', 2), 4100);

    expect(sut.head.toString()).toBe('short');
    expect(await text(sut.stream)).toBe('short');
  });

  it('handles an empty source', async () => {
    const sut = await peekStream(Readable.from([], { objectMode: false }), 10);

    expect(sut.head.length).toBe(0);
    expect(await text(sut.stream)).toBe('');
  });

  it('surfaces an error of the source after the head on the returned stream', async () => {
    async function* failing(): AsyncGenerator<Buffer> {
      yield Buffer.from('0123456789');
      throw new Error('client went away');
    }
    const sut = await peekStream(Readable.from(failing(), { objectMode: false }), 4);

    expect(sut.head.toString()).toBe('0123');
    await expect(text(sut.stream)).rejects.toThrow('client went away');
  });

  it('destroys the source when the returned stream is destroyed', async () => {
    const source = chunked('x'.repeat(1000), 10);
    const sut = await peekStream(source, 5);

    sut.stream.destroy();
    await new Promise((resolve) => setImmediate(resolve));
    expect(source.destroyed).toBe(true);
  });
});
