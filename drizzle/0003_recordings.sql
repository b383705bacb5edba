CREATE TYPE "public"."recording_status" AS ENUM('recording', 'ready', 'failed');--> statement-breakpoint
CREATE TABLE "recordings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"started_by" text NOT NULL,
	"title" text NOT NULL,
	"status" "recording_status" DEFAULT 'recording' NOT NULL,
	"object_key" text NOT NULL,
	"mime_type" text NOT NULL,
	"upload_id" text,
	"size_bytes" bigint,
	"duration_ms" integer,
	"shared_with_members" boolean DEFAULT false NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	CONSTRAINT "recordings_object_key_unique" UNIQUE("object_key")
);
--> statement-breakpoint
ALTER TABLE "recordings" ADD CONSTRAINT "recordings_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "recordings_meeting_idx" ON "recordings" USING btree ("meeting_id","started_at");