CREATE TABLE "axis_directory_sync" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"changed_up_to" timestamp with time zone,
	"last_full_at" timestamp with time zone NOT NULL,
	"last_sync_at" timestamp with time zone NOT NULL,
	CONSTRAINT "axis_directory_sync_one_row" CHECK ("axis_directory_sync"."id" = 1)
);
