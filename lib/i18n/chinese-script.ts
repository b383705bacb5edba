/**
 * Which Chinese script a reader sees captions and transcripts in, whatever script Whisper wrote:
 * Whisper often writes Traditional characters (換, 們) for Mandarin speech, and a reader in Taipei
 * wants 繁體 where one in Beijing wants 简体. Transcripts store what was recognised; conversion
 * happens on display, with OpenCC's dictionaries (opencc-js). Browser-safe.
 */
export const CHINESE_SCRIPTS = ["simplified", "traditional-tw", "traditional-hk"] as const;
export type ChineseScript = (typeof CHINESE_SCRIPTS)[number];

export function isChineseScript(value: unknown): value is ChineseScript {
  return typeof value === "string" && (CHINESE_SCRIPTS as readonly string[]).includes(value);
}

/**
 * The script of the reader's first Chinese language preference (navigator.languages): zh-TW and
 * zh-Hant → Taiwan's 繁體, zh-HK and zh-MO → Hong Kong's, any other Chinese (zh-CN, zh-SG, zh-Hans,
 * zh) or none at all → 简体.
 */
export function chineseScriptFor(languages: readonly string[]): ChineseScript {
  for (const language of languages) {
    const tag = language.toLowerCase();
    if (tag !== "zh" && !tag.startsWith("zh-")) continue;
    if (tag.includes("-hans")) return "simplified";
    if (/^zh-(hant-)?(hk|mo)\b/.test(tag)) return "traditional-hk";
    if (tag.startsWith("zh-hant") || /^zh-tw\b/.test(tag)) return "traditional-tw";
    return "simplified";
  }
  return "simplified";
}

/** The BCP 47 tag for text in that script (the lang attribute picks the right glyphs). */
export function chineseLangTag(script: ChineseScript): string {
  return script === "simplified" ? "zh-CN" : script === "traditional-hk" ? "zh-HK" : "zh-TW";
}

/** Any CJK Unified Ideograph: text without one needs no conversion. */
export function hasHan(text: string): boolean {
  return /\p{Script=Han}/u.test(text);
}

export type ChineseConverter = (text: string) => string;

/**
 * A converter to `script`, loading only the dictionary it needs (Traditional → Simplified is
 * ~110 kB, Simplified → Traditional ~1.1 MB), so most readers never download the larger one.
 * Converting text that is already in the target script leaves it as it is.
 */
export async function loadChineseConverter(script: ChineseScript): Promise<ChineseConverter> {
  const convert =
    script === "simplified"
      ? (await import("opencc-js/t2cn")).Converter({ from: "t", to: "cn" })
      : (await import("opencc-js/cn2t")).Converter({ from: "cn", to: script === "traditional-hk" ? "hk" : "tw" });
  return (text) => (hasHan(text) ? convert(text) : text);
}
