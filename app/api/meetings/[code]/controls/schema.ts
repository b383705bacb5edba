import { z } from "zod";

const identity = z.string().min(1, "Say who this is for").max(200);

export const controlSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("mute"), identity, source: z.enum(["microphone", "camera", "screen_share"]) }),
  z.object({ action: z.literal("request_unmute"), identity, source: z.enum(["microphone", "camera"]) }),
  z.object({ action: z.literal("mute_all") }),
  z.object({ action: z.literal("remove"), identity, ban: z.boolean().default(false) }),
  z.object({ action: z.literal("set_role"), identity, role: z.enum(["co_host", "participant", "viewer"]) }),
  z.object({ action: z.literal("lock"), locked: z.boolean() }),
  z.object({ action: z.literal("end") }),
  z
    .object({
      action: z.literal("restrict"),
      chatHostsOnly: z.boolean().optional(),
      screenShareHostsOnly: z.boolean().optional(),
      lobby: z.enum(["off", "guests", "everyone"]).optional(),
    })
    .refine((v) => v.chatHostsOnly !== undefined || v.screenShareHostsOnly !== undefined || v.lobby !== undefined, "Send at least one setting to change"),
  z.object({ action: z.literal("lower_hand"), identity }),
]);
export type ControlRequest = z.infer<typeof controlSchema>;
