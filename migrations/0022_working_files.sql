-- A handler's working files (reply drafts, minutes) are document files of kind note, added to their
-- assignment (POST /assignments/:id/files): the assignment says which handling step they belong to.
-- The foreign key is written here by hand (not in src/db/schema: schema/handling.ts imports
-- schema/documents.ts, and the reverse import would be a cycle).
ALTER TABLE "document_files" ADD COLUMN "assignment_id" uuid;--> statement-breakpoint
ALTER TABLE "document_files" ADD CONSTRAINT "document_files_assignment_id_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."assignments"("id") ON DELETE no action ON UPDATE no action;