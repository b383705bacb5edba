import { z } from "zod";

export const lobbyDecisionSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("admit"), identity: z.string().min(1).max(200) }),
  z.object({ action: z.literal("deny"), identity: z.string().min(1).max(200) }),
  z.object({ action: z.literal("admit_all") }),
]);
export type LobbyDecisionRequest = z.infer<typeof lobbyDecisionSchema>;
