import { describe, expect, it } from "vitest";
import { generatePassphrase, hashWithPassphrase, readPassphraseFromHash, stripPassphraseFromUrl } from "./fragment";

describe("readPassphraseFromHash / hashWithPassphrase", () => {
  it.each([
    "correct horse battery staple",
    "日本語のパスフレーズ",
    "密码🔑emoji👩‍👩‍👧",
    "a&b=c#d?e/f%g+h i",
    "k7vq-3mza-98xe-ppqr-w2hn-cd4f-tt6b",
  ])("reads back what it wrote: %s", (passphrase) => {
    const hash = hashWithPassphrase(passphrase);
    expect(hash).toMatch(/^#key=[A-Za-z0-9\-_.!~*'()%]+$/); // nothing that could end the param or the fragment
    expect(readPassphraseFromHash(hash)).toBe(passphrase);
  });

  it("finds the key among other params, with or without the leading #", () => {
    expect(readPassphraseFromHash("#key=abc&x=y")).toBe("abc");
    expect(readPassphraseFromHash("#x=1&key=abc&y=2")).toBe("abc");
    expect(readPassphraseFromHash("key=abc")).toBe("abc");
    expect(readPassphraseFromHash("#key=first&key=second")).toBe("first");
  });

  it("URL-decodes, but keeps a literal + (not form encoding)", () => {
    expect(readPassphraseFromHash("#key=%E6%97%A5%E6%9C%AC%20x")).toBe("日本 x");
    expect(readPassphraseFromHash("#key=a+b")).toBe("a+b");
  });

  it.each(["", "#", "#key=", "#key", "#key=&x=1", "#keys=abc", "#xkey=abc", "#x=key=abc", "#key=%zz", "#key=%E6%97"])(
    "finds no passphrase in %j",
    (hash) => {
      expect(readPassphraseFromHash(hash)).toBeNull();
    },
  );

  it("accepts up to 256 characters, counted as code points", () => {
    expect(readPassphraseFromHash(hashWithPassphrase("x".repeat(256)))).toBe("x".repeat(256));
    expect(readPassphraseFromHash(hashWithPassphrase("🔑".repeat(256)))).toBe("🔑".repeat(256));
    expect(readPassphraseFromHash(`#key=${"x".repeat(257)}`)).toBeNull();
    expect(readPassphraseFromHash(`#key=${encodeURIComponent("🔑".repeat(257))}`)).toBeNull();
  });

  it("refuses to write an empty or over-long passphrase", () => {
    expect(() => hashWithPassphrase("")).toThrow(RangeError);
    expect(() => hashWithPassphrase("x".repeat(257))).toThrow(RangeError);
  });

  it("gives composed and decomposed spellings of the same word the same passphrase", () => {
    const composed = "p\u00e4ss"; // ä as one code point
    const decomposed = "pa\u0308ss"; // a + combining diaeresis, as macOS keyboards may produce
    expect(readPassphraseFromHash(`#key=${encodeURIComponent(decomposed)}`)).toBe(composed);
    expect(hashWithPassphrase(decomposed)).toBe(hashWithPassphrase(composed));
  });
});

describe("generatePassphrase", () => {
  const alphabet = "abcdefghijkmnpqrstuvwxyz23456789";

  it("makes 7 groups of 4 unambiguous symbols (140 bits) that survive a link unchanged", () => {
    const passphrase = generatePassphrase();
    expect(passphrase).toMatch(/^[a-km-np-z2-9]{4}(-[a-km-np-z2-9]{4}){6}$/);
    expect(hashWithPassphrase(passphrase)).toBe(`#key=${passphrase}`);
    expect(readPassphraseFromHash(`#key=${passphrase}`)).toBe(passphrase);
  });

  it("never repeats and uses the whole alphabet", () => {
    const passphrases = Array.from({ length: 500 }, generatePassphrase);
    expect(new Set(passphrases).size).toBe(500);
    // 14 000 symbols: the chance that one of 32 symbols never appears is below 10^-190.
    const used = new Set(passphrases.join("").replaceAll("-", ""));
    expect([...used].sort().join("")).toBe([...alphabet].sort().join(""));
  });
});

describe("stripPassphraseFromUrl", () => {
  const page = "https://meet.example.org/m/abc-defg-hij";

  it.each([
    [`${page}#key=abc`, page],
    [`${page}#x=1&key=abc&y=2`, `${page}#x=1&y=2`],
    [`${page}#key=abc&x=y`, `${page}#x=y`],
    [`${page}#key`, page],
    [`${page}#key=a&key=b`, page],
    [`${page}#`, page],
    [`${page}#keys=1`, `${page}#keys=1`],
    [`${page}?key=query#key=abc`, `${page}?key=query`],
    [page, page],
    ["/m/abc-defg-hij#key=abc&lang=zh", "/m/abc-defg-hij#lang=zh"],
  ])("%s → %s", (url, expected) => {
    expect(stripPassphraseFromUrl(url)).toBe(expected);
  });

  it("leaves no trace of a generated passphrase", () => {
    const passphrase = generatePassphrase();
    const stripped = stripPassphraseFromUrl(`${page}${hashWithPassphrase(passphrase)}&embed=1`);
    expect(stripped).toBe(`${page}#embed=1`);
    expect(stripped).not.toContain(passphrase);
  });
});
