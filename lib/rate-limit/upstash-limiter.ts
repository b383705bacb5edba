import "server-only";
import { Ratelimit } from "@upstash/ratelimit";
import type { Redis } from "@upstash/redis";
import type { RateLimiter } from "./types";

/** @upstash/ratelimit's sliding window, run by Redis itself (Lua), so every app instance shares it. */
export function createUpstashLimiter(redis: Redis, prefix = "parley:rl"): RateLimiter {
  // One Ratelimit per rule, created once: each keeps an in-process cache of keys already over their
  // limit, which answers repeat offenders without a Redis round trip until their window ends.
  const limiters = new Map<string, Ratelimit>();
  const limiterFor = (tokens: number, windowMs: number) => {
    const id = `${tokens}/${windowMs}`;
    let limiter = limiters.get(id);
    if (!limiter) {
      limiter = new Ratelimit({
        redis,
        prefix,
        limiter: Ratelimit.slidingWindow(tokens, `${windowMs} ms`),
        analytics: false,
        enableTelemetry: false,
        // A Redis that does not answer in time lets the request through (reason "timeout").
        timeout: 3_000,
      });
      limiters.set(id, limiter);
    }
    return limiter;
  };

  return {
    async limit(key, { tokens, windowMs }) {
      const { success, reset, remaining } = await limiterFor(tokens, windowMs).limit(key);
      return { success, resetAt: reset, remaining };
    },
  };
}
