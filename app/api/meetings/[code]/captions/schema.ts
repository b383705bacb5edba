import { z } from "zod";

/**
 * `enabled`: captions on (anyone) or off (hosts) for everyone. `server`: make them on the
 * deployment's transcription server (true) or on each speaker's device (false); hosts only.
 */
export const captionsSchema = z
  .object({
    enabled: z.boolean({ message: "enabled must be true or false" }).optional(),
    server: z.boolean({ message: "server must be true or false" }).optional(),
  })
  .strict()
  .refine((v) => v.enabled !== undefined || v.server !== undefined, "Send enabled, server or both");
export type CaptionsRequest = z.infer<typeof captionsSchema>;
