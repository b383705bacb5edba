import { z } from "zod";
import { envelopeLength } from "@/lib/e2ee/text";

/** LiveKit data topic for chat packets; one reliable packet per message. */
export const CHAT_TOPIC = "parley.chat";
/** Same limit as the chat route's schema (a longer body would be rejected there anyway). */
export const CHAT_MAX_LENGTH = 4000;

export type ChatStatus = "pending" | "retrying" | "sent" | "failed";

/** One message as the chat panel shows it, whoever sent it. */
export type ChatEntry = {
  clientId: string;
  /** Server row id, known once the message came from history or our own POST succeeded. */
  id?: string;
  senderIdentity: string;
  senderName: string;
  body: string;
  /** ISO 8601. */
  sentAt: string;
  status: ChatStatus;
  /** Why the server refused it (status "failed"). */
  error?: string;
};

export type ChatBodyCheck = { ok: true; body: string } | { ok: false; reason: "empty" | "too_long" };

/** `encrypted`: the body is sent as an E2EE envelope (lib/e2ee/text.ts), which must fit the limit instead. */
export function checkChatBody(raw: string, { encrypted = false }: { encrypted?: boolean } = {}): ChatBodyCheck {
  const body = raw.trim();
  if (body.length === 0) return { ok: false, reason: "empty" };
  if ((encrypted ? envelopeLength(body) : body.length) > CHAT_MAX_LENGTH) return { ok: false, reason: "too_long" };
  return { ok: true, body };
}

// ---------- live packets (LiveKit data channel) ----------

const livePayloadSchema = z.object({
  v: z.literal(1),
  clientId: z.uuid(),
  body: z.string().trim().min(1).max(CHAT_MAX_LENGTH),
  sentAt: z.iso.datetime({ offset: true }),
});

/** What a packet carries. The sender's name and identity are deliberately absent: receivers take them from LiveKit. */
export type LiveChatPayload = { clientId: string; body: string; sentAt: string };

export function encodeLiveChat({ clientId, body, sentAt }: LiveChatPayload): Uint8Array {
  return new TextEncoder().encode(JSON.stringify({ v: 1, clientId, body, sentAt }));
}

/** Null for anything that is not a well-formed v1 chat packet (other clients, newer versions, garbage). */
export function decodeLiveChat(bytes: Uint8Array): LiveChatPayload | null {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return null; // not JSON: not one of ours, the caller decides whether to log
  }
  const parsed = livePayloadSchema.safeParse(json);
  if (!parsed.success) return null;
  const { clientId, body, sentAt } = parsed.data;
  return { clientId, body, sentAt };
}

// ---------- stored messages (chat route) ----------

export const storedChatMessageSchema = z.object({
  id: z.string(),
  clientId: z.string(),
  senderIdentity: z.string(),
  senderName: z.string(),
  body: z.string(),
  sentAt: z.string(),
});
export type StoredChatMessage = z.infer<typeof storedChatMessageSchema>;

const historySchema = z.object({ messages: z.array(storedChatMessageSchema) });

/** Null when the response does not have the documented shape. */
export function parseChatHistory(json: unknown): StoredChatMessage[] | null {
  const parsed = historySchema.safeParse(json);
  return parsed.success ? parsed.data.messages : null;
}

export function entryFromStored(message: StoredChatMessage): ChatEntry {
  return { ...message, status: "sent" };
}

// ---------- merging ----------

export function compareChatEntries(a: ChatEntry, b: ChatEntry): number {
  const byTime = Date.parse(a.sentAt) - Date.parse(b.sentAt);
  if (byTime !== 0 && !Number.isNaN(byTime)) return byTime;
  return a.clientId < b.clientId ? -1 : a.clientId > b.clientId ? 1 : 0;
}

/**
 * Combines two versions of the same message (same clientId). A stored copy is the truth for
 * timestamps and names (the server may correct a skewed clock), and a message that reached the
 * server never goes back to pending/retrying because of a late local status update.
 */
function combine(current: ChatEntry, incoming: ChatEntry): ChatEntry {
  if (current.status === "sent" && incoming.status !== "sent") return current;
  if (incoming.status !== "sent") return incoming;
  const stored = incoming.id ? incoming : current.id ? current : incoming;
  return { ...current, ...incoming, ...stored, status: "sent", error: undefined };
}

/** Merges by clientId (no duplicates, whatever the arrival order) and sorts by sentAt. */
export function upsertChatEntries(current: readonly ChatEntry[], incoming: readonly ChatEntry[]): ChatEntry[] {
  const byClientId = new Map(current.map((entry) => [entry.clientId, entry]));
  for (const entry of incoming) {
    const existing = byClientId.get(entry.clientId);
    byClientId.set(entry.clientId, existing ? combine(existing, entry) : entry);
  }
  return [...byClientId.values()].sort(compareChatEntries);
}

export function removeChatEntry(current: readonly ChatEntry[], clientId: string): ChatEntry[] {
  return current.filter((entry) => entry.clientId !== clientId);
}

/** Messages from other people that the reader has not had on screen yet. */
export function countUnread(entries: readonly ChatEntry[], seen: ReadonlySet<string>, selfIdentity: string): number {
  let unread = 0;
  for (const entry of entries) if (entry.senderIdentity !== selfIdentity && !seen.has(entry.clientId)) unread++;
  return unread;
}

/**
 * crypto.randomUUID exists only in secure contexts; a LAN test over plain http still needs
 * a valid v4 UUID (the server validates it), so fall back to getRandomValues.
 */
export function newClientId(source: Pick<Crypto, "getRandomValues"> & Partial<Pick<Crypto, "randomUUID">> = crypto): string {
  if (typeof source.randomUUID === "function") return source.randomUUID();
  const bytes = source.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40; // version 4
  bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
