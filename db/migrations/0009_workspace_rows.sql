-- Workspace-owned rows (issue 10). Hand-edited from drizzle-kit's output, which cannot run as generated:
-- it drops the (user_id, id) keys before the foreign keys that use them, and adds NOT NULL columns to
-- tables that have rows. Here: old foreign keys, keys and indexes go first; workspace_id is added
-- nullable, every existing row is moved to its user's personal workspace (the one migration 0008 made
-- them owner of), then it becomes NOT NULL and the composite keys by workspace are built on it. Ids never
-- change. Last, the catalog's user_id goes (projects, clients, tasks and tags are the workspace's), and
-- the outbox trigger learns to write the entry's workspace.
ALTER TABLE "clients" DROP CONSTRAINT "clients_user_id_users_id_fk";--> statement-breakpoint
ALTER TABLE "projects" DROP CONSTRAINT "projects_user_id_users_id_fk";--> statement-breakpoint
ALTER TABLE "projects" DROP CONSTRAINT "projects_connection_fk";--> statement-breakpoint
ALTER TABLE "projects" DROP CONSTRAINT "projects_client_fk";--> statement-breakpoint
ALTER TABLE "tags" DROP CONSTRAINT "tags_user_id_users_id_fk";--> statement-breakpoint
ALTER TABLE "tasks" DROP CONSTRAINT "tasks_user_id_users_id_fk";--> statement-breakpoint
ALTER TABLE "tasks" DROP CONSTRAINT "tasks_connection_fk";--> statement-breakpoint
ALTER TABLE "tasks" DROP CONSTRAINT "tasks_project_fk";--> statement-breakpoint
ALTER TABLE "time_entries" DROP CONSTRAINT "time_entries_project_fk";--> statement-breakpoint
ALTER TABLE "time_entry_tags" DROP CONSTRAINT "time_entry_tags_entry_fk";--> statement-breakpoint
ALTER TABLE "time_entry_tags" DROP CONSTRAINT "time_entry_tags_tag_fk";--> statement-breakpoint
ALTER TABLE "clients" DROP CONSTRAINT "clients_user_id_id_key";--> statement-breakpoint
ALTER TABLE "integration_connections" DROP CONSTRAINT "integration_connections_user_id_id_key";--> statement-breakpoint
ALTER TABLE "projects" DROP CONSTRAINT "projects_user_id_id_key";--> statement-breakpoint
ALTER TABLE "tags" DROP CONSTRAINT "tags_user_id_id_key";--> statement-breakpoint
ALTER TABLE "tasks" DROP CONSTRAINT "tasks_user_id_id_key";--> statement-breakpoint
ALTER TABLE "time_entries" DROP CONSTRAINT "time_entries_user_id_id_key";--> statement-breakpoint
DROP INDEX "clients_user_name_key";--> statement-breakpoint
DROP INDEX "deleted_time_entries_user_idx";--> statement-breakpoint
DROP INDEX "entry_sync_links_user_entry_idx";--> statement-breakpoint
DROP INDEX "integration_connections_user_idx";--> statement-breakpoint
DROP INDEX "projects_user_client_name_key";--> statement-breakpoint
DROP INDEX "projects_user_status_idx";--> statement-breakpoint
DROP INDEX "tags_user_name_key";--> statement-breakpoint
DROP INDEX "time_entries_user_start_idx";--> statement-breakpoint
DROP INDEX "time_entries_user_project_start_idx";--> statement-breakpoint
CREATE TABLE "project_members" (
	"workspace_id" integer NOT NULL,
	"project_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_members_pkey" PRIMARY KEY("project_id","user_id")
);--> statement-breakpoint
ALTER TABLE "api_tokens" ADD COLUMN "workspace_id" integer;--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "workspace_id" integer;--> statement-breakpoint
ALTER TABLE "deleted_time_entries" ADD COLUMN "workspace_id" integer;--> statement-breakpoint
ALTER TABLE "entry_sync_links" ADD COLUMN "workspace_id" integer;--> statement-breakpoint
ALTER TABLE "integration_connections" ADD COLUMN "workspace_id" integer;--> statement-breakpoint
ALTER TABLE "integration_jobs" ADD COLUMN "workspace_id" integer;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "workspace_id" integer;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "private" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "tags" ADD COLUMN "workspace_id" integer;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "workspace_id" integer;--> statement-breakpoint
ALTER TABLE "time_entries" ADD COLUMN "workspace_id" integer;--> statement-breakpoint
ALTER TABLE "time_entry_tags" ADD COLUMN "workspace_id" integer;--> statement-breakpoint
-- A user without a workspace of their own (created since 0008 by other means than registering) gets one first, as in 0008.
DO $$
DECLARE
  u record;
  ws integer;
BEGIN
  FOR u IN SELECT "id", "name", "currency" FROM "users" WHERE NOT EXISTS (
    SELECT 1 FROM "workspace_members" m WHERE m."user_id" = "users"."id" AND m."role" = 'owner'
  ) ORDER BY "id" LOOP
    INSERT INTO "workspaces" ("name", "currency") VALUES (left(u."name", 80) || '''s workspace', u."currency") RETURNING "id" INTO ws;
    INSERT INTO "workspace_members" ("workspace_id", "user_id", "role") VALUES (ws, u."id", 'owner');
  END LOOP;
END
$$;--> statement-breakpoint
CREATE TEMPORARY TABLE "stint_personal_workspaces" AS
  SELECT DISTINCT ON ("user_id") "user_id", "workspace_id" FROM "workspace_members" WHERE "role" = 'owner' ORDER BY "user_id", "workspace_id";--> statement-breakpoint
UPDATE "api_tokens" SET "workspace_id" = p."workspace_id" FROM "stint_personal_workspaces" p WHERE p."user_id" = "api_tokens"."user_id";--> statement-breakpoint
UPDATE "clients" SET "workspace_id" = p."workspace_id" FROM "stint_personal_workspaces" p WHERE p."user_id" = "clients"."user_id";--> statement-breakpoint
UPDATE "deleted_time_entries" SET "workspace_id" = p."workspace_id" FROM "stint_personal_workspaces" p WHERE p."user_id" = "deleted_time_entries"."user_id";--> statement-breakpoint
UPDATE "entry_sync_links" SET "workspace_id" = p."workspace_id" FROM "stint_personal_workspaces" p WHERE p."user_id" = "entry_sync_links"."user_id";--> statement-breakpoint
UPDATE "integration_connections" SET "workspace_id" = p."workspace_id" FROM "stint_personal_workspaces" p WHERE p."user_id" = "integration_connections"."user_id";--> statement-breakpoint
UPDATE "integration_jobs" SET "workspace_id" = p."workspace_id" FROM "stint_personal_workspaces" p WHERE p."user_id" = "integration_jobs"."user_id";--> statement-breakpoint
UPDATE "projects" SET "workspace_id" = p."workspace_id" FROM "stint_personal_workspaces" p WHERE p."user_id" = "projects"."user_id";--> statement-breakpoint
UPDATE "tags" SET "workspace_id" = p."workspace_id" FROM "stint_personal_workspaces" p WHERE p."user_id" = "tags"."user_id";--> statement-breakpoint
UPDATE "tasks" SET "workspace_id" = p."workspace_id" FROM "stint_personal_workspaces" p WHERE p."user_id" = "tasks"."user_id";--> statement-breakpoint
UPDATE "time_entries" SET "workspace_id" = p."workspace_id" FROM "stint_personal_workspaces" p WHERE p."user_id" = "time_entries"."user_id";--> statement-breakpoint
UPDATE "time_entry_tags" SET "workspace_id" = p."workspace_id" FROM "stint_personal_workspaces" p WHERE p."user_id" = "time_entry_tags"."user_id";--> statement-breakpoint
DROP TABLE "stint_personal_workspaces";--> statement-breakpoint
ALTER TABLE "api_tokens" ALTER COLUMN "workspace_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "clients" ALTER COLUMN "workspace_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "deleted_time_entries" ALTER COLUMN "workspace_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "entry_sync_links" ALTER COLUMN "workspace_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "integration_connections" ALTER COLUMN "workspace_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "integration_jobs" ALTER COLUMN "workspace_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "projects" ALTER COLUMN "workspace_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "tags" ALTER COLUMN "workspace_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "tasks" ALTER COLUMN "workspace_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "time_entries" ALTER COLUMN "workspace_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "time_entry_tags" ALTER COLUMN "workspace_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "clients" ADD CONSTRAINT "clients_workspace_id_id_key" UNIQUE("workspace_id","id");--> statement-breakpoint
ALTER TABLE "integration_connections" ADD CONSTRAINT "integration_connections_workspace_id_id_key" UNIQUE("workspace_id","id");--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_workspace_id_id_key" UNIQUE("workspace_id","id");--> statement-breakpoint
ALTER TABLE "tags" ADD CONSTRAINT "tags_workspace_id_id_key" UNIQUE("workspace_id","id");--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_workspace_id_id_key" UNIQUE("workspace_id","id");--> statement-breakpoint
ALTER TABLE "time_entries" ADD CONSTRAINT "time_entries_workspace_id_id_key" UNIQUE("workspace_id","id");--> statement-breakpoint
ALTER TABLE "project_members" ADD CONSTRAINT "project_members_project_fk" FOREIGN KEY ("workspace_id","project_id") REFERENCES "public"."projects"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_members" ADD CONSTRAINT "project_members_member_fk" FOREIGN KEY ("workspace_id","user_id") REFERENCES "public"."workspace_members"("workspace_id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clients" ADD CONSTRAINT "clients_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deleted_time_entries" ADD CONSTRAINT "deleted_time_entries_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "integration_connections" ADD CONSTRAINT "integration_connections_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_connection_fk" FOREIGN KEY ("workspace_id","connection_id") REFERENCES "public"."integration_connections"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_client_fk" FOREIGN KEY ("workspace_id","client_id") REFERENCES "public"."clients"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tags" ADD CONSTRAINT "tags_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_connection_fk" FOREIGN KEY ("workspace_id","connection_id") REFERENCES "public"."integration_connections"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_project_fk" FOREIGN KEY ("workspace_id","project_id") REFERENCES "public"."projects"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "time_entries" ADD CONSTRAINT "time_entries_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "time_entries" ADD CONSTRAINT "time_entries_project_fk" FOREIGN KEY ("workspace_id","project_id") REFERENCES "public"."projects"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "time_entry_tags" ADD CONSTRAINT "time_entry_tags_entry_fk" FOREIGN KEY ("workspace_id","entry_id") REFERENCES "public"."time_entries"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "time_entry_tags" ADD CONSTRAINT "time_entry_tags_tag_fk" FOREIGN KEY ("workspace_id","tag_id") REFERENCES "public"."tags"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "project_members_member_idx" ON "project_members" USING btree ("workspace_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "clients_workspace_name_key" ON "clients" USING btree ("workspace_id",lower("name"));--> statement-breakpoint
CREATE INDEX "deleted_time_entries_workspace_idx" ON "deleted_time_entries" USING btree ("workspace_id","deleted_at");--> statement-breakpoint
CREATE INDEX "entry_sync_links_workspace_entry_idx" ON "entry_sync_links" USING btree ("workspace_id","entry_id");--> statement-breakpoint
CREATE INDEX "integration_connections_workspace_user_idx" ON "integration_connections" USING btree ("workspace_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "projects_workspace_client_name_key" ON "projects" USING btree ("workspace_id",coalesce("client_id", 0),lower("name"));--> statement-breakpoint
CREATE INDEX "projects_workspace_status_idx" ON "projects" USING btree ("workspace_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "tags_workspace_name_key" ON "tags" USING btree ("workspace_id",lower("name"));--> statement-breakpoint
CREATE INDEX "time_entries_workspace_user_start_idx" ON "time_entries" USING btree ("workspace_id","user_id","start_at","id","end_at","project_id","billable");--> statement-breakpoint
CREATE INDEX "time_entries_workspace_start_idx" ON "time_entries" USING btree ("workspace_id","start_at");--> statement-breakpoint
CREATE INDEX "time_entries_workspace_project_start_idx" ON "time_entries" USING btree ("workspace_id","project_id","start_at");--> statement-breakpoint
ALTER TABLE "clients" DROP COLUMN "user_id";--> statement-breakpoint
ALTER TABLE "projects" DROP COLUMN "user_id";--> statement-breakpoint
ALTER TABLE "tags" DROP COLUMN "user_id";--> statement-breakpoint
ALTER TABLE "tasks" DROP COLUMN "user_id";--> statement-breakpoint
ALTER TABLE "time_entry_tags" DROP COLUMN "user_id";--> statement-breakpoint
CREATE OR REPLACE FUNCTION "stint_mark_entry_sync"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_conn integer;
  new_conn integer;
BEGIN
  IF TG_OP <> 'INSERT' AND OLD.project_id IS NOT NULL THEN
    SELECT connection_id INTO old_conn FROM projects WHERE id = OLD.project_id;
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.project_id IS NOT NULL THEN
    SELECT connection_id INTO new_conn FROM projects WHERE id = NEW.project_id;
  END IF;
  IF TG_OP = 'UPDATE'
     AND (OLD.description, OLD.start_at, OLD.end_at, OLD.project_id, OLD.task_id, OLD.billable)
         IS NOT DISTINCT FROM (NEW.description, NEW.start_at, NEW.end_at, NEW.project_id, NEW.task_id, NEW.billable) THEN
    RETURN NULL;
  END IF;
  IF old_conn IS NOT NULL AND old_conn IS DISTINCT FROM new_conn THEN
    UPDATE entry_sync_links
       SET version = version + 1, state = 'pending', attempts = 0, next_attempt_at = now(), last_error = NULL, updated_at = now()
     WHERE connection_id = old_conn AND entry_id = OLD.id;
  END IF;
  IF new_conn IS NOT NULL THEN
    INSERT INTO entry_sync_links (connection_id, entry_id, workspace_id, user_id) VALUES (new_conn, NEW.id, NEW.workspace_id, NEW.user_id)
    ON CONFLICT (connection_id, entry_id) DO UPDATE
       SET version = entry_sync_links.version + 1, state = 'pending', attempts = 0, next_attempt_at = now(), last_error = NULL, updated_at = now();
  END IF;
  RETURN NULL;
END
$$;