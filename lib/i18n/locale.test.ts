import { describe, expect, it } from "vitest";
import { createTranslator, getMessages, isLocale, matchLocale } from ".";

describe("matchLocale", () => {
  it.each([
    [undefined, "en"],
    ["", "en"],
    ["zh-CN,zh;q=0.9,en;q=0.8", "zh-CN"],
    ["zh-TW", "zh-CN"],
    ["en-US,en;q=0.9", "en"],
    ["fr-FR,zh;q=0.5", "zh-CN"],
    ["en;q=0.4,zh;q=0.8", "zh-CN"],
    ["zh;q=0,en", "en"],
    ["de,fr", "en"],
    ["*", "en"],
  ])("%s → %s", (header, expected) => {
    expect(matchLocale(header)).toBe(expected);
  });
});

describe("isLocale", () => {
  it("accepts only the locales we ship", () => {
    expect(isLocale("zh-CN")).toBe(true);
    expect(isLocale("en")).toBe(true);
    expect(isLocale("zh")).toBe(false);
    expect(isLocale(undefined)).toBe(false);
  });
});

describe("translators", () => {
  it("fills placeholders in each language", () => {
    const zh = createTranslator(getMessages("zh-CN"));
    const en = createTranslator(getMessages("en"));
    expect(en("meeting.notFound", { code: "abc-defg-hij" })).toContain("abc-defg-hij");
    expect(zh("meeting.notFound", { code: "abc-defg-hij" })).toContain("abc-defg-hij");
    expect(zh("common.signIn")).not.toBe(en("common.signIn"));
  });
});
