-- The audit log is append-only: the application never updates or deletes a row. A trigger makes an
-- accidental UPDATE/DELETE fail loudly; a deliberate tamperer with owner rights can still disable it,
-- which is why every row is also hash-chained and `npm run audit:verify` checks the chain.
CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only';
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_events_no_update_delete BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
