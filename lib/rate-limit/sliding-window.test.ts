import { describe, expect, it } from "vitest";
import { MemoryKv } from "@/lib/kv/memory";
import { ruleFor, retryAfterSeconds } from "./limits";
import { createSlidingWindowLimiter } from "./sliding-window";

function setup(start = 10 * 60_000) {
  let now = start;
  const kv = new MemoryKv(() => now);
  const limiter = createSlidingWindowLimiter(kv, { now: () => now });
  return { limiter, advance: (ms: number) => (now += ms), now: () => now };
}

async function allowedOf(limiter: ReturnType<typeof setup>["limiter"], key: string, n: number, tokens = 5, windowMs = 60_000) {
  let allowed = 0;
  for (let i = 0; i < n; i++) if ((await limiter.limit(key, { tokens, windowMs })).success) allowed++;
  return allowed;
}

describe("sliding-window limiter over the memory store", () => {
  it("allows `tokens` requests per window, then refuses until the window ends", async () => {
    const t = setup();
    expect(await allowedOf(t.limiter, "k", 5)).toBe(5);
    const refused = await t.limiter.limit("k", { tokens: 5, windowMs: 60_000 });
    expect(refused.success).toBe(false);
    expect(retryAfterSeconds(refused.resetAt, t.now())).toBe(60);
  });

  it("weights the previous window, so a full window is not followed by a full burst", async () => {
    const t = setup();
    expect(await allowedOf(t.limiter, "k", 5)).toBe(5);
    t.advance(60_000 + 15_000); // a quarter into the next window: ⌊3/4 × 5⌋ = 3 of the previous still count
    expect(await allowedOf(t.limiter, "k", 5)).toBe(2);
    t.advance(2 * 60_000); // no window with requests in it overlaps any more
    expect(await allowedOf(t.limiter, "k", 5)).toBe(5);
  });

  it("does not count refused requests", async () => {
    const t = setup();
    await allowedOf(t.limiter, "k", 50);
    t.advance(120_000);
    expect(await allowedOf(t.limiter, "k", 5)).toBe(5);
  });

  it("keeps keys apart", async () => {
    const t = setup();
    expect(await allowedOf(t.limiter, "alice", 6)).toBe(5);
    expect(await allowedOf(t.limiter, "bob", 5)).toBe(5);
  });

  it("lets concurrent requests through exactly up to the limit", async () => {
    const t = setup();
    const results = await Promise.all(Array.from({ length: 12 }, () => t.limiter.limit("k", { tokens: 5, windowMs: 60_000 })));
    expect(results.filter((r) => r.success)).toHaveLength(5);
  });

  it("lets a chat burst of 20 messages in 10 s through", async () => {
    const t = setup();
    const chat = ruleFor("chat", 1)!;
    let allowed = 0;
    for (let i = 0; i < 20; i++) {
      if ((await t.limiter.limit("chat", chat)).success) allowed++;
      t.advance(500);
    }
    expect(allowed).toBe(20);
  });
});

describe("ruleFor", () => {
  it("scales every bucket by the multiplier, keeps at least one request, and 0 turns limits off", () => {
    expect(ruleFor("token", 2)!.tokens).toBe(2 * ruleFor("token", 1)!.tokens);
    expect(ruleFor("signInByEmail", 0.001)!.tokens).toBe(1);
    expect(ruleFor("chat", 0)).toBeNull();
  });
});
