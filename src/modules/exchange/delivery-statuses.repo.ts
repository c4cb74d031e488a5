import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { deliveries } from '../../db/schema/index.js';
import type { DeliveryRow } from './deliveries.repo.js';
import { eventSql, historyHas, type NewDeliveryEvent } from './delivery-events.js';
import { isProgressionCode, statusStepSql } from './status-progression.js';

/** Appends `e` to the delivery's history. */
const withEvent = (e: NewDeliveryEvent) => sql`${deliveries.history} || ${eventSql(e)}`;

/** History has a status entry with `code` (each handling status is recorded once). */
const hasStatus = (code: string) => historyHas(deliveries.history, { event: 'status', code });

/** The remote copy a peer's status is about: (edXML DocumentId, the organ code it comes from). */
const remoteOf = (key: { edxmlDocumentId: string; organId: string }) =>
  and(eq(deliveries.edxmlDocumentId, key.edxmlDocumentId), eq(deliveries.recipientOrganId, key.organId), eq(deliveries.kind, 'remote'));

/**
 * A status means the package arrived, whatever the transport state said (a copy withdrawn here stays
 * so: it was withdrawn only when no send of it was left unanswered).
 */
const arrivedByStatus = {
  state: sql`case when ${deliveries.state} = 'recalled' then 'recalled' else 'delivered' end`,
  deliveredAt: sql`coalesce(${deliveries.deliveredAt}, now())`,
  updatedAt: sql`now()`,
};

/** The event an answer (15/16) to a request of this kind is recorded as. */
const ANSWERED = { 1: 'recall-answered', 2: 'update-answered', 3: 'replace-answered' } as const;

/**
 * The current-status columns after a handling status `code` arrives: they move only when the code
 * is on the same or a later step of the progression than the current one (status-progression.ts).
 */
function advanceStatus(code: string, description: string | null) {
  const advances = sql`${statusStepSql(sql`${code}::text`)} >= ${statusStepSql(deliveries.statusCode)}`;
  return {
    statusCode: sql`case when ${advances} then ${code}::text else ${deliveries.statusCode} end`,
    statusDescription: sql`case when ${advances} then ${description}::text else ${deliveries.statusDescription} end`,
    statusAt: sql`case when ${advances} then now() else ${deliveries.statusAt} end`,
  };
}

/**
 * SQL of what recipients answer about their copies: handling statuses (01 ... 06) and the answers
 * (15/16) to recalls and notices, recorded on the sender's deliveries.
 */
export function createDeliveryStatusesRepo() {
  return {
    /**
     * Records a status of the recipient (internal: by its incoming document) once per code: the
     * history entry, and the current status when the code does not go back (status-progression.ts).
     * Returns the deliveries changed.
     */
    async recordStatusByRecipientDocument(
      db: DbOrTx,
      recipientDocumentId: string,
      code: string,
      description: string | null,
    ): Promise<DeliveryRow[]> {
      return db
        .update(deliveries)
        .set({
          ...(isProgressionCode(code) ? advanceStatus(code, description) : {}),
          updatedAt: sql`now()`,
          history: withEvent({ event: 'status', code, description }),
        })
        .where(and(eq(deliveries.recipientDocumentId, recipientDocumentId), sql`not ${hasStatus(code)}`))
        .returning();
    },

    /**
     * A status package from a peer: the delivery of (edXML DocumentId, From OrganId); once per code.
     * The history gets it in arrival order with the time the package states; the current status
     * follows the progression (a late 03 after 06 does not move it back). Answers to a pending
     * recall or notice are `recordAnswer`'s.
     */
    async recordRemoteStatus(
      db: DbOrTx,
      key: { edxmlDocumentId: string; organId: string },
      code: string,
      description: string | null,
      statedAt: string | null = null,
    ): Promise<DeliveryRow[]> {
      return db
        .update(deliveries)
        .set({
          ...(isProgressionCode(code) ? advanceStatus(code, description) : {}),
          ...arrivedByStatus,
          history: withEvent({ event: 'status', code, description, statedAt }),
        })
        .where(and(remoteOf(key), sql`not ${hasStatus(code)}`))
        .returning();
    },

    /** The remote copies a peer's status is about that await an answer to a recall or a notice, locked. */
    async lockPendingRemote(db: DbOrTx, key: { edxmlDocumentId: string; organId: string }): Promise<DeliveryRow[]> {
      return db
        .select()
        .from(deliveries)
        .where(and(remoteOf(key), sql`(${deliveries.recallState} = 'requested' or ${deliveries.noticeState} = 'requested')`))
        .for('update');
    },

    /**
     * Some systems answer a recall with 03 (agree) / 02 (refuse) instead of 15/16: a code the
     * delivery already went through, arriving while a recall is pending, can only be that answer.
     */
    async answerRecallByRepeatedStatus(
      db: DbOrTx,
      key: { edxmlDocumentId: string; organId: string },
      code: '02' | '03',
      description: string | null,
    ): Promise<DeliveryRow[]> {
      const answer = code === '03' ? ('agreed' as const) : ('refused' as const);
      return db
        .update(deliveries)
        .set({ recallState: answer, updatedAt: sql`now()`, history: withEvent({ event: 'recall-answered', code, answer, description }) })
        .where(and(remoteOf(key), eq(deliveries.recallState, 'requested'), hasStatus(code)))
        .returning();
    },

    /**
     * The recipient answered (15/16) the recall (1) or the update/replace notice (2, 3) on its copy:
     * the sender's delivery records it (`statedAt`: the time a peer's package gives). Returns the delivery.
     */
    async recordAnswer(
      db: DbOrTx,
      id: string,
      businessType: 1 | 2 | 3,
      answer: 'agreed' | 'refused',
      { description, statedAt }: { description: string | null; statedAt?: string | null },
    ): Promise<DeliveryRow | undefined> {
      const code = answer === 'agreed' ? '15' : '16';
      const [row] = await db
        .update(deliveries)
        .set({
          ...(businessType === 1 ? { recallState: answer } : { noticeState: answer }),
          updatedAt: sql`now()`,
          history: withEvent({ event: ANSWERED[businessType], code, answer, description, ...(statedAt === undefined ? {} : { statedAt }) }),
        })
        .where(eq(deliveries.id, id))
        .returning();
      return row;
    },
  };
}

export type DeliveryStatusesRepo = ReturnType<typeof createDeliveryStatusesRepo>;
