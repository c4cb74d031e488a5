CREATE TABLE "register_closings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"row_count" integer NOT NULL,
	"file_name" text NOT NULL,
	"storage_key" text NOT NULL,
	"size" bigint NOT NULL,
	"sha256" text NOT NULL,
	"certificate_id" uuid NOT NULL,
	"closed_by" uuid NOT NULL,
	"closed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "register_closings" ADD CONSTRAINT "register_closings_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "register_closings" ADD CONSTRAINT "register_closings_certificate_id_certificates_id_fk" FOREIGN KEY ("certificate_id") REFERENCES "public"."certificates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "register_closings" ADD CONSTRAINT "register_closings_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "register_closings_period_uq" ON "register_closings" USING btree ("organization_id","kind","period_from","period_to");--> statement-breakpoint
CREATE INDEX "register_closings_org_idx" ON "register_closings" USING btree ("organization_id","kind","period_from" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "documents_owner_registered_idx" ON "documents" USING btree ("owner_organization_id","registered_at",coalesce("incoming_number", 0),"id") WHERE "documents"."direction" = 'incoming' and "documents"."registered_at" is not null;--> statement-breakpoint
CREATE INDEX "documents_owner_issued_idx" ON "documents" USING btree ("owner_organization_id","promulgation_date",lpad(coalesce("number", ''), 12, '0'),"id") WHERE "documents"."direction" = 'outgoing' and "documents"."number" is not null;