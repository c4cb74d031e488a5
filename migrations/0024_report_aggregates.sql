-- The handling report's aggregates (src/modules/reports). They start empty: on a database that already
-- holds registered incoming documents, run `npm run cli -- reports:rebuild` once after migrating.
CREATE TABLE "report_daily" (
	"unit_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"day" date NOT NULL,
	"received" integer DEFAULT 0 NOT NULL,
	"done_on_time" integer DEFAULT 0 NOT NULL,
	"done_late" integer DEFAULT 0 NOT NULL,
	"due" integer DEFAULT 0 NOT NULL,
	"due_done_on_time" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "report_daily_unit_id_person_id_day_pk" PRIMARY KEY("unit_id","person_id","day")
);
--> statement-breakpoint
CREATE TABLE "report_items" (
	"document_id" uuid PRIMARY KEY NOT NULL,
	"unit_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"received_on" date NOT NULL,
	"due_on" date,
	"done_on" date,
	"done_late" boolean
);
--> statement-breakpoint
CREATE TABLE "report_totals" (
	"unit_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"received" integer DEFAULT 0 NOT NULL,
	"done_on_time" integer DEFAULT 0 NOT NULL,
	"done_late" integer DEFAULT 0 NOT NULL,
	"due" integer DEFAULT 0 NOT NULL,
	"due_done_on_time" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "report_totals_unit_id_person_id_pk" PRIMARY KEY("unit_id","person_id")
);
--> statement-breakpoint
ALTER TABLE "report_items" ADD CONSTRAINT "report_items_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "custody_intervals_late_due_idx" ON "custody_intervals" USING btree ("due_date") WHERE "custody_intervals"."overrun_working_days" > 0;