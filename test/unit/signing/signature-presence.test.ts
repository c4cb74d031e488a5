import { describe, expect, it } from 'vitest';
import { mayHoldSignatureDictionary } from '../../../src/modules/signing/pdf/signature-scan.js';

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
