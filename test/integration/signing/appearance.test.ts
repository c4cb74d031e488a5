/**
 * Visible appearances after the per-process font/seal caches: text must still extract as the
 * Vietnamese that was drawn (ToUnicode), the font must be an embedded subset, and a cached font
 * program must be the same bytes a fresh one would be.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';

import { DEFAULT_FONT_PATH } from '../../../src/modules/signing/pdf/appearance.js';
import { signPdf } from '../../../src/modules/signing/pdf/sign-pdf.js';
import type { SignPdfOptions } from '../../../src/modules/signing/pdf/sign-pdf.js';
import { createLocalKeySigner } from '../../../src/modules/signing/signers/local-key.js';
import { makePdf, pdfsig, run, setupEnv } from './tools.js';
import type { Env } from './tools.js';

let env: Env;
let original: Buffer;

beforeAll(async () => {
  env = setupEnv();
  original = await makePdf();
});

const signedAt = new Date('2026-03-15T02:30:45Z');
const rect: [number, number, number, number] = [330, 60, 555, 140];

const signVisible = async (pdf: Buffer, extra: Partial<SignPdfOptions> = {}): Promise<Buffer> =>
  (
    await signPdf({
      pdf,
      signer: createLocalKeySigner(env.official),
      signingTime: signedAt,
      appearance: {
        kind: 'signer',
        rect,
        signerName: 'Nguyễn Văn An',
        authorityPrefix: 'KT.',
        authorityTitle: 'CHỦ TỊCH',
        position: 'PHÓ CHỦ TỊCH',
      },
      ...extra,
    })
  ).pdf;

const tool = (cmd: string, pdf: Buffer, args: string[] = []): string => {
  const file = path.join(env.dir, `${cmd}-${process.hrtime.bigint()}.pdf`);
  writeFileSync(file, pdf);
  const r = run(cmd, [...args, file, ...(cmd === 'pdftotext' ? ['-'] : [])]);
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
  return r.stdout;
};

/** Decompressed FontFile2 bytes of every embedded TrueType font, in object order. */
async function fontPrograms(pdf: Buffer): Promise<Buffer[]> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const out: Buffer[] = [];
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFDict) || obj.get(PDFName.of('Type')) !== PDFName.of('FontDescriptor')) continue;
    const ref = obj.get(PDFName.of('FontFile2'));
    const stream = ref instanceof PDFRef ? doc.context.lookup(ref) : undefined;
    if (stream instanceof PDFRawStream) out.push(Buffer.from(stream.getContents()));
  }
  return out;
}

describe('visible appearance text and fonts', () => {
  it('extracts the Vietnamese text that was drawn, from an embedded subset font', async () => {
    const pdf = await signVisible(original);
    const text = tool('pdftotext', pdf);
    for (const line of ['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Ký bởi: Nguyễn Văn An', 'Thời gian: 15/03/2026 09:30:45 +07:00']) {
      expect(text).toContain(line);
    }
    const fonts = tool('pdffonts', pdf)
      .split('\n')
      .filter((l) => /DejaVuSans/.test(l));
    expect(fonts).toHaveLength(1);
    // name, type, encoding, emb, sub, uni: a tagged subset, embedded, with a ToUnicode map.
    expect(fonts[0]).toMatch(/^[A-Z]{6}\+DejaVuSans\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes\s/);
    expect(pdfsig(env, pdf)).toEqual([expect.objectContaining({ valid: true, trusted: true })]);
  });

  it('writes identical font programs from the cache and per glyph set, also for a copy of the font bytes', async () => {
    const first = await signVisible(original);
    const again = await signVisible(original);
    const copyOfFont = await signVisible(original, { fontBytes: Uint8Array.from(readFileSync(DEFAULT_FONT_PATH)) });
    const other = await signVisible(original, {
      appearance: { kind: 'signer', rect, signerName: 'Trần Thị Bình', position: 'CHÁNH VĂN PHÒNG' },
    });
    const [a] = await fontPrograms(first);
    expect(a.length).toBeGreaterThan(1000);
    expect((await fontPrograms(again))[0].equals(a)).toBe(true);
    expect((await fontPrograms(copyOfFont))[0].equals(a)).toBe(true);
    expect((await fontPrograms(other))[0].equals(a)).toBe(false);
    expect(tool('pdftotext', other)).toContain('Ký bởi: Trần Thị Bình');
  });

  it('draws the seal from the cached image into each document', async () => {
    const signer = await signVisible(original);
    const sealed = await signPdf({
      pdf: signer,
      signer: createLocalKeySigner(env.seal),
      fieldName: 'DauCoQuan',
      signingTime: signedAt,
      appearance: { kind: 'seal', signerRect: rect, documentNumber: '15/QĐ-UBND' },
    });
    const sealedAgain = await signPdf({
      pdf: await signVisible(await makePdf({ objectStreams: false })),
      signer: createLocalKeySigner(env.seal),
      signingTime: signedAt,
      appearance: { kind: 'seal', signerRect: rect, documentNumber: '16/QĐ-UBND' },
    });
    for (const pdf of [sealed.pdf, sealedAgain.pdf]) {
      expect(tool('pdfimages', pdf, ['-list'])).toMatch(/\n\s*\d+\s+0\s+image\s+256\s+256\s+rgb.*\n\s*\d+\s+1\s+smask\s+256\s+256\s+gray/);
      expect(pdfsig(env, pdf).map((s) => s.valid && s.trusted)).toEqual([true, true]);
    }
    expect(tool('pdftotext', sealedAgain.pdf)).toContain('Số: 16/QĐ-UBND');
  });
});
