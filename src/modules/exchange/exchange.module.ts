import type { Redis } from 'ioredis';
import type postgres from 'postgres';
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import type { Logger } from '../../lib/logger.js';
import type { ObjectStorage } from '../../storage/object-storage.js';
import type { AuditService } from '../audit/audit.service.js';
import type { DocumentRecords } from '../documents/document-records.service.js';
import type { AssignmentsService } from '../handling/assignments.service.js';
import type { Outbox } from '../outbox/outbox.service.js';
import { createAxisClient } from './axis/axis-client.js';
import { createAxisConnector } from './axis/axis-connector.js';
import { createAxisRepo } from './axis/axis.repo.js';
import { createAgencyDirectory } from './axis/agency-directory.js';
import { createAgencyDirectoryRepo } from './axis/agency-directory.repo.js';
import type { TrackingService } from '../tracking/tracking.service.js';
import { createDeliveriesRepo } from './deliveries.repo.js';
import { createDeliveryStatusesRepo } from './delivery-statuses.repo.js';
import { createDispatchService } from './dispatch.service.js';
import { createExchangeRepo } from './exchange.repo.js';
import { createFanOutService } from './fan-out.service.js';
import { createInboundService } from './inbound.service.js';
import { createInboundNoticesRepo } from './inbound-notices.repo.js';
import { createPackageUnpacker } from './inbound-package.js';
import { createIntakeService } from './intake.service.js';
import { createRedisPeerSlots } from './peer-slots.js';
import { createPackageTransport } from './package-transport.js';
import { createPeersService } from './peers.service.js';
import { createRecallService } from './recall.service.js';
import { createRemoteSendService } from './remote-send.service.js';
import { createStatusFeedback } from './status-feedback.service.js';
import { createStatusSender } from './status-sender.service.js';

export type ExchangeModuleDeps = {
  config: Readonly<Pick<Config, 'keys' | 'exchange' | 'redis' | 'axis'>>;
  /** For the per-peer send slots. */
  redis: Redis;
  db: Db;
  /** The axis poller's session lock (one poller across worker processes). */
  sql: postgres.Sql;
  storage: ObjectStorage;
  audit: AuditService;
  outbox: Outbox;
  /** The documents module's in-transaction functions: incoming copies and their records are its writes. */
  documents: DocumentRecords;
  /** Tracking opens the custody chain of every incoming copy. */
  custody: Pick<TrackingService, 'openReceived' | 'openReceivedInsert'>;
  /** Withdraws an incoming copy whose clerk agreed to a recall. */
  handling: Pick<AssignmentsService, 'withdraw'>;
  logger: Logger;
};

/** Wires the exchange module (peers, inbound intake, status feedback) for the container. */
export function createExchangeModule({
  config,
  redis,
  db,
  sql,
  storage,
  audit,
  outbox,
  documents,
  custody,
  handling,
  logger,
}: ExchangeModuleDeps) {
  const exchangeRepo = createExchangeRepo();
  const deliveriesRepo = createDeliveriesRepo();
  const inboundNoticesRepo = createInboundNoticesRepo();
  const deliveryStatusesRepo = createDeliveryStatusesRepo();
  const peers = createPeersService({ db, exchangeRepo, audit, encryptionKey: config.keys.encryptionKey });
  const inbound = createInboundService({
    db,
    exchangeRepo,
    deliveriesRepo,
    inboundNoticesRepo,
    peers,
    storage,
    outbox,
    audit,
    logger,
    maxPackageBytes: config.exchange.maxPackageBytes,
  });
  // The national axis (AXIS_ENDPOINT set): one more route for packages, next to the peers.
  const axisClient = config.axis
    ? createAxisClient({
        endpoint: config.axis.endpoint,
        systemId: config.axis.systemId,
        secret: config.axis.secret,
        timeoutMs: config.axis.timeoutMs,
      })
    : null;
  const axis =
    config.axis && axisClient
      ? createAxisConnector({
          db,
          sql,
          config: config.axis,
          encryptionKey: config.keys.encryptionKey,
          client: axisClient,
          axisRepo: createAxisRepo(),
          inbound,
          audit,
          logger,
          redis,
          redisPrefix: config.redis.prefix,
        })
      : null;
  const transport = createPackageTransport({
    axis: config.axis && axisClient ? { client: axisClient, agencyCodes: config.axis.agencyCodes } : null,
  });
  const statusFeedback = createStatusFeedback({ inboundNoticesRepo, deliveryStatusesRepo, exchangeRepo, documents, outbox });
  const recall = createRecallService({
    db,
    deliveriesRepo,
    inboundNoticesRepo,
    deliveryStatusesRepo,
    exchangeRepo,
    documents,
    handling,
    outbox,
    audit,
  });
  const intake = createIntakeService({
    db,
    exchangeRepo,
    documents,
    custody,
    audit,
    outbox,
    storage,
    unpacker: createPackageUnpacker({ storage }),
    statusFeedback,
    recall,
  });
  const statusSender = createStatusSender({ db, exchangeRepo, peers, outbox, logger, transport });
  // Sends in flight to one peer at a time, across worker processes (EXCHANGE_PEER_CONCURRENCY).
  const peerSlots = createRedisPeerSlots({ redis, prefix: config.redis.prefix, limit: config.exchange.peerConcurrency });
  const dispatch = createDispatchService({
    db,
    deliveriesRepo,
    inboundNoticesRepo,
    exchangeRepo,
    documents,
    outbox,
    audit,
    axisPeer: async (tx) => (axis ? axis.ensurePeer(tx) : null),
  });
  const fanOut = createFanOutService({ db, deliveriesRepo, inboundNoticesRepo, documents, custody, outbox, audit, logger });
  const remoteSend = createRemoteSendService({
    db,
    deliveriesRepo,
    exchangeRepo,
    documents,
    peers,
    storage,
    outbox,
    audit,
    peerSlots,
    logger,
    transport,
  });
  const agencies = createAgencyDirectory({
    db,
    client: axisClient,
    agencyRepo: createAgencyDirectoryRepo(),
    exchangeRepo,
    audit,
    logger,
  });
  return {
    exchangeRepo,
    deliveriesRepo,
    peers,
    inbound,
    intake,
    statusSender,
    statusFeedback,
    recall,
    dispatch,
    fanOut,
    remoteSend,
    axis,
    agencies,
  };
}

export type ExchangeModule = ReturnType<typeof createExchangeModule>;
