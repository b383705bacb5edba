import { z } from "zod";

export const CHAT_MAX_LENGTH = 4000;

export const postChatMessageSchema = z.object({
  /** Idempotency key chosen by the sender's browser; a retry reuses it. */
  clientId: z.uuid("clientId must be a UUID"),
  body: z.string().trim().min(1, "Type a message").max(CHAT_MAX_LENGTH, `Use at most ${CHAT_MAX_LENGTH} characters`),
  sentAt: z.iso.datetime({ offset: true, message: "Use an ISO 8601 date and time" }),
});
export type PostChatMessageRequest = z.infer<typeof postChatMessageSchema>;
