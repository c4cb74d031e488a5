CREATE INDEX "assignments_assigner_status_idx" ON "assignments" USING btree ("assigner_id","status","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "custody_intervals_open_holder_idx" ON "custody_intervals" USING btree ("holder_user_id") WHERE "custody_intervals"."ended_at" is null;--> statement-breakpoint
CREATE INDEX "drafts_drafter_idx" ON "drafts" USING btree ("drafter_id");--> statement-breakpoint
CREATE INDEX "drafts_signer_idx" ON "drafts" USING btree ("signer_user_id") WHERE "drafts"."signer_user_id" is not null;--> statement-breakpoint
CREATE INDEX "deliveries_sender_unregistered_idx" ON "deliveries" USING btree ("sender_organization_id") WHERE "deliveries"."state" in ('pending', 'delivered') and ("deliveries"."status_code" is null or "deliveries"."status_code" = '01');--> statement-breakpoint
CREATE INDEX "inbound_recalls_pending_idx" ON "inbound_recalls" USING btree ("created_at") WHERE "inbound_recalls"."answer" is null;