// Whether a PDF may hold a signature dictionary, found without parsing it (the upload's scan).

/** A name's regular characters: printable ASCII but the delimiters ( ) < > [ ] { } / %. */
const ESCAPED_NAME = /\/([!-$&'*-.0-;=?-Z\\^-z|~]*#[0-9A-Fa-f]{2}[!-$&'*-.0-;=?-Z\\^-z|~]*)/g;
/** Text kept from one chunk to the next: longer than any spelling of /ByteRange (1 + 9 × 3 characters). */
const SCAN_OVERLAP = 64;

function holdsByteRangeName(text: string): boolean {
  if (text.includes('/ByteRange')) return true;
  if (!text.includes('#')) return false;
  for (const [, name] of text.matchAll(ESCAPED_NAME)) {
    if (name.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) === 'ByteRange') return true;
  }
  return false;
}

/**
 * Finds, chunk by chunk as a file streams past, whether it may hold a signature dictionary, without
 * parsing it: every signature dictionary carries a /ByteRange name, written uncompressed (its
 * /Contents must sit at the file offsets the byte range leaves out, so it cannot live in a
 * compressed object stream). A name may spell any character as #xx (ISO 32000-1 §7.3.5), so escaped
 * spellings are decoded and compared too. `found` false means the file has no signature to report:
 * most arriving PDFs are unsigned scans and drafts.
 */
export function createSignatureDictionaryScan(): { update(chunk: Buffer): void; readonly found: boolean } {
  let carry = '';
  let found = false;
  return {
    update(chunk) {
      if (found) return;
      const text = carry + chunk.toString('latin1');
      found = holdsByteRangeName(text);
      carry = text.slice(-SCAN_OVERLAP);
    },
    get found() {
      return found;
    },
  };
}

/** The same scan over a whole file. */
export function mayHoldSignatureDictionary(pdf: Buffer): boolean {
  const scan = createSignatureDictionaryScan();
  scan.update(pdf);
  return scan.found;
}
