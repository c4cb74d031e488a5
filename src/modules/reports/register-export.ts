import { readFile } from 'node:fs/promises';
import { Writable } from 'node:stream';

import ExcelJS from 'exceljs';

import { PdfStreamWriter, type PdfFont } from './pdf-writer.js';
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
const BORDER = 0.35;
const SHADE = 0.92;
/** Height kept free at the foot of a closed register's last page for the seal (signing/pdf/appearance.ts). */
const SEAL_SPACE = 170;

/** The width of a text at one font and size. */
type Measure = (text: string) => number;

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
 * The table as a PDF (A4 landscape, DejaVu Sans embedded as a subset so Vietnamese text is real
 * text), written to `out` page by page (pdf-writer.ts): the organisation, title and period at the
 * top of the first page, the table's header repeated on every page, "Trang n/N" at the foot. Rows
 * arrive page by page from the cursor; memory holds one printed page whatever the table's size.
 * Widths are sums of per-character advances (no shaping, no kerning: at these sizes kerning moves
 * a line by less than the cell's padding).
 */
export async function writeTablePdf(
  out: Writable,
  heading: ExportHeading,
  columns: Column[],
  pages: RowPages,
  options: { closing?: () => string } = {},
): Promise<void> {
  const pdf = new PdfStreamWriter(out, PAGE);
  const [regularBytes, boldBytes] = await fonts();
  const font = pdf.addFont(regularBytes);
  const bold = pdf.addFont(boldBytes);

  const tableWidth = PAGE[0] - 2 * MARGIN;
  const total = columns.reduce((s, c) => s + c.width, 0);
  const widths = columns.map((c) => (c.width / total) * tableWidth);
  const measureBold: Measure = (t) => bold.width(t, SIZE);
  const measureRegular: Measure = (t) => font.width(t, SIZE);
  const headerLines = columns.map((c, i) => wrap(c.title, measureBold, widths[i] - 2 * PAD));
  const headerHeight = Math.max(...headerLines.map((l) => l.length)) * LINE + 2 * PAD;
  // A cell taller than a page is cut to what fits (the full text is in the XLSX and the JSON).
  const maxLines = Math.floor((PAGE[1] - 2 * MARGIN - headerHeight - 2 * PAD) / LINE);

  let y = 0;
  let pageNumber = 0;

  function drawRow(lines: string[][], height: number, f: PdfFont, shade: boolean) {
    let x = MARGIN;
    lines.forEach((cell, i) => {
      pdf.rect(x, y - height, widths[i], height, BORDER, 0.5, shade ? SHADE : undefined);
      cell.forEach((text, l) => pdf.text(f, SIZE, x + PAD, y - PAD - (l + 1) * LINE + 2, text));
      x += widths[i];
    });
    y -= height;
  }

  async function newPage(first: boolean) {
    await pdf.newPage();
    pageNumber++;
    y = PAGE[1] - MARGIN;
    const number = `Trang ${pageNumber}/`;
    const numberX = PAGE[0] - MARGIN - 60;
    pdf.text(font, 7, numberX, MARGIN - 14, number);
    pdf.pageTotal(numberX + font.width(number, 7), MARGIN - 14);
    if (first) {
      pdf.text(bold, 10, MARGIN, y - 10, heading.organizationName);
      pdf.text(bold, 14, (PAGE[0] - bold.width(heading.title, 14)) / 2, y - 34, heading.title);
      pdf.text(font, 10, (PAGE[0] - font.width(heading.period, 10)) / 2, y - 50, heading.period);
      y -= 62;
    }
    drawRow(headerLines, headerHeight, bold, true);
  }

  await newPage(true);
  for await (const rows of pages)
    for (const row of rows) {
      const lines = columns.map((_, i) => {
        const all = wrap(String(row[i] ?? ''), measureRegular, widths[i] - 2 * PAD);
        return all.length > maxLines ? [...all.slice(0, maxLines - 1), `${all[maxLines - 1]}…`] : all;
      });
      const height = Math.max(...lines.map((l) => l.length)) * LINE + 2 * PAD;
      if (y - height < MARGIN + 12) await newPage(false);
      drawRow(lines, height, font, false);
    }

  if (options.closing) {
    // A closed register ends with its closing statement and the agency's seal, which the signing
    // appearance draws at the foot of the last page (above y = 160): keep that space free.
    if (y - 20 < SEAL_SPACE) await newPage(false);
    pdf.text(bold, 9, MARGIN, y - 16, options.closing());
  }
  await pdf.finish({ title: `${heading.title} – ${heading.organizationName} – ${heading.period}`, creator: 'vanthu' }, font, 7);
}

/** The table's PDF in memory (a closed register, which is sealed and stored whole). */
export async function buildTablePdf(
  heading: ExportHeading,
  columns: Column[],
  pages: RowPages,
  options: { closing?: () => string } = {},
): Promise<Buffer> {
  const parts: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      parts.push(chunk);
      done();
    },
  });
  await writeTablePdf(sink, heading, columns, pages, options);
  return Buffer.concat(parts);
}
