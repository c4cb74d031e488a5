-- ltree: the organisation tree (subtree/ancestor queries). unaccent + pg_trgm: diacritic-insensitive search.
-- All three are trusted extensions, so the database owner may create them.
CREATE EXTENSION IF NOT EXISTS ltree;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;
