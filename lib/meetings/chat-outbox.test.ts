import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  createChatOutbox,
  outboxStorageKey,
  parseOutbox,
  retryDelayMs,
  type ChatOutboxDeps,
  type OutboxEvent,
  type OutboxItem,
  type OutgoingChatMessage,
  type PostOutcome,
} from "./chat-outbox";
import { createMemoryStorage } from "./storage.fake";

const KEY = outboxStorageKey("abc-defg-hij");
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const message = (n: number): OutgoingChatMessage => ({ clientId: id(n), body: `hello ${n}`, sentAt: `2025-01-01T12:00:0${n}.000Z` });
const stored = (m: OutgoingChatMessage) => ({ id: `row-${m.clientId}`, senderIdentity: "me", senderName: "Me", ...m });

/** A chat route whose answers the test scripts one call at a time (then it keeps the last one). */
function scriptedServer(...outcomes: Array<PostOutcome | "store">) {
  const calls: OutgoingChatMessage[] = [];
  const post = async (m: OutgoingChatMessage): Promise<PostOutcome> => {
    calls.push(m);
    const next = outcomes.length > 1 ? outcomes.shift()! : outcomes[0];
    return next === "store" ? { kind: "stored", message: stored(m) } : next;
  };
  return { post, calls };
}

const offline: PostOutcome = { kind: "retry", reason: "Failed to fetch" };

function setup(overrides: Partial<ChatOutboxDeps> & { connected?: boolean } = {}) {
  const storage = overrides.storage === undefined ? createMemoryStorage() : overrides.storage;
  const events: OutboxEvent[] = [];
  const published: OutgoingChatMessage[] = [];
  const errors: Array<{ where: string; error: unknown }> = [];
  let connected = overrides.connected ?? true;
  const outbox = createChatOutbox({
    storage,
    storageKey: KEY,
    post: scriptedServer("store").post,
    publish: async (m) => {
      published.push(m);
    },
    canPublish: () => connected,
    onEvent: (event) => events.push(event),
    onError: (where, error) => errors.push({ where, error }),
    ...overrides,
  });
  const saved = (): OutboxItem[] => (storage ? parseOutbox(storage.getItem(KEY)).items : []);
  const statuses = (clientId: string) =>
    events.flatMap((e) => (e.type === "updated" && e.item.clientId === clientId ? [e.item.status] : e.type === "stored" && e.item.clientId === clientId ? ["sent"] : []));
  return { outbox, storage, events, published, errors, saved, statuses, setConnected: (value: boolean) => (connected = value) };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("retryDelayMs", () => {
  it("backs off 1s, 2s, 4s … and caps at 30s", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 50].map(retryDelayMs)).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });
});

describe("parseOutbox", () => {
  it("keeps valid items and flags the rest", () => {
    const good: OutboxItem = { ...message(1), status: "retrying", published: true, attempts: 3 };
    expect(parseOutbox(JSON.stringify([good, { clientId: 5 }]))).toEqual({ items: [good], corrupt: true });
    expect(parseOutbox("{oops")).toEqual({ items: [], corrupt: true });
    expect(parseOutbox(null)).toEqual({ items: [], corrupt: false });
  });
});

describe("createChatOutbox", () => {
  it("shows a message as pending, publishes it live once and stores it", async () => {
    const server = scriptedServer("store");
    const t = setup({ post: server.post });
    t.outbox.enqueue(message(1));
    expect(t.statuses(id(1))[0]).toBe("pending");
    expect(t.saved().map((i) => i.clientId)).toEqual([id(1)]); // on disk before the network answers
    await vi.runAllTimersAsync();
    expect(t.published).toEqual([message(1)]);
    expect(server.calls).toEqual([message(1)]);
    expect(t.events.at(-1)).toMatchObject({ type: "stored", message: stored(message(1)) });
    expect(t.saved()).toEqual([]);
  });

  it("retries network errors with backoff and the same clientId, publishing only once", async () => {
    const server = scriptedServer(offline, offline, offline, "store");
    const t = setup({ post: server.post });
    t.outbox.enqueue(message(1));
    await vi.advanceTimersByTimeAsync(0);
    expect(server.calls).toHaveLength(1);
    expect(t.statuses(id(1)).at(-1)).toBe("retrying");
    await vi.advanceTimersByTimeAsync(999);
    expect(server.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1); // 1s
    expect(server.calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(2000); // 2s
    expect(server.calls).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(3999);
    expect(server.calls).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(1); // 4s
    expect(server.calls).toHaveLength(4);
    expect(new Set(server.calls.map((c) => c.clientId))).toEqual(new Set([id(1)]));
    expect(t.published).toHaveLength(1);
    expect(t.statuses(id(1)).at(-1)).toBe("sent");
    expect(t.saved()).toEqual([]);
  });

  it("keeps retrying forever, never waiting more than 30s", async () => {
    const server = scriptedServer(offline);
    const t = setup({ post: server.post });
    t.outbox.enqueue(message(1));
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    // 1+2+4+8+16 = 31s for the first five retries, then one every 30s: 5 + (600-31)/30 ≈ 23 more.
    expect(server.calls.length).toBeGreaterThanOrEqual(24);
    expect(t.saved()[0]).toMatchObject({ clientId: id(1), status: "retrying" });
  });

  it("marks a 4xx as failed with the server's reason, then retries or deletes on request", async () => {
    const server = scriptedServer({ kind: "rejected", error: "Use at most 4000 characters" }, "store");
    const t = setup({ post: server.post });
    t.outbox.enqueue(message(1));
    await vi.runAllTimersAsync();
    expect(t.events.at(-1)).toMatchObject({ type: "updated", item: { status: "failed", error: "Use at most 4000 characters" } });
    expect(server.calls).toHaveLength(1); // no automatic retry
    expect(t.saved()[0]).toMatchObject({ status: "failed" }); // survives a reload, not silently dropped

    t.outbox.retry(id(1));
    await vi.runAllTimersAsync();
    expect(server.calls.map((c) => c.clientId)).toEqual([id(1), id(1)]);
    expect(t.statuses(id(1)).at(-1)).toBe("sent");
    expect(t.published).toHaveLength(1);
  });

  it("deletes only failed messages", async () => {
    const server = scriptedServer({ kind: "rejected", error: null });
    const t = setup({ post: server.post });
    t.outbox.enqueue(message(1));
    expect(t.outbox.remove(id(1))).toBe(false); // still on its way
    await vi.runAllTimersAsync();
    expect(t.outbox.remove(id(1))).toBe(true);
    expect(t.events.at(-1)).toEqual({ type: "removed", clientId: id(1) });
    expect(t.saved()).toEqual([]);
  });

  it("re-sends what a previous page left behind without publishing it twice", async () => {
    const storage = createMemoryStorage({
      [KEY]: JSON.stringify([
        { ...message(1), status: "retrying", published: true, attempts: 4 },
        { ...message(2), status: "pending", published: false, attempts: 0 },
        { ...message(3), status: "failed", published: true, attempts: 0, error: "Not allowed" },
      ]),
    });
    const server = scriptedServer("store");
    const t = setup({ storage, post: server.post });
    t.outbox.start();
    await vi.runAllTimersAsync();
    expect(server.calls.map((c) => c.clientId).sort()).toEqual([id(1), id(2)]);
    expect(t.published).toEqual([message(2)]);
    expect(t.saved().map((i) => i.clientId)).toEqual([id(3)]);
    expect(t.statuses(id(3))).toEqual(["failed"]);
  });

  it("publishes a message stored while disconnected once the room is back", async () => {
    const t = setup({ connected: false });
    t.outbox.enqueue(message(1));
    await vi.runAllTimersAsync();
    expect(t.statuses(id(1)).at(-1)).toBe("sent");
    expect(t.published).toEqual([]);
    t.setConnected(true);
    t.outbox.retryAllNow();
    await vi.runAllTimersAsync();
    expect(t.published).toEqual([message(1)]);
    t.outbox.retryAllNow();
    await vi.runAllTimersAsync();
    expect(t.published).toHaveLength(1);
  });

  it("skips the remaining backoff when asked to retry now", async () => {
    const server = scriptedServer(offline, offline, offline, offline, "store");
    const t = setup({ post: server.post });
    t.outbox.enqueue(message(1));
    await vi.advanceTimersByTimeAsync(1000 + 2000 + 4000); // now waiting 8s
    expect(server.calls).toHaveLength(4);
    t.outbox.retryAllNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(server.calls).toHaveLength(5);
    expect(t.statuses(id(1)).at(-1)).toBe("sent");
  });

  it("keeps a live-publish failure from blocking storage", async () => {
    const t = setup({
      publish: async () => {
        throw new Error("data channel closed");
      },
    });
    t.outbox.enqueue(message(1));
    await vi.runAllTimersAsync();
    expect(t.statuses(id(1)).at(-1)).toBe("sent");
    expect(t.errors).toMatchObject([{ where: "publish" }]);
    // The data channel usually breaks because the room is reconnecting: try once more when it is back.
    t.outbox.retryAllNow();
    await vi.runAllTimersAsync();
    expect(t.errors).toHaveLength(2);
  });

  it("still sends when storage is full, and reports it", async () => {
    const storage = createMemoryStorage();
    storage.failWrites(true);
    const t = setup({ storage });
    t.outbox.enqueue(message(1));
    await vi.runAllTimersAsync();
    expect(t.statuses(id(1)).at(-1)).toBe("sent");
    expect(t.errors.some((e) => e.where === "storage")).toBe(true);
  });

  it("does not erase another tab's unsent messages", async () => {
    const storage = createMemoryStorage();
    const tabA = setup({ storage, post: scriptedServer(offline).post });
    const tabB = setup({ storage, post: scriptedServer(offline).post });
    tabA.outbox.enqueue(message(1));
    tabB.outbox.enqueue(message(2));
    await vi.advanceTimersByTimeAsync(0);
    expect(tabA.saved().map((i) => i.clientId).sort()).toEqual([id(1), id(2)]);
    tabA.outbox.dispose();
    tabB.outbox.dispose();
  });

  it("stops all timers on dispose", async () => {
    const server = scriptedServer(offline);
    const t = setup({ post: server.post });
    t.outbox.enqueue(message(1));
    await vi.advanceTimersByTimeAsync(0);
    t.outbox.dispose();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(server.calls).toHaveLength(1);
    expect(t.saved()).toHaveLength(1); // left for the next page load
  });
});
