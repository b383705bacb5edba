import "server-only";
import type { KvStore } from "@/lib/kv";
import type { RateLimiter } from "./types";

/**
 * The sliding-window approximation @upstash/ratelimit uses (this window's count plus the previous
 * window's, weighted by how much of it still overlaps), over any KvStore. Used with the memory
 * store, where @upstash/ratelimit's Lua scripts cannot run.
 *
 * The increment comes first and is taken back when over the limit: each concurrent request then
 * sees its own count, so a burst cannot slip through between a read and a write.
 */
export function createSlidingWindowLimiter(kv: KvStore, { prefix = "parley:rl", now = Date.now } = {}): RateLimiter {
  return {
    async limit(key, { tokens, windowMs }) {
      const at = now();
      const window = Math.floor(at / windowMs);
      const currentKey = `${prefix}:${key}:${window}`;
      // Long enough to still be read as "the previous window" during the next one.
      const count = await kv.incr(currentKey, { ttlMs: windowMs * 2 + 1000 });
      const previous = Number((await kv.get(`${prefix}:${key}:${window - 1}`)) ?? 0);
      const overlap = 1 - (at % windowMs) / windowMs;
      const used = Math.floor(previous * overlap) + count;
      const resetAt = (window + 1) * windowMs;
      if (used > tokens) {
        await kv.incr(currentKey, { by: -1 });
        return { success: false, resetAt, remaining: 0 };
      }
      return { success: true, resetAt, remaining: tokens - used };
    },
  };
}
