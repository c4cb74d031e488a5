import { axisFileHash, axisRequestHeaders, axisTimestamp } from './axis-protocol.js';

export type AxisClientOptions = {
  endpoint: string;
  systemId: string;
  secret: string;
  fetchImpl?: typeof fetch;
  timeoutMs?: number;
  now?: () => Date;
};

/** The axis answered with `status: "FAIL"` or an ErrorCode other than "0" (AXIS.md §3): it refused the request. */
export class AxisFailure extends Error {
  constructor(
    readonly operation: string,
    readonly errorCode: string,
    readonly errorDesc: string,
  ) {
    super(`axis ${operation} failed: ${errorCode} ${errorDesc}`.trim());
    this.name = 'AxisFailure';
  }
}

/** No usable answer: the network failed, it timed out, or the body is not the envelope (never a crash, always retryable). */
export class AxisUnavailable extends Error {
  constructor(
    readonly operation: string,
    message: string,
    /** No connection was ever made (refused, unknown host): the axis certainly took nothing. */
    readonly neverConnected = false,
  ) {
    super(`axis ${operation}: ${message}`);
    this.name = 'AxisUnavailable';
  }
}

/** One item of getReceivedEdocList (every field a string: the SDK reads them with getAsString). */
export type AxisReceivedItem = { docId: string; messageType: string; from: string; to: string; status: string; created_time: string };

/** One recipient's line of getSentEdocList. */
export type AxisSentItem = {
  senderDocId: string;
  receiverDocId: string;
  toCode: string;
  sendStatus: string;
  sendStatusDesc: string;
  receiveStatus: string;
  receiveStatusDesc: string;
  receivedTime: string;
};

export type AxisAgency = { id: string; pid: string; code: string; name: string; mail: string };
/** One unit of getSynchronizeUnit: the agency list's fields, whether the axis deleted it, and when it last changed (as the axis wrote it). */
export type AxisSyncUnit = AxisAgency & { deleted: boolean; modifyDate: string };
/** registerAgency's body (AXIS.md §4). */
export type AxisAgencyRegistration = { id: string; pcode: string; code: string; name: string; mail: string; mobile: string; fax: string };

type Envelope = { status?: unknown; ErrorCode?: unknown; ErrorDesc?: unknown; [k: string]: unknown };

const CONNECT_ERRORS = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

/**
 * A client of the axis protocol (AXIS.md): every request signed as the SDK signs it, parameters
 * ASCII-only, the answer's envelope read whatever the HTTP status. Stateless: the timestamp is
 * fresh per request (the SDK's is fixed per service object; the axis cannot tell the difference).
 */
export function createAxisClient({
  endpoint,
  systemId,
  secret,
  fetchImpl = fetch,
  timeoutMs = 30_000,
  now = () => new Date(),
}: AxisClientOptions) {
  const base = endpoint.replace(/\/+$/, '');

  async function call(
    operation: string,
    params: [string, string][],
    body: { bytes: Buffer; contentType: string } = { bytes: Buffer.alloc(0), contentType: 'application/json' },
  ): Promise<Envelope> {
    const headers = axisRequestHeaders(secret, [
      ['systemid', systemId],
      ['timestamp', axisTimestamp(now())],
      ['Content-Type', body.contentType],
      ...params,
    ]);
    let text: string;
    try {
      const res = await fetchImpl(`${base}/${operation}`, {
        method: 'POST',
        headers,
        body: new Uint8Array(body.bytes.buffer as ArrayBuffer, body.bytes.byteOffset, body.bytes.byteLength),
        signal: AbortSignal.timeout(timeoutMs),
      });
      // HTTP statuses are ignored by the SDK: only the body matters (AXIS.md §1).
      text = await res.text();
    } catch (err) {
      const code = (err as { cause?: { code?: unknown } }).cause?.code;
      throw new AxisUnavailable(operation, (err as Error).message, typeof code === 'string' && CONNECT_ERRORS.has(code));
    }
    let env: Envelope;
    try {
      env = JSON.parse(text) as Envelope;
    } catch {
      throw new AxisUnavailable(operation, `the answer is not JSON: ${text.slice(0, 200)}`);
    }
    if (!env || typeof env !== 'object' || env.status === undefined || env.ErrorCode === undefined) {
      throw new AxisUnavailable(operation, `the answer has no envelope: ${text.slice(0, 200)}`);
    }
    if (str(env.status).toUpperCase() === 'FAIL' || str(env.ErrorCode) !== '0') {
      throw new AxisFailure(operation, str(env.ErrorCode), str(env.ErrorDesc));
    }
    return env;
  }

  const listOf = (env: Envelope): Record<string, unknown>[] =>
    Array.isArray(env.data) ? (env.data as unknown[]).filter((x): x is Record<string, unknown> => !!x && typeof x === 'object') : [];

  return {
    /**
     * Sends an edXML package (a document, or a status package with messagetype=status) from one of
     * our agency codes; returns the axis DocId.
     */
    async sendEdoc(pkg: Buffer, { from, messageType }: { from: string; messageType: 'edoc' | 'status' }): Promise<string> {
      const env = await call(
        'sendEdoc',
        [
          ['from', from],
          ['servicetype', 'eDoc'],
          ['messagetype', messageType],
          ['hash-file', axisFileHash(pkg)],
        ],
        // The SDK posts the raw bytes followed by CRLF; hash-file covers the bytes without it.
        { bytes: Buffer.concat([pkg, Buffer.from('\r\n')]), contentType: 'application/octet-stream' },
      );
      const docId = str(env.DocId);
      if (!docId) throw new AxisUnavailable('sendEdoc', 'the answer carries no DocId');
      return docId;
    },

    async getReceivedEdocList(messageType: 'edoc' | 'status'): Promise<AxisReceivedItem[]> {
      const env = await call('getReceivedEdocList', [
        ['servicetype', 'eDoc'],
        ['messagetype', messageType],
      ]);
      return listOf(env)
        .map((d) => ({
          docId: str(d.docId),
          messageType: str(d.messageType) || messageType,
          from: str(d.from),
          to: str(d.to),
          status: str(d.status),
          created_time: str(d.created_time),
        }))
        .filter((d) => d.docId !== '');
    },

    /** The package bytes (getEdoc answers base64 in `data`). */
    async getEdoc(docId: string): Promise<Buffer> {
      const env = await call('getEdoc', [
        ['docId', docId],
        ['filePath', 'vanthu'],
      ]);
      const data = str(env.data);
      if (!data) throw new AxisUnavailable('getEdoc', 'the answer carries no data');
      return Buffer.from(data, 'base64');
    },

    async updateStatus(docId: string, status: 'done' | 'fail' | 'processing'): Promise<void> {
      await call('updateStatus', [
        ['docId', docId],
        ['status', status],
      ]);
    },

    async getSentEdocList(docId?: string): Promise<AxisSentItem[]> {
      const env = await call('getSentEdocList', [
        ['servicetype', 'eDoc'],
        ['messagetype', 'edoc'],
        ...(docId ? [['docId', docId] as [string, string]] : []),
      ]);
      return listOf(env).map((d) => ({
        senderDocId: str(d.senderDocId),
        receiverDocId: str(d.receiverDocId),
        toCode: str(d.toCode),
        sendStatus: str(d.sendStatus),
        sendStatusDesc: str(d.sendStatusDesc),
        receiveStatus: str(d.receiveStatus),
        receiveStatusDesc: str(d.receiveStatusDesc),
        receivedTime: str(d.receivedTime),
      }));
    },

    async getAgenciesList(): Promise<AxisAgency[]> {
      const env = await call('getAgenciesList', []);
      return listOf(env)
        .map((d) => ({ id: str(d.id), pid: str(d.pid), code: str(d.code), name: str(d.name), mail: str(d.mail) }))
        .filter((a) => a.code !== '');
    },

    /** Every unit with its deleted flag (booleans arrive as JSON booleans or strings: read as text). */
    async getSynchronizeUnit(): Promise<AxisSyncUnit[]> {
      const env = await call('getSynchronizeUnit', []);
      return listOf(env)
        .map((d) => ({
          id: str(d.id),
          pid: str(d.pid),
          code: str(d.code),
          name: str(d.name),
          mail: str(d.mail),
          deleted: str(d.deleted).toLowerCase() === 'true',
          modifyDate: str(d.modifyDate),
        }))
        .filter((a) => a.code !== '');
    },

    /** Removes an agency of ours from the axis (deleteAgency: the code as the `AgencyCode` parameter, a `{}` body, AXIS.md §4). */
    async deleteAgency(code: string): Promise<void> {
      await call('deleteAgency', [['AgencyCode', code]], { bytes: Buffer.from('{}'), contentType: 'application/json' });
    },

    /** Registers an agency of ours under its parent (pcode); the body is JSON (UTF-8: not a header, so names keep their diacritics). */
    async registerAgency(agency: AxisAgencyRegistration): Promise<void> {
      await call('registerAgency', [], { bytes: Buffer.from(JSON.stringify(agency), 'utf8'), contentType: 'application/json' });
    },
  };
}

export type AxisClient = ReturnType<typeof createAxisClient>;
