/**
 * `cli sign` and `cli verify`. Contract (checked by acceptance tests): sign writes the output
 * atomically or nothing, with a one-line reason on stderr on failure; verify --json prints only
 * JSON and exits 0 whenever the file could be read.
 */
import { randomBytes, X509Certificate } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { isAppError } from '../../src/lib/errors.js';
import { signPdf } from '../../src/modules/signing/pdf/sign-pdf.js';
import { verifyPdf } from '../../src/modules/signing/pdf/verify-pdf.js';
import { loadPkcs12 } from '../../src/modules/signing/pkcs12.js';
import { createLocalKeySigner } from '../../src/modules/signing/signers/local-key.js';

const oneLine = (err: unknown): string => {
  const msg = err instanceof Error ? err.message : String(err);
  const code = isAppError(err) ? `${err.code}: ` : '';
  return `${code}${msg}`.replace(/\s*\n\s*/g, ' ').trim();
};

const fail = (message: string, status = 1): number => {
  process.stderr.write(`${message}\n`);
  return status;
};

/**
 * `sign <in.pdf> <out.pdf> --p12 <file> --password <pw> [--reason <text>] [--visible]
 *  [--name <text>] [--field <name>] [--tsa <url>]`
 */
export async function runSignCommand(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        p12: { type: 'string' },
        password: { type: 'string', default: '' },
        reason: { type: 'string' },
        location: { type: 'string' },
        visible: { type: 'boolean', default: false },
        name: { type: 'string' },
        position: { type: 'string' },
        field: { type: 'string' },
        tsa: { type: 'string' },
      },
    });
  } catch (err) {
    return fail(`usage: sign <in.pdf> <out.pdf> --p12 <file> --password <pw> [--reason <text>] [--visible] (${oneLine(err)})`, 2);
  }
  const [input, output] = parsed.positionals;
  const { values } = parsed;
  if (!input || !output || !values.p12 || parsed.positionals.length !== 2) {
    return fail('usage: sign <in.pdf> <out.pdf> --p12 <file> --password <pw> [--reason <text>] [--visible]', 2);
  }

  const tmp = path.join(path.dirname(path.resolve(output)), `.${path.basename(output)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const [pdf, p12] = await Promise.all([readFile(input), readFile(values.p12)]);
    const { privateKey, certificate, chain } = loadPkcs12(p12, values.password ?? '');
    const signer = createLocalKeySigner({ privateKey, certificate, chain });
    const signerName = values.name ?? commonNameOf(certificate);
    const result = await signPdf({
      pdf,
      signer,
      reason: values.reason,
      location: values.location,
      fieldName: values.field,
      tsaUrl: values.tsa,
      appearance: values.visible ? { kind: 'signer', signerName, position: values.position } : undefined,
    });
    // Temp file + rename: a failure never leaves a partial output file behind.
    await writeFile(tmp, result.pdf);
    await rename(tmp, output);
    return 0;
  } catch (err) {
    await rm(tmp, { force: true });
    return fail(oneLine(err));
  }
}

function commonNameOf(certificateDer: Buffer): string {
  const line = new X509Certificate(certificateDer).subject.split('\n').find((l) => l.startsWith('CN='));
  return line ? line.slice(3) : 'unknown';
}

/** `verify <file.pdf> --json [--trust <ca.pem>]...` */
export async function runVerifyCommand(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { json: { type: 'boolean', default: false }, trust: { type: 'string', multiple: true } },
    });
  } catch (err) {
    return fail(`usage: verify <file.pdf> --json [--trust <ca.pem>] (${oneLine(err)})`, 2);
  }
  const [file] = parsed.positionals;
  if (!file || parsed.positionals.length !== 1) return fail('usage: verify <file.pdf> --json [--trust <ca.pem>]', 2);

  let report;
  try {
    const [pdf, ...trust] = await Promise.all([readFile(file), ...(parsed.values.trust ?? []).map((t) => readFile(t))]);
    report = await verifyPdf(pdf, { trust });
  } catch (err) {
    return fail(oneLine(err));
  }

  if (parsed.values.json) {
    process.stdout.write(`${JSON.stringify(report)}\n`);
    return 0;
  }
  if (report.signatures.length === 0) process.stdout.write('no signatures\n');
  for (const s of report.signatures) {
    const ok = s.integrityValid && s.signatureValid && s.certificateHashValid;
    process.stdout.write(
      `${s.field ?? '(no field)'}: ${ok ? 'VALID' : 'INVALID'} signer=${s.signer ?? '?'} signedAt=${s.signedAt ?? '?'} ` +
        `trusted=${s.chainTrusted} revision=${s.revision}/${s.revisions} wholeDocument=${s.coversWholeDocument}` +
        `${s.problems.length ? ` problems: ${s.problems.join('; ')}` : ''}\n`,
    );
  }
  return 0;
}
