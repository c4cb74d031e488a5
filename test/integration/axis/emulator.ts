// An emulator of the national document axis (VXP / LGSP) server, written from shared/design/AXIS.md
// alone (never from our client's code): it checks every request exactly as the document describes
// (the HMAC over the sign-header string as received, the entries against the headers actually
// sent, the unpadded hash-file over the body minus its CRLF, the sender's agency code) and holds
// the packages of each registered system (agency codes), with fault injection for the tests.
import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { DEFAULT_EDXML_LIMITS, parseEdxml } from '../../../src/modules/exchange/edxml/index.js';

export type AxisSystem = { systemId: string; secret: string; agencyCodes: string[] };

/**
 * An agency of the axis's directory. AXIS.md §4 names the fields getAgenciesList and
 * getSynchronizeUnit answer; it is silent on how the directory changes, so here: a rename or a
 * move changes the record and bumps its version, a removal marks it deleted (getAgenciesList
 * leaves it out, getSynchronizeUnit reports it with deleted=true).
 */
export type AxisAgencyRecord = {
  id: string;
  pid: string;
  code: string;
  name: string;
  mail: string;
  deleted: boolean;
  version: number;
  modifyDate: Date;
};

type Item = {
  /** The receiver-side id (a UUID, AXIS.md §5). */
  docId: string;
  senderDocId: string;
  owner: string;
  messageType: 'edoc' | 'status';
  from: string;
  to: string;
  bytes: Buffer;
  status: string;
  created: Date;
  updated: Date;
};

type Sent = { senderDocId: string; systemId: string; from: string; messageType: string; items: Item[]; sentTime: Date };

export type Fault =
  | { kind: 'FAIL'; errorCode?: string; errorDesc?: string; httpStatus?: number }
  | { kind: 'unknown-code' }
  | { kind: 'garbage' }
  | { kind: 'no-envelope' }
  | { kind: 'timeout' }
  /** The answer, as usual, but only after `ms` (a slow axis: a backlog that takes time to drain). */
  | { kind: 'delay'; ms: number }
  | { kind: 'close-mid-body' }
  /** The operation takes effect, then the connection closes before any answer (the client cannot know). */
  | { kind: 'close-after-effect' };

export type RecordedRequest = { operation: string; systemId: string; params: Record<string, string>; verified: boolean; error?: string };

const HEX24 = () => randomBytes(12).toString('hex');
/** Integer.toHexString of every byte: no zero padding (AXIS.md §4). */
const unpaddedSha256 = (b: Buffer) => [...createHash('sha256').update(b).digest()].map((x) => x.toString(16)).join('');
/** Answers in ASCII with \u escapes (the 2.0.1 SDK decodes sendEdoc's answer as US-ASCII). */
const asciiJson = (o: unknown) =>
  JSON.stringify(o).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

class Refusal extends Error {
  constructor(
    readonly errorCode: string,
    message: string,
  ) {
    super(message);
  }
}

export type AxisEmulator = Awaited<ReturnType<typeof startAxisEmulator>>;

export async function startAxisEmulator({
  systems = [] as AxisSystem[],
  agencies: initialAgencies = [] as { code: string; name: string; id?: string; pid?: string; mail?: string }[],
} = {}) {
  const byId = new Map(systems.map((s) => [s.systemId, s]));
  const agencies = new Map<string, AxisAgencyRecord>();
  const putAgency = (a: { code: string; name: string; id?: string; pid?: string; mail?: string }) => {
    const known = agencies.get(a.code);
    agencies.set(a.code, {
      id: a.id ?? known?.id ?? randomUUID(),
      pid: a.pid ?? known?.pid ?? '',
      code: a.code,
      name: a.name,
      mail: a.mail ?? known?.mail ?? '',
      deleted: false,
      version: (known?.version ?? 0) + 1,
      modifyDate: new Date(),
    });
  };
  for (const a of initialAgencies) putAgency(a);
  const items = new Map<string, Item>();
  const sent = new Map<string, Sent>();
  const requests: RecordedRequest[] = [];
  const faults: { operation: string; fault: Fault; times: number; when?: (params: Record<string, string>) => boolean }[] = [];
  const sockets = new Set<Socket>();
  const held: ServerResponse[] = [];
  const registrations: { systemId: string; body: Record<string, unknown> }[] = [];
  const unregistrations: { systemId: string; code: string }[] = [];

  const ownerOf = (code: string) => [...byId.values()].find((s) => s.agencyCodes.includes(code.trim().toUpperCase()));

  /**
   * Verifies a request as AXIS.md §2 describes and returns its parameters (read from the signed
   * JSON, since the server cannot rebuild the string: the order is the client's HashMap's).
   */
  function verify(req: IncomingMessage): { system: AxisSystem; params: Record<string, string> } {
    const h = (name: string) => {
      const v = req.headers[name.toLowerCase()];
      return Array.isArray(v) ? v.join(', ') : v;
    };
    const keyList = h('XroadVnpt-sign-header-key');
    const signHeader = h('XroadVnpt-sign-header');
    const hash = h('XroadVnpt-hash-header');
    if (!keyList || !signHeader || !hash) throw new Refusal('401', 'missing sign-header-key, sign-header or hash-header');
    let signed: Record<string, unknown>;
    try {
      signed = JSON.parse(signHeader) as Record<string, unknown>;
    } catch {
      throw new Refusal('401', 'sign-header is not JSON');
    }
    const systemId = signed['XroadVnpt-systemid'];
    const system = typeof systemId === 'string' ? byId.get(systemId) : undefined;
    if (!system) throw new Refusal('401', `unknown systemid ${String(systemId)}`);
    // Node hands header values over as latin1: a client that sent non-ASCII bytes fails here, as at the real axis.
    const expected = createHmac('sha256', Buffer.from(system.secret, 'utf8')).update(Buffer.from(signHeader, 'utf8')).digest();
    const given = Buffer.from(/^[0-9a-f]{64}$/.test(hash) ? hash : '', 'hex');
    if (given.length !== 32 || !timingSafeEqual(expected, given)) throw new Refusal('401', 'hash-header does not match the sign-header');
    const keys = keyList.split(';');
    const jsonKeys = Object.keys(signed);
    if (keys.length !== jsonKeys.length || !keys.every((k) => Object.hasOwn(signed, `XroadVnpt-${k}`)))
      throw new Refusal('401', 'sign-header-key does not list the sign-header entries');
    const params: Record<string, string> = {};
    for (const k of keys) {
      const v = signed[`XroadVnpt-${k}`];
      if (typeof v !== 'string') throw new Refusal('401', `sign-header entry ${k} is not a string`);
      // What was signed must be what was sent: each entry is also its own header.
      if (k !== 'to' && h(`XroadVnpt-${k}`) !== v) throw new Refusal('401', `header XroadVnpt-${k} differs from the signed value`);
      params[k] = v;
    }
    for (const required of ['systemid', 'timestamp', 'Content-Type']) {
      if (params[required] === undefined) throw new Refusal('401', `${required} is not signed`);
    }
    if (h('content-type')?.split(';')[0].trim() !== params['Content-Type'])
      throw new Refusal('401', 'Content-Type differs from the signed one');
    if (!/^\d{8}T\d{6}\+\d{4}$/.test(params.timestamp))
      throw new Refusal('401', `timestamp ${params.timestamp} is not ddMMyyyyTHHmmss+SSSS`);
    return { system, params };
  }

  async function recipientsOf(bytes: Buffer, messageType: string): Promise<{ codes: string[] }> {
    const pkg = await parseEdxml(bytes, { ...DEFAULT_EDXML_LIMITS, maxBytes: Number.MAX_SAFE_INTEGER });
    if (messageType === 'status') {
      if (pkg.kind !== 'status') throw new Refusal('400', 'messagetype status but the package is a document');
      return { codes: pkg.status.responseFor.organId ? [pkg.status.responseFor.organId] : [] };
    }
    if (pkg.kind !== 'edoc') throw new Refusal('400', 'messagetype edoc but the package is a status');
    return { codes: [...new Set(pkg.header.to.map((t) => t.organId))] };
  }

  async function operate(
    operation: string,
    system: AxisSystem,
    params: Record<string, string>,
    body: Buffer,
    bodyText: string,
  ): Promise<Record<string, unknown>> {
    const ok = (extra: Record<string, unknown> = {}) => ({ status: 'OK', ErrorCode: '0', ErrorDesc: 'Thanh cong', ...extra });
    switch (operation) {
      case 'sendEdoc': {
        if (params['Content-Type'] !== 'application/octet-stream') throw new Refusal('400', 'sendEdoc needs application/octet-stream');
        const from = (params.from ?? '').toUpperCase();
        if (!system.agencyCodes.includes(from))
          throw new Refusal('403', `Don vi gui ${params.from} khong dung voi ma da dang ky: ${system.systemId}`);
        if (params.messagetype !== 'edoc' && params.messagetype !== 'status')
          throw new Refusal('400', 'messagetype must be edoc or status');
        if (body.length < 2 || body.subarray(-2).toString('latin1') !== '\r\n') throw new Refusal('400', 'the body does not end with CRLF');
        const file = body.subarray(0, -2);
        if (params['hash-file'] !== unpaddedSha256(file)) throw new Refusal('400', 'hash-file does not match the file');
        const { codes } = await recipientsOf(file, params.messagetype);
        const senderDocId = HEX24();
        const record: Sent = {
          senderDocId,
          systemId: system.systemId,
          from,
          messageType: params.messagetype,
          items: [],
          sentTime: new Date(),
        };
        for (const code of codes) {
          const owner = ownerOf(code);
          if (!owner) continue;
          const item: Item = {
            docId: randomUUID(),
            senderDocId,
            owner: owner.systemId,
            messageType: params.messagetype,
            from,
            to: code,
            bytes: Buffer.from(file),
            status: 'initial',
            created: new Date(),
            updated: new Date(),
          };
          items.set(item.docId, item);
          record.items.push(item);
        }
        sent.set(senderDocId, record);
        // DocId is answered even on FAIL by the real server; here a send that reaches nobody still succeeds (the axis queues it).
        return ok({ DocId: senderDocId });
      }
      case 'getReceivedEdocList': {
        const mt = params.messagetype ?? 'edoc';
        const data = [...items.values()]
          .filter((i) => i.owner === system.systemId && i.messageType === mt && i.status !== 'done' && i.status !== 'fail')
          .sort((a, b) => a.created.getTime() - b.created.getTime())
          .map((i) => ({
            docId: i.docId,
            serviceType: 'eDoc',
            messageType: i.messageType,
            created_time: i.created.toISOString(),
            updated_time: i.updated.toISOString(),
            from: i.from,
            to: i.to,
            status: i.status,
            status_desc: i.status,
          }));
        return ok({ data });
      }
      case 'getEdoc': {
        const item = items.get(params.docId ?? '');
        if (!item || item.owner !== system.systemId) throw new Refusal('404', `khong tim thay van ban ${params.docId}`);
        return ok({ data: item.bytes.toString('base64') });
      }
      case 'updateStatus': {
        const item = items.get(params.docId ?? '');
        if (!item || item.owner !== system.systemId) throw new Refusal('404', `khong tim thay van ban ${params.docId}`);
        if (!params.status) throw new Refusal('400', 'status is required');
        item.status = params.status;
        item.updated = new Date();
        return ok();
      }
      case 'getSentEdocList': {
        const records = [...sent.values()].filter(
          (s) =>
            s.systemId === system.systemId &&
            (!params.docId || s.senderDocId === params.docId) &&
            (!params.messagetype || s.messageType === params.messagetype),
        );
        const data = records.flatMap((s) =>
          s.items.map((i) => ({
            serviceType: 'eDoc',
            messageType: s.messageType,
            senderDocId: s.senderDocId,
            receiverDocId: i.docId,
            fromCode: s.from,
            toCode: i.to,
            title: '',
            notation: '',
            sentTime: s.sentTime.toISOString(),
            receivedTime: i.status === 'done' ? i.updated.toISOString() : '',
            sendStatus: 'done',
            sendStatusDesc: 'Da gui',
            receiveStatus: i.status,
            receiveStatusDesc: i.status,
          })),
        );
        return ok({ data });
      }
      case 'getAgenciesList':
        return ok({
          data: [...agencies.values()].filter((a) => !a.deleted).map(({ id, pid, code, name, mail }) => ({ id, pid, code, name, mail })),
        });
      case 'getSynchronizeUnit':
        // Every field a string, number or boolean, never null (the SDK reads them with getAsString).
        return ok({
          data: [...agencies.values()].map((a) => ({
            id: a.id,
            pid: a.pid,
            code: a.code,
            name: a.name,
            mail: a.mail,
            version: a.version,
            centerCode: '',
            deleted: a.deleted,
            modifyDate: a.modifyDate.toISOString(),
            isAgency: true,
          })),
        });
      case 'registerAgency': {
        // AXIS.md §4: a JSON body {id, pcode, code, name, mail, mobile, fax}, the envelope in answer. Silent on the
        // effect; assumed: the code joins the directory (under pcode's agency) and the axis routes it to this system.
        let body: Record<string, unknown>;
        try {
          body = JSON.parse(bodyText) as Record<string, unknown>;
        } catch {
          throw new Refusal('400', 'registerAgency needs a JSON body');
        }
        const code = typeof body.code === 'string' ? body.code.trim().toUpperCase() : '';
        const name = typeof body.name === 'string' ? body.name.trim() : '';
        if (!code || !name) throw new Refusal('400', 'code and name are required');
        const holder = ownerOf(code);
        if (holder && holder.systemId !== system.systemId) throw new Refusal('409', `Ma don vi ${code} da duoc dang ky`);
        const parent = typeof body.pcode === 'string' ? agencies.get(body.pcode.trim().toUpperCase()) : undefined;
        putAgency({ code, name, pid: parent?.id ?? '', mail: typeof body.mail === 'string' ? body.mail : '' });
        if (!system.agencyCodes.includes(code)) system.agencyCodes.push(code);
        registrations.push({ systemId: system.systemId, body });
        return ok();
      }
      case 'deleteAgency': {
        // AXIS.md §4: a `{}` body, the code in the AgencyCode parameter, the envelope in answer. Silent on the effect;
        // assumed: the agency leaves the directory (getSynchronizeUnit reports it deleted) and no longer routes to this system.
        const code = (params.AgencyCode ?? '').trim().toUpperCase();
        if (!code) throw new Refusal('400', 'AgencyCode is required');
        if (!system.agencyCodes.includes(code)) throw new Refusal('404', `Ma don vi ${code} khong thuoc he thong ${system.systemId}`);
        system.agencyCodes.splice(system.agencyCodes.indexOf(code), 1);
        const a = agencies.get(code);
        if (a) agencies.set(code, { ...a, deleted: true, version: a.version + 1, modifyDate: new Date() });
        unregistrations.push({ systemId: system.systemId, code });
        return ok();
      }
      default:
        throw new Refusal('404', `unknown operation ${operation}`);
    }
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const body = Buffer.concat(chunks);
        const operation = (req.url ?? '').split('?')[0].split('/').filter(Boolean).pop() ?? '';
        let answer: Record<string, unknown>;
        let system: AxisSystem | undefined;
        let params: Record<string, string> = {};
        try {
          if (req.method !== 'POST') throw new Refusal('405', 'POST only');
          ({ system, params } = verify(req));
        } catch (err) {
          const e = err as Refusal;
          requests.push({ operation, systemId: '', params: {}, verified: false, error: e.message });
          res
            .writeHead(401, { 'content-type': 'application/json' })
            .end(asciiJson({ status: 'FAIL', ErrorCode: e.errorCode ?? '500', ErrorDesc: e.message }));
          return;
        }
        requests.push({ operation, systemId: system.systemId, params, verified: true });
        const f = faults.find((x) => x.operation === operation && x.times > 0 && (!x.when || x.when(params)));
        if (f) f.times--;
        const fault = f?.fault;
        if (fault?.kind === 'timeout') {
          held.push(res);
          return;
        }
        if (fault?.kind === 'FAIL') {
          res
            .writeHead(fault.httpStatus ?? 200, { 'content-type': 'application/json' })
            .end(
              asciiJson({ status: 'FAIL', ErrorCode: fault.errorCode ?? '-1', ErrorDesc: fault.errorDesc ?? 'Loi he thong', DocId: '' }),
            );
          return;
        }
        if (fault?.kind === 'garbage') {
          res.writeHead(502, { 'content-type': 'text/html' }).end('<html><body>Bad Gateway</body></html>');
          return;
        }
        if (fault?.kind === 'no-envelope') {
          res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":[]}');
          return;
        }
        if (fault?.kind === 'unknown-code') {
          res
            .writeHead(200, { 'content-type': 'application/json' })
            .end(asciiJson({ status: 'OK', ErrorCode: 'E-4711', ErrorDesc: 'He thong ban' }));
          return;
        }
        if (fault?.kind === 'delay') await new Promise((r) => setTimeout(r, fault.ms));
        try {
          answer = await operate(operation, system, params, body, body.toString('utf8'));
        } catch (err) {
          const e = err instanceof Refusal ? err : new Refusal('500', (err as Error).message);
          requests[requests.length - 1].error = e.message;
          res
            .writeHead(200, { 'content-type': 'application/json' })
            .end(asciiJson({ status: 'FAIL', ErrorCode: e.errorCode, ErrorDesc: e.message }));
          return;
        }
        const text = asciiJson(answer);
        if (fault?.kind === 'close-after-effect') {
          res.socket?.destroy();
          return;
        }
        if (fault?.kind === 'close-mid-body') {
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) });
          res.write(text.slice(0, Math.floor(text.length / 2)));
          setTimeout(() => res.socket?.destroy(), 20);
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) }).end(text);
      })();
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/vxp`;

  return {
    url,
    requests,
    items,
    sent,
    /** Requests that failed verification: the tests expect none from our client. */
    rejected: () => requests.filter((r) => !r.verified),
    register(system: AxisSystem) {
      byId.set(system.systemId, system);
    },
    /** The next `times` calls of `operation` (matching `when`) get `fault`. */
    inject(
      operation: string,
      fault: Fault,
      { times = 1, when }: { times?: number; when?: (params: Record<string, string>) => boolean } = {},
    ) {
      faults.push({ operation, fault, times, when });
    },
    clearFaults() {
      faults.length = 0;
    },
    registrations,
    unregistrations,
    /** The directory: adds or changes an agency (a rename, a move), as the axis's operators would. */
    setAgency(a: { code: string; name: string; id?: string; pid?: string; mail?: string }) {
      putAgency(a);
    },
    /** Removes an agency from the directory (reported deleted by getSynchronizeUnit). */
    removeAgency(code: string) {
      const a = agencies.get(code);
      if (a) agencies.set(code, { ...a, deleted: true, version: a.version + 1, modifyDate: new Date() });
    },
    agency: (code: string) => agencies.get(code),
    /** Items waiting for `systemId` (not acknowledged done or fail). */
    waiting(systemId: string, messageType?: string): Item[] {
      return [...items.values()].filter(
        (i) => i.owner === systemId && i.status !== 'done' && i.status !== 'fail' && (!messageType || i.messageType === messageType),
      );
    },
    /** Puts a package in a system's inbox as if another agency had sent it (bench and intake tests). */
    deliver(
      bytes: Buffer,
      { to, from, owner, messageType = 'edoc' }: { to: string; from: string; owner: string; messageType?: 'edoc' | 'status' },
    ) {
      const item: Item = {
        docId: randomUUID(),
        senderDocId: HEX24(),
        owner,
        messageType,
        from,
        to,
        bytes,
        status: 'initial',
        created: new Date(),
        updated: new Date(),
      };
      items.set(item.docId, item);
      return item;
    },
    async close() {
      for (const r of held) r.socket?.destroy();
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}
