ALTER TABLE "assignments" ADD COLUMN "document_created_at" timestamp with time zone;--> statement-breakpoint
-- Hand-written: the database keeps the copy of documents.created_at, so every writer of assignments
-- (handling, exchange, seeds) gets it without knowing; a document's created_at never changes.
CREATE FUNCTION "assignments_set_document_created_at"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.document_created_at := (SELECT d.created_at FROM documents d WHERE d.id = NEW.document_id);
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER "assignments_document_created_at" BEFORE INSERT OR UPDATE OF "document_id" ON "assignments"
  FOR EACH ROW EXECUTE FUNCTION "assignments_set_document_created_at"();--> statement-breakpoint
UPDATE "assignments" a SET "document_created_at" = d."created_at" FROM "documents" d WHERE d."id" = a."document_id";--> statement-breakpoint
CREATE INDEX "assignments_user_document_created_idx" ON "assignments" USING btree ("assignee_user_id","document_created_at" DESC NULLS LAST,"document_id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "assignments_unit_document_created_idx" ON "assignments" USING btree ("assignee_unit_id","document_created_at" DESC NULLS LAST,"document_id" DESC NULLS LAST);
