import { describe, expect, it } from "vitest";
import { parseRangeHeader, resolveRange } from "./range";

describe("ranges", () => {
  it.each([
    ["bytes=0-99", { start: 0, end: 99 }],
    ["bytes=100-", { start: 100 }],
    ["bytes=-100", { start: 900 }],
    ["bytes=-5000", { start: 0 }],
    ["bytes=0-1,5-6", null],
    ["items=0-1", null],
    ["bytes=-", null],
    [null, null],
  ])("parses %j", (header, range) => {
    expect(parseRangeHeader(header, 1000)).toEqual(range);
  });

  it("clamps the end and refuses ranges outside the object", () => {
    expect(resolveRange({ start: 10, end: 5000 }, 1000)).toEqual({ start: 10, end: 999 });
    expect(resolveRange({ start: 0 }, 1)).toEqual({ start: 0, end: 0 });
    expect(() => resolveRange({ start: 1000 }, 1000)).toThrow(/past the end/);
    expect(() => resolveRange({ start: 5, end: 4 }, 1000)).toThrow(/before it starts/);
  });
});
