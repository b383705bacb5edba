import { addChatMessage, listChatMessages } from "@/lib/db/queries/chat-messages";
import type { ChatMessage } from "@/lib/db/schema";
import { readJson, refuseOtherMethods, route } from "@/lib/http";
import { isEncryptedText } from "@/lib/e2ee/text";
import { AppError } from "@/lib/errors";
import { loadMeetingAndCaller } from "@/lib/meetings/load";
import { can } from "@/lib/meetings/permissions";
import { readMeetingSettings } from "@/lib/meetings/settings";
import { enforceRateLimit } from "@/lib/rate-limit";
import { postChatMessageSchema } from "./schema";

type Ctx = { params: Promise<{ code: string }> };

// Clock skew tolerated on the sender's timestamp; outside it the server's time is used.
const MAX_SKEW_MS = 5 * 60_000;

function toJson(m: ChatMessage) {
  return {
    id: m.id,
    clientId: m.clientId,
    senderIdentity: m.senderIdentity,
    senderName: m.senderName,
    body: m.body,
    sentAt: m.sentAt.toISOString(),
  };
}

export const GET = route(async (_request, { params }: Ctx) => {
  const { meeting } = await loadMeetingAndCaller((await params).code);
  const messages = await listChatMessages({ meetingId: meeting.id });
  return Response.json({ messages: messages.map(toJson) }, { headers: { "cache-control": "no-store" } });
});

/** Stores a message once per clientId: 201 when new, 200 with the stored copy on a retry. */
export const POST = route(async (request, { params }: Ctx) => {
  const { meeting, caller } = await loadMeetingAndCaller((await params).code);
  await enforceRateLimit({ bucket: "chat", key: `${meeting.id}:${caller.identity}` });
  const settings = readMeetingSettings(meeting.settings);
  if (!can(caller.role, "chat.send", settings)) {
    throw new AppError("forbidden:chat", "Only hosts can chat in this meeting right now.");
  }
  const input = await readJson(request, postChatMessageSchema);
  // Defence in depth: the browsers hide plaintext in an encrypted meeting anyway, but the server
  // should not store what would leak there. It cannot check more than the shape (it has no key).
  if (settings.e2ee && !isEncryptedText(input.body)) {
    throw new AppError("bad_request:plaintext_in_e2ee", "This meeting is end-to-end encrypted: messages must be sent encrypted.");
  }
  const now = Date.now();
  const claimed = new Date(input.sentAt).getTime();
  const sentAt = new Date(Math.abs(claimed - now) <= MAX_SKEW_MS ? claimed : now);
  const { message, created } = await addChatMessage({
    meetingId: meeting.id,
    clientId: input.clientId,
    senderIdentity: caller.identity,
    senderName: caller.name,
    body: input.body,
    sentAt,
  });
  return Response.json({ message: toJson(message) }, { status: created ? 201 : 200 });
});

export const { PUT, PATCH, DELETE, OPTIONS } = refuseOtherMethods("GET", "POST");
