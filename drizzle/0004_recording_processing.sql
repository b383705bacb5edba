ALTER TABLE "recordings" ADD COLUMN "processed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "recordings" ADD COLUMN "poster_key" text;--> statement-breakpoint
ALTER TABLE "recordings" ADD COLUMN "delete_after" timestamp with time zone;