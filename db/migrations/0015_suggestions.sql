CREATE TYPE "public"."suggestion_status" AS ENUM('pending', 'accepted', 'ignored');--> statement-breakpoint
CREATE TABLE "activity_buckets" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "activity_buckets_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"workspace_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"connection_id" integer NOT NULL,
	"day" text NOT NULL,
	"start_at" timestamp with time zone NOT NULL,
	"seconds" smallint NOT NULL,
	"activity" text NOT NULL,
	"category" text,
	"document" text,
	"productivity" smallint
);
--> statement-breakpoint
CREATE TABLE "suggestion_mappings" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "suggestion_mappings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"workspace_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"position" integer NOT NULL,
	"field" text NOT NULL,
	"pattern" text NOT NULL,
	"project_id" integer,
	"task_id" integer,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"billable" boolean,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "suggestion_settings" (
	"workspace_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"settings" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "suggestion_settings_pkey" PRIMARY KEY("workspace_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "suggestions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "suggestions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"workspace_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"connection_id" integer,
	"source" text NOT NULL,
	"source_key" text NOT NULL,
	"group_key" text NOT NULL,
	"day" text NOT NULL,
	"start_at" timestamp with time zone NOT NULL,
	"end_at" timestamp with time zone NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"project_id" integer,
	"task_id" integer,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"billable" boolean,
	"status" "suggestion_status" DEFAULT 'pending' NOT NULL,
	"activities" jsonb NOT NULL,
	"trimmed" boolean DEFAULT false NOT NULL,
	"time_entry_id" integer,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "suggestions_end_after_start" CHECK ("suggestions"."end_at" > "suggestions"."start_at")
);
--> statement-breakpoint
ALTER TABLE "integration_jobs" ADD COLUMN "params" jsonb;--> statement-breakpoint
ALTER TABLE "activity_buckets" ADD CONSTRAINT "activity_buckets_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_buckets" ADD CONSTRAINT "activity_buckets_connection_id_integration_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."integration_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suggestion_mappings" ADD CONSTRAINT "suggestion_mappings_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suggestion_mappings" ADD CONSTRAINT "suggestion_mappings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suggestion_mappings" ADD CONSTRAINT "suggestion_mappings_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suggestion_mappings" ADD CONSTRAINT "suggestion_mappings_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suggestion_settings" ADD CONSTRAINT "suggestion_settings_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suggestion_settings" ADD CONSTRAINT "suggestion_settings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suggestions" ADD CONSTRAINT "suggestions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suggestions" ADD CONSTRAINT "suggestions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suggestions" ADD CONSTRAINT "suggestions_connection_id_integration_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."integration_connections"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suggestions" ADD CONSTRAINT "suggestions_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suggestions" ADD CONSTRAINT "suggestions_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suggestions" ADD CONSTRAINT "suggestions_time_entry_id_time_entries_id_fk" FOREIGN KEY ("time_entry_id") REFERENCES "public"."time_entries"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activity_buckets_connection_day_idx" ON "activity_buckets" USING btree ("connection_id","day");--> statement-breakpoint
CREATE INDEX "suggestion_mappings_user_idx" ON "suggestion_mappings" USING btree ("workspace_id","user_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "suggestions_user_source_key" ON "suggestions" USING btree ("user_id","source","source_key");--> statement-breakpoint
CREATE INDEX "suggestions_workspace_user_status_start_idx" ON "suggestions" USING btree ("workspace_id","user_id","status","start_at");--> statement-breakpoint
CREATE INDEX "suggestions_user_day_idx" ON "suggestions" USING btree ("user_id","day");