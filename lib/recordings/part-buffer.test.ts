import { describe, expect, it } from "vitest";
import { MIN_PART_BYTES, PartBuffer, retryDelayMs } from "./part-buffer";

const chunk = (bytes: number) => new Blob([new Uint8Array(bytes)], { type: "video/webm" });

describe("PartBuffer", () => {
  it("hands out numbered parts of at least 5 MiB and a small last part, losing no byte", async () => {
    const buffer = new PartBuffer();
    const parts: Array<{ partNumber: number; body: Blob }> = [];
    let total = 0;
    for (let i = 0; i < 40; i++) {
      const size = 300_000 + i * 1000;
      total += size;
      const part = buffer.push(chunk(size));
      if (part) parts.push(part);
    }
    const last = buffer.flush();
    expect(last).not.toBeNull();
    parts.push(last!);
    expect(parts.map((p) => p.partNumber)).toEqual(parts.map((_, i) => i + 1));
    for (const p of parts.slice(0, -1)) expect(p.body.size).toBeGreaterThanOrEqual(MIN_PART_BYTES);
    expect(parts.reduce((sum, p) => sum + p.body.size, 0)).toBe(total);
    expect(parts[0].body.type).toBe("video/webm");
    expect(buffer.flush()).toBeNull();
  });

  it("keeps the chunks' order inside a part", async () => {
    const buffer = new PartBuffer(4);
    expect(buffer.push(new Blob([new Uint8Array([1, 2])]))).toBeNull();
    expect(buffer.pendingBytes).toBe(2);
    const part = buffer.push(new Blob([new Uint8Array([3, 4, 5])]));
    expect([...new Uint8Array(await part!.body.arrayBuffer())]).toEqual([1, 2, 3, 4, 5]);
    expect(buffer.push(new Blob([]))).toBeNull();
  });
});

describe("retryDelayMs", () => {
  it("backs off from about a second to at most about 30 s", () => {
    expect(retryDelayMs(1, () => 0.5)).toBe(1000);
    expect(retryDelayMs(3, () => 0.5)).toBe(4000);
    expect(retryDelayMs(20, () => 0.5)).toBe(30_000);
    expect(retryDelayMs(20, () => 1)).toBeLessThanOrEqual(37_500);
  });
});
