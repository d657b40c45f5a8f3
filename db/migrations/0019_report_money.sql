CREATE TABLE "project_member_rates" (
	"workspace_id" integer NOT NULL,
	"project_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"hourly_rate" numeric(12, 2) NOT NULL,
	CONSTRAINT "project_member_rates_pkey" PRIMARY KEY("project_id","user_id"),
	CONSTRAINT "project_member_rates_not_negative" CHECK ("project_member_rates"."hourly_rate" >= 0)
);
--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "hourly_rate" numeric(12, 2);--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "budget_amount" numeric(14, 2);--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "rounding_mode" text DEFAULT 'none' NOT NULL;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "rounding_minutes" smallint DEFAULT 15 NOT NULL;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "rounding_scope" text DEFAULT 'entry' NOT NULL;--> statement-breakpoint
ALTER TABLE "project_member_rates" ADD CONSTRAINT "project_member_rates_project_fk" FOREIGN KEY ("workspace_id","project_id") REFERENCES "public"."projects"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_member_rates" ADD CONSTRAINT "project_member_rates_member_fk" FOREIGN KEY ("workspace_id","user_id") REFERENCES "public"."workspace_members"("workspace_id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "time_entries_workspace_longer_than_7_days_idx" ON "time_entries" USING btree ("workspace_id","start_at") WHERE "time_entries"."end_at" - "time_entries"."start_at" > interval '7 days';--> statement-breakpoint
ALTER TABLE "workspaces" ADD CONSTRAINT "workspaces_rounding_mode" CHECK ("workspaces"."rounding_mode" in ('none', 'up', 'down', 'nearest'));--> statement-breakpoint
ALTER TABLE "workspaces" ADD CONSTRAINT "workspaces_rounding_minutes" CHECK ("workspaces"."rounding_minutes" in (1, 5, 6, 10, 15, 30, 60));--> statement-breakpoint
ALTER TABLE "workspaces" ADD CONSTRAINT "workspaces_rounding_scope" CHECK ("workspaces"."rounding_scope" in ('entry', 'group'));