import { parseChatHistory, storedChatMessageSchema, type StoredChatMessage } from "./chat-messages";
import type { OutgoingChatMessage, PostOutcome } from "./chat-outbox";
import { readJsonBody } from "./meeting-api";

/** Browser-side calls to `/api/meetings/{code}/chat`. */

type Fetch = typeof fetch;

const chatUrl = (code: string) => `/api/meetings/${encodeURIComponent(code)}/chat`;

/**
 * 2xx → stored; 408/429/5xx → worth retrying (timeouts, rate limits, outages pass);
 * any other 4xx → the server refused this message and will refuse it again, so say why.
 */
export function classifyPostResponse(status: number, body: unknown): PostOutcome {
  if (status >= 200 && status < 300) {
    const parsed = storedChatMessageSchema.safeParse((body as { message?: unknown } | null)?.message);
    return { kind: "stored", message: parsed.success ? parsed.data : null };
  }
  if (status === 408 || status === 429 || status >= 500) return { kind: "retry", reason: `HTTP ${status}` };
  if (status >= 400) {
    const message = (body as { error?: { message?: unknown } } | null)?.error?.message;
    return { kind: "rejected", error: typeof message === "string" && message.trim() ? message : null };
  }
  // 1xx/3xx should never reach fetch's caller; treat as transient rather than drop the message.
  return { kind: "retry", reason: `HTTP ${status}` };
}

/** Never throws for network trouble: a failed fetch is a "retry" outcome. */
export async function postChatMessage(code: string, message: OutgoingChatMessage, fetchImpl: Fetch = fetch): Promise<PostOutcome> {
  let response: Response;
  try {
    response = await fetchImpl(chatUrl(code), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ clientId: message.clientId, body: message.body, sentAt: message.sentAt }),
    });
  } catch (error) {
    return { kind: "retry", reason: error instanceof Error ? error.message : String(error) };
  }
  let body: unknown = null;
  try {
    body = await readJsonBody(response);
  } catch (error) {
    // The connection dropped mid-body: we cannot tell what the server did, and a retry is idempotent.
    return { kind: "retry", reason: error instanceof Error ? error.message : String(error) };
  }
  return classifyPostResponse(response.status, body);
}

export class ChatHistoryError extends Error {
  constructor(message: string, readonly status?: number) {
    super(message);
    this.name = "ChatHistoryError";
  }
}

/** Throws ChatHistoryError (or the fetch error, e.g. AbortError) when history cannot be read. */
export async function fetchChatHistory(code: string, signal?: AbortSignal, fetchImpl: Fetch = fetch): Promise<StoredChatMessage[]> {
  const response = await fetchImpl(chatUrl(code), { signal, cache: "no-store" });
  if (!response.ok) throw new ChatHistoryError(`Chat history request failed with HTTP ${response.status}`, response.status);
  const messages = parseChatHistory(await readJsonBody(response));
  if (!messages) throw new ChatHistoryError("Chat history response has an unexpected shape", response.status);
  return messages;
}
