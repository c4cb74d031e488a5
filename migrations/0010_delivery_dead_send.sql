ALTER TABLE "deliveries" ADD COLUMN "dead_send" jsonb;--> statement-breakpoint
-- Deliveries dead-lettered before this column existed: what died is the latest send-document job
-- of the delivery (its outbox payload), so that a replay re-sends that, not a plain new document.
UPDATE "deliveries" d SET "dead_send" = jsonb_build_object('businessType', (o.payload->>'businessType')::int)
                                     || CASE WHEN o.payload ? 'replaces' THEN jsonb_build_object('replaces', o.payload->'replaces') ELSE '{}'::jsonb END
  FROM (SELECT DISTINCT ON (payload->>'deliveryId') payload FROM "outbox" WHERE name = 'exchange.send-document' ORDER BY payload->>'deliveryId', id DESC) o
 WHERE d.state = 'dead' AND d.kind = 'remote' AND o.payload->>'deliveryId' = d.id::text;--> statement-breakpoint
-- Copies recalled before they reached the recipient used to stay pending (or dead) for ever: they
-- are recalled (never sent, never delivered, nothing to answer).
UPDATE "deliveries" SET "state" = 'recalled', "recall_state" = NULL, "dead_send" = NULL
 WHERE state IN ('pending', 'dead') AND recipient_document_id IS NULL
   AND history @> '[{"code": "13"}]'::jsonb AND NOT (history @> '[{"code": "sent"}]'::jsonb) AND NOT (history @> '[{"code": "sent-3"}]'::jsonb);
