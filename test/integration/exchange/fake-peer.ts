import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { DEFAULT_EDXML_LIMITS, parseEdxml, type ParsedPackage } from '../../../src/modules/exchange/edxml/index.js';

export type Received = { headers: IncomingMessage['headers']; body: Buffer; at: number };

/**
 * A remote province's inbound endpoint over real HTTP: records every request, answers with
 * `mode.status` after `mode.delayMs`, and counts requests in flight.
 */
export type FakePeer = {
  url: string;
  mode: { status: number; delayMs: number };
  received: Received[];
  readonly inFlight: number;
  maxInFlight: number;
  /** Requests whose package names `organId` (a recipient organ code). */
  sentTo(organId: string): Received[];
  close(): Promise<void>;
};

export async function startFakePeer(): Promise<FakePeer> {
  let inFlight = 0;
  const peer: FakePeer = {
    url: '',
    mode: { status: 202, delayMs: 0 },
    received: [],
    get inFlight() {
      return inFlight;
    },
    maxInFlight: 0,
    sentTo: (organId) => peer.received.filter((r) => r.body.includes(`<edXML:OrganId>${organId}</edXML:OrganId>`)),
    close: () => new Promise((r) => server.close(() => r())),
  };
  const server: Server = createServer(async (req, res) => {
    inFlight++;
    peer.maxInFlight = Math.max(peer.maxInFlight, inFlight);
    const body = await buffer(req);
    peer.received.push({ headers: req.headers, body, at: Date.now() });
    const { status, delayMs } = peer.mode;
    await new Promise((r) => setTimeout(r, delayMs));
    inFlight--;
    res
      .writeHead(status, { 'content-type': 'application/json' })
      .end(JSON.stringify({ receiptId: '00000000-0000-4000-8000-000000000000', status: 'accepted' }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  peer.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return peer;
}

/** Parses a package the fake peer received. */
export const parsed = (r: Received): Promise<ParsedPackage> => parseEdxml(Readable.from(r.body), DEFAULT_EDXML_LIMITS);
