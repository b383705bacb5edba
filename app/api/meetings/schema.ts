import { z } from "zod";
import { meetingSettingsPatchSchema } from "@/lib/meetings/settings";

export const meetingTitleSchema = z
  .string()
  .trim()
  .min(1, "Enter a title")
  .max(120, "Use at most 120 characters")
  .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), "Use printable characters only");

/**
 * ISO 8601 with offset, within years 2000–9999 (UTC). Year 0000 is valid ISO and a valid JS Date,
 * but PostgreSQL has no year 0 and refuses it; past 9999 the ISO form grows a sign it cannot read.
 */
export const scheduledStartSchema = z.iso
  .datetime({ offset: true, message: "Use an ISO 8601 date and time" })
  .refine((s) => {
    const year = new Date(s).getUTCFullYear();
    return year >= 2000 && year <= 9999;
  }, "Pick a date between the years 2000 and 9999");

export const createMeetingSchema = z.object({
  title: meetingTitleSchema.optional(),
  /** Absent or null = an instant meeting. */
  scheduledStart: scheduledStartSchema.nullable().optional(),
  /** `e2ee` is chosen when the meeting is made and never changes (its passphrase is not ours to know). */
  settings: meetingSettingsPatchSchema.extend({ e2ee: z.boolean().optional() }).optional(),
});
export type CreateMeetingRequest = z.infer<typeof createMeetingSchema>;
