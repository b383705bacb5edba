import { describe, expect, it } from "vitest";
import { checkKey, checkPartNumber, checkPrefix } from "./keys";

describe("object keys", () => {
  it.each(["recordings/abc-defg-hij/3f2a.webm", "a", "poster_1.jpg", "x/y/z.v2.mp4"])("accepts %s", (key) => {
    expect(checkKey(key)).toBe(key);
  });
  it.each(["", "/abs", "a//b", "../etc/passwd", "a/../b", "a/./b", ".hidden", "a/b/", "spaces here", "ünicode", "a\\b", "x".repeat(513)])("refuses %j", (key) => {
    expect(() => checkKey(key)).toThrow(/valid object key/);
  });
  it("takes prefixes that end in a slash or mid-segment", () => {
    expect(checkPrefix("recordings/")).toBe("recordings/");
    expect(checkPrefix("recordings/ab")).toBe("recordings/ab");
    expect(checkPrefix("")).toBe("");
    expect(() => checkPrefix("../")).toThrow();
  });
  it("takes part numbers 1–10000", () => {
    expect(checkPartNumber(1)).toBe(1);
    expect(() => checkPartNumber(0)).toThrow();
    expect(() => checkPartNumber(10_001)).toThrow();
    expect(() => checkPartNumber(1.5)).toThrow();
  });
});
