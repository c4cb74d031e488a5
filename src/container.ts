import type { Config } from './config.js';
import { createDb } from './db/client.js';
import { createProducer } from './jobs/producer.js';
import { createProducerRedis } from './jobs/redis.js';
import { createLogger, type Logger } from './lib/logger.js';
import { createAuditRepo } from './modules/audit/audit.repo.js';
import { createAuditService } from './modules/audit/audit.service.js';
import { createLoginThrottle } from './modules/auth/login-throttle.js';
import { createTokenSigner } from './modules/auth/tokens.js';
import { createOrgsRepo } from './modules/orgs/orgs.repo.js';
import { createOrgsService } from './modules/orgs/orgs.service.js';
import { createUsersRepo } from './modules/users/users.repo.js';
import { createUsersService } from './modules/users/users.service.js';
import { createS3ObjectStorage } from './storage/s3-object-storage.js';

export type ContainerOptions = { logger?: Logger; applicationName?: string };

/**
 * The composition root: infrastructure clients and every module's repositories and services,
 * wired by hand. The API, the workers, scripts and tests all build the same container.
 */
export function createContainer(config: Readonly<Config>, { logger = createLogger(config.log.level), applicationName = 'vanthu' }: ContainerOptions = {}) {
  const dbClient = createDb({ url: config.db.url, poolMax: config.db.poolMax, applicationName });
  const { db } = dbClient;
  const redis = createProducerRedis(config.redis.url);
  // Errors are surfaced per command (readiness, throttling); without a listener ioredis would log them unhandled.
  redis.on('error', (err) => logger.debug({ err }, 'redis connection error'));
  const storage = createS3ObjectStorage({ ...config.storage, logger });
  const producer = createProducer({ connection: redis, prefix: config.redis.prefix });

  const auditRepo = createAuditRepo();
  const audit = createAuditService({ db, auditRepo });
  const orgsRepo = createOrgsRepo();
  const usersRepo = createUsersRepo();
  const tokens = createTokenSigner({ secret: config.auth.tokenSecret, ttlSeconds: config.auth.tokenTtlSeconds });
  const throttle = createLoginThrottle({ redis, prefix: config.redis.prefix, maxFailures: config.auth.loginMaxFailures, windowSeconds: config.auth.loginThrottleWindowSeconds });

  const orgs = createOrgsService({ db, orgsRepo, audit });
  const users = createUsersService({ db, usersRepo, orgsRepo, audit, tokens, throttle });

  return {
    config,
    logger,
    db,
    sql: dbClient.sql,
    redis,
    storage,
    producer,
    repos: { auditRepo, orgsRepo, usersRepo },
    services: { audit, orgs, users },
    tokens,
    async close() {
      await producer.close().catch(() => {});
      redis.disconnect();
      await dbClient.close();
    },
  };
}

export type Container = ReturnType<typeof createContainer>;
