import { z } from "zod";
import type { StoredChatMessage } from "./chat-messages";

/**
 * The sender's side of chat: every message we write is kept here (and in localStorage) until the
 * server has stored it. Network errors and 5xx retry forever with the same clientId (the server is
 * idempotent on it); a 4xx marks the message failed until the person retries or deletes it.
 * The live LiveKit packet is published at most once per message, even across reloads.
 */

export const RETRY_BASE_MS = 1_000;
export const RETRY_MAX_MS = 30_000;

export type OutboxStatus = "pending" | "retrying" | "failed";

export type OutboxItem = {
  clientId: string;
  body: string;
  sentAt: string;
  status: OutboxStatus;
  /** The live packet went out; never publish it again. */
  published: boolean;
  /** Failed POST attempts so far (drives the backoff). */
  attempts: number;
  error?: string;
};

export type OutgoingChatMessage = Pick<OutboxItem, "clientId" | "body" | "sentAt">;

export type PostOutcome =
  | { kind: "stored"; message: StoredChatMessage | null }
  | { kind: "retry"; reason: string }
  | { kind: "rejected"; error: string | null };

/** 1s, 2s, 4s, … capped at 30s; `attempt` counts failures so far (1 = first failure). */
export function retryDelayMs(attempt: number): number {
  const exponent = Math.max(0, attempt - 1);
  return Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.min(exponent, 16));
}

export function outboxStorageKey(meetingCode: string): string {
  return `parley.chat.outbox.${meetingCode}`;
}

const outboxItemSchema = z.object({
  clientId: z.string().min(1),
  body: z.string(),
  sentAt: z.string(),
  status: z.enum(["pending", "retrying", "failed"]),
  published: z.boolean(),
  attempts: z.number().int().nonnegative(),
  error: z.string().optional(),
});

/**
 * Reads what a previous page left behind. Items that do not parse are dropped one by one so a
 * single bad entry cannot take the others with it; `corrupt` tells the caller to log it.
 */
export function parseOutbox(raw: string | null): { items: OutboxItem[]; corrupt: boolean } {
  if (raw === null) return { items: [], corrupt: false };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { items: [], corrupt: true };
  }
  if (!Array.isArray(json)) return { items: [], corrupt: true };
  const items: OutboxItem[] = [];
  let corrupt = false;
  for (const candidate of json) {
    const parsed = outboxItemSchema.safeParse(candidate);
    if (parsed.success) items.push(parsed.data);
    else corrupt = true;
  }
  return { items, corrupt };
}

export type OutboxStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;

export type OutboxEvent =
  | { type: "updated"; item: OutboxItem }
  | { type: "stored"; item: OutboxItem; message: StoredChatMessage | null }
  | { type: "removed"; clientId: string };

export type ChatOutboxDeps = {
  /** Null when the browser refuses storage; messages then live only as long as the page. */
  storage: OutboxStorage | null;
  storageKey: string;
  /** Stores the message; never throws for network trouble (returns a "retry" outcome instead). */
  post: (message: OutgoingChatMessage) => Promise<PostOutcome>;
  /** Sends the live packet; may throw. */
  publish: (message: OutgoingChatMessage) => Promise<void>;
  /** Whether a live packet can go out right now (room connected). */
  canPublish: () => boolean;
  onEvent: (event: OutboxEvent) => void;
  onError: (where: "publish" | "post" | "storage", error: unknown) => void;
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
};

export type ChatOutbox = {
  /** Loads messages a previous page left unsent and starts sending them. */
  start(): void;
  /** Adds a new message (body already validated) and starts sending it. */
  enqueue(message: OutgoingChatMessage): OutboxItem;
  /** Sends a failed or waiting message again now, with the same clientId. */
  retry(clientId: string): void;
  /** After reconnecting / coming back online: skip the remaining backoff of everything waiting. */
  retryAllNow(): void;
  /** Deletes a failed message; refuses (false) while it may still reach the server. */
  remove(clientId: string): boolean;
  dispose(): void;
};

export function createChatOutbox(deps: ChatOutboxDeps): ChatOutbox {
  const setTimer = deps.setTimer ?? ((callback, ms) => setTimeout(callback, ms));
  const clearTimer = deps.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  const items = new Map<string, OutboxItem>();
  const timers = new Map<string, unknown>();
  const inFlight = new Set<string>();
  // Stored while the room was disconnected: the live packet still goes out once we are back.
  const awaitingPublish = new Map<string, OutgoingChatMessage>();
  let disposed = false;

  const outgoing = ({ clientId, body, sentAt }: OutboxItem): OutgoingChatMessage => ({ clientId, body, sentAt });

  // Read-modify-write, so a second tab on the same meeting does not erase this tab's messages.
  function persist(change: { upsert: OutboxItem } | { remove: string }) {
    if (!deps.storage) return;
    const id = "upsert" in change ? change.upsert.clientId : change.remove;
    try {
      const { items: saved } = parseOutbox(deps.storage.getItem(deps.storageKey));
      const next = saved.filter((item) => item.clientId !== id);
      if ("upsert" in change) next.push(change.upsert);
      if (next.length > 0) deps.storage.setItem(deps.storageKey, JSON.stringify(next));
      else deps.storage.removeItem(deps.storageKey);
    } catch (error) {
      deps.onError("storage", error); // quota or privacy mode: the message still sends from memory
    }
  }

  function update(item: OutboxItem) {
    items.set(item.clientId, item);
    persist({ upsert: item });
    deps.onEvent({ type: "updated", item });
  }

  function cancelTimer(clientId: string) {
    const handle = timers.get(clientId);
    if (handle !== undefined) clearTimer(handle);
    timers.delete(clientId);
  }

  async function publishOnce(message: OutgoingChatMessage): Promise<boolean> {
    try {
      await deps.publish(message);
      return true;
    } catch (error) {
      deps.onError("publish", error);
      return false;
    }
  }

  async function attempt(clientId: string) {
    const item = items.get(clientId);
    if (disposed || !item || item.status === "failed" || inFlight.has(clientId)) return;
    cancelTimer(clientId);
    inFlight.add(clientId);
    let outcome: PostOutcome;
    let triedPublish = false;
    try {
      if (!item.published && deps.canPublish()) {
        triedPublish = true;
        const latest = (await publishOnce(outgoing(item))) ? items.get(clientId) : undefined;
        if (latest && !disposed) update({ ...latest, published: true });
      }
      outcome = await deps.post(outgoing(item));
    } catch (error) {
      // post() reports network trouble as an outcome, so this is unexpected; retrying keeps the message.
      deps.onError("post", error);
      outcome = { kind: "retry", reason: error instanceof Error ? error.message : String(error) };
    } finally {
      inFlight.delete(clientId);
    }
    const current = items.get(clientId);
    if (disposed || !current) return;

    if (outcome.kind === "stored") {
      items.delete(clientId);
      persist({ remove: clientId });
      deps.onEvent({ type: "stored", item: current, message: outcome.message });
      if (!current.published) {
        awaitingPublish.set(clientId, outgoing(current));
        // Skipped (not failed) because we were offline, and the room may be back already.
        if (!triedPublish) flushAwaitingPublish();
      }
    } else if (outcome.kind === "retry") {
      const attempts = current.attempts + 1;
      update({ ...current, status: "retrying", attempts, error: undefined });
      timers.set(clientId, setTimer(() => void attempt(clientId), retryDelayMs(attempts)));
    } else {
      update({ ...current, status: "failed", error: outcome.error ?? undefined });
    }
  }

  function flushAwaitingPublish() {
    if (!deps.canPublish()) return;
    for (const [clientId, message] of awaitingPublish) {
      awaitingPublish.delete(clientId);
      void publishOnce(message);
    }
  }

  return {
    start() {
      if (!deps.storage) return;
      let raw: string | null = null;
      try {
        raw = deps.storage.getItem(deps.storageKey);
      } catch (error) {
        deps.onError("storage", error);
      }
      const { items: saved, corrupt } = parseOutbox(raw);
      if (corrupt) deps.onError("storage", new Error(`Unreadable chat outbox entries under ${deps.storageKey} were dropped`));
      for (const item of saved) {
        if (items.has(item.clientId)) continue;
        items.set(item.clientId, item);
        deps.onEvent({ type: "updated", item });
        if (item.status !== "failed") void attempt(item.clientId);
      }
    },

    enqueue(message) {
      const item: OutboxItem = { ...message, status: "pending", published: false, attempts: 0 };
      update(item);
      void attempt(item.clientId);
      return item;
    },

    retry(clientId) {
      const item = items.get(clientId);
      if (!item) return;
      if (item.status === "failed") update({ ...item, status: "pending", attempts: 0, error: undefined });
      void attempt(clientId);
    },

    retryAllNow() {
      for (const item of items.values()) if (item.status !== "failed") void attempt(item.clientId);
      flushAwaitingPublish();
    },

    remove(clientId) {
      const item = items.get(clientId);
      if (!item || item.status !== "failed" || inFlight.has(clientId)) return false;
      items.delete(clientId);
      persist({ remove: clientId });
      deps.onEvent({ type: "removed", clientId });
      return true;
    },

    dispose() {
      disposed = true;
      for (const handle of timers.values()) clearTimer(handle);
      timers.clear();
    },
  };
}
