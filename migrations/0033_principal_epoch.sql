CREATE TABLE "principal_epoch" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"value" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "principal_epoch_one_row" CHECK (id = 1)
);
--> statement-breakpoint
INSERT INTO "principal_epoch" ("id", "value") VALUES (1, 0);--> statement-breakpoint
-- Raised by each statement that changes what a principal is made of, in its own transaction: a
-- reader that sees the new value sees the change too (the API's principal cache, users.service).
-- The row lock it takes is held to the commit, so writes to users and grants commit one at a time:
-- they are an administrator's, rare next to the requests that read principals.
CREATE FUNCTION principal_epoch_raise() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "principal_epoch" SET "value" = "value" + 1 WHERE "id" = 1;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER principal_epoch_users AFTER UPDATE OR DELETE ON "users"
  FOR EACH STATEMENT EXECUTE FUNCTION principal_epoch_raise();--> statement-breakpoint
CREATE TRIGGER principal_epoch_users_truncate AFTER TRUNCATE ON "users"
  FOR EACH STATEMENT EXECUTE FUNCTION principal_epoch_raise();--> statement-breakpoint
CREATE TRIGGER principal_epoch_role_grants AFTER INSERT OR UPDATE OR DELETE ON "role_grants"
  FOR EACH STATEMENT EXECUTE FUNCTION principal_epoch_raise();--> statement-breakpoint
CREATE TRIGGER principal_epoch_role_grants_truncate AFTER TRUNCATE ON "role_grants"
  FOR EACH STATEMENT EXECUTE FUNCTION principal_epoch_raise();--> statement-breakpoint
CREATE TRIGGER principal_epoch_organization_paths AFTER UPDATE OF "path" ON "organizations"
  FOR EACH STATEMENT EXECUTE FUNCTION principal_epoch_raise();
