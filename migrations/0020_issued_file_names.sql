-- Issuing an outgoing document names its files from the số/ký hiệu ("01-QĐ-UBND.pdf",
-- documents/issued-file-names.ts) and keeps the name they came with here. Documents issued before
-- are left as they are: their files went out under their old names, and the record says so.
ALTER TABLE "document_files" ADD COLUMN "original_name" text;--> statement-breakpoint
-- Files of earlier draft versions, retired when another version is issued: kept for the record,
-- never current, never sent (fan-out, edXML, update notices read only current files).
ALTER TABLE "document_files" ADD COLUMN "superseded_at" timestamp with time zone;
