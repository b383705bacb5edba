import { describe, expect, it } from "vitest";
import { COMPRESSION_RATIO_LIMIT, textCompressionRatio } from "./whisper";

describe("textCompressionRatio (the fallback's loop check)", () => {
  it("passes ordinary sentences, English and Chinese", async () => {
    expect(await textCompressionRatio("And so, my fellow Americans, ask not what your country can do for you.")).toBeLessThan(COMPRESSION_RATIO_LIMIT);
    expect(await textCompressionRatio("甚至出现交易几乎停滞的情况。广州市房地产中介协会分析。")).toBeLessThan(COMPRESSION_RATIO_LIMIT);
  });

  it("fails a repetition loop, as Whisper base writes one on hard audio", async () => {
    expect(await textCompressionRatio("I don't know. ".repeat(12))).toBeGreaterThan(COMPRESSION_RATIO_LIMIT);
    expect(await textCompressionRatio("三王".repeat(40))).toBeGreaterThan(COMPRESSION_RATIO_LIMIT);
  });

  it("is 0 for no text", async () => {
    expect(await textCompressionRatio("")).toBe(0);
  });
});
