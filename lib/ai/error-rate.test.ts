import { describe, expect, it } from "vitest";
import { charErrorRate, normalizeWords, wordErrorRate } from "./error-rate";

describe("wordErrorRate", () => {
  it("ignores case, punctuation and spacing", () => {
    expect(wordErrorRate("And so, my fellow Americans: ask not!", "and so my fellow americans ask not")).toEqual({ errors: 0, length: 7, rate: 0 });
    expect(normalizeWords("don't 'quote' me")).toEqual(["don't", "quote", "me"]);
  });

  it("counts substitutions, insertions and deletions", () => {
    expect(wordErrorRate("ask not what your country can do", "asked not what the country can do for").errors).toBe(3);
    expect(wordErrorRate("one two three", "").rate).toBe(1);
    expect(wordErrorRate("", "noise").rate).toBe(1);
    expect(wordErrorRate("", "").rate).toBe(0);
  });
});

describe("charErrorRate", () => {
  it("compares Chinese character by character, without punctuation", () => {
    expect(charErrorRate("今天天气很好。", "今天天气很好")).toEqual({ errors: 0, length: 6, rate: 0 });
    expect(charErrorRate("今天天气很好", "今天天汽很好啊").errors).toBe(2);
  });
});
