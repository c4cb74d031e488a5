import { createHash } from 'node:crypto';
import { canonicalJson } from '../../lib/canonical-json.js';

/** A chain starts from this value (the "previous hash" of its first row). */
export const GENESIS_HASH = '0'.repeat(64);

export type EventContent = {
  occurredAt: Date;
  actorId: string | null;
  organizationId: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  details: Record<string, unknown>;
};

const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

const contentFields = (row: EventContent) => [
  row.occurredAt.toISOString(),
  row.actorId,
  row.organizationId,
  row.action,
  row.subjectType,
  row.subjectId,
  row.details,
];

/** sha256 of an event's canonical content, stored with the event and covered by its chain link. */
export function eventContentHash(row: EventContent): string {
  return sha256Hex(canonicalJson(contentFields(row)));
}

/**
 * The chain link the database computes at commit (migration 0011, `audit_events_chain()`):
 * sha256 of `prevHash \n stripe:seq:eventId:contentHash`.
 */
export function chainLinkHash(prevHash: string, link: { stripe: number; seq: number; eventId: number; contentHash: string }): string {
  return sha256Hex(`${prevHash}\n${link.stripe}:${link.seq}:${link.eventId}:${link.contentHash}`);
}

/**
 * The hash of a row chained before migration 0011 (its content hash is null): sha256(prevHash \n
 * canonical [id, content...]), computed by the application when it held the single chain's lock.
 */
export function legacyRowHash(prevHash: string, row: EventContent & { id: number }): string {
  return sha256Hex(`${prevHash}\n${canonicalJson([row.id, ...contentFields(row)])}`);
}
