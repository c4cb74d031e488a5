/**
 * Verification of every PDF signature in a file, with the same building blocks the signer uses
 * (forge.asn1 + node:crypto): forge.pkcs7 cannot verify (SIGNING.md §4.1.7). pdf-lib is only a parser.
 */
import { constants, createHash, createVerify, verify as cryptoVerify, X509Certificate } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFParser, PDFRawStream, PDFRef, PDFString } from 'pdf-lib';
import type { PDFContext, PDFObject } from 'pdf-lib';

import { AppError } from '../../../lib/errors.js';
import {
  DIGEST_NAMES,
  essCertHash,
  fromDer,
  octetAttribute,
  OID,
  parseSignedData,
  parseTimeStampToken,
  signingTimeAttribute,
  toDer,
} from './cms.js';
import type { ParsedSignerInfo } from './cms.js';
import { chainTrusted, commonName, parseTrustAnchors } from './certificate-chain.js';
import { readLastSection } from './incremental-writer.js';
import { parsePdfDate } from './pdf-text.js';

export type SignatureReport = {
  /** Fully qualified field name, or null when no field points at the signature dictionary. */
  field: string | null;
  /** Subject CN of the signer certificate. */
  signer: string | null;
  /** Claimed signing time (/M, else the CMS signing-time), ISO 8601 UTC. */
  signedAt: string | null;
  /** Digest over the ByteRange equals the signed message-digest. */
  integrityValid: boolean;
  /** The signature value verifies with the signer certificate's key. */
  signatureValid: boolean;
  /** The ESS signing-certificate(-v2) hash matches the signer certificate. */
  certificateHashValid: boolean;
  /** A path from the signer certificate to one of the trust anchors exists. */
  chainTrusted: boolean;
  /** 1-based revision the signature covers. */
  revision: number;
  /** Number of revisions (%%EOF sections) in the file. */
  revisions: number;
  coversWholeDocument: boolean;
  /** Every revision after this signature only added signatures, their fields and appearances. */
  laterChangesAreSignaturesOnly: boolean;
  /** Later revisions changed something other than signatures. */
  modifiedAfter: boolean;
  subFilter: string | null;
  /** Time of the RFC 3161 signature time-stamp (B-T), ISO 8601. */
  timeStamp: string | null;
  byteRange: number[];
  /** Why a check failed, and what the modification analysis found. */
  problems: string[];
};

export type VerifyPdfOptions = {
  /** Trust anchors: CA certificates, DER or PEM (a PEM may hold several). */
  trust?: Buffer[];
};

function issuerSerial(der: Buffer): { issuer: Buffer; serial: Buffer } | undefined {
  try {
    const tbs = (fromDer(der).value as ReturnType<typeof fromDer>[])[0].value as ReturnType<typeof fromDer>[];
    const i = tbs[0].tagClass === 0x80 ? 1 : 0;
    return { serial: toDer(tbs[i]), issuer: toDer(tbs[i + 2]) };
  } catch {
    return undefined;
  }
}

function findSignerCertificate(cms: ParsedSignerInfo): Buffer | undefined {
  if (cms.sidIssuer && cms.sidSerial) {
    const found = cms.certificates.find((c) => {
      const is = issuerSerial(c);
      return is !== undefined && is.issuer.equals(cms.sidIssuer!) && is.serial.equals(cms.sidSerial!);
    });
    if (found) return found;
  }
  return cms.certificates[0];
}

function verifySignatureValue(cms: ParsedSignerInfo, key: KeyObject, hash: string, data: Buffer[] | Buffer): boolean {
  const pss = cms.signatureAlgorithmOid === '1.2.840.113549.1.1.10';
  const keyInput = pss ? { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO } : key;
  if (Buffer.isBuffer(data)) return cryptoVerify(hash, data, keyInput, cms.signature);
  const v = createVerify(hash);
  for (const d of data) v.update(d);
  return v.verify(keyInput, cms.signature);
}

/** Offsets of every `%%EOF` marker: one per revision. */
function eofOffsets(pdf: Buffer): number[] {
  const out: number[] = [];
  for (let p = pdf.indexOf('%%EOF', 0, 'latin1'); p >= 0; p = pdf.indexOf('%%EOF', p + 5, 'latin1')) out.push(p);
  return out;
}

/** End of the revision whose %%EOF is at `eof`: after the marker and its end-of-line. */
function revisionEnd(pdf: Buffer, eof: number): number {
  let p = eof + 5;
  if (pdf[p] === 0x0d) p++;
  if (pdf[p] === 0x0a) p++;
  return p;
}

const nameOf = (d: PDFDict, key: string): string | undefined => {
  const v = d.get(PDFName.of(key));
  return v instanceof PDFName ? v.decodeText() : undefined;
};

const textOf = (v: PDFObject | undefined): string | undefined =>
  v instanceof PDFString || v instanceof PDFHexString ? v.decodeText() : undefined;

function fullFieldName(ctx: PDFContext, field: PDFDict): string | null {
  const parts: string[] = [];
  let current: PDFDict | undefined = field;
  for (let i = 0; current && i < 32; i++) {
    const t = textOf(current.get(PDFName.of('T')));
    if (t !== undefined) parts.unshift(t);
    const parent = current.get(PDFName.of('Parent'));
    current = parent ? (ctx.lookup(parent) as PDFDict | undefined) : undefined;
    if (current && !(current instanceof PDFDict)) current = undefined;
  }
  return parts.length ? parts.join('.') : null;
}

// ---------------------------------------------------------------------------------------------
// Modification analysis of later revisions

type Revision = { start: number; end: number };

const PAGE_KEYS = ['Contents', 'Resources', 'MediaBox', 'CropBox', 'Rotate', 'Parent', 'Kids'];
const CATALOG_KEYS = ['Pages', 'Names', 'OpenAction', 'Perms', 'Outlines'];

const same = (a: PDFObject | undefined, b: PDFObject | undefined): boolean => String(a) === String(b);

type AnalysisContext = {
  pdf: Buffer;
  finalCtx: PDFContext;
  /** Object numbers that hold page content or the page tree's kids: never a signature-only change. */
  protectedNumbers: Set<number>;
  parsedPrefixes: Map<number, Promise<PDFContext>>;
};

async function parseBytes(bytes: Buffer): Promise<PDFContext> {
  return PDFParser.forBytesWithOptions(bytes, Infinity, false).parseDocument();
}

function prefixContext(a: AnalysisContext, end: number): Promise<PDFContext> {
  let p = a.parsedPrefixes.get(end);
  if (!p) {
    p = parseBytes(a.pdf.subarray(0, end));
    a.parsedPrefixes.set(end, p);
  }
  return p;
}

/** Problems found in one later revision; empty when it only added or filled signatures. */
async function analyseRevision(a: AnalysisContext, rev: Revision): Promise<string[]> {
  const problems: string[] = [];
  const segment = Buffer.concat([Buffer.from('%PDF-1.7\n'), a.pdf.subarray(rev.start, rev.end)]);
  const ctx = await parseBytes(segment);
  let previousSize: number;
  try {
    previousSize = readLastSection(a.pdf.subarray(0, rev.start)).size;
  } catch {
    previousSize = 0;
  }

  for (const [ref, obj] of ctx.enumerateIndirectObjects()) {
    const dict = obj instanceof PDFDict ? obj : obj instanceof PDFRawStream ? obj.dict : undefined;
    const type = dict ? nameOf(dict, 'Type') : undefined;
    const subtype = dict ? nameOf(dict, 'Subtype') : undefined;
    const isNew = ref.objectNumber >= previousSize;
    const label = `object ${ref.objectNumber}${type ? ` (${type})` : ''}`;
    if (type === 'XRef' || type === 'ObjStm') continue;
    if (a.protectedNumbers.has(ref.objectNumber)) {
      problems.push(`${label}: page content or page tree changed`);
      continue;
    }
    if (obj instanceof PDFArray) continue; // /Annots or /Fields arrays (content arrays are protected above)
    if (!dict) {
      problems.push(`${label}: unexpected object`);
      continue;
    }
    if (
      type === 'Sig' ||
      type === 'DocTimeStamp' ||
      type === 'DSS' ||
      dict.has(PDFName.of('ByteRange')) ||
      nameOf(dict, 'FT') === 'Sig' ||
      subtype === 'Widget' ||
      subtype === 'Form' ||
      subtype === 'Image' ||
      type === 'Font' ||
      type === 'FontDescriptor' ||
      type === 'ExtGState' ||
      dict.has(PDFName.of('Fields')) ||
      dict.has(PDFName.of('Certs')) ||
      dict.has(PDFName.of('VRI'))
    ) {
      continue;
    }
    if (obj instanceof PDFRawStream && !type) {
      if (isNew) continue; // embedded font program, ToUnicode map, DSS certificate...
      problems.push(`${label}: existing stream rewritten`);
      continue;
    }
    if (type === 'Catalog' || type === 'Page') {
      if (isNew) {
        problems.push(`${label}: new ${type === 'Page' ? 'page' : 'catalog'}`);
        continue;
      }
      const before = (await prefixContext(a, rev.start)).lookup(ref);
      const keys = type === 'Page' ? PAGE_KEYS : CATALOG_KEYS;
      const changedKeys =
        before instanceof PDFDict ? keys.filter((k) => !same(before.get(PDFName.of(k)), dict.get(PDFName.of(k)))) : ['all'];
      if (changedKeys.length) problems.push(`${label}: changed ${changedKeys.join(', ')}`);
      continue;
    }
    problems.push(`${label}: ${isNew ? 'added' : 'rewritten'}, not part of a signature`);
  }
  return problems;
}

function protectedObjectNumbers(ctx: PDFContext): Set<number> {
  const out = new Set<number>();
  for (const [, obj] of ctx.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFDict)) continue;
    const type = nameOf(obj, 'Type');
    const key = type === 'Page' ? 'Contents' : type === 'Pages' ? 'Kids' : undefined;
    if (!key) continue;
    const v = obj.get(PDFName.of(key));
    if (v instanceof PDFRef) out.add(v.objectNumber); // an indirect content stream, content array or Kids array
    if (type !== 'Page') continue; // the Kids themselves are pages, whose rewrite is checked key by key
    const arr = v instanceof PDFRef ? ctx.lookup(v) : v;
    if (arr instanceof PDFArray) for (const item of arr.asArray()) if (item instanceof PDFRef) out.add(item.objectNumber);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

type SigDict = { ref: PDFRef; dict: PDFDict };

function numbersOf(arr: PDFObject | undefined): number[] | undefined {
  if (!(arr instanceof PDFArray)) return undefined;
  const nums = arr.asArray().map((n) => (n instanceof PDFNumber ? n.asNumber() : Number.NaN));
  return nums.length === 4 && nums.every((n) => Number.isInteger(n) && n >= 0) ? nums : undefined;
}

/**
 * Verify every signature (and document time-stamp) in `pdf`.
 * @throws AppError UNPROCESSABLE when the file cannot be parsed as a PDF.
 */
export async function verifyPdf(pdf: Buffer, { trust = [] }: VerifyPdfOptions = {}): Promise<{ signatures: SignatureReport[] }> {
  if (!pdf.subarray(0, 1024).toString('latin1').includes('%PDF-')) {
    throw new AppError('UNPROCESSABLE', { message: 'not a PDF file (no %PDF- header)', details: { reason: 'NOT_PDF' } });
  }
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(pdf, { updateMetadata: false, ignoreEncryption: true, parseSpeed: Infinity });
  } catch (cause) {
    throw new AppError('UNPROCESSABLE', {
      message: `unparsable PDF: ${cause instanceof Error ? cause.message : String(cause)}`,
      details: { reason: 'UNPARSABLE' },
      cause,
    });
  }
  const ctx = doc.context;
  // pdf-lib's parser is lenient: a file with a header and no readable structure still "loads".
  if (!(ctx.lookup(ctx.trailerInfo.Root) instanceof PDFDict)) {
    throw new AppError('UNPROCESSABLE', { message: 'unparsable PDF: no document catalog', details: { reason: 'UNPARSABLE' } });
  }
  const anchors = parseTrustAnchors(trust);

  const sigDicts: SigDict[] = [];
  const fieldBySig = new Map<number, string | null>();
  for (const [ref, obj] of ctx.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFDict)) continue;
    if (obj.has(PDFName.of('ByteRange')) && obj.has(PDFName.of('Contents'))) sigDicts.push({ ref, dict: obj });
    const v = obj.get(PDFName.of('V'));
    if (v instanceof PDFRef && (nameOf(obj, 'FT') === 'Sig' || obj.has(PDFName.of('T'))))
      fieldBySig.set(v.objectNumber, fullFieldName(ctx, obj));
  }
  if (sigDicts.length === 0) return { signatures: [] };

  const eofs = eofOffsets(pdf);
  const ends = eofs.map((e) => revisionEnd(pdf, e));
  const analysis: AnalysisContext = { pdf, finalCtx: ctx, protectedNumbers: protectedObjectNumbers(ctx), parsedPrefixes: new Map() };
  const revisionProblems = new Map<number, Promise<string[]>>();
  const problemsOf = (i: number): Promise<string[]> => {
    let p = revisionProblems.get(i);
    if (!p) {
      p = analyseRevision(analysis, { start: ends[i - 1], end: ends[i] }).catch((e: unknown) => [
        `revision ${i + 1} could not be analysed: ${e instanceof Error ? e.message : String(e)}`,
      ]);
      revisionProblems.set(i, p);
    }
    return p;
  };

  const reports: SignatureReport[] = [];
  for (const { ref, dict } of sigDicts) {
    const problems: string[] = [];
    const br = numbersOf(dict.get(PDFName.of('ByteRange'))) ?? [];
    const subFilter = nameOf(dict, 'SubFilter') ?? null;
    const claimed = textOf(dict.get(PDFName.of('M')));
    const report: SignatureReport = {
      field: fieldBySig.get(ref.objectNumber) ?? null,
      signer: null,
      signedAt: claimed ? (parsePdfDate(claimed)?.toISOString() ?? null) : null,
      integrityValid: false,
      signatureValid: false,
      certificateHashValid: false,
      chainTrusted: false,
      revision: 0,
      revisions: eofs.length,
      coversWholeDocument: false,
      laterChangesAreSignaturesOnly: true,
      modifiedAfter: false,
      subFilter,
      timeStamp: null,
      byteRange: br,
      problems,
    };
    reports.push(report);

    const layoutOk =
      br.length === 4 && br[0] === 0 && br[1] < br[2] && br[2] + br[3] <= pdf.length && pdf[br[1]] === 0x3c && pdf[br[2] - 1] === 0x3e;
    if (!layoutOk) {
      problems.push('ByteRange is malformed or does not enclose /Contents');
      continue;
    }
    const signedEnd = br[2] + br[3];
    report.coversWholeDocument = signedEnd === pdf.length;
    report.revision = Math.max(1, eofs.filter((e) => e + 5 <= signedEnd).length);

    if (report.revision < report.revisions) {
      const later: string[] = [];
      for (let i = report.revision; i < report.revisions; i++) later.push(...(await problemsOf(i)));
      report.laterChangesAreSignaturesOnly = later.length === 0;
      report.modifiedAfter = later.length > 0;
      problems.push(...later);
    }

    let cms: ParsedSignerInfo;
    try {
      const hex = pdf.toString('latin1', br[1] + 1, br[2] - 1).replace(/\s+/g, '');
      cms = parseSignedData(Buffer.from(hex, 'hex'));
    } catch (e) {
      problems.push(`/Contents is not a CMS SignedData: ${e instanceof Error ? e.message : String(e)}`);
      continue;
    }
    const hash = DIGEST_NAMES[cms.digestOid];
    if (!hash) {
      problems.push(`unsupported digest algorithm ${cms.digestOid}`);
      continue;
    }
    const certDer = findSignerCertificate(cms);
    if (!certDer) {
      problems.push('no signer certificate in the CMS');
      continue;
    }
    const cert = new X509Certificate(certDer);
    report.signer = commonName(cert);

    const ranges = [pdf.subarray(0, br[1]), pdf.subarray(br[2], signedEnd)];
    if (subFilter === 'ETSI.RFC3161') {
      // Document time-stamp: /Contents is the token itself and its imprint covers the ByteRange.
      try {
        const info = parseTimeStampToken(Buffer.from(pdf.toString('latin1', br[1] + 1, br[2] - 1), 'hex'));
        const imprintHash = DIGEST_NAMES[info.imprintAlgorithm] ?? 'sha256';
        const h = createHash(imprintHash);
        for (const r of ranges) h.update(r);
        report.integrityValid = h.digest().equals(info.imprint);
        report.timeStamp = info.genTime.toISOString();
        report.signedAt ??= report.timeStamp;
      } catch (e) {
        problems.push(`time-stamp token unreadable: ${e instanceof Error ? e.message : String(e)}`);
      }
    } else if (cms.signedAttributes) {
      const h = createHash(hash);
      for (const r of ranges) h.update(r);
      const md = octetAttribute(cms.attributes.get(OID.messageDigest));
      report.integrityValid = md !== undefined && h.digest().equals(md);
    }
    try {
      report.signatureValid = cms.signedAttributes
        ? verifySignatureValue(cms, cert.publicKey, hash, cms.signedAttributes)
        : verifySignatureValue(cms, cert.publicKey, hash, ranges);
    } catch (e) {
      problems.push(`signature check failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (!cms.signedAttributes && subFilter !== 'ETSI.RFC3161') report.integrityValid = report.signatureValid;
    if (!report.integrityValid) problems.push('the signed bytes were changed (digest mismatch)');
    if (!report.signatureValid) problems.push('the signature value does not verify');

    const ess = essCertHash(cms.attributes);
    report.certificateHashValid = ess !== undefined && createHash(ess.algorithm).update(certDer).digest().equals(ess.hash);
    if (!report.certificateHashValid)
      problems.push(ess ? 'ESS certificate hash does not match the signer certificate' : 'no ESS signing-certificate attribute');

    const pool = cms.certificates.map((c) => new X509Certificate(c));
    report.chainTrusted = anchors.length > 0 && chainTrusted(cert, pool, anchors);

    report.signedAt ??= signingTimeAttribute(cms.attributes)?.toISOString() ?? null;
    const tst = cms.unsignedAttributes.get(OID.signatureTimeStampToken)?.[0];
    if (tst) {
      try {
        const info = parseTimeStampToken(tst);
        report.timeStamp = info.genTime.toISOString();
        const expected = createHash(DIGEST_NAMES[info.imprintAlgorithm] ?? 'sha256')
          .update(cms.signature)
          .digest();
        if (!expected.equals(info.imprint)) problems.push('the signature time-stamp does not cover this signature');
      } catch (e) {
        problems.push(`signature time-stamp unreadable: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }
  reports.sort((a, b) => a.revision - b.revision || (a.byteRange[1] ?? 0) - (b.byteRange[1] ?? 0));
  return { signatures: reports };
}
