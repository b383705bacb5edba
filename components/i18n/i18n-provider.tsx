"use client";

import "@/lib/zod-jitless";
import { createContext, useContext, useMemo, type ReactNode } from "react";
import { createTranslator, getMessages, type Locale, type Translate } from "@/lib/i18n";

type I18n = { locale: Locale; t: Translate };

const I18nContext = createContext<I18n | null>(null);

/** The request's language (chosen on the server, lib/i18n/server.ts) for every client component. */
export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  const value = useMemo(() => ({ locale, t: createTranslator(getMessages(locale)) }), [locale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error("useT() and useLocale() need <I18nProvider> above them");
  return i18n;
}

export function useT(): Translate {
  return useI18n().t;
}

/** The BCP 47 tag for Intl formatters and `lang` attributes. */
export function useLocale(): Locale {
  return useI18n().locale;
}
