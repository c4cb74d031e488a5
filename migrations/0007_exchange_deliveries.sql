CREATE TABLE "deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"document_id" uuid NOT NULL,
	"sender_organization_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"recipient_organization_id" uuid,
	"recipient_organ_id" text,
	"recipient_name" text NOT NULL,
	"peer_id" uuid,
	"edxml_document_id" text NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"status_code" text,
	"status_description" text,
	"status_at" timestamp with time zone,
	"recipient_document_id" uuid,
	"history" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"replays" integer DEFAULT 0 NOT NULL,
	"recall_state" text,
	"recall_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"delivered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "inbound_recalls" (
	"document_id" uuid PRIMARY KEY NOT NULL,
	"business_type" integer NOT NULL,
	"reason" text,
	"receipt_id" uuid,
	"delivery_id" uuid,
	"answer" text,
	"answer_reason" text,
	"answered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_sender_organization_id_organizations_id_fk" FOREIGN KEY ("sender_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_recipient_organization_id_organizations_id_fk" FOREIGN KEY ("recipient_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_peer_id_exchange_peers_id_fk" FOREIGN KEY ("peer_id") REFERENCES "public"."exchange_peers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_recipient_document_id_documents_id_fk" FOREIGN KEY ("recipient_document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_recalls" ADD CONSTRAINT "inbound_recalls_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_recalls" ADD CONSTRAINT "inbound_recalls_delivery_id_deliveries_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "public"."deliveries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "deliveries_document_recipient_org_uq" ON "deliveries" USING btree ("document_id","recipient_organization_id") WHERE "deliveries"."recipient_organization_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "deliveries_document_remote_uq" ON "deliveries" USING btree ("document_id","recipient_organ_id") WHERE "deliveries"."kind" = 'remote';--> statement-breakpoint
CREATE UNIQUE INDEX "deliveries_recipient_document_uq" ON "deliveries" USING btree ("recipient_document_id") WHERE "deliveries"."recipient_document_id" is not null;--> statement-breakpoint
CREATE INDEX "deliveries_edxml_document_idx" ON "deliveries" USING btree ("edxml_document_id","recipient_organ_id");--> statement-breakpoint
CREATE INDEX "deliveries_dead_idx" ON "deliveries" USING btree ("updated_at") WHERE "deliveries"."state" = 'dead';