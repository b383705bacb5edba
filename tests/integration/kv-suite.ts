import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";

/**
 * One behaviour suite for both KV drivers and the rate limiter each one uses, driven through the
 * app's own entry points (getKv, getRateLimiter, enforceRateLimit) as configured by the test file.
 * Windows and TTLs are short so that "after the window" can really be waited for.
 */
export function describeKv(driver: "memory" | "upstash") {
  const kv = async () => (await import("@/lib/kv")).getKv();
  const rateLimit = () => import("@/lib/rate-limit");
  const key = (name: string) => `it:${name}:${randomUUID()}`;
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
  /**
   * Windows are aligned to the clock. A burst that straddles two of them is judged partly against
   * the previous one (that is the algorithm), so a test that counts to the limit first waits for
   * a window with at least `marginMs` left.
   */
  const awayFromWindowEdge = async (windowMs: number, marginMs: number) => {
    const left = windowMs - (Date.now() % windowMs);
    if (left < marginMs) await sleep(left + 10);
  };

  describe(`key-value store (${driver})`, () => {
    it("is the configured driver", async () => {
      expect((await kv()).driver).toBe(driver);
    });

    it("stores, overwrites and deletes values, byte for byte", async () => {
      const store = await kv();
      const k = key("value");
      expect(await store.get(k)).toBeNull();
      await store.set(k, "123");
      expect(await store.get(k)).toBe("123"); // a string, not the number 123
      await store.set(k, 'ünïcødé ✓ {"json":true}');
      expect(await store.get(k)).toBe('ünïcødé ✓ {"json":true}');
      await store.del(k);
      expect(await store.get(k)).toBeNull();
    });

    it("forgets a value after its TTL", async () => {
      const store = await kv();
      const k = key("ttl");
      await store.set(k, "soon gone", { ttlMs: 300 });
      expect(await store.get(k)).toBe("soon gone");
      await sleep(600);
      expect(await store.get(k)).toBeNull();
    });

    it("counts with incr; the first increment's TTL holds for the whole count", async () => {
      const store = await kv();
      const k = key("count");
      expect(await store.incr(k, { ttlMs: 400 })).toBe(1);
      expect(await store.incr(k, { ttlMs: 400 })).toBe(2);
      expect(await store.incr(k, { by: 5 })).toBe(7);
      expect(await store.incr(k, { by: -2 })).toBe(5);
      await sleep(700);
      expect(await store.get(k)).toBeNull();
      expect(await store.incr(k)).toBe(1);
    });
  });

  describe(`rate limits (${driver})`, () => {
    const rule = { tokens: 3, windowMs: 60_000 };
    const short = { tokens: 3, windowMs: 2_000 };

    it("blocks once the limit is reached, with a reset time in the future", async () => {
      const limiter = (await rateLimit()).getRateLimiter();
      await awayFromWindowEdge(rule.windowMs, 10_000);
      const k = key("limit");
      for (let i = 0; i < 3; i++) expect((await limiter.limit(k, rule)).success, `request ${i + 1}`).toBe(true);
      const blocked = await limiter.limit(k, rule);
      expect(blocked.success).toBe(false);
      expect(blocked.remaining).toBe(0);
      expect(blocked.resetAt).toBeGreaterThan(Date.now());
    });

    it("allows requests again once the window has passed", async () => {
      const limiter = (await rateLimit()).getRateLimiter();
      const k = key("window");
      await awayFromWindowEdge(short.windowMs, short.windowMs - 100); // start right after a window opens
      for (let i = 0; i < 3; i++) await limiter.limit(k, short);
      const blocked = await limiter.limit(k, short);
      expect(blocked.success).toBe(false);
      await sleep(blocked.resetAt - Date.now() + 50);
      expect((await limiter.limit(k, short)).success).toBe(true);
      // Two windows later nothing of the burst counts any more: the full allowance is back.
      await sleep(2 * short.windowMs);
      for (let i = 0; i < 3; i++) expect((await limiter.limit(k, short)).success, `request ${i + 1}`).toBe(true);
    });

    it("keeps keys independent", async () => {
      const limiter = (await rateLimit()).getRateLimiter();
      const [alice, bob] = [key("alice"), key("bob")];
      await awayFromWindowEdge(rule.windowMs, 10_000);
      for (let i = 0; i < 3; i++) await limiter.limit(alice, rule);
      expect((await limiter.limit(alice, rule)).success).toBe(false);
      expect((await limiter.limit(bob, rule)).success).toBe(true);
    });

    it("lets exactly the limit through when requests arrive at once", async () => {
      const limiter = (await rateLimit()).getRateLimiter();
      const k = key("burst");
      await awayFromWindowEdge(60_000, 10_000);
      const results = await Promise.all(Array.from({ length: 10 }, () => limiter.limit(k, { tokens: 5, windowMs: 60_000 })));
      expect(results.filter((r) => r.success)).toHaveLength(5);
    });

    it("answers the 61st token request in a minute with a 429 that says when to retry", async () => {
      const { enforceRateLimit } = await rateLimit();
      const { AppError } = await import("@/lib/errors");
      const identity = key("token");
      await awayFromWindowEdge(60_000, 10_000); // the token bucket's window
      for (let i = 0; i < 60; i++) await enforceRateLimit({ bucket: "token", key: identity });
      const error = await enforceRateLimit({ bucket: "token", key: identity }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AppError);
      const response = (error as InstanceType<typeof AppError>).toResponse();
      expect(response.status).toBe(429);
      const retryAfter = Number(response.headers.get("retry-after"));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect((await response.json()).error).toEqual({
        code: "too_many_requests:token",
        message: expect.stringMatching(/^Too many requests\. Try again in \d+ seconds?\.$/),
      });
      // Someone else in the same meeting is not affected.
      await enforceRateLimit({ bucket: "token", key: key("token-other") });
    });

    it("lets a chat burst of 20 messages through", async () => {
      const { checkRateLimit } = await rateLimit();
      const sender = key("chat");
      const verdicts = [];
      for (let i = 0; i < 20; i++) verdicts.push(await checkRateLimit({ bucket: "chat", key: sender }));
      expect(verdicts.every((v) => v.allowed)).toBe(true);
    });
  });
}
