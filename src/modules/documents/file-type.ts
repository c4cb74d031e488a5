import { Readable } from 'node:stream';
import { AppError } from '../../lib/errors.js';

/**
 * File type detection for uploads. The declared Content-Type and the file name are chosen by the
 * client, so the real type is read from the first bytes (magic numbers) and the name's extension
 * must agree with it: an executable renamed `.pdf`, or a PDF renamed `.docx`, is refused with 415.
 */

export type FileType = {
  mime: string;
  /** Canonical extension, lower case, without the dot. */
  ext: string;
};

export type AllowedFileType = FileType & {
  /** Every extension a file of this type may carry in its name. */
  extensions: readonly string[];
};

/** How many leading bytes `sniffFileType` looks at (enough for the first zip entries). */
export const SNIFF_BYTES = 4100;

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PPTX = 'application/vnd.openxmlformats-officedocument.presentationml.presentation';
const ODT = 'application/vnd.oasis.opendocument.text';
const ODS = 'application/vnd.oasis.opendocument.spreadsheet';
const ODP = 'application/vnd.oasis.opendocument.presentation';

/**
 * What an official document or its attachments may be: office documents, scans, edXML packages
 * and plain text. Anything else (archives, executables, HTML, SVG...) is refused.
 */
export const ALLOWED_FILE_TYPES: readonly AllowedFileType[] = [
  { mime: 'application/pdf', ext: 'pdf', extensions: ['pdf'] },
  { mime: DOCX, ext: 'docx', extensions: ['docx'] },
  { mime: XLSX, ext: 'xlsx', extensions: ['xlsx'] },
  { mime: PPTX, ext: 'pptx', extensions: ['pptx'] },
  { mime: ODT, ext: 'odt', extensions: ['odt'] },
  { mime: ODS, ext: 'ods', extensions: ['ods'] },
  { mime: ODP, ext: 'odp', extensions: ['odp'] },
  { mime: 'application/msword', ext: 'doc', extensions: ['doc'] },
  { mime: 'application/vnd.ms-excel', ext: 'xls', extensions: ['xls'] },
  { mime: 'application/vnd.ms-powerpoint', ext: 'ppt', extensions: ['ppt'] },
  { mime: 'image/png', ext: 'png', extensions: ['png'] },
  { mime: 'image/jpeg', ext: 'jpg', extensions: ['jpg', 'jpeg'] },
  { mime: 'image/tiff', ext: 'tif', extensions: ['tif', 'tiff'] },
  { mime: 'image/gif', ext: 'gif', extensions: ['gif'] },
  // edXML packages exchanged between agencies.
  { mime: 'application/xml', ext: 'xml', extensions: ['xml', 'edxml'] },
  { mime: 'text/plain', ext: 'txt', extensions: ['txt'] },
];

const startsWith = (head: Buffer, signature: readonly number[], offset = 0): boolean =>
  head.length >= offset + signature.length && signature.every((byte, i) => head[offset + i] === byte);

const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));

/** Lower-case extension of a file name, ignoring the trailing dots and spaces Windows drops. */
export const fileExtension = (fileName: string): string | undefined => {
  const base =
    fileName
      .replace(/[\s.]+$/u, '')
      .split(/[/\\]/)
      .pop() ?? '';
  const dot = base.lastIndexOf('.');
  if (dot <= 0 || dot === base.length - 1) return undefined;
  return base.slice(dot + 1).toLowerCase();
};

type ZipEntry = { name: string; data: Buffer };

/**
 * Walks the zip local file headers present in `head`. An entry whose sizes are deferred to a data
 * descriptor (flag bit 3) cannot be skipped, so the walk stops there.
 */
const readZipEntries = (head: Buffer): ZipEntry[] => {
  const entries: ZipEntry[] = [];
  let offset = 0;
  while (offset + 30 <= head.length && head.readUInt32LE(offset) === 0x04034b50) {
    const flags = head.readUInt16LE(offset + 6);
    const compressedSize = head.readUInt32LE(offset + 18);
    const nameLength = head.readUInt16LE(offset + 26);
    const extraLength = head.readUInt16LE(offset + 28);
    const nameStart = offset + 30;
    const dataStart = nameStart + nameLength + extraLength;
    if (nameStart + nameLength > head.length) break;

    const name = head.toString('utf8', nameStart, nameStart + nameLength);
    entries.push({ name, data: head.subarray(dataStart, Math.min(dataStart + compressedSize, head.length)) });
    if (flags & 0x08) break;
    offset = dataStart + compressedSize;
  }
  return entries;
};

const OOXML_BY_FOLDER: readonly [string, FileType][] = [
  ['word/', { mime: DOCX, ext: 'docx' }],
  ['xl/', { mime: XLSX, ext: 'xlsx' }],
  ['ppt/', { mime: PPTX, ext: 'pptx' }],
];

const ODF_TYPES: readonly FileType[] = [
  { mime: ODT, ext: 'odt' },
  { mime: ODS, ext: 'ods' },
  { mime: ODP, ext: 'odp' },
];

const sniffZip = (head: Buffer, extension: string | undefined): FileType => {
  const entries = readZipEntries(head);

  // ODF requires a first entry `mimetype`, stored uncompressed, holding the media type.
  const first = entries[0];
  if (first?.name === 'mimetype') {
    const declared = first.data.toString('ascii').trim();
    return ODF_TYPES.find((t) => t.mime === declared) ?? { mime: 'application/zip', ext: 'zip' };
  }

  for (const [folder, type] of OOXML_BY_FOLDER) {
    if (entries.some((e) => e.name.startsWith(folder))) return type;
  }
  // Entries after a data descriptor were not walked: their names are still plain bytes in the head.
  const raw = head.toString('latin1');
  for (const [folder, type] of OOXML_BY_FOLDER) {
    if (raw.includes(folder)) return type;
  }

  // An OOXML package whose parts all lie beyond the sniffed bytes: the container is certain, the
  // flavour is taken from the name when it names one.
  if (raw.includes('[Content_Types].xml')) {
    const byName = OOXML_BY_FOLDER.find(([, type]) => type.ext === extension);
    if (byName) return byName[1];
  }
  return { mime: 'application/zip', ext: 'zip' };
};

// Compound File Binary (OLE2) holds legacy Word, Excel and PowerPoint files alike; which one is
// written in a directory stream that can be anywhere in the file, so the name decides among them.
const OLE2_BY_EXTENSION: Readonly<Record<string, FileType>> = {
  doc: { mime: 'application/msword', ext: 'doc' },
  xls: { mime: 'application/vnd.ms-excel', ext: 'xls' },
  ppt: { mime: 'application/vnd.ms-powerpoint', ext: 'ppt' },
};

/**
 * Text: no control characters other than tab, line feed, form feed, carriage return and escape.
 * UTF-8 validity is not required because older Vietnamese files use 8-bit encodings (TCVN3, VNI).
 */
const isText = (head: Buffer): boolean =>
  head.length > 0 &&
  head.every((byte) => byte >= 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0c || byte === 0x0d || byte === 0x1b);

/** Classifies text that starts with `<`: HTML and SVG can carry scripts, so they are told apart from XML. */
const sniffMarkup = (text: string): FileType => {
  let rest = text;
  // Skip the XML declaration, processing instructions, comments and the doctype.
  for (;;) {
    rest = rest.trimStart();
    if (/^<!doctype\s+html/i.test(rest)) return { mime: 'text/html', ext: 'html' };
    const skipped = /^(<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!doctype[^>]*>)/i.exec(rest);
    if (!skipped) break;
    rest = rest.slice(skipped[0].length);
  }

  const root = /^<([A-Za-z_][\w.:-]*)/.exec(rest)?.[1]?.toLowerCase();
  const localName = root?.split(':').pop();
  if (localName === 'html') return { mime: 'text/html', ext: 'html' };
  if (localName === 'svg') return { mime: 'image/svg+xml', ext: 'svg' };
  return { mime: 'application/xml', ext: 'xml' };
};

/**
 * Tells the type of a file from its first bytes (up to SNIFF_BYTES). The name is consulted only
 * where the bytes cannot decide (legacy Office files, an OOXML package whose parts lie further on).
 * Returns types outside the allow-list too (zip, executables, HTML...) so that refusals can say what
 * was found; null when the content is not recognised at all.
 */
export const sniffFileType = (head: Buffer, fileName: string): FileType | null => {
  const extension = fileExtension(fileName);

  if (startsWith(head, ascii('%PDF-'))) return { mime: 'application/pdf', ext: 'pdf' };
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { mime: 'image/png', ext: 'png' };
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { mime: 'image/jpeg', ext: 'jpg' };
  if (startsWith(head, ascii('GIF87a')) || startsWith(head, ascii('GIF89a'))) return { mime: 'image/gif', ext: 'gif' };
  if (startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a])) {
    return { mime: 'image/tiff', ext: 'tif' };
  }

  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return sniffZip(head, extension);
  if (startsWith(head, [0x50, 0x4b, 0x05, 0x06])) return { mime: 'application/zip', ext: 'zip' };
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    return (extension && OLE2_BY_EXTENSION[extension]) || { mime: 'application/x-ole-storage', ext: 'ole' };
  }

  // Recognised only to be refused with a precise message.
  if (startsWith(head, [0x7f, 0x45, 0x4c, 0x46])) return { mime: 'application/x-executable', ext: 'elf' };
  if (startsWith(head, ascii('MZ'))) return { mime: 'application/vnd.microsoft.portable-executable', ext: 'exe' };
  for (const magic of [0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe, 0xcafebabe]) {
    if (head.length >= 4 && head.readUInt32BE(0) === magic) return { mime: 'application/x-mach-binary', ext: 'macho' };
  }
  if (startsWith(head, ascii('Rar!'))) return { mime: 'application/vnd.rar', ext: 'rar' };
  if (startsWith(head, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return { mime: 'application/x-7z-compressed', ext: '7z' };
  if (startsWith(head, [0x1f, 0x8b])) return { mime: 'application/gzip', ext: 'gz' };

  const body = startsWith(head, [0xef, 0xbb, 0xbf]) ? head.subarray(3) : head;
  if (!isText(body)) return null;

  const text = body.toString('utf8');
  if (text.startsWith('#!')) return { mime: 'text/x-shellscript', ext: 'sh' };
  if (text.trimStart().startsWith('<')) return sniffMarkup(text);
  return { mime: 'text/plain', ext: 'txt' };
};

/**
 * Accepts a file only when its content is in ALLOWED_FILE_TYPES and its name's extension (if it
 * has one) is one this type may carry. Returns the detected type, to be stored as the object's
 * content type instead of whatever the client declared.
 * @throws AppError UNSUPPORTED_MEDIA_TYPE when the content is unknown or not allowed, or the
 *   extension contradicts it.
 */
export const checkAllowedFile = (head: Buffer, fileName: string): FileType => {
  const detected = sniffFileType(head, fileName);
  if (!detected) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', {
      message: 'the file content is empty or of an unrecognised type',
      details: { fileName },
    });
  }

  const allowed = ALLOWED_FILE_TYPES.find((t) => t.mime === detected.mime);
  if (!allowed) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', {
      message: `files of type ${detected.mime} are not accepted`,
      details: { fileName, detected: detected.mime },
    });
  }

  const extension = fileExtension(fileName);
  if (extension !== undefined && !allowed.extensions.includes(extension)) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', {
      message: `the file name ends in .${extension} but the content is ${detected.mime}`,
      details: { fileName, detected: detected.mime },
    });
  }

  return { mime: allowed.mime, ext: allowed.ext };
};

/**
 * Reads the first `n` bytes of `readable` (fewer if it ends sooner) without losing them: the
 * returned stream yields the whole content from the first byte. Used to sniff an upload before
 * streaming it to storage. Errors of the source surface on the returned stream; destroying the
 * returned stream destroys the source.
 */
export const peekStream = async (readable: Readable, n: number): Promise<{ head: Buffer; stream: Readable }> => {
  const iterator: AsyncIterator<unknown> = readable[Symbol.asyncIterator]();
  const chunks: Buffer[] = [];
  let length = 0;
  let done = false;

  while (length < n) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    const chunk = chunkToBuffer(next.value);
    chunks.push(chunk);
    length += chunk.length;
  }

  const buffered = Buffer.concat(chunks, length);

  async function* replay(): AsyncGenerator<Buffer> {
    try {
      if (buffered.length > 0) yield buffered;
      while (!done) {
        const next = await iterator.next();
        if (next.done) done = true;
        else yield chunkToBuffer(next.value);
      }
    } finally {
      // Early exit (the consumer destroyed the stream): let the source release its resources.
      if (!done) await iterator.return?.();
    }
  }

  const stream = Readable.from(replay(), { objectMode: false });
  // Destroyed before the generator ever ran, its finally block would not run: release the source here.
  stream.once('close', () => {
    if (!done) readable.destroy();
  });
  return { head: buffered.subarray(0, n), stream };
};

const chunkToBuffer = (chunk: unknown): Buffer => {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  if (typeof chunk === 'string') return Buffer.from(chunk);
  throw new TypeError('peekStream expects a byte stream');
};
