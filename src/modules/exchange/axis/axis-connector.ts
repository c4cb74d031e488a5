import { Readable } from 'node:stream';
import type { Redis } from 'ioredis';
import type postgres from 'postgres';
import type { Config } from '../../../config.js';
import type { Db, Tx } from '../../../db/client.js';
import { ERROR_STATUS, isAppError } from '../../../lib/errors.js';
import { withLogger, type Logger } from '../../../lib/logger.js';
import type { InboundService } from '../inbound.service.js';
import { decryptSecret, encryptSecret } from '../peer-auth.js';
import type { AxisClient, AxisReceivedItem } from './axis-client.js';
import type { AxisPeerRow, AxisRepo } from './axis.repo.js';
import { createAxisSentTracker } from './axis-sent-tracker.js';
import type { AuditService } from '../../audit/audit.service.js';

export type AxisConfig = NonNullable<Config['axis']>;

export type AxisConnectorDeps = {
  db: Db;
  /** For the poller's session advisory lock (one poller at a time across worker processes). */
  sql: postgres.Sql;
  config: AxisConfig;
  encryptionKey: string;
  client: AxisClient;
  axisRepo: AxisRepo;
  inbound: Pick<InboundService, 'acceptFrom'>;
  audit: Pick<AuditService, 'record'>;
  logger: Logger;
  /** Where the polling process leaves its state for the API's operability view (may be lost: only a view). */
  redis: Pick<Redis, 'set' | 'get'>;
  redisPrefix: string;
  /** Items downloaded and handed to the intake at once. */
  concurrency?: number;
  /** While a backlog drains, how often the axis is listed again for what arrived since (a hỏa tốc package goes first). */
  relistMs?: number;
};

/** What the connector did lately (this process's view; the admin endpoint adds the database's counts). */
export type AxisPollState = {
  leader: boolean;
  lastPollAt: string | null;
  lastSuccessAt: string | null;
  /** Items the axis listed at the last poll (documents and statuses), not yet acknowledged then. */
  backlog: { edoc: number; status: number };
  polls: number;
  received: number;
  refused: number;
  failures: number;
  lastError: { at: string; message: string; docId?: string } | null;
};

/** Session advisory lock key of the poller: whoever holds it polls. */
const POLLER_LOCK = 'vanthu.axis-poller';
/** The longest the backlog lanes wait for a few new arrivals before they go on beside them. */
const FRESH_HOLD_MS = 2000;
const AXIS_PEER_NAME = 'Trục liên thông văn bản quốc gia';

/**
 * The national axis connector: its peer row (what deliveries and receipts through the axis name),
 * and the receiving poller. The poller lists what the axis holds for us (documents and status
 * packages), downloads each, hands the bytes to the same intake as POST /exchange/inbound (raw
 * package to S3, edXML validation, an idempotent receipt and its outbox row in one transaction),
 * and acknowledges `done` only after that commit, `fail` for a package the intake refused (the
 * reason kept in axis_received). A crash anywhere in between is harmless: the next poll finds the
 * item again; the intake's idempotency key maps the same package to its first receipt, and an item
 * already recorded is only acknowledged again.
 */
export function createAxisConnector({
  db,
  sql,
  config,
  encryptionKey,
  client,
  axisRepo,
  inbound,
  audit,
  logger,
  redis,
  redisPrefix,
  concurrency = 4,
  relistMs = 250,
}: AxisConnectorDeps) {
  const stateKey = `${redisPrefix}:axis:poller-state`;
  let peer: AxisPeerRow | null = null;
  const state: AxisPollState = {
    leader: false,
    lastPollAt: null,
    lastSuccessAt: null,
    backlog: { edoc: 0, status: 0 },
    polls: 0,
    received: 0,
    refused: 0,
    failures: 0,
    lastError: null,
  };
  const log = logger.child({ component: 'axis' });
  const tracker = createAxisSentTracker({ db, client, axisRepo, audit });

  function fail(message: string, docId?: string) {
    state.failures++;
    state.lastError = { at: new Date().toISOString(), message: message.slice(0, 1000), ...(docId ? { docId } : {}) };
    log.warn({ docId, err: message }, 'axis: step failed, retried at the next poll');
  }

  /** The axis's peer row, created on first use with the secret encrypted at rest (kept in step with AXIS_SECRET). */
  async function ensurePeer(tx: Db | Tx = db): Promise<AxisPeerRow> {
    if (peer) return peer;
    const row = await axisRepo.ensurePeer(tx, {
      name: AXIS_PEER_NAME,
      organId: config.systemId,
      secretCiphertext: encryptSecret(encryptionKey, config.secret),
    });
    let same: boolean;
    try {
      same = decryptSecret(encryptionKey, row.secretCiphertext) === config.secret;
    } catch {
      // Encrypted under an earlier KEY_ENCRYPTION_KEY: written again under the current one.
      same = false;
    }
    if (!same) await axisRepo.updatePeerSecret(tx, row.id, encryptSecret(encryptionKey, config.secret));
    // Only cached outside a caller's transaction: a rolled-back insert must not be remembered.
    if (tx === db) peer = row;
    return row;
  }

  /** Whether an intake error is the package's fault (refused for good: acknowledged `fail`) rather than ours (retried). */
  const isRefusal = (err: unknown) => isAppError(err) && ERROR_STATUS[err.code] < 500;

  async function handle(item: AxisReceivedItem, messageType: 'edoc' | 'status', axisPeer: AxisPeerRow): Promise<void> {
    let row = await axisRepo.findReceived(db, item.docId);
    if (!row) {
      let bytes: Buffer;
      try {
        bytes = await client.getEdoc(item.docId);
      } catch (err) {
        return fail((err as Error).message, item.docId);
      }
      const base = { docId: item.docId, messageType, fromCode: item.from || null };
      try {
        const accepted = await inbound.acceptFrom(axisPeer, Readable.from([bytes]), { declaredSha256: null });
        row = await axisRepo.recordReceived(db, { ...base, state: 'accepted', receiptId: accepted.receiptId, error: null });
        state.received++;
      } catch (err) {
        if (!isRefusal(err)) return fail(`intake: ${(err as Error).message}`, item.docId);
        const reason = `${isAppError(err) ? err.code : 'ERROR'}: ${(err as Error).message}`.slice(0, 2000);
        log.warn({ docId: item.docId, from: item.from, reason }, 'axis: package refused');
        row = await axisRepo.recordReceived(db, { ...base, state: 'refused', receiptId: null, error: reason });
        state.refused++;
      }
    }
    const ack = row.state === 'accepted' ? 'done' : 'fail';
    try {
      await client.updateStatus(item.docId, ack);
    } catch (err) {
      return fail(`updateStatus: ${(err as Error).message}`, item.docId);
    }
    await axisRepo.markAcknowledged(db, item.docId, ack);
  }

  /**
   * Handles what the axis lists of one message type, `concurrency` items at a time (the first lane
   * taking the newest, the others the oldest); returns how many were listed (null: the list call
   * failed). The list carries no urgency (AXIS.md §4), so a hỏa tốc package cannot be picked out
   * before it is downloaded; instead, while a backlog drains, the axis is listed again every
   * `relistMs`, and what appeared since goes to one more lane at once, newest first, rather than
   * behind the backlog or behind a busy lane; while it takes a few such items in, the backlog lanes
   * start nothing new (for at most FRESH_HOLD_MS); the backlog still drains oldest first. Each item is
   * handled once per poll: one that failed is retried at the next poll.
   */
  async function drain(messageType: 'edoc' | 'status', axisPeer: AxisPeerRow): Promise<number | null> {
    let first: AxisReceivedItem[];
    try {
      first = await client.getReceivedEdocList(messageType);
    } catch (err) {
      fail(`getReceivedEdocList(${messageType}): ${(err as Error).message}`);
      return null;
    }
    state.backlog[messageType] = first.length;
    const seen = new Set(first.map((i) => i.docId));
    const queue = [...first];
    let listed = first.length;
    let listedAt = Date.now();
    let relisting: Promise<void> | null = null;
    let freshLane: Promise<void> | null = null;
    let freshToTake = 0;
    /** Whether the backlog lanes wait for the fresh lane (a few new arrivals, not a burst). */
    let freshFirst = false;

    const take = async (item: AxisReceivedItem) => {
      try {
        await handle(item, messageType, axisPeer);
      } catch (err) {
        fail((err as Error).message, item.docId);
      }
    };
    const relist = async () => {
      try {
        const again = await client.getReceivedEdocList(messageType);
        state.backlog[messageType] = again.length;
        for (const item of again) {
          if (seen.has(item.docId)) continue;
          seen.add(item.docId);
          queue.push(item);
          listed++;
          freshToTake++;
        }
        if (freshToTake > 0 && !freshLane) {
          // A few new arrivals (a hỏa tốc package among them) have the process to themselves: their
          // download, storage and intake do not share it with backlog items started meanwhile. A
          // burst of arrivals is backlog of its own: the other lanes keep going beside it.
          // The hold ends after FRESH_HOLD_MS even if they are not in (an axis that stalls a download).
          freshFirst = freshToTake <= concurrency;
          const hold = setTimeout(() => (freshFirst = false), FRESH_HOLD_MS);
          freshLane = (async () => {
            for (let item; freshToTake > 0 && (item = queue.pop());) {
              freshToTake--;
              await take(item);
            }
            freshToTake = 0;
          })().finally(() => {
            clearTimeout(hold);
            freshLane = null;
            freshFirst = false;
          });
        }
      } catch (err) {
        fail(`getReceivedEdocList(${messageType}): ${(err as Error).message}`);
      } finally {
        listedAt = Date.now();
        relisting = null;
      }
    };
    const lane = async (newestFirst: boolean) => {
      for (;;) {
        if (!relisting && queue.length > 0 && Date.now() - listedAt >= relistMs) relisting = relist();
        if (freshLane && freshFirst) {
          await Promise.race([freshLane, new Promise((r) => setTimeout(r, relistMs))]);
          continue;
        }
        const item = newestFirst ? queue.pop() : queue.shift();
        if (!item) {
          // A list call in flight may still bring work.
          if (relisting) {
            await relisting;
            continue;
          }
          return;
        }
        await take(item);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, (_, i) => lane(i === 0)));
    while (freshLane) await freshLane;
    return listed;
  }

  /**
   * One poll: documents, then statuses (a status about a document listed in the same poll finds it
   * received), then the transport state of what we sent.
   */
  async function pollOnce(): Promise<{ listed: number }> {
    state.lastPollAt = new Date().toISOString();
    state.polls++;
    let listed = 0;
    let ok = true;
    const axisPeer = await ensurePeer();
    for (const messageType of ['edoc', 'status'] as const) {
      const failuresBefore = state.failures;
      const drained = await drain(messageType, axisPeer);
      if (drained === null) ok = false;
      else listed += drained;
      if (state.failures > failuresBefore) ok = false;
    }
    // Then what we sent: each recipient's transport state as the axis sees it.
    const failuresBefore = state.failures;
    await tracker.trackOnce(fail).catch((err: Error) => fail(`tracking sent packages: ${err.message}`));
    if (state.failures > failuresBefore) ok = false;
    if (ok) state.lastSuccessAt = new Date().toISOString();
    await redis.set(stateKey, JSON.stringify(state), 'EX', 24 * 3600).catch(() => {});
    return { listed };
  }

  return {
    ensurePeer,
    pollOnce,
    state: (): Readonly<AxisPollState> => state,

    /**
     * The connector as an operator sees it, from any process: settings (never the secret), the
     * polling process's last state (Redis: null when lost or never polled), and the database's
     * counts of what came and what waits to go.
     */
    async status() {
      const raw = await redis.get(stateKey).catch(() => null);
      let poller: AxisPollState | null;
      try {
        poller = raw ? (JSON.parse(raw) as AxisPollState) : null;
      } catch {
        poller = null;
      }
      return {
        enabled: true as const,
        endpoint: config.endpoint,
        systemId: config.systemId,
        agencyCodes: config.agencyCodes,
        pollIntervalMs: config.pollIntervalMs,
        poller,
        ...(await axisRepo.stats(db)),
      };
    },

    /**
     * Runs the poller every `intervalMs` while this process holds the poller lock (a session
     * advisory lock on a reserved connection: released by PostgreSQL if the process dies, so
     * another worker takes over at its next try). Returns a stop function that waits for a poll
     * in progress.
     */
    startPoller({ intervalMs = config.pollIntervalMs }: { intervalMs?: number } = {}): () => Promise<void> {
      let stopped = false;
      let timer: NodeJS.Timeout | undefined;
      let running: Promise<void> = Promise.resolve();
      let reserved: postgres.ReservedSql | null = null;

      const release = async () => {
        const r = reserved;
        reserved = null;
        state.leader = false;
        if (!r) return;
        await r`select pg_advisory_unlock(hashtext(${POLLER_LOCK}))`.catch(() => {});
        r.release();
      };

      const tick = async () => {
        try {
          if (!reserved) {
            const r = await sql.reserve();
            const [{ locked }] = await r<{ locked: boolean }[]>`select pg_try_advisory_lock(hashtext(${POLLER_LOCK})) as locked`;
            if (!locked) {
              r.release();
              return;
            }
            reserved = r;
            state.leader = true;
            log.info('axis poller: this process polls');
          } else {
            // The lock lives as long as the connection: a broken one means another process may poll now.
            await reserved`select 1`;
          }
        } catch (err) {
          fail(`poller lock: ${(err as Error).message}`);
          const r = reserved as postgres.ReservedSql | null;
          reserved = null;
          state.leader = false;
          r?.release();
          return;
        }
        try {
          await pollOnce();
        } catch (err) {
          fail(`poll: ${(err as Error).message}`);
        }
      };

      const schedule = (delay: number) => {
        if (stopped) return;
        timer = setTimeout(() => {
          // The poller is its own context: the intake it calls logs with { component: 'axis' }.
          running = withLogger(log, tick).finally(() => schedule(intervalMs));
        }, delay);
      };
      schedule(0);
      return async () => {
        stopped = true;
        clearTimeout(timer);
        await running;
        await release();
      };
    },
  };
}

export type AxisConnector = ReturnType<typeof createAxisConnector>;
