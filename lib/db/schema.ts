import type { AdapterAccountType } from "next-auth/adapters";
import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { MeetingSettings } from "../meetings/settings";

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

// ── Users and Auth.js tables (shape required by @auth/drizzle-adapter) ──────

export const users = pgTable("users", {
  id: text("id").primaryKey().$defaultFn(() => crypto.randomUUID()),
  name: text("name"),
  email: text("email").unique(),
  emailVerified: timestamp("email_verified", { mode: "date", withTimezone: true }),
  image: text("image"),
  passwordHash: text("password_hash"),
  createdAt: createdAt(),
});
export type User = typeof users.$inferSelect;

export const accounts = pgTable(
  "accounts",
  {
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    type: text("type").$type<AdapterAccountType>().notNull(),
    provider: text("provider").notNull(),
    providerAccountId: text("provider_account_id").notNull(),
    refresh_token: text("refresh_token"),
    access_token: text("access_token"),
    expires_at: integer("expires_at"),
    token_type: text("token_type"),
    scope: text("scope"),
    id_token: text("id_token"),
    session_state: text("session_state"),
  },
  (t) => [primaryKey({ columns: [t.provider, t.providerAccountId] })],
);

export const sessions = pgTable("sessions", {
  sessionToken: text("session_token").primaryKey(),
  userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
  expires: timestamp("expires", { mode: "date", withTimezone: true }).notNull(),
});

export const verificationTokens = pgTable(
  "verification_tokens",
  {
    identifier: text("identifier").notNull(),
    token: text("token").notNull(),
    expires: timestamp("expires", { mode: "date", withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.identifier, t.token] })],
);

// ── Meetings ────────────────────────────────────────────────────────────────

export const meetingStatus = pgEnum("meeting_status", ["scheduled", "live", "ended"]);
export const meetingRole = pgEnum("meeting_role", ["host", "co_host", "participant", "guest", "viewer"]);
export type MeetingRole = (typeof meetingRole.enumValues)[number];

export const meetings = pgTable(
  "meetings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    code: text("code").notNull().unique(),
    title: text("title").notNull(),
    hostId: text("host_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    scheduledStart: timestamp("scheduled_start", { withTimezone: true }),
    status: meetingStatus("status").notNull().default("scheduled"),
    settings: jsonb("settings").$type<MeetingSettings>().notNull().default(sql`'{}'::jsonb`),
    startedAt: timestamp("started_at", { withTimezone: true }),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("meetings_host_idx").on(t.hostId, t.scheduledStart)],
);
export type Meeting = typeof meetings.$inferSelect;

/** Role of a signed-in user in one meeting. Guests have no user row; see `guests`. */
export const meetingMembers = pgTable(
  "meeting_members",
  {
    meetingId: uuid("meeting_id").notNull().references(() => meetings.id, { onDelete: "cascade" }),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    role: meetingRole("role").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.userId] })],
);
export type MeetingMember = typeof meetingMembers.$inferSelect;

/** A guest identity is limited to one meeting. */
export const guests = pgTable("guests", {
  id: text("id").primaryKey(),
  meetingId: uuid("meeting_id").notNull().references(() => meetings.id, { onDelete: "cascade" }),
  displayName: text("display_name").notNull(),
  canPublish: boolean("can_publish").notNull().default(true),
  createdAt: createdAt(),
});
export type Guest = typeof guests.$inferSelect;

/** One row per time a LiveKit participant is in the room (from webhooks). */
export const participantSessions = pgTable(
  "participant_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    meetingId: uuid("meeting_id").notNull().references(() => meetings.id, { onDelete: "cascade" }),
    identity: text("identity").notNull(),
    livekitSid: text("livekit_sid").notNull(),
    displayName: text("display_name"),
    joinedAt: timestamp("joined_at", { withTimezone: true }).notNull(),
    leftAt: timestamp("left_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("participant_sessions_sid_idx").on(t.livekitSid),
    index("participant_sessions_meeting_idx").on(t.meetingId, t.joinedAt),
  ],
);
export type ParticipantSession = typeof participantSessions.$inferSelect;

export const chatMessages = pgTable(
  "chat_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    meetingId: uuid("meeting_id").notNull().references(() => meetings.id, { onDelete: "cascade" }),
    /** Chosen by the sender's browser; makes retries idempotent. */
    clientId: uuid("client_id").notNull(),
    senderIdentity: text("sender_identity").notNull(),
    senderName: text("sender_name").notNull(),
    body: text("body").notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("chat_messages_client_idx").on(t.meetingId, t.clientId),
    index("chat_messages_meeting_idx").on(t.meetingId, t.sentAt),
  ],
);
export type ChatMessage = typeof chatMessages.$inferSelect;

export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    meetingId: uuid("meeting_id").references(() => meetings.id, { onDelete: "set null" }),
    actor: text("actor").notNull(),
    action: text("action").notNull(),
    target: text("target"),
    detail: jsonb("detail").$type<Record<string, unknown>>(),
    createdAt: createdAt(),
  },
  (t) => [index("audit_log_meeting_idx").on(t.meetingId, t.createdAt)],
);
export type AuditEntry = typeof auditLog.$inferSelect;

/** People removed with "don't let them rejoin": no token is minted for them in this meeting. */
export const meetingBans = pgTable(
  "meeting_bans",
  {
    meetingId: uuid("meeting_id").notNull().references(() => meetings.id, { onDelete: "cascade" }),
    identity: text("identity").notNull(),
    bannedBy: text("banned_by").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.identity] })],
);

/** "removed": a host removed them without a ban; they must knock (and be admitted) to come back. */
export const lobbyStatus = pgEnum("lobby_status", ["waiting", "admitted", "denied", "removed"]);
export type LobbyStatus = (typeof lobbyStatus.enumValues)[number];

/** Knocks on a meeting with a lobby; kept in Postgres so a restart loses no one. */
export const lobbyRequests = pgTable(
  "lobby_requests",
  {
    meetingId: uuid("meeting_id").notNull().references(() => meetings.id, { onDelete: "cascade" }),
    identity: text("identity").notNull(),
    displayName: text("display_name").notNull(),
    status: lobbyStatus("status").notNull().default("waiting"),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    decidedBy: text("decided_by"),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.identity] }), index("lobby_requests_waiting_idx").on(t.meetingId, t.status)],
);
export type LobbyRequest = typeof lobbyRequests.$inferSelect;

/** Sessions ended by signing out. JWT sessions are otherwise valid until they expire. */
export const revokedSessions = pgTable("revoked_sessions", {
  sessionId: text("session_id").primaryKey(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
});

/** LiveKit webhook event ids already handled (deliveries are retried). */
export const webhookEvents = pgTable("webhook_events", {
  id: text("id").primaryKey(),
  event: text("event").notNull(),
  receivedAt: createdAt(),
});

// ── Recordings ───────────────────────────────────────────────────────────────

/** recording: parts are being uploaded; ready: the object is complete; failed: given up (kept for the record). */
export const recordingStatus = pgEnum("recording_status", ["recording", "ready", "failed"]);

/** One recording of a meeting, stored in lib/storage under `objectKey`. */
export const recordings = pgTable(
  "recordings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    meetingId: uuid("meeting_id").notNull().references(() => meetings.id, { onDelete: "cascade" }),
    /** Identity (user or guest id) of the browser that records; only it uploads parts. */
    startedBy: text("started_by").notNull(),
    title: text("title").notNull(),
    status: recordingStatus("status").notNull().default("recording"),
    objectKey: text("object_key").notNull().unique(),
    mimeType: text("mime_type").notNull(),
    /** The storage multipart upload while recording; null once completed or aborted. */
    uploadId: text("upload_id"),
    sizeBytes: bigint("size_bytes", { mode: "number" }),
    durationMs: integer("duration_ms"),
    /** Hosts and co-hosts always see a meeting's recordings; members too when this is set. */
    sharedWithMembers: boolean("shared_with_members").notNull().default(false),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    /** Set once ffmpeg.wasm has turned the browser's file into a seekable MP4 (objectKey then names it). */
    processedAt: timestamp("processed_at", { withTimezone: true }),
    posterKey: text("poster_key"),
    /**
     * Encrypted in the recording browser with the meeting's end-to-end key (lib/e2ee/blob.ts frames):
     * the server stores ciphertext, and only someone with the passphrase can play it.
     */
    encrypted: boolean("encrypted").notNull().default(false),
    /** Set for a server-side recording: the LiveKit Egress that writes it (lib/recordings/egress.ts). */
    egressId: text("egress_id"),
    /** The meeting's retention setting applied when the recording ended; the retention job deletes it then. */
    deleteAfter: timestamp("delete_after", { withTimezone: true }),
  },
  (t) => [index("recordings_meeting_idx").on(t.meetingId, t.startedAt)],
);
export type Recording = typeof recordings.$inferSelect;

/**
 * Live captions, one row per finished speech segment: transcribed on the speaker's own device
 * (lib/ai/whisper.ts) and posted by it. `text` is an e2ee envelope in end-to-end encrypted meetings.
 */
export const transcriptSegments = pgTable(
  "transcript_segments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    meetingId: uuid("meeting_id").notNull().references(() => meetings.id, { onDelete: "cascade" }),
    /** Chosen by the speaker's browser; makes retries idempotent (and ties partials to their final). */
    segmentId: uuid("segment_id").notNull(),
    speakerIdentity: text("speaker_identity").notNull(),
    speakerName: text("speaker_name").notNull(),
    language: text("language").notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
    endedAt: timestamp("ended_at", { withTimezone: true }).notNull(),
    text: text("text").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("transcript_segments_segment_idx").on(t.meetingId, t.segmentId),
    index("transcript_segments_meeting_idx").on(t.meetingId, t.startedAt),
  ],
);
export type TranscriptSegment = typeof transcriptSegments.$inferSelect;
