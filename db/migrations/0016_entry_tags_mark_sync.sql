-- An entry's tags are part of what some providers receive (ALP reads a GST type from a tag), so adding or
-- removing a tag marks the entry's existing sync links pending, as the time_entries trigger does for its own
-- columns. Statement-level with transition tables: deleting a tag used by thousands of entries is one UPDATE.
-- (A trigger with transition tables may have one event only: one trigger for inserts, one for deletes.)
CREATE OR REPLACE FUNCTION "stint_mark_entry_tags_sync"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE entry_sync_links l
     SET version = l.version + 1, state = 'pending', attempts = 0, next_attempt_at = now(), last_error = NULL, updated_at = now()
    FROM (SELECT DISTINCT workspace_id, entry_id FROM changed_tags) c
   WHERE l.workspace_id = c.workspace_id AND l.entry_id = c.entry_id;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "time_entry_tags_added_mark_sync" AFTER INSERT ON "time_entry_tags"
  REFERENCING NEW TABLE AS changed_tags FOR EACH STATEMENT EXECUTE FUNCTION "stint_mark_entry_tags_sync"();--> statement-breakpoint
CREATE TRIGGER "time_entry_tags_removed_mark_sync" AFTER DELETE ON "time_entry_tags"
  REFERENCING OLD TABLE AS changed_tags FOR EACH STATEMENT EXECUTE FUNCTION "stint_mark_entry_tags_sync"();
