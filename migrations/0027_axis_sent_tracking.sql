ALTER TABLE "deliveries" ADD COLUMN "axis_receiver_doc_id" text;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "axis_send_status" text;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "axis_receive_status" text;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "axis_receive_status_desc" text;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "axis_received_time" text;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "axis_checked_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "deliveries_axis_tracking_idx" ON "deliveries" USING btree ("axis_checked_at") WHERE "deliveries"."axis_doc_id" is not null and ("deliveries"."axis_receive_status" is null or "deliveries"."axis_receive_status" not in ('done', 'fail'));