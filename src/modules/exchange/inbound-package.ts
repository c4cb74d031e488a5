import { PassThrough, type Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { InboundAttachment, RefusedAttachment } from '../../db/schema/index.js';
import { AppError, isAppError } from '../../lib/errors.js';
import type { ObjectStorage } from '../../storage/object-storage.js';
import { SNIFF_BYTES, checkAllowedFile, peekStream } from '../documents/file-type.js';
import { cleanFileName } from '../documents/upload.js';
import { DEFAULT_EDXML_LIMITS, parseEdxml, type ParsedPackage } from './edxml/index.js';

/** Control characters (CR/LF included): never in a value that names, types or routes something. */
// eslint-disable-next-line no-control-regex -- finding control characters is this pattern's purpose
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * Refuses a package whose identifying fields carry control characters (a CR/LF in an attachment's
 * ContentType would end up in a storage or HTTP header) or whose text carries a NUL (PostgreSQL
 * text cannot hold it). Free text (subject, description) may keep line breaks. Checks what was
 * parsed: the manifest's types after a header-only parse, the attachments' own after a full one.
 * @throws AppError VALIDATION_FAILED naming the field.
 */
export function assertCleanFields(pkg: ParsedPackage): void {
  const fields: [string, string | null | undefined][] = [];
  if (pkg.kind === 'edoc') {
    const h = pkg.header;
    fields.push(
      ['From/OrganId', h.from.organId],
      ['DocumentId', h.documentId],
      ['Code/CodeNumber', h.code.number],
      ['Code/CodeNotation', h.code.notation],
    );
    h.to.forEach((t, i) => fields.push([`To[${i}]/OrganId`, t.organId]));
    pkg.manifest.forEach((r, i) => fields.push([`Manifest/Reference[${i}]/ContentType`, r.contentType]));
    pkg.attachments.forEach((a, i) => fields.push([`Attachment[${i}]/ContentType`, a.contentType]));
    fields.push(['Bussiness/DocumentId', pkg.business?.documentId]);
  } else {
    const st = pkg.status;
    fields.push(['From/OrganId', st.from.organId], ['StatusCode', st.statusCode], ['Timestamp', st.timestamp]);
    fields.push(
      ['ResponseFor/OrganId', st.responseFor.organId],
      ['ResponseFor/Code', st.responseFor.code],
      ['ResponseFor/DocumentId', st.responseFor.documentId],
    );
  }
  for (const [name, value] of fields) {
    if (value && CONTROL.test(value))
      throw new AppError('VALIDATION_FAILED', { message: `${name} contains control characters`, details: { field: name } });
  }
  if (JSON.stringify(pkg).includes('\\u0000')) throw new AppError('VALIDATION_FAILED', { message: 'the package contains a NUL character' });
}

/** What sniffing one attachment gave: stored under its real type, or refused (drained, not stored). */
type AttachmentOutcome = { stored: InboundAttachment } | { refused: RefusedAttachment };

export type UnpackedPackage = { pkg: ParsedPackage; attachments: InboundAttachment[]; refusedAttachments: RefusedAttachment[] };

/**
 * Reads a whole package, streaming each decoded attachment into its own object under `prefix`
 * (`attachment-1`, `attachment-2`…: the same keys each time, so unpacking twice writes the same
 * objects). On failure none of them stays.
 */
export function createPackageUnpacker({ storage }: { storage: ObjectStorage }) {
  /**
   * Sniffs one decoded attachment as an upload is sniffed (allow-list, magic bytes, name): an
   * allowed one is stored under its detected type, never the type the peer declared; a refused one
   * is drained (the parser must not stall on it) and reported, not stored.
   */
  async function storeAttachment(
    sink: PassThrough,
    storageKey: string,
    name: string,
    declaredType: string | null,
  ): Promise<AttachmentOutcome> {
    const { head, stream } = await peekStream(sink, SNIFF_BYTES);
    let contentType: string;
    try {
      contentType = checkAllowedFile(head, name).mime;
    } catch (err) {
      if (!isAppError(err) || err.code !== 'UNSUPPORTED_MEDIA_TYPE') throw err;
      stream.resume();
      await finished(stream);
      return { refused: { name, declaredType, reason: err.message } };
    }
    const { size, sha256 } = await storage.putStream(storageKey, stream, { contentType });
    return { stored: { name, contentType, size, sha256, storageKey } };
  }

  return {
    /**
     * @throws AppError VALIDATION_FAILED with the parser's reason (malformed XML, bad base64, limits,
     *   control characters in a field), after deleting what was stored.
     */
    async unpack(source: Readable, prefix: string): Promise<UnpackedPackage> {
      const sinks: PassThrough[] = [];
      const uploads: Promise<AttachmentOutcome>[] = [];
      const keys: string[] = [];
      try {
        const pkg = await parseEdxml(source, {
          ...DEFAULT_EDXML_LIMITS,
          // The package was measured against EXCHANGE_MAX_PACKAGE_BYTES when it was accepted.
          maxBytes: Number.MAX_SAFE_INTEGER,
          onAttachment: (meta) => {
            // Checked again on the whole package once parsed (the ContentType may follow the bytes).
            if (meta.contentType && CONTROL.test(meta.contentType)) {
              throw new AppError('VALIDATION_FAILED', {
                message: `Attachment[${meta.index}]/ContentType contains control characters`,
                details: { field: `Attachment[${meta.index}]/ContentType` },
              });
            }
            const sink = new PassThrough();
            const storageKey = `${prefix}attachment-${meta.index + 1}`;
            const name = cleanFileName(meta.name ?? `attachment-${meta.index + 1}`);
            sinks.push(sink);
            keys.push(storageKey);
            const upload = storeAttachment(sink, storageKey, name, meta.contentType);
            // Observed below; this keeps an early rejection from being reported as unhandled meanwhile.
            upload.catch(() => {});
            uploads.push(upload);
            return sink;
          },
        });
        const outcomes = await Promise.all(uploads);
        assertCleanFields(pkg);
        return {
          pkg,
          attachments: outcomes.flatMap((o) => ('stored' in o ? [o.stored] : [])),
          refusedAttachments: outcomes.flatMap((o) => ('refused' in o ? [o.refused] : [])),
        };
      } catch (err) {
        for (const s of sinks) s.destroy();
        await Promise.allSettled(uploads);
        await storage.deleteMany(keys).catch(() => {});
        throw err;
      }
    },
  };
}

export type PackageUnpacker = ReturnType<typeof createPackageUnpacker>;
