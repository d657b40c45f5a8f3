ALTER TYPE "public"."routing_rule" ADD VALUE 'accepted_suggestions' BEFORE 'none';--> statement-breakpoint
-- Hand-written (carry over when renumbering). "accepted_suggestions": a connection receives its member's
-- entries that a person made by accepting a suggestion (e.g. ALP gets only reviewed RescueTime time).
-- The rule needs the entry, so the routing function takes its id too. The new enum value is compared as
-- text: PostgreSQL refuses an enum value added in the same transaction as a typed literal.
CREATE OR REPLACE FUNCTION "stint_entry_connections"(ws integer, project integer, member integer, entry integer) RETURNS SETOF integer LANGUAGE sql STABLE AS $$
  SELECT c.id FROM integration_connections c
   WHERE c.workspace_id = ws
     AND ((c.routing = 'workspace' AND c.user_id = member)
          OR (c.routing = 'projects' AND c.user_id = member AND project = ANY (c.routing_project_ids))
          OR (c.routing = 'imported_projects' AND EXISTS (SELECT 1 FROM projects p WHERE p.id = project AND p.connection_id = c.id))
          OR (c.routing::text = 'accepted_suggestions' AND c.user_id = member
              AND EXISTS (SELECT 1 FROM suggestions s WHERE s.time_entry_id = entry AND s.workspace_id = ws AND s.user_id = member AND s.status = 'accepted')))
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION "stint_mark_entry_sync"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND (OLD.description, OLD.start_at, OLD.end_at, OLD.project_id, OLD.task_id, OLD.billable)
         IS NOT DISTINCT FROM (NEW.description, NEW.start_at, NEW.end_at, NEW.project_id, NEW.task_id, NEW.billable) THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    UPDATE entry_sync_links
       SET version = version + 1, state = 'pending', attempts = 0, next_attempt_at = now(), last_error = NULL, updated_at = now()
     WHERE workspace_id = OLD.workspace_id AND entry_id = OLD.id
       AND (TG_OP = 'DELETE' OR connection_id NOT IN (SELECT stint_entry_connections(NEW.workspace_id, NEW.project_id, NEW.user_id, NEW.id)));
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO entry_sync_links (connection_id, entry_id, workspace_id, user_id)
    SELECT c, NEW.id, NEW.workspace_id, NEW.user_id FROM stint_entry_connections(NEW.workspace_id, NEW.project_id, NEW.user_id, NEW.id) AS c
    ON CONFLICT (connection_id, entry_id) DO UPDATE
       SET version = entry_sync_links.version + 1, state = 'pending', attempts = 0, next_attempt_at = now(), last_error = NULL, updated_at = now();
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
DROP FUNCTION IF EXISTS "stint_entry_connections"(integer, integer, integer);--> statement-breakpoint
-- Accepting inserts the entry first and links the suggestion after, so the entry's own trigger cannot yet
-- see where it came from: the link gives the entry to the connections that receive accepted suggestions.
CREATE OR REPLACE FUNCTION "stint_mark_accepted_suggestion_sync"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO entry_sync_links (connection_id, entry_id, workspace_id, user_id)
  SELECT c, e.id, e.workspace_id, e.user_id
    FROM time_entries e, stint_entry_connections(e.workspace_id, e.project_id, e.user_id, e.id) AS c
   WHERE e.id = NEW.time_entry_id
  ON CONFLICT (connection_id, entry_id) DO NOTHING;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "suggestions_mark_sync" AFTER INSERT OR UPDATE OF "time_entry_id", "status" ON "suggestions"
  FOR EACH ROW WHEN (NEW.time_entry_id IS NOT NULL AND NEW.status = 'accepted') EXECUTE FUNCTION "stint_mark_accepted_suggestion_sync"();
