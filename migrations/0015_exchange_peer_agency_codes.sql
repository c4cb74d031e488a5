ALTER TABLE "exchange_peers" ADD COLUMN "agency_codes" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "inbound_packages" ADD COLUMN "refused_attachments" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
-- A peer registered before agency codes existed speaks for the agency it was registered as.
UPDATE "exchange_peers" SET "agency_codes" = ARRAY["organ_id"];
