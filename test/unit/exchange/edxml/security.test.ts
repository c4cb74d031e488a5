import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseEdxml } from '../../../../src/modules/exchange/edxml/parse.js';
import { chunked, edocXml, fixture, LIMITS, MANDATORY, memorySink, refusal } from './helpers.js';

const oneLine = (s: string): boolean => !/[\r\n]/.test(s) && s.length > 0;

describe('parseEdxml: refusals', () => {
  it('refuses XXE (DOCTYPE with an external entity) without reading the file', async () => {
    const reason = await refusal(parseEdxml(fixture('xxe.edxml'), LIMITS));
    expect(reason).toMatch(/DOCTYPE/);
    expect(reason).not.toMatch(/root:/);
    expect(oneLine(reason)).toBe(true);
  });

  it('refuses the billion laughs, even when the DOCTYPE keyword is split across chunks', async () => {
    for (const size of [1, 4, 1 << 16]) {
      expect(await refusal(parseEdxml(chunked(fixture('billion-laughs.edxml'), size), LIMITS))).toMatch(/DOCTYPE/);
    }
  });

  it('refuses an entity reference with no DTD (no expansion of any kind)', async () => {
    const xml = edocXml(MANDATORY.replace('Về việc thử', '&lol9;'));
    expect(await refusal(parseEdxml(Buffer.from(xml), LIMITS))).toMatch(/malformed XML: .*undefined entity/i);
  });

  it('refuses a package nested deeper than maxDepth', async () => {
    const deep = `${'<a>'.repeat(40)}${'</a>'.repeat(40)}`;
    const xml = edocXml(`${MANDATORY}<Content>${deep}</Content>`);
    expect(await refusal(parseEdxml(Buffer.from(xml), { ...LIMITS, maxDepth: 20 }))).toBe(
      'XML is nested deeper than the limit of 20 elements',
    );
  });

  it('refuses an oversize package given as a Buffer, and as a stream it stops reading', async () => {
    const xml = Buffer.from(edocXml(MANDATORY));
    expect(await refusal(parseEdxml(xml, { ...LIMITS, maxBytes: 100 }))).toBe('package is larger than the limit of 100 bytes');

    let produced = 0;
    const endless = new Readable({
      read() {
        produced += 1;
        this.push(produced === 1 ? '<edXML><Content>' : 'x'.repeat(1024));
      },
    });
    expect(await refusal(parseEdxml(endless, { ...LIMITS, maxBytes: 64 * 1024, maxTextLength: 1 << 20 }))).toMatch(
      /larger than the limit of 65536 bytes/,
    );
    expect(produced).toBeLessThan(100);
    expect(endless.destroyed).toBe(true);
  });

  it('refuses a text node longer than maxTextLength, bounded before it is buffered', async () => {
    const xml = edocXml(MANDATORY.replace('Về việc thử', 'x'.repeat(5000)));
    expect(await refusal(parseEdxml(Buffer.from(xml), { ...LIMITS, maxTextLength: 1000 }))).toBe(
      'text of <Subject> is longer than the limit of 1000 characters',
    );
    const huge = edocXml(MANDATORY.replace('Về việc thử', 'x'.repeat(200_000)));
    expect(await refusal(parseEdxml(Buffer.from(huge), { ...LIMITS, maxTextLength: 1000 }))).toMatch(/longer than the limit/);
  });

  it('refuses a flood of elements beyond maxElements', async () => {
    const xml = edocXml(`${MANDATORY}<ToPlaces>${'<Place>p</Place>'.repeat(500)}</ToPlaces>`);
    expect(await refusal(parseEdxml(Buffer.from(xml), { ...LIMITS, maxElements: 200 }))).toBe(
      'package has more than the limit of 200 elements',
    );
  });

  it.each([
    ['a mismatched close tag', edocXml(MANDATORY).replace('</Subject>', '</Subjet>'), /malformed XML: .*unexpected close tag/i],
    ['an unclosed document', edocXml(MANDATORY).replace('</edXML>', ''), /malformed XML: .*unclosed tag/i],
    ['text after the root', `${edocXml(MANDATORY)}garbage`, /malformed XML: .*outside of root/i],
    ['an empty input', '', /malformed XML/],
    ['not XML at all', '{"kind":"edoc"}', /malformed XML/],
    [
      'a bare & in attachment content',
      edocXml(
        MANDATORY,
        '<AttachmentEncoded><Attachment><ContentTransferEncoded>QU&JD</ContentTransferEncoded></Attachment></AttachmentEncoded>',
      ),
      /bare &/,
    ],
    [
      'a truncated base64 quartet',
      edocXml(
        MANDATORY,
        '<AttachmentEncoded><Attachment><ContentTransferEncoded>QUJDR</ContentTransferEncoded></Attachment></AttachmentEncoded>',
      ),
      /truncated/,
    ],
    [
      'data after base64 padding',
      edocXml(
        MANDATORY,
        '<AttachmentEncoded><Attachment><ContentTransferEncoded>QQ==QUJD</ContentTransferEncoded></Attachment></AttachmentEncoded>',
      ),
      /padding/,
    ],
  ])('refuses %s with a one-line reason', async (_label, xml, reason) => {
    const message = await refusal(parseEdxml(chunked(xml, 3), LIMITS));
    expect(message).toMatch(reason);
    expect(oneLine(message)).toBe(true);
  });

  it('destroys the attachment sink when the package is refused half-way through an attachment', async () => {
    const { sink } = memorySink();
    const xml = edocXml(MANDATORY, `<AttachmentEncoded><Attachment><ContentTransferEncoded>${'QUJD'.repeat(1000)}`);
    await refusal(parseEdxml(chunked(xml, 512), { ...LIMITS, onAttachment: () => sink }));
    expect(sink.destroyed).toBe(true);
  });
});
