/**
 * Embedded, subset TrueType text for signature appearances, with the expensive work cached per
 * process. pdf-lib's embedFont re-parses the 740 KB font, re-decodes its layout tables, rebuilds
 * the subset and deflates it in JavaScript for every signature (~70 visible signatures/s); here the
 * parsed fontkit Font is kept per font buffer, and the finished font program, widths and
 * ToUnicode CMap are kept per set of glyphs, so a repeat signer costs a few dictionary objects.
 *
 * The subset is deterministic: glyphs are numbered in ascending original glyph id, so the same
 * set of glyphs always yields the same bytes and CIDs (Identity-H, CIDToGIDMap Identity).
 */
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';

import fontkit from '@pdf-lib/fontkit';
import type { Font, Glyph } from '@pdf-lib/fontkit';
import { PDFHexString, PDFString } from 'pdf-lib';
import type { PDFContext, PDFRef } from 'pdf-lib';

/** What a text run needs from a font: measuring, writing the font objects, encoding for Tj. */
export type AppearanceFont = {
  /** Reserved up front so the appearance's /Resources can name the font before it is written. */
  ref: PDFRef;
  widthOfTextAtSize: (text: string, size: number) => number;
  /** Write the font objects for exactly the glyphs of `texts`; call once, before encode(). */
  finish: (texts: string[]) => Promise<void>;
  /** The string operand for Tj (a hex string of 2-byte CIDs); only for texts given to finish(). */
  encode: (text: string) => string;
};

type Program = {
  /** Deflated TrueType subset (FontFile2) and its uncompressed length (/Length1). */
  fontFile: Buffer;
  length1: number;
  /** Advance widths of CIDs 1..n in 1/1000 em. */
  widths: number[];
  /** Deflated ToUnicode CMap. */
  toUnicode: Buffer;
  /** Subset tag (six capitals) derived from the glyph set, as PDF 32000 §9.6.4 asks. */
  tag: string;
};

type FontEntry = { font: Font; scale: number; flags: number; postscriptName: string; programs: Map<string, Program> };

/** Distinct glyph sets kept per font; signer names vary, so the cache must stay bounded. */
const MAX_PROGRAMS_PER_FONT = 512;

const fonts = new WeakMap<Uint8Array, FontEntry>();
/** Same font in another buffer (a caller reading the file per request): found by content hash. */
const fontsByHash = new Map<string, FontEntry>();
const MAX_FONTS = 8;

function entryFor(bytes: Uint8Array): FontEntry {
  let entry = fonts.get(bytes);
  if (entry) return entry;
  const hash = createHash('sha256').update(bytes).digest('hex');
  entry = fontsByHash.get(hash);
  if (!entry) {
    const font = fontkit.create(bytes);
    const familyClass = (font['OS/2'] as { sFamilyClass?: number } | undefined)?.sFamilyClass ?? 0;
    // PDF font flags (Table 121): FixedPitch 1, Serif 2, Symbolic 4 (any CID font), Italic 64.
    const flags =
      (font.post.isFixedPitch ? 1 : 0) | (familyClass >= 1 && familyClass <= 7 ? 2 : 0) | 4 | (font.head.macStyle.italic ? 64 : 0);
    const postscriptName = (font.postscriptName ?? 'Font').replace(/[^!-~]|[()<>[\]{}/%#]/g, '');
    entry = { font, scale: 1000 / font.unitsPerEm, flags, postscriptName, programs: new Map() };
    fontsByHash.set(hash, entry);
    if (fontsByHash.size > MAX_FONTS) fontsByHash.delete(fontsByHash.keys().next().value!);
  }
  fonts.set(bytes, entry);
  return entry;
}

/** One glyph per code point (NFC): no shaping, which Latin/Vietnamese text with DejaVu never needs. */
function glyphsOf(font: Font, text: string): Glyph[] {
  return Array.from(text.normalize('NFC'), (ch) => font.glyphForCodePoint(ch.codePointAt(0)!));
}

/** [glyph id, code point] pairs of `texts`, by glyph id; the lowest code point when several share a glyph. */
function glyphCodePoints(font: Font, texts: string[]): [number, number][] {
  const byGlyph = new Map<number, number>();
  for (const text of texts) {
    for (const ch of text.normalize('NFC')) {
      const cp = ch.codePointAt(0)!;
      const id = font.glyphForCodePoint(cp).id;
      // .notdef (glyph 0) is always CID 0 of a subset and maps to no text.
      if (id !== 0 && !(byGlyph.get(id)! <= cp)) byGlyph.set(id, cp);
    }
  }
  return [...byGlyph].sort((a, b) => a[0] - b[0]);
}

const hex4 = (n: number): string => n.toString(16).padStart(4, '0').toUpperCase();

function utf16Hex(codePoints: number[]): string {
  return Array.from(String.fromCodePoint(...codePoints), (c) => hex4(c.charCodeAt(0))).join('');
}

/** CID i+1 -> code point of pairs[i]. (fontkit's glyph.codePoints misses some glyphs, e.g. "U".) */
function toUnicodeCMap(pairs: [number, number][]): Buffer {
  const entries = pairs.map(([, cp], i) => `<${hex4(i + 1)}> <${utf16Hex([cp])}>`);
  let body = '';
  for (let i = 0; i < entries.length; i += 100) {
    const block = entries.slice(i, i + 100);
    body += `${block.length} beginbfchar\n${block.join('\n')}\nendbfchar\n`;
  }
  const cmap =
    '/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n' +
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n' +
    '/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n' +
    '1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n' +
    body +
    'endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend';
  return deflateSync(Buffer.from(cmap, 'latin1'));
}

async function encodeSubset(font: Font, glyphIds: number[]): Promise<Buffer> {
  const subset = font.createSubset();
  for (const id of glyphIds) subset.includeGlyph(id);
  return new Promise<Buffer>((resolve, reject) => {
    const parts: Uint8Array[] = [];
    const stream = subset.encodeStream() as unknown as {
      on: (event: string, cb: (arg: Uint8Array & Error) => void) => typeof stream;
    };
    stream
      .on('data', (b) => parts.push(b))
      .on('end', () => resolve(Buffer.concat(parts)))
      .on('error', reject);
  });
}

async function programFor(entry: FontEntry, pairs: [number, number][]): Promise<Program> {
  const key = pairs.join(';');
  const hit = entry.programs.get(key);
  if (hit) {
    // Re-insert: Map keeps insertion order, so the first key is always the least recently used.
    entry.programs.delete(key);
    entry.programs.set(key, hit);
    return hit;
  }
  const glyphIds = pairs.map(([id]) => id);
  const glyphs = glyphIds.map((id) => entry.font.getGlyph(id));
  const ttf = await encodeSubset(entry.font, glyphIds);
  const tagHash = createHash('sha256').update(key).digest();
  const program: Program = {
    fontFile: deflateSync(ttf),
    length1: ttf.length,
    widths: glyphs.map((g) => Math.round(g.advanceWidth * entry.scale * 1000) / 1000),
    toUnicode: toUnicodeCMap(pairs),
    tag: Array.from(tagHash.subarray(0, 6), (b) => String.fromCharCode(65 + (b % 26))).join(''),
  };
  entry.programs.set(key, program);
  if (entry.programs.size > MAX_PROGRAMS_PER_FONT) entry.programs.delete(entry.programs.keys().next().value!);
  return program;
}

/**
 * A Type0/CIDFontType2 font over `bytes` (a TrueType file) for one appearance in `ctx`. Measure
 * and encode every text first, then call finish() to write the (subset) font objects.
 */
export function createAppearanceFont(ctx: PDFContext, bytes: Uint8Array): AppearanceFont {
  const entry = entryFor(bytes);
  const ref = ctx.nextRef();
  let cids: Map<number, number> | undefined;

  return {
    ref,
    widthOfTextAtSize: (text, size) => {
      let total = 0;
      for (const g of glyphsOf(entry.font, text)) total += g.advanceWidth;
      return (total * entry.scale * size) / 1000;
    },
    finish: async (texts) => {
      if (cids) throw new Error('appearance font already finished');
      const pairs = glyphCodePoints(entry.font, texts);
      cids = new Map(pairs.map(([id], i) => [id, i + 1]));
      cids.set(0, 0);
      const program = await programFor(entry, pairs);
      const baseFont = `${program.tag}+${entry.postscriptName}`;
      const { font, scale } = entry;
      const fontFileRef = ctx.register(ctx.stream(program.fontFile, { Filter: 'FlateDecode', Length1: program.length1 }));
      const toUnicodeRef = ctx.register(ctx.stream(program.toUnicode, { Filter: 'FlateDecode' }));
      const descriptorRef = ctx.register(
        ctx.obj({
          Type: 'FontDescriptor',
          FontName: baseFont,
          Flags: entry.flags,
          FontBBox: [font.bbox.minX * scale, font.bbox.minY * scale, font.bbox.maxX * scale, font.bbox.maxY * scale],
          ItalicAngle: font.italicAngle,
          Ascent: font.ascent * scale,
          Descent: font.descent * scale,
          CapHeight: (font.capHeight || font.ascent) * scale,
          XHeight: (font.xHeight || 0) * scale,
          StemV: 0,
          FontFile2: fontFileRef,
        }),
      );
      const cidFontRef = ctx.register(
        ctx.obj({
          Type: 'Font',
          Subtype: 'CIDFontType2',
          BaseFont: baseFont,
          CIDSystemInfo: { Registry: PDFString.of('Adobe'), Ordering: PDFString.of('Identity'), Supplement: 0 },
          FontDescriptor: descriptorRef,
          CIDToGIDMap: 'Identity',
          W: pairs.length ? [1, program.widths] : [],
        }),
      );
      ctx.assign(
        ref,
        ctx.obj({
          Type: 'Font',
          Subtype: 'Type0',
          BaseFont: baseFont,
          Encoding: 'Identity-H',
          DescendantFonts: [cidFontRef],
          ToUnicode: toUnicodeRef,
        }),
      );
    },
    encode: (text) => {
      if (!cids) throw new Error('appearance font not finished');
      const map = cids;
      const codes = glyphsOf(entry.font, text).map((g) => {
        const cid = map.get(g.id);
        if (cid === undefined) throw new Error('text was not part of the font subset');
        return hex4(cid);
      });
      return PDFHexString.of(codes.join('')).toString();
    },
  };
}
