import { z } from "zod";
import { meetingSettingsSchema } from "@/lib/meetings/settings";
import { meetingTitleSchema } from "../schema";

export const updateMeetingSchema = z
  .object({
    title: meetingTitleSchema.optional(),
    scheduledStart: z.iso.datetime({ offset: true, message: "Use an ISO 8601 date and time" }).nullable().optional(),
    settings: meetingSettingsSchema.partial().optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, "Send at least one field to change");
export type UpdateMeetingRequest = z.infer<typeof updateMeetingSchema>;
