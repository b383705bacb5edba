import { describe, expect, it } from "vitest";
import { formatBytes, formatDuration } from "./format";

describe("formatDuration", () => {
  it("reads like a player's clock", () => {
    expect(formatDuration(0)).toBe("0:00");
    expect(formatDuration(15_400)).toBe("0:15");
    expect(formatDuration(65_000)).toBe("1:05");
    expect(formatDuration(3_723_000)).toBe("1:02:03");
    expect(formatDuration(-5)).toBe("0:00");
  });
});

describe("formatBytes", () => {
  it("uses decimal units in the reader's language", () => {
    expect(formatBytes(999, "en")).toBe("999 byte");
    expect(formatBytes(5_242_880, "en")).toBe("5.2 MB");
    expect(formatBytes(1_500_000_000, "en")).toBe("1.5 GB");
    expect(formatBytes(2_000, "zh-CN")).toMatch(/^2\s?kB$/);
  });
});
