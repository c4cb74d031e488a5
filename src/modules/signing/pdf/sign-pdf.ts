/**
 * PAdES baseline signing (B-B, and B-T with a TSA): every signature is an incremental update
 * appended after the untouched earlier bytes (SIGNING.md §4). pdf-lib is used only to parse the
 * file and to serialise the few objects that change; its save() is never called.
 */
import { createHash, randomBytes, verify as cryptoVerify, X509Certificate } from 'node:crypto';

import { EncryptedPDFError, PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRef, PDFString, PDFHexString } from 'pdf-lib';
import type { PDFContext, PDFObject } from 'pdf-lib';

import { AppError, isAppError } from '../../../lib/errors.js';
import type { Signer } from '../signer.js';
import { buildAppearance } from './appearance.js';
import type { AppearanceOptions } from './appearance.js';
import { buildCms, buildSignedAttributes, certificateParts } from './cms.js';
import { appendIncrement, readLastSection } from './incremental-writer.js';
import type { IncrementObject } from './incremental-writer.js';
import { pdfDate, pdfTextString } from './pdf-text.js';
import { requestTimeStamp } from './tsa.js';

export const DEFAULT_PLACEHOLDER_SIZE = 16_384;
/** Vietnam time (UTC+7, no daylight saving) for /M and the visible text. */
export const DEFAULT_TIME_ZONE_OFFSET_MINUTES = 420;

const BYTE_RANGE_PLACEHOLDER = '/ByteRange [0 ********** ********** **********]';

export type SignatureDetails = {
  /** Requested field name; made unique with a numeric suffix if already taken. Default "Signature". */
  fieldName?: string;
  reason?: string;
  location?: string;
  contactInfo?: string;
  /** Claimed signing time written to /M (PAdES puts no signing-time in the CMS). Default: now. */
  signingTime?: Date;
  timeZoneOffsetMinutes?: number;
  /** Bytes reserved for the CMS; default 16 KiB (hex doubles it in the file). */
  placeholderSize?: number;
  /** Visible appearance; invisible when absent. */
  appearance?: AppearanceOptions;
  /** TrueType font for the appearance; default DejaVu Sans from fonts-dejavu-core. */
  fontBytes?: Uint8Array;
};

export type SignPdfOptions = SignatureDetails & {
  pdf: Buffer;
  signer: Signer;
  /** RFC 3161 time-stamp authority; makes the signature PAdES B-T. */
  tsaUrl?: string;
};

export type SignPdfResult = {
  pdf: Buffer;
  fieldName: string;
  signedAt: Date;
  byteRange: [number, number, number, number];
  cmsSize: number;
};

export type PreparePdfSignatureOptions = SignatureDetails & {
  pdf: Buffer;
  /** The signer's certificate (DER): the ESS signed attribute names it, so it is needed up front. */
  certificate: Buffer;
};

export type PreparedPdfSignature = {
  /** The PDF with the signature placeholder and the final ByteRange; keep it for completion. */
  prepared: Buffer;
  /** DER of the signed-attributes SET: what a device that hashes by itself signs (SHA-256). */
  signedAttributes: Buffer;
  /** SHA-256 of `signedAttributes`: what a device that signs pre-hashed data signs. */
  digest: Buffer;
  fieldName: string;
  signedAt: Date;
  byteRange: [number, number, number, number];
};

export type CompletePdfSignatureOptions = {
  prepared: Buffer;
  /** Signature value over the signed attributes (PKCS#1 v1.5 or DER ECDSA). */
  signature: Buffer;
  certificate: Buffer;
  chain?: Buffer[];
  tsaUrl?: string;
};

type Placeholder = {
  pdf: Buffer;
  fieldName: string;
  signedAt: Date;
  byteRange: [number, number, number, number];
};

const unprocessable = (message: string, reason: string, cause?: unknown): AppError =>
  new AppError('UNPROCESSABLE', { message, details: { reason }, cause });

async function parse(pdf: Buffer): Promise<PDFDocument> {
  const head = pdf.subarray(0, 1024).toString('latin1');
  if (!head.includes('%PDF-')) throw unprocessable('not a PDF file (no %PDF- header)', 'NOT_PDF');
  let doc: PDFDocument;
  try {
    // objectsPerTick Infinity: the default yields to the event loop every 100 objects, which
    // multiplies the parse time of large documents.
    doc = await PDFDocument.load(pdf, { updateMetadata: false, parseSpeed: Infinity });
  } catch (cause) {
    if (cause instanceof EncryptedPDFError) throw encrypted(cause);
    throw unprocessable(`unparsable PDF: ${cause instanceof Error ? cause.message : String(cause)}`, 'UNPARSABLE', cause);
  }
  if (doc.context.trailerInfo.Encrypt) throw encrypted();
  if (!(doc.context.lookup(doc.context.trailerInfo.Root) instanceof PDFDict)) {
    throw unprocessable('unparsable PDF: no document catalog', 'UNPARSABLE');
  }
  return doc;
}

const encrypted = (cause?: unknown): AppError =>
  unprocessable('encrypted PDF cannot be signed; remove the encryption first', 'ENCRYPTED', cause);

function serialise(obj: PDFObject): Buffer {
  const bytes = Buffer.alloc(obj.sizeInBytes());
  obj.copyBytesInto(bytes, 0);
  return bytes;
}

/** Partial names (/T) of every field-like dictionary, so a new field never collides. */
function existingFieldNames(ctx: PDFContext): Set<string> {
  const names = new Set<string>();
  for (const [, obj] of ctx.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFDict)) continue;
    const t = obj.get(PDFName.of('T'));
    if (t instanceof PDFString || t instanceof PDFHexString) names.add(t.decodeText());
  }
  return names;
}

function uniqueName(wanted: string, taken: Set<string>): string {
  if (!taken.has(wanted)) return wanted;
  for (let i = 2; ; i++) if (!taken.has(`${wanted}_${i}`)) return `${wanted}_${i}`;
}

/** Write the placeholder signature as an incremental update and fill in its ByteRange. */
async function writePlaceholder(input: Buffer, details: SignatureDetails): Promise<Placeholder> {
  const pdf = Buffer.isBuffer(input) ? input : Buffer.from(input);
  const previous = readLastSection(pdf);
  const doc = await parse(pdf);
  const ctx = doc.context;
  ctx.largestObjectNumber = Math.max(ctx.largestObjectNumber, previous.size - 1);
  const firstNewObject = ctx.largestObjectNumber + 1;

  const { Root, Info, ID } = ctx.trailerInfo;
  if (!(Root instanceof PDFRef)) throw unprocessable('unparsable PDF: the trailer has no /Root reference', 'UNPARSABLE');
  const catalog = ctx.lookup(Root, PDFDict);
  const changed = new Map<number, { ref: PDFRef; obj: PDFObject }>();
  const touch = (ref: PDFRef, obj: PDFObject): void => void changed.set(ref.objectNumber, { ref, obj });

  const signedAt = details.signingTime ?? new Date();
  const tz = details.timeZoneOffsetMinutes ?? DEFAULT_TIME_ZONE_OFFSET_MINUTES;
  const placeholderSize = details.placeholderSize ?? DEFAULT_PLACEHOLDER_SIZE;
  const fieldName = uniqueName(details.fieldName ?? 'Signature', existingFieldNames(ctx));

  const pages = doc.getPages();
  if (pages.length === 0) throw unprocessable('unparsable PDF: the document has no pages', 'UNPARSABLE');
  const pageIndex = details.appearance?.page ?? pages.length - 1;
  const page = pages[pageIndex];
  if (!page) throw new AppError('VALIDATION_FAILED', { message: `page ${pageIndex + 1} does not exist (document has ${pages.length})` });

  // The /Sig dictionary is written by hand so the offsets of /ByteRange and /Contents are known.
  const sigRef = ctx.nextRef();
  let sigText =
    `<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached\n${BYTE_RANGE_PLACEHOLDER}\n` +
    `/Contents <${'0'.repeat(placeholderSize * 2)}>\n/M (${pdfDate(signedAt, tz)})`;
  if (details.reason) sigText += ` /Reason ${pdfTextString(details.reason)}`;
  if (details.location) sigText += ` /Location ${pdfTextString(details.location)}`;
  if (details.contactInfo) sigText += ` /ContactInfo ${pdfTextString(details.contactInfo)}`;
  sigText += '\n/Prop_Build << /App << /Name /vanthu >> >> >>';

  let rect: number[] = [0, 0, 0, 0];
  let apRef: PDFRef;
  if (details.appearance) {
    const built = await buildAppearance(doc, page.getWidth(), details.appearance, signedAt, tz, details.fontBytes);
    rect = built.rect;
    apRef = built.apRef;
  } else {
    // Invisible, but still with an (empty) appearance: some validators insist on /AP.
    apRef = ctx.register(ctx.flateStream('', { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 0, 0] }));
  }

  const widgetRef = ctx.register(
    ctx.obj({
      Type: 'Annot',
      Subtype: 'Widget',
      FT: 'Sig',
      T: /^[\x20-\x7e]*$/.test(fieldName) ? PDFString.of(fieldName) : PDFHexString.fromText(fieldName),
      V: sigRef,
      F: 132, // Print | Locked
      Rect: rect,
      P: page.ref,
      AP: { N: apRef },
    }),
  );

  // Page /Annots: rewrite the indirect array if there is one, else the page itself.
  const annots = page.node.get(PDFName.of('Annots'));
  if (annots instanceof PDFRef) {
    const arr = ctx.lookup(annots, PDFArray);
    arr.push(widgetRef);
    touch(annots, arr);
  } else {
    const arr = annots instanceof PDFArray ? annots : ctx.obj([]);
    arr.push(widgetRef);
    page.node.set(PDFName.of('Annots'), arr);
    touch(page.ref, page.node);
  }

  // AcroForm: indirect (rewrite it), direct in the catalog or absent (rewrite the catalog).
  let catalogChanged = false;
  const afRaw = catalog.get(PDFName.of('AcroForm'));
  let acroForm: PDFDict;
  let afRef: PDFRef | undefined;
  if (afRaw instanceof PDFRef) {
    afRef = afRaw;
    acroForm = ctx.lookup(afRaw, PDFDict);
  } else if (afRaw instanceof PDFDict) {
    acroForm = afRaw;
    catalogChanged = true;
  } else {
    acroForm = ctx.obj({ Fields: [] });
    afRef = ctx.register(acroForm);
    catalog.set(PDFName.of('AcroForm'), afRef);
    catalogChanged = true;
  }
  const fields = acroForm.get(PDFName.of('Fields'));
  if (fields instanceof PDFRef) {
    const arr = ctx.lookup(fields, PDFArray);
    arr.push(widgetRef);
    touch(fields, arr);
  } else {
    const arr = fields instanceof PDFArray ? fields : ctx.obj([]);
    arr.push(widgetRef);
    acroForm.set(PDFName.of('Fields'), arr);
  }
  const flags = acroForm.get(PDFName.of('SigFlags'));
  acroForm.set(PDFName.of('SigFlags'), PDFNumber.of((flags instanceof PDFNumber ? flags.asNumber() : 0) | 3));
  if (afRef) touch(afRef, acroForm);

  // ETSI.CAdES.detached is standard only in PDF 2.0; a 1.x file declares the ESIC extension.
  const extensions = catalog.get(PDFName.of('Extensions'));
  if (!extensions) {
    catalog.set(PDFName.of('Extensions'), ctx.obj({ ESIC: { BaseVersion: PDFName.of('1.7'), ExtensionLevel: 1 } }));
    catalogChanged = true;
  } else {
    const extRef = extensions instanceof PDFRef ? extensions : undefined;
    const extDict = ctx.lookup(extensions);
    if (extDict instanceof PDFDict && !extDict.has(PDFName.of('ESIC'))) {
      extDict.set(PDFName.of('ESIC'), ctx.obj({ BaseVersion: PDFName.of('1.7'), ExtensionLevel: 1 }));
      if (extRef) touch(extRef, extDict);
      else catalogChanged = true;
    }
  }
  if (catalogChanged) touch(Root, catalog);

  // Every object registered since parsing (widget, appearance, fonts, images, AcroForm) is new.
  for (const [ref, obj] of ctx.enumerateIndirectObjects()) {
    if (ref.objectNumber >= firstNewObject) touch(ref, obj);
  }
  const objects: IncrementObject[] = [{ objectNumber: sigRef.objectNumber, generation: 0, body: Buffer.from(sigText, 'latin1') }];
  for (const { ref, obj } of [...changed.values()].sort((a, b) => a.ref.objectNumber - b.ref.objectNumber)) {
    objects.push({ objectNumber: ref.objectNumber, generation: ref.generationNumber, body: serialise(obj) });
  }

  const xrefStreamObjectNumber = previous.kind === 'stream' ? ctx.nextRef().objectNumber : undefined;
  const idArray = ID instanceof PDFArray ? ID : undefined;
  const { pdf: out, bodyOffsets } = appendIncrement(pdf, {
    previous,
    objects,
    root: Root.toString(),
    info: Info ? Info.toString() : undefined,
    idFirst: idArray && idArray.size() > 0 ? idArray.get(0).toString() : undefined,
    idSecond: `<${randomBytes(16).toString('hex').toUpperCase()}>`,
    xrefStreamObjectNumber,
    largestObjectNumber: ctx.largestObjectNumber,
  });

  const sigStart = bodyOffsets.get(sigRef.objectNumber)!;
  const brPos = out.indexOf(BYTE_RANGE_PLACEHOLDER, sigStart, 'latin1');
  const contentsStart = out.indexOf('/Contents <', sigStart, 'latin1') + '/Contents '.length; // at '<'
  const contentsEnd = contentsStart + placeholderSize * 2 + 2; // after '>'
  const byteRange: Placeholder['byteRange'] = [0, contentsStart, contentsEnd, out.length - contentsEnd];
  out.write(`/ByteRange [${byteRange.join(' ')}]`.padEnd(BYTE_RANGE_PLACEHOLDER.length, ' '), brPos, 'latin1');
  return { pdf: out, fieldName, signedAt, byteRange };
}

/** SHA-256 over the two signed ranges, streamed over subarrays (no copy of the file). */
export function byteRangeDigest(pdf: Buffer, byteRange: readonly number[], algorithm = 'sha256'): Buffer {
  const [a, b, c, d] = byteRange;
  return createHash(algorithm)
    .update(pdf.subarray(a, a + b))
    .update(pdf.subarray(c, c + d))
    .digest();
}

/** Find the (single, last) unsigned placeholder of a prepared PDF and check its layout. */
function locatePlaceholder(prepared: Buffer): Placeholder['byteRange'] {
  const at = prepared.lastIndexOf('/ByteRange [', undefined, 'latin1');
  const m = at < 0 ? null : /^\/ByteRange \[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(prepared.toString('latin1', at, at + 80));
  if (!m) throw unprocessable('not a prepared PDF: no ByteRange found', 'NOT_PREPARED');
  const br = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])] as Placeholder['byteRange'];
  const placeholderOk =
    br[0] === 0 &&
    prepared[br[1]] === 0x3c &&
    prepared[br[2] - 1] === 0x3e &&
    br[2] + br[3] === prepared.length &&
    /^0+$/.test(prepared.toString('latin1', br[1] + 1, br[2] - 1));
  if (!placeholderOk)
    throw unprocessable('not a prepared PDF: the placeholder is missing, filled or followed by other data', 'NOT_PREPARED');
  return br;
}

type EmbedOptions = {
  pdf: Buffer;
  byteRange: Placeholder['byteRange'];
  signedAttributes: Buffer;
  signature: Buffer;
  certificate: Buffer;
  chain: Buffer[];
  tsaUrl?: string;
};

/** Check the signature value, build the CMS and write it into /Contents (in place). */
async function embedSignature({ pdf, byteRange, signedAttributes, signature, certificate, chain, tsaUrl }: EmbedOptions): Promise<number> {
  const cert = certificateParts(certificate);
  // A wrong key, a token that signed other bytes or a mangled value would otherwise only show up
  // later as an invalid signature in a validator.
  if (!cryptoVerify('sha256', signedAttributes, new X509Certificate(certificate).publicKey, signature)) {
    throw unprocessable(
      'the signature value does not verify with the signer certificate over the prepared document',
      'BAD_SIGNATURE_VALUE',
    );
  }
  const timeStampToken = tsaUrl ? await requestTimeStamp({ url: tsaUrl, data: signature }) : undefined;
  const cms = buildCms({ signedAttributes, signature, certificate: cert, chain: chain.map(certificateParts), timeStampToken });
  const capacity = (byteRange[2] - byteRange[1] - 2) / 2;
  if (cms.length > capacity) {
    throw new AppError('UNPROCESSABLE', {
      message: `signature (${cms.length} bytes) does not fit the ${capacity}-byte placeholder; retry with a larger placeholderSize`,
      details: { code: 'SIGNATURE_TOO_LARGE', reason: 'SIGNATURE_TOO_LARGE', cmsSize: cms.length, placeholderSize: capacity },
    });
  }
  pdf.write(cms.toString('hex').toUpperCase(), byteRange[1] + 1, 'latin1');
  return cms.length;
}

/**
 * Sign a PDF with a PAdES baseline signature (B-B; B-T when `tsaUrl` is given) as a new
 * incremental update with its own uniquely named field.
 * @throws AppError UNPROCESSABLE for encrypted, unparsable or hybrid-reference PDFs (details.reason
 *   ENCRYPTED / UNPARSABLE / NOT_PDF / HYBRID_XREF) and when the CMS does not fit the placeholder
 *   (details.code SIGNATURE_TOO_LARGE); VALIDATION_FAILED for a page that does not exist.
 */
export async function signPdf(options: SignPdfOptions): Promise<SignPdfResult> {
  const { signer, tsaUrl } = options;
  const placeholder = await writePlaceholder(options.pdf, options);
  const signedAttributes = buildSignedAttributes({
    messageDigest: byteRangeDigest(placeholder.pdf, placeholder.byteRange),
    certificate: certificateParts(signer.certificate),
  });
  const signature = await signer.sign(signedAttributes);
  const cmsSize = await embedSignature({
    pdf: placeholder.pdf,
    byteRange: placeholder.byteRange,
    signedAttributes,
    signature,
    certificate: signer.certificate,
    chain: signer.chain,
    tsaUrl,
  });
  return { ...placeholder, cmsSize };
}

/**
 * First half of external signing (USB token, remote signing service): write the placeholder and
 * return what the device must sign. Keep `prepared` and pass it to completePdfSignature.
 * @throws AppError as signPdf.
 */
export async function preparePdfSignature(options: PreparePdfSignatureOptions): Promise<PreparedPdfSignature> {
  const placeholder = await writePlaceholder(options.pdf, options);
  const signedAttributes = buildSignedAttributes({
    messageDigest: byteRangeDigest(placeholder.pdf, placeholder.byteRange),
    certificate: certificateParts(options.certificate),
  });
  return {
    prepared: placeholder.pdf,
    signedAttributes,
    digest: createHash('sha256').update(signedAttributes).digest(),
    fieldName: placeholder.fieldName,
    signedAt: placeholder.signedAt,
    byteRange: placeholder.byteRange,
  };
}

/**
 * Second half of external signing: embed the device's signature value into a copy of `prepared`.
 * The signed attributes are rebuilt from `prepared` and `certificate` (they are deterministic).
 * @throws AppError UNPROCESSABLE when `prepared` has no open placeholder, when the signature does
 *   not verify with `certificate`, or when the CMS does not fit (SIGNATURE_TOO_LARGE).
 */
export async function completePdfSignature({
  prepared,
  signature,
  certificate,
  chain = [],
  tsaUrl,
}: CompletePdfSignatureOptions): Promise<Buffer> {
  const byteRange = locatePlaceholder(prepared);
  const signedAttributes = buildSignedAttributes({
    messageDigest: byteRangeDigest(prepared, byteRange),
    certificate: certificateParts(certificate),
  });
  const pdf = Buffer.from(prepared);
  try {
    await embedSignature({ pdf, byteRange, signedAttributes, signature, certificate, chain, tsaUrl });
  } catch (e) {
    if (isAppError(e)) throw e;
    throw unprocessable(`could not complete the signature: ${e instanceof Error ? e.message : String(e)}`, 'COMPLETE_FAILED', e);
  }
  return pdf;
}
