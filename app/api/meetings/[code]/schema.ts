import { z } from "zod";
import { meetingSettingsPatchSchema } from "@/lib/meetings/settings";
import { meetingTitleSchema, scheduledStartSchema } from "../schema";

export const updateMeetingSchema = z
  .object({
    title: meetingTitleSchema.optional(),
    scheduledStart: scheduledStartSchema.nullable().optional(),
    settings: meetingSettingsPatchSchema.optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, "Send at least one field to change");
export type UpdateMeetingRequest = z.infer<typeof updateMeetingSchema>;
