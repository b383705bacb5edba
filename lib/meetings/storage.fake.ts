import type { OutboxStorage } from "./chat-outbox";

/** In-memory stand-in for window.localStorage (Node has none); `failWrites` simulates a full quota. */
export function createMemoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  let failWrites = false;
  const storage: OutboxStorage & { data: Map<string, string>; failWrites(value: boolean): void } = {
    data,
    failWrites(value) {
      failWrites = value;
    },
    getItem: (key) => data.get(key) ?? null,
    setItem(key, value) {
      if (failWrites) throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
      data.set(key, value);
    },
    removeItem(key) {
      data.delete(key);
    },
  };
  return storage;
}
