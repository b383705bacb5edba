import { describe, expect, it } from "vitest";
import { decodeCaptionSignal, postCaptionSchema } from "./captions";

describe("caption requests", () => {
  const ok = { segmentId: crypto.randomUUID(), final: true, language: "zh", startedAt: "2026-12-02T08:00:00.000Z", endedAt: "2026-12-02T08:00:04.500Z", text: " 大家好 " };

  it("accepts a segment and trims its text", () => {
    expect(postCaptionSchema.parse(ok)).toMatchObject({ language: "zh", text: "大家好" });
  });

  it("refuses a segment that ends before it starts, lasts over a minute, is empty or in another language", () => {
    for (const bad of [
      { ...ok, endedAt: "2026-12-02T07:59:59.000Z" },
      { ...ok, endedAt: "2026-12-02T08:01:01.000Z" },
      { ...ok, text: "   " },
      { ...ok, language: "fr" },
      { ...ok, segmentId: "1" },
      { ...ok, final: "yes" },
    ]) {
      expect(postCaptionSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it("decodes what the server relays and nothing else", () => {
    const signal = { segmentId: "s", identity: "u1", name: "Ada", language: "en", final: false, startedAt: ok.startedAt, endedAt: ok.endedAt, text: "ask not" };
    expect(decodeCaptionSignal(new TextEncoder().encode(JSON.stringify(signal)))).toEqual(signal);
    expect(decodeCaptionSignal(new TextEncoder().encode("not json"))).toBeNull();
    expect(decodeCaptionSignal(new TextEncoder().encode(JSON.stringify({ ...signal, language: "de" })))).toBeNull();
  });
});
