import "server-only";
import type { KvStore } from "./types";

type Entry = { value: string; expiresAt: number | null };

// Expired entries are dropped when read, and swept every this many writes so keys that are never
// read again (one-off rate-limit windows) do not pile up.
const SWEEP_EVERY_WRITES = 1_000;

/** In-process store: the embedded default. One process only; everything is lost on restart. */
export class MemoryKv implements KvStore {
  readonly driver = "memory" as const;
  private readonly entries = new Map<string, Entry>();
  private writes = 0;

  constructor(private readonly now: () => number = Date.now) {}

  async get(key: string) {
    return this.live(key)?.value ?? null;
  }

  async set(key: string, value: string, options?: { ttlMs?: number }) {
    this.write(key, { value, expiresAt: expiryFrom(this.now(), options?.ttlMs) });
  }

  async incr(key: string, options?: { by?: number; ttlMs?: number }) {
    const entry = this.live(key);
    const current = entry ? Number(entry.value) : 0;
    // Same refusal as Redis, so a caller's bug shows up with either driver.
    if (!Number.isSafeInteger(current)) throw new Error(`kv: value at ${key} is not an integer`);
    const next = current + (options?.by ?? 1);
    const expiresAt = entry?.expiresAt ?? expiryFrom(this.now(), options?.ttlMs);
    this.write(key, { value: String(next), expiresAt });
    return next;
  }

  async del(key: string) {
    this.entries.delete(key);
  }

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt !== null && entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private write(key: string, entry: Entry) {
    this.entries.set(key, entry);
    if (++this.writes % SWEEP_EVERY_WRITES === 0) this.sweep();
  }

  private sweep() {
    const now = this.now();
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt !== null && entry.expiresAt <= now) this.entries.delete(key);
    }
  }
}

function expiryFrom(now: number, ttlMs: number | undefined): number | null {
  return ttlMs === undefined ? null : now + Math.max(1, Math.ceil(ttlMs));
}
