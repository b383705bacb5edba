import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { getDb } from "../client";
import { chatMessages, type ChatMessage } from "../schema";

/**
 * Stores a message once per (meeting, clientId). A retry with the same clientId
 * returns the stored row instead of a duplicate.
 */
export async function addChatMessage(input: {
  meetingId: string;
  clientId: string;
  senderIdentity: string;
  senderName: string;
  body: string;
  sentAt: Date;
}): Promise<{ message: ChatMessage; created: boolean }> {
  const db = await getDb();
  const [inserted] = await db
    .insert(chatMessages)
    .values(input)
    .onConflictDoNothing({ target: [chatMessages.meetingId, chatMessages.clientId] })
    .returning();
  if (inserted) return { message: inserted, created: true };
  const [existing] = await db
    .select()
    .from(chatMessages)
    .where(and(eq(chatMessages.meetingId, input.meetingId), eq(chatMessages.clientId, input.clientId)))
    .limit(1);
  return { message: existing, created: false };
}

export async function listChatMessages({ meetingId, limit = 500 }: { meetingId: string; limit?: number }): Promise<ChatMessage[]> {
  const db = await getDb();
  return db
    .select()
    .from(chatMessages)
    .where(eq(chatMessages.meetingId, meetingId))
    .orderBy(asc(chatMessages.sentAt), asc(chatMessages.createdAt))
    .limit(limit);
}
