import { describe, expect, it } from "vitest";
import { chineseLangTag, chineseScriptFor, hasHan, loadChineseConverter } from "./chinese-script";

describe("chineseScriptFor", () => {
  it("follows the reader's first Chinese preference", () => {
    expect(chineseScriptFor(["zh-CN", "en"])).toBe("simplified");
    expect(chineseScriptFor(["en-US", "zh-TW"])).toBe("traditional-tw");
    expect(chineseScriptFor(["zh-HK"])).toBe("traditional-hk");
    expect(chineseScriptFor(["zh-Hant-HK"])).toBe("traditional-hk");
    expect(chineseScriptFor(["zh-Hant"])).toBe("traditional-tw");
    expect(chineseScriptFor(["zh-Hans-HK"])).toBe("simplified");
    expect(chineseScriptFor(["zh"])).toBe("simplified");
    expect(chineseScriptFor(["en-GB", "fr"])).toBe("simplified");
  });

  it("tags text for the right glyphs", () => {
    expect(chineseLangTag("simplified")).toBe("zh-CN");
    expect(chineseLangTag("traditional-tw")).toBe("zh-TW");
    expect(chineseLangTag("traditional-hk")).toBe("zh-HK");
  });
});

describe("loadChineseConverter", () => {
  it("writes Whisper's Traditional characters in Simplified for a zh-CN reader, and leaves Simplified text alone", async () => {
    const toSimplified = await loadChineseConverter("simplified");
    expect(toSimplified("換一首歌。")).toBe("换一首歌。");
    expect(toSimplified("甚至出現交易幾乎停滯的情況")).toBe("甚至出现交易几乎停滞的情况");
    expect(toSimplified("甚至出现交易几乎停滞的情况")).toBe("甚至出现交易几乎停滞的情况");
  });

  it("writes Simplified in Traditional for Taiwan and Hong Kong readers", async () => {
    expect(await loadChineseConverter("traditional-tw").then((c) => c("换一首歌，广州市房地产中介协会分析"))).toBe("換一首歌，廣州市房地產中介協會分析");
    expect(await loadChineseConverter("traditional-hk").then((c) => c("换一首歌"))).toBe("換一首歌");
  });

  it("passes text without Chinese characters through untouched", async () => {
    const toTraditional = await loadChineseConverter("traditional-tw");
    expect(hasHan("Hello, world")).toBe(false);
    expect(toTraditional("Hello, world")).toBe("Hello, world");
  });
});
