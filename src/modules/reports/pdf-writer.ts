import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { deflateSync } from 'node:zlib';

import fontkit, { type Font, type Subset } from '@pdf-lib/fontkit';

/**
 * A PDF written to a stream as it is produced: each page's content is compressed and written when
 * the page is done, so memory holds one page, the fonts' used glyphs and an offset per object
 * (bounded whatever the number of rows). Text is real text: TrueType fonts embedded as subsets of
 * the glyphs used (Type0, Identity-H, with a ToUnicode map for copying and pdftotext). Glyphs come
 * straight from the font's character map, without shaping: the Vietnamese letters are precomposed
 * in NFC text and DejaVu Sans has them all. The file ends with a classic cross-reference table (no
 * object streams), which the seal's incremental update appends to.
 */

export type PdfFont = {
  /** The resource name the content streams use (F1, F2, …). */
  resource: string;
  /** Width of `text` at `size` points. */
  width(text: string, size: number): number;
  /** The text as a hex string of subset glyph ids (glyphs are added to the subset as they are used). */
  hex(text: string): string;
};

type Glyph = { hex: string; width: number };

class EmbeddedFont implements PdfFont {
  private readonly font: Font;
  private readonly subset: Subset;
  private readonly glyphs = new Map<string, Glyph>();
  /** Subset glyph id → its character and width (for ToUnicode and W). */
  private readonly used = new Map<number, { char: string; width: number }>();
  readonly baseName: string;

  constructor(
    bytes: Uint8Array,
    readonly resource: string,
    readonly objectNumber: number,
  ) {
    this.font = fontkit.create(bytes);
    this.subset = this.font.createSubset();
    const tag = Array.from(randomBytes(6), (b) => String.fromCharCode(65 + (b % 26))).join('');
    this.baseName = `${tag}+${(this.font.postscriptName ?? 'Font').replace(/[^A-Za-z0-9-]/g, '')}`;
  }

  private glyph(char: string): Glyph {
    let g = this.glyphs.get(char);
    if (!g) {
      const glyph = this.font.glyphForCodePoint(char.codePointAt(0)!);
      const id = this.subset.includeGlyph(glyph);
      const width = (glyph.advanceWidth * 1000) / this.font.unitsPerEm;
      this.used.set(id, { char, width });
      g = { hex: id.toString(16).padStart(4, '0'), width };
      this.glyphs.set(char, g);
    }
    return g;
  }

  width(text: string, size: number): number {
    let w = 0;
    for (const ch of text) w += this.glyph(ch).width;
    return (w * size) / 1000;
  }

  hex(text: string): string {
    let out = '';
    for (const ch of text) out += this.glyph(ch).hex;
    return out;
  }

  /** The font's objects: Type0 font (at objectNumber), CIDFont, descriptor, font file, ToUnicode. */
  async objects(next: () => number): Promise<{ num: number; dict: string; stream?: Buffer }[]> {
    const file = await new Promise<Buffer>((resolve, reject) => {
      const parts: Buffer[] = [];
      const stream = this.subset.encodeStream() as unknown as NodeJS.ReadableStream;
      stream.on('data', (b: Uint8Array) => parts.push(Buffer.from(b)));
      stream.on('end', () => resolve(Buffer.concat(parts)));
      stream.on('error', reject);
    });
    const [cid, descriptor, fontFile, toUnicode] = [next(), next(), next(), next()];
    const scale = 1000 / this.font.unitsPerEm;
    const { minX, minY, maxX, maxY } = this.font.bbox;
    const ids = [...this.used.keys()].sort((a, b) => a - b);
    const widths = ids.map((id) => `${id} [${round(this.used.get(id)!.width)}]`).join(' ');
    const utf16 = (s: string) => Array.from({ length: s.length }, (_, i) => s.charCodeAt(i).toString(16).padStart(4, '0')).join('');
    const chunks: string[] = [];
    for (let i = 0; i < ids.length; i += 100) {
      const block = ids.slice(i, i + 100);
      chunks.push(
        `${block.length} beginbfchar\n${block.map((id) => `<${id.toString(16).padStart(4, '0')}> <${utf16(this.used.get(id)!.char)}>`).join('\n')}\nendbfchar`,
      );
    }
    const cmap = [
      '/CIDInit /ProcSet findresource begin',
      '12 dict begin',
      'begincmap',
      '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
      '/CMapName /Adobe-Identity-UCS def',
      '/CMapType 2 def',
      '1 begincodespacerange\n<0000> <ffff>\nendcodespacerange',
      ...chunks,
      'endcmap',
      'CMapName currentdict /CMap defineresource pop',
      'end',
      'end',
    ].join('\n');
    const name = `/${this.baseName}`;
    return [
      {
        num: this.objectNumber,
        dict: `<< /Type /Font /Subtype /Type0 /BaseFont ${name} /Encoding /Identity-H /DescendantFonts [${cid} 0 R] /ToUnicode ${toUnicode} 0 R >>`,
      },
      {
        num: cid,
        dict: `<< /Type /Font /Subtype /CIDFontType2 /BaseFont ${name} /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor ${descriptor} 0 R /CIDToGIDMap /Identity /W [${widths}] >>`,
      },
      {
        num: descriptor,
        dict: `<< /Type /FontDescriptor /FontName ${name} /Flags 32 /FontBBox [${[minX, minY, maxX, maxY].map((v) => round(v * scale)).join(' ')}] /ItalicAngle ${this.font.italicAngle} /Ascent ${round(this.font.ascent * scale)} /Descent ${round(this.font.descent * scale)} /CapHeight ${round((this.font.capHeight || this.font.ascent) * scale)} /StemV 0 /FontFile2 ${fontFile} 0 R >>`,
      },
      { num: fontFile, dict: `<< /Length1 ${file.length} >>`, stream: file },
      { num: toUnicode, dict: '<< >>', stream: Buffer.from(cmap, 'latin1') },
    ];
  }
}

const round = (v: number) => Math.round(v * 1000) / 1000;

/** A PDF text string (title, creator) as UTF-16BE hex. */
function textString(s: string): string {
  const be = Buffer.from(s, 'utf16le').swap16();
  return `<FEFF${be.toString('hex').toUpperCase()}>`;
}

export type PageSize = [number, number];

/**
 * Writes a PDF page by page. Objects 1–2 are the catalog and the page tree, written last; each
 * finished page is written at once. `pageTotal` draws the final page count where it is not known
 * yet (a form XObject written at the end).
 */
export class PdfStreamWriter {
  private pos = 0;
  private readonly offsets: number[] = [0];
  private readonly pages: number[] = [];
  private readonly fonts: EmbeddedFont[] = [];
  private readonly totalObject: number;
  private content: string[] = [];
  private started = false;

  constructor(
    private readonly out: Writable,
    private readonly size: PageSize,
  ) {
    this.offsets.push(0, 0); // 1 catalog, 2 pages
    this.totalObject = this.reserve();
  }

  private reserve(): number {
    this.offsets.push(0);
    return this.offsets.length - 1;
  }

  private async write(chunk: Buffer | string): Promise<void> {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk;
    this.pos += buf.length;
    if (!this.out.write(buf)) await once(this.out, 'drain');
  }

  private async object(num: number, dict: string, stream?: Buffer): Promise<void> {
    this.offsets[num] = this.pos;
    if (!stream) return this.write(`${num} 0 obj\n${dict}\nendobj\n`);
    const packed = deflateSync(stream);
    // The stream's length and filter go into its dictionary, before the closing >>.
    const open = dict.slice(0, dict.lastIndexOf('>>'));
    await this.write(`${num} 0 obj\n${open} /Length ${packed.length} /Filter /FlateDecode >>\nstream\n`);
    await this.write(packed);
    await this.write('\nendstream\nendobj\n');
  }

  private async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    await this.write(Buffer.from('%PDF-1.7\n%\xE2\xE3\xCF\xD3\n', 'latin1'));
  }

  /** A TrueType font for the pages (added before the first page). */
  addFont(bytes: Uint8Array): PdfFont {
    const font = new EmbeddedFont(bytes, `F${this.fonts.length + 1}`, this.reserve());
    this.fonts.push(font);
    return font;
  }

  get pageCount(): number {
    return this.pages.length + (this.content.length ? 1 : 0);
  }

  text(font: PdfFont, size: number, x: number, y: number, text: string): void {
    if (text) this.content.push(`BT /${font.resource} ${size} Tf 1 0 0 1 ${round(x)} ${round(y)} Tm <${font.hex(text)}> Tj ET`);
  }

  /** A rectangle stroked in `stroke` grey, filled in `fill` grey when given. */
  rect(x: number, y: number, w: number, h: number, stroke: number, lineWidth: number, fill?: number): void {
    const paint = fill === undefined ? 'S' : `B`;
    this.content.push(
      `q ${lineWidth} w ${stroke} ${stroke} ${stroke} RG ${fill !== undefined ? `${fill} g ` : ''}${round(x)} ${round(y)} ${round(w)} ${round(h)} re ${paint} Q`,
    );
  }

  /** The document's page count, drawn at (x, y) once known. */
  pageTotal(x: number, y: number): void {
    this.content.push(`q 1 0 0 1 ${round(x)} ${round(y)} cm /T Do Q`);
  }

  /** Ends the current page (if any) and starts another. */
  async newPage(): Promise<void> {
    await this.start();
    if (this.content.length || this.pages.length === 0) await this.flushPage();
  }

  private async flushPage(): Promise<void> {
    if (!this.content.length) return;
    const contents = this.reserve();
    await this.object(contents, '<< >>', Buffer.from(this.content.join('\n'), 'latin1'));
    this.content = [];
    const page = this.reserve();
    const fonts = this.fonts.map((f) => `/${f.resource} ${f.objectNumber} 0 R`).join(' ');
    await this.object(
      page,
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${this.size[0]} ${this.size[1]}] /Resources << /Font << ${fonts} >> /XObject << /T ${this.totalObject} 0 R >> >> /Contents ${contents} 0 R >>`,
    );
    this.pages.push(page);
  }

  /** Writes the last page, the page count, the fonts, the page tree, the catalog and the cross-reference table. */
  async finish(info: { title: string; creator: string }, totalFont: PdfFont, totalSize: number): Promise<void> {
    await this.start();
    await this.flushPage();
    const total = String(this.pages.length);
    await this.object(
      this.totalObject,
      `<< /Type /XObject /Subtype /Form /BBox [0 0 ${round(totalFont.width(total, totalSize) + 2)} ${totalSize * 2}] /Resources << /Font << /${totalFont.resource} ${(totalFont as EmbeddedFont).objectNumber} 0 R >> >> >>`,
      Buffer.from(`BT /${totalFont.resource} ${totalSize} Tf 0 0 Td <${totalFont.hex(total)}> Tj ET`, 'latin1'),
    );
    for (const font of this.fonts) for (const o of await font.objects(() => this.reserve())) await this.object(o.num, o.dict, o.stream);
    await this.object(2, `<< /Type /Pages /Kids [${this.pages.map((p) => `${p} 0 R`).join(' ')}] /Count ${this.pages.length} >>`);
    await this.object(1, '<< /Type /Catalog /Pages 2 0 R >>');
    const infoNum = this.reserve();
    await this.object(
      infoNum,
      `<< /Title ${textString(info.title)} /Creator ${textString(info.creator)} /Producer ${textString('vanthu')} >>`,
    );
    const xref = this.pos;
    const id = randomBytes(16).toString('hex');
    const lines = this.offsets.map((off, i) => (i === 0 ? '0000000000 65535 f \n' : `${String(off).padStart(10, '0')} 00000 n \n`));
    await this.write(`xref\n0 ${this.offsets.length}\n${lines.join('')}`);
    await this.write(
      `trailer\n<< /Size ${this.offsets.length} /Root 1 0 R /Info ${infoNum} 0 R /ID [<${id}> <${id}>] >>\nstartxref\n${xref}\n%%EOF\n`,
    );
    this.out.end();
  }
}
