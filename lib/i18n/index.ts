import { en } from "./messages/en";
import { zhCN } from "./messages/zh-CN";

/**
 * Every UI string goes through these catalogs. Each locale's catalog has the type of the English
 * one, so a missing key is a compile error. The locale is chosen per request (lib/i18n/server.ts).
 */
export type Messages = typeof en;
export const locales = ["en", "zh-CN"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "en";
/** The cookie that remembers a person's choice of language (set by the language switcher). */
export const LOCALE_COOKIE = "parley_locale";
/** Request header proxy.ts sets from a `?lang=` query parameter. */
export const LOCALE_HEADER = "x-parley-locale";

const catalogs: Record<Locale, Messages> = { en, "zh-CN": zhCN };

/** Each language named in itself, for the switcher. */
export const localeNames: Record<Locale, string> = { en: "English", "zh-CN": "简体中文" };

type Leaves<T, P extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

export type MessageKey = Leaves<Messages>;
export type MessageVars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: MessageVars) => string;

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

/**
 * The best of our locales for an Accept-Language header (or navigator.languages joined by commas):
 * the first listed language we have, by quality. Any Chinese tag picks zh-CN, the only Chinese
 * catalog (a Traditional-Chinese reader still gets Chinese rather than English).
 */
export function matchLocale(acceptLanguage: string | null | undefined): Locale {
  if (!acceptLanguage) return defaultLocale;
  const ranked = acceptLanguage
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const quality = q ? Number(q.slice(2)) : 1;
      return { tag: tag.toLowerCase(), quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((entry) => entry.tag && entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const { tag } of ranked) {
    if (tag === "zh" || tag.startsWith("zh-")) return "zh-CN";
    if (tag === "en" || tag.startsWith("en-")) return "en";
  }
  return defaultLocale;
}

export function getMessages(locale: Locale = defaultLocale): Messages {
  return catalogs[locale];
}

/** `t("meeting.participants", { count: 3 })` → "Participants (3)"; `{name}` placeholders. */
export function createTranslator(messages: Messages): Translate {
  return (key, vars) => {
    let node: unknown = messages;
    for (const part of key.split(".")) node = (node as Record<string, unknown> | undefined)?.[part];
    if (typeof node !== "string") return key;
    return vars ? node.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : node;
  };
}

export function getTranslator(locale: Locale = defaultLocale): Translate {
  return createTranslator(getMessages(locale));
}
