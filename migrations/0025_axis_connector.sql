CREATE TABLE "axis_received" (
	"doc_id" text PRIMARY KEY NOT NULL,
	"message_type" text NOT NULL,
	"from_code" text,
	"state" text NOT NULL,
	"receipt_id" uuid,
	"error" text,
	"acknowledged" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"acknowledged_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "exchange_peers" ADD COLUMN "transport" text DEFAULT 'vanthu' NOT NULL;--> statement-breakpoint
ALTER TABLE "outbound_statuses" ADD COLUMN "axis_doc_id" text;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "axis_doc_id" text;--> statement-breakpoint
ALTER TABLE "axis_received" ADD CONSTRAINT "axis_received_receipt_id_inbound_packages_id_fk" FOREIGN KEY ("receipt_id") REFERENCES "public"."inbound_packages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "axis_received_unacknowledged_idx" ON "axis_received" USING btree ("received_at") WHERE "axis_received"."acknowledged" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "exchange_peers_axis_uq" ON "exchange_peers" USING btree ("transport") WHERE "exchange_peers"."transport" = 'axis';