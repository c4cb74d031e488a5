-- GET /documents?q=<a common word> (documents.repo.ts walkCandidates): each organisation's documents
-- newest first, with the confidentiality and search text the walk checks, so the walk reads the index
-- alone. A btree entry must stay under ~2.7 kB: text longer than 2000 bytes (rare, if ever) is left
-- out and walked through the small documents_long_search_idx instead.
CREATE INDEX "documents_owner_search_idx" ON "documents" USING btree ("owner_organization_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST,"confidentiality","search_text") WHERE octet_length("documents"."search_text") <= 2000;--> statement-breakpoint
CREATE INDEX "documents_long_search_idx" ON "documents" USING btree ("created_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE octet_length("documents"."search_text") > 2000;