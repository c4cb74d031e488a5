import type { Db } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import { adminRoots, type Principal } from '../auth/principal.js';
import type { ExchangeRepo, PeerRow } from './exchange.repo.js';
import type { CreatedPeerDto, CreatePeerBody, PeerDto } from './exchange.schemas.js';
import { decryptSecret, encryptSecret, generatePeerSecret } from './peer-auth.js';

export type PeersServiceDeps = { db: Db; exchangeRepo: ExchangeRepo; audit: Pick<AuditService, 'record'>; encryptionKey: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether an agency code is among a peer's: an exact mã định danh, or `*.<suffix>` for every code
 * ending in `.<suffix>` (`*.H42`: every unit of the level-1 body H42). Case does not matter.
 */
export function speaksFor(agencyCodes: readonly string[], code: string): boolean {
  const c = code.trim().toUpperCase();
  return agencyCodes.some((entry) => {
    const e = entry.toUpperCase();
    return e.startsWith('*.') ? c.endsWith(e.slice(1)) && c.length > e.length - 1 : c === e;
  });
}

/** The public view of a peer: never the secret. */
export const toPeerDto = (p: PeerRow): PeerDto => ({
  id: p.id,
  name: p.name,
  organId: p.organId,
  baseUrl: p.baseUrl,
  remotePeerId: p.remotePeerId,
  agencyCodes: p.agencyCodes,
  active: p.active,
  transport: p.transport,
  createdAt: p.createdAt.toISOString(),
});

/** Peers are deployment-wide: only an administrator of a root of the organisation tree manages them. */
export function assertDeploymentAdmin(p: Principal): void {
  if (!adminRoots(p).some((path) => !path.includes('.'))) {
    throw new AppError('FORBIDDEN', { message: 'exchange peers are managed by an administrator of the whole deployment' });
  }
}

/** Exchange peers: registration (admin API) and lookup with the decrypted secret (request authentication). */
export function createPeersService({ db, exchangeRepo, audit, encryptionKey }: PeersServiceDeps) {
  const withSecret = (peer: PeerRow | null | undefined): { peer: PeerRow; secret: string } | undefined =>
    peer && peer.active ? { peer, secret: decryptSecret(encryptionKey, peer.secretCiphertext) } : undefined;

  return {
    /**
     * Registers a peer; the shared secret (given or generated) is returned once and stored encrypted.
     * @throws AppError FORBIDDEN unless the caller administers a root unit.
     * @throws AppError VALIDATION_FAILED when baseUrl is given without remotePeerId, or an agency
     *   code (or pattern) names a unit of this deployment: a peer never speaks for us.
     */
    async create(p: Principal, body: CreatePeerBody): Promise<CreatedPeerDto> {
      assertDeploymentAdmin(p);
      if (body.baseUrl && !body.remotePeerId) {
        throw new AppError('VALIDATION_FAILED', {
          message: 'remotePeerId is required with baseUrl (our requests to the peer must name us)',
        });
      }
      const agencyCodes = [...new Set(body.agencyCodes.map((c) => c.trim().toUpperCase()))];
      const secret = body.secret ?? generatePeerSecret();
      const peer = await db.transaction(async (tx) => {
        const local = await exchangeRepo.localCodesMatching(tx, agencyCodes);
        if (local.length > 0) {
          throw new AppError('VALIDATION_FAILED', {
            message: 'agencyCodes name units of this deployment',
            details: { organizationCodes: local.slice(0, 20) },
          });
        }
        const row = await exchangeRepo.insertPeer(tx, {
          name: body.name.trim(),
          organId: body.organId.trim(),
          baseUrl: body.baseUrl ?? null,
          remotePeerId: body.remotePeerId ?? null,
          agencyCodes,
          secretCiphertext: encryptSecret(encryptionKey, secret),
        });
        await audit.record(tx, {
          actorId: p.id,
          organizationId: p.organizationId,
          action: 'exchange.peer.create',
          subjectType: 'exchange_peer',
          subjectId: row.id,
          details: { name: row.name, organId: row.organId, baseUrl: row.baseUrl, agencyCodes: row.agencyCodes },
        });
        return row;
      });
      return { peer: toPeerDto(peer), secret };
    },

    /** @throws AppError FORBIDDEN unless the caller administers a root unit. */
    async list(p: Principal): Promise<{ items: PeerDto[] }> {
      assertDeploymentAdmin(p);
      return { items: (await exchangeRepo.listPeers(db)).map(toPeerDto) };
    },

    /** An active peer and its decrypted secret, or undefined (unknown id, inactive, not a uuid). */
    async findActiveWithSecret(peerId: string): Promise<{ peer: PeerRow; secret: string } | undefined> {
      if (!UUID.test(peerId)) return undefined;
      return withSecret(await exchangeRepo.findPeer(db, peerId));
    },

    /** The peer row (read by the caller with what else it needed) and its decrypted secret, or undefined when gone or inactive. */
    withSecret,
  };
}

export type PeersService = ReturnType<typeof createPeersService>;
