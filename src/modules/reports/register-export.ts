import { readFile } from 'node:fs/promises';
import type { Writable } from 'node:stream';

import fontkit from '@pdf-lib/fontkit';
import ExcelJS from 'exceljs';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';

import type { Column } from './register-columns.js';

/** What heads every export: the organisation, the register's or report's title and the period (already printed). */
export type ExportHeading = { organizationName: string; title: string; period: string };

/** A printed cell: text, or a number (kept a number in XLSX). */
export type Cell = string | number;

/** Pages of printed rows (one cell per column) in order, fetched one page at a time by the caller. */
export type RowPages = AsyncIterable<Cell[][]>;

/** A register or report as a file, written to `out` (streamed as it is produced). */
export type TableExport = { fileName: string; contentType: string; write(out: Writable): Promise<void> };

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * XLSX through exceljs's streaming WorkbookWriter: each row is committed (written to the zip
 * stream) as soon as it is added, so memory stays flat whatever the register's size. Strings are
 * written inline (no shared-strings table, which would grow with the rows).
 */
export async function writeTableXlsx(
  out: Writable,
  heading: ExportHeading,
  columns: Column[],
  pages: RowPages,
  sheetName = 'Sổ',
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName, {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    views: [{ state: 'frozen', ySplit: 4 }],
  });
  sheet.columns = columns.map((c) => ({ key: c.key, width: c.width }));
  sheet.addRow([heading.organizationName]).commit();
  const title = sheet.addRow([heading.title]);
  title.font = { bold: true, size: 14 };
  title.commit();
  sheet.addRow([heading.period]).commit();
  const header = sheet.addRow(columns.map((c) => c.title));
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  header.commit();
  for await (const rows of pages)
    for (const row of rows) {
      const line = sheet.addRow(row);
      line.alignment = { wrapText: true, vertical: 'top' };
      line.commit();
    }
  sheet.commit();
  await workbook.commit();
}

const FONT_PATH = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
const BOLD_FONT_PATH = '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf';
let fontBytes: Promise<[Uint8Array, Uint8Array]> | undefined;
/** DejaVu Sans (fonts-dejavu-core, installed by scripts/services.sh), read once per process. */
const fonts = () => (fontBytes ??= Promise.all([readFile(FONT_PATH), readFile(BOLD_FONT_PATH)]));

// A4 landscape, in points.
const PAGE: [number, number] = [841.89, 595.28];
const MARGIN = 28;
const SIZE = 7.5;
const LINE = 9.5;
const PAD = 3;
const BORDER = rgb(0.35, 0.35, 0.35);
/** Height kept free at the foot of a closed register's last page for the seal (signing/pdf/appearance.ts). */
const SEAL_SPACE = 170;

/** The width of a text at one font and size. */
type Measure = (text: string) => number;

/**
 * Widths as the sum of each character's advance, measured once per character: pdf-lib measures a
 * string by laying it out with fontkit (GSUB/GPOS shaping), and doing that for every word of every
 * cell made wrapping nearly all of a register's export time. Kerning is left out; at these sizes
 * it moves a line by less than the cell's padding.
 */
function measurer(font: PDFFont, size: number): Measure {
  const advances = new Map<string, number>();
  return (text) => {
    let width = 0;
    for (const ch of text) {
      let advance = advances.get(ch);
      if (advance === undefined) advances.set(ch, (advance = font.widthOfTextAtSize(ch, size)));
      width += advance;
    }
    return width;
  };
}

/** Lines of `text` that fit `width`, breaking between words, and inside a word longer than a line. */
function wrap(text: string, measure: Measure, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (measure(candidate) <= width) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      let rest = word;
      while (measure(rest) > width) {
        let cut = rest.length - 1;
        while (cut > 1 && measure(rest.slice(0, cut)) > width) cut--;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}

/**
 * The register as a PDF (A4 landscape, DejaVu Sans embedded as a subset so Vietnamese text is
 * real text): the organisation, title and period at the top of the first page, the table's header
 * repeated on every page, page numbers at the foot. Rows arrive page by page from the cursor;
 * pdf-lib writes the file only once complete, so the finished document is held in memory.
 */
export async function buildTablePdf(
  heading: ExportHeading,
  columns: Column[],
  pages: RowPages,
  options: { closing?: () => string } = {},
): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const [regularBytes, boldBytes] = await fonts();
  const font = await doc.embedFont(regularBytes, { subset: true });
  const bold = await doc.embedFont(boldBytes, { subset: true });
  doc.setTitle(`${heading.title} – ${heading.organizationName} – ${heading.period}`);
  doc.setCreator('vanthu');

  const tableWidth = PAGE[0] - 2 * MARGIN;
  const total = columns.reduce((s, c) => s + c.width, 0);
  const widths = columns.map((c) => (c.width / total) * tableWidth);
  const measureBold = measurer(bold, SIZE);
  const measureRegular = measurer(font, SIZE);
  const headerLines = columns.map((c, i) => wrap(c.title, measureBold, widths[i] - 2 * PAD));
  const headerHeight = Math.max(...headerLines.map((l) => l.length)) * LINE + 2 * PAD;
  // A cell taller than a page is cut to what fits (the full text is in the XLSX and the JSON).
  const maxLines = Math.floor((PAGE[1] - 2 * MARGIN - headerHeight - 2 * PAD) / LINE);

  let page: PDFPage | undefined;
  let y = 0;

  function drawRow(lines: string[][], height: number, f: PDFFont, shade: boolean) {
    const target = page!;
    let x = MARGIN;
    lines.forEach((cell, i) => {
      target.drawRectangle({
        x,
        y: y - height,
        width: widths[i],
        height,
        borderColor: BORDER,
        borderWidth: 0.5,
        ...(shade ? { color: rgb(0.92, 0.92, 0.92) } : {}),
      });
      cell.forEach((text, l) => target.drawText(text, { x: x + PAD, y: y - PAD - (l + 1) * LINE + 2, size: SIZE, font: f }));
      x += widths[i];
    });
    y -= height;
  }

  function newPage(first: boolean) {
    const p = (page = doc.addPage(PAGE));
    y = PAGE[1] - MARGIN;
    if (first) {
      p.drawText(heading.organizationName, { x: MARGIN, y: y - 10, size: 10, font: bold });
      const titleWidth = bold.widthOfTextAtSize(heading.title, 14);
      p.drawText(heading.title, { x: (PAGE[0] - titleWidth) / 2, y: y - 34, size: 14, font: bold });
      const periodWidth = font.widthOfTextAtSize(heading.period, 10);
      p.drawText(heading.period, { x: (PAGE[0] - periodWidth) / 2, y: y - 50, size: 10, font });
      y -= 62;
    }
    drawRow(headerLines, headerHeight, bold, true);
  }

  newPage(true);
  for await (const rows of pages)
    for (const row of rows) {
      const lines = columns.map((_, i) => {
        const all = wrap(String(row[i] ?? ''), measureRegular, widths[i] - 2 * PAD);
        return all.length > maxLines ? [...all.slice(0, maxLines - 1), `${all[maxLines - 1]}…`] : all;
      });
      const height = Math.max(...lines.map((l) => l.length)) * LINE + 2 * PAD;
      if (y - height < MARGIN + 12) newPage(false);
      drawRow(lines, height, font, false);
    }

  if (options.closing) {
    // A closed register ends with its closing statement and the agency's seal, which the signing
    // appearance draws at the foot of the last page (above y = 160): keep that space free.
    if (y - 20 < SEAL_SPACE) newPage(false);
    page!.drawText(options.closing(), { x: MARGIN, y: y - 16, size: 9, font: bold });
  }

  const all = doc.getPages();
  all.forEach((p, i) => {
    const text = `Trang ${i + 1}/${all.length}`;
    p.drawText(text, { x: PAGE[0] - MARGIN - font.widthOfTextAtSize(text, 7), y: MARGIN - 14, size: 7, font });
  });
  // Classic cross-reference table, no object streams: the seal's incremental update appends to it.
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}
