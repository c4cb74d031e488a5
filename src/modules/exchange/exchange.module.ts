import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import type { Logger } from '../../lib/logger.js';
import type { ObjectStorage } from '../../storage/object-storage.js';
import type { AuditService } from '../audit/audit.service.js';
import type { DocumentsRepo } from '../documents/documents.repo.js';
import type { Outbox } from '../outbox/outbox.service.js';
import { createExchangeRepo } from './exchange.repo.js';
import { createInboundService } from './inbound.service.js';
import { createIntakeService } from './intake.service.js';
import { createPeersService } from './peers.service.js';
import { createStatusSender } from './status-sender.service.js';

export type ExchangeModuleDeps = {
  config: Readonly<Pick<Config, 'keys' | 'exchange'>>;
  db: Db;
  storage: ObjectStorage;
  audit: AuditService;
  outbox: Outbox;
  documentsRepo: DocumentsRepo;
  logger: Logger;
};

/** Wires the exchange module (peers, inbound intake, status feedback) for the container. */
export function createExchangeModule({ config, db, storage, audit, outbox, documentsRepo, logger }: ExchangeModuleDeps) {
  const exchangeRepo = createExchangeRepo();
  const peers = createPeersService({ db, exchangeRepo, audit, encryptionKey: config.keys.encryptionKey });
  const inbound = createInboundService({ db, exchangeRepo, peers, storage, outbox, maxPackageBytes: config.exchange.maxPackageBytes });
  const intake = createIntakeService({ db, exchangeRepo, documentsRepo, audit, outbox });
  const statusSender = createStatusSender({ db, exchangeRepo, peers, outbox, logger });
  return { exchangeRepo, peers, inbound, intake, statusSender };
}

export type ExchangeModule = ReturnType<typeof createExchangeModule>;
