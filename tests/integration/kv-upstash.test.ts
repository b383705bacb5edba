import { Redis as RedisClient } from "ioredis";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { setTestEnv } from "../helpers/test-env";
import { describeKv } from "./kv-suite";

/**
 * The Upstash driver (@upstash/redis, @upstash/ratelimit) against a real Redis, through the
 * Upstash-compatible REST endpoint started by global-setup; what it stores is checked in Redis.
 */
const upstash = inject("upstash");
let redis: RedisClient;

beforeAll(() => {
  setTestEnv({ UPSTASH_REDIS_REST_URL: upstash.url, UPSTASH_REDIS_REST_TOKEN: upstash.token });
  redis = new RedisClient(inject("redisUrl"));
});

afterAll(async () => {
  await redis?.quit();
});

describeKv("upstash");

describe("Upstash driver on a real Redis", () => {
  it("writes plain Redis keys with the TTLs asked for", async () => {
    const { getKv } = await import("@/lib/kv");
    const key = `it:raw:${crypto.randomUUID()}`;
    await getKv().set(key, "v", { ttlMs: 60_000 });
    expect(await redis.get(key)).toBe("v");
    expect(await redis.pttl(key)).toBeGreaterThan(50_000);
    await getKv().incr(`${key}:n`, { ttlMs: 30_000 });
    expect(await redis.get(`${key}:n`)).toBe("1");
    expect(await redis.pttl(`${key}:n`)).toBeGreaterThan(20_000);
  });

  it("keeps rate-limit counters in Redis under hashed keys (no emails or addresses)", async () => {
    const { enforceRateLimit } = await import("@/lib/rate-limit");
    const email = `someone.${crypto.randomUUID()}@example.test`;
    await enforceRateLimit({ bucket: "signInByEmail", key: email });
    const keys = await redis.keys("parley:rl:signInByEmail:*");
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.join(" ")).not.toContain("example.test");
    for (const key of keys) expect(await redis.pttl(key)).toBeGreaterThan(0);
  });

  it("runs @upstash/ratelimit's scripts by their Upstash hashes after the first call", async () => {
    const { getRateLimiter } = await import("@/lib/rate-limit");
    const limiter = getRateLimiter();
    const rule = { tokens: 100, windowMs: 60_000 };
    await limiter.limit(`it:sha:${crypto.randomUUID()}`, rule); // loads the script if needed
    await redis.config("RESETSTAT");
    for (let i = 0; i < 5; i++) expect((await limiter.limit(`it:sha:${crypto.randomUUID()}`, rule)).success).toBe(true);
    const stats = await redis.info("commandstats");
    expect(stats).toMatch(/cmdstat_evalsha:calls=5,.*failed_calls=0/);
    expect(stats).not.toMatch(/cmdstat_eval:/);
  });
});

describe("Upstash-compatible REST endpoint", () => {
  const call = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${upstash.url}${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${upstash.token}`, "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    });

  it("refuses a missing or wrong token", async () => {
    expect((await call("/", ["PING"], { authorization: "Bearer nope" })).status).toBe(401);
    const anonymous = await fetch(upstash.url, { method: "POST", body: JSON.stringify(["PING"]) });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({ error: "Unauthorized" });
  });

  it("answers plain JSON by default and base64 strings when asked", async () => {
    const key = `it:enc:${crypto.randomUUID()}`;
    expect(await (await call("/", ["SET", key, "héllo"])).json()).toEqual({ result: "OK" });
    expect(await (await call("/", ["GET", key])).json()).toEqual({ result: "héllo" });
    const encoded = await (await call("/", ["GET", key], { "upstash-encoding": "base64" })).json();
    expect(Buffer.from(encoded.result, "base64").toString("utf8")).toBe("héllo");
    expect(await (await call("/", ["SET", key, "x"], { "upstash-encoding": "base64" })).json()).toEqual({ result: "OK" });
  });

  it("runs pipelines and transactions, reporting each command's error in place", async () => {
    const key = `it:pipe:${crypto.randomUUID()}`;
    const pipeline = await (await call("/pipeline", [["SET", key, "1"], ["INCR", key], ["HGET", key, "f"], ["GET", key]])).json();
    expect(pipeline).toEqual([{ result: "OK" }, { result: 2 }, { error: expect.stringMatching(/WRONGTYPE/) }, { result: "2" }]);
    const transaction = await (await call("/multi-exec", [["INCR", key], ["INCRBY", key, 10]])).json();
    expect(transaction).toEqual([{ result: 3 }, { result: 13 }]);
  });

  it("answers a failing command with 400 and Redis's error", async () => {
    const response = await call("/", ["EVALSHA", "0".repeat(40), 0]);
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatch(/NOSCRIPT/);
    expect((await call("/", ["SELECT", 1])).status).toBe(400);
    expect((await call("/", "not a command")).status).toBe(400);
  });
});
