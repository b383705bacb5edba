"use client";

import { useRouter } from "next/navigation";
import { useId } from "react";
import { useLocale, useT } from "@/components/i18n/i18n-provider";
import { LOCALE_COOKIE, isLocale, localeNames, locales } from "@/lib/i18n";
import { THEME_COOKIE, readTheme, themes, type Theme } from "@/lib/theme";

const ONE_YEAR = 60 * 60 * 24 * 365;

function remember(name: string, value: string) {
  document.cookie = `${name}=${encodeURIComponent(value)}; path=/; max-age=${ONE_YEAR}; samesite=lax`;
}

/** Language and theme pickers; each choice is remembered in a cookie and applies at once. */
export function Preferences({ theme }: { theme: Theme }) {
  const t = useT();
  const locale = useLocale();
  const router = useRouter();
  const languageId = useId();
  const themeId = useId();
  return (
    <div className="row preferences">
      <label className="sr-only" htmlFor={languageId}>
        {t("shell.language")}
      </label>
      <select
        id={languageId}
        className="select-compact"
        value={locale}
        onChange={(e) => {
          if (!isLocale(e.target.value)) return;
          remember(LOCALE_COOKIE, e.target.value);
          router.refresh();
        }}
      >
        {locales.map((l) => (
          <option key={l} value={l} lang={l}>
            {localeNames[l]}
          </option>
        ))}
      </select>
      <label className="sr-only" htmlFor={themeId}>
        {t("shell.theme")}
      </label>
      <select
        id={themeId}
        className="select-compact"
        defaultValue={theme}
        onChange={(e) => {
          const chosen = readTheme(e.target.value);
          remember(THEME_COOKIE, chosen);
          document.documentElement.dataset.theme = chosen;
        }}
      >
        {themes.map((option) => (
          <option key={option} value={option}>
            {t(`shell.themes.${option}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
