/**
 * Visible signature appearances: a form XObject drawn by hand (pdf-lib's form API would rewrite
 * objects we must not touch). Text uses an embedded, subset DejaVu Sans so Vietnamese diacritics
 * render; without that font the text falls back to Helvetica with the diacritics stripped.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';

import { PDFDocument, PDFObjectCopier, PDFRef, StandardFonts } from 'pdf-lib';

import { createAppearanceFont } from './font.js';
import { localParts } from './pdf-text.js';
import { createSealPng } from './seal-image.js';

/** [x1, y1, x2, y2] in PDF user space (points, origin bottom-left). */
export type Rect = [number, number, number, number];

/** Signing modes of Decree 30/2020 Appendix I (DOMAIN.md §2.5). */
export type AuthorityPrefix = 'TM.' | 'KT.' | 'TL.' | 'TUQ.' | 'Q.';

export type SignerAppearance = {
  kind: 'signer';
  /** 0-based page index; default: last page. */
  page?: number;
  /** Default: 220 x 80 pt at the bottom right. */
  rect?: Rect;
  signerName: string;
  /** The signer's own title, e.g. "PHÓ GIÁM ĐỐC". */
  position?: string;
  /** With `authorityTitle`, the line above the position, e.g. "KT. GIÁM ĐỐC". */
  authorityPrefix?: AuthorityPrefix;
  authorityTitle?: string;
};

export type SealAppearance = {
  kind: 'seal';
  page?: number;
  /** The signer's signature rectangle; the seal overlaps its left third. Default: the signer default rect. */
  signerRect?: Rect;
  /** PNG with a transparent background; default: a generated red round seal. */
  sealPng?: Buffer;
  documentNumber?: string;
  /** Free text, e.g. "15/03/2025"; default: the signing date. */
  documentDate?: string;
};

export type AppearanceOptions = SignerAppearance | SealAppearance;

export const DEFAULT_FONT_PATH = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';

let cachedFont: Uint8Array | null | undefined;

function defaultFontBytes(): Uint8Array | null {
  if (cachedFont === undefined) cachedFont = existsSync(DEFAULT_FONT_PATH) ? readFileSync(DEFAULT_FONT_PATH) : null;
  return cachedFont;
}

/** Remove Vietnamese diacritics for fonts limited to WinAnsi. */
export function stripDiacritics(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');
}

/** Default signer rectangle for a page of the given size. */
export function defaultSignerRect(pageWidth: number): Rect {
  return [pageWidth - 260, 60, pageWidth - 40, 140];
}

type TextLine = { text: string; size: number; x: number; y: number };

type Embedded = {
  fontRef: PDFRef;
  widthOfTextAtSize: (text: string, size: number) => number;
  /** Write the font objects for exactly these texts (the subset); then encode() them. */
  finish: (texts: string[]) => Promise<void>;
  encode: (s: string) => string;
  prepare: (s: string) => string;
};

async function embedFont(doc: PDFDocument, fontBytes?: Uint8Array): Promise<Embedded> {
  const bytes = fontBytes ?? defaultFontBytes();
  if (bytes) {
    const font = createAppearanceFont(doc.context, bytes);
    return { fontRef: font.ref, widthOfTextAtSize: font.widthOfTextAtSize, finish: font.finish, encode: font.encode, prepare: (s) => s };
  }
  const font = await doc.embedFont(StandardFonts.Helvetica);
  return {
    fontRef: font.ref,
    widthOfTextAtSize: (t, size) => font.widthOfTextAtSize(t, size),
    finish: () => font.embed(),
    encode: (s) => font.encodeText(s).toString(),
    prepare: stripDiacritics,
  };
}

/**
 * The image XObject (with its SMask) of each seal PNG, built once in a scratch document and
 * copied into each signed document: PNG decoding and deflating the pixels cost more than the rest
 * of a signature. Keyed by content hash, since callers usually load the seal afresh per request.
 */
const sealImages = new Map<string, { doc: PDFDocument; ref: PDFRef }>();
const MAX_SEAL_IMAGES = 16;
let defaultSeal: Buffer | undefined;

async function embedSealImage(doc: PDFDocument, png: Buffer): Promise<PDFRef> {
  const key = createHash('sha256').update(png).digest('hex');
  let cached = sealImages.get(key);
  if (!cached) {
    const scratch = await PDFDocument.create({ updateMetadata: false });
    const image = await scratch.embedPng(png);
    await image.embed();
    cached = { doc: scratch, ref: image.ref };
    sealImages.set(key, cached);
    if (sealImages.size > MAX_SEAL_IMAGES) sealImages.delete(sealImages.keys().next().value!);
  }
  // The copier deep-copies the image dictionary and its SMask stream; stream bytes stay compressed.
  const copy = PDFObjectCopier.for(cached.doc.context, doc.context).copy(cached.doc.context.lookup(cached.ref)!);
  return doc.context.register(copy);
}

/** Largest size <= max at which every line fits `width`. */
function fitSize(font: Embedded, lines: string[], width: number, max: number): number {
  let size = max;
  for (const l of lines) {
    const w = font.widthOfTextAtSize(l, size);
    if (w > width) size = (size * width) / w;
  }
  return Math.max(4, size);
}

const num = (n: number): string => (Math.round(n * 100) / 100).toString();

export type BuiltAppearance = { rect: Rect; apRef: PDFRef };

/**
 * Create the appearance stream (and its font/image objects) in `doc`'s context; the caller
 * writes every new object into the incremental update.
 */
export async function buildAppearance(
  doc: PDFDocument,
  pageWidth: number,
  options: AppearanceOptions,
  signedAt: Date,
  timeZoneOffsetMinutes: number,
  fontBytes?: Uint8Array,
): Promise<BuiltAppearance> {
  const ctx = doc.context;
  const embedded = await embedFont(doc, fontBytes);
  const t = localParts(signedAt, timeZoneOffsetMinutes);
  const date = `${t.day}/${t.month}/${t.year}`;
  const time = `${t.hour}:${t.minute}:${t.second} ${t.sign}${t.offH}:${t.offM}`;

  let rect: Rect;
  let content = '';
  const lines: TextLine[] = [];
  const resources: Record<string, unknown> = {};

  if (options.kind === 'signer') {
    rect = options.rect ?? defaultSignerRect(pageWidth);
    const w = rect[2] - rect[0];
    const h = rect[3] - rect[1];
    const texts = [
      options.authorityPrefix && options.authorityTitle ? `${options.authorityPrefix} ${options.authorityTitle}` : undefined,
      options.position,
      `Ký bởi: ${options.signerName}`,
      `Thời gian: ${date} ${time}`,
    ]
      .filter((s): s is string => Boolean(s))
      .map(embedded.prepare);
    const size = Math.min(fitSize(embedded, texts, w - 8, 9), (h - 6) / (texts.length * 1.25));
    texts.forEach((text, i) => lines.push({ text, size, x: 4, y: h - 4 - size * (1 + i * 1.25) }));
    content += `q 0.1 0.2 0.6 RG 0.8 w 0.4 0.4 ${num(w - 0.8)} ${num(h - 0.8)} re S Q\n`;
  } else {
    const sr = options.signerRect ?? defaultSignerRect(pageWidth);
    const d = Math.min(Math.max((sr[3] - sr[1]) * 1.15, 60), 120);
    const texts = [options.documentNumber ? `Số: ${options.documentNumber}` : undefined, `Ngày: ${options.documentDate ?? date}`]
      .filter((s): s is string => Boolean(s))
      .map(embedded.prepare);
    const size = 7;
    const textW = Math.max(...texts.map((s) => embedded.widthOfTextAtSize(s, size)));
    const textH = texts.length * size * 1.25 + 2;
    const w = Math.max(d, textW + 4);
    // Centre the seal on the middle of the signer's left third, like a physical seal (Art. 33.1.b).
    const cx = sr[0] + (sr[2] - sr[0]) / 6;
    const cy = (sr[1] + sr[3]) / 2;
    rect = [cx - w / 2, cy - d / 2 - textH, cx + w / 2, cy + d / 2];
    defaultSeal ??= createSealPng();
    resources.XObject = { Im1: await embedSealImage(doc, options.sealPng ?? defaultSeal) };
    content += `q ${num(d)} 0 0 ${num(d)} ${num((w - d) / 2)} ${num(textH)} cm /Im1 Do Q\n`;
    texts.forEach((text, i) => {
      const tw = embedded.widthOfTextAtSize(text, size);
      lines.push({ text, size, x: (w - tw) / 2, y: textH - size * 1.1 * (i + 1) - i * size * 0.15 });
    });
  }

  // The subset is built from exactly the glyphs drawn, before they are encoded.
  await embedded.finish(lines.map((l) => l.text));
  if (lines.length) {
    content += 'BT 0.05 0.1 0.45 rg\n';
    for (const l of lines) content += `/F1 ${num(l.size)} Tf 1 0 0 1 ${num(l.x)} ${num(l.y)} Tm ${embedded.encode(l.text)} Tj\n`;
    content += 'ET\n';
    resources.Font = { F1: embedded.fontRef };
  }

  const w = rect[2] - rect[0];
  const h = rect[3] - rect[1];
  const stream = ctx.flateStream(content, {
    Type: 'XObject',
    Subtype: 'Form',
    BBox: [0, 0, w, h],
    Resources: resources as never,
  });
  return { rect, apRef: ctx.register(stream) };
}
