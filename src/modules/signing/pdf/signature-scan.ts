// Whether a PDF may hold a signature dictionary, found without parsing it (the upload's scan).

const BYTE_RANGE = Buffer.from('/ByteRange', 'latin1');
const HASH = 0x23; // '#'
const SLASH = 0x2f; // '/'
/** The longest spelling of ByteRange: each of its 9 characters as #xx. */
const LONGEST_SPELLING = 9 * 3;
/** Bytes kept from one chunk to the next: more than a name's '/' and its longest spelling. */
const SCAN_OVERLAP = 64;

/** A name's regular characters: printable ASCII but the delimiters ( ) < > [ ] { } / % (ISO 32000-1 §7.2.2). */
const REGULAR = new Uint8Array(256);
for (let c = 0x21; c <= 0x7e; c++) REGULAR[c] = 1;
for (const delimiter of '()<>[]{}/%') REGULAR[delimiter.charCodeAt(0)] = 0;

const hexValue = (c: number): number =>
  c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x41 && c <= 0x46 ? c - 0x37 : c >= 0x61 && c <= 0x66 ? c - 0x57 : -1;

/** The name's characters from `start` to `end`, each #xx decoded. */
function decodeName(bytes: Buffer, start: number, end: number): string {
  let name = '';
  for (let i = start; i < end; i++) {
    if (bytes[i] === HASH && i + 2 < end) {
      const high = hexValue(bytes[i + 1]);
      const low = hexValue(bytes[i + 2]);
      if (high >= 0 && low >= 0) {
        name += String.fromCharCode(high * 16 + low);
        i += 2;
        continue;
      }
    }
    name += String.fromCharCode(bytes[i]);
  }
  return name;
}

/**
 * Whether the bytes hold the name /ByteRange, plainly or with #xx escapes. Searched in the bytes
 * (no copy into a string): the plain spelling with one native search, then only the names holding
 * a '#' are decoded. Each byte is looked at a bounded number of times.
 */
function holdsByteRangeName(bytes: Buffer): boolean {
  if (bytes.includes(BYTE_RANGE)) return true;
  for (let hash = bytes.indexOf(HASH); hash !== -1;) {
    let start = hash;
    while (start > 0 && REGULAR[bytes[start - 1]]) start--;
    let end = hash + 1;
    while (end < bytes.length && REGULAR[bytes[end]]) end++;
    if (start > 0 && bytes[start - 1] === SLASH && end - start <= LONGEST_SPELLING && decodeName(bytes, start, end) === 'ByteRange')
      return true;
    hash = bytes.indexOf(HASH, end);
  }
  return false;
}

/**
 * Finds, chunk by chunk as a file streams past, whether it may hold a signature dictionary, without
 * parsing it: every signature dictionary carries a /ByteRange name, written uncompressed (its
 * /Contents must sit at the file offsets the byte range leaves out, so it cannot live in a
 * compressed object stream). A name may spell any character as #xx (ISO 32000-1 §7.3.5), so escaped
 * spellings are decoded and compared too. `found` false means the file has no signature to report:
 * most arriving PDFs are unsigned scans and drafts. A name cut by a chunk's edge is found in the
 * seam: the previous chunk's last bytes with this chunk's first.
 */
export function createSignatureDictionaryScan(): { update(chunk: Buffer): void; readonly found: boolean } {
  let carry: Buffer = Buffer.alloc(0);
  let found = false;
  return {
    update(chunk) {
      if (found) return;
      found = holdsByteRangeName(Buffer.concat([carry, chunk.subarray(0, SCAN_OVERLAP)])) || holdsByteRangeName(chunk);
      carry =
        chunk.length >= SCAN_OVERLAP ? chunk.subarray(chunk.length - SCAN_OVERLAP) : Buffer.concat([carry, chunk]).subarray(-SCAN_OVERLAP);
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
