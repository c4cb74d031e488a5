import type { PeerRow } from './exchange.repo.js';
import { AxisFailure, AxisUnavailable, type AxisClient } from './axis/axis-client.js';
import { peerRequestHeaders } from './peer-auth.js';

/** Where packages for a vanthu peer go. */
export const inboundUrlOf = (baseUrl: string): string => `${baseUrl.replace(/\/+$/, '')}/api/v1/exchange/inbound`;

/** What became of one package handed to a peer. */
export type TransportOutcome =
  | { ok: true; axisDocId?: string }
  | {
      ok: false;
      failure: string;
      /** Retrying will not change the answer (a vanthu peer's 4xx; a package the axis connector may not send). */
      permanent: boolean;
      /** The peer certainly did not take the package (it refused it, or no connection was made). */
      notTaken: boolean;
    };

export type PackageTransportDeps = {
  fetchImpl?: typeof fetch;
  timeoutMs?: number;
  /** The national axis connector (AXIS_ENDPOINT set), or null. */
  axis: { client: AxisClient; agencyCodes: readonly string[] | null } | null;
};

const CONNECT_ERRORS = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** Whether a failed fetch certainly reached nobody (a timeout or a reset may come after the peer took the package). */
function neverConnected(err: unknown): boolean {
  const code = (err as { cause?: { code?: unknown } } | null)?.cause?.code;
  return typeof code === 'string' && CONNECT_ERRORS.has(code);
}

/**
 * Hands an edXML package to the peer that reaches its recipient, by the peer's transport: a vanthu
 * deployment gets it POSTed with our HMAC headers; the national axis through `sendEdoc` (a status
 * package with messagetype=status), from the sending organisation's agency code. Never throws for
 * an answer: the caller decides retry, dead letter or record from the outcome.
 */
export function createPackageTransport({ fetchImpl = fetch, timeoutMs = 30_000, axis }: PackageTransportDeps) {
  return {
    /** Why packages cannot go to `peer` at all (a configuration gap, not an answer), or null. */
    unreachable(peer: PeerRow): string | null {
      if (!peer.active) return 'peer inactive';
      if (peer.transport === 'axis') return axis ? null : 'the national axis connector is off (AXIS_ENDPOINT unset)';
      return peer.baseUrl && peer.remotePeerId ? null : 'peer without baseUrl';
    },

    async send(
      peer: PeerRow,
      secret: string,
      body: Buffer<ArrayBuffer>,
      { kind, from }: { kind: 'edoc' | 'status'; from: string },
    ): Promise<TransportOutcome> {
      if (peer.transport === 'axis') {
        if (!axis)
          return { ok: false, failure: 'the national axis connector is off (AXIS_ENDPOINT unset)', permanent: true, notTaken: true };
        if (axis.agencyCodes && !axis.agencyCodes.includes(from.toUpperCase())) {
          return {
            ok: false,
            failure: `${from} is not among AXIS_AGENCY_CODES: the axis takes packages only from registered agencies`,
            permanent: true,
            notTaken: true,
          };
        }
        try {
          return { ok: true, axisDocId: await axis.client.sendEdoc(body, { from, messageType: kind }) };
        } catch (err) {
          // The axis's error codes are not published (AXIS.md §3): every refusal is retried within the budget.
          if (err instanceof AxisFailure) return { ok: false, failure: err.message.slice(0, 500), permanent: false, notTaken: true };
          if (err instanceof AxisUnavailable)
            return { ok: false, failure: err.message.slice(0, 500), permanent: false, notTaken: err.neverConnected };
          return { ok: false, failure: `axis: ${(err as Error).message}`.slice(0, 500), permanent: false, notTaken: false };
        }
      }
      try {
        const res = await fetchImpl(inboundUrlOf(peer.baseUrl!), {
          method: 'POST',
          headers: { 'content-type': 'application/edxml+xml', ...peerRequestHeaders(peer.remotePeerId!, secret, body) },
          body,
          signal: AbortSignal.timeout(timeoutMs),
        });
        const answer = (await res.text().catch(() => '')).slice(0, 500);
        if (res.ok) return { ok: true };
        return {
          ok: false,
          failure: `peer answered ${res.status}: ${answer}`,
          permanent: !(res.status >= 500 || res.status === 408 || res.status === 429),
          notTaken: res.status < 500,
        };
      } catch (err) {
        return { ok: false, failure: `peer unreachable: ${(err as Error).message}`, permanent: false, notTaken: neverConnected(err) };
      }
    },
  };
}

export type PackageTransport = ReturnType<typeof createPackageTransport>;
