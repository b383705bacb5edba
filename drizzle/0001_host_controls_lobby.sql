CREATE TYPE "public"."lobby_status" AS ENUM('waiting', 'admitted', 'denied');--> statement-breakpoint
ALTER TYPE "public"."meeting_role" ADD VALUE 'viewer';--> statement-breakpoint
CREATE TABLE "lobby_requests" (
	"meeting_id" uuid NOT NULL,
	"identity" text NOT NULL,
	"display_name" text NOT NULL,
	"status" "lobby_status" DEFAULT 'waiting' NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" text,
	CONSTRAINT "lobby_requests_meeting_id_identity_pk" PRIMARY KEY("meeting_id","identity")
);
--> statement-breakpoint
CREATE TABLE "meeting_bans" (
	"meeting_id" uuid NOT NULL,
	"identity" text NOT NULL,
	"banned_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meeting_bans_meeting_id_identity_pk" PRIMARY KEY("meeting_id","identity")
);
--> statement-breakpoint
ALTER TABLE "lobby_requests" ADD CONSTRAINT "lobby_requests_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_bans" ADD CONSTRAINT "meeting_bans_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "lobby_requests_waiting_idx" ON "lobby_requests" USING btree ("meeting_id","status");