import { describe, expect, it } from "vitest";
import { WhisperTokenizer, completeUtf8Length, type WhisperTokens } from "./whisper-tokenizer";

/**
 * A small vocabulary in Whisper's layout. Its pieces are GPT-2 byte-level strings (worked out with
 * models/whisper/reference.py): "ä½ł" is the three UTF-8 bytes of 你, "å¥½" those of 好; ids 5 and 6
 * split 会 (e4 bc 9a) after its first two bytes; "Ã©" is é.
 */
const VOCAB = ["ĠHello", ",", "Ġworld", "ä½ł", "å¥½", "ä¼", "ļ", "Ã©", "Ġcaf", "<|endoftext|>", "<|startoftranscript|>", "<|en|>", "<|0.00|>"];
const TOKENS: WhisperTokens = {
  special: { eot: 9, sot: 10, translate: 98, transcribe: 99, startOfLm: 97, startOfPrev: 96, noSpeech: 95, noTimestamps: 94, timestampBegin: 12 },
  languages: { en: 11 },
  suppressTokens: [],
  suppressAtBegin: [],
  vocab: VOCAB,
};

describe("WhisperTokenizer", () => {
  const tokenizer = new WhisperTokenizer(TOKENS);

  it("decodes English, turning the Ġ marker back into a space", () => {
    expect(tokenizer.decode([0, 1, 2])).toBe("Hello, world");
    expect(tokenizer.decode([8, 7])).toBe("café");
  });

  it("decodes Chinese, whose characters are three UTF-8 bytes", () => {
    expect(tokenizer.decode([3, 4])).toBe("你好");
  });

  it("joins a character split across two tokens, and holds back its first half in a partial", () => {
    expect(tokenizer.decode([3, 5, 6])).toBe("你会");
    expect(tokenizer.decode([3, 5], { complete: true })).toBe("你");
    expect(tokenizer.decode([3, 5])).toBe("你\uFFFD");
  });

  it("skips special, language and timestamp tokens", () => {
    expect(tokenizer.decode([10, 11, 0, 12, 9])).toBe("Hello");
    expect(tokenizer.isText(9)).toBe(false);
    expect(tokenizer.isText(8)).toBe(true);
  });
});

describe("completeUtf8Length", () => {
  it("cuts only an unfinished trailing sequence", () => {
    const bytes = new TextEncoder().encode("a你");
    expect(completeUtf8Length(bytes)).toBe(4);
    expect(completeUtf8Length(bytes.subarray(0, 3))).toBe(1);
    expect(completeUtf8Length(bytes.subarray(0, 2))).toBe(1);
    expect(completeUtf8Length(new TextEncoder().encode("😀").subarray(0, 3))).toBe(0);
    expect(completeUtf8Length(new Uint8Array(0))).toBe(0);
  });
});
