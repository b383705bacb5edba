import { z } from "zod";
import { displayNameSchema } from "@/lib/auth/schema";

export const joinAsGuestSchema = z.object({ displayName: displayNameSchema });
export type JoinAsGuestRequest = z.infer<typeof joinAsGuestSchema>;
