import { describe, expect, it } from "vitest";
import { generateMeetingCode, isMeetingCode, normalizeMeetingCode } from "./code";

describe("meeting codes", () => {
  it("generates codes shaped abc-defg-hij", () => {
    const codes = new Set(Array.from({ length: 200 }, generateMeetingCode));
    for (const code of codes) expect(code).toMatch(/^[a-z]{3}-[a-z]{4}-[a-z]{3}$/);
    expect(codes.size).toBe(200);
  });

  it("normalises what people paste", () => {
    expect(normalizeMeetingCode(" ABC-DEFG-HIJ ")).toBe("abc-defg-hij");
    expect(normalizeMeetingCode("https://parley.example/m/abc-defg-hij?x=1")).toBe("abc-defg-hij");
    expect(normalizeMeetingCode("abcdefghij")).toBe("abc-defg-hij");
    expect(normalizeMeetingCode("abc defg hij")).toBe("abc-defg-hij");
  });

  it("rejects anything else", () => {
    expect(normalizeMeetingCode("abc-defg-hi")).toBeNull();
    expect(normalizeMeetingCode("https://evil.example/abcdefghij1")).toBeNull();
    expect(normalizeMeetingCode("")).toBeNull();
    expect(isMeetingCode("abc-defg-hij; drop table")).toBe(false);
  });
});
