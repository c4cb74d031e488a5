ALTER TABLE "assignments" ADD COLUMN "read_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "assignments" ADD COLUMN "read_by" uuid;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_read_by_users_id_fk" FOREIGN KEY ("read_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Items to inform (nhận để biết) become read receipts (issue 12, item 5): an open one is unread, a
-- completed one read (when it was completed; who read it is not known). They lose their deadline and
-- overdue mark, and the custody intervals and overdue records they had are removed: they were never
-- work anyone held, and the accountability report must not rank their recipients.
UPDATE "assignments" SET "status" = CASE WHEN "status" = 'done' THEN 'read' ELSE 'unread' END,
       "read_at" = CASE WHEN "status" = 'done' THEN "completed_at" END,
       "due_date" = NULL, "allotted_working_days" = NULL, "overdue_since" = NULL,
       "extension_status" = NULL, "extension_requested_due_date" = NULL, "extension_reason" = NULL, "updated_at" = now()
 WHERE "role" = 'inform' AND "status" IN ('open', 'done');--> statement-breakpoint
DELETE FROM "overdue_records" WHERE "assignment_id" IN (SELECT "id" FROM "assignments" WHERE "role" = 'inform');--> statement-breakpoint
DELETE FROM "custody_intervals" WHERE "assignment_id" IN (SELECT "id" FROM "assignments" WHERE "role" = 'inform');
