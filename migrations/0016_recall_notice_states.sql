ALTER TABLE "assignments" ADD COLUMN "recall_reason" text;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "notice_type" integer;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "notice_state" text;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "notice_reason" text;--> statement-breakpoint
-- An update or replace notice used to live in the recall's columns (one shared state, so a pending
-- update kept a recall from being sent): a copy whose latest request was such a notice moves it to
-- the notice's own columns.
UPDATE "deliveries" d SET "notice_type" = CASE r.code WHEN 'update' THEN 2 ELSE 3 END, "notice_state" = d.recall_state, "notice_reason" = d.recall_reason,
                          "recall_state" = NULL, "recall_reason" = NULL
  FROM (SELECT id, (SELECT e->>'code' FROM jsonb_array_elements(history) WITH ORDINALITY x(e, o)
                     WHERE e->>'code' IN ('13', 'update', 'replaced') ORDER BY o DESC LIMIT 1) AS code
          FROM "deliveries") r
 WHERE r.id = d.id AND r.code IN ('update', 'replaced') AND d.recall_state IS NOT NULL;--> statement-breakpoint
-- The history keeps only national status codes in `code`; internal markers become named events
-- (sent, sent-N, update, replaced, recalled, dead, replay were stored as if they were codes), and
-- an answer (15/16) names the request it answered (the latest one before it).
UPDATE "deliveries" d SET "history" = (
  SELECT coalesce(jsonb_agg(
           CASE
             WHEN e->>'code' = 'sent' THEN (e - 'code') || '{"event": "sent", "businessType": 0}'::jsonb
             WHEN e->>'code' IN ('sent-1', 'sent-2', 'sent-3') THEN (e - 'code') || jsonb_build_object('event', 'sent', 'businessType', substr(e->>'code', 6)::int)
             WHEN e->>'code' = 'update' THEN (e - 'code') || '{"event": "update-requested"}'::jsonb
             WHEN e->>'code' = 'replaced' THEN (e - 'code') || '{"event": "replace-requested"}'::jsonb
             WHEN e->>'code' = 'recalled' THEN (e - 'code') || '{"event": "withdrawn"}'::jsonb
             WHEN e->>'code' = 'dead' THEN (e - 'code') || '{"event": "dead-lettered"}'::jsonb
             WHEN e->>'code' = 'replay' THEN (e - 'code') || '{"event": "replayed"}'::jsonb
             WHEN e->>'code' = '13' THEN e || '{"event": "recall-requested"}'::jsonb
             WHEN e->>'code' IN ('15', '16') THEN e || jsonb_build_object(
               'event', CASE (SELECT p->>'code' FROM jsonb_array_elements(d.history) WITH ORDINALITY y(p, po)
                               WHERE po < x.o AND p->>'code' IN ('13', 'update', 'replaced') ORDER BY po DESC LIMIT 1)
                          WHEN '13' THEN 'recall-answered' WHEN 'update' THEN 'update-answered' WHEN 'replaced' THEN 'replace-answered' ELSE 'status' END,
               'answer', CASE e->>'code' WHEN '15' THEN 'agreed' ELSE 'refused' END)
             ELSE e || '{"event": "status"}'::jsonb
           END ORDER BY x.o), '[]'::jsonb)
    FROM jsonb_array_elements(d.history) WITH ORDINALITY x(e, o))
 WHERE jsonb_array_length(d.history) > 0;--> statement-breakpoint
-- A copy whose notice moved out of the recall's columns keeps what its history says of an earlier recall.
UPDATE "deliveries" d SET "recall_state" = CASE r.last->>'event' WHEN 'recall-requested' THEN 'requested' ELSE r.last->>'answer' END,
                          "recall_reason" = (SELECT e->>'description' FROM jsonb_array_elements(d.history) WITH ORDINALITY x(e, o)
                                              WHERE e->>'event' = 'recall-requested' ORDER BY o DESC LIMIT 1)
  FROM (SELECT id, (SELECT e FROM jsonb_array_elements(history) WITH ORDINALITY x(e, o)
                     WHERE e->>'event' IN ('recall-requested', 'recall-answered') ORDER BY o DESC LIMIT 1) AS last
          FROM "deliveries") r
 WHERE r.id = d.id AND d.notice_type IS NOT NULL AND d.recall_state IS NULL AND d.state <> 'recalled' AND r.last IS NOT NULL;--> statement-breakpoint
-- One recall and one update/replace notice per incoming document, side by side.
ALTER TABLE "inbound_recalls" ADD COLUMN "kind" text;--> statement-breakpoint
UPDATE "inbound_recalls" SET "kind" = CASE WHEN business_type = 1 THEN 'recall' ELSE 'notice' END;--> statement-breakpoint
ALTER TABLE "inbound_recalls" ALTER COLUMN "kind" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "inbound_recalls" ADD COLUMN "files" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "inbound_recalls" DROP CONSTRAINT "inbound_recalls_pkey";--> statement-breakpoint
ALTER TABLE "inbound_recalls" ADD CONSTRAINT "inbound_recalls_document_id_kind_pk" PRIMARY KEY("document_id","kind");
