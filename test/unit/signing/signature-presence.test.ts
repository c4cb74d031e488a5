import { describe, expect, it } from 'vitest';
import { createSignatureDictionaryScan, mayHoldSignatureDictionary } from '../../../src/modules/signing/pdf/signature-scan.js';

// The verify-file job skips the parse of a PDF without a signature dictionary: a false negative
// would report a signed file as unsigned, so every spelling of /ByteRange must be found.
describe('mayHoldSignatureDictionary', () => {
  const pdf = (body: string) => Buffer.from(`%PDF-1.7\n${body}\n%%EOF\n`, 'latin1');

  it('finds /ByteRange written plainly and with #xx escapes, wherever it sits in a dictionary', () => {
    expect(mayHoldSignatureDictionary(pdf('1 0 obj <</Type/Sig/ByteRange[0 10 20 30]/Contents<00>>> endobj'))).toBe(true);
    expect(mayHoldSignatureDictionary(pdf('1 0 obj <</Type/Sig/Byte#52ange[0 10 20 30]>> endobj'))).toBe(true);
    expect(mayHoldSignatureDictionary(pdf('1 0 obj <</Type /Sig /#42#79te#52#61nge [0 10 20 30]>> endobj'))).toBe(true);
  });

  it('answers false for files without one, escaped names of other words and ByteRange as text included', () => {
    expect(mayHoldSignatureDictionary(pdf('1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj'))).toBe(false);
    expect(mayHoldSignatureDictionary(pdf('1 0 obj <</Font#20Name/Byte#52anges 1>> endobj'))).toBe(false);
    expect(mayHoldSignatureDictionary(pdf('(ByteRange) Tj'))).toBe(false);
  });
});

// The scan reads bytes chunk by chunk as the upload streams; the regular expression it replaced
// (over the whole file as text) is the oracle: the same answer for every file and every cut.
describe('the streaming scan', () => {
  const ESCAPED_NAME = /\/([!-$&'*-.0-;=?-Z\\^-z|~]*#[0-9A-Fa-f]{2}[!-$&'*-.0-;=?-Z\\^-z|~]*)/g;
  const oracle = (bytes: Buffer): boolean => {
    const text = bytes.toString('latin1');
    if (text.includes('/ByteRange')) return true;
    for (const [, name] of text.matchAll(ESCAPED_NAME)) {
      if (name.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) === 'ByteRange') return true;
    }
    return false;
  };
  // A deterministic generator, so a failure can be replayed.
  let seed = 12345;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const spellings = [
    '/ByteRange',
    '/Byte#52ange',
    '/#42#79#74#65#52#61#6e#67#65',
    '/#42yteRang#65',
    '/Byte#52anges',
    '/Byte#5',
    '/ByteRang',
  ];
  const fileWith = (spelling: string | undefined): Buffer => {
    const noise = Buffer.from(Array.from({ length: 300 + Math.floor(random() * 3000) }, () => Math.floor(random() * 256)));
    if (!spelling) return noise;
    const at = Math.floor(random() * noise.length);
    return Buffer.concat([noise.subarray(0, at), Buffer.from(`<<${spelling}[0 1 2 3]>>`, 'latin1'), noise.subarray(at)]);
  };
  const streamed = (bytes: Buffer): boolean => {
    const scan = createSignatureDictionaryScan();
    for (let at = 0; at < bytes.length;) {
      const size = 1 + Math.floor(random() * 200);
      scan.update(bytes.subarray(at, at + size));
      at += size;
    }
    return scan.found;
  };

  it('answers as the whole-file regular expression for random files and random chunk sizes', () => {
    let found = 0;
    for (let i = 0; i < 2000; i++) {
      const bytes = fileWith(spellings[i % (spellings.length + 1)]);
      const expected = oracle(bytes);
      if (expected) found++;
      expect(mayHoldSignatureDictionary(bytes)).toBe(expected);
      expect(streamed(bytes)).toBe(expected);
    }
    // The set holds both answers in numbers (four of the eight kinds spell ByteRange).
    expect(found).toBeGreaterThan(900);
    expect(found).toBeLessThan(1400);
  });
});
