import type { RateLimitRule } from "./limits";

export type RateLimitOutcome = {
  success: boolean;
  /** Epoch ms by which the caller may try again (the end of the current window). */
  resetAt: number;
  remaining: number;
};

/** Counts one request against `key` under `rule`; a refused request is not counted. */
export interface RateLimiter {
  limit(key: string, rule: RateLimitRule): Promise<RateLimitOutcome>;
}
