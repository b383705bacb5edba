import { z } from "zod";
import { embedOriginsSchema } from "@/lib/embed-origins";

const recordingRetentionSchema = z.number().int().min(1, "Keep recordings at least 1 day.").max(3650, "Keep recordings at most 10 years (3650 days).");

/** Per-meeting settings stored as JSONB; every field has a default so old rows stay valid. */
export const meetingSettingsSchema = z.object({
  allowGuests: z.boolean().default(true),
  /** When false, guests join view-only (no camera, microphone or screen share). */
  guestsCanPublish: z.boolean().default(true),
  /** Locked: nobody new gets in; people who were already in the room may rejoin. */
  locked: z.boolean().default(false),
  chatHostsOnly: z.boolean().default(false),
  screenShareHostsOnly: z.boolean().default(false),
  /** Who waits in the lobby for a host: nobody, guests, or everyone who is not a member yet. */
  lobby: z.enum(["off", "guests", "everyone"]).default("off"),
  /** Sites allowed to embed this meeting (/embed/[code]) besides the deployment's EMBED_ALLOWED_ORIGINS. */
  embedOrigins: embedOriginsSchema.default([]),
  /** Recordings are deleted this many days after they end; null keeps them until someone deletes them. */
  recordingRetentionDays: recordingRetentionSchema.nullable().default(null),
  /**
   * End-to-end encrypted: media, chat and captions are encrypted with a key from a passphrase that
   * only the participants have (it travels in the link's #fragment and never reaches the server).
   */
  e2ee: z.boolean().default(false),
  /** Live captions are on: each speaker's device transcribes its own microphone (lib/ai/whisper.ts). */
  captions: z.boolean().default(false),
  /**
   * A host chose to make the captions on the deployment's transcription server (TRANSCRIPTION_SERVER_URL)
   * instead: each speaker's device sends its speech segments there. Never in effect for an E2EE meeting.
   */
  captionsServer: z.boolean().default(false),
});

export type MeetingSettings = z.infer<typeof meetingSettingsSchema>;

/**
 * The same fields for a partial change. Built without defaults on purpose: zod 4's
 * `.partial()` keeps defaults, which would silently reset every field not sent.
 */
export const meetingSettingsPatchSchema = z
  .object({
    allowGuests: z.boolean(),
    guestsCanPublish: z.boolean(),
    locked: z.boolean(),
    chatHostsOnly: z.boolean(),
    screenShareHostsOnly: z.boolean(),
    lobby: z.enum(["off", "guests", "everyone"]),
    embedOrigins: embedOriginsSchema,
    recordingRetentionDays: recordingRetentionSchema.nullable(),
  })
  .partial();

export function readMeetingSettings(raw: unknown): MeetingSettings {
  return meetingSettingsSchema.parse(raw ?? {});
}

/**
 * What every participant's UI needs to know, published as LiveKit room metadata. `captionServer`:
 * the name of the transcription server this meeting may use (null when none is set up, or the
 * meeting is end-to-end encrypted); captions are made there only while it is offered.
 */
export function roomMetadataFor(settings: MeetingSettings, state: { recording: boolean; serverRecording?: boolean; captionServer?: string | null }) {
  const { locked, chatHostsOnly, screenShareHostsOnly, lobby, captions } = settings;
  const captionServer = state.captionServer ?? null;
  return JSON.stringify({
    locked,
    chatHostsOnly,
    screenShareHostsOnly,
    lobby,
    captions,
    captionServer,
    captionsServer: captionServer !== null && settings.captionsServer,
    recording: state.recording,
    serverRecording: state.serverRecording ?? false,
  });
}
