/**
 * Streaming reader under the edXML parser. It turns a package into a small element tree (header,
 * manifest, attachment metadata) while the base64 content of every `ContentTransferEncoded`
 * element is decoded on the fly and sent to a sink, so memory stays bounded whatever the size of
 * the attachments.
 *
 * saxes buffers a whole text node before reporting it, which would put a 200 MB attachment in one
 * string. So the input is fed to saxes in segments ending at each `>`: right after the `>` of a
 * `ContentTransferEncoded` start tag, the characters up to the next `<` are pure character data,
 * and this reader hands them straight to the base64 decoder instead of to saxes (saxes then sees
 * an empty element). Anything unusual inside that element (CDATA, comments) goes through saxes and
 * is routed to the decoder from its events.
 */
import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import type { Hash } from 'node:crypto';
import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import { SaxesParser } from 'saxes';
import type { SaxesTagPlain } from 'saxes';
import { AppError } from '../../../lib/errors.js';
import { createBase64Decoder } from './base64.js';
import type { Base64Decoder } from './base64.js';
import type { AttachmentMeta } from './types.js';

/** One retained element: local name, resolved namespace, attributes by local name, children. */
export type XmlNode = {
  local: string;
  ns: string | null;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
};

export type DecodedAttachment = {
  /** The element holding `ContentTransferEncoded` (normally `Attachment`), complete at the end. */
  holder: XmlNode | null;
  meta: AttachmentMeta;
  size: number;
  sha256: string;
};

export type ReadXmlOptions = {
  maxBytes: number;
  maxDepth: number;
  maxTextLength: number;
  maxElements: number;
  /** Builds the metadata of an attachment from what has been read so far. */
  describeAttachment: (holder: XmlNode | null, root: XmlNode, index: number) => AttachmentMeta;
  onAttachment?: (meta: AttachmentMeta) => Writable | undefined;
  /**
   * Stop reading at the first `ContentTransferEncoded` start tag: the tree then holds everything
   * before the attachments' bytes (header, manifest), and `complete` is false. The source is left
   * undrained and not destroyed, even on a refusal: the caller decides what becomes of the rest.
   */
  headerOnly?: boolean;
};

/** `complete`: false when a header-only read stopped at the first attachment's bytes. */
export type XmlTree = { root: XmlNode; attachments: DecodedAttachment[]; complete: boolean };

/** Elements whose subtree is skipped: the XML-DSig block is large and not needed for routing. */
const SKIPPED = new Set(['Signature']);
const BASE64_ELEMENT = 'ContentTransferEncoded';
const INPUT_SLICE = 64 * 1024;
const HEADER_SLICE = 8 * 1024;

/** Throws the single kind of error a refused package produces. */
export function refuse(reason: string): never {
  throw new AppError('VALIDATION_FAILED', { message: reason.replace(/\s+/g, ' ').trim() });
}

type Frame = { node: XmlNode | null; isBase64: boolean; nsMap: Record<string, string> };

type OpenAttachment = {
  holder: XmlNode | null;
  meta: AttachmentMeta;
  sink: Writable | undefined;
  sinkError: unknown;
  hash: Hash;
  size: number;
  decoder: Base64Decoder;
};

/** `keepOpen`: a header-only read stops early and leaves the stream to its caller (undrained, not destroyed). */
async function* slices(source: Readable | Buffer, keepOpen: boolean): AsyncGenerator<Buffer> {
  if (Buffer.isBuffer(source)) {
    for (let i = 0; i < source.length; i += INPUT_SLICE) yield source.subarray(i, i + INPUT_SLICE);
    return;
  }
  for await (const chunk of source.iterator({ destroyOnReturn: !keepOpen })) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    if (!keepOpen) {
      yield bytes;
      continue;
    }
    // A header is a few KB at the start of a chunk of up to 64 KB: decoding it in small slices
    // turns only what is read into text (the rest of the chunk is never decoded).
    for (let i = 0; i < bytes.length; i += HEADER_SLICE) yield bytes.subarray(i, i + HEADER_SLICE);
  }
}

const localName = (qname: string): string => qname.slice(qname.indexOf(':') + 1);
const prefixOf = (qname: string): string => (qname.includes(':') ? qname.slice(0, qname.indexOf(':')) : '');

/**
 * Reads an XML package into a tree of retained elements, decoding attachments as they stream.
 * @throws AppError VALIDATION_FAILED (one-line reason) for DTDs, limits, malformed XML, bad base64.
 */
export async function readXmlTree(source: Readable | Buffer, options: ReadXmlOptions): Promise<XmlTree> {
  const { maxBytes, maxDepth, maxTextLength, maxElements } = options;
  if (Buffer.isBuffer(source) && source.length > maxBytes) {
    refuse(`package is larger than the limit of ${maxBytes} bytes`);
  }

  const parser = new SaxesParser({ xmlns: false, position: true });
  const stack: Frame[] = [];
  const attachments: DecodedAttachment[] = [];
  // Held in an object because closures assign it (keeps TypeScript's narrowing honest).
  const doc: { root: XmlNode | null; current: OpenAttachment | null } = { root: null, current: null };
  let elementCount = 0;

  let pendingStart: { holder: XmlNode | null } | null = null;
  let pendingEnd = false;
  /** A header-only read reached the first attachment's bytes. */
  let stopped = false;
  let queued: Buffer[] = [];

  parser.on('doctype', () => refuse('DOCTYPE/DTD declarations are not allowed'));

  parser.on('opentag', (tag: SaxesTagPlain) => {
    if (stack.length + 1 > maxDepth) refuse(`XML is nested deeper than the limit of ${maxDepth} elements`);
    const parent = stack[stack.length - 1];
    let nsMap = parent?.nsMap ?? {};
    let ownMap = false;
    const attrs: Record<string, string> = {};
    for (const [name, value] of Object.entries(tag.attributes)) {
      if (name === 'xmlns' || name.startsWith('xmlns:')) {
        if (!ownMap) {
          nsMap = { ...nsMap };
          ownMap = true;
        }
        nsMap[name === 'xmlns' ? '' : name.slice(6)] = value;
      } else {
        attrs[localName(name)] = value;
      }
    }
    const local = localName(tag.name);
    const skipped = (parent !== undefined && parent.node === null) || SKIPPED.has(local);
    if (skipped) {
      stack.push({ node: null, isBase64: false, nsMap });
      return;
    }
    elementCount += 1;
    if (elementCount > maxElements) refuse(`package has more than the limit of ${maxElements} elements`);
    const node: XmlNode = { local, ns: nsMap[prefixOf(tag.name)] ?? null, attrs, children: [], text: '' };
    if (parent?.node) parent.node.children.push(node);
    else if (!doc.root) doc.root = node;
    const isBase64 = local === BASE64_ELEMENT;
    if (isBase64) pendingStart = { holder: parent?.node ?? null };
    stack.push({ node, isBase64, nsMap });
  });

  parser.on('closetag', () => {
    const frame = stack.pop();
    if (frame?.isBase64) pendingEnd = true;
  });

  const onText = (text: string): void => {
    const frame = stack[stack.length - 1];
    if (!frame?.node) return;
    if (frame.isBase64) {
      if (doc.current) queued.push(...doc.current.decoder.push(text));
      return;
    }
    frame.node.text += text;
    if (frame.node.text.length > maxTextLength) {
      refuse(`text of <${frame.node.local}> is longer than the limit of ${maxTextLength} characters`);
    }
  };
  parser.on('text', onText);
  parser.on('cdata', onText);

  const writeBytes = async (buffers: Buffer[]): Promise<void> => {
    const att = doc.current;
    if (!att) return;
    for (const buf of buffers) {
      att.hash.update(buf);
      att.size += buf.length;
      if (att.sink) {
        if (att.sinkError) throw att.sinkError;
        if (!att.sink.write(buf)) await once(att.sink, 'drain');
      }
    }
  };

  const openAttachment = (holder: XmlNode | null): void => {
    const meta = options.describeAttachment(holder, doc.root as XmlNode, attachments.length);
    const sink = options.onAttachment?.(meta);
    const att: OpenAttachment = {
      holder,
      meta,
      sink,
      sinkError: undefined,
      hash: createHash('sha256'),
      size: 0,
      decoder: createBase64Decoder(refuse),
    };
    sink?.on('error', (err: unknown) => {
      att.sinkError ??= err;
    });
    doc.current = att;
  };

  const closeAttachment = async (): Promise<void> => {
    const att = doc.current;
    if (!att) return;
    await writeBytes(att.decoder.end());
    if (att.sink) {
      att.sink.end();
      await finished(att.sink);
    }
    attachments.push({ holder: att.holder, meta: att.meta, size: att.size, sha256: att.hash.digest('hex') });
    doc.current = null;
  };

  // Splitter state.
  let base64Mode = false;
  let tail = '';
  let run = 0;
  const runLimit = maxTextLength * 8 + 4096;

  const feedSaxes = (segment: string): void => {
    const probe = tail + segment;
    if (/<!DOCTYPE|<!ENTITY/i.test(probe)) refuse('DOCTYPE/DTD declarations are not allowed');
    tail = probe.slice(-9);

    // Memory guard: saxes holds a whole text node or tag until it ends.
    let pos = 0;
    for (;;) {
      const lt = segment.indexOf('<', pos);
      run += (lt === -1 ? segment.length : lt) - pos;
      if (run > runLimit) refuse(`a text node or tag is longer than the limit of ${maxTextLength} characters`);
      if (lt === -1) break;
      run = 0;
      pos = lt + 1;
    }
    if (segment.endsWith('>')) run = 0;

    try {
      parser.write(segment);
    } catch (err) {
      if (err instanceof AppError) throw err;
      refuse(`malformed XML: ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  const afterSegment = async (): Promise<void> => {
    if (pendingStart && options.headerOnly) {
      stopped = true;
      return;
    }
    if (pendingStart) {
      openAttachment(pendingStart.holder);
      pendingStart = null;
      base64Mode = !pendingEnd;
    }
    if (queued.length) {
      const q = queued;
      queued = [];
      await writeBytes(q);
    }
    if (pendingEnd) {
      pendingEnd = false;
      await closeAttachment();
    }
  };

  let started = false;
  const processText = async (input: string): Promise<void> => {
    let str = input;
    if (!started) {
      // Whitespace before the XML declaration is an error for saxes; hand-made packages have it.
      str = str.replace(/^\s+/, '');
      started = str.length > 0;
    }
    let i = 0;
    while (i < str.length && !stopped) {
      if (base64Mode) {
        const lt = str.indexOf('<', i);
        const end = lt === -1 ? str.length : lt;
        if (doc.current && end > i) await writeBytes(doc.current.decoder.push(str.slice(i, end)));
        i = end;
        if (lt !== -1) base64Mode = false;
        continue;
      }
      const gt = str.indexOf('>', i);
      const end = gt === -1 ? str.length : gt + 1;
      feedSaxes(str.slice(i, end));
      i = end;
      await afterSegment();
    }
  };

  let textDecoder: StringDecoder | null = null;
  const decodeBytes = (input: Buffer): string => {
    let buf = input;
    if (!textDecoder) {
      if (buf[0] === 0xff && buf[1] === 0xfe) {
        textDecoder = new StringDecoder('utf16le');
        buf = buf.subarray(2);
      } else if (buf[0] === 0xfe && buf[1] === 0xff) {
        refuse('UTF-16BE packages are not supported; send UTF-8');
      } else {
        textDecoder = new StringDecoder('utf8');
        if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3);
      }
    }
    return (textDecoder as StringDecoder).write(buf);
  };

  let total = 0;
  try {
    for await (const chunk of slices(source, options.headerOnly === true)) {
      total += chunk.length;
      if (total > maxBytes) refuse(`package is larger than the limit of ${maxBytes} bytes`);
      if (chunk.length) await processText(decodeBytes(chunk));
      if (stopped) break;
    }
    if (stopped) {
      if (!doc.root) refuse('malformed XML: no root element');
      return { root: doc.root, attachments, complete: false };
    }
    if (textDecoder) await processText((textDecoder as StringDecoder).end());
    try {
      parser.close();
    } catch (err) {
      if (err instanceof AppError) throw err;
      refuse(`malformed XML: ${err instanceof Error ? err.message : String(err)}`);
    }
    await afterSegment();
  } catch (err) {
    const sink = doc.current?.sink;
    if (sink && !sink.destroyed) sink.destroy(err instanceof Error ? err : new Error(String(err)));
    throw err;
  }

  if (!doc.root) refuse('malformed XML: no root element');
  return { root: doc.root, attachments, complete: true };
}
