import { sql, type SQL } from 'drizzle-orm';
import { exchangePeers, inboundPackages, outboundStatuses } from '../../db/schema/index.js';

// The exchange repository's row types, and the rows it reads with SQL text mapped to the query
// builder's shapes (exchange.repo.ts re-exports the types).

export type PeerRow = typeof exchangePeers.$inferSelect;
export type NewPeer = typeof exchangePeers.$inferInsert;
export type InboundPackageRow = typeof inboundPackages.$inferSelect;
export type NewInboundPackage = typeof inboundPackages.$inferInsert & { id: string };
/** A receipt as intake writes it: every column it sets, the rest (state, times) left to the defaults. */
export type AcceptedPackage = Required<
  Pick<
    NewInboundPackage,
    | 'id'
    | 'peerId'
    | 'senderOrganId'
    | 'documentId'
    | 'kind'
    | 'recipientOrganIds'
    | 'idempotencyKey'
    | 'rawStorageKey'
    | 'sha256'
    | 'size'
    | 'header'
    | 'business'
    | 'attachmentsPending'
  >
>;
export type OutboundStatusRow = typeof outboundStatuses.$inferSelect;
export type LocalOrganization = { id: string; code: string; name: string };
/** One status owed to a sender, as its job sends it. */
export type StatusToSend = {
  organizationId: string;
  state: OutboundStatusRow['state'];
  description: string | null;
  /** When it happened: the package's Timestamp, the same on every retry. */
  createdAt: Date;
  org: LocalOrganization | null;
};
/** What a status package says of the receipt it answers (ResponseFor). */
export type StatusReceipt = { senderOrganId: string; documentId: string; code: string | null; promulgationDate: string | null };

export const textArray = (xs: string[]) =>
  xs.length === 0
    ? sql`array[]::text[]`
    : sql`array[${sql.join(
        xs.map((x) => sql`${x}`),
        sql`, `,
      )}]::text[]`;

export type PeerRecord = {
  id: string;
  name: string;
  organ_id: string;
  base_url: string | null;
  remote_peer_id: string | null;
  agency_codes: string[];
  secret_ciphertext: string;
  active: boolean;
  transport: PeerRow['transport'];
  created_at: string;
  updated_at: string;
};

/** A row read with SQL text, as the query builder gives it (timestamptz arrives as PostgreSQL's text). */
export const peerOf = (r: PeerRecord): PeerRow => ({
  id: r.id,
  name: r.name,
  organId: r.organ_id,
  baseUrl: r.base_url,
  remotePeerId: r.remote_peer_id,
  agencyCodes: r.agency_codes,
  secretCiphertext: r.secret_ciphertext,
  active: r.active,
  transport: r.transport,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});

/** A package's business type (BussinessDocType) is a recall or update (`notices`), or else a new or replacing document. */
export const noticeTypes = (business: SQL | typeof inboundPackages.business, notices: boolean): SQL =>
  sql`coalesce((${business}->>'docType')::int, 0) in ${notices ? sql`(1, 2)` : sql`(0, 3)`}`;

export type PackageRecord = {
  id: string;
  peer_id: string;
  sender_organ_id: string;
  document_id: string;
  kind: InboundPackageRow['kind'];
  recipient_organ_ids: string[];
  idempotency_key: string;
  raw_storage_key: string;
  sha256: string;
  size: string;
  header: InboundPackageRow['header'];
  business: InboundPackageRow['business'];
  attachments: InboundPackageRow['attachments'];
  refused_attachments: InboundPackageRow['refusedAttachments'];
  attachments_pending: boolean;
  state: InboundPackageRow['state'];
  error: string | null;
  unknown_recipients: string[] | null;
  created_at: string;
  processed_at: string | null;
};

/** A receipt read with SQL text, as the query builder gives it (bigint and timestamptz arrive as text). */
export const packageOf = (r: PackageRecord): InboundPackageRow => ({
  id: r.id,
  peerId: r.peer_id,
  senderOrganId: r.sender_organ_id,
  documentId: r.document_id,
  kind: r.kind,
  recipientOrganIds: r.recipient_organ_ids,
  idempotencyKey: r.idempotency_key,
  rawStorageKey: r.raw_storage_key,
  sha256: r.sha256,
  size: Number(r.size),
  header: r.header,
  business: r.business,
  attachments: r.attachments,
  refusedAttachments: r.refused_attachments,
  attachmentsPending: r.attachments_pending,
  state: r.state,
  error: r.error,
  unknownRecipients: r.unknown_recipients,
  createdAt: new Date(r.created_at),
  processedAt: r.processed_at === null ? null : new Date(r.processed_at),
});
