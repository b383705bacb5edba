import { z } from "zod";

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
  })
  .partial();

export function readMeetingSettings(raw: unknown): MeetingSettings {
  return meetingSettingsSchema.parse(raw ?? {});
}

/** What every participant's UI needs to know, published as LiveKit room metadata. */
export function roomMetadataFor(settings: MeetingSettings) {
  const { locked, chatHostsOnly, screenShareHostsOnly, lobby } = settings;
  return JSON.stringify({ locked, chatHostsOnly, screenShareHostsOnly, lobby });
}
