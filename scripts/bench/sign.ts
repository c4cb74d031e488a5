/**
 * Signing benchmark: signatures per second on 1-page and 100-page PDFs with one worker thread per
 * core, invisible and visible (signer text box; seal image), the same files through @signpdf in
 * the same run, `openssl speed rsa2048` as the physical limit, and the peak RSS of a child process
 * signing a ~25 MB PDF. Medians over rounds.
 *
 *   npm run bench -- sign [--rounds 5] [--seconds 2]
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

import { PDFDocument, PDFName, StandardFonts } from 'pdf-lib';

import { signPdf } from '../../src/modules/signing/pdf/sign-pdf.js';
import { loadPkcs12 } from '../../src/modules/signing/pkcs12.js';
import { createLocalKeySigner } from '../../src/modules/signing/signers/local-key.js';
import { createDevPki } from '../create-dev-ca.js';

type Mode = 'ours' | 'ours-visible' | 'ours-seal' | 'signpdf';
type Job = { kind: 'vanthu-sign-bench'; mode: Mode; pdfPath: string; p12Path: string; password: string; ms: number };

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function makeDoc(pages: number, bigContent = 0): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < pages; i++) {
    const p = doc.addPage([595, 842]);
    p.drawText(`Quyet dinh ${i + 1}`, { x: 50, y: 780, size: 16, font });
    for (let l = 0; l < 40; l++)
      p.drawText(`Line ${l + 1}: lorem ipsum dolor sit amet ${i}-${l}`, { x: 50, y: 740 - l * 16, size: 10, font });
    if (bigContent) {
      // Incompressible filler so the file really is large (a scanned-page-like payload).
      const filler = doc.context.register(doc.context.stream(`% ${randomBytes(bigContent / 2).toString('hex')}\n`));
      p.node.set(PDFName.of('Contents'), doc.context.obj([p.node.get(PDFName.of('Contents'))!, filler]));
    }
  }
  return Buffer.from(await doc.save());
}

/** Worker body: sign the same file repeatedly for `ms` and report the count. */
async function workerMain(job: Job): Promise<void> {
  const pdf = readFileSync(job.pdfPath);
  const p12 = readFileSync(job.p12Path);
  let sign: () => Promise<unknown>;
  if (job.mode === 'signpdf') {
    const [{ plainAddPlaceholder }, { P12Signer }, signpdf] = await Promise.all([
      import('@signpdf/placeholder-plain'),
      import('@signpdf/signer-p12'),
      import('@signpdf/signpdf'),
    ]);
    // @signpdf's plain placeholder needs an xref table; the pdf-lib re-save is part of its pipeline.
    sign = async () => {
      const table = Buffer.from(await (await PDFDocument.load(pdf)).save({ useObjectStreams: false }));
      const withPlaceholder = plainAddPlaceholder({ pdfBuffer: table, reason: 'bench', contactInfo: '', name: 'bench', location: 'VN' });
      // A P12Signer consumes its forge buffer on the first sign(), so it cannot be reused.
      return new signpdf.SignPdf().sign(withPlaceholder, new P12Signer(p12, { passphrase: job.password }));
    };
  } else {
    const signer = createLocalKeySigner(loadPkcs12(p12, job.password));
    // Visible: the official's text box (embedded subset DejaVu Sans); seal: the default seal image
    // plus its caption. The signing time, hence the glyphs of the time line, changes every second.
    const appearance =
      job.mode === 'ours-visible'
        ? ({
            kind: 'signer',
            signerName: 'Nguyễn Văn An',
            authorityPrefix: 'KT.',
            authorityTitle: 'GIÁM ĐỐC',
            position: 'PHÓ GIÁM ĐỐC',
          } as const)
        : job.mode === 'ours-seal'
          ? ({ kind: 'seal', documentNumber: '15/QĐ-UBND' } as const)
          : undefined;
    sign = () => signPdf({ pdf, signer, appearance });
  }
  for (let i = 0; i < 3; i++) await sign(); // warm-up (JIT, font cache)
  let count = 0;
  const end = performance.now() + job.ms;
  while (performance.now() < end) {
    await sign();
    count++;
  }
  parentPort!.postMessage(count / (job.ms / 1000));
}

async function measure(job: Omit<Job, 'kind'>, threads: number): Promise<number> {
  const self = fileURLToPath(import.meta.url);
  const rates = await Promise.all(
    Array.from(
      { length: threads },
      () =>
        new Promise<number>((resolve, reject) => {
          // A worker cannot start from a .ts file even with the tsx loader; bootstrap through
          // tsx's register() and import this module, which then runs workerMain.
          const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(pathToFileURL(self).href)}); })`;
          const w = new Worker(boot, { eval: true, workerData: { ...job, kind: 'vanthu-sign-bench' } });
          w.once('message', (rate: number) => resolve(rate));
          w.once('error', reject);
        }),
    ),
  );
  return rates.reduce((a, b) => a + b, 0);
}

function opensslSpeed(multi: number): number | undefined {
  const args = ['speed', '-seconds', '3', ...(multi > 1 ? ['-multi', String(multi)] : []), 'rsa2048'];
  const r = spawnSync('openssl', args, { encoding: 'utf8' });
  const line = r.stdout.split('\n').find((l) => /^\s*rsa\s+2048 bits/.test(l) || /^\+F2:\d+:2048:/.test(l) || /rsa 2048 bits/.test(l));
  if (!line) return undefined;
  const nums = line.match(/\d+(\.\d+)?/g)?.map(Number) ?? [];
  // "rsa 2048 bits 0.000264s 0.000008s 3790.2 124000.1": sign/s is the third number after 2048.
  return nums.length >= 5 ? nums[nums.length - 2] : undefined;
}

/** Child-process body: sign the big file twice (official + seal) and print the peak RSS in KiB. */
async function rssChild(pdfPath: string, p12Path: string, password: string): Promise<void> {
  const signer = createLocalKeySigner(loadPkcs12(readFileSync(p12Path), password));
  const t = performance.now();
  const first = await signPdf({ pdf: readFileSync(pdfPath), signer });
  const t1 = performance.now();
  await signPdf({ pdf: first.pdf, signer, fieldName: 'Seal' });
  const t2 = performance.now();
  process.stdout.write(JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS, firstMs: t1 - t, secondMs: t2 - t1 }));
}

/** Entry called by scripts/bench/index.ts (`npm run bench -- sign`). */
export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { rounds: { type: 'string', default: '5' }, seconds: { type: 'string', default: '2' } } });
  const rounds = Number(values.rounds);
  const ms = Number(values.seconds) * 1000;
  const threads = availableParallelism();
  const out = (s: string): boolean => process.stdout.write(`${s}\n`);

  const dir = mkdtempSync(path.join(tmpdir(), 'vanthu-bench-'));
  try {
    const pki = createDevPki({ outDir: path.join(dir, 'pki'), subjects: [{ id: 'bench', commonName: 'Bench Signer', kind: 'person' }] });
    const p12Path = pki.files[0].p12Path;
    const docs: Record<string, string> = {};
    for (const [name, pages] of [
      ['1-page', 1],
      ['100-page', 100],
    ] as const) {
      docs[name] = path.join(dir, `${name}.pdf`);
      writeFileSync(docs[name], await makeDoc(pages));
    }
    out(`signing benchmark: ${threads} worker threads, ${rounds} rounds x ${ms / 1000}s, medians`);

    for (const [name, pdfPath] of Object.entries(docs)) {
      const results: Record<Mode, number[]> = { ours: [], 'ours-visible': [], 'ours-seal': [], signpdf: [] };
      for (let r = 0; r < rounds; r++) {
        for (const mode of Object.keys(results) as Mode[]) {
          results[mode].push(await measure({ mode, pdfPath, p12Path, password: pki.password, ms }, threads));
        }
      }
      const ours = median(results.ours);
      const theirs = median(results.signpdf);
      out(
        `${name} (${readFileSync(pdfPath).length} B): ours ${ours.toFixed(0)}/s invisible, ` +
          `${median(results['ours-visible']).toFixed(0)}/s visible (signer text), ${median(results['ours-seal']).toFixed(0)}/s visible (seal image); ` +
          `@signpdf ${theirs.toFixed(1)}/s (invisible); ratio ours/@signpdf ${(ours / theirs).toFixed(1)}x`,
      );
    }

    out(`openssl speed rsa2048 sign/s: 1 core ${opensslSpeed(1)?.toFixed(0) ?? '?'}, -multi 2 ${opensslSpeed(2)?.toFixed(0) ?? '?'}`);

    const big = path.join(dir, 'big.pdf');
    writeFileSync(big, await makeDoc(300, 84_000));
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(import.meta.url), '--rss-child', big, p12Path, pki.password],
      {
        encoding: 'utf8',
      },
    );
    const rss = JSON.parse(child.stdout || '{}') as { maxRssKiB?: number; firstMs?: number; secondMs?: number };
    out(
      `25 MB PDF (${(readFileSync(big).length / 1e6).toFixed(1)} MB): peak RSS ${((rss.maxRssKiB ?? 0) / 1024).toFixed(0)} MiB, ` +
        `1st signature ${rss.firstMs?.toFixed(0)} ms, 2nd ${rss.secondMs?.toFixed(0)} ms${child.status ? ` (child failed: ${child.stderr.trim()})` : ''}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (!isMainThread && (workerData as Job | undefined)?.kind === 'vanthu-sign-bench') {
  void workerMain(workerData as Job);
} else if (isMainThread && process.argv[2] === '--rss-child') {
  void rssChild(process.argv[3], process.argv[4], process.argv[5]);
}
