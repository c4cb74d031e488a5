CREATE TABLE "external_agencies" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"axis_id" text,
	"parent_axis_id" text,
	"parent_code" text,
	"mail" text,
	"active" boolean DEFAULT true NOT NULL,
	"search_text" text GENERATED ALWAYS AS (vanthu_fold(name || ' ' || code)) STORED NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "external_agencies_search_trgm" ON "external_agencies" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "external_agencies_search_order_idx" ON "external_agencies" USING btree ("search_text","code");