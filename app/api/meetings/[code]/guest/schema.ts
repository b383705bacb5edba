import { z } from "zod";
import { displayNameSchema } from "@/lib/auth/schema";

export const joinAsGuestSchema = z.object({
  displayName: displayNameSchema,
  /** Joining inside another site's iframe (/embed/[code]): the cookie must be sent there too. */
  embedded: z.boolean().optional(),
});
export type JoinAsGuestRequest = z.infer<typeof joinAsGuestSchema>;
