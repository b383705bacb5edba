import { describe, expect, it } from "vitest";
import { MemoryKv } from "./memory";

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe("MemoryKv", () => {
  it("stores, overwrites and deletes values", async () => {
    const kv = new MemoryKv();
    expect(await kv.get("a")).toBeNull();
    await kv.set("a", "1");
    await kv.set("a", "2");
    expect(await kv.get("a")).toBe("2");
    await kv.del("a");
    expect(await kv.get("a")).toBeNull();
  });

  it("forgets values once their TTL has passed", async () => {
    const time = clock();
    const kv = new MemoryKv(time.now);
    await kv.set("session", "x", { ttlMs: 500 });
    time.advance(499);
    expect(await kv.get("session")).toBe("x");
    time.advance(1);
    expect(await kv.get("session")).toBeNull();
  });

  it("counts from zero, and the first increment's TTL is kept by later ones", async () => {
    const time = clock();
    const kv = new MemoryKv(time.now);
    expect(await kv.incr("n", { ttlMs: 1_000 })).toBe(1);
    time.advance(600);
    expect(await kv.incr("n", { ttlMs: 1_000 })).toBe(2);
    expect(await kv.incr("n", { by: -1 })).toBe(1);
    time.advance(400);
    expect(await kv.get("n")).toBeNull();
    expect(await kv.incr("n")).toBe(1);
  });

  it("refuses to increment a value that is not an integer", async () => {
    const kv = new MemoryKv();
    await kv.set("name", "Ada");
    await expect(kv.incr("name")).rejects.toThrow(/not an integer/);
  });
});
