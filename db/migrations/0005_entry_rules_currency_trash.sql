CREATE TABLE "deleted_time_entries" (
	"id" integer PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"entry" jsonb NOT NULL,
	"deleted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "max_entry_minutes" integer DEFAULT 1440 NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "currency" text DEFAULT 'EUR' NOT NULL;--> statement-breakpoint
ALTER TABLE "deleted_time_entries" ADD CONSTRAINT "deleted_time_entries_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deleted_time_entries_user_idx" ON "deleted_time_entries" USING btree ("user_id","deleted_at");--> statement-breakpoint
-- Projects that already share a name under one client keep it once; the others get " (2)", " (3)"... (the
-- first number no project of that client has yet, so "Website (2)" already existing is not a clash) so
-- that the unique index below can be built without losing any project.
DO $$
DECLARE
  r record;
  k integer;
  candidate text;
BEGIN
  FOR r IN
    SELECT d."id", d."user_id", d."client_id", d."name" FROM (
      SELECT p."id", p."user_id", p."client_id", p."name",
             row_number() OVER (PARTITION BY p."user_id", coalesce(p."client_id", 0), lower(p."name") ORDER BY p."id") AS n
      FROM "projects" p
    ) d WHERE d.n > 1 ORDER BY d."id"
  LOOP
    k := 2;
    LOOP
      candidate := left(r."name", 200 - length(' (' || k || ')')) || ' (' || k || ')';
      EXIT WHEN NOT EXISTS (
        SELECT 1 FROM "projects" WHERE "user_id" = r."user_id" AND coalesce("client_id", 0) = coalesce(r."client_id", 0) AND lower("name") = lower(candidate)
      );
      k := k + 1;
    END LOOP;
    UPDATE "projects" SET "name" = candidate WHERE "id" = r."id";
  END LOOP;
END
$$;--> statement-breakpoint
CREATE UNIQUE INDEX "projects_user_client_name_key" ON "projects" USING btree ("user_id",coalesce("client_id", 0),lower("name"));--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_max_entry_range" CHECK ("users"."max_entry_minutes" between 1 and 10080);--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_currency_code" CHECK ("users"."currency" ~ '^[A-Z]{3}$');