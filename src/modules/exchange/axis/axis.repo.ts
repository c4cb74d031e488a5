import { and, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.js';
import { axisReceived, exchangePeers } from '../../../db/schema/index.js';

export type AxisReceivedRow = typeof axisReceived.$inferSelect;
export type AxisPeerRow = typeof exchangePeers.$inferSelect;

/** One recipient's line of getSentEdocList, as the tracker stores it (empty strings: the axis said nothing). */
export type AxisTransportLine = {
  toCode: string;
  receiverDocId: string;
  sendStatus: string;
  receiveStatus: string;
  receiveStatusDesc: string;
  receivedTime: string;
};

/** SQL of the axis connector: its peer row and the ledger of what the axis listed for us. */
export function createAxisRepo() {
  return {
    /** The axis's peer row, created on first use (one at most: a partial unique index). */
    async ensurePeer(db: DbOrTx, row: { name: string; organId: string; secretCiphertext: string }): Promise<AxisPeerRow> {
      await db
        .insert(exchangePeers)
        .values({ ...row, transport: 'axis', agencyCodes: [], baseUrl: null, remotePeerId: null })
        .onConflictDoNothing({ target: exchangePeers.transport, where: sql`${exchangePeers.transport} = 'axis'` });
      const [peer] = await db.select().from(exchangePeers).where(eq(exchangePeers.transport, 'axis'));
      return peer;
    },

    /** Keeps the stored secret in step with AXIS_SECRET (rotated in the settings). */
    async updatePeerSecret(db: DbOrTx, id: string, secretCiphertext: string): Promise<void> {
      await db
        .update(exchangePeers)
        .set({ secretCiphertext, updatedAt: sql`now()` })
        .where(eq(exchangePeers.id, id));
    },

    async findReceived(db: DbOrTx, docId: string): Promise<AxisReceivedRow | undefined> {
      const [row] = await db.select().from(axisReceived).where(eq(axisReceived.docId, docId));
      return row;
    },

    /** Records what the intake made of an item (first outcome wins: a re-run after a crash keeps it). */
    async recordReceived(
      db: DbOrTx,
      row: {
        docId: string;
        messageType: string;
        fromCode: string | null;
        state: 'accepted' | 'refused';
        receiptId: string | null;
        error: string | null;
      },
    ): Promise<AxisReceivedRow> {
      const [inserted] = await db.insert(axisReceived).values(row).onConflictDoNothing({ target: axisReceived.docId }).returning();
      if (inserted) return inserted;
      const [stored] = await db.select().from(axisReceived).where(eq(axisReceived.docId, row.docId));
      return stored;
    },

    async markAcknowledged(db: DbOrTx, docId: string, ack: 'done' | 'fail'): Promise<void> {
      await db
        .update(axisReceived)
        .set({ acknowledged: ack, acknowledgedAt: sql`now()` })
        .where(and(eq(axisReceived.docId, docId), isNull(axisReceived.acknowledged)));
    },

    /**
     * The axis DocIds of packages carrying a document whose recipients have not all acknowledged
     * them (done or fail) at the axis, sent within the last 30 days, the least recently asked first.
     */
    async sentAwaitingAcknowledgement(db: DbOrTx, limit: number): Promise<string[]> {
      const rows = await db.execute<{ axis_doc_id: string }>(sql`
        select d.axis_doc_id from deliveries d
         where d.axis_doc_id is not null and (d.axis_receive_status is null or d.axis_receive_status not in ('done', 'fail'))
           and d.state <> 'recalled' and d.created_at > now() - interval '30 days'
         group by d.axis_doc_id
         order by min(d.axis_checked_at) asc nulls first
         limit ${limit}`);
      return rows.map((r) => r.axis_doc_id);
    },

    /**
     * Records what getSentEdocList says of each recipient of the package `axisDocId`; returns the
     * copies whose transport state changed (unchanged lines write nothing: polling is idempotent).
     */
    async recordTransport(
      tx: DbOrTx,
      axisDocId: string,
      lines: AxisTransportLine[],
    ): Promise<{ id: string; senderOrganizationId: string; recipientOrganId: string; previous: string | null; receiveStatus: string }[]> {
      const changed = [];
      for (const l of lines) {
        const rows = await tx.execute<{
          id: string;
          sender_organization_id: string;
          recipient_organ_id: string;
          previous: string | null;
        }>(sql`
          update deliveries d set axis_receiver_doc_id = ${l.receiverDocId || null}, axis_send_status = ${l.sendStatus || null},
                 axis_receive_status = ${l.receiveStatus || null}, axis_receive_status_desc = ${l.receiveStatusDesc || null},
                 axis_received_time = ${l.receivedTime || null}, updated_at = now()
            from deliveries old
           where old.id = d.id and d.axis_doc_id = ${axisDocId} and upper(d.recipient_organ_id) = upper(${l.toCode})
             and (d.axis_receiver_doc_id, d.axis_send_status, d.axis_receive_status, d.axis_receive_status_desc, d.axis_received_time)
                 is distinct from (${l.receiverDocId || null}, ${l.sendStatus || null}, ${l.receiveStatus || null},
                                   ${l.receiveStatusDesc || null}, ${l.receivedTime || null})
          returning d.id, d.sender_organization_id, d.recipient_organ_id, old.axis_receive_status as previous`);
        changed.push(
          ...rows.map((r) => ({
            id: r.id,
            senderOrganizationId: r.sender_organization_id,
            recipientOrganId: r.recipient_organ_id,
            previous: r.previous,
            receiveStatus: l.receiveStatus,
          })),
        );
      }
      return changed;
    },

    /** Notes that the axis was asked about the package `axisDocId` (whatever it answered). */
    async markChecked(db: DbOrTx, axisDocId: string): Promise<void> {
      await db.execute(sql`update deliveries set axis_checked_at = now() where axis_doc_id = ${axisDocId}`);
    },

    /** Counts for the operability view: what came from the axis, and what waits to go (deliveries and statuses by state). */
    async stats(db: DbOrTx): Promise<{
      received: { total: number; refused: number; unacknowledged: number; lastAt: string | null };
      deliveries: Record<string, number>;
      statuses: Record<string, number>;
    }> {
      const [received] = await db
        .select({
          total: sql<number>`count(*)::int`,
          refused: sql<number>`(count(*) filter (where ${axisReceived.state} = 'refused'))::int`,
          unacknowledged: sql<number>`(count(*) filter (where ${axisReceived.acknowledged} is null))::int`,
          lastAt: sql<string | null>`to_char(max(${axisReceived.receivedAt}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
        })
        .from(axisReceived);
      const byState = (rows: { state: string; n: number }[]) => Object.fromEntries(rows.map((r) => [r.state, r.n]));
      const deliveries = await db.execute<{ state: string; n: number }>(sql`
        select d.state, count(*)::int as n from deliveries d join exchange_peers p on p.id = d.peer_id
         where p.transport = 'axis' group by d.state`);
      const statuses = await db.execute<{ state: string; n: number }>(sql`
        select s.state, count(*)::int as n from outbound_statuses s
          join inbound_packages i on i.id = s.receipt_id join exchange_peers p on p.id = i.peer_id
         where p.transport = 'axis' group by s.state`);
      return { received, deliveries: byState([...deliveries]), statuses: byState([...statuses]) };
    },
  };
}

export type AxisRepo = ReturnType<typeof createAxisRepo>;
