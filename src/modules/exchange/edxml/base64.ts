/**
 * Incremental base64 for attachments that may be hundreds of megabytes: the decoder takes the text
 * of `ContentTransferEncoded` in whatever pieces the XML stream gives and returns bytes as soon as
 * whole quartets are known, keeping the leftover characters for the next piece; the encoder does
 * the same for byte chunks (leftover of 0–2 bytes).
 */
import { Buffer } from 'node:buffer';
import type { Readable } from 'node:stream';

// RFC 2045 §6.8: characters outside the base64 alphabet are ignored (line breaks, but also the
// stray characters some senders leave, like a trailing "…" in hand-made samples).
const NOT_ALPHABET = /[^A-Za-z0-9+/=]+/g;
const REFERENCE = /&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z]{1,8});/g;
const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
/** Longest character reference we wait for across pieces before calling it garbage. */
const MAX_REF_CARRY = 12;

export type Base64Decoder = {
  /** Decodes one piece of text; returns the bytes completed by it (possibly none). */
  push: (text: string) => Buffer[];
  /** Decodes what is left at the end of the element. */
  end: () => Buffer[];
};

/**
 * Creates a streaming base64 decoder that ignores whitespace and any character outside the
 * alphabet (RFC 2045), and refuses misplaced padding or a truncated quartet. `fail` is called with
 * a one-line reason (it must throw).
 */
export function createBase64Decoder(fail: (reason: string) => never): Base64Decoder {
  let quartetCarry = '';
  let refCarry = '';
  let padded = false;

  // This text bypasses saxes, so the few XML rules that can matter here are checked here:
  // character references are resolved and a bare '&' is malformed XML.
  const clean = (text: string): string => {
    let s = refCarry + text;
    refCarry = '';
    if (s.includes('&')) {
      const amp = s.lastIndexOf('&');
      if (!s.includes(';', amp) && s.length - amp <= MAX_REF_CARRY) {
        refCarry = s.slice(amp);
        s = s.slice(0, amp);
      }
      if (s.replace(REFERENCE, '').includes('&')) fail('malformed XML: bare & in attachment content');
      s = s.replace(REFERENCE, (_m, ref: string) => {
        if (ref[0] !== '#') {
          const ch = PREDEFINED[ref];
          return ch ?? fail(`malformed XML: undefined entity &${ref}; in attachment content`);
        }
        const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
        return code <= 0x10ffff ? String.fromCodePoint(code) : '';
      });
    }
    return s.replace(NOT_ALPHABET, '');
  };

  const decode = (s: string): Buffer[] => (s.length === 0 ? [] : [Buffer.from(s, 'base64')]);

  const push = (text: string): Buffer[] => {
    const s = clean(text);
    if (s.length === 0) return [];
    if (padded) {
      if (/[^=]/.test(s)) fail('attachment content is not valid base64 (data after padding)');
      return [];
    }
    const all = quartetCarry + s;
    const pad = all.indexOf('=');
    if (pad !== -1) {
      if (/[^=]/.test(all.slice(pad)) || all.length - pad > 2) {
        fail('attachment content is not valid base64 (misplaced padding)');
      }
      padded = true;
      const data = all.slice(0, pad);
      quartetCarry = '';
      if (data.length % 4 === 1) fail('attachment content is not valid base64 (truncated)');
      return decode(data);
    }
    const whole = all.length - (all.length % 4);
    quartetCarry = all.slice(whole);
    return decode(all.slice(0, whole));
  };

  const end = (): Buffer[] => {
    if (refCarry) fail('malformed XML: bare & (unterminated character reference) in attachment content');
    const rest = quartetCarry;
    quartetCarry = '';
    // Unpadded tails of 2 or 3 characters are accepted (some encoders drop the padding).
    if (rest.length % 4 === 1) fail('attachment content is not valid base64 (truncated)');
    return decode(rest);
  };

  return { push, end };
}

/** Slice size when encoding a Buffer source, a multiple of 3 so no leftover is carried. */
const ENCODE_SLICE = 48 * 1024;

/**
 * Encodes a Buffer or a byte stream as base64 text pieces, never holding the whole payload as text.
 */
export async function* encodeBase64Stream(source: Readable | Buffer): AsyncGenerator<string> {
  if (Buffer.isBuffer(source)) {
    for (let i = 0; i < source.length; i += ENCODE_SLICE) {
      yield source.subarray(i, i + ENCODE_SLICE).toString('base64');
    }
    return;
  }
  let carry: Buffer = Buffer.alloc(0);
  for await (const chunk of source) {
    const bytes: Buffer = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array);
    const all = carry.length ? Buffer.concat([carry, bytes]) : bytes;
    const whole = all.length - (all.length % 3);
    if (whole > 0) yield all.subarray(0, whole).toString('base64');
    carry = Buffer.from(all.subarray(whole));
  }
  if (carry.length) yield carry.toString('base64');
}
