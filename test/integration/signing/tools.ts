/**
 * Test fixtures and the independent Debian checkers (pdfsig, qpdf, openssl) for the signing tests.
 * Everything is generated under a temp dir; nothing here runs in src.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { PDFDocument, StandardFonts } from 'pdf-lib';

import { createDevPki } from '../../../scripts/create-dev-ca.js';
import type { DevPki } from '../../../scripts/create-dev-ca.js';
import { loadPkcs12 } from '../../../src/modules/signing/pkcs12.js';
import type { LoadedPkcs12 } from '../../../src/modules/signing/pkcs12.js';

const TOOL_PACKAGES: Record<string, string> = {
  pdfsig: 'poppler-utils',
  qpdf: 'qpdf',
  openssl: 'openssl',
  certutil: 'libnss3-tools',
  pk12util: 'libnss3-tools',
};

/** Install the Debian checkers when a machine lacks them. */
export function ensureTools(): void {
  const missing = Object.keys(TOOL_PACKAGES).filter((t) => spawnSync('which', [t]).status !== 0);
  if (missing.length === 0) return;
  execFileSync('apt-get', ['install', '-y', ...new Set(missing.map((t) => TOOL_PACKAGES[t]))], { stdio: 'ignore' });
}

export const run = (cmd: string, args: string[], input?: Buffer): { status: number; stdout: string; stderr: string } => {
  const r = spawnSync(cmd, args, { input, encoding: 'buffer', maxBuffer: 256 * 1024 * 1024 });
  return { status: r.status ?? -1, stdout: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8') };
};

export type Env = {
  dir: string;
  pki: DevPki;
  official: LoadedPkcs12;
  seal: LoadedPkcs12;
  caPem: Buffer;
  nssDir: string;
};

/** A dev PKI (official + seal) and an NSS database trusting its CA, for pdfsig. */
export function setupEnv(): Env {
  ensureTools();
  const dir = mkdtempSync(path.join(tmpdir(), 'vanthu-signing-'));
  const pki = createDevPki({
    outDir: path.join(dir, 'pki'),
    subjects: [
      { id: 'official', commonName: 'Nguyễn Văn An', kind: 'person' },
      { id: 'seal', commonName: 'UBND Tỉnh Thử Nghiệm', kind: 'organization' },
    ],
  });
  const nssDir = path.join(dir, 'nss');
  mkdirSync(nssDir);
  execFileSync('certutil', ['-N', '-d', `sql:${nssDir}`, '--empty-password']);
  execFileSync('certutil', ['-A', '-d', `sql:${nssDir}`, '-n', 'devca', '-t', 'CT,C,C', '-i', pki.caCertPath]);
  const load = (id: string): LoadedPkcs12 => loadPkcs12(readFileSync(pki.files.find((f) => f.id === id)!.p12Path), pki.password);
  return { dir, pki, official: load('official'), seal: load('seal'), caPem: readFileSync(pki.caCertPath), nssDir };
}

/** A pdf-lib document with text on every page; `objectStreams` picks xref stream vs table. */
export async function makePdf({ pages = 1, objectStreams = true }: { pages?: number; objectStreams?: boolean } = {}): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < pages; i++) {
    const p = doc.addPage([595, 842]);
    p.drawText(`Quyet dinh so ${i + 1}/QD-UBND`, { x: 50, y: 780, size: 16, font });
    for (let l = 0; l < 30; l++) p.drawText(`Line ${l + 1} of page ${i + 1}`, { x: 50, y: 740 - l * 16, size: 10, font });
  }
  return Buffer.from(await doc.save({ useObjectStreams: objectStreams }));
}

/** A document with an AcroForm text field, a checkbox and a link annotation. */
export async function makeFormPdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  const form = doc.getForm();
  const tf = form.createTextField('so_van_ban');
  tf.setText('123/QD');
  tf.addToPage(page, { x: 50, y: 700, width: 200, height: 20 });
  form.createCheckBox('khan').addToPage(page, { x: 50, y: 650, width: 15, height: 15 });
  const link = doc.context.register(
    doc.context.obj({
      Type: 'Annot',
      Subtype: 'Link',
      Rect: [50, 600, 150, 620],
      Border: [0, 0, 0],
      A: { S: 'URI', URI: 'https://example.org' },
    }),
  );
  page.node.addAnnot(link);
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

/** A hand-written minimal PDF with a classic table; `trailerExtra` is spliced into the trailer. */
export function makeMinimalPdf({ trailerExtra = '', eol = '\n' }: { trailerExtra?: string; eol?: string } = {}): Buffer {
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 300] /Contents 4 0 R /Resources << >> >>',
    '<< /Length 18 >>\nstream\n0 0 m 100 100 l S\nendstream',
  ];
  let s = `%PDF-1.4${eol}%\xe2\xe3\xcf\xd3${eol}`;
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(Buffer.byteLength(s, 'latin1'));
    s += `${i + 1} 0 obj${eol}${o}${eol}endobj${eol}`;
  });
  const xref = Buffer.byteLength(s, 'latin1');
  s += `xref${eol}0 ${objs.length + 1}${eol}0000000000 65535 f\r\n`;
  for (const o of offsets) s += `${String(o).padStart(10, '0')} 00000 n\r\n`;
  // startxref points at the EOL before 'xref' on purpose: some writers do that (SIGNING.md §4.2).
  s += `trailer${eol}<< /Size ${objs.length + 1} /Root 1 0 R ${trailerExtra}>>${eol}startxref${eol}${xref - eol.length}${eol}%%EOF`;
  return Buffer.from(s, 'latin1');
}

/** Rewrite with qpdf (object streams, QDF, encryption...). */
export function qpdfRewrite(dir: string, input: Buffer, args: string[]): Buffer {
  const inFile = path.join(dir, `q-in-${process.hrtime.bigint()}.pdf`);
  const outFile = `${inFile}.out.pdf`;
  writeFileSync(inFile, input);
  const r = run('qpdf', [...args, inFile, outFile]);
  if (r.status !== 0 && r.status !== 3) throw new Error(`qpdf failed: ${r.stderr}`);
  return readFileSync(outFile);
}

export type PdfsigSignature = { field: string; valid: boolean; digestMismatch: boolean; trusted: boolean; total: boolean };

/** Run pdfsig and parse its text (its exit status is 0 even on "Digest Mismatch"). */
export function pdfsig(env: Env, pdf: Buffer): PdfsigSignature[] {
  const file = path.join(env.dir, `pdfsig-${process.hrtime.bigint()}.pdf`);
  writeFileSync(file, pdf);
  // No -no-ocsp: with it poppler 22.12 reports "Unknown issue with Certificate"; our dev certs
  // carry no AIA, so no OCSP request is made anyway.
  const r = run('pdfsig', ['-nssdir', `sql:${env.nssDir}`, file]);
  return r.stdout
    .split(/^Signature #\d+:$/m)
    .slice(1)
    .map((block) => ({
      field: /Signature Field Name: (.*)/.exec(block)?.[1]?.trim() ?? '',
      valid: block.includes('Signature Validation: Signature is Valid.'),
      digestMismatch: block.includes('Digest Mismatch'),
      trusted: block.includes('Certificate Validation: Certificate is Trusted.'),
      total: block.includes('Total document signed'),
    }));
}

/**
 * `qpdf --check` result: ok (exit 0) or the warnings it printed (exit 3). Inputs made by other
 * tools may already carry warnings; a signed file must not add any.
 */
export function qpdfCheck(env: Env, pdf: Buffer): { ok: boolean; warnings: string[] } {
  const file = path.join(env.dir, `check-${process.hrtime.bigint()}.pdf`);
  writeFileSync(file, pdf);
  const r = run('qpdf', ['--check', file]);
  const warnings = [...r.stderr.matchAll(/^WARNING: [^:]+: (.*)$/gm)].map((m) => m[1]);
  return { ok: r.status === 0 || (r.status === 3 && !/error/i.test(r.stdout)), warnings };
}

/** All ByteRanges in file order (our writer and the other tools write them literally). */
export function byteRanges(pdf: Buffer): number[][] {
  return [...pdf.toString('latin1').matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)].map((m) =>
    m.slice(1, 5).map(Number),
  );
}

/** `openssl cms -verify` of every signature over its ByteRange content. */
export function opensslVerifyAll(env: Env, pdf: Buffer): boolean[] {
  return byteRanges(pdf).map((br, i) => {
    const content = Buffer.concat([pdf.subarray(br[0], br[0] + br[1]), pdf.subarray(br[2], br[2] + br[3])]);
    let cms = Buffer.from(pdf.toString('latin1', br[1] + 1, br[2] - 1), 'hex');
    cms = cms.subarray(0, derLength(cms)); // drop the placeholder's zero padding
    const base = path.join(env.dir, `cms-${i}-${process.hrtime.bigint()}`);
    writeFileSync(`${base}.content`, content);
    writeFileSync(`${base}.der`, cms);
    const r = run('openssl', [
      'cms',
      '-verify',
      '-binary',
      '-inform',
      'DER',
      '-in',
      `${base}.der`,
      '-content',
      `${base}.content`,
      '-CAfile',
      env.pki.caCertPath,
      '-purpose',
      'any',
      '-out',
      '/dev/null',
    ]);
    return r.status === 0;
  });
}

function derLength(der: Buffer): number {
  const first = der[1];
  if (first < 0x80) return 2 + first;
  const n = first & 0x7f;
  return 2 + n + der.readUIntBE(2, n);
}
