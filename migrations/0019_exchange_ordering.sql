-- A POST of a delivery's document whose answer is not recorded yet (the peer may hold the copy): a
-- recall committing meanwhile waits for the peer's answer instead of withdrawing the copy locally.
ALTER TABLE "deliveries" ADD COLUMN "unconfirmed_send_at" timestamp with time zone;--> statement-breakpoint
-- Serves intake's "packages of this DocumentId not taken in yet" (a recall or update waiting for its
-- document, and the document's intake finding them): few rows are ever accepted at once.
CREATE INDEX "inbound_packages_accepted_document_idx" ON "inbound_packages" USING btree ("document_id") WHERE "inbound_packages"."state" = 'accepted';
