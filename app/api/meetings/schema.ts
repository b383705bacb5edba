import { z } from "zod";
import { meetingSettingsSchema } from "@/lib/meetings/settings";

export const meetingTitleSchema = z
  .string()
  .trim()
  .min(1, "Enter a title")
  .max(120, "Use at most 120 characters")
  .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), "Use printable characters only");

export const createMeetingSchema = z.object({
  title: meetingTitleSchema.optional(),
  /** ISO 8601 with offset; absent or null = an instant meeting. */
  scheduledStart: z.iso.datetime({ offset: true, message: "Use an ISO 8601 date and time" }).nullable().optional(),
  settings: meetingSettingsSchema.partial().optional(),
});
export type CreateMeetingRequest = z.infer<typeof createMeetingSchema>;
