ALTER TABLE "time_entries" ADD COLUMN "tag_ids" integer[] DEFAULT '{}'::integer[] NOT NULL;--> statement-breakpoint
-- Hand-written (entry tag ids, below drizzle's statement; carry over when renumbering).
-- Kept from time_entry_tags by the triggers below, per statement: a tag deleted from thousands of entries,
-- or a bulk import, is one UPDATE. An entry's tags are part of the entry, so the UPDATE stamps a change as
-- any other edit of the entry does (the sync trigger ignores tag_ids: the tag triggers of 0016 mark it).
CREATE OR REPLACE FUNCTION "stint_entry_tag_ids"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE time_entries e SET tag_ids = x.tag_ids
    FROM (SELECT c.entry_id, coalesce(array_agg(et.tag_id ORDER BY et.tag_id) FILTER (WHERE et.tag_id IS NOT NULL), '{}') AS tag_ids
            FROM (SELECT DISTINCT entry_id FROM changed_tags) c
            LEFT JOIN time_entry_tags et ON et.entry_id = c.entry_id
           GROUP BY c.entry_id) x
   WHERE e.id = x.entry_id AND e.tag_ids IS DISTINCT FROM x.tag_ids;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "time_entry_tags_added_tag_ids" AFTER INSERT ON "time_entry_tags"
  REFERENCING NEW TABLE AS changed_tags FOR EACH STATEMENT EXECUTE FUNCTION "stint_entry_tag_ids"();--> statement-breakpoint
CREATE TRIGGER "time_entry_tags_removed_tag_ids" AFTER DELETE ON "time_entry_tags"
  REFERENCING OLD TABLE AS changed_tags FOR EACH STATEMENT EXECUTE FUNCTION "stint_entry_tag_ids"();--> statement-breakpoint
CREATE TRIGGER "time_entry_tags_changed_tag_ids" AFTER UPDATE ON "time_entry_tags"
  REFERENCING NEW TABLE AS changed_tags FOR EACH STATEMENT EXECUTE FUNCTION "stint_entry_tag_ids"();--> statement-breakpoint
-- The existing entries, without stamping them as changed (their tags did not change: a sync client must not
-- fetch every tagged entry again) and without their other triggers.
ALTER TABLE "time_entries" DISABLE TRIGGER USER;--> statement-breakpoint
UPDATE "time_entries" e SET "tag_ids" = x.tag_ids
  FROM (SELECT entry_id, array_agg(tag_id ORDER BY tag_id) AS tag_ids FROM "time_entry_tags" GROUP BY entry_id) x
 WHERE e.id = x.entry_id;--> statement-breakpoint
ALTER TABLE "time_entries" ENABLE TRIGGER USER;
