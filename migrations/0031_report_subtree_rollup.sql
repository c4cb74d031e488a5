CREATE TABLE "report_subtree_daily" (
	"organization_id" uuid NOT NULL,
	"day" date NOT NULL,
	"received" integer DEFAULT 0 NOT NULL,
	"done_on_time" integer DEFAULT 0 NOT NULL,
	"done_late" integer DEFAULT 0 NOT NULL,
	"due" integer DEFAULT 0 NOT NULL,
	"due_done_on_time" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "report_subtree_daily_organization_id_day_pk" PRIMARY KEY("organization_id","day")
);
--> statement-breakpoint
CREATE TABLE "report_subtree_totals" (
	"organization_id" uuid PRIMARY KEY NOT NULL,
	"received" integer DEFAULT 0 NOT NULL,
	"done_on_time" integer DEFAULT 0 NOT NULL,
	"done_late" integer DEFAULT 0 NOT NULL,
	"due" integer DEFAULT 0 NOT NULL,
	"due_done_on_time" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
-- Filled from report_daily at once, so a database already holding aggregates stays consistent
-- without a rebuild (the same statements as aggregatesRepo.rebuild).
INSERT INTO "report_subtree_daily" ("organization_id", "day", "received", "done_on_time", "done_late", "due", "due_done_on_time")
SELECT a.id, d.day, sum(d.received), sum(d.done_on_time), sum(d.done_late), sum(d.due), sum(d.due_done_on_time)
  FROM (SELECT unit_id, day, sum(received) AS received, sum(done_on_time) AS done_on_time, sum(done_late) AS done_late,
               sum(due) AS due, sum(due_done_on_time) AS due_done_on_time
          FROM report_daily GROUP BY unit_id, day) d
  JOIN organizations u ON u.id = d.unit_id
  JOIN organizations a ON a.path @> u.path
 GROUP BY a.id, d.day;
--> statement-breakpoint
INSERT INTO "report_subtree_totals" ("organization_id", "received", "done_on_time", "done_late", "due", "due_done_on_time")
SELECT organization_id, sum(received), sum(done_on_time), sum(done_late), sum(due), sum(due_done_on_time)
  FROM report_subtree_daily GROUP BY organization_id;
