import { and, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.js';
import { axisReceived, exchangePeers } from '../../../db/schema/index.js';

export type AxisReceivedRow = typeof axisReceived.$inferSelect;
export type AxisPeerRow = typeof exchangePeers.$inferSelect;

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
      await db.insert(axisReceived).values(row).onConflictDoNothing({ target: axisReceived.docId });
      const [stored] = await db.select().from(axisReceived).where(eq(axisReceived.docId, row.docId));
      return stored;
    },

    async markAcknowledged(db: DbOrTx, docId: string, ack: 'done' | 'fail'): Promise<void> {
      await db
        .update(axisReceived)
        .set({ acknowledged: ack, acknowledgedAt: sql`now()` })
        .where(and(eq(axisReceived.docId, docId), isNull(axisReceived.acknowledged)));
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
