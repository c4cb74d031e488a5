CREATE TABLE "audit_chain" (
	"stripe" smallint NOT NULL,
	"seq" bigint NOT NULL,
	"event_id" bigint NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "audit_chain_stripe_seq_pk" PRIMARY KEY("stripe","seq"),
	CONSTRAINT "audit_chain_eventId_unique" UNIQUE("event_id")
);
--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "content_hash" text;--> statement-breakpoint
ALTER TABLE "audit_chain" ADD CONSTRAINT "audit_chain_event_id_audit_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."audit_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Rows chained before this migration keep their place: their chain hash covered the row content
-- directly (content_hash stays null) and their chain position was their id, in stripe 0.
INSERT INTO "audit_chain" ("stripe", "seq", "event_id", "prev_hash", "hash")
  SELECT 0, "id", "id", "prev_hash", "hash" FROM "audit_events";
--> statement-breakpoint
-- The chain is append-only like the events (a tamperer who disables this is caught by the hashes).
CREATE FUNCTION audit_chain_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_chain is append-only';
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_chain_no_update_delete BEFORE UPDATE OR DELETE ON audit_chain
  FOR EACH ROW EXECUTE FUNCTION audit_chain_append_only();
--> statement-breakpoint
-- Links each new event into a chain when its transaction commits (a deferred constraint trigger
-- runs at COMMIT): the stripe's lock is taken there and released when the commit is durable, so it
-- is never held while the transaction waits for the application. Which of the 8 stripes a
-- transaction uses does not matter for integrity (each stripe is a full chain); spreading
-- transactions lets commits of unrelated writes share a WAL flush.
CREATE FUNCTION audit_events_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  chain_stripe smallint := (pg_current_xact_id()::text::bigint % 8)::smallint;
  head_seq bigint;
  head_hash text;
  next_seq bigint;
BEGIN
  -- The head is read after the lock with a fresh snapshot, which only READ COMMITTED takes per
  -- statement; under a transaction-wide snapshot the chain would fork (the primary key would refuse).
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    RAISE EXCEPTION 'audited writes must run in READ COMMITTED';
  END IF;
  IF NEW.content_hash IS NULL THEN
    RAISE EXCEPTION 'audit event % has no content_hash', NEW.id;
  END IF;
  PERFORM pg_advisory_xact_lock(1986096756, chain_stripe); -- 0x76616e74, "vant"
  SELECT "seq", "hash" INTO head_seq, head_hash FROM "audit_chain" WHERE "stripe" = chain_stripe ORDER BY "seq" DESC LIMIT 1;
  next_seq := coalesce(head_seq, 0) + 1;
  head_hash := coalesce(head_hash, repeat('0', 64));
  INSERT INTO "audit_chain" ("stripe", "seq", "event_id", "prev_hash", "hash")
  VALUES (chain_stripe, next_seq, NEW.id, head_hash,
          encode(sha256(convert_to(head_hash || E'\n' || chain_stripe || ':' || next_seq || ':' || NEW.id || ':' || NEW.content_hash, 'UTF8')), 'hex'));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER audit_events_chain AFTER INSERT ON audit_events
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_events_chain();
