CREATE TABLE "change_feed_purges" (
	"workspace_id" integer PRIMARY KEY NOT NULL,
	"purged_before" timestamp with time zone NOT NULL,
	"change_xid" "xid8" NOT NULL,
	"change_seq" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "change_feed_purges" ADD CONSTRAINT "change_feed_purges_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;