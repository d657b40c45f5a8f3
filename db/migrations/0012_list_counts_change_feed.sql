CREATE SEQUENCE "public"."change_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "change_tombstones" (
	"kind" text NOT NULL,
	"id" integer NOT NULL,
	"workspace_id" integer NOT NULL,
	"user_id" integer,
	"visible_to" integer[],
	"deleted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"change_seq" bigint DEFAULT nextval('change_seq') NOT NULL,
	"change_xid" "xid8" DEFAULT pg_current_xact_id() NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "change_tombstones_pkey" PRIMARY KEY("kind","id")
);
--> statement-breakpoint
CREATE TABLE "time_entry_counts" (
	"workspace_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"finished" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "time_entry_counts_pkey" PRIMARY KEY("workspace_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "change_seq" bigint DEFAULT nextval('change_seq') NOT NULL;--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "change_xid" "xid8" DEFAULT pg_current_xact_id() NOT NULL;--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "changed_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "change_seq" bigint DEFAULT nextval('change_seq') NOT NULL;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "change_xid" "xid8" DEFAULT pg_current_xact_id() NOT NULL;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "changed_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "tags" ADD COLUMN "change_seq" bigint DEFAULT nextval('change_seq') NOT NULL;--> statement-breakpoint
ALTER TABLE "tags" ADD COLUMN "change_xid" "xid8" DEFAULT pg_current_xact_id() NOT NULL;--> statement-breakpoint
ALTER TABLE "tags" ADD COLUMN "changed_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "change_seq" bigint DEFAULT nextval('change_seq') NOT NULL;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "change_xid" "xid8" DEFAULT pg_current_xact_id() NOT NULL;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "changed_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "time_entries" ADD COLUMN "change_seq" bigint DEFAULT nextval('change_seq') NOT NULL;--> statement-breakpoint
ALTER TABLE "time_entries" ADD COLUMN "change_xid" "xid8" DEFAULT pg_current_xact_id() NOT NULL;--> statement-breakpoint
ALTER TABLE "time_entries" ADD COLUMN "changed_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
CREATE INDEX "change_tombstones_changes_idx" ON "change_tombstones" USING btree ("workspace_id","kind","change_xid","change_seq");--> statement-breakpoint
CREATE INDEX "clients_changes_idx" ON "clients" USING btree ("workspace_id","change_xid","change_seq");--> statement-breakpoint
CREATE INDEX "projects_changes_idx" ON "projects" USING btree ("workspace_id","change_xid","change_seq");--> statement-breakpoint
CREATE INDEX "tags_changes_idx" ON "tags" USING btree ("workspace_id","change_xid","change_seq");--> statement-breakpoint
CREATE INDEX "tasks_changes_idx" ON "tasks" USING btree ("workspace_id","change_xid","change_seq");--> statement-breakpoint
CREATE INDEX "time_entries_changes_idx" ON "time_entries" USING btree ("workspace_id","user_id","change_xid","change_seq");--> statement-breakpoint
-- Hand-written (list-feed, below drizzle's statements; carry over when renumbering).
-- Rows from before the feed: changed when they were last updated, not "now" (updated_since stays meaningful).
UPDATE "clients" SET "changed_at" = "updated_at";--> statement-breakpoint
UPDATE "projects" SET "changed_at" = "updated_at";--> statement-breakpoint
UPDATE "tasks" SET "changed_at" = "updated_at";--> statement-breakpoint
UPDATE "tags" SET "changed_at" = "created_at";--> statement-breakpoint
UPDATE "time_entries" SET "changed_at" = "updated_at";--> statement-breakpoint
INSERT INTO "time_entry_counts" ("workspace_id", "user_id", "finished")
  SELECT "workspace_id", "user_id", count(*) FROM "time_entries" WHERE "end_at" IS NOT NULL GROUP BY 1, 2;--> statement-breakpoint
-- Every insert and update takes the next change_seq and records its transaction (lib/changes/feed.ts reads
-- both: a transaction that took a lower number but commits later is still served, see there).
CREATE OR REPLACE FUNCTION "stint_stamp_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.change_seq := nextval('change_seq');
  NEW.change_xid := pg_current_xact_id();
  NEW.changed_at := now();
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER "stint_stamp_change" BEFORE INSERT OR UPDATE ON "clients" FOR EACH ROW EXECUTE FUNCTION "stint_stamp_change"();--> statement-breakpoint
CREATE TRIGGER "stint_stamp_change" BEFORE INSERT OR UPDATE ON "projects" FOR EACH ROW EXECUTE FUNCTION "stint_stamp_change"();--> statement-breakpoint
CREATE TRIGGER "stint_stamp_change" BEFORE INSERT OR UPDATE ON "tasks" FOR EACH ROW EXECUTE FUNCTION "stint_stamp_change"();--> statement-breakpoint
CREATE TRIGGER "stint_stamp_change" BEFORE INSERT OR UPDATE ON "tags" FOR EACH ROW EXECUTE FUNCTION "stint_stamp_change"();--> statement-breakpoint
CREATE TRIGGER "stint_stamp_change" BEFORE INSERT OR UPDATE ON "time_entries" FOR EACH ROW EXECUTE FUNCTION "stint_stamp_change"();--> statement-breakpoint
-- A deletion leaves a tombstone (one per row: deleting again, after a restore, renews it). BEFORE the
-- delete, so that a private project's members are still there to say who saw it; a task of a project being
-- deleted takes its project's tombstone's audience.
CREATE OR REPLACE FUNCTION "stint_tombstone"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  what text := TG_ARGV[0];
  owner integer;
  audience integer[];
BEGIN
  IF what = 'time_entry' THEN
    owner := OLD.user_id;
  ELSIF what = 'project' THEN
    IF OLD.private THEN
      audience := ARRAY(SELECT pm.user_id FROM project_members pm WHERE pm.project_id = OLD.id);
    END IF;
  ELSIF what = 'task' THEN
    SELECT CASE WHEN p.private THEN ARRAY(SELECT pm.user_id FROM project_members pm WHERE pm.project_id = p.id) END
      INTO audience FROM projects p WHERE p.id = OLD.project_id;
    IF NOT FOUND THEN
      SELECT t.visible_to INTO audience FROM change_tombstones t WHERE t.kind = 'project' AND t.id = OLD.project_id;
    END IF;
  END IF;
  INSERT INTO change_tombstones (kind, id, workspace_id, user_id, visible_to) VALUES (what, OLD.id, OLD.workspace_id, owner, audience)
  ON CONFLICT (kind, id) DO UPDATE
     SET workspace_id = EXCLUDED.workspace_id, user_id = EXCLUDED.user_id, visible_to = EXCLUDED.visible_to, deleted_at = now(),
         change_seq = nextval('change_seq'), change_xid = pg_current_xact_id(), changed_at = now();
  RETURN OLD;
END
$$;--> statement-breakpoint
CREATE TRIGGER "stint_tombstone" BEFORE DELETE ON "clients" FOR EACH ROW EXECUTE FUNCTION "stint_tombstone"('client');--> statement-breakpoint
CREATE TRIGGER "stint_tombstone" BEFORE DELETE ON "projects" FOR EACH ROW EXECUTE FUNCTION "stint_tombstone"('project');--> statement-breakpoint
CREATE TRIGGER "stint_tombstone" BEFORE DELETE ON "tasks" FOR EACH ROW EXECUTE FUNCTION "stint_tombstone"('task');--> statement-breakpoint
CREATE TRIGGER "stint_tombstone" BEFORE DELETE ON "tags" FOR EACH ROW EXECUTE FUNCTION "stint_tombstone"('tag');--> statement-breakpoint
CREATE TRIGGER "stint_tombstone" BEFORE DELETE ON "time_entries" FOR EACH ROW EXECUTE FUNCTION "stint_tombstone"('time_entry');--> statement-breakpoint
-- Entries list their tags by name: renaming or deleting a tag changes every entry that has it.
CREATE OR REPLACE FUNCTION "stint_touch_tagged_entries"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE time_entries SET change_seq = 0 WHERE id IN (SELECT et.entry_id FROM time_entry_tags et WHERE et.tag_id = OLD.id);
  RETURN OLD;
END
$$;--> statement-breakpoint
CREATE TRIGGER "stint_touch_tagged_entries" BEFORE DELETE ON "tags" FOR EACH ROW EXECUTE FUNCTION "stint_touch_tagged_entries"();--> statement-breakpoint
CREATE TRIGGER "stint_touch_tagged_entries_renamed" AFTER UPDATE OF "name" ON "tags" FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION "stint_touch_tagged_entries"();--> statement-breakpoint
-- time_entry_counts: per statement (a bulk import is one upsert, not one per row). Transition tables allow
-- one event per trigger, hence three.
CREATE OR REPLACE FUNCTION "stint_count_entries"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO time_entry_counts (workspace_id, user_id, finished)
      SELECT n.workspace_id, n.user_id, count(*) FROM new_rows n WHERE n.end_at IS NOT NULL GROUP BY 1, 2
    ON CONFLICT (workspace_id, user_id) DO UPDATE SET finished = time_entry_counts.finished + EXCLUDED.finished;
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE time_entry_counts c SET finished = c.finished - d.n
      FROM (SELECT o.workspace_id, o.user_id, count(*) AS n FROM old_rows o WHERE o.end_at IS NOT NULL GROUP BY 1, 2) d
     WHERE c.workspace_id = d.workspace_id AND c.user_id = d.user_id;
  ELSE
    INSERT INTO time_entry_counts (workspace_id, user_id, finished)
      SELECT x.workspace_id, x.user_id, sum(x.n) FROM (
        SELECT n.workspace_id, n.user_id, 1 AS n FROM new_rows n WHERE n.end_at IS NOT NULL
        UNION ALL
        SELECT o.workspace_id, o.user_id, -1 FROM old_rows o WHERE o.end_at IS NOT NULL) x
      GROUP BY 1, 2 HAVING sum(x.n) <> 0
    ON CONFLICT (workspace_id, user_id) DO UPDATE SET finished = time_entry_counts.finished + EXCLUDED.finished;
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "stint_count_entries_insert" AFTER INSERT ON "time_entries" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "stint_count_entries"();--> statement-breakpoint
CREATE TRIGGER "stint_count_entries_delete" AFTER DELETE ON "time_entries" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "stint_count_entries"();--> statement-breakpoint
CREATE TRIGGER "stint_count_entries_update" AFTER UPDATE ON "time_entries" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "stint_count_entries"();
