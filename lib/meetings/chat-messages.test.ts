import { describe, expect, it } from "vitest";
import {
  CHAT_MAX_LENGTH,
  checkChatBody,
  countUnread,
  decodeLiveChat,
  encodeLiveChat,
  entryFromStored,
  newClientId,
  parseChatHistory,
  removeChatEntry,
  upsertChatEntries,
  type ChatEntry,
} from "./chat-messages";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

function entry(n: number, overrides: Partial<ChatEntry> = {}): ChatEntry {
  return {
    clientId: id(n),
    senderIdentity: "alice",
    senderName: "Alice",
    body: `message ${n}`,
    sentAt: new Date(Date.UTC(2025, 0, 1, 12, 0, n)).toISOString(),
    status: "sent",
    ...overrides,
  };
}

describe("checkChatBody", () => {
  it("trims and accepts 1..4000 characters", () => {
    expect(checkChatBody("  hi \n")).toEqual({ ok: true, body: "hi" });
    expect(checkChatBody("x".repeat(CHAT_MAX_LENGTH))).toMatchObject({ ok: true });
  });

  it("rejects blank and overlong bodies", () => {
    expect(checkChatBody(" \n\t ")).toEqual({ ok: false, reason: "empty" });
    expect(checkChatBody("x".repeat(CHAT_MAX_LENGTH + 1))).toEqual({ ok: false, reason: "too_long" });
  });
});

describe("live chat packets", () => {
  it("round-trips a message, including non-ASCII text", () => {
    const payload = { clientId: id(1), body: "你好 👋 <b>not html</b>", sentAt: "2025-01-01T12:00:00.000Z" };
    expect(decodeLiveChat(encodeLiveChat(payload))).toEqual(payload);
  });

  it("carries no sender fields (receivers use the LiveKit participant)", () => {
    const json = JSON.parse(new TextDecoder().decode(encodeLiveChat({ clientId: id(1), body: "hi", sentAt: "2025-01-01T12:00:00.000Z" })));
    expect(json).toEqual({ v: 1, clientId: id(1), body: "hi", sentAt: "2025-01-01T12:00:00.000Z" });
  });

  it("ignores packets that are not v1 chat messages", () => {
    const bytes = (value: unknown) => new TextEncoder().encode(typeof value === "string" ? value : JSON.stringify(value));
    expect(decodeLiveChat(bytes("not json"))).toBeNull();
    expect(decodeLiveChat(bytes({ v: 2, clientId: id(1), body: "hi", sentAt: "2025-01-01T12:00:00Z" }))).toBeNull();
    expect(decodeLiveChat(bytes({ v: 1, clientId: "nope", body: "hi", sentAt: "2025-01-01T12:00:00Z" }))).toBeNull();
    expect(decodeLiveChat(bytes({ v: 1, clientId: id(1), body: "   ", sentAt: "2025-01-01T12:00:00Z" }))).toBeNull();
    expect(decodeLiveChat(bytes({ v: 1, clientId: id(1), body: "x".repeat(4001), sentAt: "2025-01-01T12:00:00Z" }))).toBeNull();
    expect(decodeLiveChat(bytes({ v: 1, clientId: id(1), body: "hi", sentAt: "yesterday" }))).toBeNull();
  });
});

describe("parseChatHistory", () => {
  it("accepts the documented response and rejects other shapes", () => {
    const message = { id: "m1", clientId: id(1), senderIdentity: "a", senderName: "A", body: "hi", sentAt: "2025-01-01T12:00:00.000Z" };
    expect(parseChatHistory({ messages: [message] })).toEqual([message]);
    expect(parseChatHistory({ messages: [{ ...message, body: 3 }] })).toBeNull();
    expect(parseChatHistory([message])).toBeNull();
  });
});

describe("upsertChatEntries", () => {
  it("sorts by sentAt whatever the arrival order", () => {
    const merged = upsertChatEntries([entry(3)], [entry(1), entry(2)]);
    expect(merged.map((e) => e.clientId)).toEqual([id(1), id(2), id(3)]);
  });

  it("keeps one copy when the live packet and history both deliver a message", () => {
    const live = entry(1, { senderName: "Alice (live)" });
    const stored = entryFromStored({ id: "row-1", clientId: id(1), senderIdentity: "alice", senderName: "Alice", body: "message 1", sentAt: "2025-01-01T12:00:09.000Z" });
    const liveFirst = upsertChatEntries(upsertChatEntries([], [live]), [stored]);
    const historyFirst = upsertChatEntries(upsertChatEntries([], [stored]), [live]);
    for (const merged of [liveFirst, historyFirst]) {
      expect(merged).toHaveLength(1);
      // The stored copy wins: the server may have corrected a skewed clock.
      expect(merged[0]).toMatchObject({ id: "row-1", sentAt: "2025-01-01T12:00:09.000Z", senderName: "Alice", status: "sent" });
    }
  });

  it("never turns a stored message back into pending or retrying", () => {
    const sent = entry(1, { id: "row-1" });
    const merged = upsertChatEntries([sent], [entry(1, { status: "retrying" })]);
    expect(merged[0]).toMatchObject({ status: "sent", id: "row-1" });
  });

  it("moves our own message through pending → retrying → failed → sent", () => {
    let list = upsertChatEntries([], [entry(1, { status: "pending" })]);
    list = upsertChatEntries(list, [entry(1, { status: "retrying" })]);
    expect(list[0].status).toBe("retrying");
    list = upsertChatEntries(list, [entry(1, { status: "failed", error: "Too long" })]);
    expect(list[0]).toMatchObject({ status: "failed", error: "Too long" });
    list = upsertChatEntries(list, [entry(1, { status: "sent", id: "row-1" })]);
    expect(list[0]).toMatchObject({ status: "sent", id: "row-1", error: undefined });
  });

  it("removes one message", () => {
    expect(removeChatEntry([entry(1), entry(2)], id(1)).map((e) => e.clientId)).toEqual([id(2)]);
  });
});

describe("countUnread", () => {
  it("counts other people's messages not yet seen", () => {
    const list = [entry(1), entry(2, { senderIdentity: "me" }), entry(3), entry(4)];
    expect(countUnread(list, new Set([id(1)]), "me")).toBe(2);
    expect(countUnread(list, new Set([id(1), id(3), id(4)]), "me")).toBe(0);
  });
});

describe("newClientId", () => {
  it("uses crypto.randomUUID when available", () => {
    expect(newClientId()).toMatch(UUID);
  });

  it("builds a valid v4 UUID where randomUUID is missing (insecure contexts)", () => {
    const fallback = { getRandomValues: crypto.getRandomValues.bind(crypto) }; // no randomUUID
    const ids = new Set(Array.from({ length: 50 }, () => newClientId(fallback)));
    expect(ids.size).toBe(50);
    for (const value of ids) expect(value).toMatch(UUID);
  });
});
