CREATE TYPE "public"."routing_rule" AS ENUM('imported_projects', 'workspace', 'projects', 'none');--> statement-breakpoint
CREATE TABLE "integration_cursors" (
	"connection_id" integer NOT NULL,
	"stream" text NOT NULL,
	"cursor" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "integration_cursors_pkey" PRIMARY KEY("connection_id","stream")
);
--> statement-breakpoint
ALTER TABLE "integration_connections" ADD COLUMN "routing" "routing_rule" DEFAULT 'none' NOT NULL;--> statement-breakpoint
ALTER TABLE "integration_connections" ADD COLUMN "routing_project_ids" integer[] DEFAULT '{}'::integer[] NOT NULL;--> statement-breakpoint
ALTER TABLE "integration_cursors" ADD CONSTRAINT "integration_cursors_connection_id_integration_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."integration_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Hand-written (carry over when renumbering): existing connections keep receiving the entries of the
-- projects they imported (the only rule before this migration); new ones get their provider's default.
UPDATE "integration_connections" SET "routing" = 'imported_projects';--> statement-breakpoint
-- The connections an entry of (workspace, project, member) goes to, by each connection's routing rule.
-- The outbox trigger and lib/integrations/sync/entry-view.ts apply the same rule. A connection holds one
-- member's personal credentials: "workspace" and "projects" send only that member's own entries.
CREATE OR REPLACE FUNCTION "stint_entry_connections"(ws integer, project integer, member integer) RETURNS SETOF integer LANGUAGE sql STABLE AS $$
  SELECT c.id FROM integration_connections c
   WHERE c.workspace_id = ws
     AND ((c.routing = 'workspace' AND c.user_id = member)
          OR (c.routing = 'projects' AND c.user_id = member AND project = ANY (c.routing_project_ids))
          OR (c.routing = 'imported_projects' AND EXISTS (SELECT 1 FROM projects p WHERE p.id = project AND p.connection_id = c.id)))
$$;--> statement-breakpoint
-- The outbox trigger (0004, 0009) by routing rule: every connection that receives the entry gets a pending
-- link; a connection that had a link and no longer receives it (moved, deleted, rule changed) gets its
-- link made pending, so the worker deletes the remote log.
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
       AND (TG_OP = 'DELETE' OR connection_id NOT IN (SELECT stint_entry_connections(NEW.workspace_id, NEW.project_id, NEW.user_id)));
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO entry_sync_links (connection_id, entry_id, workspace_id, user_id)
    SELECT c, NEW.id, NEW.workspace_id, NEW.user_id FROM stint_entry_connections(NEW.workspace_id, NEW.project_id, NEW.user_id) AS c
    ON CONFLICT (connection_id, entry_id) DO UPDATE
       SET version = entry_sync_links.version + 1, state = 'pending', attempts = 0, next_attempt_at = now(), last_error = NULL, updated_at = now();
  END IF;
  RETURN NULL;
END
$$;
