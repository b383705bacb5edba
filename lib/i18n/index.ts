import { en } from "./messages/en";

/**
 * Every UI string goes through this catalog. English ships now; zh-CN adds a
 * second catalog of the same shape (the type below makes a missing key a compile error).
 */
export type Messages = typeof en;
export type Locale = "en";
export const defaultLocale: Locale = "en";

const catalogs: Record<Locale, Messages> = { en };

type Leaves<T, P extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

export type MessageKey = Leaves<Messages>;
export type MessageVars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: MessageVars) => string;

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
