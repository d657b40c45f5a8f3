ALTER TABLE "entry_sync_links" ADD COLUMN "pulled" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "integration_jobs" ADD COLUMN "phase" text;