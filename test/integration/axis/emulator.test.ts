import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAxisClient } from '../../../src/modules/exchange/axis/axis-client.js';
import { axisHmac, axisRequestHeaders } from '../../../src/modules/exchange/axis/axis-protocol.js';
import { REMOTE, edocPackage } from '../exchange/helpers.js';
import { startAxisEmulator, type AxisEmulator } from './emulator.js';

/**
 * The emulator's own checks (issue 15, "Done when": it verifies every request's HMAC and hash-file
 * as AXIS.md describes): the other axis tests expect it to refuse nothing of ours, which only means
 * something if it does refuse a request signed or hashed wrongly.
 */
let emulator: AxisEmulator;
const SYSTEM = { systemId: 'vxp.check.01', secret: 'the-right-secret-0123456789', agencyCodes: [REMOTE] };

beforeAll(async () => {
  emulator = await startAxisEmulator();
  emulator.register(SYSTEM);
});
afterAll(async () => emulator?.close());

const client = (secret = SYSTEM.secret) => createAxisClient({ endpoint: emulator.url, systemId: SYSTEM.systemId, secret, timeoutMs: 5000 });
const timestamp = '02122026T101500+0123';

async function raw(operation: string, headers: Record<string, string>, body: Buffer = Buffer.alloc(0)) {
  const res = await fetch(`${emulator.url}/${operation}`, { method: 'POST', headers, body: new Uint8Array(body) });
  return (await res.json()) as { status: string; ErrorCode: string; ErrorDesc: string; DocId?: string };
}

describe('the axis emulator', () => {
  it('answers a correctly signed request', async () => {
    expect(await client().getReceivedEdocList('edoc')).toEqual([]);
    expect(emulator.rejected()).toEqual([]);
  });

  it('refuses a request signed with another secret, whatever else is right', async () => {
    await expect(client('a-wrong-secret').getReceivedEdocList('edoc')).rejects.toThrow(/hash-header does not match/);
    expect(emulator.rejected().at(-1)).toMatchObject({ operation: 'getReceivedEdocList', verified: false });
  });

  it('refuses a signed value that differs from the header sent, a sign-header-key that does not list the entries, a bad timestamp', async () => {
    const entries: [string, string][] = [
      ['systemid', SYSTEM.systemId],
      ['timestamp', timestamp],
      ['Content-Type', 'application/json'],
      ['messagetype', 'edoc'],
    ];
    const good = axisRequestHeaders(SYSTEM.secret, entries);
    expect((await raw('getReceivedEdocList', good)).status).toBe('OK');
    // The header says status, the signed JSON says edoc.
    expect((await raw('getReceivedEdocList', { ...good, 'XroadVnpt-messagetype': 'status' })).ErrorDesc).toMatch(/differs from the signed/);
    expect(
      (await raw('getReceivedEdocList', { ...good, 'XroadVnpt-sign-header-key': 'systemid;timestamp;Content-Type' })).ErrorDesc,
    ).toMatch(/does not list/);
    const badTime = axisRequestHeaders(SYSTEM.secret, [...entries.filter(([k]) => k !== 'timestamp'), ['timestamp', '2026-12-02T10:15']]);
    expect((await raw('getReceivedEdocList', badTime)).ErrorDesc).toMatch(/timestamp/);
  });

  it('verifies the HMAC over the sign-header as received: non-ASCII bytes (HttpClient keeps the low byte) do not verify', async () => {
    const signHeader = JSON.stringify({
      'XroadVnpt-systemid': SYSTEM.systemId,
      'XroadVnpt-timestamp': timestamp,
      'XroadVnpt-Content-Type': 'application/json',
      'XroadVnpt-filePath': 'thư',
    });
    const headers = {
      'Content-Type': 'application/json',
      'XroadVnpt-systemid': SYSTEM.systemId,
      'XroadVnpt-timestamp': timestamp,
      'XroadVnpt-Content-Type': 'application/json',
      'XroadVnpt-filePath': 'th\u00b0',
      'XroadVnpt-sign-header-key': 'systemid;timestamp;Content-Type;filePath',
      // What the client signed (UTF-8 thư) is not what arrives (latin1 th°).
      'XroadVnpt-sign-header': Buffer.from(signHeader, 'utf8').toString('latin1'),
      'XroadVnpt-hash-header': axisHmac(SYSTEM.secret, signHeader),
    };
    expect((await raw('getReceivedEdocList', headers)).ErrorDesc).toMatch(/hash-header does not match/);
  });

  it('refuses a sendEdoc whose hash-file is not the unpadded SHA-256 of the body without its CRLF, or whose body lacks the CRLF', async () => {
    // A package whose SHA-256 has a byte below 0x10, so that the padded and unpadded forms differ.
    let pkg: Buffer = Buffer.alloc(0);
    for (
      let n = 1;
      pkg.length === 0 ||
      createHash('sha256')
        .update(pkg)
        .digest()
        .every((b) => b >= 16);
      n++
    )
      pkg = await edocPackage({ number: String(n), to: [{ organId: '000.00.00.H41' }] });
    const send = (hash: string, body: Buffer) =>
      raw(
        'sendEdoc',
        axisRequestHeaders(SYSTEM.secret, [
          ['systemid', SYSTEM.systemId],
          ['timestamp', timestamp],
          ['Content-Type', 'application/octet-stream'],
          ['from', REMOTE],
          ['servicetype', 'eDoc'],
          ['messagetype', 'edoc'],
          ['hash-file', hash],
        ]),
        body,
      );
    const withCrlf = Buffer.concat([pkg, Buffer.from('\r\n')]);
    const padded = createHash('sha256').update(pkg).digest('hex');
    const unpadded = [...createHash('sha256').update(pkg).digest()].map((b) => b.toString(16)).join('');
    expect((await send(createHash('sha256').update(withCrlf).digest('hex'), withCrlf)).ErrorDesc).toMatch(/hash-file does not match/);
    expect((await send(unpadded, pkg)).ErrorDesc).toMatch(/CRLF/);
    expect(padded).not.toBe(unpadded);
    expect((await send(padded, withCrlf)).ErrorDesc).toMatch(/hash-file does not match/);
    const ok = await send(unpadded, withCrlf);
    expect(ok).toMatchObject({ status: 'OK', ErrorCode: '0' });
    expect(ok.DocId).toMatch(/^[0-9a-f]{24}$/);
    // And our client's own send verifies.
    expect(await client().sendEdoc(pkg, { from: REMOTE, messageType: 'edoc' })).toMatch(/^[0-9a-f]{24}$/);
  });
});
