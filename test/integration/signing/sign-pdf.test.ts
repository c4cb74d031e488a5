import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { P12Signer } from '@signpdf/signer-p12';
import { SignPdf } from '@signpdf/signpdf';
import { beforeAll, describe, expect, it } from 'vitest';

import { isAppError } from '../../../src/lib/errors.js';
import { completePdfSignature, preparePdfSignature, signPdf } from '../../../src/modules/signing/pdf/sign-pdf.js';
import type { SignPdfOptions } from '../../../src/modules/signing/pdf/sign-pdf.js';
import { verifyPdf } from '../../../src/modules/signing/pdf/verify-pdf.js';
import { createLocalKeySigner } from '../../../src/modules/signing/signers/local-key.js';
import { sign as cryptoSign } from 'node:crypto';
import { byteRanges, makeFormPdf, makeMinimalPdf, makePdf, opensslVerifyAll, pdfsig, qpdfCheck, qpdfRewrite, setupEnv } from './tools.js';
import type { Env } from './tools.js';

let env: Env;

beforeAll(() => {
  env = setupEnv();
});

const official = (): SignPdfOptions['signer'] => createLocalKeySigner(env.official);
const seal = (): SignPdfOptions['signer'] => createLocalKeySigner(env.seal);

/** Official (visible, KT. prefix) then the agency seal overlapping it, as two incremental updates. */
async function signBoth(pdf: Buffer): Promise<{ first: Buffer; second: Buffer }> {
  const rect: [number, number, number, number] = [330, 60, 555, 140];
  const first = await signPdf({
    pdf,
    signer: official(),
    fieldName: 'ChuKyNguoiKy',
    reason: 'Phê duyệt',
    appearance: {
      kind: 'signer',
      rect,
      signerName: 'Nguyễn Văn An',
      authorityPrefix: 'KT.',
      authorityTitle: 'CHỦ TỊCH',
      position: 'PHÓ CHỦ TỊCH',
    },
  });
  const second = await signPdf({
    pdf: first.pdf,
    signer: seal(),
    fieldName: 'DauCoQuan',
    appearance: { kind: 'seal', signerRect: rect, documentNumber: '15/QĐ-UBND' },
  });
  return { first: first.pdf, second: second.pdf };
}

/** Every independent checker and our verifier agree that all signatures are valid and trusted. */
async function expectAllValid(pdf: Buffer, count: number, original: Buffer): Promise<void> {
  expect(pdf.subarray(0, original.length).equals(original)).toBe(true); // earlier bytes untouched
  const check = qpdfCheck(env, pdf);
  expect(check.ok).toBe(true);
  expect(check.warnings).toEqual(qpdfCheck(env, original).warnings);
  const poppler = pdfsig(env, pdf);
  expect(poppler).toHaveLength(count);
  for (const s of poppler) expect(s).toMatchObject({ valid: true, trusted: true });
  expect(opensslVerifyAll(env, pdf)).toEqual(Array(count).fill(true));
  const ours = await verifyPdf(pdf, { trust: [env.caPem] });
  expect(ours.signatures).toHaveLength(count);
  for (const s of ours.signatures) {
    expect(s).toMatchObject({ integrityValid: true, signatureValid: true, chainTrusted: true, laterChangesAreSignaturesOnly: true });
  }
  expect(ours.signatures.at(-1)?.coversWholeDocument).toBe(true);
  expect(ours.signatures.map((s) => s.coversWholeDocument)).toEqual(poppler.map((s) => s.total));
}

describe('signPdf on documents of many shapes', () => {
  const shapes: [string, () => Promise<Buffer>][] = [
    ['xref stream, 1 page (pdf-lib default)', () => makePdf()],
    ['xref table, 1 page', () => makePdf({ objectStreams: false })],
    ['xref stream, 120 pages', () => makePdf({ pages: 120 })],
    ['xref table, 120 pages', () => makePdf({ pages: 120, objectStreams: false })],
    [
      'qpdf --object-streams=generate',
      async () => qpdfRewrite(env.dir, await makePdf({ objectStreams: false }), ['--object-streams=generate']),
    ],
    ['qpdf --qdf', async () => qpdfRewrite(env.dir, await makePdf(), ['--qdf', '--object-streams=disable'])],
    ['qpdf --linearize', async () => qpdfRewrite(env.dir, await makePdf({ pages: 3 }), ['--linearize'])],
    ['AcroForm fields and annotations', () => makeFormPdf()],
    ['hand-written, startxref before EOL, no final newline', async () => makeMinimalPdf()],
    ['hand-written with CR line ends', async () => makeMinimalPdf({ eol: '\r' })],
  ];

  for (const [name, make] of shapes) {
    it(`signs "${name}" twice, valid in pdfsig, qpdf, openssl and our verifier`, async () => {
      const original = await make();
      const { first, second } = await signBoth(original);
      await expectAllValid(first, 1, original);
      await expectAllValid(second, 2, original);
      const ours = await verifyPdf(second, { trust: [env.caPem] });
      expect(ours.signatures.map((s) => [s.field, s.signer, s.certificateHashValid])).toEqual([
        ['ChuKyNguoiKy', 'Nguyễn Văn An', true],
        ['DauCoQuan', 'UBND Tỉnh Thử Nghiệm', true],
      ]);
      expect(ours.signatures.map((s) => s.revision)).toEqual([ours.signatures[0].revisions - 1, ours.signatures[0].revisions]);
    });
  }

  it('keeps the xref kind of the previous section', async () => {
    const stream = (await signPdf({ pdf: await makePdf(), signer: official() })).pdf;
    const table = (await signPdf({ pdf: await makePdf({ objectStreams: false }), signer: official() })).pdf;
    const tail = (b: Buffer): string => b.toString('latin1', b.length - 40000);
    expect(tail(stream)).toMatch(/\/Type \/XRef/);
    expect(tail(table)).toMatch(/\nxref\n[\s\S]*trailer/);
    expect(tail(table).split('/Type /XRef')).toHaveLength(1);
  });

  it('gives every signature a unique field name', async () => {
    const a = await signPdf({ pdf: await makePdf(), signer: official() });
    const b = await signPdf({ pdf: a.pdf, signer: official() });
    expect([a.fieldName, b.fieldName]).toEqual(['Signature', 'Signature_2']);
  });

  it('signs a PDF already signed by @signpdf without breaking its signature', async () => {
    const p12 = readFileSync(env.pki.files.find((f) => f.id === 'official')!.p12Path);
    const withPlaceholder = plainAddPlaceholder({
      pdfBuffer: await makePdf({ objectStreams: false }),
      reason: 'other tool',
      contactInfo: '',
      name: 'x',
      location: 'y',
    });
    const other = Buffer.from(await new SignPdf().sign(withPlaceholder, new P12Signer(p12, { passphrase: env.pki.password })));
    expect(pdfsig(env, other)[0]).toMatchObject({ valid: true });
    const { first, second } = await signBoth(other);
    expect(qpdfCheck(env, second)).toEqual(qpdfCheck(env, other));
    const poppler = pdfsig(env, second);
    expect(poppler.map((s) => s.valid)).toEqual([true, true, true]);
    const ours = await verifyPdf(second, { trust: [env.caPem] });
    expect(ours.signatures.map((s) => s.integrityValid && s.signatureValid)).toEqual([true, true, true]);
    expect(ours.signatures[0].subFilter).toBe('adbe.pkcs7.detached');
    expect(first.length).toBeLessThan(second.length);
  });

  it('signs a PDF already signed by pdfsig -add-signature', async () => {
    const nss = path.join(env.dir, 'nss');
    execFileSync('pk12util', [
      '-i',
      env.pki.files.find((f) => f.id === 'seal')!.p12Path,
      '-d',
      `sql:${nss}`,
      '-W',
      env.pki.password,
      '-K',
      '',
    ]);
    const inFile = path.join(env.dir, 'for-pdfsig.pdf');
    const outFile = path.join(env.dir, 'by-pdfsig.pdf');
    writeFileSync(inFile, await makePdf({ objectStreams: false }));
    execFileSync('pdfsig', [
      '-add-signature',
      '-nssdir',
      `sql:${nss}`,
      '-nick',
      'seal',
      '-new-signature-field-name',
      'Poppler',
      inFile,
      outFile,
    ]);
    const other = readFileSync(outFile);
    const signed = await signPdf({ pdf: other, signer: official(), appearance: { kind: 'signer', signerName: 'Nguyễn Văn An' } });
    const poppler = pdfsig(env, signed.pdf);
    expect(poppler.map((s) => [s.field, s.valid, s.trusted])).toEqual([
      ['Poppler', true, true],
      ['Signature', true, true],
    ]);
    const ours = await verifyPdf(signed.pdf, { trust: [env.caPem] });
    expect(ours.signatures.map((s) => [s.field, s.integrityValid, s.signatureValid, s.chainTrusted])).toEqual([
      ['Poppler', true, true, true],
      ['Signature', true, true, true],
    ]);
    expect(ours.signatures[0].laterChangesAreSignaturesOnly).toBe(true);
  });
});

describe('signPdf tamper detection (official + seal)', () => {
  it('a byte changed in the first revision breaks both signatures; in the second only the seal', async () => {
    const original = await makePdf({ objectStreams: false });
    const { second } = await signBoth(original);
    const [br1, br2] = byteRanges(second);

    const inFirst = Buffer.from(second);
    const p1 = Math.floor(original.length / 2); // inside the original, covered by both signatures
    inFirst[p1] ^= 0x01;
    const inSecond = Buffer.from(second);
    // Inside the seal's revision (its /Prop_Build name), outside both /Contents.
    const p2 = second.indexOf('/Name /vanthu', br1[2] + br1[3], 'latin1') + '/Name /'.length;
    expect(p2).toBeGreaterThan(br2[2]);
    inSecond[p2] = 'w'.charCodeAt(0);

    for (const [tampered, expected] of [
      [inFirst, [false, false]],
      [inSecond, [true, false]],
    ] as const) {
      const poppler = pdfsig(env, tampered);
      expect(poppler.map((s) => s.valid)).toEqual(expected);
      expect(poppler.map((s) => s.digestMismatch)).toEqual(expected.map((v) => !v));
      const ours = await verifyPdf(tampered, { trust: [env.caPem] });
      expect(ours.signatures.map((s) => s.integrityValid)).toEqual(expected);
      expect(opensslVerifyAll(env, tampered)).toEqual(expected);
    }
  });

  it('reports a later revision that changes page content as a modification', async () => {
    const original = await makePdf({ objectStreams: false });
    const { pdf } = await signPdf({ pdf: original, signer: official() });
    // Append a revision that redefines the page's content stream (object found via the first page).
    const contents = /\/Contents \[?\s*(\d+) 0 R/.exec(pdf.toString('latin1'))![1];
    const stream = 'BT /F1 40 Tf 100 400 Td (FORGED) Tj ET';
    const startxref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(pdf.toString('latin1'))![1];
    const size = [...pdf.toString('latin1').matchAll(/\/Size (\d+)/g)].at(-1)![1];
    const body = `${contents} 0 obj\n<< /Length ${stream.length} >>\nstream\n${stream}\nendstream\nendobj\n`;
    const xrefAt = pdf.length + body.length;
    const root = /\/Root (\d+ 0 R)/.exec(pdf.toString('latin1'))![1];
    const modified = Buffer.concat([
      pdf,
      Buffer.from(
        `${body}xref\n${contents} 1\n${String(pdf.length).padStart(10, '0')} 00000 n\r\ntrailer\n<< /Size ${size} /Root ${root} /Prev ${startxref} >>\nstartxref\n${xrefAt}\n%%EOF\n`,
        'latin1',
      ),
    ]);
    const [s] = (await verifyPdf(modified, { trust: [env.caPem] })).signatures;
    expect(s).toMatchObject({
      integrityValid: true,
      coversWholeDocument: false,
      laterChangesAreSignaturesOnly: false,
      modifiedAfter: true,
    });
    expect(pdfsig(env, modified)[0]).toMatchObject({ valid: true, total: false });
  });
});

describe('signPdf refusals', () => {
  const expectRefusal = async (pdf: Buffer, reason: RegExp): Promise<void> => {
    const err = await signPdf({ pdf, signer: official() }).catch((e: unknown) => e);
    expect(isAppError(err) && err.code).toBe('UNPROCESSABLE');
    expect((err as Error).message).toMatch(reason);
  };

  it('refuses an encrypted PDF', async () => {
    const encrypted = qpdfRewrite(env.dir, await makePdf(), ['--encrypt', 'u', 'o', '256', '--']);
    await expectRefusal(encrypted, /encrypted/);
  });

  it('refuses garbage', async () => {
    await expectRefusal(Buffer.from('this is not a pdf at all'), /not a PDF/);
    await expectRefusal(Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2000, 0x41)]), /startxref|unparsable/);
  });

  it('refuses a hybrid-reference PDF', async () => {
    await expectRefusal(makeMinimalPdf({ trailerExtra: '/XRefStm 9 ' }), /hybrid-reference/);
  });

  it('throws SIGNATURE_TOO_LARGE instead of truncating', async () => {
    const err = await signPdf({ pdf: await makePdf(), signer: official(), placeholderSize: 1000 }).catch((e: unknown) => e);
    expect(isAppError(err) && err.code).toBe('UNPROCESSABLE');
    expect(isAppError(err) && err.details?.code).toBe('SIGNATURE_TOO_LARGE');
  });
});

describe('external signing (prepare / complete)', () => {
  it('round-trips through a signature made elsewhere', async () => {
    const original = await makePdf();
    const prep = await preparePdfSignature({ pdf: original, certificate: env.official.certificate, fieldName: 'Token' });
    // The "device": signs the DER SET with SHA-256 (equivalently, the pre-hashed prep.digest).
    const signature = cryptoSign('sha256', prep.signedAttributes, env.official.privateKey);
    const signed = await completePdfSignature({
      prepared: prep.prepared,
      signature,
      certificate: env.official.certificate,
      chain: env.official.chain,
    });
    await expectAllValid(signed, 1, original);
  });

  it('refuses a signature value that does not match', async () => {
    const prep = await preparePdfSignature({ pdf: await makePdf(), certificate: env.official.certificate });
    const wrong = cryptoSign('sha256', Buffer.from('other bytes'), env.official.privateKey);
    const err = await completePdfSignature({ prepared: prep.prepared, signature: wrong, certificate: env.official.certificate }).catch(
      (e: unknown) => e,
    );
    expect(isAppError(err) && err.code).toBe('UNPROCESSABLE');
  });
});
