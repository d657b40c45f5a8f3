-- pg_trgm ranks project search by similarity (PGlite ships it too; db/index.ts loads it). It is a trusted
-- extension: the database's owner may create it without being a superuser.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TYPE "public"."connection_status" AS ENUM('active', 'error');--> statement-breakpoint
CREATE TYPE "public"."job_status" AS ENUM('queued', 'running', 'succeeded', 'failed');--> statement-breakpoint
CREATE TYPE "public"."sync_state" AS ENUM('pending', 'synced', 'incomplete', 'failed');--> statement-breakpoint
CREATE TABLE "entry_sync_links" (
	"connection_id" integer NOT NULL,
	"entry_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"state" "sync_state" DEFAULT 'pending' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"synced_version" integer DEFAULT 0 NOT NULL,
	"remote_id" text,
	"remote_meta" jsonb,
	"attempt" jsonb,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lease_until" timestamp with time zone,
	"lease_owner" text,
	"last_error" text,
	"synced_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "entry_sync_links_pkey" PRIMARY KEY("connection_id","entry_id")
);
--> statement-breakpoint
CREATE TABLE "integration_connections" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "integration_connections_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"user_id" integer NOT NULL,
	"provider" text NOT NULL,
	"label" text NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"credentials" text NOT NULL,
	"credentials_version" integer DEFAULT 1 NOT NULL,
	"status" "connection_status" DEFAULT 'active' NOT NULL,
	"last_error" text,
	"last_error_at" timestamp with time zone,
	"last_sync_at" timestamp with time zone,
	"projects_imported_at" timestamp with time zone,
	"blocked_until" timestamp with time zone,
	"rate_tokens" double precision,
	"rate_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "integration_connections_user_id_id_key" UNIQUE("user_id","id")
);
--> statement-breakpoint
CREATE TABLE "integration_events" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "integration_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"connection_id" integer NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"level" text NOT NULL,
	"message" text NOT NULL,
	"entry_id" integer
);
--> statement-breakpoint
CREATE TABLE "integration_jobs" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "integration_jobs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"user_id" integer NOT NULL,
	"connection_id" integer NOT NULL,
	"kind" text NOT NULL,
	"status" "job_status" DEFAULT 'queued' NOT NULL,
	"done" integer DEFAULT 0 NOT NULL,
	"total" integer,
	"message" text,
	"lease_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "connection_id" integer;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "remote_id" text;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "connection_id" integer;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "remote_id" text;--> statement-breakpoint
ALTER TABLE "entry_sync_links" ADD CONSTRAINT "entry_sync_links_connection_id_integration_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."integration_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "integration_connections" ADD CONSTRAINT "integration_connections_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "integration_events" ADD CONSTRAINT "integration_events_connection_id_integration_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."integration_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "integration_jobs" ADD CONSTRAINT "integration_jobs_connection_id_integration_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."integration_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "entry_sync_links_due_idx" ON "entry_sync_links" USING btree ("next_attempt_at") WHERE "entry_sync_links"."state" = 'pending';--> statement-breakpoint
CREATE INDEX "entry_sync_links_user_entry_idx" ON "entry_sync_links" USING btree ("user_id","entry_id");--> statement-breakpoint
CREATE INDEX "integration_connections_user_idx" ON "integration_connections" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "integration_events_connection_idx" ON "integration_events" USING btree ("connection_id","id");--> statement-breakpoint
CREATE INDEX "integration_jobs_queued_idx" ON "integration_jobs" USING btree ("created_at") WHERE "integration_jobs"."status" in ('queued', 'running');--> statement-breakpoint
CREATE INDEX "integration_jobs_connection_idx" ON "integration_jobs" USING btree ("connection_id","id");--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_connection_fk" FOREIGN KEY ("user_id","connection_id") REFERENCES "public"."integration_connections"("user_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_connection_fk" FOREIGN KEY ("user_id","connection_id") REFERENCES "public"."integration_connections"("user_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "projects_connection_remote_key" ON "projects" USING btree ("connection_id","remote_id") WHERE "projects"."connection_id" is not null;--> statement-breakpoint
CREATE INDEX "projects_name_trgm_idx" ON "projects" USING gin (lower("name") gin_trgm_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "tasks_connection_remote_key" ON "tasks" USING btree ("connection_id","project_id","remote_id") WHERE "tasks"."connection_id" is not null;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_remote_needs_connection" CHECK (("projects"."connection_id" is null) = ("projects"."remote_id" is null));--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_remote_needs_connection" CHECK (("tasks"."connection_id" is null) = ("tasks"."remote_id" is null));--> statement-breakpoint
-- The outbox: every change to an entry that matters to a connection marks its sync link pending in the
-- same transaction, whichever code path (or SQL) made it. Moving an entry away from a connection's
-- project (to a local project, another connection, none) or deleting it marks the old link, so the
-- worker deletes the remote log.
CREATE FUNCTION "stint_mark_entry_sync"() RETURNS trigger LANGUAGE plpgsql AS $$
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
    INSERT INTO entry_sync_links (connection_id, entry_id, user_id) VALUES (new_conn, NEW.id, NEW.user_id)
    ON CONFLICT (connection_id, entry_id) DO UPDATE
       SET version = entry_sync_links.version + 1, state = 'pending', attempts = 0, next_attempt_at = now(), last_error = NULL, updated_at = now();
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "time_entries_mark_sync" AFTER INSERT OR UPDATE OR DELETE ON "time_entries"
  FOR EACH ROW EXECUTE FUNCTION "stint_mark_entry_sync"();
