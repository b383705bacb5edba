import "server-only";
import { createHash, createHmac } from "node:crypto";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { getKv, type Kv } from "@/lib/kv";
import { retryAfterSeconds, ruleFor, type RateLimitBucket } from "./limits";
import { createSlidingWindowLimiter } from "./sliding-window";
import type { RateLimitOutcome, RateLimiter } from "./types";
import { createUpstashLimiter } from "./upstash-limiter";

export { clientIp } from "./client-ip";
export type { RateLimitBucket } from "./limits";
export type { RateLimiter } from "./types";

export type RateLimitRequest = { bucket: RateLimitBucket; key: string };
export type RateLimitVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

const limiters = new WeakMap<Kv, RateLimiter>();

/** The limiter for the configured store: @upstash/ratelimit on Upstash, our sliding window in memory. */
export function getRateLimiter(): RateLimiter {
  const kv = getKv();
  let limiter = limiters.get(kv);
  if (!limiter) {
    limiter = kv.driver === "upstash" ? createUpstashLimiter(kv.redis) : createSlidingWindowLimiter(kv);
    limiters.set(kv, limiter);
  }
  return limiter;
}

// Keys are keyed hashes: Redis holds no emails or addresses (a plain hash of an IPv4 address is
// reversed by trying all of them), and no key can run into another bucket's.
function storageKey({ bucket, key }: RateLimitRequest): string {
  const secret = createHash("sha256").update(`parley-rate-limit-v1:${getEnv().AUTH_SECRET}`).digest();
  return `${bucket}:${createHmac("sha256", secret).update(key).digest("hex").slice(0, 32)}`;
}

/** Counts one request; says whether it may proceed and, if not, when to try again. */
export async function checkRateLimit(request: RateLimitRequest): Promise<RateLimitVerdict> {
  const rule = ruleFor(request.bucket, getEnv().rateLimitMultiplier);
  if (!rule) return { allowed: true };
  let outcome: RateLimitOutcome;
  try {
    outcome = await getRateLimiter().limit(storageKey(request), rule);
  } catch (error) {
    // CAUTION: fails open. Counters are state that may be lost (see ARCHITECTURE.md); an unreachable
    // Redis must not take sign-in and joining down with it. Logged so the outage is seen.
    console.error(`[parley] rate limit ${request.bucket} not checked, request allowed:`, error);
    return { allowed: true };
  }
  if (outcome.success) return { allowed: true };
  return { allowed: false, retryAfterSeconds: retryAfterSeconds(outcome.resetAt, Date.now()) };
}

/** Throws a 429 AppError (with Retry-After) when `key` is over the limit of `bucket`. */
export async function enforceRateLimit(request: RateLimitRequest): Promise<void> {
  const verdict = await checkRateLimit(request);
  if (verdict.allowed) return;
  const seconds = verdict.retryAfterSeconds;
  throw new AppError(
    `too_many_requests:${request.bucket}`,
    `Too many requests. Try again in ${seconds} ${seconds === 1 ? "second" : "seconds"}.`,
    undefined,
    { retryAfterSeconds: seconds },
  );
}
