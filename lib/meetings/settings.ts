import { z } from "zod";

/** Per-meeting settings stored as JSONB; every field has a default so old rows stay valid. */
export const meetingSettingsSchema = z.object({
  allowGuests: z.boolean().default(true),
  /** When false, guests join view-only (no camera, microphone or screen share). */
  guestsCanPublish: z.boolean().default(true),
});

export type MeetingSettings = z.infer<typeof meetingSettingsSchema>;

export function readMeetingSettings(raw: unknown): MeetingSettings {
  return meetingSettingsSchema.parse(raw ?? {});
}
