-- vanthu_fold: foldVietnamese (src/lib/text.ts) in SQL, for the search text PostgreSQL keeps itself
-- (the generated columns below) and for backfills: NFC first (unaccent's rules list precomposed
-- letters), tone and vowel marks and đ removed by unaccent, lower case, runs of white space made one
-- space, trimmed. "Nguyễn Thị  Hồng" → "nguyen thi hong", as foldVietnamese gives. Declared IMMUTABLE
-- so that generated columns may use it: it depends only on unaccent's rules file, which changes only
-- with the extension. Schema-qualified, so it works whatever the search_path (restores, migrations).
CREATE FUNCTION vanthu_fold(text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN btrim(regexp_replace(lower(public.unaccent('public.unaccent'::regdictionary, normalize($1, NFC))), '\s+', ' ', 'g'));--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "search_text" text GENERATED ALWAYS AS (vanthu_fold(name || ' ' || coalesce(abbreviation, '') || ' ' || coalesce(code, ''))) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "search_text" text GENERATED ALWAYS AS (vanthu_fold(full_name || ' ' || coalesce(position, ''))) STORED NOT NULL;--> statement-breakpoint
-- GET /organizations?q= (orgs.repo.ts search): every word of q as a substring, through trigrams.
CREATE INDEX "organizations_search_trgm" ON "organizations" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
-- GET /organizations without q (or with a q most units match): a walk in name order that stops at the page.
CREATE INDEX "organizations_search_order_idx" ON "organizations" USING btree ("search_text","id");--> statement-breakpoint
-- GET /users?q= (users.repo.ts search): every word of q as a substring, through trigrams.
CREATE INDEX "users_search_trgm" ON "users" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
-- GET /users without q (or with a q most people match): a walk in name order that stops at the page.
CREATE INDEX "users_search_order_idx" ON "users" USING btree ("search_text","id");--> statement-breakpoint
-- An administrator's q also matches usernames of the people they administer.
CREATE INDEX "users_username_trgm" ON "users" USING gin ("username" gin_trgm_ops);
