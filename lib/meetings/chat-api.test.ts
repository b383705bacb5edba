import { describe, expect, it } from "vitest";
import { ChatHistoryError, classifyPostResponse, fetchChatHistory, postChatMessage } from "./chat-api";

const stored = { id: "row-1", clientId: "00000000-0000-4000-8000-000000000001", senderIdentity: "u1", senderName: "Ann", body: "hi", sentAt: "2025-01-01T12:00:00.000Z" };
const outgoing = { clientId: stored.clientId, body: "hi", sentAt: stored.sentAt };

describe("classifyPostResponse", () => {
  it("treats 201 (new) and 200 (already stored) as stored", () => {
    expect(classifyPostResponse(201, { message: stored })).toEqual({ kind: "stored", message: stored });
    expect(classifyPostResponse(200, { message: stored })).toEqual({ kind: "stored", message: stored });
  });

  it("retries server errors, timeouts and rate limits", () => {
    for (const status of [500, 502, 503, 408, 429]) expect(classifyPostResponse(status, null).kind).toBe("retry");
  });

  it("fails validation errors with the server's message", () => {
    const body = { error: { code: "bad_request:validation", message: "Some fields are missing or invalid." } };
    expect(classifyPostResponse(400, body)).toEqual({ kind: "rejected", error: "Some fields are missing or invalid." });
    expect(classifyPostResponse(403, "<html>")).toEqual({ kind: "rejected", error: null });
  });
});

describe("postChatMessage", () => {
  it("sends exactly clientId, body and sentAt as JSON", async () => {
    let seen: { url: string; init?: RequestInit } | undefined;
    const outcome = await postChatMessage("abc-defg-hij", outgoing, async (url, init) => {
      seen = { url: String(url), init };
      return Response.json({ message: stored }, { status: 201 });
    });
    expect(outcome).toEqual({ kind: "stored", message: stored });
    expect(seen?.url).toBe("/api/meetings/abc-defg-hij/chat");
    expect(seen?.init?.method).toBe("POST");
    expect(JSON.parse(String(seen?.init?.body))).toEqual(outgoing);
  });

  it("turns a network failure into a retry instead of throwing", async () => {
    const outcome = await postChatMessage("abc-defg-hij", outgoing, async () => {
      throw new TypeError("Failed to fetch");
    });
    expect(outcome).toEqual({ kind: "retry", reason: "Failed to fetch" });
  });

  it("copes with a non-JSON error page", async () => {
    const outcome = await postChatMessage("abc-defg-hij", outgoing, async () => new Response("<h1>Bad gateway</h1>", { status: 502 }));
    expect(outcome.kind).toBe("retry");
  });
});

describe("fetchChatHistory", () => {
  it("returns the stored messages", async () => {
    const messages = await fetchChatHistory("abc-defg-hij", undefined, async () => Response.json({ messages: [stored] }));
    expect(messages).toEqual([stored]);
  });

  it("throws a ChatHistoryError on HTTP errors and unexpected shapes", async () => {
    await expect(fetchChatHistory("abc-defg-hij", undefined, async () => new Response("", { status: 404 }))).rejects.toBeInstanceOf(ChatHistoryError);
    await expect(fetchChatHistory("abc-defg-hij", undefined, async () => Response.json({ items: [] }))).rejects.toBeInstanceOf(ChatHistoryError);
  });
});
